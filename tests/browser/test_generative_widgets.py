"""Module 6's widgets in a real browser (Voila, as ``filmkit app`` serves them), driven from the keyboard only:
the memorisation dial goes from copies to mush, the provenance switch removes an artist from every answer,
and the game reveals the generated frame. Every frame is an image with alt text. Screenshots of the dial and
the provenance view are kept in test-artifacts/browser/ for a person to look at."""

import re

from playwright.sync_api import expect

from . import lab as jl
from .test_voila_app import render, widget_outputs

NOTEBOOK = "notebooks/06_inside_a_generative_model.ipynb"


def frame_alts(scope) -> list[str]:
    images = scope.get_by_role("img")
    return [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]


def press(page, control, key: str, times: int = 1) -> None:
    jl.focus(control)
    for _ in range(times):
        page.keyboard.press(key)


def test_module_6_widgets_from_the_keyboard(voila_app, page, artifacts):
    render(page, voila_app, NOTEBOOK)
    outputs = widget_outputs(page)
    expect(outputs).to_have_count(3, timeout=60_000)
    dial, provenance, game = outputs.nth(0), outputs.nth(1), outputs.nth(2)

    # The dial: setting 4 at first; three steps left is setting 1 (copies), six steps right is 7 (mush).
    expect(dial).to_contain_text("Setting 4 of 7", timeout=60_000)
    slider = dial.get_by_role("slider").first
    press(page, slider, "ArrowLeft", 3)
    expect(dial).to_contain_text("Setting 1 of 7", timeout=20_000)
    expect(dial).to_contain_text("8 of 8 generated frames are copies of a training frame")
    alts = frame_alts(dial)
    assert len(alts) == 16 and all(alts), alts          # 8 generated frames and their 8 nearest training frames
    assert all("distance 0.000" in a for a in alts[:8]), alts[:8]
    dial.screenshot(path=str(artifacts / "generative-memorisation-dial-copies.png"))
    press(page, slider, "ArrowRight", 6)
    expect(dial).to_contain_text("Setting 7 of 7", timeout=20_000)
    expect(dial).to_contain_text("0 of 8 generated frames are copies")
    expect(dial).to_contain_text("blurry")
    dial.screenshot(path=str(artifacts / "generative-memorisation-dial-mush.png"))

    # Provenance: the last choice of the switch trains without Dolores; no answer names her any more.
    expect(provenance).to_contain_text("Nearest training frame of each of the 8 generated frames")
    switch = provenance.get_by_role("combobox")
    press(page, switch, "End")
    expect(provenance).to_contain_text("Trained again without the 60 frames by Dolores", timeout=20_000)
    expect(provenance).not_to_contain_text("Dolores, shot")
    assert not any("by Dolores" in a for a in frame_alts(provenance))
    assert all(frame_alts(provenance))
    press(page, provenance.get_by_role("slider").first, "ArrowRight", 2)
    expect(provenance).to_contain_text("Generated frame 3:", timeout=20_000)
    provenance.screenshot(path=str(artifacts / "generative-provenance-without-dolores.png"))

    # The game: choosing a frame (Space on the first option) reveals which one was generated.
    expect(game).to_contain_text("Choose the frame you think the model made")
    press(page, game.get_by_role("radio").first, "Space")
    expect(game).to_contain_text(re.compile(r"frame [ABCD] was generated"), timeout=20_000)
    assert any(re.search(r"Frame [ABCD]: generated\.", a) for a in frame_alts(game))
    game.screenshot(path=str(artifacts / "generative-spot-the-frame.png"))
    assert jl.error_outputs(page) == []
    assert page.js_errors == [], page.js_errors
