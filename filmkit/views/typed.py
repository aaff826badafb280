"""Numbers a reader types into a box, written and read the reader's way.

A browser's own number box (``<input type="number">``, what ipywidgets' FloatText draws) writes its
value with the browser's decimal sign, not the kit's language: a Spanish reader would see ``0.12``.
Where the reader writes a decimal comma, the kit's number boxes are text boxes that show ``0,12`` and
read what is typed with :func:`typed_number`; anything that is not a number is refused with a sentence.
"""

from __future__ import annotations

import html
import math
import re

import ipywidgets as widgets
from babel.numbers import get_decimal_symbol, get_group_symbol

from filmkit.i18n import _, format_locale, number

_GROUPED_COMMA = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)  # ASCII: \d is 0-9 only
_GROUPED_DOT = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?", re.ASCII)
_PLAIN = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


def comma_decimal() -> bool:
    """True where the reader writes a decimal comma (Spanish of Argentina, French)."""
    return get_decimal_symbol(format_locale()) == ","


def typed_number(text) -> float | None:
    """The number a reader typed, or None when it is not one.

    Spaces group thousands in any language. With both signs, the last one is the decimal sign
    (``1.234,5``, ``1,234.5``). A single comma is the decimal sign where the reader writes a decimal
    comma, else it groups thousands when three digits follow (``1,250``). A dot followed by exactly
    three digits groups thousands where the reader groups with dots (``36.771`` in Spanish), else it
    is a decimal point (``2.5`` is read as 2.5 everywhere).

    >>> typed_number("60"), typed_number(" 2.5 "), typed_number("1,250"), typed_number("ten")
    (60.0, 2.5, 1250.0, None)
    """
    if not isinstance(text, str):
        return None
    clean = re.sub(r"[\s_\u00a0\u202f]", "", text).replace("\u2212", "-")
    if not clean:
        return None
    if "," in clean and "." in clean:
        if not (_GROUPED_COMMA.fullmatch(clean) or _GROUPED_DOT.fullmatch(clean)):
            return None
        decimal = "," if clean.rfind(",") > clean.rfind(".") else "."
        clean = clean.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif "," in clean:
        if clean.count(",") == 1 and (comma_decimal() or not _GROUPED_COMMA.fullmatch(clean)):
            clean = clean.replace(",", ".")
        elif _GROUPED_COMMA.fullmatch(clean):
            clean = clean.replace(",", "")
        else:
            return None
    elif clean.count(".") > 1 or (_GROUPED_DOT.fullmatch(clean) and get_group_symbol(format_locale()) == "."):
        if not _GROUPED_DOT.fullmatch(clean):
            return None
        clean = clean.replace(".", "")
    if not _PLAIN.fullmatch(clean):
        return None
    value = float(clean)
    return value if math.isfinite(value) else None


def digits_for(step: float) -> int:
    """How many decimals a box with this step shows: 1 for 0.5, 2 for 0.05, 0 for 1."""
    text = f"{step:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def typing_hint(low: float, high: float, digits: int) -> str:
    """What a number box's tooltip says: it can be typed, between which values, and how to apply it."""
    return _("Type a number from {low} to {high}, then press Enter.").format(
        low=number(low, digits), high=number(high, digits))


class DecimalBox:
    """A labelled text box holding a number written the reader's way (``0,12``), read back when Enter is
    pressed or the box is left.

    ``row`` is the widget to show; ``box`` is the text box; ``value`` is the number; ``on_change(value)`` is called with each new
    number (already brought inside ``low``..``high``). What is not a number is refused: the box goes back
    to the last number and ``on_refuse(sentence)`` says why.
    """

    def __init__(self, value: float, low: float, high: float, step: float, description: str, on_change,
                 on_refuse, style=None, layout=None):
        self.low, self.high, self.digits = low, high, digits_for(step)
        self.value = float(value)
        self.on_change, self.on_refuse = on_change, on_refuse
        self.description = description
        # The label is the box's own (its name for a screen reader), followed by words only a screen reader
        # reads: ": type a number from .. to .., then press Enter." (ipywidgets drops the tooltip of a labelled
        # text box; the placeholder says it too when the box is empty).
        hint = _("{control}: type a number from {low} to {high}, then press Enter.").format(
            control=description, low=self._shown(low), high=self._shown(high))
        self.box = widgets.Text(value=self._shown(self.value), continuous_update=False,
                                description=labelled(description, hint), description_allow_html=True,
                                placeholder=_("type a number"), style=style or {}, layout=layout or widgets.Layout())
        self.box.add_class("filmkit-typed-number")
        self.row = widgets.HBox([SCREEN_READER_CSS(), self.box])
        self._setting = False
        self.box.observe(self._typed, names="value")

    def _shown(self, value: float) -> str:
        return number(value, self.digits)

    def set(self, value: float) -> None:
        """Show ``value`` without calling ``on_change`` (the explorer setting its controls)."""
        self.value = float(value)
        self._setting = True
        try:
            self.box.value = self._shown(self.value)
        finally:
            self._setting = False

    def _typed(self, change) -> None:
        if self._setting:
            return
        typed = change["new"]
        value = typed_number(typed)
        if value is None:
            self.set(self.value)
            self.on_refuse(_("{control}: \u201c{text}\u201d is not a number. Type a number from {low} to {high}, "
                             "e.g. {example}.").format(control=self.description, text=typed.strip()[:30],
                                                       low=self._shown(self.low), high=self._shown(self.high),
                                                       example=self._shown((self.low + self.high) / 2)))
            return
        used = min(max(value, self.low), self.high)
        self.set(used)  # the box shows the number as read (and the reader's decimal sign)
        self.on_change(used)
        if used != value:
            self.on_refuse(_("{control}: {value} is outside this box's range ({low} to {high}), so the explorer "
                             "uses {used}.").format(control=self.description, value=number(value, self.digits),
                                                    low=self._shown(self.low), high=self._shown(self.high),
                                                    used=self._shown(used)))


#: words for a screen reader only (off screen, never cut, never wrapping the layout)
SR_ONLY = "filmkit-sr-only"


def SCREEN_READER_CSS():  # noqa: N802 - a widget made like a constant
    """The style that keeps :data:`SR_ONLY` words off screen (a widget of no size; one per page is enough)."""
    return widgets.HTML(f"<style>.{SR_ONLY} {{position:absolute !important; width:1px; height:1px; overflow:hidden;"
                        f" clip:rect(0 0 0 0); clip-path:inset(50%); white-space:nowrap; margin:-1px;}}</style>",
                        layout=widgets.Layout(width="0px", height="0px", margin="0px", overflow="hidden"))


def labelled(shown: str, read: str, shown_visible: bool = True) -> str:
    """A label's HTML: ``shown`` on screen; a screen reader reads ``read`` (which starts with ``shown``)."""
    extra = read[len(shown):] if read.startswith(shown) else " " + read
    visible = html.escape(shown) if shown_visible else ""
    hidden = html.escape(extra if shown_visible else read)
    return f'{visible}<span class="{SR_ONLY}">{hidden}</span>'


def refusal_html(sentence: str) -> str:
    """A refused entry, said to a screen reader at once."""
    return f'<p role="alert">{html.escape(sentence)}</p>'
