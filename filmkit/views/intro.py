"""A first widget: what a claimed speed-up means in days of work."""

from __future__ import annotations

import ipywidgets as widgets

from filmkit.i18n import _
from filmkit.model.claims import speedup_sentence
from filmkit.views.readout import with_reader_readout


def speedup_widget():
    """Two sliders (days of traditional work, claimed speed-up) and the sentence they imply."""

    style = {"description_width": "initial"}
    days = widgets.IntSlider(value=30, min=1, max=120, step=1, description=_("Traditional work (days)"), style=style,
                             layout=widgets.Layout(width="420px"))
    speedup = widgets.FloatSlider(value=10, min=1, max=20, step=0.5, description=_("Claimed speed-up (x)"), style=style,
                                  layout=widgets.Layout(width="420px"))
    out = widgets.HTML()

    def update(_change=None):
        out.value = f"<p>{speedup_sentence(days.value, speedup.value)}</p>"

    days.observe(update, names="value")
    speedup.observe(update, names="value")
    update()
    return widgets.VBox([days, with_reader_readout(speedup, 1), out])
