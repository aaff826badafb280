"""An Agg canvas for live charts that lays out and rasterises each piece of text once.

Drawing text is most of what a live chart costs on each change: for every label, Agg asks
FreeType to lay out the string (kerning, shaping), then renders each glyph to a bitmap. A chart
that is redrawn as a slider moves draws the same strings again and again, often at the same
place (a legend, the labels of a timeline whose range came back). This canvas keeps:

- each string's layout (glyphs and their offsets), for its font, size and resolution;
- each placed string's glyph bitmaps, for its exact position, angle and antialiasing;
- each glyph's bitmap for where it falls within a pixel (FreeType places glyphs to 1/64 of a pixel,
  and a glyph moved by whole pixels is the same bitmap, moved): a string at a new place (a label
  whose chart changed its limits) is mostly pasted from glyphs already drawn.

A string drawn again is pasted from those bitmaps with the same calls Agg makes, so the picture
is the same to the pixel (``tests/noncode/test_fast_widgets.py`` compares it with a plain
canvas). Text colour is applied when pasting, so it is not part of what is kept. Where the
installed matplotlib draws text another way, the canvas is the ordinary one.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

#: matplotlib >= 3.11 lays text out with ``FT2Font._layout`` and renders glyph by glyph
_SUPPORTED = hasattr(RendererAgg, "_draw_text_glyphs_and_boxes") and hasattr(backend_agg, "RenderMode")


class TextCachingRenderer(RendererAgg):
    """``RendererAgg`` whose plain (non-math) text is laid out and rasterised once per string and place."""

    #: how many laid-out strings and how many placed strings are kept (each a few kB at most)
    KEEP = 4000
    #: how many glyph bitmaps are kept (each a few hundred bytes)
    KEEP_GLYPHS = 20000

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._layouts: OrderedDict = OrderedDict()
        self._placed: OrderedDict = OrderedDict()
        self._glyphs: dict = {}
        self._metrics: dict = {}

    def _get_font_height_metrics(self, prop):
        """A font's ascent, descent and line gap at its size, as ``Text._get_layout`` reads them from the font's
        tables when the renderer does not say (matplotlib asks for every piece of text it measures or draws)."""
        key = (hash(prop), prop.get_size_in_points(), self.dpi)
        if key not in self._metrics:
            from matplotlib.font_manager import fontManager, get_font

            font = get_font(fontManager._find_fonts_by_props(prop))
            self._metrics[key] = (None, None, None)
            for table_name, gap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"), ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                self._metrics[key] = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
                break
        return self._metrics[key]

    @staticmethod
    def _remember(store: OrderedDict, key, value, limit: int):
        store[key] = value
        if len(store) > limit:
            store.popitem(last=False)
        return value

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or not _SUPPORTED:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        features = tuple(features) if features is not None else None
        language = mtext.get_language() if mtext is not None else None
        flags = backend_agg.get_hinting_flag()
        layout_key = (s, hash(prop), prop.get_size_in_points(), self.dpi, flags, features, language)
        antialiased = bool(gc.get_antialiased())
        place_key = (layout_key, x, y, angle, antialiased, self.height)
        glyphs = self._placed.get(place_key)
        if glyphs is None:
            glyphs = self._remember(self._placed, place_key,
                                    self._rasterise(layout_key, x, y, angle, antialiased, prop, mtext), self.KEEP)
        for buffer, left, bottom in glyphs:
            self._renderer.draw_text_image(buffer, left, bottom, 0, gc)

    def _layout(self, layout_key, prop, mtext):
        items = self._layouts.get(layout_key)
        if items is None:
            s, _hash, size, _dpi, flags, features, language = layout_key
            font = self._prepare_font(prop)
            items = [(item.ft_object, size, item.glyph_index, item.x, item.y)
                     for item in font._layout(s, flags=flags, features=features,
                                              language=language)]
            self._remember(self._layouts, layout_key, items, self.KEEP)
        return items

    def _rasterise(self, layout_key, x, y, angle, antialiased, prop, mtext):
        """The glyph bitmaps of one placed string, computed as ``RendererAgg._draw_text_glyphs_and_boxes`` does."""
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[1, 0], [0, 1]]).round().astype(int)
        mode = backend_agg.RenderMode.NORMAL if antialiased else backend_agg.RenderMode.MONO
        flags = backend_agg.get_hinting_flag()
        out = []
        glyphs = self._glyphs
        for font, size, glyph_index, dx, dy in self._layout(layout_key, prop, mtext):
            # the glyph's origin in FreeType's units (1/64 pixel), as Agg computes it
            gx, gy = round(0x40 * (x + dx * cos - dy * sin)), round(0x40 * (self.height - y + dx * sin + dy * cos))
            key = (font, size, self.dpi, glyph_index, flags, antialiased, tuple(matrix.flat), gx & 0x3F, gy & 0x3F)
            glyph = glyphs.get(key)
            if glyph is None:
                # drawn at the same place within its pixel: the bitmap and its corner, relative to the whole pixel
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [gx & 0x3F, gy & 0x3F])
                bitmap = font._render_glyph(glyph_index, flags, mode)
                buffer = np.array(bitmap.buffer, copy=True)
                if not antialiased:
                    buffer *= 0xff
                if len(glyphs) >= self.KEEP_GLYPHS:
                    glyphs.clear()
                glyph = glyphs[key] = (buffer, bitmap.left, bitmap.top)
            buffer, left, top = glyph
            out.append((buffer, left + (gx >> 6), int(self.height) - (top + (gy >> 6)) + buffer.shape[0]))
        return out


class TextCachingCanvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` drawing with a :class:`TextCachingRenderer` (kept while the figure's size stays)."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = TextCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
