"""Tables that read well everywhere: an accessible HTML table plus plain text.

The HTML has a caption and column headers with ``scope``; the plain text is
``DataFrame.to_string`` without truncation, which is what nbval compares in
cells marked ``# NBVAL_CHECK_OUTPUT``.

A table is translated when it is shown, never when it is built, so the code that uses a
DataFrame always sees its English column names and values: each header is shown as
``pgettext("column", name)``, each value of a category column (a field of the data's
vocabulary, such as ``basis``) as its translation, and an empty ``<field>_translation``
column (the loader adds one beside quotations; it stays empty when nothing needs
translating) is left out.
"""

from __future__ import annotations

import html
from functools import lru_cache

import pandas as pd

from filmkit.i18n import LANGUAGES, _, format_locale, language, pgettext, use_language
from filmkit.model.data import data_dir, vocabulary

#: the loader's column beside a quoted field, holding its translation
TRANSLATION_SUFFIX = "_translation"
#: the key of ``DataFrame.attrs`` holding sentences shown under a table (what a number there means)
NOTES = "notes"


def plain_number(value, digits: int | None = None) -> str:
    """A number as cell text, with no thousands separator and the reader's decimal sign.

    ``digits=None`` writes the shortest form (like ``f"{value:g}"``), otherwise exactly
    ``digits`` decimals (like ``f"{value:.2f}"``); English output is the same as those.

    >>> plain_number(0.25), plain_number(1e6), plain_number(2855, 1)
    ('0.25', '1e+06', '2855.0')
    """
    text = f"{float(value):g}" if digits is None else f"{float(value):.{digits}f}"
    return text.replace(".", _decimal_sign(format_locale()))


@lru_cache(maxsize=8)
def _decimal_sign(locale: str) -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(locale)


def _empty(column: pd.Series) -> bool:
    return bool(column.map(lambda v: v is None or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == "").all())


def _shown_positions(df: pd.DataFrame, hidden=()) -> list[int]:
    return [i for i, c in enumerate(df.columns) if c not in hidden
            and not (isinstance(c, str) and c.endswith(TRANSLATION_SUFFIX) and _empty(df.iloc[:, i]))]


def shown_columns(df: pd.DataFrame, hidden=()) -> list:
    """The columns a reader sees: all but ``hidden`` and empty ``<field>_translation`` columns."""
    return [df.columns[i] for i in _shown_positions(df, hidden)]


def header(name) -> str:
    """A column's name as shown, in the language in use (the DataFrame keeps its English name); a name
    written as code (``evidence_level``) is shown as words (``evidence level``) where no translation names it.

    A ``<field>_translation`` column (the translation beside a quotation) is headed "translation (Español)"."""
    if isinstance(name, str) and name.endswith(TRANSLATION_SUFFIX):
        return _("translation ({language})").format(language=_(LANGUAGES[language()]))
    if not isinstance(name, str):
        return str(name)
    shown = pgettext("column", name)
    return shown.replace("_", " ") if shown == name else shown  # a name from code ("evidence_level") as words


def _vocabulary_field(vocab: dict, column, values: pd.Series | None = None):
    """The data field whose category values ``column`` holds: the column's own name, its shown (translated)
    name, or, for a renamed column (``evidence`` for ``evidence_level``), the one field whose values cover it."""
    if not vocab or not isinstance(column, str):
        return None
    fields = {field for field, _value in vocab}
    if column in fields:
        return column
    for field in sorted(fields):
        if header(field) == column or _(field) == column:
            return field
    if values is None:
        return None
    seen = {v for v in values if isinstance(v, str) and v.strip()}
    covering = [f for f in sorted(fields) if seen and all((f, v) in vocab for v in seen)]
    return covering[0] if covering else None


def _vocabulary() -> dict:
    """``{(field, key): shown text}`` for category values in the language in use; in English, the keys
    written with an underscore (``partly_sourced``) as words (``partly sourced``)."""
    return vocabulary() or dict(_english_terms(str(data_dir())))


@lru_cache(maxsize=4)
def _english_terms(_folder: str) -> tuple:
    keys = set()
    for lang in LANGUAGES:
        if lang != "en":
            with use_language(lang):
                keys |= set(vocabulary())
    return tuple(((field, key), _words(key)) for field, key in sorted(keys) if "_" in key)


def _words(key: str) -> str:
    """A data key as English words: ``partly_sourced`` -> ``partly sourced``, ``ai_assisted`` -> ``AI-assisted``."""
    text = key.replace("_", " ")
    return "AI-" + text[3:] if text.startswith("ai ") else text


def _translator(vocab: dict, column, values: pd.Series | None = None):
    """A function giving a cell of ``column`` as shown, or None if the column holds no category values."""
    field = _vocabulary_field(vocab, column, values)
    if field is None:
        return None

    def shown(value):
        try:
            return vocab.get((field, value), value)
        except TypeError:  # an unhashable cell is shown as it is
            return value
    return shown


