"""The claims ledger as tables and a filter widget."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from filmkit.i18n import LANGUAGES, N_, _, language, ngettext, number, pgettext
from filmkit.model.claims import (
    EVIDENCE_ORDER,
    PERSPECTIVES,
    STATUS_ORDER,
    claims_ledger,
    filter_claims,
    perspective_sample,
    status_counts,
)
from filmkit.model.data import one_reading, vocabulary
from filmkit.views.tables import show_table

#: the languages' own names, for the catalog (shown through ``_`` in the translation column's heading)
LANGUAGE_NAMES = (N_("English"), N_("Español"), N_("Français"))


def column_label(column: str) -> str:
    """The heading of a ledger column in the reader's language (the DataFrame's columns stay English)."""
    labels = {"id": pgettext("ledger column", "id"), "date": pgettext("ledger column", "date"),
              "speaker": pgettext("ledger column", "speaker"), "quote": pgettext("ledger column", "quote"),
              "status": pgettext("ledger column", "status"), "reports": pgettext("ledger column", "reports"),
              "source": pgettext("ledger column", "source"), "evidence": pgettext("ledger column", "evidence"),
              "perspective": pgettext("ledger column", "perspective")}
    return labels.get(column, column)


def _translation_column(rows: pd.DataFrame) -> tuple[str, str] | None:
    """(column, language) of the quotes' translation to show beside them, or None when there is none.

    ``quote_translation`` (from the data loader) is in the reader's language; older data has only
    ``translation``, in English. Either is shown only when some row has one.
    """
    for column, lang in (("quote_translation", language()), ("translation", "en")):
        if column in rows.columns:
            return (column, lang) if rows[column].fillna("").astype(bool).any() else None
    return None


def ledger_table(rows: pd.DataFrame, caption: str | None = None, collapsed: bool = False,
                 with_perspective: bool = False):
    """The ledger rows as an accessible table (quote, who, when, status, source).

    Quotes stay in their original language; when one is in another language than the reader's,
    its translation sits beside it. ``with_perspective`` adds the perspective after the id.
    """

    columns = ["id", "date", "speaker", "quote", "status", "reports", "publisher", "evidence_level", "url"]
    if with_perspective:
        columns.insert(1, "perspective")
    translation = _translation_column(rows)
    if translation:
        columns.insert(4, translation[0])
    shown = rows[columns].rename(columns={"publisher": "source", "evidence_level": "evidence"})
    vocab = vocabulary()
    for column, key in (("status", "status"), ("evidence", "evidence_level"), ("perspective", "perspective")):
        if column in shown:
            shown[column] = [vocab.get((key, v), v) for v in shown[column]]
    headings = {c: column_label(c) for c in shown.columns if c != "url"}
    if translation:
        column, lang = translation
        headings[column] = _("translation ({language})").format(language=_(LANGUAGES[lang]))
    if caption is None:
        # English keeps "claim(s)" (notebook outputs compare it); other languages write their own plural forms
        caption = ngettext("{count} claim(s)", "{count} claim(s)", len(rows)).format(count=number(len(rows)))
    return show_table(shown.rename(columns=headings), caption, links={column_label("source"): "url"},
                      collapsed=collapsed)


def ledger_widget():
    """Drop-downs (speaker, perspective, status, evidence level) that filter the ledger table."""

    ledger = claims_ledger()
    vocab = vocabulary()
    style = {"description_width": "initial"}

    def dropdown(label, values, field=None):
        # "(any)" has a value of its own: a drop-down whose value is None shows a blank box in ipywidgets 8.
        options = [(_("(any)"), "")] + [(vocab.get((field, v), v), v) for v in values]
        return widgets.Dropdown(options=options, value="", description=label, style=style)

    speaker = dropdown(_("Speaker"), sorted(set(ledger["speaker_name"])))
    perspective = dropdown(_("Perspective"), PERSPECTIVES, "perspective")
    status = dropdown(_("Status"), STATUS_ORDER, "status")
    evidence = dropdown(_("Source evidence level"), EVIDENCE_ORDER, "evidence_level")
    summary = widgets.HTML()
    table = widgets.HTML()

    @one_reading()  # the data folder is looked at once per change
    def update(_change=None):
        rows = filter_claims(ledger, *(control.value or None for control in (speaker, status, evidence, perspective)))
        counts = ", ".join(_("{count} {status}").format(count=number(n), status=vocab.get(("status", s), s))
                           for s, n in status_counts(rows).itertuples(index=False) if n)
        total = ngettext("{shown} of {total} claim", "{shown} of {total} claims", len(ledger)).format(
            shown=number(len(rows)), total=number(len(ledger)))
        strong = f"<strong>{html.escape(total)}</strong>"
        if counts:
            line = html.escape(_("{claims}: {by_status}."), quote=False).format(claims=strong,
                                                                                by_status=html.escape(counts))
        else:
            line = html.escape(_("{claims}."), quote=False).format(claims=strong)
        summary.value = f"<p>{line}</p>"
        table.value = ledger_table(rows)._repr_mimebundle_()["text/html"]

    for control in (speaker, perspective, status, evidence):
        control.observe(update, names="value")
    update()
    controls = widgets.HBox([speaker, perspective, status, evidence], layout=widgets.Layout(flex_flow="row wrap"))
    return widgets.VBox([controls, summary, table])


def quotes_table(ids):
    """Selected claims as a table: who, when, where, the quote, its status and source."""
    ledger = claims_ledger().set_index("id")
    if isinstance(ids, (str, bytes)) or not hasattr(ids, "__iter__"):
        raise ValueError(_("ids: {value} is not a list of claim ids (e.g. ['CL01', 'CL02'])").format(value=repr(ids)))
    missing = [i for i in ids if i not in ledger.index]
    if missing:
        raise ValueError(_("ids: {missing} not in data/claims.csv").format(missing=repr(missing)))
    rows = ledger.loc[list(ids)].reset_index()
    return ledger_table(rows)


def perspective_table(prefer=()):
    """One voice from each perspective, picked from data/claims.csv (see ``perspective_sample``).

    ``prefer`` lists the ids to show first when they are reliable and carry their perspective;
    the labels always come from the data, so the table follows any relabelling.
    """
    if isinstance(prefer, (str, bytes)) or not hasattr(prefer, "__iter__"):
        raise ValueError(_("prefer: {value} is not a list of claim ids (e.g. ['CL01', 'CL02'])").format(
            value=repr(prefer)))
    rows = perspective_sample(claims_ledger(), tuple(prefer))
    caption = ngettext("One voice from {count} perspective", "One voice from each of {count} perspectives",
                       len(rows)).format(count=number(len(rows)))
    return ledger_table(rows, caption, with_perspective=True)
