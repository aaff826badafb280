"""What a checked exercise question is, and the registry the question bank fills.

A :class:`Question` holds only what a learner may see: the variable the answer goes in,
the label the answer field shows, the form of the answer and a plausible range (wide, and
public). Expected values are not here: they live in the instructors' answer key
(``instructors/answer_key.py``), which a student release does not contain.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Question:
    """One checked answer, as a learner sees it."""

    qid: str
    variable: str
    kind: str                       # "number", "choice" (one of the options) or "set" (several options)
    label: str                      # the answer field's label, naming things as the notebook shows them
    what: str                       # the form of the answer, in words (never a value)
    # label and what are English, marked N_("...") in the question bank and shown through _()
    unit: str = ""
    low: float | None = None        # plausible range: an answer outside it gets a hint about units or form
    high: float | None = None
    share: bool = False             # a share between 0 and 1 (a percentage gets its own hint)
    integer: bool = False
    options: Callable[[], list[tuple[str, str]]] | None = None   # (label shown, translated; value stored, a key)
    points: int = 1


@dataclass(frozen=True)
class Key:
    """The instructors' side of a question: how the expected value is computed, and known mistakes."""

    expected: Callable[[], Any]
    rel_tol: float = 0.005
    mistakes: list[tuple[Callable[[], Any], str]] = field(default_factory=list)   # (value, hint written in _())


REGISTRY: dict[str, Question] = {}


def question(q: Question) -> Question:
    if q.qid in REGISTRY:
        raise ValueError(f"question id {q.qid!r} is defined twice")
    REGISTRY[q.qid] = q
    return q


#: A money sign before or a currency after the number ("$30,000", "US$ 781", "781 USD", "30.000 dólares"):
#: the question already says its unit, so the sign is read as the unit, not refused.
_MONEY_BEFORE = r"(?:US\$|U\$S|USD|\$|€)?"
_MONEY_AFTER = r"(?:USD|US\$|U\$S|\$|€|dollars?|d[óo]lares|euros?)"
_NUMBER = re.compile(r"^\s*" + _MONEY_BEFORE + r"\s*[x×]?\s*([-+]?(?:\d[\d,._ \u00a0\u202f]*|[.,]\d+)(?:e[-+]?\d+)?)"
                     r"\s*(%|[x×]|times|veces|fois|" + _MONEY_AFTER + r")?\s*$", re.I)
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DOT_GROUPED = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3})+")


def _plain(text: str) -> str:
    """A number written the reader's way as Python writes it: "1,234.5", "1.234,5", "1 234,5" and
    "0,25" all become plain digits with a decimal point.

    A comma is a decimal comma unless it groups thousands in the English way (``1,250``, ``12,000,000``);
    for a reader whose language writes a decimal comma (French, Spanish), a single comma is always the
    decimal sign. A single dot is a decimal point (``4.5`` is read as 4.5 everywhere) unless the reader
    groups thousands with dots (Spanish: ``36.771``) and three digits follow it. Spaces group thousands
    in any language.
    """
    from filmkit.i18n import format_locale

    text = re.sub(r"[ _\u00a0\u202f]", "", text)
    if "," in text and "." in text:  # both: the last one is the decimal sign
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return text.replace(grouping, "").replace(decimal, ".")
    if "," in text:
        from babel.numbers import get_decimal_symbol

        comma_decimal = get_decimal_symbol(format_locale()) == ","
        if text.count(",") == 1 and (comma_decimal or not _GROUPED.match(text)):
            return text.replace(",", ".")
        return text.replace(",", "") if _GROUPED.match(text) else text
    if text.count(".") > 1:  # 1.234.567: dots that group thousands
        return text.replace(".", "") if _DOT_GROUPED.fullmatch(text) else text
    if "." in text and _DOT_GROUPED.fullmatch(text):
        from babel.numbers import get_group_symbol

        if get_group_symbol(format_locale()) == ".":  # 36.771 is what an Argentine writes for 36771
            return text.replace(".", "")
    return text


def to_number(answer) -> float | None:
    """The number in an answer: 78, 4.5, "4.5x", "x4.5", "1,234", "38.8%" (as 0.388); None if it is not one.

    >>> to_number("4.5x"), to_number(" 1,250 "), to_number("38.8%"), to_number("ten")
    (4.5, 1250.0, 0.388, None)
    >>> to_number("x4.5"), to_number("37 %"), to_number(float("inf"))
    (4.5, 0.37, None)
    >>> to_number("0,25"), to_number("1.234,5"), to_number("1 234,5"), to_number("12,000,000")
    (0.25, 1234.5, 1234.5, 12000000.0)
    >>> to_number("$30,000"), to_number("781.04 USD"), to_number("$"), to_number("30$40")
    (30000.0, 781.04, None, None)
    """
    if isinstance(answer, bool) or answer is None or answer is Ellipsis:
        return None
    if hasattr(answer, "item") and getattr(answer, "size", 2) == 1:
        answer = answer.item()  # a NumPy scalar
    if isinstance(answer, (int, float)):
        value = float(answer)
    elif isinstance(answer, str):
        found = _NUMBER.match(answer.replace("\u2212", "-"))
        if not found:
            return None
        try:
            value = float(_plain(found.group(1)))
        except ValueError:
            return None
        if found.group(2) == "%":
            value = round(value / 100, 12)
    else:
        return None
    return value if math.isfinite(value) else None


def to_items(answer) -> set[str] | None:
    """The items of a list answer as stripped text, or None if the answer is not a list of items.

    >>> sorted(to_items(["CL01", " CL02 "])), to_items("CL01")
    (['CL01', 'CL02'], None)
    """
    if isinstance(answer, (str, bytes)) or answer is None or answer is Ellipsis:
        return None
    try:
        return {str(v).strip() for v in answer}
    except TypeError:
        return None


def to_choice(q: Question, answer) -> str | None:
    """The stored value of a choice, given either the value or the label the notebook shows (any case)."""
    if not isinstance(answer, str):
        return None
    text = answer.strip().lower()
    for label, value in (q.options() if q.options else []):
        if text in (str(value).lower(), str(label).lower()):
            return str(value)
    return answer.strip()
