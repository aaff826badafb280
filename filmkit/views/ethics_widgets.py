"""Widgets for module 5: the guidance checklist, the comparison cases, and the ethical matrix."""

from __future__ import annotations

import html
import json
import os
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets

from filmkit.i18n import _, ngettext, number, pgettext
from filmkit.model.data import one_reading, vocabulary
from filmkit.model.ethics import (
    ANSWERS,
    CASE_ORDER,
    GAP,
    NO_EVIDENCE,
    PROPOSED_USES,
    RATINGS,
    EthicalMatrix,
    answer_label,
    assess,
    cases,
    checklist_questions,
    rating_label,
    stakeholder_evidence,
)
from filmkit.model.files import FileExists, atomic_write_text, free_name, locked
from filmkit.views.answers import file_slug
from filmkit.views.tables import table_html

STYLE = {"description_width": "initial"}

def case_column_label(column: str) -> str:
    """The heading of a column of the comparison cases (also the sort keys' labels)."""
    labels = {"title": pgettext("cases column", "title"), "date": pgettext("cases column", "date"),
              "genre": pgettext("cases column", "genre"), "use": pgettext("cases column", "use"),
              "disclosure": pgettext("cases column", "disclosure"), "consent": pgettext("cases column", "consent"),
              "reaction": pgettext("cases column", "reaction"), "source": pgettext("cases column", "source"),
              "note": pgettext("cases column", "note")}
    return labels.get(column, column)


def _shown_name(field: str, name: str, vocab: dict | None = None) -> str:
    """A stakeholder's or value's name as shown (the data's translation); the key stays English."""
    return (vocabulary() if vocab is None else vocab).get((field, name), name)


def assessment_html(answers: dict) -> str:
    """The checklist's verdict as HTML: what is missing, what needs approval, what to escalate."""
    result = assess(answers)
    parts = []
    if result.missing:
        items = "".join(f"<li>{html.escape(q)}</li>" for q in result.missing)
        head = _("Not yet answered ({count}):").format(count=number(len(result.missing)))
        parts.append(f"<p><strong>{html.escape(head)}</strong></p><ul>{items}</ul>")
    if result.approval:
        head = _("Written approval required:")
        parts.append(f"<p><strong>{html.escape(head)}</strong> " + html.escape("; ".join(result.approval)) + "</p>")
    if result.escalate:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in result.escalate)
        head = _("Escalate to the Netflix contact:")
        parts.append(f"<p><strong>{html.escape(head)}</strong></p><ul>{items}</ul>")
    if not parts:
        text = _("Share the intended use with the Netflix contact; no approval trigger or principle is raised.")
        parts.append(f"<p>{html.escape(text)}</p>")
    return "".join(parts)


def checklist_widget():
    """One yes/no/unsure choice per question, a menu of proposed uses, and the guidance's verdict."""

    questions = checklist_questions()
    # the values are the uses' English names (PROPOSED_USES shows them translated); "" is "answer yourself"
    preset = widgets.Dropdown(options=[(_("(answer the questions yourself)"), "")]
                              + [(shown, PROPOSED_USES.english(shown)) for shown in PROPOSED_USES],
                              value="", description=_("Proposed use"), style=STYLE,
                              layout=widgets.Layout(width="520px", max_width="calc(100% - 4px)"))
    choices = {}
    rows = []
    for _i, q in questions.iterrows():
        tooltips = [_("{answer}: {question}").format(answer=answer_label(a), question=q["question"]) for a in ANSWERS]
        toggle = widgets.ToggleButtons(options=[(answer_label(a), a) for a in ANSWERS], value=None, description="",
                                       style={"button_width": "70px"}, tooltips=tooltips)
        label = widgets.HTML(f"<span>{html.escape(q['question'])}</span>", layout=widgets.Layout(width="520px", max_width="calc(100% - 4px)"))
        choices[q["id"]] = toggle
        rows.append(widgets.HBox([label, toggle], layout=widgets.Layout(flex_flow="row wrap")))  # wraps when zoomed
    verdict = widgets.HTML()
    syncing = {"on": False}

    @one_reading()  # the data folder is looked at once per change
    def update(_change=None):
        if syncing["on"]:
            return
        verdict.value = assessment_html({k: t.value for k, t in choices.items()})

    @one_reading()
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
    shown = shown.rename(columns={"publisher": "source"})
    vocab = vocabulary()
    for column in ("genre", "disclosure", "consent"):  # category keys, shown in the reader's language
        shown[column] = [vocab.get((column, v), v) for v in shown[column]]
    shown = shown.rename(columns={c: case_column_label(c) for c in shown.columns if c != "url"})
    caption = ngettext("{count} case, sorted by {key}", "{count} cases, sorted by {key}", len(table)).format(
        count=number(len(table)), key=case_column_label(sort_by))
    return table_html(shown, caption, links={case_column_label("source"): "url"})


