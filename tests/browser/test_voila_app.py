"""The app view (``filmkit app``: Voila over the student release): the landing page at ``/`` lists every
module and app; each renders top to bottom with the code hidden, without errors, its widgets answer the
keyboard, and axe finds no critical or serious violation caused by the kit; no instructor file is served."""

import re
import urllib.error
import urllib.request

import nbformat
import pytest
from playwright.sync_api import expect

from . import lab as jl
from .conftest import SCREEN
from .servers import ROOT, axe_violations

MODULES = sorted((ROOT / "notebooks").glob("*.ipynb"))
APPS = [("scenario_explorer", "slider"), ("scenario_explorer_number_boxes", "spinbutton")]
COST_CHART = re.compile(r"^Cost of the sequence")


def render(page, server, relative: str) -> None:
    page.goto(f"{server.url}/voila/render/{relative}", timeout=240_000)
    expect(page.locator("body")).not_to_contain_text("Executing", timeout=240_000)


def test_landing_page_lists_every_module_and_app(voila_app, page):
    page.goto(f"{voila_app.url}/voila/render/apps/index.ipynb", timeout=120_000)
    for path in MODULES:
        title = nbformat.read(path, as_version=4).cells[0].source.split("\n", 1)[0].lstrip("# ").strip()
        link = page.get_by_role("link", name=title, exact=True)
        expect(link).to_have_attribute("href", re.compile(re.escape(path.name) + "$"))
    for app, _kind in APPS:
        expect(page.locator(f"a[href$='{app}.ipynb']")).to_have_count(1)
    page.get_by_role("link", name=re.compile("^Start here")).click()
    expect(page.get_by_role("heading", name=re.compile("^Start here"))).to_be_visible(timeout=120_000)


def test_the_app_opens_on_the_landing_page_and_serves_no_instructor_file(voila_app, page):
    page.goto(f"{voila_app.url}/", timeout=120_000)
    assert page.url.endswith("/voila/render/apps/index.ipynb"), "/ is not the landing page"
    expect(page.get_by_role("link", name=re.compile("^Start here"))).to_be_visible(timeout=120_000)
    solutions = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "instructors").rglob("*") if p.is_file())
    assert solutions, "the checkout's instructors/ folder is empty: nothing to check"
    for rel in [*solutions[:20], "instructors/answer_key.py"]:
        for url in (f"voila/render/{rel}", f"voila/files/{rel}", f"voila/api/contents/{rel}"):
            try:
                with urllib.request.urlopen(f"{voila_app.url}/{url}", timeout=120) as response:
                    body = response.read().decode(errors="replace")
                    served = response.url
            except urllib.error.HTTPError as exc:
                assert exc.code in (403, 404), (url, exc.code)
                continue
            assert served.endswith("/voila/render/apps/index.ipynb") and "Model answer" not in body, \
                f"{url} answered {served}: an instructor file is served"
    for tree in ("voila/tree", "voila/tree/instructors"):
        with urllib.request.urlopen(f"{voila_app.url}/{tree}", timeout=120) as response:
            assert response.url.endswith("/voila/render/apps/index.ipynb"), "Voila's file tree is shown"


