"""A student with a keyboard and a zoomed screen: at 1366x768 and at 200 % zoom (the same screen with half as
many CSS pixels each way, 683x384), every control of the kit's widgets is reached with Tab from inside the
page's content and answers the keys a student expects; no label of the kit's widgets is cut short; a
number box says it can be typed and shows the edition's decimal sign; the slider readout takes a typed
value ("Set it to 60").

The checks, used on the one rendering of each page by the tests that render it: tests/browser/test_voila_app.py
(every module in the app view), tests/browser/test_lab_notebooks.py (every module after Run All in JupyterLab),
tests/browser/test_editions.py (the Spanish and French pages)."""

import re

from playwright.sync_api import expect

from filmkit.i18n import _, use_language

from . import lab as jl
from .conftest import SCREEN, ZOOMED
from .servers import ROOT
from .test_editions import CUT, WORDS
from .test_voila_app import widget_outputs

MODULES = sorted((ROOT / "notebooks").glob("*.ipynb"))
SETUP = "AI pipeline set-up and R&D (person-days)"

#: every control of the kit's widgets a student can reach (the app view's and JupyterLab's own chrome excluded)
MARK = """() => {
    const kit = '.jupyter-widgets';
    const found = [...document.querySelectorAll(
        `${kit} input, ${kit} select, ${kit} textarea, ${kit} button, ${kit} [role="slider"]`)]
        // shown, or only skipped for now (JupyterLab lays out cells far from the view when they come near,
        // content-visibility: auto; they stay in the Tab order)
        .filter(e => e.closest('.jp-OutputArea-output') && !e.disabled && e.type !== 'hidden'
                 && e.checkVisibility({visibilityProperty: true}));
    found.forEach((e, i) => e.setAttribute('data-kit-control', String(i)));
    return found.map(e => (e.getAttribute('aria-label') || e.closest('.widget-inline-hbox, .widget-box, .jupyter-widgets')
        ?.querySelector('label')?.textContent || e.textContent || e.tagName).trim().slice(0, 60));
}"""


def unreached_with_tab(page, start, at_least: int = 1) -> list[str]:
    """The kit's controls that Tab, pressed from ``start`` (inside the content), never reaches (there must be
    ``at_least`` controls on the page: a page that drew fewer fails). The page itself notes each control that
    takes the focus, so Tab is pressed in runs of 20 without asking the page after every press."""
    names = page.evaluate(MARK)
    for _wait in range(60):  # widgets drawn after Run All's last cell come in over a few moments
        if len(names) >= at_least:
            break
        page.wait_for_timeout(500)
        names = page.evaluate(MARK)
    assert len(names) >= at_least, f"{len(names)} controls of the kit on this page, fewer than {at_least}"
    stops = page.evaluate("""() => document.querySelectorAll('a[href], input, select, textarea, button, '
        + '[tabindex]:not([tabindex="-1"]), [contenteditable="true"]').length""")
    page.evaluate("""() => { if (window.__tabWatch) return; window.__tabWatch = true;
        document.addEventListener('focusin', e => { const c = e.target.closest && e.target.closest('[data-kit-control]');
            if (c && window.__reached) window.__reached.add(Number(c.getAttribute('data-kit-control'))); }, true); }""")
    start()
    page.evaluate("() => { window.__reached = new Set(); }")  # only what Tab reaches from here counts
    pressed, total = 0, stops + 40  # once round every stop of the page (links in tables too), and some
    while pressed < total:
        for _press in range(min(20, total - pressed)):
            page.keyboard.press("Tab")
        pressed += 20
        if page.evaluate("n => window.__reached.size >= n", len(names)):
            break
    reached = set(page.evaluate("() => [...window.__reached]"))
    return [f"{i}: {name}" for i, name in enumerate(names) if i not in reached]


def cut_labels(page, within: str | None = None) -> list[str]:
    """The kit's widget labels and buttons shown cut (``within``: only those inside it, not JupyterLab's own)."""
    words = WORDS if within is None else ", ".join(f"{within} {w.strip()}" for w in WORDS.split(","))
    return page.evaluate(CUT, words)


def scrolled_out(scope) -> list[str]:
    """Labels and controls of a widget that lie outside the output area holding it: cut off at its edge, seen
    only by scrolling the output sideways (what JupyterLab does with a widget wider than the page)."""
    return scope.evaluate("""(area) => { const box = area.getBoundingClientRect();
        return [...area.querySelectorAll('.widget-label, input, select, button, [role="slider"]')]
            .filter(e => e.getClientRects().length && e.textContent !== undefined)
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1); })
            .map(e => (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 50)
                      + ` (${Math.round(e.getBoundingClientRect().left - box.left)} to `
                      + `${Math.round(e.getBoundingClientRect().right - box.right)} px from the edges)`); }""")


def off_screen(page) -> list[str]:
    """Controls of the kit that stick out of the window sideways (a student would have to scroll to see them)."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-kit-control], .jupyter-widgets .widget-label')]
        .filter(e => e.getClientRects().length)
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(e => `${(e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 50)}`
                  + ` (right edge ${Math.round(e.getBoundingClientRect().right)} px)`)""")


