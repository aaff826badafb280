"""Facts fixed by the 2026-11 re-audit (issue 11), checked against the CSV files directly.

The tables are read with the csv module, not the package loader, so these checks do not depend
on how the package is laid out.
"""
import csv
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"

# Hosts that republish other outlets' articles, mirror documents or aggregate them. A source's url
# must never be on one of them: the original goes in url, the copy read in copy_url.
COPY_HOSTS = {
    "static-hk.hstong.com",          # broker's mirror of SEC EDGAR filings
    "entertainmenttrends.net",       # copies of Variety articles
    "theprojectcounselgroup.com",    # law firm's reposts of news reports
    "pledgetimes.com",               # copies of Deadline/Variety articles
    "jimclarke.co.uk",               # copies of Variety articles
    "precisionmetalworks360.com",    # copy of the BLS handbook text
    "staging.consequence.net",       # the outlet's staging server
    "wikimili.com",                  # Wikipedia mirror
    "fanyv88.com",                   # web proxy
    "www.soapoperadigest.com",       # soap-opera site: not a source for strike facts
    "urbanhollywood411.com",
    "centurycity-westwoodnews.com",
}

# Hosts that are not acceptable for strike and contract facts (sports, soap-opera and local sites).
NOT_FOR_STRIKE_FACTS = COPY_HOSTS | {"clutchpoints.com", "www.whittierdailynews.com"}

ELLIPSIS = "[...]"


def rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def by(name, key):
    return {r[key]: r for r in rows(name)}


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def quote_parts(quote):
    """The quote split at the kit's marked omissions; each part must be found, in order."""
    return [p.strip() for p in quote.split(ELLIPSIS) if p.strip()]


def appears_in_order(parts, text):
    pos = 0
    for part in parts:
        found = text.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


# --- fixed facts -------------------------------------------------------------------------------

def test_bls_2019_figure_is_already_under_the_new_classification():
    jobs = {r["date"]: r for r in rows("labour_series.csv") if r["series"] == "bls_jobs_27_1014"}
    assert "Special Effects Artists and Animators" in jobs["2019"]["note"]
    assert "not strictly comparable" not in jobs["2021"]["note"]
    assert "cannot explain" in jobs["2021"]["note"]
    assert "Multimedia Artists and Animators" in jobs["2010"]["note"]
    assert "between" in jobs["2010"]["note"]  # the break is between 2010 and 2019


def test_bls_archive_source_is_headed_with_the_new_title():
    src = by("sources.csv", "id")["bls-ooh-2020-archive"]
    assert src["title"].startswith("Special Effects Artists and Animators")


def test_tag_layoff_estimate_is_the_unions_own_words():
    row = next(r for r in rows("labour_series.csv") if r["series"] == "tag_share_laid_off_past_year")
    assert row["date"] == "2024-07-29"
    assert row["qualifier"] == "about"
    assert "workforce" in row["unit"]
    src = by("sources.csv", "id")[row["source_id"]]
    assert src["evidence_level"] == "primary" and src["publisher"].startswith("The Animation Guild")


def test_tag_series_keep_one_definition_each():
    tag = [r for r in rows("labour_series.csv") if r["series"] == "tag_members"]
    for r in tag:
        text = r["note"].lower()
        assert "working under" not in text and "represented by" not in text, r
        assert not text.startswith("participants"), r
    assert {r["series"] for r in rows("labour_series.csv")} >= {
        "tag_participants", "tag_working_under_agreements", "tag_represented"}


def test_cl12_quote_keeps_the_animation_clause():
    cl12 = by("claims.csv", "id")["CL12"]
    assert "in the move from hand-drawn to CG animation" in cl12["quote"]
    assert "..." not in cl12["quote"] and "…" not in cl12["quote"]


def test_cast_and_extras_figure_is_conflicting_and_names_the_crew():
    row = by("case_facts.csv", "key")["cast_and_extras"]
    assert row["status"] == "conflicting"
    assert "crew" in row["label"].lower()


def test_eternaut_case_is_not_sourced_to_the_financial_summary():
    fintool = "fintool-q2-2025-call"
    assert by("timeline.csv", "id")["T20"]["source_id"] != fintool
    assert by("comparison_cases.csv", "id")["K01"]["source_id"] != fintool


def test_cl04_shows_the_majority_wording_and_names_the_variant():
    cl04 = by("claims.csv", "id")["CL04"]
    assert "in that budget" in cl04["quote"]
    assert "on that budget" in cl04["note"]


def test_cl08_is_a_repeated_talking_point_and_keeps_de_aging():
    cl08 = by("claims.csv", "id")["CL08"]
    assert cl08["quote"].endswith("like de-aging")
    assert "Q1 2025" in cl08["note"] and "17 April 2025" in cl08["note"]


