"""Answer fields for exercise notebooks: answer without writing code, and keep the answer.

Each field is a labelled widget (a number field, a drop-down list, a set of check boxes, a name
field). When its value changes the answer is

1. written atomically to ``SHEET.answers.json`` next to the notebook, so it survives a kernel
   restart (the field reads it back when its cell runs again), and
2. written into the notebook itself, as the output of the field's cell (a small record of type
   ``application/vnd.filmkit.answer+json`` whose text is empty, so the page shows only the field),
   so the notebook a student hands in carries the answer; the grader reads it from there.

Each field shows its own feedback under it, with the number of attempts (kept in the answers file,
so a restart does not reset it). A written answer is a text box (:meth:`Sheet.written_field`) saved
the same way, under ``written`` in the answers file and as a record of type :data:`WRITTEN_MIME`.

This module knows nothing about questions or answers' correctness: the exercise tools pass in a
label, a kind and the options, and get the value back through ``on_value``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
from IPython.display import display

from filmkit.i18n import _
from filmkit.model.files import atomic_write_text, free_name, locked

MIME = "application/vnd.filmkit.answer+json"
#: a written answer's record in the notebook: {"sheet", "task", "text", "saved"}
WRITTEN_MIME = "application/vnd.filmkit.written+json"
STUDENT = "_student"
#: the longest written answer kept (about 8,000 words): a longer paste is cut, and the student told
MAX_WRITTEN = 50_000

#: answers put back by the grader from a handed-in notebook: sheet -> {qid: value}; they win over the file
_RESTORED: dict[str, dict[str, Any]] = {}


def restore(sheet: str, values: dict[str, Any]) -> None:
    """Give the fields of ``sheet`` these values (the grader does this from a saved notebook)."""
    _RESTORED[sheet] = dict(values)


class AnswerFile:
    """``SHEET.answers.json`` in ``folder``: every answer of one exercise notebook, with when it was saved."""

    def __init__(self, sheet: str, folder: str | Path | None = None):
        self.sheet = sheet
        self.path = Path(folder or Path.cwd()) / f"{sheet}.answers.json"
        self.problem = ""

    def load(self) -> dict[str, Any]:
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {qid: entry["value"] for qid, entry in data.get("answers", {}).items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            self.problem = _("{file} could not be read ({error}); your earlier answers are not shown. "
                             "The file is left as it is.").format(file=self.path.name, error=type(exc).__name__)
            return {}

    def part(self, name: str) -> dict[str, Any]:
        """Another part of the file (``attempts``, ``written``), ``{}`` if absent or unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
            found = data.get(name, {})
            return found if isinstance(found, dict) else {}
        except (OSError, ValueError, AttributeError):
            return {}

    def _update(self, change: Callable[[dict, str], None]) -> str:
        """Re-read the file under a lock, apply ``change(data, stamp)`` and write it back atomically.

        Two kernels may save to the same sheet (a copy of the notebook open beside it): the file is
        re-read under a lock and this change merged into it, so neither kernel's answers are lost.
        """
        with locked(self.path):
            try:
                data = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
                if not isinstance(data.get("answers"), dict):
                    raise ValueError
            except (OSError, ValueError, AttributeError):
                if self.path.is_file():  # never replace a file we cannot read: keep it beside the new one
                    self.path.rename(free_name(self.path.with_suffix(".unreadable.json")))
                data = {"sheet": self.sheet, "answers": {}}
            stamp = datetime.now().isoformat(timespec="seconds")
            change(data, stamp)
            atomic_write_text(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        return stamp

    def save(self, qid: str, value: Any) -> str:
        """Store one answer; returns the time it was saved (text)."""
        return self._update(lambda data, stamp: data["answers"].__setitem__(qid, {"value": value, "saved": stamp}))

    def save_attempt(self, qid: str, value: Any) -> int:
        """Count one more check of ``qid`` (the value checked is kept with it); returns the count."""
        counted = [0]

        def change(data, _stamp):
            attempts = data.get("attempts") if isinstance(data.get("attempts"), dict) else {}
            entry = attempts.get(qid) if isinstance(attempts.get(qid), dict) else {}
            count = entry.get("count") if isinstance(entry.get("count"), int) and entry["count"] >= 0 else 0
            counted[0] = count + 1
            attempts[qid] = {"count": counted[0], "value": value}
            data["attempts"] = attempts

        self._update(change)
        return counted[0]

    def save_written(self, task: str, text: str) -> str:
        """Store one written answer; returns the time it was saved."""
        def change(data, stamp):
            written = data.get("written") if isinstance(data.get("written"), dict) else {}
            written[task] = {"text": text, "saved": stamp}
            data["written"] = written

        return self._update(change)


def file_slug(text: str, limit: int = 40) -> str:
    """A person's name as a safe piece of a file name: letters (accents kept) and digits, words joined by ``-``.

    Everything else (quotes, dots, slashes, underscores) is dropped or becomes a ``-``; the result may be
    empty, so callers choose their own fallback.

    >>> file_slug("  Ana María O'Neil ")
    'Ana-María-ONeil'
    >>> file_slug("Élodie  Martín / grupo_2")
    'Élodie-Martín-grupo-2'
    >>> file_slug("...")
    ''
    """
    # one code point per accented letter (a name typed as "E" + combining accent keeps its accent)
    text = unicodedata.normalize("NFC", str(text))
    kept = "".join(ch if ch.isalnum() else "-" if ch.isspace() or ch in "-_" else "" for ch in text)
    return re.sub(r"-+", "-", kept).strip("-")[:limit].rstrip("-")


class Sheet:
    """The answer fields of one exercise notebook."""

    def __init__(self, sheet: str, folder: str | Path | None = None):
        self.sheet = sheet
        self.file = AnswerFile(sheet, folder)
        self.saved = self.file.load()
        self.saved.update(_RESTORED.get(sheet, {}))
        self.attempts = self.file.part("attempts")
        self.written = {task: entry.get("text", "") for task, entry in self.file.part("written").items()
                        if isinstance(entry, dict) and isinstance(entry.get("text", ""), str)}
        #: called after every change of any field (the summary at the end redraws itself)
        self.listeners: list[Callable[[], None]] = []

    def _ipython_display_(self) -> None:
        """Shown as nothing: a cell ending in ``start("m02")`` must not print a Python repr to the student."""

    def value(self, qid: str, default=None):
        return self.saved.get(qid, default)

    def attempt_count(self, qid: str) -> int:
        entry = self.attempts.get(qid)
        count = entry.get("count") if isinstance(entry, dict) else None
        return count if isinstance(count, int) and count > 0 else 0

    def _changed(self) -> None:
        for listener in list(self.listeners):
            try:
                listener()
            except Exception:  # noqa: BLE001 - a summary that cannot redraw must not break a field
                pass

    def _record(self, qid: str, value, stamp: str):
        """The answer as the notebook keeps it: a record for the grader, and no text on the page."""
        return {MIME: {"sheet": self.sheet, "qid": qid, "value": value, "saved": stamp}, "text/plain": ""}

    def field(self, qid: str, label: str, kind: str, options: list[tuple[str, str]] | None = None,
              on_value: Callable[[Any], str] | None = None,
              on_store: Callable[[Any], None] | None = None) -> widgets.Widget:
        """Show a labelled answer field; ``on_value(value)`` checks an answer and returns a message to show.

        The feedback is shown under the field, nowhere else. A number is checked on every change (Enter);
        a choice or a set only when "Check my answer" is pressed. Each check of an answer is an attempt,
        counted in the answers file (a restart keeps the count). ``on_store(value)`` runs on every change.
        """
        initial = self.saved.get(qid)
        message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        if kind == "number" or kind == "text":
            hint = _("type your answer, then press Enter") if kind == "text" else \
                _("type a number, then press Enter")
            control = widgets.Text(value="" if initial is None else str(initial), description=label,
                                   placeholder=hint, continuous_update=False,
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="95%"))
            read = lambda: control.value.strip()  # noqa: E731
            observed = [control]
        elif kind == "choice":
            choices = [(_("(choose one)"), "")] + list(options or [])
            known = {v for _label, v in choices}
            control = widgets.Dropdown(options=choices, value=initial if initial in known else "",
                                       description=label, style={"description_width": "initial"},
                                       layout=widgets.Layout(width="95%"))
            read = lambda: control.value  # noqa: E731
            observed = [control]
        elif kind == "set":
            chosen = set(initial or [])
            boxes = [widgets.Checkbox(value=v in chosen, description=text, indent=False,
                                      layout=widgets.Layout(width="95%")) for text, v in options or []]
            values = [v for _text, v in options or []]
            heading = _escape(_("{question} (tick every one that applies)")).format(question=f"<b>{label}</b>")
            control = widgets.VBox([widgets.HTML(heading), *boxes])
            read = lambda: [v for v, box in zip(values, boxes) if box.value]  # noqa: E731
            observed = boxes
        else:
            raise ValueError(f"unknown answer kind {kind!r}")
        handle = display(self._record(qid, initial, "earlier") if initial not in (None, "", []) else
                         {"text/plain": ""}, raw=True, display_id=True)
        # a choice or a set is checked only when the student says it is complete, and each check is counted,
        # so ticking one box at a time (or trying every option) shows as many attempts
        complete_only = kind in ("choice", "set") and on_value is not None
        checked = on_value is not None and kind != "text"

        def attempt_line(count: int, value) -> str:
            return _("Attempt {count}:").format(count=count) + " " + _verdict(on_value, value)

        if initial not in (None, "", []) and on_value:
            count = self.attempt_count(qid)
            last = (self.attempts.get(qid) or {}).get("value") if count else None
            if not checked:
                message.value = _escape(_verdict(on_value, initial))
            elif count and (not complete_only or last == initial):
                message.value = _escape(attempt_line(count, initial))
            elif complete_only:
                message.value = _escape(_("Press \u201cCheck my answer\u201d when your answer is complete."))
            else:
                message.value = _escape(_verdict(on_value, initial))
        if self.file.problem:
            message.value = _escape(self.file.problem)

        def count_attempt(value) -> int:
            try:
                count = self.file.save_attempt(qid, value)
            except OSError:
                count = self.attempt_count(qid) + 1
            self.attempts[qid] = {"count": count, "value": value}
            return count

        def changed(_change=None):
            value = read()
            try:
                stamp = self.file.save(qid, value)
                self.saved[qid] = value
                handle.update(self._record(qid, value, stamp), raw=True)
                note = _("Saved at {time}.").format(time=stamp[11:16]) + " "
            except OSError as exc:
                self.saved[qid] = value
                note = _("Not saved ({error}: {detail}); your answer is kept only until the kernel stops.").format(
                    error=type(exc).__name__, detail=exc) + " "
            if on_store:
                on_store(value)
            if complete_only:
                note += _("Press \u201cCheck my answer\u201d when your answer is complete.")
            elif checked and value not in (None, "", []):
                note += attempt_line(count_attempt(value), value)
            else:
                note += _verdict(on_value, value)
            message.value = _escape(note)
            self._changed()

        def check(_button=None):
            value = read()
            if value in (None, "", []):
                message.value = _escape(_verdict(on_value, value))
                return
            message.value = _escape(attempt_line(count_attempt(value), value))
            self._changed()

        for widget in observed:
            widget.observe(changed, names="value")
        parts = [control]
        if complete_only:
            button = widgets.Button(description=_("Check my answer"), tooltip=_("check the whole answer; each check "
                                    "counts as an attempt"), layout=widgets.Layout(width="auto"))
            button.on_click(check)
            parts.append(button)
        box = widgets.VBox([*parts, message])
        display(_shown(box))
        return box

    def name_field(self) -> None:
        """The student's name, saved like an answer (the grader lists it; exports carry it in their name).

        Nothing is returned, so a cell ending in ``your_name()`` shows the field once."""
        self.field(STUDENT, _("Your name (as your instructor lists you)"), "text",
                   on_value=lambda v: "" if v else _("Please type your name."))

    def _written_record(self, task: str, text: str, stamp: str):
        return {WRITTEN_MIME: {"sheet": self.sheet, "task": task, "text": text, "saved": stamp}, "text/plain": ""}

    def written_field(self, task: str, label: str) -> None:
        """A text box for a written answer, labelled with the task's title, saved as it is typed.

        The text goes to the answers file (under ``written``) and into the notebook (a record of type
        :data:`WRITTEN_MIME`), where the grader's written-answers pack reads it. A line under the box says
        when it was last saved. Tab leaves the box (it types no tab character)."""
        initial = self.written.get(task, "")
        area = widgets.Textarea(value=initial, description=label,
                                placeholder=_("Type your answer here; it is saved as you type."),
                                continuous_update=True, style={"description_width": "initial"},
                                layout=widgets.Layout(width="95%", height="12em", flex_flow="column",
                                                      align_items="stretch"))
        status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        if initial:
            status.value = _escape(_("Your answer is saved ({count} words).").format(count=len(initial.split())))
        handle = display(self._written_record(task, initial, "earlier") if initial else {"text/plain": ""},
                         raw=True, display_id=True)

        def changed(_change=None):
            text = area.value
            note = ""
            if len(text) > MAX_WRITTEN:
                text = text[:MAX_WRITTEN]
                note = " " + _("Only the first {count} characters are kept.").format(count=MAX_WRITTEN)
            try:
                stamp = self.file.save_written(task, text)
                self.written[task] = text
                handle.update(self._written_record(task, text, stamp), raw=True)
                status.value = _escape(_("Saved at {time} ({count} words).").format(
                    time=stamp[11:19], count=len(text.split())) + note)
            except OSError as exc:
                self.written[task] = text
                status.value = _escape(_("Not saved ({error}: {detail}); your answer is kept only until the kernel "
                                         "stops.").format(error=type(exc).__name__, detail=exc))
            self._changed()

        area.observe(changed, names="value")
        display(_shown(widgets.VBox([area, status])))

    def summary_panel(self, render: Callable[[], str]) -> None:
        """Show ``render()`` (HTML) once, and redraw it whenever a field of this sheet changes."""
        panel = widgets.HTML(render())

        def redraw():
            panel.value = render()

        self.listeners[:] = [redraw]
        display(_shown(panel))

    def export(self, folder: str | Path | None = None) -> Path:
        """Write every answer to ``SHEET_NAME_YYYYMMDD-HHMMSS.json`` (a new file each time, never over one)."""
        name = file_slug(str(self.saved.get(STUDENT) or "")) or "anonymous"  # a file name: stays English
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = free_name(Path(folder or self.file.path.parent) / f"{self.sheet}_{name}_{stamp}.json")
        body = {"sheet": self.sheet, "student": self.saved.get(STUDENT, ""), "exported": stamp,
                "answers": {k: v for k, v in self.saved.items() if k != STUDENT}}
        atomic_write_text(target, json.dumps(body, indent=1, ensure_ascii=False) + "\n", overwrite=False)
        return target

    def export_button(self) -> None:
        """Show the button (once: nothing is returned for the cell to show again), as wide as its words."""
        button = widgets.Button(description=_("Export my answers"), icon="download",
                                layout=widgets.Layout(width="auto"),
                                tooltip=_("writes a file named with your name and the time"))
        note = widgets.HTML()

        def clicked(_button):
            try:
                note.value = _escape(_("Written: {file}").format(file=self.export().name))
            except OSError as exc:
                note.value = _escape(_("Could not write the file ({error}: {detail}).").format(
                    error=type(exc).__name__, detail=exc))

        button.on_click(clicked)
        display(_shown(widgets.HBox([button, note])))