def _label(label: str, lang: str) -> str:
    with use_language(lang):
        return _(label)


# -- the app view (code hidden): every module, at 1366x768 and at 200 % -------------------------------------------

def look_at_both_sizes(page, path) -> None:
    """The app view of ``path`` on the 1366x768 screen and then at 200 % (the window made 683x384: the layout a
    zoomed browser gives, in CSS pixels): Tab from the top of the content reaches every control, no label is cut,
    no control sticks out of the window. The page is left at 200 %."""
    heading = page.locator("h1").first
    for size, viewport in (("1366x768", SCREEN), ("200%", ZOOMED)):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(300)  # the page lays itself out again
        missed = unreached_with_tab(page, lambda: heading.evaluate(
            "h => { h.tabIndex = -1; h.focus(); }"))  # the student starts at the top of the content
        assert missed == [], f"{path.name} at {size}: Tab never reaches {missed}"
        assert cut_labels(page) == [], f"{path.name} at {size}: labels cut short"
        assert off_screen(page) == [], f"{path.name} at {size}: controls outside the window"


def explorer_usable_at_200_percent(page, artifacts) -> None:
    """Module 2's explorer on the zoomed page: its slider is in view when focused and answers, its chart is in view
    and fits the window, and nothing of it lies outside its box."""
    explorer = widget_outputs(page).filter(has=page.get_by_role("slider")).first
    slider = explorer.get_by_role("slider").first
    jl.focus(slider)
    expect(slider).to_be_in_viewport()
    jl.press_and_expect_answer(page, explorer, "slider")
    chart = explorer.get_by_role("img", name=re.compile(r"^Cost of the sequence"))
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_in_viewport()
    box = chart.bounding_box()
    assert box["width"] >= 300 and box["x"] + box["width"] <= ZOOMED["width"] + 1, box
    assert scrolled_out(explorer) == []
    page.screenshot(path=str(artifacts / "zoom200-module2-explorer.png"), full_page=False)


# -- typing a value -------------------------------------------------------------------------------------------------

def _slider_row(scope, lang):
    return scope.locator(".widget-slider, .widget-hbox").filter(has_text=_label(SETUP, lang)).first


def set_it_to_60_by_typing(page, lang: str) -> None:
    """Module 2's set-up slider takes a typed 60 ("Set it to 60"): in English ipywidgets' readout is typed into,
    in Spanish and French the edition's own box beside the slider (its decimal sign, named for a screen reader)."""
    slider = page.get_by_role("slider", name=_label(SETUP, lang))
    if not slider.count():  # upstream slider handles carry no name: find the handle in the labelled row
        slider = page.locator(".widget-slider").filter(has_text=_label(SETUP, lang)).get_by_role("slider")
    expect(slider).to_have_count(1)
    typed = page.get_by_role("textbox", name=re.compile("^" + re.escape(_label(SETUP, lang))))
    if typed.count():  # the edition's own readout: a box written with its decimal sign, named for a screen reader
        jl.focus(typed)
        typed.fill("60")
        typed.press("Enter")
    else:  # ipywidgets' readout is typed into
        readout = page.locator(".widget-slider").filter(has_text=_label(SETUP, lang)).locator(".widget-readout")
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("60")
        page.keyboard.press("Enter")
    expect(slider).to_have_attribute("aria-valuenow", re.compile(r"^60(\.0+)?$"), timeout=20_000)


def number_box_says_it_can_be_typed(page, lang: str, point: str) -> None:
    """On the number-box explorer (rendered): the price box shows the edition's decimal sign (``point``), says it
    can be typed and between which values, and answers: the browser's own number box steps with the arrows
    (English); the edition's text box (Spanish, French) reads a decimal comma and refuses words with a sentence."""
    price = _label("Generation price (USD per generated second)", lang)
    # the browser's number box is named by its label (whose tooltip says how); the edition's text box by its own
    box = page.get_by_label(price, exact=True).or_(page.get_by_role("textbox", name=re.compile("^" + re.escape(price))))
    expect(box).to_have_value(point, timeout=60_000)
    # what the box says of itself: its label's tooltip (the browser's number box), or its label's words for a
    # screen reader (the edition's text box)
    hint = box.evaluate("e => e.title || [...e.labels].map(l => l.title || l.textContent).join(' ')")
    assert hint and point[:2] in hint, hint  # "Type a number from 0.01 to 2.00, then press Enter."
    answer = page.locator(jl.KERNEL_TEXT)
    before = answer.all_inner_texts()
    jl.focus(box)
    if lang == "en":  # the browser's own number box steps with the arrows
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        expect(box).to_have_value("0.13")
    else:
        box.fill("0,5")
        box.press("Enter")
        expect(box).to_have_value("0,50")
    expect(answer).not_to_have_text(before, timeout=20_000)
    if lang != "en":
        box.fill("mucho")
        box.press("Enter")
        expect(page.get_by_role("alert")).to_contain_text("mucho", timeout=20_000)
        expect(box).to_have_value("0,50")
