"""One module of each edition in the app view, as a Spanish- or French-speaking student sees it: it renders
without errors, its widgets answer the keyboard, and the page holds none of the kit's English sentences
outside quotations (searched against the English catalog and the English of every translated table cell)."""

import re

import nbformat
import pytest
from playwright.sync_api import expect

from tests.i18n.english import english_left

from . import lab as jl
from .conftest import SCREEN
from .servers import ROOT
from .test_voila_app import render, widget_outputs


@pytest.fixture
def app_view(app_server):
    """``filmkit app --lang LANG`` (the student release of one edition): started once per language for the
    whole run of the worker and shared with every app-view test (``app_server`` in tests/browser/conftest.py)."""
    return app_server


CASES = [("es", "02_cost_and_time"), ("fr", "05_ethics_and_governance")]


@pytest.mark.parametrize("lang, module", CASES)
def test_one_module_per_language_shows_no_english_outside_quotations(app_view, page, artifacts, lang, module):
    path = ROOT / "notebooks" / lang / f"{module}.ipynb"
    render(page, app_view(lang), f"notebooks/{lang}/{path.name}")
    assert jl.error_outputs(page) == []
    outputs = widget_outputs(page)
    n_widgets = len(jl.widget_cells(path))
    expect(outputs).to_have_count(n_widgets, timeout=60_000)
    for i in range(n_widgets):  # each widget redrawn by a key press, in the reader's language too
        jl.press_and_expect_answer(page, outputs.nth(i))
    if module.startswith("02"):  # the set-up slider takes a typed 60 in the edition's own box
        from .keyboard import set_it_to_60_by_typing

        set_it_to_60_by_typing(page, lang)
    page.screenshot(path=str(artifacts / f"voila-{lang}-{module}.png"), full_page=False)
    text = page.locator("body").inner_text()
    assert len(text) > 2000
    assert english_left(text, lang) == []
    assert page.js_errors == [], page.js_errors


#: what holds a widget's words: description labels, check-box labels, buttons, toggle buttons and tab titles
WORDS = (".widget-label, .widget-label-basic, button.jupyter-button, .widget-toggle-button, "
         ".lm-TabBar-tabLabel")
CUT = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.textContent.trim()} (${e.scrollWidth} px in ${e.clientWidth} px)`)"""
#: the pages with the most widgets: the explorer, the rebound sliders, the checklist and the matrix
WIDE_PAGES = ["apps/{lang}/scenario_explorer.ipynb", "notebooks/{lang}/04_work_and_jobs.ipynb",
              "notebooks/{lang}/05_ethics_and_governance.ipynb"]


def cut_words(page) -> list[str]:
    """Every widget label or button text on the page that does not fit its box (shown cut, with "…")."""
    return page.evaluate(CUT, WORDS)


@pytest.fixture
def page_1280(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


#: English: the explorer in tests/browser/test_voila_app.py (test_explorer_app_answers_and_passes_axe), modules 4 and 5
#: in the same file's test_module_as_app, each on the one rendering of its other checks.
@pytest.mark.parametrize("lang", ["es", "fr"])
def test_no_widget_label_or_button_is_cut_in_the_app_view(app_view, page_1280, artifacts, lang):
    cut = []
    for pattern in WIDE_PAGES:
        relative = pattern.format(lang=lang).replace("/en/", "/")
        render(page_1280, app_view(lang), relative)
        expect(widget_outputs(page_1280).first).to_be_visible(timeout=60_000)
        cut += [f"{relative}: {w}" for w in cut_words(page_1280)]
        if relative.startswith("apps/"):
            page_1280.screenshot(path=str(artifacts / f"voila-1280-{lang}-explorer.png"), full_page=True)
    assert cut == [], "\n".join(cut)


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_no_widget_label_or_button_is_cut_in_jupyterlab(lab, lab_tab, artifacts, lang):
    page = lab_tab(lab, {"width": 1280, "height": 900})
    relative = f"apps/{lang}/scenario_explorer.ipynb"
    jl.open_notebook(page, lab, relative)
    jl.run_all(page)
    expect(page.locator(".widget-slider").first).to_be_visible(timeout=60_000)
    page.screenshot(path=str(artifacts / f"lab-1280-{lang}-explorer.png"), full_page=True)
    assert cut_words(page) == []


def test_the_check_sees_a_cut_label(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_content('<div class="widget-label" style="width:60px;overflow:hidden;white-space:nowrap;'
                     'text-overflow:ellipsis">Proporción de horas de trabajo perdidas</div>')
    assert len(cut_words(page)) == 1
    context.close()


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_number_boxes_say_they_can_be_typed_and_show_the_editions_decimal_sign(app_view, screen, lang):
    """The edition's number boxes (English: tests/browser/test_voila_app.py, on the number-box explorer's one
    rendering)."""
    from .keyboard import number_box_says_it_can_be_typed

    page = screen(SCREEN)
    render(page, app_view(lang), f"apps/{lang}/scenario_explorer_number_boxes.ipynb")
    number_box_says_it_can_be_typed(page, lang, "0,12")


# -- the app view in Spanish: nothing of the machinery ---------------------------------------------------------------

def _title(path) -> str:
    return nbformat.read(path, as_version=4).cells[0].source.split("\n", 1)[0].lstrip("# ").replace("*", "").strip()


def test_the_spanish_app_view_shows_titles_and_sources_not_files_and_ids(app_view, screen):
    page = screen(SCREEN)
    server = app_view("es")
    page.goto(f"{server.url}/", timeout=120_000)
    expect(page).to_have_title(_title(ROOT / "apps" / "es" / "index.ipynb"), timeout=120_000)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    # the landing page once Voila has run it (before, the page says "Executing 2 of 2"): where the exercises are
    expect(page.locator("body")).to_contain_text("exercises/es/", timeout=120_000)
    text = page.locator("body").inner_text()
    assert "'es'" not in text and "exercises/student" not in text and "Expand All Code" not in text
    for module in ("01_the_eternaut_case", "05_ethics_and_governance"):
        path = ROOT / "notebooks" / "es" / f"{module}.ipynb"
        render(page, server, f"notebooks/es/{path.name}")
        expect(page).to_have_title(_title(path))
        text = page.locator("body").inner_text()
        assert "'es'" not in text and "Expand All Code" not in text and "Expandir todo" not in text
    ids = re.findall(r"fuente [a-z0-9]+(?:-[a-z0-9]+)+", text)
    assert ids == [], f"internal source ids under the matrix rows: {ids[:3]}"
    assert "IATSE" in text
