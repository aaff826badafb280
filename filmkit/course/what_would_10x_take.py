"""Module 3, what would 10x take: Monte Carlo, tornado and break-even."""

import numpy as np

from filmkit.i18n import _, date, money, ngettext, number, percent, ratio, set_language, tr
from filmkit.model import analysis
from filmkit.model.analysis import (
           METRICS,
           break_even,
           favourable_case,
           monte_carlo,
)
from filmkit.model.scenario import ratios, run
from filmkit.model.scenario_io import preset, preset_description, presets
from filmkit.views.analysis_charts import histogram, tornado_chart
from filmkit.views.scenario_tables import RATIOS_BELOW_ONE as BELOW_ONE
from filmkit.views.tables import NOTES, show_table
from filmkit.views.tenx_explorer import tenx_explorer

def _with_a_note_below_one(table, columns):
    values = table[columns].to_numpy(dtype=float).ravel()
    if np.any(np.isfinite(values) & (np.round(values, 2) < 1)):
        table.attrs[NOTES] = [*table.attrs.get(NOTES, []), _(BELOW_ONE)]
    return table


def summarise(draws, target: float = 10.0):
    """The percentiles of each ratio over the runs (see :func:`filmkit.model.analysis.summarise`), with a
    sentence under the table when a ratio below 1 shows."""
    table = analysis.summarise(draws, target)
    return _with_a_note_below_one(table, [table.columns[1], table.columns[2], table.columns[3]])


def tornado(metric: str = "speedup_effort", other: str = "ai_assisted", values: dict | None = None):
    """Each uncertain input at its low and at its high value (see :func:`filmkit.model.analysis.tornado`),
    with a sentence under the table when a ratio below 1 shows."""
    return _with_a_note_below_one(analysis.tornado(metric, other, values), ["at_low", "at_high"])


__all__ = [
           "METRICS",
           "break_even",
           "date",
           "favourable_case",
           "histogram",
           "money",
           "monte_carlo",
           "ngettext",
           "number",
           "percent",
           "preset",
           "preset_description",
           "presets",
           "ratio",
           "ratios",
           "run",
           "set_language",
           "show_table",
           "summarise",
           "tenx_explorer",
           "tornado",
           "tornado_chart",
           "tr",
]
