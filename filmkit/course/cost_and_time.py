"""Module 2, cost and time: the scenario model, its tables and the explorer."""

from filmkit.i18n import date, money, number, percent, ratio, set_language, tr
from filmkit.model.data import load
from filmkit.model.parameters import parameters, pipeline, tier_label, validate
from filmkit.model.scenario import day_rate, feasibility, passes, run
from filmkit.model.scenario_io import load_scenario, preset, presets
from filmkit.views.explorer import explorer
from filmkit.views.scenario_charts import static_figures
from filmkit.views.scenario_tables import (
                                           basis_counts,
                                           day_rate_table,
                                           feasibility_table,
                                           parameter_table,
                                           stage_table,
                                           summary_table,
)
from filmkit.views.tables import show_table

__all__ = ["date", "money", "number", "percent", "ratio", "set_language", "tr", "basis_counts", "day_rate", "day_rate_table", "explorer", "feasibility", "feasibility_table", "load",
           "load_scenario", "preset", "presets", "parameter_table", "parameters", "passes", "pipeline", "run", "show_table",
           "stage_table", "static_figures", "summary_table", "tier_label", "validate"]
