"""Before a run, where a widget will be, a page shows the widget's plain-text stand-in.

JupyterLab draws a saved widget only in a notebook it trusts and with the widget's state at hand;
otherwise (a notebook not run yet, not trusted, after a kernel restart) it shows the output's
``text/plain``. The kit saves a sentence there, in the notebook's language, never ``VBox(children=...``.
"""

from pathlib import Path

import nbformat
import pytest

from filmkit.i18n import LANGUAGES, _, use_language
from filmkit.tools import notebooks

ROOT = Path(__file__).resolve().parents[2]
SAVED = sorted(p for folder in ("notebooks", "apps") for p in (ROOT / folder).rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts)
REPR = "VBox(children=(IntSlider(value=30, description='Traditional work (days)')))"


def _with_a_widget(lang: str | None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    if lang:
        nb.metadata["filmkit"] = {"language": lang}
    cell = nbformat.v4.new_code_cell("\nkit.speedup_widget()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": REPR, notebooks.WIDGET_MIME: {"model_id": "abc", "version_major": 2, "version_minor": 0}}),
        nbformat.v4.new_output("display_data", data={"text/plain": "a table", "text/html": "<table></table>"})]
    nb.cells = [cell]
    return nb


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_widgets_text_is_a_sentence_in_the_notebooks_language(lang):
    nb = _with_a_widget(None if lang == "en" else lang)
    assert notebooks.widget_stand_ins(nb) == 1
    widget, table = nb.cells[0].outputs
    with use_language(lang):
        sentence = _(notebooks.BEFORE_A_RUN)
    assert widget["data"]["text/plain"] == sentence and "Run › Run All Cells" in sentence
    assert widget["data"][notebooks.WIDGET_MIME]["model_id"] == "abc", "the widget itself is kept"
    assert table["data"]["text/plain"] == "a table", "other outputs are left as they are"
    assert notebooks.widget_stand_ins(nb) == 0, "a second pass changes nothing"


def test_an_edition_says_it_in_its_own_words():
    sentences = set()
    for lang in LANGUAGES:
        nb = _with_a_widget(lang)
        notebooks.widget_stand_ins(nb)
        sentences.add(nb.cells[0].outputs[0]["data"]["text/plain"])
    assert len(sentences) == len(LANGUAGES)


@pytest.mark.parametrize("path", SAVED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_saved_notebook_shows_a_widget_as_python_before_a_run(path):
    nb = nbformat.read(path, as_version=4)
    with use_language(notebooks.notebook_language(nb)):
        sentence = _(notebooks.BEFORE_A_RUN)
    shown = [out["data"].get("text/plain") for cell in nb.cells for out in cell.get("outputs", [])
             if notebooks.WIDGET_MIME in out.get("data", {})]
    assert all(text == sentence for text in shown), [t[:60] for t in shown if t != sentence]
