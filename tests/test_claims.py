"""Claims ledger logic: filters, counts, and the arithmetic of speed claims."""

import math

import pytest

from filmkit.model import claims
from filmkit.views import claims_views


@pytest.fixture(scope="module")
def ledger():
    return claims.claims_ledger()


def test_ledger_joins_each_claim_to_its_source(ledger):
    assert ledger["publisher"].notna().all()
    assert set(ledger["evidence_level"]) <= set(claims.EVIDENCE_ORDER)
    assert (ledger["reports"] >= 1).all()


def test_filters_combine(ledger):
    sarandos = claims.filter_claims(ledger, speaker="Ted Sarandos")
    assert len(sarandos) > 5
    # misquotes credited to Sarandos are found under his name too
    assert "misattributed" in set(sarandos["status"])
    both = claims.filter_claims(ledger, speaker="Ted Sarandos", status="corroborated")
    assert 0 < len(both) < len(sarandos)
    assert set(both["status"]) == {"corroborated"}
    assert len(claims.filter_claims(ledger)) == len(ledger)


def test_every_perspective_is_heard(ledger):
    for perspective in claims.PERSPECTIVES:
        assert len(claims.filter_claims(ledger, perspective=perspective)) >= 1, perspective


@pytest.mark.parametrize("kwargs, name", [
    ({"status": "true"}, "status"),
    ({"evidence": "tertiary"}, "evidence"),
    ({"speaker": "Nobody"}, "speaker"),
    ({"perspective": "investor"}, "perspective"),
])
def test_unknown_filter_values_are_refused_by_name(ledger, kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name}: .* is not one of"):
        claims.filter_claims(ledger, **kwargs)


def test_status_counts_keep_every_status(ledger):
    counts = claims.status_counts(ledger.iloc[:0])
    assert list(counts["status"]) == claims.STATUS_ORDER
    assert counts["claims"].sum() == 0
    assert claims.status_counts(ledger)["claims"].sum() == len(ledger)


def test_speedup_and_saving_are_inverse():
    assert claims.time_saving_from_speedup(10) == pytest.approx(0.9)
    assert claims.time_saving_from_speedup(1) == 0
    assert claims.speedup_from_time_saving(0.9) == pytest.approx(10)
    for s in (1, 1.5, 4.2, 10, 250):
        assert claims.speedup_from_time_saving(claims.time_saving_from_speedup(s)) == pytest.approx(s)


@pytest.mark.parametrize("bad", [0.5, 0, -3, math.nan, math.inf, "10", None, True])
def test_bad_speedups_are_refused(bad):
    with pytest.raises(ValueError, match="speedup: .* is not allowed"):
        claims.time_saving_from_speedup(bad)


@pytest.mark.parametrize("bad", [1, 1.2, -0.1, math.nan, "0.5", None])
def test_bad_savings_are_refused(bad):
    with pytest.raises(ValueError, match="saving: .* is not allowed"):
        claims.speedup_from_time_saving(bad)


def test_quotes_table_refuses_unknown_ids():
    with pytest.raises(ValueError, match="CL99"):
        claims_views.quotes_table(["CL01", "CL99"])


def test_quotes_table_keeps_the_order_asked_for():
    table = claims_views.quotes_table(["CL05", "CL03"])
    assert list(table.df["id"]) == ["CL05", "CL03"]
    html = table._repr_mimebundle_()["text/html"]
    assert '<th scope="col">quote</th>' in html and "<caption>" in html
