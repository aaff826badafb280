"""``filmkit app``: the landing page lists every module and app, and the command serves them with code hidden."""

import re
import shutil
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


def test_command_serves_a_folder_with_code_hidden_and_the_landing_page_at_the_root(tmp_path):
    command = app.voila_command(tmp_path, 8899, lang="es")
    assert command[1:5] == ["-m", "filmkit.classroom.app", app.VOILA, str(tmp_path)]
    assert "--VoilaConfiguration.strip_sources=True" in command and "--port=8899" in command
    assert "--LandingVoila.landing=apps/es/index.ipynb" in command
    assert app.landing_url(8899) == "http://127.0.0.1:8899/"


def test_the_app_serves_the_student_release_not_the_checkout():
    from filmkit.classroom.release import leaks

    folder = app.student_folder(ROOT, "en")
    try:
        assert (folder / app.LANDING).is_file() and (folder / "notebooks" / "02_cost_and_time.ipynb").is_file()
        assert not (folder / "instructors").exists() and not (folder / "tests").exists()
        assert not (folder / "deploy").exists() and not (folder / ".git").exists()
        assert leaks(folder, ROOT) == []
    finally:
        shutil.rmtree(folder.parent)
    assert not folder.parent.exists()


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


def _release_of(served: Path):
    """Stands for the student release: a copy of the fake kit in a temporary folder, recorded."""
    def student_folder(root, lang):
        target = served / f"run{len(list(served.iterdir()))}" / "kit"
        shutil.copytree(root, target)
        return target
    return student_folder


def test_app_serves_the_spanish_edition_with_filmkit_lang_in_its_environment(tmp_path, monkeypatch, capsys):
    kit = _fake_kit(tmp_path / "kit")
    served = tmp_path / "served"
    served.mkdir()
    monkeypatch.chdir(kit)
    monkeypatch.setattr(app.subprocess, "Popen", _Voila)
    monkeypatch.setattr(app, "student_folder", _release_of(served))
    monkeypatch.delenv("FILMKIT_LANG", raising=False)
    _Voila.started.clear()
    assert app.main(["--lang", "es", "--port", "8899"]) == 0
    run = _Voila.started[-1]
    assert run["command"] == app.voila_command(run["cwd"], 8899, lang="es") and run["cwd"].parent.parent == served
    assert not run["cwd"].exists(), "the served copy is removed when the app stops"
    assert run["env"]["FILMKIT_LANG"] == "es", "Voila's kernels inherit the language"
    assert "--LandingVoila.landing=apps/es/index.ipynb" in run["command"]
    assert "http://127.0.0.1:8899/" in capsys.readouterr().out
    assert app.landing("es") == "apps/es/index.ipynb" and app.landing("es_AR") == "apps/es/index.ipynb"
    # a region keeps its number formats in the kernels; FILMKIT_LANG is the default
    assert app.main(["--lang", "es_AR", "--port", "8899"]) == 0
    assert _Voila.started[-1]["env"]["FILMKIT_LANG"] == "es_AR"
    monkeypatch.setenv("FILMKIT_LANG", "es")
    assert app.main(["--port", "8899"]) == 0
    assert _Voila.started[-1]["env"]["FILMKIT_LANG"] == "es"
    assert "--LandingVoila.landing=apps/es/index.ipynb" in _Voila.started[-1]["command"]
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
