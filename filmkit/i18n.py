"""The kit's languages: one switch, gettext catalogs, and numbers and dates written for the reader.

    import filmkit
    filmkit.set_language("es")      # or "fr", "en"; a region is allowed: "es_MX", "fr_CA"

``$FILMKIT_LANG`` does the same for a whole session (the ``filmkit`` command, Voila, a class hub).
Every string the package shows goes through :func:`_` (or :func:`ngettext`, :func:`pgettext`);
the catalogs are ``filmkit/locale/<lang>/LC_MESSAGES/filmkit.po``, kept by ``filmkit translate``
with Babel. They are read as text and compiled in memory, so an edited catalog takes effect at
the next import, with no compiled file to keep in step. Notebooks write ``kit.tr("...")``, the
same function under a name that cannot clash with IPython's ``_``.

This module sits under every layer: it imports nothing from the kit.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import gettext as _gettext
import io
import math
import numbers
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

#: the languages the kit is written in, with their own names (for menus)
LANGUAGES = {"en": "English", "es": "Español", "fr": "Français"}
#: the locale whose number and date formats a language uses when no region is given: Spanish as the
#: case's country writes it (Argentina, like most Spanish-speaking countries: ``1.234,5``), France's French.
#: A region that writes a decimal point is one code away: ``es_MX`` writes ``1,234.5``.
DEFAULT_REGION = {"en": "en_US", "es": "es_AR", "fr": "fr_FR"}
DOMAIN = "filmkit"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENV = "FILMKIT_LANG"

_chosen: str | None = None


class LanguageError(ValueError):
    """A language the kit is not written in."""


def _normalise(code: str) -> tuple[str, str]:
    """(language, format locale) for a code such as ``es``, ``es-AR`` or ``fr_CA.UTF-8``."""
    if not isinstance(code, str) or not code.strip():
        raise LanguageError(f"choose a language: one of {', '.join(LANGUAGES)}")
    text = code.strip().split(".")[0].replace("-", "_")
    lang, _sep, region = text.partition("_")
    lang = lang.lower()
    if lang not in LANGUAGES:
        raise LanguageError(f"the kit is not written in {code!r}: choose one of "
                            + ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items()))
    if region:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(f"{lang}_{region.upper() if region.isalpha() else region}")
        except (UnknownLocaleError, ValueError):
            raise LanguageError(f"unknown region {region!r} for {LANGUAGES[lang]}: "
                                f"use {lang!r} alone, or a region such as {DEFAULT_REGION[lang]!r}") from None
        return lang, f"{lang}_{region.upper() if region.isalpha() else region}"
    return lang, DEFAULT_REGION[lang]


def set_language(code: str) -> None:
    """Show everything from now on in ``code`` (``"en"``, ``"es"``, ``"fr"``, or with a region: ``"es_MX"``).

    Also sets ``$FILMKIT_LANG``, so commands and kernels started from here follow. A language given
    without a region keeps the region already chosen for it in ``$FILMKIT_LANG``: an edition's
    notebook says ``set_language("es")``, and a class started with ``--lang es_MX`` (app, hub) still
    reads its numbers with a decimal point. Returns nothing, so a notebook cell that ends with it
    shows no output.
    """
    global _chosen
    lang, _locale = _normalise(code)
    if "_" not in code.strip().split(".")[0].replace("-", "_"):
        current = os.environ.get(ENV, "").strip()
        try:
            if current and _normalise(current)[0] == lang:
                code = current
        except LanguageError:
            pass
    _chosen = code
    os.environ[ENV] = code


def _current_code() -> str:
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV, "").strip()
    if env:
        try:
            _normalise(env)
            return env
        except LanguageError:
            return "en"  # a stray value in the environment never stops the kit; the check-env command reports it
    return "en"


def language() -> str:
    """The language in use: ``"en"``, ``"es"`` or ``"fr"``."""
    return _normalise(_current_code())[0]


def format_locale() -> str:
    """The Babel locale numbers and dates are written in, e.g. ``es_419``."""
    return _normalise(_current_code())[1]


@contextmanager
def use_language(code: str):
    """Within the ``with`` block, show everything in ``code``."""
    global _chosen
    saved_chosen, saved_env = _chosen, os.environ.get(ENV)
    set_language(code)
    try:
        yield language()
    finally:
        _chosen = saved_chosen
        if saved_env is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = saved_env


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _stamp(path: Path):
    try:
        st = path.stat()
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return None


@lru_cache(maxsize=8)
def _translations(lang: str, stamp) -> _gettext.NullTranslations:
    path = catalog_path(lang)
    if stamp is None:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation: English shows instead
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


_ENGLISH = _gettext.NullTranslations()  # the source language: every message is its own translation


def translations() -> _gettext.NullTranslations:
    lang = language()
    if lang == "en":
        return _ENGLISH
    return _translations(lang, _stamp(catalog_path(lang)))


def _(message: str) -> str:
    """``message`` (an English sentence) in the language in use."""
    return translations().gettext(message)


tr = _


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural sentence for ``n``, as the language in use counts."""
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in use, where the same English word has several meanings."""
    return translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (it is translated where shown)."""
    return message


