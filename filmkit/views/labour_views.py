"""Labour charts and the rebound widget."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from filmkit.i18n import _, number
from filmkit.model.data import one_reading
from filmkit.model.labour import (
    labour_series,
    rebound,
    rebound_sentence,
    rebound_table,
)
from filmkit.model.parameters import parameters
from filmkit.views.figures import FigureView, new_figure, show_figure
from filmkit.views.palette import colour, marker
from filmkit.views.readout import with_reader_readout
from filmkit.views.tables import table_html


def curve_from(result: dict, points: int = 61):
    """Hours and spending ratios across the elasticity's range, from one rebound result.

    The same curve as :func:`filmkit.model.labour.elasticity_curve`, without running the model
    again: at an elasticity of 0 the amount of work stays the same, so the hours per sequence
    ratio is the hours ratio divided by the quantity ratio.
    """
    p = parameters()["demand_elasticity"]
    grid = np.linspace(p.min, p.max, points)
    price = result["price_ratio"]
    q = price ** -grid
    return grid, q * (result["hours_ratio"] / result["quantity_ratio"]), q * price


def rebound_widget(values: dict | None = None):
    """Sliders for the demand elasticity and the adoption share; sentence, chart and role table follow."""

    params = parameters()
    style = {"description_width": "330px"}
    layout = widgets.Layout(width="600px", max_width="calc(100% - 4px)")  # never wider than a zoomed page
    e = widgets.FloatSlider(value=params["demand_elasticity"].base, min=0, max=3, step=0.05, continuous_update=False,
                            description=_("Demand elasticity (unitless)"), style=style, layout=layout)
    s = widgets.FloatSlider(value=params["adoption_share"].base, min=0, max=1, step=0.05, continuous_update=False,
                            description=_("Share of VFX work done AI-assisted (0-1)"), style=style, layout=layout)
    fig = new_figure(7, 3)
    ax = fig.add_subplot()
    (hours_line,) = ax.plot([], [], color=colour(0), linewidth=2, label=_("labour hours"))
    (spend_line,) = ax.plot([], [], color=colour(1), linewidth=2, linestyle="--", label=_("spending on VFX"))
    (marker,) = ax.plot([], [], "o", color="black", markersize=7, label=_("your setting"))
    ax.axhline(1, color="grey", linewidth=1)
    ax.set_xlabel(_("Demand elasticity"))
    ax.set_ylabel(_("After / before"))
    ax.legend(fontsize=8, loc="upper left")
    view = FigureView(fig)
    sentence, table = widgets.HTML(), widgets.HTML()

    @one_reading()  # the data folder is looked at once per change
    def update(_change=None):
        result = rebound(e.value, s.value, values)  # one model run per change; the curve follows from it
        grid, hours, spend = curve_from(result)
        hours_line.set_data(grid, hours)
        spend_line.set_data(grid, spend)
        marker.set_data([e.value], [result["hours_ratio"]])
        ax.set_xlim(0, 3)
        ax.set_ylim(0, max(2.0, float(np.max(hours)) * 1.05, float(np.max(spend)) * 1.05))
        text = rebound_sentence(result)
        sentence.value = f"<p><strong>{text}</strong></p>"
        view.push(_("Hours and spending after adoption relative to before, across elasticities from {low} to {high}. "
                    "{reading}").format(low=number(0), high=number(3), reading=text))
        table.value = table_html(rebound_table(result),
                                 _("Labour hours by role, before and after (one sequence ordered before)"))

    e.observe(update, names="value")
    s.observe(update, names="value")
    update()
    return widgets.VBox([with_reader_readout(e, 2), with_reader_readout(s, 2), sentence, view.widget, table])


def series_figure():
    """BLS jobs and Animation Guild membership over time, with each point's qualifier visible."""

    fig = new_figure(8, 3.4)
    axes = fig.subplots(1, 2)
    alt_parts = []
    for i, (ax, series, title) in enumerate(zip(axes, ["bls_jobs_27_1014", "tag_members"],
                                               [_("BLS: jobs, SOC 27-1014 (incl. self-employed)"),
                                                _("Animation Guild members (union figures)")])):
        data = labour_series(series)
        exact = data["qualifier"] == "exact"
        ax.plot(data["when"], data["value"], color=colour(i), linewidth=1)
        ax.scatter(data["when"][exact], data["value"][exact], color=colour(i), marker=marker(i), zorder=3,
                   label=_("as stated"))
        ax.scatter(data["when"][~exact], data["value"][~exact], facecolors="white", edgecolors=colour(i),
                   marker=marker(i), zorder=3, label=_("about / more than / up to"))
        ax.set_title(title, fontsize=9)
        ax.set_ylim(0, data["value"].max() * 1.15)
        ax.legend(fontsize=7, loc="lower right")
        ax.tick_params(labelsize=8)
        # dates as the data gives them (a year, or year-month): language-neutral, and the English text stays as it was
        points = ", ".join(_("{when} {value}").format(when=d, value=number(v))
                           for d, v in zip(data["date"], data["value"]))
        alt_parts.append(_("{chart}: {points}").format(chart=title, points=points))
    fig.autofmt_xdate()
    return show_figure(fig, _("Two line charts. {charts}.").format(charts=". ".join(alt_parts)),
                       _("Hollow markers: the source gives an approximate figure. The 2010 figure uses the "
                         "occupation's old classification; 2019, 2021 and 2024 all use the new one."))
