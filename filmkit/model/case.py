"""Facts about the series and the company, from data/case_facts.csv, with small derived figures."""

from __future__ import annotations

import pandas as pd

from filmkit.i18n import _
from filmkit.model.data import load, with_sources


def case_facts() -> pd.DataFrame:
    """Every case fact with its source's publisher and evidence level."""
    return with_sources(load("case_facts"))


def fact(key: str) -> str:
    """The reported value of one fact, as text."""
    facts = load("case_facts").set_index("key")
    if key not in facts.index:
        raise KeyError(_("no case fact {key}; known: {known}").format(key=repr(key), known=", ".join(facts.index)))
    return facts.loc[key, "value"]


def fact_number(key: str) -> float:
    """The value of a numeric fact (refuses text such as '50+')."""
    text = fact(key)
    try:
        return float(text)
    except ValueError:
        raise ValueError(_("case fact {key} is {text}, not a plain number").format(key=repr(key), text=repr(text))) from None


def disclosure_lag_days() -> int:
    """Days from the premiere to the earnings call that disclosed the GenAI shots."""
    events = load("timeline").set_index("id")
    premiere = pd.Timestamp(fact("premiere_date"))
    call = pd.Timestamp(events.loc["T20", "date"])
    return int((call - premiere).days)


def budget_share_of_quarterly_revenue() -> float:
    """The reported season budget as a share of Netflix's revenue in the quarter of the call."""
    return fact_number("season_budget_usd") / fact_number("netflix_q2_2025_revenue_usd")
