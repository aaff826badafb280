"""A first widget: what a claimed speed-up means in days of work."""

from __future__ import annotations

from .claims import time_saving_from_speedup


def speedup_sentence(traditional_days: float, speedup: float) -> str:
    """Plain-language reading of 'N times faster' for a job of a given length.

    >>> speedup_sentence(30, 10)
    'At 10x faster, 30 days of work take 3.0 days: 27.0 days (90%) less.'
    """
    if isinstance(traditional_days, bool) or not (isinstance(traditional_days, (int, float)) and traditional_days > 0):
        raise ValueError(f"traditional_days: {traditional_days!r} is not allowed (a number of days above 0)")
    saving = time_saving_from_speedup(speedup)
    new_days = traditional_days / speedup
    return (f"At {speedup:g}x faster, {traditional_days:g} days of work take {new_days:.1f} days: "
            f"{traditional_days - new_days:.1f} days ({saving:.0%}) less.")


def speedup_widget():
    """Two sliders (days of traditional work, claimed speed-up) and the sentence they imply."""
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    days = widgets.IntSlider(value=30, min=1, max=120, step=1, description="Traditional work (days)", style=style,
                             layout=widgets.Layout(width="420px"))
    speedup = widgets.FloatSlider(value=10, min=1, max=20, step=0.5, description="Claimed speed-up (x)", style=style,
                                  layout=widgets.Layout(width="420px"))
    out = widgets.HTML()

    def update(_change=None):
        out.value = f"<p>{speedup_sentence(days.value, speedup.value)}</p>"

    days.observe(update, names="value")
    speedup.observe(update, names="value")
    update()
    return widgets.VBox([days, speedup, out])