def join_items(items) -> str:
    """Items of a list (already in the reader's language) joined as the reader separates them: ``a; b`` in
    English and Spanish, ``a ; b`` in French (a space before the semicolon)."""
    # Translators: what separates the items of a list in a sentence (French typography puts a space before ";")
    return pgettext("list separator", "; ").join(items)


# ---- numbers and dates for the reader --------------------------------------------------------

def _exact(value):
    """``value`` as an int or a Decimal when it is one (numpy's integers included), else None."""
    if isinstance(value, _decimal.Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    return None


def _finite(value) -> bool:
    exact = _exact(value)
    if exact is not None:  # an int or Decimal may lie beyond a float's range
        return isinstance(exact, int) or exact.is_finite()
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return False


def _rounded(value, digits: int):
    """``value`` rounded as a float, or exactly when it is an int or a Decimal (10**400 has no float)."""
    exact = _exact(value)
    if exact is not None:
        return _decimal.Decimal(exact)
    return round(float(value), digits)


def decimal_room(value, digits: int = 0):
    """A decimal context wide enough to write ``value`` with ``digits`` decimals in full: babel works in
    Decimal, whose default 28 digits cannot hold 1e308 (``decimal.InvalidOperation``)."""
    exact = _exact(value)
    size = _decimal.Decimal(exact if exact is not None else float(value)).adjusted() if _finite(value) else 0
    return _decimal.localcontext(prec=max(28, size + max(digits, 0) + 12))


def number(value, digits: int = 0) -> str:
    """``1234.5`` as ``1,234.5`` (en), ``1.234,5`` (es_AR) or ``1 234,5`` (fr); "n/a" if not a number."""
    if not _finite(value):
        return _("n/a")
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    with decimal_room(value, digits):
        return format_decimal(_rounded(value, digits), pattern, locale=format_locale())


def percent(value, digits: int = 0) -> str:
    """``0.785`` as ``78%`` (en) or ``78 %`` (fr)."""
    if not _finite(value):
        return _("n/a")
    from babel.numbers import format_percent

    from babel import Locale

    # the locale's own pattern (French puts a space before %), with the decimals asked for
    pattern = Locale.parse(format_locale()).percent_formats[None].pattern.split(";")[0]
    if digits > 0:
        at = pattern.rindex("0") + 1
        pattern = pattern[:at] + "." + "0" * digits + pattern[at:]
    with decimal_room(value, digits + 2):
        exact = _exact(value)
        return format_percent(float(value) if exact is None else _decimal.Decimal(exact), pattern,
                              locale=format_locale())


def money(value, currency: str = "USD", digits: int = 0) -> str:
    """An amount with its currency, written the reader's way: ``$1,500,000``, ``1 500 000 $US``."""
    if not _finite(value):
        return _("n/a")
    from babel.numbers import format_currency

    with decimal_room(value, digits):
        return format_currency(_rounded(value, digits), currency, locale=format_locale(),
                               format_type="standard", currency_digits=False,
                               format=None if digits else _currency_pattern())


def _currency_pattern() -> str:
    from babel import Locale

    pattern = Locale.parse(format_locale()).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "").replace(",00", "")


def ratio(value, digits: int = 2) -> str:
    """A speed-up or cost ratio: ``2.44x`` (en), ``2,44x`` (fr)."""
    if not _finite(value):
        return _("n/a")
    return _("{value}x").format(value=number(value, digits))


def date(value, style: str = "long") -> str:
    """A date (``datetime.date`` or ``YYYY[-MM[-DD]]`` text) as the reader writes it."""
    from babel.dates import format_date

    if isinstance(value, str):
        parts = value.strip().split("-")
        try:
            if len(parts) == 1:
                return str(int(parts[0]))
            if len(parts) == 2:
                return format_date(_dt.date(int(parts[0]), int(parts[1]), 1), "LLLL y", locale=format_locale())
            value = _dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return value
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        try:
            value = value.date()  # pandas Timestamp
        except AttributeError:
            return str(value)
    return format_date(value, style, locale=format_locale())


__all__ = ["DEFAULT_REGION", "LANGUAGES", "LanguageError", "N_", "_", "date", "format_locale", "join_items", "language",
           "money", "ngettext", "number", "percent", "pgettext", "ratio", "set_language", "tr", "use_language"]
