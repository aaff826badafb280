"""A Spanish or French reader meets no English outside quotations: every output and widget of the
executed editions is searched for the kit's English sentences (from the English catalog) and for the
English of every translated table cell."""

from pathlib import Path

import nbformat
import pytest

from filmkit.tools import editions

from .english import english_phrases, shown_text

ROOT = Path(__file__).resolve().parents[2]
LANGS = editions.EDITIONS
EDITION_NOTEBOOKS = [(lang, p) for lang in LANGS for folder in ("notebooks", "apps")
                     for p in sorted((ROOT / folder / lang).glob("*.ipynb"))]


@pytest.mark.parametrize("lang, path", EDITION_NOTEBOOKS, ids=lambda v: v if isinstance(v, str) else v.stem)
def test_no_english_sentence_of_the_kit_in_an_edition(lang, path):
    nb = nbformat.read(path, as_version=4)
    text = shown_text(nb)
    computed = [c for c in nb.cells if c.cell_type == "code" and c.get("id") != editions.SWITCH_ID]
    assert text.strip() or not computed, f"{path.name} has no stored outputs (run filmkit translate build --execute)"
    left = [p for p in english_phrases(lang) if p in text]
    assert left == [], f"{path.relative_to(ROOT)}: {len(left)} English phrases, e.g. {left[:8]}"


def test_the_search_finds_english_when_there_is_some():
    """The check itself can fail: an English sentence of the kit in an output is found."""
    lang = LANGS[0]
    phrase = english_phrases(lang)[-1]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text=f"Resultado: {phrase}.")])])
    assert phrase in shown_text(nb)
