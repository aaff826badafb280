"""The app view's pages as a student's browser shows them: the tab is titled with the page's own heading in the
edition's language (never its file name), and the page says which language it is written in."""

import shutil
from pathlib import Path

import nbformat
import pytest

from filmkit.classroom import app

ROOT = Path(__file__).resolve().parents[2]


def test_a_page_title_is_its_first_heading_in_plain_words():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Costo y tiempo: la secuencia de *The Eternaut*\n\n> Nota"),
    ])
    assert app.page_title(nb) == "Costo y tiempo: la secuencia de The Eternaut"
    assert app.page_title(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("no heading")])) is None
    assert app.page_title(nbformat.v4.new_notebook()) is None


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_page_of_an_edition_is_titled_in_its_language(lang):
    folder = app.student_folder(ROOT, lang)
    try:
        pages = sorted((folder / "notebooks" / lang).glob("*.ipynb")) + sorted((folder / "apps" / lang).glob("*.ipynb"))
        assert len(pages) >= 10
        for path in pages:
            title = nbformat.read(path, as_version=4).metadata.get("title", "")
            assert title and title != path.stem and "*" not in title, (path.name, title)
            source = nbformat.read(ROOT / path.relative_to(folder), as_version=4).cells[0].source
            assert title in source.replace("*", ""), (path.name, title)  # the heading, in the edition's words
    finally:
        shutil.rmtree(folder.parent)


def test_pages_declare_the_editions_language():
    assert "--HTMLExporter.language_code=es" in app.voila_command(Path("/tmp/x"), 8899, lang="es")
    assert "--HTMLExporter.language_code=fr" in app.voila_command(Path("/tmp/x"), 8899, lang="fr")
    assert "--HTMLExporter.language_code=en" in app.voila_command(Path("/tmp/x"), 8899)
