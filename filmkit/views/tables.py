"""Tables that read well everywhere: an accessible HTML table plus plain text.

The HTML has a caption and column headers with ``scope``; the plain text is
``DataFrame.to_string`` without truncation, which is what nbval compares in
cells marked ``# NBVAL_CHECK_OUTPUT``.
"""

from __future__ import annotations

import html

import pandas as pd


def table_html(df: pd.DataFrame, caption: str = "", links: dict[str, str] | None = None) -> str:
    """An HTML table with a caption and scoped headers.

    ``links`` maps a shown column to a column holding its URL; that cell becomes a link.
    """
    links = links or {}
    shown = [c for c in df.columns if c not in links.values()]
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in shown)
    rows = []
    for _, record in df.iterrows():
        cells = []
        for col in shown:
            text = html.escape("" if pd.isna(record[col]) else str(record[col]))
            if col in links and record[links[col]]:
                url = html.escape(str(record[links[col]]), quote=True)
                text = f'<a href="{url}" target="_blank" rel="noopener">{text}</a>'
            cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        '<table class="filmkit-table" style="text-align:left">'
        f"{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def table_text(df: pd.DataFrame, caption: str = "") -> str:
    """Plain text of a table, never truncated."""
    body = df.to_string(index=False, max_colwidth=None) if len(df) else "(no rows)"
    return f"{caption}\n{body}" if caption else body


class Table:
    """A table for display (last expression of a cell, or ``display(...)``)."""

    def __init__(self, df: pd.DataFrame, caption: str = "", links: dict[str, str] | None = None,
                 collapsed: bool = False):
        self.df = df
        self.caption = caption
        self.links = links or {}
        self.collapsed = collapsed

    def _repr_mimebundle_(self, include=None, exclude=None):
        plain = self.df.drop(columns=list(self.links.values()), errors="ignore")
        markup = table_html(self.df, self.caption, self.links)
        if self.collapsed:  # long tables fold away on the page but stay in the document
            markup = f"<details><summary>{html.escape(self.caption or 'Table')} (click to open)</summary>{markup}</details>"
        return {"text/html": markup, "text/plain": table_text(plain, self.caption)}


def show_table(df: pd.DataFrame, caption: str = "", links: dict[str, str] | None = None,
               collapsed: bool = False) -> Table:
    """Wrap a DataFrame for accessible display; ``collapsed`` folds a long table on the page."""
    return Table(df, caption, links, collapsed)
