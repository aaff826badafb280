"""Widgets for module 5: the guidance checklist, the comparison cases, and the ethical matrix."""

from __future__ import annotations

import html
import json
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets

from filmkit.model.ethics import (
    ANSWERS,
    CASE_ORDER,
    NO_EVIDENCE,
    PROPOSED_USES,
    RATINGS,
    EthicalMatrix,
    assess,
    cases,
    checklist_questions,
    stakeholder_evidence,
)
from filmkit.model.files import FileExists, atomic_write_text, free_name
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
    # "(all)" has a real value: a drop-down whose value is None shows a blank box instead of its label.
    genre = widgets.Dropdown(options=[("(all)", "")] + [(g, g) for g in CASE_ORDER["genre"]], value="",
                             description="Genre", style=STYLE)
    out = widgets.HTML()

    def update(_change=None):
        out.value = cases_html(sort_by.value, genre.value or None)

    sort_by.observe(update, names="value")
    genre.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([sort_by, genre]), out])


def matrix_html(matrix: EthicalMatrix, evidence: dict | None = None) -> str:
    """The matrix as an accessible table; with ``evidence``, each row says why the stakeholder is there."""
    head = "".join(f'<th scope="col">{html.escape(v)}</th>' for v in matrix.values)
    rows = []
    for s in matrix.stakeholders:
        cells = []
        for v in matrix.values:
            rating, note = matrix.cells[(s, v)]
            text = html.escape(f"{rating}: {note}" if rating and note else (rating or "(not filled)"))
            cells.append(f"<td>{text}</td>")
        why = ""
        if evidence is not None:
            reason = evidence.get(s, "added in this matrix; " + NO_EVIDENCE)
            why = f'<br><small>{html.escape(reason)}</small>'
        rows.append(f'<tr><th scope="row">{html.escape(s)}{why}</th>{"".join(cells)}</tr>')
    gaps = len(matrix.gaps())
    return (f'<table class="filmkit-table"><caption>Ethical matrix: {len(matrix.cells) - gaps} of '
            f'{len(matrix.cells)} cells filled</caption><thead><tr><th scope="col">Stakeholder</th>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>')


AUTOSAVE = "ethical_matrix.autosave.json"


def _alert(text: str) -> str:
    return f'<p role="alert">{html.escape(text)}</p>'


def _slug(text: str) -> str:
    """A student's name as a safe piece of a file name.

    >>> _slug("  Ana María O'Neil ")
    'Ana-María-ONeil'
    """
    kept = "".join(ch if ch.isalnum() or ch in " -_" else "" for ch in text).split()
    return "-".join(kept)[:40]


