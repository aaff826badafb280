"""The student release: what students get, nothing an instructor keeps, and it runs on its own."""

import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from filmkit.classroom import release

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "class"
    release.release(out, echo=lambda *_: None)
    return out


def test_release_holds_no_instructor_material(made):
    names = {p.name for p in made.rglob("*")}
    for forbidden in ("answer_key.py", "rubrics.csv", "lesson_plans.csv", "instructor_guide.md", "solutions",
                      "instructors", "tests"):
        assert forbidden not in names, forbidden
    assert release.leaks(made) == []
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in made.rglob("*")
                           if p.is_file() and ".git" not in p.parts and p.suffix in (".ipynb", ".md", ".csv", ".py"))
    for source in (ROOT / "instructors" / "exercises").glob("*.ipynb"):
        for cell in nbformat.read(source, as_version=4).cells:
            if "BEGIN SOLUTION" in cell.source:
                body = cell.source.split("BEGIN SOLUTION", 1)[1].split("END SOLUTION", 1)[0]
                for line in body.splitlines():
                    if len(line.strip()) > 25:
                        assert line.strip() not in everything, f"solution text in the release: {line[:60]}"


def test_release_is_a_git_repository_with_the_learner_files(made):
    log = subprocess.run(["git", "-C", str(made), "log", "--oneline"], capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 1
    status = subprocess.run(["git", "-C", str(made), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""
    for rel in ("README.md", "requirements.txt", "pyproject.toml", "data/datapackage.json", "docs/glossary.md",
                "exercises/summative_assignment.md", "filmkit/tools/selfcheck.py", "apps"):
        assert (made / rel).exists(), rel
    assert sorted(p.name for p in (made / "notebooks").glob("*.ipynb")) == \
        sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (made / "exercises").glob("*.ipynb")) == \
        sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    for folder in ("notebooks", "apps", "exercises"):
        assert not [p for p in (made / folder).iterdir() if p.is_dir() and p.name in ("es", "fr")], \
            "the English release holds no other edition"


def test_release_refuses_a_folder_in_use(made):
    with pytest.raises(release.ReleaseError, match="not empty"):
        release.release(made)


def test_release_notebooks_run_top_to_bottom_on_their_own(made, monkeypatch):
    """Every exercise notebook and the first module run in kernels that import the release's own package."""
    monkeypatch.setenv("PYTHONPATH", str(made))
    monkeypatch.delenv("FILMKIT_DATA", raising=False)
    paths = sorted((made / "exercises").glob("*.ipynb")) + [made / "notebooks" / "00_start_here.ipynb"]
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(
            "import filmkit.tools.selfcheck as _s\nassert str(_s.key_path()).startswith(%r), _s.key_path()\n"
            "assert _s.answer_key() is None" % str(made)))
        NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        texts = [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])]
        assert not any("passed: correct" in t for t in texts), f"{path.name}: a check passed without the key"
    assert not list((made / "exercises").glob("*.answers.json")), "running a notebook must not create answer files"
    assert os.environ["PYTHONPATH"] == str(made)


# ---- editions: a temporary copy of the kit with small fake Spanish and French editions -------------------------

EDITION_ROOTS = ["notebooks", "apps", "exercises", "docs", "instructors/solutions"]


def _fake_notebook(source: Path, target: Path, lang: str) -> None:
    """An edition's notebook the way ``filmkit translate build`` shapes it: switch cell, marked text, same code."""
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = f"[{lang}] " + cell.source
    switch = nbformat.v4.new_code_cell(f'import filmkit\nfilmkit.set_language("{lang}")')
    switch.metadata["tags"] = ["language-switch"]
    nb.cells.insert(1, switch)
    nb.metadata.setdefault("filmkit", {})["language"] = lang
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


