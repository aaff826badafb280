"""The case on a time line: events from data/timeline.csv, as a chart, a list and a widget."""

from __future__ import annotations

import pandas as pd

from filmkit.model.data import load, partial_date, with_sources

CATEGORIES = ["case", "statement", "policy", "labour", "context"]
CATEGORY_LABELS = {
    "case": "The Eternaut case",
    "statement": "Netflix statements",
    "policy": "Rules and guidance",
    "labour": "Strikes and contracts",
    "context": "Historical context",
}
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


def select_events(events: pd.DataFrame, start_year: int, end_year: int, categories=None) -> pd.DataFrame:
    """Events between two years (inclusive) in the given categories (default: all)."""
    if start_year > end_year:
        raise ValueError(f"start_year: {start_year} is after end_year {end_year}; give the earlier year first")
    categories = list(CATEGORIES if categories is None else categories)
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown:
        raise ValueError(f"categories: {unknown!r} not allowed (allowed: {', '.join(CATEGORIES)})")
    keep = events["year"].between(start_year, end_year) & events["category"].isin(categories)
    return events[keep]


def describe(selected: pd.DataFrame, start_year: int, end_year: int) -> str:
    """One-sentence text alternative for the chart."""
    if selected.empty:
        return f"Timeline from {start_year} to {end_year}: no events in the chosen categories."
    parts = [f"{CATEGORY_LABELS[c]}: {int((selected['category'] == c).sum())}"
             for c in CATEGORIES if (selected["category"] == c).any()]
    first, last = selected.iloc[0], selected.iloc[-1]
    return (f"Timeline from {start_year} to {end_year} with {len(selected)} events ({'; '.join(parts)}); "
            f"first: {first['date']} {first['event']}; last: {last['date']} {last['event']}.")
