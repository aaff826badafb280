"""Modules open story first: code folded for every renderer, a note on showing it, slide types for projector mode."""

from pathlib import Path

import nbformat
import pytest

from filmkit.tools import notebook_meta as meta

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_every_module_opens_with_code_folded_and_says_how_to_show_it(path):
    nb = nbformat.read(path, as_version=4)
    assert meta.problems(nb) == [], f"run: python -m filmkit.tools.notebook_meta {path.relative_to(ROOT)}"
    code = [c for c in nb.cells if c.cell_type == "code"]
    folded = [c for c in code if c.metadata.get("jupyter", {}).get("source_hidden")]
    assert len(folded) >= len(code) - 1, "at most one cell per module keeps its code open"
    assert all("hide-input" in c.metadata.get("tags", []) for c in folded)
    assert all(not c.metadata.get("jupyter", {}).get("outputs_hidden") for c in code), "outputs stay visible"
    assert meta.NOTE in nb.cells[0].source


def test_the_hand_worked_formula_is_read_in_its_output_with_its_code_folded():
    # a student who has never coded reads the arithmetic, not the 14 lines of Python that print it
    nb = nbformat.read(ROOT / "notebooks" / "02_cost_and_time.ipynb", as_version=4)
    by_hand = [c for c in nb.cells if c.cell_type == "code" and "passes      = 1 +" in c.source]
    assert len(by_hand) == 1
    assert meta.folded(by_hand[0])
    printed = "".join(o.get("text", "") for o in by_hand[0].outputs)
    assert "passes      = 1 + (3 - 1) x 0.3 = 1.6" in printed and "person-days" in printed and "cost" in printed


def _sample():
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\n\n---"),
        nbformat.v4.new_markdown_cell("## Imports"),
        nbformat.v4.new_code_cell("from filmkit.course import start_here as kit"),
        nbformat.v4.new_markdown_cell("## 1. A section\n\nText."),
        nbformat.v4.new_code_cell("print(1)", outputs=[nbformat.v4.new_output("stream", text="1\n")]),
        nbformat.v4.new_markdown_cell("### A subsection"),
        nbformat.v4.new_code_cell("x = 2  # the lesson", metadata={"tags": ["show-code"]}),
    ])


def test_apply_folds_code_adds_the_note_once_and_gives_slide_types():
    nb = _sample()
    assert meta.problems(nb)  # a fresh notebook is not yet story first
    assert meta.apply(nb) is True
    assert meta.problems(nb) == []
    assert meta.apply(nb) is False, "applying twice changes nothing"
    assert nb.cells[0].source.count(meta.NOTE) == 1 and nb.cells[0].source.startswith("# Title")
    assert meta.folded(nb.cells[2]) and meta.folded(nb.cells[4]) and not meta.folded(nb.cells[6])
    types = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert types == ["slide", "skip", "skip", "slide", "subslide", "subslide", "skip"]


def test_check_reports_an_unfolded_cell(tmp_path):
    nb = _sample()
    meta.apply(nb)
    nb.cells[4].metadata["jupyter"]["source_hidden"] = False
    path = tmp_path / "m.ipynb"
    nbformat.write(nb, path)
    assert meta.main(["--check", str(path)]) == 1
    assert meta.main([str(path)]) == 0 and meta.main(["--check", str(path)]) == 0


def test_slide_types_do_not_depend_on_the_texts_language():
    english = _sample()
    meta.apply(english)
    edition = _sample()
    edition.cells[1].source = "## Importaciones"  # the imports' heading, translated
    switch = nbformat.v4.new_code_cell('\nimport filmkit\nfilmkit.set_language("es")',
                                       outputs=[nbformat.v4.new_output("execute_result", data={"text/plain": "'en'"})])
    switch.metadata["tags"] = [meta.LANGUAGE_SWITCH]
    edition.cells.insert(1, switch)
    edition.metadata["filmkit"] = {"language": "es"}
    assert meta.apply(edition) is True
    types = [c.metadata["slideshow"]["slide_type"] for c in edition.cells]
    assert types == ["slide", "skip", "skip", "skip", "slide", "subslide", "subslide", "skip"]
    assert meta.NOTE not in edition.cells[0].source, "an edition's note comes translated, never added in English"
    assert meta.problems(edition) == []


EDITIONS = sorted(p for lang in ("es", "fr") for p in (ROOT / "notebooks" / lang).glob("*.ipynb"))


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_every_edition_module_has_the_layout_of_its_english_module(path):
    # a section heading is translated ("## Imports" -> "## Importaciones"): the layout must not depend on its words
    assert meta.problems(nbformat.read(path, as_version=4)) == []