def _fake_edition(kit: Path, lang: str) -> None:
    for folder in ("notebooks", "apps", "exercises", "instructors/solutions"):
        for source in sorted((kit / folder).glob("*.ipynb")):
            _fake_notebook(source, kit / folder / lang / source.name, lang)
    for name in ("README.md", "summative_assignment.md"):
        (kit / "exercises" / lang / name).write_text(f"[{lang}] " + (kit / "exercises" / name).read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    (kit / "docs" / lang).mkdir(parents=True, exist_ok=True)
    (kit / "docs" / lang / "glossary.md").write_text(f"[{lang}] glossary\n", encoding="utf-8")
    readme = (kit / "docs" / "students_readme.md").read_text(encoding="utf-8")
    # the builder relinks a link written from docs/ to the edition's file, written from docs/<lang>/
    readme = readme.replace("](../exercises/README.md)", f"](../../exercises/{lang}/README.md)")
    (kit / "docs" / lang / "students_readme.md").write_text(f"[{lang}] " + readme, encoding="utf-8")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """A copy of the kit without its real editions, with fake es and fr editions instead."""
    kit = tmp_path_factory.mktemp("kit") / "filmkit"
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.answers.json", "_data")
    for part in ("notebooks", "apps", "exercises", "data", "filmkit", "docs", "instructors", "pyproject.toml",
                 "setup.py", "MANIFEST.in", "requirements.txt", "LICENSE", "LICENSE-CONTENT", "CITATION.cff"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, kit / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, kit / part)
    for folder in EDITION_ROOTS:
        for lang in ("es", "fr"):
            shutil.rmtree(kit / folder / lang, ignore_errors=True)
    for lang in ("es", "fr"):
        _fake_edition(kit, lang)
    return kit


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and ".git" not in p.relative_to(folder).parts)


