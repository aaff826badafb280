"""Widgets that answer fast still show exactly what a full redraw shows."""

import io

import numpy as np
import pytest
from PIL import Image

from filmkit.model.labour import elasticity_curve, rebound
from filmkit.model.timeline import select_events, timeline_events
from filmkit.views import figures, labour_views, timeline_views


def pixels(png: bytes):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _chart():
    fig = figures.new_figure(6, 3)
    ax = fig.add_subplot()
    bars = ax.bar(["a", "b", "c"], [1, 2, 3], hatch="//", edgecolor="white")
    (line,) = ax.plot([0, 2], [0.5, 2.5], color="black")
    label = ax.text(0, 3.2, "")
    ax.set_ylim(0, 4)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title("fixed frame")

    def update(k):
        for rect, h in zip(bars, [1 + k, 2, 3 - k * 0.5]):
            rect.set_height(h)
        line.set_ydata([0.5 + k, 2.5 - k])
        label.set_text(f"step {k}")

    return fig, update


def test_a_push_that_redraws_only_the_data_looks_like_a_full_draw():
    fig, update = _chart()
    view = figures.FigureView(fig)
    for k in range(4):
        update(k * 0.5)
        fast = view.render()
    assert view.full_draws == 1, "the frame did not change: later pushes draw only the data"
    ref_fig, ref_update = _chart()
    reference = figures.FigureView(ref_fig, blit=False)
    ref_update(0)
    reference.render()
    ref_update(1.5)
    assert np.array_equal(pixels(fast), pixels(reference.render()))


def test_a_changed_frame_is_drawn_in_full():
    fig, update = _chart()
    view = figures.FigureView(fig)
    view.render()
    fig.axes[0].set_ylim(0, 8)
    view.render()
    fig.axes[0].set_title("another title")
    view.render()
    assert view.full_draws == 3


@pytest.mark.parametrize("start, end, categories", [(2023, 2025, None), (1957, 2025, None), (2024, 2025, ["case"])])
def test_timeline_updated_in_place_matches_a_fresh_drawing(start, end, categories):
    events = timeline_events()
    fresh = figures.new_figure(8, 3.4)
    timeline_views.draw(fresh.add_subplot(), select_events(events, start, end, categories), start, end)
    reused = figures.new_figure(8, 3.4)
    chart = timeline_views.TimelineChart(reused.add_subplot(), events)
    chart.update(select_events(events, 1957, 2025), 1957, 2025)
    chart.update(select_events(events, start, end, categories), start, end)
    assert np.array_equal(pixels(figures.png_bytes(fresh)), pixels(figures.png_bytes(reused)))


@pytest.mark.parametrize("elasticity, share", [(0.8, 0.5), (0.0, 1.0), (1.5, 0.05), (3.0, 0.0)])
def test_rebound_curve_from_one_run_equals_the_model_curve(elasticity, share):
    grid, hours, spend = labour_views.curve_from(rebound(elasticity, share))
    m_grid, m_hours, m_spend = elasticity_curve(share)
    assert np.allclose(grid, m_grid) and np.allclose(hours, m_hours) and np.allclose(spend, m_spend)


def _widget_png(html: str) -> bytes:
    import base64
    import re

    return base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1))


def test_timeline_widget_moved_back_and_forth_shows_what_a_full_draw_shows():
    import ipywidgets as widgets

    w = timeline_views.timeline_widget()
    years = w.children[0].children[0]
    boxes = [b for b in w.children[0].children[1].children if isinstance(b, widgets.Checkbox)]
    for value in [(2024, 2025), (1957, 2025), (2024, 2025), (2020, 2025)]:  # new frames and a frame shown before
        years.value = value
    boxes[0].value = False
    years.value = (2024, 2025)
    events = timeline_events()
    chosen = [c for c, b in zip(timeline_views.CATEGORIES, boxes) if b.value]
    fig = figures.new_figure(8, 3.4)
    timeline_views.draw(fig.add_subplot(), select_events(events, 2024, 2025, chosen), 2024, 2025)
    full = figures.FigureView(fig, blit=False)
    assert np.array_equal(pixels(_widget_png(w.children[1].value)), pixels(full.render()))


def test_phase_labels_follow_an_edited_table(tmp_path):
    import shutil

    from filmkit.model.data import data_dir, data_folder
    from filmkit.model.parameters import phases

    target = tmp_path / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("staging", "scenarios"))
    with data_folder(target):
        before = phases()
        first = next(iter(before.values()))
        text = (target / "phases.csv").read_text(encoding="utf-8")
        (target / "phases.csv").write_text(text.replace(first, first + " (edited)", 1), encoding="utf-8")
        assert next(iter(phases().values())) == first + " (edited)"
