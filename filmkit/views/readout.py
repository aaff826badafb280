"""A slider's value written the reader's way.

The browser writes an ipywidgets slider's own readout with a decimal point ("1.00"), whatever the
language. Where the reader writes a decimal comma, the kit hides that readout and shows the value
beside the slider through :func:`filmkit.i18n.number` ("1,00").
"""

from __future__ import annotations

import ipywidgets as widgets
from babel.numbers import get_decimal_symbol

from filmkit.i18n import format_locale, number

READOUT_WIDTH = 60  # px: the widest value the kit's sliders show ("250.000")


def with_reader_readout(slider, digits: int):
    """``slider`` as shown: itself where the reader writes a decimal point; else the slider, narrowed by the
    readout's width, with the value written the reader's way beside it."""
    if get_decimal_symbol(format_locale()) == ".":
        return slider
    slider.readout = False
    width = slider.layout.width
    row = widgets.Layout(align_items="center")
    if width and width.endswith("px"):
        # the row keeps the slider's width, so a column of rows is as wide as a column of sliders; the slider gets
        # a layout of its own (several controls may share one)
        row.width = row.min_width = width
        narrower = f"{int(width[:-2]) - READOUT_WIDTH}px"
        slider.layout = widgets.Layout(width=narrower, min_width=narrower)
    shown = widgets.Label(value=number(slider.value, digits),
                          layout=widgets.Layout(width=f"{READOUT_WIDTH}px", min_width=f"{READOUT_WIDTH}px"))
    slider.observe(lambda change: setattr(shown, "value", number(change["new"], digits)), names="value")
    return widgets.HBox([slider, shown], layout=row)