def test_roadrunner_disclosure_is_before_wide_release():
    k05 = by("comparison_cases.csv", "id")["K05"]
    assert k05["disclosure"] == "before_wide_release"
    assert "15 July 2021" in k05["note"]


@pytest.mark.parametrize("claim_id", ["CL16", "CL17"])
def test_journalists_are_press_voices(claim_id):
    assert by("claims.csv", "id")[claim_id]["perspective"] == "press"


def test_iatse_tentative_deal_dated_25_june():
    assert by("timeline.csv", "id")["T10"]["date"] == "2024-06-25"
    assert by("contract_provisions.csv", "id")["P11"]["date"] == "2024-06-25"


def test_eternaut_vfx_proxy_says_it_is_below_the_cnc_threshold():
    note = by("production_tiers.csv", "tier")["eternaut"]["note"]
    assert "below that threshold" in note and "series" in note


def test_runway_price_rationale_separates_add_on_and_plan_credits():
    text = by("scenario_parameters.csv", "key")["gen_price_per_second"]["rationale"]
    assert "cheapest" in text and "0.19" in text and "0.29" in text


def test_low_base_high_stay_ordered_within_limits():
    for r in rows("scenario_parameters.csv"):
        lo, base, hi = float(r["low"]), float(r["base"]), float(r["high"])
        assert float(r["min"]) <= lo <= base <= hi <= float(r["max"]), r["key"]


# --- source hygiene ------------------------------------------------------------------------------

def test_no_source_url_is_a_known_copy_or_mirror():
    bad = [(r["id"], r["url"]) for r in rows("sources.csv") if urlparse(r["url"]).hostname in COPY_HOSTS]
    assert not bad, bad


def test_copy_url_differs_from_url():
    for r in rows("sources.csv"):
        if r["copy_url"]:
            assert r["copy_url"] != r["url"], r["id"]


def test_source_notes_carry_no_internal_working_notes():
    for r in rows("sources.csv"):
        assert "research fact sheet" not in r["notes"], r["id"]
        assert not r["notes"].startswith("Text read"), r["id"]


def test_unread_sources_say_so():
    for r in rows("sources.csv"):
        if not r["read_date"]:
            assert "not re-read" in r["notes"].lower() or "not read" in r["notes"].lower(), r["id"]


def test_strike_and_contract_facts_avoid_weak_hosts():
    sources = by("sources.csv", "id")
    labour_events = [r["source_id"] for r in rows("timeline.csv") if r["category"] == "labour"]
    provisions = [r["source_id"] for r in rows("contract_provisions.csv") if r["id"] != "P06" and r["id"] not in {"P07", "P08"}]
    for sid in labour_events + provisions:
        assert urlparse(sources[sid]["url"]).hostname not in NOT_FOR_STRIKE_FACTS, sid


# --- claims: quotes, excerpts, languages ---------------------------------------------------------

def test_every_quote_appears_in_its_excerpt():
    for r in rows("claims.csv"):
        assert r["excerpt"], r["id"]
        parts = quote_parts(squash(r["quote"]))
        assert appears_in_order(parts, squash(r["excerpt"])), r["id"]


def test_only_marked_ellipses_in_quotes():
    """A cut we made is marked; an ellipsis the speaker's own text has must be in the excerpt as printed."""
    for r in rows("claims.csv"):
        unmarked = r["quote"].replace(ELLIPSIS, "")
        if "..." in unmarked or "…" in unmarked:
            assert ELLIPSIS not in r["quote"] and r["quote"] in r["excerpt"], r["id"]


def test_excerpts_are_short():
    for r in rows("claims.csv"):
        assert len(r["excerpt"]) <= 400, r["id"]


def test_non_english_quotes_have_a_translation():
    for r in rows("claims.csv"):
        assert re.fullmatch(r"[a-z]{2}", r["language"]), r["id"]
        if r["language"] != "en":
            assert r["translation"].strip(), r["id"]
        else:
            assert not r["translation"].strip(), r["id"]


def test_the_checks_can_fail():
    """The helpers reject an unmarked cut and a quote missing from its excerpt."""
    assert not appears_in_order(quote_parts("it got better and more people work"), "it got better in the move, and more people work")
    assert appears_in_order(quote_parts("it got better [...] and more people work"), "it got better in the move, and more people work")
    assert not appears_in_order(quote_parts("b [...] a"), "a b")


def test_at_least_three_argentine_voices_in_spanish_with_translation():
    spanish = [r for r in rows("claims.csv") if r["language"] == "es" and r["translation"].strip()]
    assert len({r["speaker"] for r in spanish}) >= 3
    assert {r["perspective"] for r in spanish} >= {"worker", "creator", "press"}
