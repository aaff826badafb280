"""Claims ledger, case facts and the time line on the fixture tables."""

import math

import pandas as pd
import pytest

from filmkit.model import case, claims, timeline


@pytest.fixture(scope="module")
def ledger():
    return claims.claims_ledger()


def test_ledger_by_hand(ledger):
    # CL01 has two corroborating reports besides its own source
    assert ledger["reports"].tolist() == [3, 1, 1]
    assert ledger["speaker_name"].tolist() == ["Alex Example", "Alex Example", "Sam Sample"]
    assert ledger["publisher"].tolist() == ["Publisher A", "Publisher B", "Publisher C"]


def test_filters(ledger):
    assert claims.filter_claims(ledger, speaker="Alex Example")["id"].tolist() == ["CL01", "CL02"]
    assert claims.filter_claims(ledger, speaker="Alex Example", status="single_source")["id"].tolist() == ["CL02"]
    assert claims.filter_claims(ledger, evidence="unverified")["id"].tolist() == ["CL03"]
    assert claims.filter_claims(ledger, perspective="worker")["id"].tolist() == ["CL03"]
    assert claims.filter_claims(ledger, perspective="press").empty
    assert len(claims.filter_claims(ledger)) == 3


@pytest.mark.parametrize("kwargs, name", [({"status": "true"}, "status"), ({"evidence": "tertiary"}, "evidence"),
                                          ({"speaker": "Nobody"}, "speaker"), ({"perspective": "investor"}, "perspective")])
def test_unknown_filter_values_are_refused(ledger, kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name}: .* is not one of"):
        claims.filter_claims(ledger, **kwargs)


def test_status_counts(ledger):
    counts = claims.status_counts(ledger)
    assert counts["status"].tolist() == claims.STATUS_ORDER
    assert counts["claims"].tolist() == [1, 1, 1, 0, 0, 0]


def test_speaker_name():
    assert claims.speaker_name("Alex Example (as quoted by B)") == "Alex Example"
    assert claims.speaker_name("  Union ") == "Union"


def test_speed_arithmetic():
    assert claims.time_saving_from_speedup(4) == 0.75 and claims.time_saving_from_speedup(1) == 0
    assert claims.speedup_from_time_saving(0.75) == 4 and claims.speedup_from_time_saving(0) == 1
    assert claims.speedup_sentence(20, 4) == "At 4x faster, 20 days of work take 5.0 days: 15.0 days (75%) less."


@pytest.mark.parametrize("bad", [0.99, 0, -3, math.nan, math.inf, "10", None, True])
def test_bad_speedups(bad):
    with pytest.raises(ValueError, match="speedup: .* is not allowed"):
        claims.time_saving_from_speedup(bad)


@pytest.mark.parametrize("bad", [1, 1.2, -0.01, math.nan, "0.5", None, False])
def test_bad_savings(bad):
    with pytest.raises(ValueError, match="saving: .* is not allowed"):
        claims.speedup_from_time_saving(bad)


@pytest.mark.parametrize("bad", [0, -1, "30", True, None])
def test_bad_job_lengths(bad):
    with pytest.raises(ValueError, match="traditional_days: .* is not allowed"):
        claims.speedup_sentence(bad, 10)


def test_case_facts():
    assert case.fact("season_budget_usd") == "15000000"
    assert case.fact_number("season_budget_usd") == 15_000_000
    # premiere 2025-04-30, call (T20) 2025-07-17: 1 + 31 + 30 + 17 = 78 days
    assert case.disclosure_lag_days() == 78
    assert case.budget_share_of_quarterly_revenue() == pytest.approx(0.005)
    assert case.case_facts()["publisher"].tolist() == ["Publisher A", "Publisher B", "Publisher A", "Publisher C"]
    with pytest.raises(ValueError, match="case fact 'locations' is '50\\+', not a plain number"):
        case.fact_number("locations")
    with pytest.raises(KeyError, match="no case fact 'budget'; known: premiere_date, season_budget_usd"):
        case.fact("budget")


def test_timeline_events_by_hand():
    events = timeline.timeline_events()
    assert events["id"].tolist() == ["T01", "T02", "T10", "T20"]
    # a year is drawn at its middle (+182 days), a month at +14 days, a day on the day
    assert events["when"].tolist() == [pd.Timestamp("1957-07-02"), pd.Timestamp("2023-05-15"),
                                       pd.Timestamp("2025-04-30"), pd.Timestamp("2025-07-17")]
    assert events["year"].tolist() == [1957, 2023, 2025, 2025]
    assert events["publisher"].tolist() == ["Publisher C", "Publisher B", "Publisher A", "Publisher A"]


def test_select_and_describe():
    events = timeline.timeline_events()
    picked = timeline.select_events(events, 2023, 2025)
    assert picked["id"].tolist() == ["T02", "T10", "T20"]
    assert timeline.select_events(events, 2025, 2025, ["case"])["id"].tolist() == ["T10"]
    assert timeline.select_events(events, 1957, 1957)["id"].tolist() == ["T01"]
    assert timeline.describe(picked, 2023, 2025) == (
        "Timeline from 2023 to 2025 with 3 events (The Eternaut case: 1; Netflix statements: 1; "
        "Strikes and contracts: 1); first: 2023-05 Fake strike; last: 2025-07-17 Fake earnings call.")
    empty = timeline.select_events(events, 1990, 2000)
    assert timeline.describe(empty, 1990, 2000) == "Timeline from 1990 to 2000: no events in the chosen categories."
    with pytest.raises(ValueError, match="start_year: 2025 is after end_year 2020; give the earlier year first"):
        timeline.select_events(events, 2025, 2020)
    with pytest.raises(ValueError, match=r"categories: \['gossip'\] not allowed \(allowed: case, statement"):
        timeline.select_events(events, 2020, 2025, ["case", "gossip"])


def test_filters_narrow_each_other(ledger):
    assert claims.filter_claims(ledger, speaker="Alex Example", status="unverified").empty
    assert claims.filter_claims(ledger, status="corroborated", evidence="secondary").empty
    assert claims.filter_claims(ledger, evidence="unverified", perspective="industry").empty


def test_speaker_name_cuts_at_the_first_bracket():
    assert claims.speaker_name("Alex (as quoted by B (a paper))") == "Alex"


def test_short_jobs_are_allowed():
    assert claims.speedup_sentence(0.5, 2) == "At 2x faster, 0.5 days of work take 0.2 days: 0.2 days (50%) less."


def test_tables_are_numbered_from_zero():
    assert timeline.timeline_events().index.tolist() == [0, 1, 2, 3]
