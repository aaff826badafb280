"""Number boxes a student types into: written with the edition's decimal sign, read the way the student writes,
and anything else refused with a sentence (never a traceback), the box keeping its last number."""

import pytest
import ipywidgets as widgets

from filmkit.i18n import use_language
from filmkit.views.explorer import CONTROLS, ScenarioExplorer
from filmkit.views.typed import digits_for, typed_number

PRICE = "Generation price (USD per generated second)"
ABUSE = ["", "   ", "mucho", "1,2,3", "1.2.3", "--5", "0x10", "nan", "inf", "1e400", "½", "5 %", "$3", "3;4",
         "1,234,5", "٣", "\x00", "1" * 400, "<b>2</b>", "2,5,", ",", "."]


@pytest.mark.parametrize("lang, typed, expected", [
    ("es", "0,5", 0.5), ("es", "2.5", 2.5), ("es", "36.771", 36771), ("es", "1.234,5", 1234.5), ("es", " 60 ", 60),
    ("fr", "0,5", 0.5), ("fr", "1 234,5", 1234.5), ("fr", "1\u202f234,5", 1234.5), ("fr", "\u22120,5", -0.5),
    ("en", "0.5", 0.5), ("en", "1,250", 1250), ("en", "0,5", 0.5), ("en", "60", 60),
])
def test_a_number_is_read_the_way_the_student_writes_it(lang, typed, expected):
    with use_language(lang):
        assert typed_number(typed) == pytest.approx(expected)


@pytest.mark.parametrize("text", ABUSE)
def test_what_is_not_a_number_is_not_read_as_one(text):
    for lang in ("en", "es", "fr"):
        with use_language(lang):
            assert typed_number(text) is None, (lang, text)


def said(box) -> str:
    """What a box says of itself: its tooltip (the browser's number box), or its label's words for a screen
    reader (a text box, whose tooltip ipywidgets drops)."""
    return box.tooltip or box.description


def test_digits_follow_the_step():
    assert [digits_for(s) for s in (1, 0.5, 0.1, 0.05, 0.01)] == [0, 1, 1, 2, 2]


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_the_number_box_explorer_writes_and_reads_a_decimal_comma(lang):
    with use_language(lang):
        explorer = ScenarioExplorer(control="number")
        box = explorer.controls[PRICE]
        assert isinstance(box, widgets.Text) and box.value == "0,12"  # not "0.12", as the browser's box wrote it
        assert box.placeholder and "0,01" in said(box) and "2,00" in said(box)
        box.value = "0,5"
        assert explorer.values["gen_price_per_second"] == 0.5 and box.value == "0,50"
        assert explorer.message.value == ""
        for text in ABUSE:
            box.value = text
            assert explorer.values["gen_price_per_second"] == 0.5 and box.value == "0,50", text
            assert 'role="alert"' in explorer.message.value and "Traceback" not in explorer.message.value
        box.value = "7"
        assert explorer.values["gen_price_per_second"] == 2 and box.value == "2,00"
        assert "2,00" in explorer.message.value
        explorer.set_values(dict(explorer.values, gen_price_per_second=0.25))
        assert box.value == "0,25"


def test_every_number_box_says_it_can_be_typed():
    for lang in ("en", "es", "fr"):
        with use_language(lang):
            explorer = ScenarioExplorer(control="number")
            for label, *_rest in CONTROLS:
                box = explorer.controls[label]
                with use_language(lang):
                    hint = "Enter" in said(box) or "Entrée" in said(box)
                assert hint, (lang, label, said(box))


def test_english_keeps_the_browsers_number_box_that_steps_with_the_arrows():
    box = ScenarioExplorer(control="number").controls[PRICE]
    assert isinstance(box, widgets.BoundedFloatText) and box.step == 0.01
