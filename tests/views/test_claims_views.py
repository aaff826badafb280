"""The claims ledger on the teaching data, and the quotes table built from it.

The ledger's filters, counts and speed arithmetic are tested by hand on the fixture data
(tests/model/test_claims_case_timeline.py)."""

import pytest

from filmkit.model import claims
from filmkit.views import claims_views


@pytest.fixture(scope="module")
def ledger():
    return claims.claims_ledger()


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
        assert len(claims.filter_claims(ledger, perspective=perspective)) >= 5, perspective


def test_quotes_table_refuses_unknown_ids():
    with pytest.raises(ValueError, match="CL99"):
        claims_views.quotes_table(["CL01", "CL99"])


def test_quotes_table_keeps_the_order_asked_for():
    table = claims_views.quotes_table(["CL05", "CL03"])
    assert list(table.df["id"]) == ["CL05", "CL03"]
    html = table._repr_mimebundle_()["text/html"]
    assert '<th scope="col">quote</th>' in html and "<caption>" in html


def test_quotes_in_another_language_show_their_translation_beside_them():
    table = claims_views.quotes_table(["CL01", "CL111"])
    assert "translation (English)" in table.df.columns
    row = table.df.set_index("id").loc["CL111"]
    assert "planos" in row["quote"] and "shots" in row["translation (English)"]
    english_only = claims_views.quotes_table(["CL01", "CL03"])
    assert "translation (English)" not in english_only.df.columns
