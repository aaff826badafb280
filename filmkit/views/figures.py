"""Charts that carry their own text: alt text for screen readers, a caption for everyone.

Figures are built with ``matplotlib.figure.Figure`` (not pyplot), so nothing is
drawn behind the notebook's back. A figure is shown either statically
(:func:`show_figure`, a display bundle that reads on GitHub, nbviewer and PDF)
or live inside a widget (:class:`FigureView`, which redraws the same artists and
pushes one PNG).
"""

from __future__ import annotations

import base64
import html
import io
import struct
import zlib
from collections import OrderedDict

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

from filmkit.i18n import _, format_locale


class ReaderTicks(ScalarFormatter):
    """Matplotlib's tick labels with the reader's decimal sign (``0,5`` in Spanish and French)."""

    def __call__(self, x, pos=None):
        from babel.numbers import get_decimal_symbol

        text = super().__call__(x, pos)
        sign = get_decimal_symbol(format_locale())
        return text if sign == "." else text.replace(".", sign)


class ReaderFigure(Figure):
    """A figure whose axes write their tick numbers the reader's way (a chart may still set its own formatter)."""

    def add_subplot(self, *args, **kwargs):
        ax = super().add_subplot(*args, **kwargs)
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(ReaderTicks())
        return ax


def new_figure(width: float = 7.0, height: float = 3.6) -> Figure:
    """A figure not tied to pyplot (nothing is displayed until we say so)."""
    return ReaderFigure(figsize=(width, height), dpi=100, layout="constrained")


