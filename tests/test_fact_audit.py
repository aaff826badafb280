"""Facts fixed by the 2026-11 re-audit (issue 11), checked against the CSV files directly.

The tables are read with the csv module, not the package loader, so these checks do not depend
on how the package is laid out.
"""
import csv
import json
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


# --- second audit (issue 22): facts a class repeats ----------------------------------------------

NOTEBOOKS = DATA.parent / "notebooks"


def month_end(text):
    """The last day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can stand for, as YYYY-MM-DD."""
    return {4: text + "-12-31", 7: text + "-31"}.get(len(text), text)


def month_start(text):
    return {4: text + "-01-01", 7: text + "-01"}.get(len(text), text)


def test_house_of_david_season_2_dates_and_disclosure():
    k10 = by("comparison_cases.csv", "id")["K10"]
    sources = by("sources.csv", "id")
    assert k10["date"] == "2025-10-05"
    assert sources["thewrap-house-of-david-schedule"]["date"] == "2025-10-05"
    assert k10["disclosure"] == "after_release"  # the 350-400 count was reported in November
    assert sources[k10["source_id"]]["date"] == "2025-11" and "November 2025" in k10["note"]


def test_before_release_disclosures_rest_on_a_source_dated_before_release():
    """A case marked 'told before release' needs a source that existed before the release."""
    sources = by("sources.csv", "id")
    for case in rows("comparison_cases.csv"):
        if case["disclosure"] != "before_release":
            continue
        dated = [sources[s]["date"] for s in (case["source_id"], case["second_source_id"]) if s and sources[s]["date"]]
        assert any(month_end(d) < month_start(case["date"]) for d in dated), case["id"]


def test_cast_and_extras_follows_its_source_and_shows_both_readings():
    facts = by("case_facts.csv", "key")
    row = facts["cast_and_extras"]
    assert row["label"] == "Cast and extras" and row["source_id"] == "caretas-trailer"
    assert "entre elenco y extras" in row["note"] and "personal técnico" in row["note"]
    assert row["status"] != "conflicting"  # one report's reading differs; the figure's own sources agree
    assert "entre elenco y extras" in by("sources.csv", "id")["caretas-trailer"]["notes"]
    crew = facts["technical_crew"]
    assert crew["value"] == "150" and crew["source_id"] == "iprofesional-eternaut-production"


def test_oesterheld_quote_was_checked_in_the_original():
    cl114 = by("claims.csv", "id")["CL114"]
    source = by("sources.csv", "id")[cl114["source_id"]]
    assert source["read_date"] and source["date"] == "2025-05-06" and cl114["date"] == "2025-05-06"
    assert "word for word" in cl114["note"] and "elpais-oesterheld-2025" in cl114["note"]


def test_claims_cite_the_statement_not_a_rewrite():
    claims = by("claims.csv", "id")
    assert claims["CL100"]["source_id"] == "wdwnt-iatse-marvel-release"
    assert claims["CL101"]["source_id"] == "thewrap-marvel-vfx-union"
    assert claims["CL122"]["source_id"] == "yahoo-yougov-2023"
    assert by("sources.csv", "id")["yahoo-yougov-2023"]["publisher"] == "Yahoo Entertainment"


def test_the_loose_spanish_paraphrase_is_called_one():
    assert by("claims.csv", "id")["CL131"]["status"] == "paraphrased"


def test_on_that_budget_is_printed_by_four_outlets():
    on = {r["source_id"] for r in rows("claim_corroboration.csv")
          if r["claim_id"] == "CL04" and "on that budget" in r["note"]}
    assert on >= {"marsmag-eternaut-scene", "comicsbeat-eternaut-ai", "pcgamer-eternaut-ai", "thesun-eternaut-ai"}
    assert "at least four outlets" in by("claims.csv", "id")["CL04"]["note"]
    assert 'at least four print "on that budget"' in notebook_text("01_the_eternaut_case.ipynb")


@pytest.mark.parametrize("claim_id", ["CL115", "CL123"])
def test_morning_consult_survey_dated_april_2023(claim_id):
    assert by("claims.csv", "id")[claim_id]["date"] == "2023-04"


def test_fact_audit_does_not_file_mexico_and_spain_under_argentina():
    text = (DATA.parent / "docs" / "fact_audit.md").read_text(encoding="utf-8")
    for paragraph in text.split("\n\n"):
        if "Argentine side" in paragraph:
            assert "CL109" in paragraph and "Mexic" in paragraph, paragraph
            assert "CL132" in paragraph and "Spain" in paragraph, paragraph


# --- perspectives: one written rule, applied to every row ----------------------------------------