def test_spanish_release_holds_the_spanish_edition_only(kit, tmp_path, monkeypatch):
    monkeypatch.chdir(kit)
    out = release.release(tmp_path / "clase", echo=lambda *_: None, lang="es")
    files = _files(out)
    for folder in ("notebooks", "apps", "exercises"):
        assert not list((out / folder).glob("*.ipynb")), f"an English notebook in {folder}/"
        assert not (out / folder / "fr").exists()
        assert sorted(p.name for p in (out / folder / "es").glob("*.ipynb")) == \
            sorted(p.name for p in (kit / folder).glob("*.ipynb"))
    assert (out / "exercises" / "es" / "summative_assignment.md").is_file()
    assert (out / "docs" / "es" / "glossary.md").is_file() and not (out / "docs" / "glossary.md").exists()
    assert "exercises/README.md" not in files and "exercises/es/README.md" in files
    assert not [f for f in files if "solutions" in f or "instructors" in f]
    assert all("[es]" in nbformat.read(out / "notebooks" / "es" / name, as_version=4).cells[0].source
               for name in os.listdir(out / "notebooks" / "es"))
    # the README is the edition's, its paths pointing at the edition's folders
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("[es] ")
    assert "jupyter lab notebooks/es/00_start_here.ipynb" in readme and "(exercises/es/README.md)" in readme
    assert "`docs/es/glossary.md`" in readme and "voila apps/es/scenario_explorer.ipynb" in readme
    assert release.leaks(out, kit) == []
    solutions = {p.read_bytes() for p in (kit / "instructors" / "solutions").rglob("*.ipynb")}
    assert not [f for f in files if (out / f).read_bytes() in solutions]
    log = subprocess.run(["git", "-C", str(out), "log", "--oneline"], capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 1


def test_english_release_leaves_the_editions_out(kit, tmp_path, monkeypatch):
    monkeypatch.chdir(kit)
    out = release.release(tmp_path / "class", echo=lambda *_: None)
    for folder in ("notebooks", "apps", "exercises", "docs"):
        assert not (out / folder / "es").exists() and not (out / folder / "fr").exists(), folder
    assert (out / "README.md").read_text(encoding="utf-8") == release.readme_text(kit, "en")
    assert "(exercises/README.md)" in (out / "README.md").read_text(encoding="utf-8")


def test_release_of_every_edition_links_the_other_readmes(kit, tmp_path, monkeypatch):
    monkeypatch.chdir(kit)
    out = release.release(tmp_path / "all", echo=lambda *_: None, lang="all")
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Generative AI in film production")
    assert "[Español](README.es.md)" in readme and "[Français](README.fr.md)" in readme
    assert (out / "README.es.md").read_text(encoding="utf-8").startswith("[es] ")
    assert "notebooks/fr/00_start_here.ipynb" in (out / "README.fr.md").read_text(encoding="utf-8")
    for folder in ("notebooks", "apps", "exercises"):
        for lang in ("", "es", "fr"):
            assert sorted(p.name for p in (out / folder / lang).glob("*.ipynb")) == \
                sorted(p.name for p in (kit / folder).glob("*.ipynb")), (folder, lang)
    assert {"docs/glossary.md", "docs/es/glossary.md", "docs/fr/glossary.md"} <= set(_files(out))
    assert release.leaks(out, kit) == []


def test_release_refuses_a_solution_in_any_language(kit, tmp_path, monkeypatch):
    monkeypatch.chdir(kit)
    sheet = kit / "exercises" / "fr" / "02_cost_and_time.ipynb"
    kept = sheet.read_bytes()
    try:
        shutil.copy2(kit / "instructors" / "solutions" / "fr" / sheet.name, sheet)
        with pytest.raises(release.ReleaseError, match="instructors/solutions/fr/02_cost_and_time.ipynb"):
            release.release(tmp_path / "leaky", echo=lambda *_: None, lang="fr")
    finally:
        sheet.write_bytes(kept)
    assert not (tmp_path / "leaky" / ".git").exists(), "nothing is committed"


def test_leak_check_finds_model_answers_by_metadata_and_solution_code(kit, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Una respuesta modelo, sin marcador.")])
    nb.cells[0].metadata["filmkit"] = {"answer": "1.4", "model_answer": True}
    nbformat.write(nb, tmp_path / "answer.ipynb")
    solution = nbformat.read(kit / "instructors" / "solutions" / "es" / "02_cost_and_time.ipynb", as_version=4)
    solved = [c for c in solution.cells if c.cell_type == "code" and "ask(" not in c.source and "=" in c.source
              and len(c.source) > 40 and "import" not in c.source]
    assert solved
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(solved[0].source)]), tmp_path / "code.ipynb")
    found = release.leaks(tmp_path, kit)
    assert any(f.startswith("answer.ipynb") and "model answer" in f for f in found), found
    assert any(f.startswith("code.ipynb") and "solution code" in f for f in found), found
    markers = release.forbidden_text()
    assert "**Model answer.**" in markers and "### BEGIN SOLUTION" in markers


def test_release_command_takes_a_language(kit, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(kit)
    assert release.main([str(tmp_path / "es"), "--lang", "es"]) == 0
    assert (tmp_path / "es" / "notebooks" / "es").is_dir()
    with pytest.raises(SystemExit) as stop:
        release.main([str(tmp_path / "de"), "--lang", "de"])
    assert stop.value.code == 2 and "de" in capsys.readouterr().err
    shutil.rmtree(kit / "apps" / "fr")
    try:
        assert release.main([str(tmp_path / "fr"), "--lang", "fr"]) == 1
        assert "apps/fr" in capsys.readouterr().err and not (tmp_path / "fr").exists()
    finally:
        _fake_edition(kit, "fr")


def test_release_shows_students_every_rubric_and_no_model_answer(made):
    from filmkit.tools import course_docs

    shown = (made / "exercises" / "rubrics.md").read_text(encoding="utf-8")
    for r in course_docs.rubrics():
        assert r["level_4"].replace("|", "\\|") in shown and r["level_1"].replace("|", "\\|") in shown, r["criterion_id"]
    marked = set()
    for path in (made / "exercises").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            task = (cell.metadata.get("filmkit") or {}).get("rubric")
            if task:
                marked.add(task)
                assert "Exemplary" in cell.source and "Beginning" in cell.source
    assert marked == {r["task"] for r in course_docs.rubrics()} - {"S"}
    assert release.leaks(made) == []