def png_bytes(fig: Figure, dpi: int = 100) -> bytes:
    """Render a figure to PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def fast_png(rgba) -> bytes:
    """An RGB PNG of an RGBA pixel buffer (height x width x 4), quick to make: rows unfiltered, fastest deflate.

    About 40% quicker than Pillow's fastest setting on a chart (which tries a filter per row) for a file
    about 10% larger; the pixels are the same.
    """
    pixels = np.asarray(rgba)
    height, width = pixels.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # each row: filter type 0 (none), then R, G, B
    rows[:, 1:].reshape(height, width, 3)[:] = pixels[:, :, :3]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, truecolour, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _png_chunk(b"IEND", b""))


def figure_html(png: bytes, alt: str, caption: str = "") -> str:
    """An ``<img>`` with alt text, and a visible caption when given."""
    src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    img = f'<img src="{src}" alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto">'
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure style="margin:0">{img}{cap}</figure>'


class StaticFigure:
    """A figure with its alt text and caption, shown as a display bundle.

    Jupyter shows the HTML (image with alt text and caption); PDF export uses
    the PNG; plain-text viewers, and nbval, see the caption text.
    """

    def __init__(self, fig: Figure, alt: str, caption: str = ""):
        if not alt.strip():
            raise ValueError("alt: every figure needs alt text (a sentence saying what it shows)")
        self.png = png_bytes(fig)
        self.alt = alt
        self.caption = caption

    def _repr_mimebundle_(self, include=None, exclude=None):
        # TRANSLATORS: what a text-only reader sees in place of a chart; {alt} is the chart's description
        text = _("[Figure: {alt}]").format(alt=self.alt) + (f"\n{self.caption}" if self.caption else "")
        return {
            "text/html": figure_html(self.png, self.alt, self.caption),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": text,
        }


def show_figure(fig: Figure, alt: str, caption: str = "") -> StaticFigure:
    """Wrap a figure for display: put it last in a cell, or pass it to ``display``."""
    return StaticFigure(fig, alt, caption)


class FigureView:
    """A live chart inside a widget: update artists, then call :meth:`push`.

    The chart is an HTML widget holding one ``<img>`` with alt text, so a
    screen reader hears the same numbers the picture shows. The layout is
    computed on the first push and then kept, so the chart does not jump around.

    Each push draws only what can change. The frame of every axes (background,
    ticks, tick labels, axis labels, titles), where most of the drawing time
    goes, is drawn once and kept as a bitmap; while the limits, ticks and labels
    stay the same, a push pastes that bitmap back and draws the data artists
    (bars, lines, markers, texts, legends) over it, with grid lines and spines
    kept in their stacking order. When the frame changes, the whole figure is
    drawn again. The image is encoded as a fast PNG.

    ``redrawn`` names parts of the frame that change on most pushes (an axis whose
    limits follow a slider, a title that says the range): they are drawn with the
    data on every push, in their stacking order, and left out of the kept frame, so
    the rest of the frame is drawn once.
    """

    #: how many recent frames are kept as bitmaps (about 1 MB each)
    KEEP_FRAMES = 8

    def __init__(self, fig: Figure, blit: bool = True, redrawn=()):
        from filmkit.views.fast_canvas import TextCachingCanvas

        self.fig = fig
        self.canvas = TextCachingCanvas(fig)
        self.widget = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.blit = blit
        self.redrawn = list(redrawn)
        self._layout_fixed = False
        self._key = None  # what the frame looked like at the last push
        self._background = None  # the frame alone, as a bitmap
        self._backgrounds: OrderedDict = OrderedDict()  # recent frames: key -> bitmap (a slider moved back)
        self.full_draws = 0  # how many pushes drew the whole figure (the rest drew only the data)

    # -- what belongs to the frame, what to the data --------------------------------------------------
    @staticmethod
    def _frame_parts(ax) -> set:
        return {ax.patch, ax.xaxis, ax.yaxis, ax.title, ax._left_title, ax._right_title, *ax.spines.values()}

    def _data_artists(self, ax) -> list:
        frame = self._frame_parts(ax)
        return sorted((a for a in ax.get_children() if a not in frame and a.get_visible()), key=lambda a: a.get_zorder())

    def _redrawn(self, ax) -> list:
        """The parts of ``ax``'s frame drawn on every push (see ``redrawn``)."""
        return [a for a in self.redrawn if a.axes is ax and a.get_visible()]

    def _grid(self, ax) -> list:
        """Grid lines drawn with the data (those of an axis drawn on every push come with it)."""
        return [t.gridline for axis in (ax.xaxis, ax.yaxis) if axis not in self.redrawn
                for t in self._ticks(axis) if t.gridline.get_visible()]

    @staticmethod
    def _ticks(axis) -> list:
        return axis.get_major_ticks() + axis.get_minor_ticks()

    def _frame_key(self) -> tuple:
        key = [tuple(self.fig.get_size_inches()), self.fig.dpi, tuple(t.get_text() for t in self.fig.texts),
               len(self.fig.legends)]
        for ax in self.fig.axes:
            # the parts drawn on every push are not part of the kept frame (an axis: its limits, ticks and labels)
            x, y = (None if ax.xaxis in self.redrawn else ax.get_xlim()), (None if ax.yaxis in self.redrawn else ax.get_ylim())
            key.append((id(ax), ax.get_visible(), tuple(ax.get_position().bounds), x, y,
                        ax.get_xscale(), ax.get_yscale(), None if ax.title in self.redrawn else ax.get_title(),
                        ax.get_title("left"), ax.get_title("right"),
                        ax.get_xlabel(), ax.get_ylabel(), ax.get_axisbelow()))
            for axis in (ax.xaxis, ax.yaxis):
                if axis in self.redrawn:
                    continue
                key.append((id(axis.get_major_formatter()), id(axis.get_major_locator()),
                            tuple(axis.get_majorticklocs()), tuple(t.get_text() for t in axis.get_majorticklabels()),
                            tuple(g.get_visible() for g in (t.gridline for t in self._ticks(axis)))))
        return tuple(key)

    # -- drawing --------------------------------------------------------------------------------------
    def _draw_full(self) -> None:
        self.canvas.draw()
        self.full_draws += 1
        if not self._layout_fixed:
            self.fig.set_layout_engine("none")  # keep the margins found by the first draw
            self._layout_fixed = True

    def _save_background(self) -> None:
        """Draw the frame alone and keep it; then draw the data over it."""
        hidden = [legend for legend in self.fig.legends if legend.get_visible()]
        for ax in self.fig.axes:
            hidden += self._data_artists(ax) + [s for s in ax.spines.values() if s.get_visible()]
            hidden += self._grid(ax) + self._redrawn(ax)
        for artist in hidden:
            artist.set_visible(False)
        try:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self._backgrounds[self._key] = self._background
            while len(self._backgrounds) > self.KEEP_FRAMES:
                self._backgrounds.popitem(last=False)
        finally:
            for artist in hidden:
                artist.set_visible(True)
        self._draw_data()

    def _draw_data(self) -> None:
        renderer = self.canvas.get_renderer()
        for ax in self.fig.axes:
            if not ax.get_visible():
                continue
            axis_z = ax.xaxis.get_zorder()
            spine_z = min((s.get_zorder() for s in ax.spines.values()), default=2.5)
            spines = [s for s in ax.spines.values() if s.get_visible()]
            layers = [(a.get_zorder(), 0, a) for a in self._data_artists(ax)]
            layers += [(axis_z, -1, g) for g in self._grid(ax)] + [(spine_z, -1, s) for s in spines]
            # a redrawn axis comes where matplotlib draws it (its grid lines, ticks and labels together); a title
            # with the other texts
            layers += [(a.get_zorder(), -1 if a in (ax.xaxis, ax.yaxis) else 0, a) for a in self._redrawn(ax)]
            for _z, _order, artist in sorted(layers, key=lambda t: (t[0], t[1])):
                artist.draw(renderer)
        for legend in self.fig.legends:
            if legend.get_visible():
                legend.draw(renderer)

    def render(self) -> bytes:
        """Draw what changed and encode as PNG (what :meth:`push` shows)."""
        key = self._frame_key() if self.blit and self._layout_fixed else None
        if key is not None and key != self._key and key in self._backgrounds:
            # A frame shown before (a slider moved back): paste its bitmap and draw the data over it.
            self._backgrounds.move_to_end(key)
            self._key, self._background = key, self._backgrounds[key]
            self.canvas.restore_region(self._background)
            self._draw_data()
        elif key is not None and key != self._key:
            # A new frame: drawn alone and kept, then the data over it (the whole figure, in two passes).
            self._key = key
            self._save_background()
            self.full_draws += 1
        elif key is None or key != self._key:
            # The first push (it fixes the layout), or no blitting: one ordinary draw.
            first = not self._layout_fixed
            self._draw_full()
            # The frame key is computed once per push (it asks the tick locators), except after the first
            # draw, which fixes the layout and so moves the axes.
            self._key = (self._frame_key() if first else key) if self.blit else None
            self._background = None
        elif self._background is None:
            self._save_background()
        else:
            self.canvas.restore_region(self._background)
            self._draw_data()
        return fast_png(self.canvas.buffer_rgba())

    def push(self, alt: str, caption: str = "") -> None:
        """Show the figure's current state with its alt text (and an optional visible caption)."""
        self.widget.value = figure_html(self.render(), alt, caption)
