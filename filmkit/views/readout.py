"""A slider's value written the reader's way.

The browser writes an ipywidgets slider's own readout with a decimal point ("1.00"), whatever the
language. Where the reader writes a decimal comma, the kit hides that readout and shows the value
beside the slider through :func:`filmkit.i18n.number` ("1,00").
"""

from __future__ import annotations

import ipywidgets as widgets
from babel.numbers import get_decimal_symbol

from filmkit.i18n import format_locale, number
from filmkit.views.typed import SCREEN_READER_CSS

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
        row.width, row.max_width = width, "calc(100% - 4px)"  # never wider than the page (a zoomed screen)
        narrower = f"{int(width[:-2]) - READOUT_WIDTH}px"
        slider.layout = widgets.Layout(width=narrower, max_width=f"calc(100% - {READOUT_WIDTH}px)")
    shown = typed_readout(slider, digits)
    return widgets.HBox([slider, shown, SCREEN_READER_CSS()], layout=row)


def typed_readout(slider, digits: int):
    """A box beside ``slider`` showing its value the reader's way ("1,00"), in which a value can be typed, as in
    ipywidgets' own readout ("Set it to 60": typed, then Enter). What is not a number puts the value back; a
    number outside the slider's range is brought to the nearest end, on the slider's steps."""
    from filmkit.i18n import _
    from filmkit.views.typed import labelled, typed_number

    # no words on screen (the slider's label is beside it): a screen reader reads the control's name and how to type
    hint = _("{control}: type a number from {low} to {high}, then press Enter.").format(
        control=slider.description, low=number(slider.min, digits), high=number(slider.max, digits))
    box = widgets.Text(value=number(slider.value, digits), continuous_update=False,
                       description=labelled(slider.description, hint, shown_visible=False), description_allow_html=True,
                       style={"description_width": "0px"},
                       layout=widgets.Layout(width=f"{READOUT_WIDTH}px", min_width=f"{READOUT_WIDTH}px"))
    box.add_class("filmkit-readout")

    def typed(change):
        value = typed_number(change["new"])
        if value is not None:
            step = slider.step or 1
            value = min(max(round(slider.min + round((value - slider.min) / step) * step, 10), slider.min), slider.max)
            slider.value = int(value) if isinstance(slider.value, int) else float(value)
        box.value = number(slider.value, digits)  # what the slider holds, written the reader's way

    box.observe(typed, names="value")
    slider.observe(lambda change: setattr(box, "value", number(change["new"], digits)), names="value")
    return box
