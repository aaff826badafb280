"""A number typed the reader's way is read as the number meant, never as a silently different one."""

import pytest

from filmkit.i18n import use_language
from filmkit.tools.question import to_number


@pytest.mark.parametrize("lang", ["en", "es", "es_AR", "fr"])
@pytest.mark.parametrize("typed, meant", [
    ("0,25", 0.25), ("781,04", 781.04), ("1.234,5", 1234.5), ("1 234,5", 1234.5), ("1\u202f234,5", 1234.5),
    ("1,234.5", 1234.5), ("12,000,000", 12e6), ("4,5x", 4.5), ("37 %", 0.37), ("-0,3", -0.3),
])
def test_the_same_number_in_every_language(lang, typed, meant):
    with use_language(lang):
        assert to_number(typed) == pytest.approx(meant)


def test_a_single_comma_before_three_digits_follows_the_readers_convention():
    with use_language("en"):
        assert to_number("1,250") == 1250
    with use_language("fr"):
        assert to_number("1,250") == 1.25
    with use_language("es_AR"):
        assert to_number("1,250") == 1.25


@pytest.mark.parametrize("typed", ["1,2,3", "1.5.2", "ten", "4.5.6x"])
def test_what_is_not_one_number_is_refused(typed):
    with use_language("fr"):
        assert to_number(typed) is None


@pytest.mark.parametrize("lang, typed, meant", [
    ("es", "36.771", 36771), ("es", "177.000", 177000), ("es", "0.125", 0.125), ("es", "4.5", 4.5),
    ("es_MX", "36.771", 36.771), ("es_MX", "1,250", 1250), ("fr", "4.5", 4.5), ("fr", "4,5", 4.5),
])
def test_a_dot_groups_thousands_only_where_the_reader_groups_with_dots(lang, typed, meant):
    """Spanish (Argentina) writes 36.771 for 36771; a decimal point is still read as one everywhere else."""
    with use_language(lang):
        assert to_number(typed) == pytest.approx(meant)


@pytest.mark.parametrize("lang, typed, meant", [
    ("en", "$30,000", 30000), ("en", "US$ 781.04", 781.04), ("en", "781.04 USD", 781.04), ("en", "30,000 dollars", 30000),
    ("es", "$30.000", 30000), ("es", "U$S 781,04", 781.04), ("es", "30.000 dólares", 30000), ("fr", "781,04 $", 781.04),
])
def test_a_money_sign_is_read_as_the_unit_the_question_already_names(lang, typed, meant):
    """A student who types the dollars sign with the amount ("$30,000") is read, not refused."""
    with use_language(lang):
        assert to_number(typed) == pytest.approx(meant)


@pytest.mark.parametrize("typed", ["$", "USD", "$$30", "30$40", "€ten", "30 USD USD"])
def test_a_money_sign_alone_or_in_the_middle_is_still_refused(typed):
    with use_language("en"):
        assert to_number(typed) is None
