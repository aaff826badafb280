"""``filmkit app``: the landing page lists every module and app, and the command serves them with code hidden."""

import re
from pathlib import Path

import nbformat

from filmkit import cli
from filmkit.tools import app

ROOT = Path(__file__).resolve().parents[2]


def test_landing_page_links_every_module_and_app():
    landing = "\n".join(c.source for c in nbformat.read(ROOT / app.LANDING, as_version=4).cells)
    links = set(re.findall(r"\]\(([^)]+\.ipynb)\)", landing))
    modules = {f"../notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    apps = {p.name for p in (ROOT / "apps").glob("*.ipynb") if p.name != "index.ipynb"}
    assert modules | apps == links


def test_command_serves_the_kit_with_code_hidden():
    command = app.voila_command(ROOT, 8899)
    assert command[1:4] == ["-m", "voila", str(ROOT)]
    assert "--VoilaConfiguration.strip_sources=True" in command and "--port=8899" in command
    assert app.landing_url(8899).endswith("/voila/render/apps/index.ipynb")


def test_commands_are_on_the_filmkit_command_line(capsys):
    for name in ("app", "slides", "handouts"):
        assert name in cli.COMMANDS
        try:
            cli.main([name, "--help"])
        except SystemExit as exc:
            assert exc.code == 0
        assert f"filmkit {name}" in capsys.readouterr().out
