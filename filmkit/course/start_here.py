"""Module 0, start here: the environment check, the quotes, and a first widget."""

from filmkit.model.claims import speedup_sentence
from filmkit.tools.envcheck import check_environment, report
from filmkit.views.claims_views import quotes_table
from filmkit.views.intro import speedup_widget

__all__ = ["check_environment", "quotes_table", "report", "speedup_sentence", "speedup_widget"]