def widget_outputs(page):
    """Each top-level widget on a Voila page (one per widget cell)."""
    return page.locator(".jp-OutputArea-output").filter(has=page.locator(".jupyter-widgets"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_as_app(voila_app, screen, artifacts, path):
    """One rendering per module, and on it every check of the app view: the code hidden, no error, a student with
    a keyboard on the 1366x768 screen and at 200 % (tests/browser/keyboard.py), every widget answering
    a key press, axe; modules 4 and 5 (the most widgets) with no label cut at 1280 pixels either; module 2's explorer
    pressed at 200 % and its set-up slider set to 60 by typing."""
    from .test_editions import cut_words
    from .keyboard import explorer_usable_at_200_percent, look_at_both_sizes, set_it_to_60_by_typing

    page = screen(SCREEN)
    render(page, voila_app, f"notebooks/{path.name}")
    body = page.locator("body")
    expect(body).not_to_contain_text("from filmkit.course import")  # the code is hidden
    assert jl.error_outputs(page) == []
    n_widgets = len(jl.widget_cells(path))
    outputs = widget_outputs(page)
    expect(outputs).to_have_count(n_widgets, timeout=60_000)

    look_at_both_sizes(page, path)  # ends at 200 %
    if path.stem.startswith("02"):
        explorer_usable_at_200_percent(page, artifacts)
    page.set_viewport_size(SCREEN)
    for i in range(n_widgets):
        jl.press_and_expect_answer(page, outputs.nth(i))
    page.screenshot(path=str(artifacts / f"voila-{path.stem}.png"), full_page=False)
    own, _upstream = axe_violations(page, {"include": [["body"]]})
    assert own == [], own
    if path.stem[:2] in ("04", "05"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_timeout(300)
        assert cut_words(page) == [], f"{path.name} at 1280 pixels: labels cut short"
    if path.stem.startswith("02"):
        set_it_to_60_by_typing(page, "en")
    assert page.js_errors == [], page.js_errors


@pytest.mark.parametrize("app, kind", APPS)
def test_explorer_app_answers_and_passes_axe(voila_app, page, artifacts, app, kind):
    """The explorer as an app: it answers, passes axe, and at 1280 pixels no label or button is cut (the
    editions' explorers: tests/browser/test_editions.py)."""
    from .test_editions import cut_words

    render(page, voila_app, f"apps/{app}.ipynb")
    chart = page.get_by_role("img", name=COST_CHART)
    expect(chart).to_be_visible(timeout=60_000)
    expect(page.locator("body")).not_to_contain_text("kit.explorer(")
    jl.press_and_expect_answer(page, page.locator("body"), role=kind)
    page.screenshot(path=str(artifacts / f"voila-{app}.png"), full_page=True)
    own, upstream = axe_violations(page, {"include": [["body"]]})
    assert own == [], own
    if kind == "spinbutton":
        assert upstream == [], "the number-box app is the accessible alternative: no exceptions"
        from .keyboard import number_box_says_it_can_be_typed

        render(page, voila_app, f"apps/{app}.ipynb")  # the price box as it opens, after the press above
        number_box_says_it_can_be_typed(page, "en", "0.12")
    else:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_timeout(300)
        assert cut_words(page) == [], "the explorer at 1280 pixels: labels cut short"
    assert page.js_errors == [], page.js_errors


# -- module 6's generative model ----------------------------------------------------------------------------------

GENERATIVE = "notebooks/06_inside_a_generative_model.ipynb"


def frame_alts(scope) -> list[str]:
    images = scope.get_by_role("img")
    return [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]


def press_times(page, control, key: str, times: int = 1) -> None:
    jl.focus(control)
    for _ in range(times):
        page.keyboard.press(key)


def test_module_6_widgets_from_the_keyboard(voila_app, page, artifacts):
    """Module 6's widgets driven from the keyboard only: the memorisation dial goes from copies to mush, the
    provenance switch removes an artist from every answer, and the game reveals the generated frame. Every frame
    is an image with alt text. Screenshots of the dial and the provenance view go to test-artifacts/browser/."""
    render(page, voila_app, GENERATIVE)
    outputs = widget_outputs(page)
    expect(outputs).to_have_count(3, timeout=60_000)
    dial, provenance, game = outputs.nth(0), outputs.nth(1), outputs.nth(2)

    # The dial: setting 4 at first; three steps left is setting 1 (copies), six steps right is 7 (mush).
    expect(dial).to_contain_text("Setting 4 of 7", timeout=60_000)
    slider = dial.get_by_role("slider").first
    press_times(page, slider, "ArrowLeft", 3)
    expect(dial).to_contain_text("Setting 1 of 7", timeout=20_000)
    expect(dial).to_contain_text("8 of 8 generated frames are copies of a training frame")
    alts = frame_alts(dial)
    assert len(alts) == 16 and all(alts), alts          # 8 generated frames and their 8 nearest training frames
    assert all("distance 0.000" in a for a in alts[:8]), alts[:8]
    dial.screenshot(path=str(artifacts / "generative-memorisation-dial-copies.png"))
    press_times(page, slider, "ArrowRight", 6)
    expect(dial).to_contain_text("Setting 7 of 7", timeout=20_000)
    expect(dial).to_contain_text("0 of 8 generated frames are copies")
    expect(dial).to_contain_text("blurry")
    dial.screenshot(path=str(artifacts / "generative-memorisation-dial-mush.png"))

    # Provenance: the last choice of the switch trains without Dolores; no answer names her any more.
    expect(provenance).to_contain_text("Nearest training frame of each of the 8 generated frames")
    switch = provenance.get_by_role("combobox")
    press_times(page, switch, "End")
    expect(provenance).to_contain_text("Trained again without the 60 frames by Dolores", timeout=20_000)
    expect(provenance).not_to_contain_text("Dolores, shot")
    assert not any("by Dolores" in a for a in frame_alts(provenance))
    assert all(frame_alts(provenance))
    press_times(page, provenance.get_by_role("slider").first, "ArrowRight", 2)
    expect(provenance).to_contain_text("Generated frame 3:", timeout=20_000)
    provenance.screenshot(path=str(artifacts / "generative-provenance-without-dolores.png"))

    # The game: choosing a frame (Space on the first option) reveals which one was generated.
    expect(game).to_contain_text("Choose the frame you think the model made")
    press_times(page, game.get_by_role("radio").first, "Space")
    expect(game).to_contain_text(re.compile(r"frame [ABCD] was generated"), timeout=20_000)
    assert any(re.search(r"Frame [ABCD]: generated\.", a) for a in frame_alts(game))
    game.screenshot(path=str(artifacts / "generative-spot-the-frame.png"))
    assert jl.error_outputs(page) == []
    assert page.js_errors == [], page.js_errors
