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

import ipywidgets as widgets
from matplotlib.figure import Figure


def new_figure(width: float = 7.0, height: float = 3.6) -> Figure:
    """A figure not tied to pyplot (nothing is displayed until we say so)."""
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def png_bytes(fig: Figure, dpi: int = 100) -> bytes:
    """Render a figure to PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


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
        text = f"[Figure: {self.alt}]" + (f"\n{self.caption}" if self.caption else "")
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
    screen reader hears the same numbers the picture shows. Each push draws the
    figure exactly once and encodes it with fast PNG compression; the layout is
    computed on the first push and then kept, so the chart does not jump around.
    """

    def __init__(self, fig: Figure):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self.widget = widgets.HTML(layout=widgets.Layout(width="100%"))
        self._layout_fixed = False

    def render(self) -> bytes:
        """Draw once and encode as PNG (what :meth:`push` shows)."""
        from PIL import Image

        self.canvas.draw()
        if not self._layout_fixed:
            self.fig.set_layout_engine("none")  # keep the margins found by the first draw
            self._layout_fixed = True
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def push(self, alt: str, caption: str = "") -> None:
        """Show the figure's current state with its alt text (and an optional visible caption)."""
        self.widget.value = figure_html(self.render(), alt, caption)
