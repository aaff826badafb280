"""The case on a time line: events from data/timeline.csv, as a chart, a list and a widget."""

from __future__ import annotations

import pandas as pd

from filmkit.i18n import N_, _, join_items, ngettext, number
from filmkit.model.arguments import shown
from filmkit.model.data import load, partial_date, with_sources
from filmkit.model.labels import Labels

CATEGORIES = ["case", "statement", "policy", "labour", "context"]
#: category -> its label, read in the language in use
CATEGORY_LABELS = Labels({
    "case": N_("The Eternaut case"),
    "statement": N_("Netflix statements"),
    "policy": N_("Rules and guidance"),
    "labour": N_("Strikes and contracts"),
    "context": N_("Historical context"),
})
#: Where an event of month or year precision is drawn: the middle of its period.
_MIDDLE = {"day": pd.Timedelta(0), "month": pd.Timedelta(days=14), "year": pd.Timedelta(days=182)}


def timeline_events() -> pd.DataFrame:
    """Events with a plotting date (``when``) and their source's publisher and evidence level."""
    events = load("timeline")
    starts = [partial_date(d)[0] for d in events["date"]]
    events["when"] = [s + _MIDDLE[p] for s, p in zip(starts, events["precision"])]
    events["year"] = [s.year for s in starts]
    events = with_sources(events)
    return events.sort_values("when", kind="stable").reset_index(drop=True)


#: the years a timeline can show (pandas dates end in 2262; the kit's events lie in this century)
FIRST_YEAR, LAST_YEAR = 1900, 2100


def select_events(events: pd.DataFrame, start_year: int, end_year: int, categories=None) -> pd.DataFrame:
    """Events between two years (inclusive) in the given categories (default: all)."""
    for name, year in (("start_year", start_year), ("end_year", end_year)):
        if isinstance(year, bool) or not hasattr(year, "__index__") or not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(_("{name}: {value} is not allowed (a year from {first} to {last})").format(
                name=name, value=shown(year), first=FIRST_YEAR, last=LAST_YEAR))
    if start_year > end_year:
        raise ValueError(_("start_year: {start} is after end_year {end}; give the earlier year first").format(
            start=start_year, end=end_year))
    if isinstance(categories, (str, bytes)) or not (categories is None or hasattr(categories, "__iter__")):
        raise ValueError(_("categories: {value} is not a list (allowed in it: {allowed})").format(
            value=repr(categories), allowed=", ".join(CATEGORIES)))
    categories = list(CATEGORIES if categories is None else categories)
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown:
        raise ValueError(_("categories: {unknown} not allowed (allowed: {allowed})").format(
            unknown=repr(unknown), allowed=", ".join(CATEGORIES)))
    keep = events["year"].between(start_year, end_year) & events["category"].isin(categories)
    return events[keep]


def describe(selected: pd.DataFrame, start_year: int, end_year: int) -> str:
    """One-sentence text alternative for the chart.

    Years are written as years (no thousands separator); event dates as the data gives them
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    """
    if selected.empty:
        return _("Timeline from {start} to {end}: no events in the chosen categories.").format(
            start=start_year, end=end_year)
    counts = selected["category"].value_counts()
    parts = [_("{category}: {count}").format(category=CATEGORY_LABELS[c], count=number(int(counts[c])))
             for c in CATEGORIES if counts.get(c, 0) > 0]
    first, last = selected.iloc[0], selected.iloc[-1]
    return ngettext(
        "Timeline from {start} to {end} with {count} event ({categories}); first: {first_date} {first_event}; "
        "last: {last_date} {last_event}.",
        "Timeline from {start} to {end} with {count} events ({categories}); first: {first_date} {first_event}; "
        "last: {last_date} {last_event}.",
        len(selected)).format(start=start_year, end=end_year, count=number(len(selected)), categories=join_items(parts),
                              first_date=first["date"], first_event=first["event"],
                              last_date=last["date"], last_event=last["event"])