def _shown(widget: widgets.Widget) -> widgets.Widget:
    """``widget``, whose text in a notebook opened without a running kernel is a sentence, not ``VBox(...)``."""
    bundle = widget._repr_mimebundle_

    def with_sentence(**kwargs):
        data = bundle(**kwargs)
        if isinstance(data, dict):
            data["text/plain"] = _("(Choose Run › Run All Cells to show this part with your saved answers.)")
        return data

    widget._repr_mimebundle_ = with_sentence
    return widget


def _verdict(on_value: Callable[[Any], str] | None, value) -> str:
    try:
        return on_value(value) if on_value else ""
    except Exception as exc:  # the field must never raise into the notebook
        return _("(the check could not read this answer: {error})").format(error=type(exc).__name__)


def _escape(text: str) -> str:
    import html
    return html.escape(text)


def saved_written(nb) -> dict[str, str]:
    """The written answers a saved notebook carries in its outputs (records of :data:`WRITTEN_MIME`): {task: text}."""
    found: dict[str, str] = {}
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs") or []:
            data = out.get("data") if isinstance(out, dict) else None
            record = data.get(WRITTEN_MIME) if isinstance(data, dict) else None
            if isinstance(record, str):
                try:
                    record = json.loads(record)
                except ValueError:
                    continue
            if isinstance(record, dict) and isinstance(record.get("task"), str) and isinstance(record.get("text"), str):
                found[record["task"][:20]] = record["text"][:MAX_WRITTEN]
    return found


def saved_answers(nb) -> tuple[dict[str, dict[str, Any]], str]:
    """The answers a saved notebook carries in its outputs: ({sheet: {qid: value}}, student name)."""
    found: dict[str, dict[str, Any]] = {}
    student = ""
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            record = out.get("data", {}).get(MIME)
            if isinstance(record, str):
                try:
                    record = json.loads(record)
                except ValueError:
                    continue
            if not isinstance(record, dict) or "qid" not in record:
                continue
            if record["qid"] == STUDENT:
                student = str(record.get("value") or "")
            found.setdefault(str(record.get("sheet", "")), {})[str(record["qid"])] = record.get("value")
    return found, student
