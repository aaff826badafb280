"""The claims ledger as tables and a filter widget."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from filmkit.model.claims import (
    EVIDENCE_ORDER,
    PERSPECTIVES,
    STATUS_ORDER,
    claims_ledger,
    filter_claims,
    status_counts,
)
from filmkit.views.tables import show_table


def ledger_table(rows: pd.DataFrame, caption: str | None = None, collapsed: bool = False):
    """The ledger rows as an accessible table (quote, who, when, status, source)."""

    columns = ["id", "date", "speaker", "quote", "status", "reports", "publisher", "evidence_level", "url"]
    if "translation" in rows and rows["translation"].astype(bool).any():
        # Quotes stay in their original language; the English translation sits beside them.
        columns.insert(4, "translation")
    shown = rows[columns].rename(columns={"publisher": "source", "evidence_level": "evidence",
                                          "translation": "translation (English)"})
    return show_table(shown, caption or f"{len(rows)} claim(s)", links={"source": "url"}, collapsed=collapsed)


def ledger_widget():
    """Drop-downs (speaker, perspective, status, evidence level) that filter the ledger table."""

    ledger = claims_ledger()
    # "(any)" has a value of its own: a drop-down whose value is None shows a blank box in ipywidgets 8.
    any_ = ("(any)", "")
    style = {"description_width": "initial"}

    def dropdown(label, values):
        return widgets.Dropdown(options=[any_] + [(v, v) for v in values], value="",
                                description=label, style=style)

    speaker = dropdown("Speaker", sorted(set(ledger["speaker_name"])))
    perspective = dropdown("Perspective", PERSPECTIVES)
    status = dropdown("Status", STATUS_ORDER)
    evidence = dropdown("Source evidence level", EVIDENCE_ORDER)
    summary = widgets.HTML()
    table = widgets.HTML()

    def update(_change=None):
        rows = filter_claims(ledger, *(control.value or None for control in (speaker, status, evidence, perspective)))
        counts = ", ".join(f"{n} {s}" for s, n in status_counts(rows).itertuples(index=False) if n)
        summary.value = f"<p><strong>{len(rows)} of {len(ledger)} claims</strong>{': ' + counts if counts else ''}.</p>"
        table.value = ledger_table(rows)._repr_mimebundle_()["text/html"]

    for control in (speaker, perspective, status, evidence):
        control.observe(update, names="value")
    update()
    controls = widgets.HBox([speaker, perspective, status, evidence], layout=widgets.Layout(flex_flow="row wrap"))
    return widgets.VBox([controls, summary, table])


def quotes_table(ids):
    """Selected claims as a table: who, when, where, the quote, its status and source."""
    ledger = claims_ledger().set_index("id")
    missing = [i for i in ids if i not in ledger.index]
    if missing:
        raise ValueError(f"ids: {missing!r} not in data/claims.csv")
    rows = ledger.loc[list(ids)].reset_index()
    return ledger_table(rows)
