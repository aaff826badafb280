"""One way in for a student who has never coded: the README's command opens JupyterLab at the kit's
folder on notebook 00, whose learning path links every module and its exercises in the reader's
language, and every module starts by saying, in plain words, to run all cells."""

import posixpath
import re
from pathlib import Path

import nbformat
import pytest

from filmkit.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]

LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)\)")
COMMAND = "jupyter lab notebooks/00_start_here.ipynb --notebook-dir=."


def _start(lang: str) -> tuple[str, nbformat.NotebookNode]:
    rel = "notebooks/00_start_here.ipynb" if lang == "en" else f"notebooks/{lang}/00_start_here.ipynb"
    return rel, nbformat.read(ROOT / rel, as_version=4)


def test_the_first_command_roots_jupyterlab_at_the_kit_so_the_exercises_are_in_reach():
    # JupyterLab given only a file serves that file's folder (notebooks/), where exercises/ cannot be opened.
    for path in ("README.md", "docs/students_readme.md", "docs/es/students_readme.md", "docs/fr/students_readme.md"):
        assert COMMAND in (ROOT / path).read_text(encoding="utf-8"), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_start_notebook_links_every_module_and_its_exercises_in_its_language(lang):
    rel, nb = _start(lang)
    links = {posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
             for cell in nb.cells if cell.cell_type == "markdown" for target in LINK.findall(cell.source)}
    edition = "" if lang == "en" else f"{lang}/"
    for module in sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb")):
        assert f"notebooks/{edition}{module.name}" in links, f"{rel}: no link to module {module.stem}"
        assert f"exercises/{edition}{module.name}" in links, f"{rel}: no link to the exercises of {module.stem}"
    missing = sorted(link for link in links if not (ROOT / link).is_file())
    assert missing == [], f"{rel} links to files that do not exist: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_module_says_first_to_run_all_cells(lang):
    folder = ROOT / "notebooks" / ("" if lang == "en" else lang)
    for path in sorted(folder.glob("0*.ipynb")):
        title = nbformat.read(path, as_version=4).cells[0]
        assert title.cell_type == "markdown" and "**Run › Run All Cells**" in title.source, path.name
        assert "Expand All Code" not in title.source, f"{path.name}: the note asks a non-coder to open code"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_app_view_sends_students_to_files_that_exist_and_never_asks_them_to_run_code(lang):
    import shutil

    from filmkit.classroom import app

    folder = app.student_folder(ROOT, lang)
    try:
        landing = nbformat.read(folder / app.landing(lang), as_version=4)
        named = {p for cell in landing.cells for p in re.findall(r"`([\w./-]+/[\w./-]*)`", cell.source)}
        assert named and all((folder / p).exists() for p in named), sorted(p for p in named if not (folder / p).exists())
        for path in sorted((folder / "notebooks").rglob("*.ipynb")):
            title = nbformat.read(path, as_version=4).cells[0].source
            assert "Run All Cells" not in title and "•••" not in title, f"{path.name}: the app view shows JupyterLab's note"
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
