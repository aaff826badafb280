"""One module of each edition in the app view, as a Spanish- or French-speaking student sees it: it renders
without errors, its widgets answer the keyboard, and the page holds none of the kit's English sentences
outside quotations (searched against the English catalog and the English of every translated table cell)."""

import pytest
from playwright.sync_api import expect

from tests.i18n.english import english_left

from . import lab as jl
from .servers import ROOT
from .test_voila_app import render, widget_outputs

CASES = [("es", "02_cost_and_time"), ("fr", "05_ethics_and_governance")]


@pytest.mark.parametrize("lang, module", CASES)
def test_one_module_per_language_shows_no_english_outside_quotations(voila_app, page, artifacts, lang, module):
    path = ROOT / "notebooks" / lang / f"{module}.ipynb"
    render(page, voila_app, f"notebooks/{lang}/{path.name}")
    assert jl.error_outputs(page) == []
    outputs = widget_outputs(page)
    n_widgets = len(jl.widget_cells(path))
    expect(outputs).to_have_count(n_widgets, timeout=60_000)
    for i in range(n_widgets):  # each widget redrawn by a key press, in the reader's language too
        jl.press_and_expect_answer(page, outputs.nth(i))
    page.screenshot(path=str(artifacts / f"voila-{lang}-{module}.png"), full_page=False)
    text = page.locator("body").inner_text()
    assert len(text) > 2000
    assert english_left(text, lang) == []
    assert page.js_errors == [], page.js_errors
