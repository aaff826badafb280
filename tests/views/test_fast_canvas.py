"""The text-caching canvas of live charts draws exactly what matplotlib's own Agg canvas draws."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from filmkit.views import figures
from filmkit.views.fast_canvas import TextCachingCanvas


def _chart():
    fig = figures.new_figure(6, 3)
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1, 2], [1, 3, 2], label="hours")
    ax.set_title("A title with kerning: AVAToW")
    ax.set_xlabel("Elasticity")
    ax.legend(loc="upper left", fontsize=8)
    note = ax.text(0.5, 2.5, "", fontsize=7)
    turned = ax.text(1.5, 1.0, "rotated label", rotation=35, fontsize=9, color="tab:orange")
    plain = ax.text(1.0, 0.5, "no antialiasing", antialiased=False)

    def update(step):
        line.set_ydata([1 + step, 3 - step, 2])
        note.set_text(f"step {step}: 0,5 ÷ 1.5")
        note.set_position((0.2 + step * 0.37, 2.5))  # fractional pixel positions, new and repeated
        turned.set_color("black" if step % 2 else "tab:orange")
        plain.set_visible(step != 2)
        ax.set_ylim(0, 4 + step % 2)

    return fig, update


def _pixels(canvas):
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_text_drawn_again_from_the_cache_matches_a_plain_canvas_pixel_for_pixel():
    fast_fig, fast_update = _chart()
    plain_fig, plain_update = _chart()
    fast, plain = TextCachingCanvas(fast_fig), FigureCanvasAgg(plain_fig)
    for step in [0, 1, 2, 1, 0, 3, 0]:  # new strings and places, then the same ones again
        fast_update(step)
        plain_update(step)
        assert np.array_equal(_pixels(fast), _pixels(plain)), f"step {step}"
    assert fast.get_renderer()._placed, "the canvas kept the placed strings"


@pytest.mark.parametrize("text", ["first", "second"])
def test_a_changed_string_at_the_same_place_is_drawn_anew(text):
    fig, _update = _chart()
    canvas = TextCachingCanvas(fig)
    label = fig.axes[0].text(1, 1, "first")
    fig.set_layout_engine("none")  # keep the axes where they are between the two drawings
    before = _pixels(canvas)
    label.set_text(text)
    after = _pixels(canvas)
    assert np.array_equal(before, after) == (text == "first")


def test_the_quick_png_holds_the_canvas_pixels():
    import io

    from PIL import Image

    fig, update = _chart()
    canvas = TextCachingCanvas(fig)
    update(1)
    rgba = _pixels(canvas)
    shown = Image.open(io.BytesIO(figures.fast_png(canvas.buffer_rgba())))
    assert shown.format == "PNG" and shown.mode == "RGB" and shown.size == (rgba.shape[1], rgba.shape[0])
    assert np.array_equal(np.asarray(shown), rgba[:, :, :3])


def test_a_label_moved_to_new_places_is_pasted_from_its_glyphs_and_matches_a_plain_canvas():
    """A timeline label at a new x (another year range): the same glyphs at the same place within a pixel
    are not drawn again, and the picture is still matplotlib's own, pixel for pixel."""
    def chart():
        fig = figures.new_figure(6, 3)
        ax = fig.add_subplot()
        ax.set_xlim(0, 100)
        fig.set_layout_engine("none")
        return fig, ax.text(0, 0.5, "T04 T05", fontsize=7)

    fast_fig, fast_label = chart()
    plain_fig, plain_label = chart()
    fast, plain = TextCachingCanvas(fast_fig), FigureCanvasAgg(plain_fig)
    renderer = fast.get_renderer()
    per_pixel = 100 / fast_fig.axes[0].bbox.width  # data units per pixel
    drawn = []
    for step, x in enumerate([10, 10 + 7 * per_pixel, 10 + 31 * per_pixel, 10.3, 10.3 + 12 * per_pixel]):
        fast_label.set_x(x)
        plain_label.set_x(x)
        before = len(renderer._glyphs)
        assert np.array_equal(_pixels(fast), _pixels(plain)), f"step {step}"
        drawn.append(len(renderer._glyphs) - before)
    # whole pixels away: nothing new to draw (up to rounding at a pixel's edge); 10.3 is elsewhere in its pixel
    assert drawn[0] > 0 and drawn[1] == drawn[2] == 0 and drawn[3] > 0 and drawn[4] == 0, drawn
