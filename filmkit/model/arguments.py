"""Checks of the plain arguments a notebook passes (a ratio, a seed): one ValueError naming the argument,
never a numpy or Python error from deeper down."""

from __future__ import annotations

import math

from filmkit.i18n import _


def finite_number(value) -> bool:
    """``value`` is a real number (not a bool, not text) that a float holds finitely: NaN, infinity and
    an int such as 10**400 (no float holds it) are not."""
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value)) and not isinstance(value, (str, bytes))
    except (TypeError, ValueError, OverflowError):
        return False


def shown(value, limit: int = 40) -> str:
    """``value`` as a message quotes it: its repr, cut short (10**400 would fill the screen)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_seed(seed) -> None:
    """Raise ValueError unless ``seed`` is a whole number from 0 (what numpy's generator takes)."""
    if isinstance(seed, bool) or not hasattr(seed, "__index__") or int(seed) < 0:
        raise ValueError(_("seed: {value} is not allowed (a whole number from 0, e.g. 2025)").format(value=shown(seed)))
