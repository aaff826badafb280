"""Module 5, ethics and governance: contracts, guidance, comparison cases and the ethical matrix."""

from filmkit.i18n import date, money, ngettext, number, percent, ratio, set_language, tr
from filmkit.model.case import case_facts
from filmkit.model.data import load
from filmkit.model.ethics import (
           PROPOSED_USES,
           EthicalMatrix,
           assess,
           cases,
           checklist_questions,
           provisions,
)
from filmkit.model.timeline import timeline_events
from filmkit.views.claims_views import quotes_table
from filmkit.views.ethics_widgets import cases_widget, checklist_widget, matrix_widget
from filmkit.views.tables import show_table

__all__ = [
           "PROPOSED_USES",
           "EthicalMatrix",
           "assess",
           "case_facts",
           "cases",
           "cases_widget",
           "checklist_questions",
           "checklist_widget",
           "date",
           "load",
           "matrix_widget",
           "money",
           "ngettext",
           "number",
           "percent",
           "provisions",
           "quotes_table",
           "ratio",
           "set_language",
           "show_table",
           "timeline_events",
           "tr",
]
