"""Widgets for module 5: the guidance checklist, the comparison cases, and the ethical matrix."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from filmkit.model.ethics import (
    ANSWERS,
    CASE_ORDER,
    PROPOSED_USES,
    RATINGS,
    EthicalMatrix,
    assess,
    cases,
    checklist_questions,
)
from filmkit.views.tables import table_html

STYLE = {"description_width": "initial"}


def assessment_html(answers: dict) -> str:
    """The checklist's verdict as HTML: what is missing, what needs approval, what to escalate."""
    result = assess(answers)
    parts = []
    if result.missing:
        items = "".join(f"<li>{html.escape(q)}</li>" for q in result.missing)
        parts.append(f"<p><strong>Not yet answered ({len(result.missing)}):</strong></p><ul>{items}</ul>")
    if result.approval:
        parts.append("<p><strong>Written approval required:</strong> " + html.escape("; ".join(result.approval)) + "</p>")
    if result.escalate:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in result.escalate)
        parts.append(f"<p><strong>Escalate to the Netflix contact:</strong></p><ul>{items}</ul>")
    if not parts:
        parts.append("<p>Share the intended use with the Netflix contact; no approval trigger or principle is raised.</p>")
    return "".join(parts)


def checklist_widget():
    """One yes/no/unsure choice per question, a menu of proposed uses, and the guidance's verdict."""

    questions = checklist_questions()
    preset = widgets.Dropdown(options=["(answer the questions yourself)"] + list(PROPOSED_USES),
                              description="Proposed use", style=STYLE, layout=widgets.Layout(width="520px"))
    choices = {}
    rows = []
    for _, q in questions.iterrows():
        toggle = widgets.ToggleButtons(options=[(a, a) for a in ANSWERS], value=None, description="",
                                       style={"button_width": "70px"}, tooltips=[f"{a}: {q['question']}" for a in ANSWERS])
        label = widgets.HTML(f"<span>{html.escape(q['question'])}</span>", layout=widgets.Layout(width="520px"))
        choices[q["id"]] = toggle
        rows.append(widgets.HBox([label, toggle]))
    verdict = widgets.HTML()
    syncing = {"on": False}

    def update(_change=None):
        if syncing["on"]:
            return
        verdict.value = assessment_html({k: t.value for k, t in choices.items()})

    def apply_preset(change):
        answers = PROPOSED_USES.get(change["new"], {})
        syncing["on"] = True
        for k, t in choices.items():
            t.value = answers.get(k)
        syncing["on"] = False
        update()

    preset.observe(apply_preset, names="value")
    for t in choices.values():
        t.observe(update, names="value")
    update()
    return widgets.VBox([preset, *rows, verdict])


def cases_html(sort_by: str = "genre", genre: str | None = None) -> str:
    table = cases(sort_by, genre)
    shown = table[["title", "date", "genre", "use", "disclosure", "consent", "reaction", "publisher", "url", "note"]]
    return table_html(shown.rename(columns={"publisher": "source"}), f"{len(table)} cases, sorted by {sort_by}",
                      links={"source": "url"})


def cases_widget():
    """Sort the comparison cases by genre, disclosure or consent, or show one genre."""

    sort_by = widgets.Dropdown(options=list(CASE_ORDER), value="genre", description="Sort by", style=STYLE)
    genre = widgets.Dropdown(options=[("(all)", None)] + [(g, g) for g in CASE_ORDER["genre"]], value=None,
                             description="Genre", style=STYLE)
    out = widgets.HTML()

    def update(_change=None):
        out.value = cases_html(sort_by.value, genre.value)

    sort_by.observe(update, names="value")
    genre.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([sort_by, genre]), out])


def matrix_html(matrix: EthicalMatrix) -> str:
    head = "".join(f'<th scope="col">{html.escape(v)}</th>' for v in matrix.values)
    rows = []
    for s in matrix.stakeholders:
        cells = []
        for v in matrix.values:
            rating, note = matrix.cells[(s, v)]
            text = html.escape(f"{rating}: {note}" if rating and note else (rating or "(not filled)"))
            cells.append(f"<td>{text}</td>")
        rows.append(f'<tr><th scope="row">{html.escape(s)}</th>{"".join(cells)}</tr>')
    gaps = len(matrix.gaps())
    return (f'<table class="filmkit-table"><caption>Ethical matrix: {len(matrix.cells) - gaps} of '
            f'{len(matrix.cells)} cells filled</caption><thead><tr><th scope="col">Stakeholder</th>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>')


class MatrixEditor:
    """Pick a stakeholder and a value, rate the cell and give a reason; export when done."""

    def __init__(self, matrix: EthicalMatrix | None = None, folder: str = "."):

        self.matrix = matrix or EthicalMatrix()
        self.folder = Path(folder)
        self.stakeholder = widgets.Dropdown(options=self.matrix.stakeholders, description="Stakeholder", style=STYLE)
        self.value = widgets.Dropdown(options=self.matrix.values, description="Value", style=STYLE)
        self.rating = widgets.ToggleButtons(options=RATINGS, value=None, description="This use",
                                            style={"button_width": "100px", "description_width": "initial"})
        self.note = widgets.Text(description="Reason (one line)", style=STYLE, layout=widgets.Layout(width="600px"))
        save = widgets.Button(description="Save cell", icon="check")
        export = widgets.Button(description="Export (Markdown + CSV)", icon="download",
                                layout=widgets.Layout(width="220px"))
        self.table, self.message = widgets.HTML(), widgets.HTML()
        save.on_click(lambda _b: self.save_cell())
        export.on_click(lambda _b: self.export())
        self.stakeholder.observe(lambda _c: self._load_cell(), names="value")
        self.value.observe(lambda _c: self._load_cell(), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.stakeholder, self.value]), self.rating, self.note,
                                    widgets.HBox([save, export]), self.message, self.table])
        self._refresh()

    def _load_cell(self):
        rating, note = self.matrix.cells[(self.stakeholder.value, self.value.value)]
        self.rating.value = rating or None
        self.note.value = note

    def _refresh(self):
        self.table.value = matrix_html(self.matrix)

    def save_cell(self) -> None:
        if self.rating.value is None:
            self.message.value = '<p role="alert">Choose a rating (serves, mixed, harms or not relevant) first.</p>'
            return
        self.matrix.set(self.stakeholder.value, self.value.value, self.rating.value, self.note.value)
        self.message.value = f"<p>Saved: {html.escape(self.stakeholder.value)} / {html.escape(self.value.value)}.</p>"
        self._refresh()

    def export(self) -> None:
        md, csv_file = self.folder / "ethical_matrix.md", self.folder / "ethical_matrix.csv"
        try:
            md.write_text(self.matrix.to_markdown(), encoding="utf-8")
            csv_file.write_text(self.matrix.to_csv(), encoding="utf-8")
        except OSError as exc:
            self.message.value = f'<p role="alert">Could not export: {html.escape(str(exc))}</p>'
            return
        gaps = len(self.matrix.gaps())
        note = f" {gaps} cells are not filled; they are marked '(not filled)'." if gaps else ""
        self.message.value = f"<p>Exported to {html.escape(str(md))} and {html.escape(str(csv_file))}.{note}</p>"


def matrix_widget(folder: str = "."):
    """The ethical matrix editor, ready to display."""
    return MatrixEditor(folder=folder).widget
