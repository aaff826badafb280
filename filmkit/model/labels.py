"""Labels and numbers of the model's own text, shown in the language in use.

The model's constant labels are English, marked with ``N_()`` where they are written, and
translated each time they are read, so a language chosen after import still applies:

    METRICS = Labels({"cost_ratio": N_("Cost ratio, traditional / other (x)")})
    METRICS["cost_ratio"]          # the label in the language in use
    list(METRICS)                  # the keys, which never change with the language
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from decimal import Decimal

from filmkit.i18n import _, number, percent


class Labels(Mapping):
    """``key -> label``: the keys stay English, each label is translated when it is read."""

    def __init__(self, labels: dict[str, str]):
        self._labels = dict(labels)

    def __getitem__(self, key: str) -> str:
        return _(self._labels[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def english(self, key: str) -> str:
        """The label as written in the code (the catalog's message id)."""
        return self._labels[key]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


class Named(Mapping):
    """``name -> value`` where the names are shown: iterating gives each name in the language in use.

    A name is found both as written in the code (English) and as shown, so a menu built from
    ``list(mapping)`` can look its choice up again.
    """

    def __init__(self, items: dict[str, object]):
        self._items = dict(items)

    def _key(self, name) -> str:
        if name in self._items:
            return name
        for key in self._items:
            if _(key) == name:
                return key
        raise KeyError(name)

    def __getitem__(self, name):
        return self._items[self._key(name)]

    def __iter__(self) -> Iterator[str]:
        return (_(key) for key in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def english(self, name: str) -> str:
        """The name as written in the code, for a name shown in any language."""
        return self._key(name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


def g_decimals(value: float) -> int:
    """How many decimals ``{value:g}`` shows (six significant digits, trailing zeros dropped)."""
    exponent = Decimal(f"{value:.6g}").normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def figure(value) -> str:
    """A number as ``{value:g}`` gives it (no trailing zeros), written the reader's way.

    >>> figure(0.25), figure(10.0), figure(1500)
    ('0.25', '10', '1,500')
    """
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)
    if not math.isfinite(x):
        return number(x)
    return number(x, g_decimals(x))


def signed_percent(value, digits: int = 0) -> str:
    """A change as a percentage with its sign: ``+20%``, ``-4%``, ``+0%`` (as ``{value:+.0%}`` writes it)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return percent(value, digits)
    if math.isnan(x):
        return percent(x, digits)
    text = percent(abs(x), digits)
    negative = math.copysign(1.0, x) < 0
    return _("-{percent}").format(percent=text) if negative else _("+{percent}").format(percent=text)
