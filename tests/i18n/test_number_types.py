"""Numbers arrive from pandas and numpy as numpy scalars: every language writes them as it writes Python's."""

from __future__ import annotations

import numpy as np
import pytest

from filmkit.i18n import money, number, percent, ratio, use_language


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
@pytest.mark.parametrize("kind", [np.int64, np.int32, np.uint16, np.float64, np.float32])
def test_numpy_scalars_are_written_like_python_numbers(lang, kind):
    with use_language(lang):
        assert number(kind(1234), 1) == number(1234, 1)
        assert money(kind(1500)) == money(1500)
        assert percent(kind(1)) == percent(1)
        assert ratio(kind(4)) == ratio(4)


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_a_large_numpy_integer_keeps_every_digit(lang):
    big = np.int64(2**62 + 1)
    with use_language(lang):
        digits = "".join(ch for ch in number(big) if ch.isdigit())
    assert digits == str(2**62 + 1)