def cases_widget():
    """Sort the comparison cases by genre, disclosure or consent, or show one genre."""

    sort_by = widgets.Dropdown(options=[(case_column_label(k), k) for k in CASE_ORDER], value="genre",
                               description=_("Sort by"), style=STYLE)
    # "(all)" has a real value: a drop-down whose value is None shows a blank box instead of its label.
    vocab = vocabulary()
    genre = widgets.Dropdown(options=[(_("(all)"), "")] + [(vocab.get(("genre", g), g), g) for g in CASE_ORDER["genre"]],
                             value="", description=_("Genre"), style=STYLE)
    out = widgets.HTML()

    @one_reading()  # the data folder is looked at once per change
    def update(_change=None):
        out.value = cases_html(sort_by.value, genre.value or None)

    sort_by.observe(update, names="value")
    genre.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([sort_by, genre], layout=widgets.Layout(flex_flow="row wrap")), out])


def matrix_html(matrix: EthicalMatrix, evidence: dict | None = None) -> str:
    """The matrix as an accessible table; with ``evidence``, each row says why the stakeholder is there."""
    vocab = vocabulary()
    head = "".join(f'<th scope="col">{html.escape(_shown_name("value", v, vocab))}</th>' for v in matrix.values)
    rows = []
    for s in matrix.stakeholders:
        cells = []
        for v in matrix.values:
            rating, note = matrix.cells[(s, v)]
            if rating and note:
                text = _("{rating}: {note}").format(rating=rating_label(rating), note=note)
            else:
                text = rating_label(rating)  # an empty cell: "(not filled)"
            cells.append(f"<td>{html.escape(text)}</td>")
        why = ""
        if evidence is not None:
            reason = evidence.get(s)
            if reason is None:
                reason = _("added in this matrix; {reason}").format(reason=_(NO_EVIDENCE))
            why = f'<br><small>{html.escape(reason)}</small>'
        rows.append(f'<tr><th scope="row">{html.escape(_shown_name("stakeholder", s, vocab))}{why}</th>'
                    f'{"".join(cells)}</tr>')
    gaps = len(matrix.gaps())
    caption = _("Ethical matrix: {filled} of {total} cells filled").format(
        filled=number(len(matrix.cells) - gaps), total=number(len(matrix.cells)))
    return (f'<table class="filmkit-table"><caption>{html.escape(caption)}</caption><thead><tr>'
            f'<th scope="col">{html.escape(_("Stakeholder"))}</th>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>')


AUTOSAVE = "ethical_matrix.autosave.json"
#: where earlier versions of the kit saved a second editor's work
OTHER_COPIES = "ethical_matrix.autosave-other*.json"


def merge_matrices(mine: EthicalMatrix, base: EthicalMatrix | None,
                   theirs: EthicalMatrix) -> tuple[EthicalMatrix, int, list[tuple[str, str]]]:
    """Three-way merge of two editors' matrices: (merged, cells taken from ``theirs``, cells both changed).

    ``base`` is what ``mine`` last saved (None: nothing). A cell ``mine`` changed since ``base`` keeps its
    value; any other cell takes ``theirs``. Rows and columns either side added are kept; one that
    ``mine`` renamed or removed goes only if ``theirs`` did not change its cells.
    """
    empty = ("", "")
    before = base.cells if base is not None else {}
    cells: dict[tuple[str, str], tuple[str, str]] = {}
    taken, conflicts = 0, []
    for key in list(mine.cells) + [k for k in theirs.cells if k not in mine.cells]:
        m, t, b = mine.cells.get(key), theirs.cells.get(key), before.get(key, empty)
        if m is None:  # only theirs has it: keep it unless this editor removed it and they left it alone
            if key in before and t == b:
                continue
            cells[key] = t
            taken += t[0] != "" and t != b
        elif t is None or m != b:
            cells[key] = m
            if t is not None and t != b and t != m:
                conflicts.append(key)
        else:
            cells[key] = t
            taken += t != m and t[0] != ""
    stakeholders = list(dict.fromkeys(s for s, _v in cells))
    values = list(dict.fromkeys(v for _s, v in cells))
    merged = EthicalMatrix(stakeholders, values)
    merged.cells.update(cells)
    return merged, taken, conflicts




