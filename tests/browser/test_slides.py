"""``filmkit slides``: the static reveal.js decks open in Chromium with no network and no failed request."""

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from filmkit.classroom import slides

from .servers import ROOT

MODULES = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def decks():
    try:
        reveal = slides.find_reveal(ROOT)
    except slides.RevealMissing as exc:
        pytest.fail(str(exc))
    with tempfile.TemporaryDirectory(prefix="filmkit-slides-") as out:
        slides.build(Path(out), MODULES, reveal)
        yield Path(out)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_deck_opens_offline_with_no_failed_request(browser, decks, path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    page = context.new_page()
    failed, outside, errors = [], [], []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))

    def only_local(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto((decks / f"{path.stem}.slides.html").as_uri())
    expect(page.locator(".reveal.ready")).to_be_attached(timeout=30_000)  # reveal.js, loaded from the folder, started
    assert page.evaluate("() => Reveal.getTotalSlides()") >= 3
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page.locator(".reveal .slides > section.present")).not_to_have_count(0)
    assert "from filmkit.course import" not in page.content(), "folded code stays hidden on the slides"
    assert outside == [] and failed == [] and errors == [], (outside, failed, errors)
    context.close()
