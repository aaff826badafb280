"""``filmkit app``: the landing page lists every module and app, and the command serves them with code hidden."""

import re
from pathlib import Path

import nbformat
import pytest

from filmkit import cli
from filmkit.classroom import app

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


# ---- editions: a small fake kit with a Spanish edition --------------------------------------------------------

def _fake_kit(root: Path, langs=("es",)) -> Path:
    """The folders ``project_root`` looks for, English modules and the editions' notebooks and landing pages."""
    for folder in ("notebooks", "apps", "exercises", "data"):
        (root / folder).mkdir(parents=True)
    for lang in ("en", *langs):
        sub = "" if lang == "en" else lang
        for name in ("00_start_here.ipynb", "01_the_eternaut_case.ipynb"):
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# [{lang}] {name}")])
            (root / "notebooks" / sub).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, root / "notebooks" / sub / name)
        (root / "apps" / sub).mkdir(parents=True, exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# [{lang}] apps")]),
                       root / "apps" / sub / "index.ipynb")
    return root


class _Voila:
    """Stands for the Voila process: records how it was started."""

    started: list = []

    def __init__(self, command, cwd=None, env=None):
        _Voila.started.append({"command": command, "cwd": cwd, "env": env})

    def wait(self, timeout=None):
        return 0


def test_app_serves_the_spanish_edition_with_filmkit_lang_in_its_environment(tmp_path, monkeypatch, capsys):
    kit = _fake_kit(tmp_path / "kit")
    monkeypatch.chdir(kit)
    monkeypatch.setattr(app.subprocess, "Popen", _Voila)
    monkeypatch.delenv("FILMKIT_LANG", raising=False)
    _Voila.started.clear()
    assert app.main(["--lang", "es", "--port", "8899"]) == 0
    run = _Voila.started[-1]
    assert run["command"] == app.voila_command(kit, 8899) and run["cwd"] == kit
    assert run["env"]["FILMKIT_LANG"] == "es", "Voila's kernels inherit the language"
    assert "/voila/render/apps/es/index.ipynb" in capsys.readouterr().out
    assert app.landing("es") == "apps/es/index.ipynb" and app.landing("es_AR") == "apps/es/index.ipynb"
    assert app.landing_url(8899, lang="es").endswith("/voila/render/apps/es/index.ipynb")
    assert app.landing_url(8899) == app.landing_url(8899, lang="en")
    # a region keeps its number formats in the kernels; FILMKIT_LANG is the default
    assert app.main(["--lang", "es_AR", "--port", "8899"]) == 0
    assert _Voila.started[-1]["env"]["FILMKIT_LANG"] == "es_AR"
    monkeypatch.setenv("FILMKIT_LANG", "es")
    assert app.main(["--port", "8899"]) == 0
    assert _Voila.started[-1]["env"]["FILMKIT_LANG"] == "es"
    assert "/voila/render/apps/es/index.ipynb" in capsys.readouterr().out
    # an edition that is not built is said so, and nothing starts
    count = len(_Voila.started)
    assert app.main(["--lang", "fr"]) == 2
    assert len(_Voila.started) == count and "apps/fr/index.ipynb" in capsys.readouterr().err


def test_slides_read_the_editions_notebooks(tmp_path, monkeypatch):
    from filmkit.classroom import slides

    kit = _fake_kit(tmp_path / "kit")
    out = tmp_path / "slides"
    [(lang, folder, notebooks)] = slides.plan(kit, "es", [], out)
    assert (lang, folder) == ("es", out)
    assert notebooks == sorted((kit / "notebooks" / "es").glob("*.ipynb")) and len(notebooks) == 2
    monkeypatch.setenv("FILMKIT_LANG", "es")
    assert slides.plan(kit, None, [], out)[0][2] == notebooks, "FILMKIT_LANG is the default"
    monkeypatch.delenv("FILMKIT_LANG")
    assert slides.plan(kit, None, [], out)[0][2] == sorted((kit / "notebooks").glob("*.ipynb"))
    with pytest.raises(slides.NothingToConvert, match="notebooks/fr"):
        slides.plan(kit, "fr", [], out)
    _fake_kit(tmp_path / "all", langs=("es", "fr"))
    steps = slides.plan(tmp_path / "all", "all", [], out)
    assert [(code, folder) for code, folder, _nbs in steps] == [("en", out / "en"), ("es", out / "es"), ("fr", out / "fr")]
    for code, _folder, notebooks in steps:
        assert {nb.parent for nb in notebooks} == {tmp_path / "all" / "notebooks" / ("" if code == "en" else code)}


def test_slides_of_an_edition_are_written_in_its_language(tmp_path, monkeypatch, capsys):
    from filmkit.classroom import slides

    try:
        reveal = slides.find_reveal(ROOT)
    except slides.RevealMissing as exc:
        pytest.skip(str(exc))
    kit = _fake_kit(tmp_path / "kit")
    nb = nbformat.read(kit / "notebooks" / "es" / "01_the_eternaut_case.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("w", outputs=[nbformat.v4.new_output(
        "display_data", data={slides.WIDGET_MIME: {"model_id": "x"}, "text/plain": "w"})]))
    nbformat.write(nb, kit / "notebooks" / "es" / "01_the_eternaut_case.ipynb")
    monkeypatch.chdir(kit)
    monkeypatch.setenv("FILMKIT_REVEAL_JS", str(reveal))
    assert slides.main([str(tmp_path / "out"), "--lang", "es"]) == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in index and "01_the_eternaut_case" in index
    deck = (tmp_path / "out" / "01_the_eternaut_case.slides.html").read_text(encoding="utf-8")
    assert "[es] 01_the_eternaut_case" in deck and "filmkit-live-note" in deck
    assert not (tmp_path / "out" / "00_start_here.slides.html").read_text(encoding="utf-8").count("[en]")


def test_the_filmkit_command_takes_a_language_for_every_command(capsys, monkeypatch):
    from filmkit.i18n import language

    monkeypatch.delenv("FILMKIT_LANG", raising=False)
    try:
        cli.main(["--lang", "es", "app", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "--lang" in capsys.readouterr().out
    assert language() == "en", "the language is the command's only"
    assert cli.main(["--lang", "de", "app"]) == 2
    assert "de" in capsys.readouterr().err
    assert cli.main(["--lang=fr", "--help"]) == 0 and "--lang" in capsys.readouterr().out
