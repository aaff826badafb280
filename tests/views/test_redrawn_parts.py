"""A live chart whose axis follows a slider draws that axis with the data on every change and keeps the rest
of its frame: the picture is still exactly what a full drawing shows."""

import io

import numpy as np
from PIL import Image

from filmkit.views import figures


def pixels(png: bytes):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _chart():
    fig = figures.new_figure(7, 3)
    ax = fig.add_subplot()
    (line,) = ax.plot(range(40), [v % 7 for v in range(40)], marker="o")
    label = ax.text(5, 3, "")
    ax.set_yticks(range(0, 8, 2), ["none", "some", "more", "most"])
    ax.grid(axis="x", alpha=0.3)

    def update(start):
        ax.set_xlim(start, start + 12.5)
        ax.set_title(f"From {start} to {start + 12.5}", y=1.0)
        label.set_position((start + 2, 3))
        label.set_text(f"start {start}")
        line.set_color("black" if start % 2 else "tab:blue")

    return fig, ax, update


def test_an_axis_and_title_drawn_on_every_push_look_like_a_full_drawing():
    fig, ax, update = _chart()
    view = figures.FigureView(fig, redrawn=(ax.xaxis, ax.title))
    for start in [0, 3, 1.7, 20, 3, 0.25]:  # new limits and limits seen before
        update(start)
        fast = view.render()
        ref_fig, _ref_ax, ref_update = _chart()
        reference = figures.FigureView(ref_fig, blit=False)
        ref_update(0)
        reference.render()  # its layout fixed by a first drawing, as the live chart's is
        ref_update(start)
        assert np.array_equal(pixels(fast), pixels(reference.render())), start
    assert view.full_draws == 1, "after the first push, only the redrawn parts and the data were drawn"


def test_without_redrawn_parts_each_new_limit_draws_the_frame_again():
    fig, _ax, update = _chart()
    view = figures.FigureView(fig)
    for start in [0, 3, 1.7, 20]:
        update(start)
        view.render()
    assert view.full_draws == 4