def _alert(text: str) -> str:
    return f'<p role="alert">{html.escape(text)}</p>'


class MatrixEditor:
    """Pick a stakeholder and a value, rate the cell and give a reason; export when done.

    Every change is saved at once (atomically) to ``ethical_matrix.autosave.json`` in ``folder``;
    a new editor on the same folder (after a kernel restart) loads it back. Exports carry the
    student's name and the time, so an export never replaces an earlier one.
    """

    def __init__(self, matrix: EthicalMatrix | None = None, folder: str = ".", now=None):
        if not isinstance(folder, (str, os.PathLike)):
            raise ValueError(_("folder: expected the name of a folder (text), got {kind}").format(
                kind=type(folder).__name__))
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
        self.student = widgets.Text(value=self._restored_student, description=_("Your name"),
                                    placeholder=_("used in the export file names"), style=STYLE)
        # options are (shown name, English key): the matrix and its saved files keep the keys
        self.stakeholder = widgets.Dropdown(options=self._names("stakeholder", self.matrix.stakeholders),
                                            description=_("Stakeholder"), style=STYLE)
        self.value = widgets.Dropdown(options=self._names("value", self.matrix.values), description=_("Value"),
                                      style=STYLE)
        self.rating = widgets.ToggleButtons(options=[(rating_label(r), r) for r in RATINGS], value=None,
                                            description=_("This use"),
                                            style={"button_width": "120px", "description_width": "initial"})
        self.note = widgets.Text(description=_("Reason (one line)"), style=STYLE, layout=widgets.Layout(width="600px", max_width="calc(100% - 4px)"))
        self.new_name = widgets.Text(description=_("New name"), placeholder=_("a stakeholder or a value"), style=STYLE)
        # buttons as wide as their label: a translation is often longer than the English
        fit = {"layout": widgets.Layout(width="auto")}
        save = widgets.Button(description=_("Save cell"), icon="check", **fit)
        export = widgets.Button(description=_("Export (Markdown + CSV)"), icon="download", **fit)
        add_s = widgets.Button(description=_("Add stakeholder"), icon="plus", **fit)
        add_v = widgets.Button(description=_("Add value"), icon="plus", **fit)
        ren_s = widgets.Button(description=_("Rename stakeholder"), icon="pencil", **fit)
        ren_v = widgets.Button(description=_("Rename value"), icon="pencil", **fit)
        save.on_click(self._safe(self.save_cell))
        export.on_click(self._safe(self.export))
        add_s.on_click(self._safe(lambda: self.add_stakeholder(self.new_name.value)))
        add_v.on_click(self._safe(lambda: self.add_value(self.new_name.value)))
        ren_s.on_click(self._safe(lambda: self.rename_stakeholder(self.new_name.value)))
        ren_v.on_click(self._safe(lambda: self.rename_value(self.new_name.value)))
        self.stakeholder.observe(self._safe(self._load_cell), names="value")
        self.value.observe(self._safe(self._load_cell), names="value")
        # rows wrap on a narrow or zoomed screen: a button goes to the next line instead of being cut
        wrap = {"layout": widgets.Layout(flex_flow="row wrap")}
        self.widget = widgets.VBox([self.student, widgets.HBox([self.stakeholder, self.value], **wrap), self.rating,
                                    self.note, widgets.HBox([save, export], **wrap),
                                    widgets.HBox([self.new_name, add_s, ren_s, add_v, ren_v], **wrap),
                                    self.message, self.table])
        self._load_cell()
        self._refresh()
        if restored_note:
            self.message.value = restored_note

    # -- every handler reports its own errors in the message area
    def _safe(self, action):
        def handler(*_args):
            try:
                with one_reading():  # the data folder is looked at once per change
                    action()
            except Exception as exc:  # noqa: BLE001 - a widget must never leave a traceback
                self.message.value = _alert(_("That did not work: {error}").format(error=exc))
        return handler

    @staticmethod
    def _names(field: str, keys: list[str]) -> list[tuple[str, str]]:
        vocab = vocabulary()
        return [(_shown_name(field, k, vocab), k) for k in keys]

    def _shown(self, field: str, key: str) -> str:
        return _shown_name(field, key)

    @property
    def autosave_file(self) -> Path:
        return self.folder / AUTOSAVE

    def _restore(self) -> tuple[EthicalMatrix, str]:
        """The matrix saved in this folder before (a kernel restart), or a new one."""
        file = self.autosave_file
        try:
            if not file.exists():
                return EthicalMatrix(), ""
        except OSError as exc:  # a folder name too long, a folder without permission
            raise ValueError(_("folder {folder} cannot be used: {reason}").format(
                folder=self.folder, reason=exc.strerror or exc)) from None
        try:
            text = file.read_text(encoding="utf-8")
            matrix = EthicalMatrix.from_json(text, str(file))
        except (OSError, ValueError) as exc:
            # Keep the damaged file under another name, so autosaving does not overwrite it.
            kept = free_name(file.with_name("ethical_matrix.damaged.json"))
            try:
                file.rename(kept)
                note = _("Your earlier matrix could not be read ({error}); starting empty. "
                         "It was kept as {file}.").format(error=exc, file=kept)
            except OSError:
                note = _("Your earlier matrix could not be read ({error}); starting empty.").format(error=exc)
            return EthicalMatrix(), _alert(note)
        self._saved_text = text
        student = json.loads(text).get("student", "")
        self._restored_student = student if isinstance(student, str) else ""
        matrix, merged = self._gather_other_copies(matrix)
        note = _("Loaded your earlier work from {file}: {filled} of {total} cells filled.").format(
            file=file, filled=number(matrix.filled()), total=number(len(matrix.cells)))
        return matrix, f"<p>{html.escape(' '.join([note, *merged]), quote=False)}</p>"

    def _gather_other_copies(self, matrix: EthicalMatrix) -> tuple[EthicalMatrix, list[str]]:
        """Earlier versions of the kit saved a second editor's work beside the autosave
        (``ethical_matrix.autosave-other*.json``): merge each in, and rename it so it is merged once."""
        notes = []
        for other in sorted(p for p in self.folder.glob(OTHER_COPIES) if ".merged" not in p.name):
            try:
                theirs = EthicalMatrix.from_json(other.read_text(encoding="utf-8"), str(other))
                kept = free_name(other.with_name(other.stem + ".merged.json"))
                matrix, taken, _conflicts = merge_matrices(matrix, None, theirs)
                other.rename(kept)
            except (OSError, ValueError):
                continue  # left as it is, for the student to open
            if taken:
                notes.append(ngettext("{count} cell from {file} was added (the file is now {kept}).",
                                      "{count} cells from {file} were added (the file is now {kept}).",
                                      taken).format(count=number(taken), file=other.name, kept=kept.name))
        return matrix, notes

    def _autosave(self) -> str:
        """Save the matrix next to the notebook, merged with what another editor saved there meanwhile.

        Another editor (a second tab or kernel on the same folder) may have saved since this one last
        did: under a lock, the file is read again and its changes merged in, cell by cell, so neither
        editor's work is lost. A file this editor cannot read is kept aside, never written over.
        """
        file = self.autosave_file
        notes = []
        with locked(file):
            try:
                on_disk_text = file.read_text(encoding="utf-8") if file.exists() else None
            except (OSError, UnicodeDecodeError):
                on_disk_text = ""  # unreadable: kept aside below
            if on_disk_text is not None and on_disk_text != self._saved_text:
                notes.append(self._merge_from(file, on_disk_text))
            text = self.matrix.to_json(self.student.value)
            atomic_write_text(file, text)
            self._saved_text = text
        return " ".join(n for n in notes if n)

    def _merge_from(self, file: Path, on_disk_text: str) -> str:
        """Merge the autosave another editor wrote into this editor's matrix; say what happened."""
        try:
            theirs = EthicalMatrix.from_json(on_disk_text, str(file))
        except ValueError as exc:
            kept = free_name(file.with_name("ethical_matrix.damaged.json"))
            file.rename(kept)
            return _("The saved matrix in this folder could not be read ({error}); it was kept as {file}.").format(
                error=exc, file=kept)
        base = EthicalMatrix.from_json(self._saved_text) if self._saved_text else None
        merged, taken, conflicts = merge_matrices(self.matrix, base, theirs)
        sentences = []
        if conflicts:  # both editors changed these cells: this one's rating is saved, the other's kept aside
            kept = free_name(file.with_name("ethical_matrix.replaced.json"))
            atomic_write_text(kept, on_disk_text, overwrite=False)
            sentences.append(ngettext(
                "{count} cell was also changed in another copy of the matrix; yours is saved, the other one "
                "is kept in {file}.",
                "{count} cells were also changed in another copy of the matrix; yours are saved, the other ones "
                "are kept in {file}.", len(conflicts)).format(count=number(len(conflicts)), file=kept))
        if taken:
            sentences.append(ngettext(
                "{count} cell saved by another copy of the matrix in this folder was added to this one.",
                "{count} cells saved by another copy of the matrix in this folder were added to this one.",
                taken).format(count=number(taken)))
        if not self.student.value.strip():
            self.student.value = str(json.loads(on_disk_text).get("student") or "")
        self.matrix = merged
        self._options(select_stakeholder=self.stakeholder.value if self.stakeholder.value in merged.stakeholders
                      else None, select_value=self.value.value if self.value.value in merged.values else None)
        return " ".join(sentences)

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
        self.message.value = f"<p>{html.escape(' '.join(t for t in (done, extra) if t))}</p>"
        self._refresh()

    def save_cell(self) -> None:
        if self.rating.value is None:
            self.message.value = _alert(_("Choose a rating (serves, mixed, harms or not relevant) first."))
            return
        self.matrix.set(self.stakeholder.value, self.value.value, self.rating.value, self.note.value)
        self._changed(_("Saved: {stakeholder} / {value}.").format(
            stakeholder=self._shown("stakeholder", self.stakeholder.value),
            value=self._shown("value", self.value.value)))

    def _options(self, select_stakeholder=None, select_value=None):
        self.stakeholder.options = self._names("stakeholder", self.matrix.stakeholders)
        self.value.options = self._names("value", self.matrix.values)
        if select_stakeholder:
            self.stakeholder.value = select_stakeholder
        if select_value:
            self.value.value = select_value

    def add_stakeholder(self, name: str) -> None:
        name = self.matrix.add_stakeholder(name)
        self._options(select_stakeholder=name)
        self.new_name.value = ""
        self._changed(_("Added the stakeholder {name}.").format(name=name))

    def add_value(self, name: str) -> None:
        name = self.matrix.add_value(name)
        self._options(select_value=name)
        self.new_name.value = ""
        self._changed(_("Added the value {name}.").format(name=name))

    def rename_stakeholder(self, new: str) -> None:
        old = self.stakeholder.value
        new = self.matrix.rename_stakeholder(old, new)
        if old in self.evidence and new not in self.evidence:
            self.evidence[new] = self.evidence[old]
        self._options(select_stakeholder=new)
        self.new_name.value = ""
        self._changed(_("Renamed the stakeholder {old} to {new}; its cells are kept.").format(
            old=self._shown("stakeholder", old), new=new))

    def rename_value(self, new: str) -> None:
        old = self.value.value
        new = self.matrix.rename_value(old, new)
        self._options(select_value=new)
        self.new_name.value = ""
        self._changed(_("Renamed the value {old} to {new}; its cells are kept.").format(
            old=self._shown("value", old), new=new))

    def export(self) -> None:
        """Write Markdown and CSV files named after the student and the time; never replace a file."""
        name = file_slug(self.student.value)
        stamp = self._now().strftime("%Y%m%d-%H%M%S")
        stem = f"ethical_matrix_{name}_{stamp}" if name else f"ethical_matrix_{stamp}"  # file names stay English
        title = (_("Ethical matrix: {student}").format(student=self.student.value.strip()) if name
                 else _("Ethical matrix"))
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
            self.message.value = _alert(_("Could not export: {error}").format(error=exc))
            return
        gaps = len(self.matrix.gaps())
        sentences = [_("Exported to {markdown} and {csv}.").format(markdown=md, csv=csv_file)]
        if gaps:
            sentences.append(ngettext("{count} cell is not filled; it is marked '{gap}'.",
                                      "{count} cells are not filled; they are marked '{gap}'.", gaps).format(
                count=number(gaps), gap=_(GAP)))
        if not name:
            sentences.append(_("Type your name above to put it in the file names."))
        self.message.value = f"<p>{html.escape(' '.join(sentences), quote=False)}</p>"


def matrix_widget(folder: str = "."):
    """The ethical matrix editor, ready to display (it loads the work saved in ``folder`` before)."""
    return MatrixEditor(folder=folder).widget
