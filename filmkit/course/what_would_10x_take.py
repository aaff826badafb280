"""Module 3, what would 10x take: Monte Carlo, tornado and break-even."""

from filmkit.i18n import date, money, ngettext, number, percent, ratio, set_language, tr
from filmkit.model.analysis import (
           METRICS,
           break_even,
           favourable_case,
           monte_carlo,
           summarise,
           tornado,
)
from filmkit.model.scenario import ratios, run
from filmkit.model.scenario_io import preset, preset_description, presets
from filmkit.views.analysis_charts import histogram, tornado_chart
from filmkit.views.tables import show_table
from filmkit.views.tenx_explorer import tenx_explorer

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