PRESS_WORDS = re.compile(r"\b(press|newspaper|news site|site|magazine|journalist|critic|column|opinion|"
                         r"web article|substack|newsletter)\b", re.I)
WORKER_WORDS = re.compile(r"\b(union|VFX|roto|3D|artist|modeller|crew)\b", re.I)
AUDIENCE_AFFILIATIONS = ("Survey respondents", "Viewer")


def perspective_by_rule(speaker, affiliation):
    """The perspective data/datapackage.json's rule gives where the words of a row decide it, else None.

    The order is the rule's: press first (outlets, journalists, critics, words 'as quoted by' an outlet),
    then workers (unions and crew, VFX at any rank), then viewers and surveys. Creators and industry
    are told apart by what the rule says about authorship and business, which keywords cannot see.
    """
    if "(as quoted by" in speaker or PRESS_WORDS.search(affiliation):
        return "press"
    if WORKER_WORDS.search(affiliation):
        return "worker"
    if affiliation.startswith(AUDIENCE_AFFILIATIONS):
        return "audience"
    return None


def test_perspective_rule_is_written_once_in_the_data_package():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    rule = next(f for f in claims["schema"]["fields"] if f["name"] == "perspective")["description"]
    assert "One rule for every row" in rule and "VFX" in rule and "an outlet describing what viewers think is press" in rule


def test_every_claim_follows_the_perspective_rule():
    wrong = []
    for r in rows("claims.csv"):
        expected = perspective_by_rule(r["speaker"], r["affiliation"])
        if expected is not None and r["perspective"] != expected:
            wrong.append((r["id"], r["perspective"], expected))
        if expected is None:  # what the keywords cannot decide must be a creator or the industry
            assert r["perspective"] in {"creator", "industry"}, r["id"]
    assert not wrong, wrong


def test_the_perspective_rule_catches_the_old_labels():
    assert perspective_by_rule("Hello! magazine", "Press report on viewers") == "press"
    assert perspective_by_rule("Rachel Brodeur", "Critic, MovieArcher") == "press"
    assert perspective_by_rule("Bruno Scopazzo", "VFX artist (post-production of The Eternaut)") == "worker"
    assert perspective_by_rule("Ignacio Pol", "VFX and virtual-production supervisor of The Eternaut") == "worker"
    assert perspective_by_rule("Jorge Nisco", "Argentine director and author") is None


def test_viewers_speak_for_themselves():
    audience = [r for r in rows("claims.csv") if r["perspective"] == "audience"]
    assert all(r["affiliation"].startswith(AUDIENCE_AFFILIATIONS) for r in audience)
    viewers = [r for r in audience if r["affiliation"].startswith("Viewer")]
    assert len(viewers) >= 3, [r["id"] for r in viewers]


# --- prose follows data --------------------------------------------------------------------------

def notebook_cells(name):
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]


def notebook_text(name):
    return "\n".join("".join(c["source"]) for c in notebook_cells(name))


def test_one_voice_per_perspective_is_generated_from_the_data():
    from filmkit.model.claims import PERSPECTIVES, claims_ledger, perspective_sample

    assert "kit.perspective_table(" in notebook_text("01_the_eternaut_case.ipynb")
    sample = perspective_sample(claims_ledger(), ("CL06", "CL100", "CL15", "CL121", "CL17"))
    assert sample["perspective"].tolist() == PERSPECTIVES
    assert set(sample["status"]) <= {"corroborated", "single_source"}


def test_perspective_sample_follows_a_relabelled_claim():
    """A preferred id that moves to another perspective no longer fills its old slot."""
    from filmkit.model.claims import claims_ledger, perspective_sample

    ledger = claims_ledger()
    ledger.loc[ledger["id"] == "CL17", "perspective"] = "audience"
    sample = perspective_sample(ledger, ("CL17", "CL121")).set_index("perspective")
    assert sample.loc["audience", "id"] == "CL17"
    assert sample.loc["press", "id"] != "CL17"
    ledger = ledger[ledger["perspective"] != "audience"]
    assert "audience" not in set(perspective_sample(ledger)["perspective"])


QUOTE_CALL = re.compile(r"kit\.(?:quotes_table|perspective_table)\(\[([^\]]*)\]")


def test_quotes_shown_in_the_notebooks_were_read_in_their_source():
    claims = by("claims.csv", "id")
    sources = by("sources.csv", "id")
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in notebook_cells(path.name):
            for ids in QUOTE_CALL.findall("".join(cell["source"])):
                for claim_id in re.findall(r'"(CL\d+)"', ids):
                    assert sources[claims[claim_id]["source_id"]]["read_date"], (path.name, claim_id)
