"""Module 0, start here: the environment check, the quotes, and a first widget."""

from filmkit.i18n import date, money, ngettext, number, percent, ratio, set_language, tr
from filmkit.model.claims import speedup_sentence
from filmkit.tools.envcheck import check_environment, report
from filmkit.views.claims_views import quotes_table
from filmkit.views.intro import speedup_widget

__all__ = ["check_environment", "date", "money", "ngettext", "number", "percent", "quotes_table", "ratio", "report", "set_language", "speedup_sentence", "speedup_widget", "tr"]
