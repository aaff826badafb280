"""Module 1, the Eternaut case: facts, the claims ledger and the timeline."""

from filmkit.i18n import date, money, ngettext, number, percent, ratio, set_language, tr
from filmkit.model.case import (
                                  budget_share_of_quarterly_revenue,
                                  case_facts,
                                  disclosure_lag_days,
)
from filmkit.model.claims import (
                                  EVIDENCE_ORDER,
                                  claims_ledger,
                                  speedup_from_time_saving,
                                  status_counts,
                                  time_saving_from_speedup,
)
from filmkit.model.data import load, term
from filmkit.model.timeline import select_events, timeline_events
from filmkit.views.claims_views import ledger_table, ledger_widget, perspective_table, quotes_table
from filmkit.views.tables import show_table
from filmkit.views.timeline_views import timeline_figure, timeline_widget

__all__ = ["term", 
                                  "EVIDENCE_ORDER",
                                  "budget_share_of_quarterly_revenue",
                                  "case_facts",
                                  "claims_ledger",
                                  "date",
                                  "disclosure_lag_days",
                                  "ledger_table",
                                  "ledger_widget",
                                  "load",
                                  "money",
                                  "ngettext",
                                  "number",
                                  "percent",
                                  "perspective_table",
                                  "quotes_table",
                                  "ratio",
                                  "select_events",
                                  "set_language",
                                  "show_table",
                                  "speedup_from_time_saving",
                                  "status_counts",
                                  "time_saving_from_speedup",
                                  "timeline_events",
                                  "timeline_figure",
                                  "timeline_widget",
                                  "tr",
]
