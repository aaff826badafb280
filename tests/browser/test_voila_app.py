"""The scenario explorer apps under Voila: rendered with code hidden, answering the keyboard, passing axe."""

import time

import pytest

from .servers import axe_violations, start_voila, workspace

COST_IMG = "img[alt^='Cost of the sequence']"


def _change_first_control(page, kind):
    if kind == "slider":
        handle = page.locator(".widget-slider .noUi-handle").first
        handle.focus()
        page.keyboard.press("ArrowRight")
    else:
        box = page.locator(".widget-inline-hbox input[type='number']").first
        box.focus()
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")


@pytest.mark.parametrize("app, kind", [("scenario_explorer", "slider"), ("scenario_explorer_number_boxes", "number")])
def test_voila_app_renders_and_answers(browser, artifacts, app, kind):
    server = start_voila(workspace(), f"apps/{app}.ipynb")
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url, timeout=120_000)
        page.wait_for_selector(COST_IMG, timeout=120_000)
        time.sleep(1.0)
        assert "from filmkit.views.explorer import explorer" not in page.locator("body").inner_text(), "code should be hidden"
        assert page.locator("text=Traceback").count() == 0
        img_before = page.locator(COST_IMG).first.get_attribute("src")
        table_before = page.locator("table.filmkit-table").first.inner_text()
        _change_first_control(page, kind)
        page.wait_for_function(f"src => document.querySelector(\"{COST_IMG}\").getAttribute('src') !== src",
                               arg=img_before, timeout=15_000)
        assert page.locator("table.filmkit-table").first.inner_text() != table_before
        page.screenshot(path=str(artifacts / f"voila-{app}.png"), full_page=True)
        own, upstream = axe_violations(page, {"include": [["body"]]})
        assert own == [], own
        if kind == "number":
            assert upstream == [], "the number-box app is the accessible alternative: no exceptions"
        assert errors == [], errors
        context.close()
    finally:
        server.stop()
