"""Module 2, cost and time: the scenario model, its tables and the explorer."""

import math
from pathlib import Path

from filmkit.i18n import (
    date,
    decimal_room,
    format_locale,
    money,
    ngettext,
    number,
    percent,
    ratio,
    set_language,
    tr,
)
from filmkit.model.data import data_dir, load
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


def scenario_file(name: str) -> Path:
    """The scenario file the kit ships as ``name`` (``data/scenarios/<name>.json``), wherever the notebook is."""
    return data_dir() / "scenarios" / f"{name}.json"


def short_number(value, digits: int = 4) -> str:
    """``value`` as a worked example writes it: no trailing zeros (``0.3``, ``1.6``, ``16``), the reader's separators."""
    try:
        value = float(value)
    except (TypeError, ValueError, OverflowError):
        return number(value)  # "n/a", or an int beyond a float's range written in full
    if not math.isfinite(value):
        return number(value)
    from babel.numbers import format_decimal

    with decimal_room(value, digits):  # 1e308 has 309 digits: more than a Decimal holds by default
        return format_decimal(round(value, digits), "#,##0." + "#" * digits, locale=format_locale())


__all__ = [
    "basis_counts",
    "date",
    "day_rate",
    "day_rate_table",
    "explorer",
    "feasibility",
    "feasibility_table",
    "load",
    "load_scenario",
    "money",
    "ngettext",
    "number",
    "parameter_table",
    "parameters",
    "passes",
    "percent",
    "pipeline",
    "preset",
    "presets",
    "ratio",
    "run",
    "scenario_file",
    "set_language",
    "short_number",
    "show_table",
    "stage_table",
    "static_figures",
    "summary_table",
    "tier_label",
    "tr",
    "validate",
]
