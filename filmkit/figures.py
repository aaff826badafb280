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
    screen reader hears the same numbers the picture shows.
    """

    def __init__(self, fig: Figure):
        import ipywidgets as widgets

        self.fig = fig
        self.widget = widgets.HTML(layout=widgets.Layout(width="100%"))

    def push(self, alt: str, caption: str = "") -> None:
        """Draw the figure once and show it with its alt text."""
        self.widget.value = figure_html(png_bytes(self.fig), alt, caption)