def _numbers_shown(column: pd.Series) -> pd.Series | None:
    """A column of numbers or true/false as a reader reads it: true/false as yes/no, floats that are all whole
    as whole numbers (``24``, not ``24.0``), other floats with the reader's decimal sign (``781,04``), aligned
    as pandas writes them; None where nothing changes."""
    if pd.api.types.is_bool_dtype(column):
        return column.map(lambda v: _("yes") if v else _("no"))
    if not pd.api.types.is_float_dtype(column):
        return None
    given = column.dropna()
    if len(given) and all(float(v).is_integer() for v in given):
        return column.map(lambda v: v if pd.isna(v) else str(int(v)))
    sign = _decimal_sign(format_locale())
    if sign == ".":
        return None
    lines = column.to_frame().to_string(index=False, header=False).splitlines()
    if len(lines) != len(column):
        return None
    return pd.Series([line.strip().replace(".", sign) for line in lines], index=column.index)


def display_frame(df: pd.DataFrame, hidden=()) -> pd.DataFrame:
    """``df`` as a reader sees it in the language in use: translated headers and category values, and
    decimals written with the reader's decimal sign.

    In English this is ``df`` less ``hidden`` columns and empty translation columns, unchanged.
    """
    vocab = _vocabulary()
    positions = _shown_positions(df, hidden)
    out = df.iloc[:, positions].copy()
    for i, position in enumerate(positions):
        column = df.iloc[:, position]
        shown = _translator(vocab, df.columns[position], column)
        if shown is not None:
            out.isetitem(i, column.map(shown))
        decimals = _numbers_shown(column)
        if decimals is not None:
            out.isetitem(i, decimals)
    out.columns = [header(df.columns[p]) for p in positions]
    return out


def table_html(df: pd.DataFrame, caption: str = "", links: dict[str, str] | None = None) -> str:
    """An HTML table with a caption and scoped headers, in the language in use.

    ``links`` maps a shown column to a column holding its URL; that cell becomes a link.
    """
    links = links or {}
    shown = shown_columns(df, set(links.values()))
    vocab = _vocabulary()
    translate = {col: _translator(vocab, col, df[col]) for col in shown}
    decimals = {col: _numbers_shown(df[col]) for col in shown}
    head = "".join(f'<th scope="col"{_named(c)}>{html.escape(header(c))}</th>' for c in shown)
    rows = []
    for row, (_i, record) in enumerate(df.iterrows()):
        cells = []
        for col in shown:
            value = record[col]
            if translate[col] is not None:
                value = translate[col](value)
            if decimals[col] is not None and not pd.isna(value):
                value = decimals[col].iat[row]
            text = html.escape("" if pd.isna(value) else str(value))
            if col in links and record[links[col]]:
                url = html.escape(str(record[links[col]]), quote=True)
                text = f'<a href="{url}" target="_blank" rel="noopener">{text}</a>'
            cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    notes = "".join(f'<p class="filmkit-table-note">{html.escape(n)}</p>' for n in table_notes(df))
    return (
        '<table class="filmkit-table" style="text-align:left">'
        f"{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{notes}"
    )


def _named(column) -> str:
    """A header's column name as code has it, where the header shows it otherwise (``evidence_level`` headed
    "evidence level"): the catalog's extraction reads the name there, the name the table translates."""
    if not isinstance(column, str) or column.endswith(TRANSLATION_SUFFIX) or "_" not in column:
        return ""
    return f' data-column="{html.escape(column, quote=True)}"'


def table_notes(df: pd.DataFrame) -> list[str]:
    """The sentences shown under a table: what a number a reader could misread there means."""
    return [str(n) for n in df.attrs.get(NOTES, ()) if str(n).strip()]


def table_text(df: pd.DataFrame, caption: str = "") -> str:
    """Plain text of a table, never truncated, in the language in use."""
    body = display_frame(df).to_string(index=False, max_colwidth=None) if len(df) else _("(no rows)")
    body = "\n".join([body, *table_notes(df)])
    return f"{caption}\n{body}" if caption else body


class Table:
    """A table for display (last expression of a cell, or ``display(...)``).

    It is translated when shown, so the language in use at that moment applies.
    """

    def __init__(self, df: pd.DataFrame, caption: str = "", links: dict[str, str] | None = None,
                 collapsed: bool = False):
        self.df = df
        self.caption = caption
        self.links = links or {}
        self.collapsed = collapsed

    def _repr_mimebundle_(self, include=None, exclude=None):
        plain = self.df.drop(columns=list(self.links.values()), errors="ignore")
        plain.attrs = dict(self.df.attrs)
        markup = table_html(self.df, self.caption, self.links)
        if self.collapsed:  # long tables fold away on the page but stay in the document
            # TRANSLATORS: the summary of a folded table; {caption} is the table's caption, or "Table"
            summary = _("{caption} (click to open)").format(caption=self.caption or _("Table"))
            markup = f"<details><summary>{html.escape(summary)}</summary>{markup}</details>"
        return {"text/html": markup, "text/plain": table_text(plain, self.caption)}


def show_table(df: pd.DataFrame, caption: str = "", links: dict[str, str] | None = None,
               collapsed: bool = False) -> Table:
    """Wrap a DataFrame for accessible display; ``collapsed`` folds a long table on the page."""
    return Table(df, caption, links, collapsed)
