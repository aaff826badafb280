"""Frames of the toy collapse as images: one small PNG per frame, each with its alt text and caption.

A frame is drawn as dark material on a light sky (like a silhouette against the sky), enlarged
without smoothing so every pixel the model made is visible. Images are ``<img>`` elements in
HTML, so a screen reader hears each frame's alt text and a static page keeps the pictures.
"""

from __future__ import annotations

import base64
import html
import io

import numpy as np

SCALE = 4          #: screen pixels per frame pixel
SKY, MATERIAL = 236, 30


def frame_png(frame: np.ndarray, scale: int = SCALE, outline: bool = False) -> bytes:
    """One frame (values 0-1) as a PNG, enlarged ``scale`` times; ``outline`` draws a thick frame around it."""
    from PIL import Image

    values = np.clip(np.asarray(frame, dtype=float), 0, 1)
    grey = np.rint(SKY - values * (SKY - MATERIAL)).astype(np.uint8)
    big = np.repeat(np.repeat(grey, scale, axis=0), scale, axis=1)
    if outline:
        big = np.pad(big, 3, constant_values=0)
    buffer = io.BytesIO()
    Image.fromarray(big, mode="L").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def frame_img(frame: np.ndarray, alt: str, outline: bool = False) -> str:
    src = "data:image/png;base64," + base64.b64encode(frame_png(frame, outline=outline)).decode("ascii")
    return f'<img src="{src}" alt="{html.escape(alt, quote=True)}" style="image-rendering:pixelated">'


def gallery_html(items: list[tuple[np.ndarray, str, str]], heading: str = "", outlined: int | None = None) -> str:
    """A row of frames: (frame, alt text, visible caption). ``outlined``: the index of a frame to outline."""
    cells = []
    for i, (frame, alt, caption) in enumerate(items):
        cells.append('<figure style="margin:0 8px 8px 0;width:136px;display:inline-block;vertical-align:top">'
                     f"{frame_img(frame, alt, outline=i == outlined)}"
                     f'<figcaption style="font-size:12px;line-height:1.3">{html.escape(caption)}</figcaption></figure>')
    title = f'<p style="margin:4px 0"><strong>{html.escape(heading)}</strong></p>' if heading else ""
    return f'<div>{title}<div>{"".join(cells)}</div></div>'


class Gallery:
    """A gallery for a notebook cell: HTML for Jupyter, the captions as text for nbval and text readers."""

    def __init__(self, items: list[tuple[np.ndarray, str, str]], heading: str = ""):
        self.items, self.heading = items, heading

    def _repr_mimebundle_(self, include=None, exclude=None):
        from filmkit.i18n import _

        alts = " ".join(alt for _frame, alt, _caption in self.items)
        text = _("[Figure: {alt}]").format(alt=f"{self.heading}: {alts}" if self.heading else alts)
        return {"text/html": gallery_html(self.items, self.heading), "text/plain": text}
