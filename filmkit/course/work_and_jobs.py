"""Module 4, work and jobs: hours by role, the rebound effect and the labour series."""

from filmkit.i18n import date, money, ngettext, number, percent, ratio, set_language, tr
from filmkit.model.data import load
from filmkit.model.labour import (
           hours_by_role,
           labour_series,
           rebound,
           rebound_sentence,
           rebound_table,
)
from filmkit.model.parameters import validate
from filmkit.model.scenario import run
from filmkit.views.claims_views import quotes_table
from filmkit.views.labour_views import rebound_widget, series_figure
from filmkit.views.tables import show_table

__all__ = [
           "date",
           "hours_by_role",
           "labour_series",
           "load",
           "money",
           "ngettext",
           "number",
           "percent",
           "quotes_table",
           "ratio",
           "rebound",
           "rebound_sentence",
           "rebound_table",
           "rebound_widget",
           "run",
           "series_figure",
           "set_language",
           "show_table",
           "tr",
           "validate",
]
