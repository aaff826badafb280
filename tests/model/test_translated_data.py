"""The tables in the reader's language: the kit's own words translated, quotations kept, keys unchanged.

The fixture's data/translations_es.csv translates a few cells (see the rows used below); one row
was written for an older English text and must no longer apply.
"""

import pytest

from filmkit.i18n import use_language
from filmkit.model import data
from filmkit.model.parameters import parameters


def test_english_is_the_data_as_written():
    with use_language("en"):
        timeline = data.load("timeline").set_index("id")
        assert timeline.loc["T01", "event"] == "Fake comic begins"
        assert data.vocabulary() == {}


def test_a_translated_cell_replaces_the_english_and_ids_and_categories_stay():
    with use_language("es"):
        timeline = data.load("timeline").set_index("id")
        assert timeline.loc["T01", "event"] == "Comienza la historieta ficticia"
        assert timeline.loc["T01", "category"] == "context"  # categories are keys: translated only when shown
        assert list(timeline.index[:2]) == ["T01", "T02"]


def test_a_translation_of_an_older_english_text_is_not_used():
    with use_language("es"):
        assert data.load("timeline").set_index("id").loc["T02", "event"] == "Fake strike"


def test_a_quotation_stays_as_said_with_the_translation_beside_it():
    with use_language("es"):
        claims = data.load("claims").set_index("id")
        assert claims.loc["CL01", "quote"] == "It was 10x faster."
        assert claims.loc["CL01", "quote_translation"] == "Fue 10 veces más rápido."
        assert claims.loc["CL01", "venue"] == "Llamada ficticia"  # the kit's own words are translated
        assert claims.loc["CL02", "quote_translation"] == ""  # no translation yet: nothing made up


def test_only_quoted_provisions_keep_their_wording():
    with use_language("es"):
        provisions = data.load("contract_provisions").set_index("id")
        assert provisions.loc["P01", "provision"] == "Nadie debe usar la herramienta"  # the kit's summary
        assert provisions.loc["P02", "provision"] == "Say when the tool was used"  # a quotation
        assert provisions.loc["P02", "provision_translation"] == "Decir cuándo se usó la herramienta"


def test_english_readers_see_the_english_translation_of_a_spanish_quote_only():
    with use_language("en"):
        claims = data.load("claims")
        assert set(claims["quote_translation"]) <= set(claims["translation"]) | {""}
        assert (claims.loc[claims["language"] == "en", "quote_translation"] == "").all()


def test_category_values_are_translated_by_language():
    with use_language("es"):
        assert data.vocabulary()[("category", "labour")] == "trabajo"
    with use_language("fr"):
        assert data.vocabulary()[("category", "labour")] == "travail"


def test_the_parameter_labels_follow_the_language_switch():
    with use_language("es"):
        assert parameters()["shots"].label == "Planos"
    with use_language("en"):
        assert parameters()["shots"].label == "Shots"


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_table_loads_in_every_language(lang):
    with use_language(lang):
        tables = data.load_all()
    assert set(tables) == set(data.resource_names())