class MatrixEditor:
    """Pick a stakeholder and a value, rate the cell and give a reason; export when done.

    Every change is saved at once (atomically) to ``ethical_matrix.autosave.json`` in ``folder``;
    a new editor on the same folder (after a kernel restart) loads it back. Exports carry the
    student's name and the time, so an export never replaces an earlier one.
    """

    def __init__(self, matrix: EthicalMatrix | None = None, folder: str = ".", now=None):

        self.folder = Path(folder)
        self._now = now or datetime.now
        self._saved_text: str | None = None  # what this editor last wrote to the autosave file
        self._restored_student = ""
        self.evidence = stakeholder_evidence()
        self.message = widgets.HTML()
        self.table = widgets.HTML()
        restored_note = ""
        self.matrix = matrix
        if self.matrix is None:
            self.matrix, restored_note = self._restore()
        self.student = widgets.Text(value=self._restored_student, description="Your name",
                                    placeholder="used in the export file names", style=STYLE)
        self.stakeholder = widgets.Dropdown(options=self.matrix.stakeholders, description="Stakeholder", style=STYLE)
        self.value = widgets.Dropdown(options=self.matrix.values, description="Value", style=STYLE)
        self.rating = widgets.ToggleButtons(options=RATINGS, value=None, description="This use",
                                            style={"button_width": "100px", "description_width": "initial"})
        self.note = widgets.Text(description="Reason (one line)", style=STYLE, layout=widgets.Layout(width="600px"))
        self.new_name = widgets.Text(description="New name", placeholder="a stakeholder or a value", style=STYLE)
        save = widgets.Button(description="Save cell", icon="check")
        export = widgets.Button(description="Export (Markdown + CSV)", icon="download",
                                layout=widgets.Layout(width="220px"))
        add_s = widgets.Button(description="Add stakeholder", icon="plus")
        add_v = widgets.Button(description="Add value", icon="plus")
        ren_s = widgets.Button(description="Rename stakeholder", icon="pencil", layout=widgets.Layout(width="170px"))
        ren_v = widgets.Button(description="Rename value", icon="pencil")
        save.on_click(self._safe(self.save_cell))
        export.on_click(self._safe(self.export))
        add_s.on_click(self._safe(lambda: self.add_stakeholder(self.new_name.value)))
        add_v.on_click(self._safe(lambda: self.add_value(self.new_name.value)))
        ren_s.on_click(self._safe(lambda: self.rename_stakeholder(self.new_name.value)))
        ren_v.on_click(self._safe(lambda: self.rename_value(self.new_name.value)))
        self.stakeholder.observe(self._safe(self._load_cell), names="value")
        self.value.observe(self._safe(self._load_cell), names="value")
        self.widget = widgets.VBox([self.student, widgets.HBox([self.stakeholder, self.value]), self.rating, self.note,
                                    widgets.HBox([save, export]),
                                    widgets.HBox([self.new_name, add_s, ren_s, add_v, ren_v]),
                                    self.message, self.table])
        self._load_cell()
        self._refresh()
        if restored_note:
            self.message.value = restored_note

    # -- every handler reports its own errors in the message area
    def _safe(self, action):
        def handler(*_args):
            try:
                action()
            except Exception as exc:  # noqa: BLE001 - a widget must never leave a traceback
                self.message.value = _alert(f"That did not work: {exc}")
        return handler

    @property
    def autosave_file(self) -> Path:
        return self.folder / AUTOSAVE

    def _restore(self) -> tuple[EthicalMatrix, str]:
        """The matrix saved in this folder before (a kernel restart), or a new one."""
        file = self.autosave_file
        if not file.exists():
            return EthicalMatrix(), ""
        try:
            text = file.read_text(encoding="utf-8")
            matrix = EthicalMatrix.from_json(text, str(file))
        except (OSError, ValueError) as exc:
            # Keep the damaged file under another name, so autosaving does not overwrite it.
            kept = free_name(file.with_name("ethical_matrix.damaged.json"))
            try:
                file.rename(kept)
                where = f" It was kept as {kept}."
            except OSError:
                where = ""
            return EthicalMatrix(), _alert(f"Your earlier matrix could not be read ({exc}); starting empty.{where}")
        self._saved_text = text
        student = json.loads(text).get("student", "")
        self._restored_student = student if isinstance(student, str) else ""
        return matrix, (f"<p>Loaded your earlier work from {html.escape(str(file))}: {matrix.filled()} of "
                        f"{len(matrix.cells)} cells filled.</p>")

    def _autosave(self) -> str:
        """Save the matrix next to the notebook; never over a fuller matrix written by another editor."""
        file = self.autosave_file
        text = self.matrix.to_json(self.student.value)
        if file.exists():
            try:
                on_disk_text = file.read_text(encoding="utf-8")
                on_disk = EthicalMatrix.from_json(on_disk_text)
            except (OSError, ValueError):
                on_disk_text, on_disk = None, None
            if on_disk_text != self._saved_text and on_disk is not None and not self.matrix.covers(on_disk):
                # Another editor (another tab or kernel) saved work this one does not have: keep both.
                file = free_name(file.with_name("ethical_matrix.autosave-other.json"))
                atomic_write_text(file, text, overwrite=False)
                return f" Another copy of the matrix in this folder has cells this one lacks; saved to {file} instead."
        atomic_write_text(file, text)
        self._saved_text = text
        return ""

    def _load_cell(self):
        if self.stakeholder.value is None or self.value.value is None:
            return
        rating, note = self.matrix.cells[(self.stakeholder.value, self.value.value)]
        self.rating.value = rating or None
        self.note.value = note

    def _refresh(self):
        self.table.value = matrix_html(self.matrix, self.evidence)

    def _changed(self, done: str) -> None:
        extra = self._autosave()
        self.message.value = f"<p>{html.escape(done + extra)}</p>"
        self._refresh()

    def save_cell(self) -> None:
        if self.rating.value is None:
            self.message.value = _alert("Choose a rating (serves, mixed, harms or not relevant) first.")
            return
        self.matrix.set(self.stakeholder.value, self.value.value, self.rating.value, self.note.value)
        self._changed(f"Saved: {self.stakeholder.value} / {self.value.value}.")

    def _options(self, select_stakeholder=None, select_value=None):
        self.stakeholder.options = self.matrix.stakeholders
        self.value.options = self.matrix.values
        if select_stakeholder:
            self.stakeholder.value = select_stakeholder
        if select_value:
            self.value.value = select_value

    def add_stakeholder(self, name: str) -> None:
        name = self.matrix.add_stakeholder(name)
        self._options(select_stakeholder=name)
        self.new_name.value = ""
        self._changed(f"Added the stakeholder {name}.")

    def add_value(self, name: str) -> None:
        name = self.matrix.add_value(name)
        self._options(select_value=name)
        self.new_name.value = ""
        self._changed(f"Added the value {name}.")

    def rename_stakeholder(self, new: str) -> None:
        old = self.stakeholder.value
        new = self.matrix.rename_stakeholder(old, new)
        if old in self.evidence and new not in self.evidence:
            self.evidence[new] = self.evidence[old]
        self._options(select_stakeholder=new)
        self.new_name.value = ""
        self._changed(f"Renamed the stakeholder {old} to {new}; its cells are kept.")

    def rename_value(self, new: str) -> None:
        old = self.value.value
        new = self.matrix.rename_value(old, new)
        self._options(select_value=new)
        self.new_name.value = ""
        self._changed(f"Renamed the value {old} to {new}; its cells are kept.")

    def export(self) -> None:
        """Write Markdown and CSV files named after the student and the time; never replace a file."""
        name = _slug(self.student.value)
        stamp = self._now().strftime("%Y%m%d-%H%M%S")
        stem = f"ethical_matrix_{name}_{stamp}" if name else f"ethical_matrix_{stamp}"
        title = f"Ethical matrix: {self.student.value.strip()}" if name else "Ethical matrix"
        try:
            self._autosave()
            for n in range(1, 1000):
                suffix = "" if n == 1 else f"-{n}"
                md = self.folder / f"{stem}{suffix}.md"
                csv_file = md.with_suffix(".csv")
                if md.exists() or csv_file.exists():
                    continue
                try:
                    atomic_write_text(md, self.matrix.to_markdown(title, self.evidence), overwrite=False)
                except FileExists:
                    continue  # another export took this name a moment ago
                atomic_write_text(csv_file, self.matrix.to_csv(), overwrite=False)
                break
        except OSError as exc:
            self.message.value = _alert(f"Could not export: {exc}")
            return
        gaps = len(self.matrix.gaps())
        note = f" {gaps} cells are not filled; they are marked '(not filled)'." if gaps else ""
        hint = "" if name else " Type your name above to put it in the file names."
        self.message.value = f"<p>Exported to {html.escape(str(md))} and {html.escape(str(csv_file))}.{note}{hint}</p>"


def matrix_widget(folder: str = "."):
    """The ethical matrix editor, ready to display (it loads the work saved in ``folder`` before)."""
    return MatrixEditor(folder=folder).widget
