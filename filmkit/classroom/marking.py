"""Mark the written tasks of a graded class with their rubrics, in the browser, from the keyboard.

    filmkit mark OUT --submissions DIR [--anonymous] [--marker NAME] [--part K/N] [--port 8899] [--lang es]

OUT is the folder ``filmkit grade`` wrote; DIR the hand-ins it graded (remembered in OUT after the
first run). The marking view walks through each written task: the prompt, the levelled rubric, then
each student's answer (a written answer cell, the ethical-matrix export of exercise 5.5 or the summative
hand-in, found in ``handins.csv`` and ``attachments.csv``), with a level per criterion and a comment.
Every "Save" writes the marker's file ``OUT/marking/marks-NAME.json`` at once (atomically) and the
gradebook ``OUT/gradebook.csv`` (the checks and the rubric points, one row per student); closing the
browser or the command loses nothing, and the next run starts where marking stopped.

``--anonymous`` shows "Student 07" instead of names (numbers that follow no list order); ``--part 1/2``
gives this marker every other student, so two markers split the class without writing the same file.
The view is served on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import mimetypes
import re
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

from filmkit.classroom.grading.roster import parse_name
from filmkit.classroom.grading.collect import module_stems
from filmkit.classroom.grading.written import (
    _task_titles,
    placeholders,
    read_notebook,
    task_prompts,
    with_sidecar,
    written_answers,
)
from filmkit.classroom.release import edition_folder, language_argument, number_between, speaking
from filmkit.i18n import N_, _, language
from filmkit.model.files import atomic_write_text, locked, os_reason
from filmkit.model.safe_csv import csv_text, restore
from filmkit.tools import course_docs
from filmkit.tools.project import project_root

FOLDER = "marking"
SOURCE = "source.json"
#: hand-ins that are not notebooks: the matrix export of 5.5 and the summative assignment
MATRIX_TASK, SUMMATIVE_TASK = "5.5", "S"
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".md", ".txt", ".rtf"}
TEXT_SUFFIXES = {".md", ".txt", ".csv", ".json"}


#: the words the pages show (marked here, outside the HTML templates, so the catalogs find them)
MARKING_THE_WRITTEN_TASKS = N_("Marking the written tasks")
SAVED_AS_YOU_GO = N_("Marks are saved as you go; the gradebook is {file}.")
NOTHING_TO_MARK = N_("No answers to mark for this task.")
ALL_TASKS = N_("All tasks")
SAVED = N_("Saved.")
POINTS_PT = N_("{points} pt")
COMMENT_FOR_THE_STUDENT = N_("Comment for the student")
SAVE_AND_NEXT = N_("Save and go to the next answer")
SAVE = N_("Save")
PREVIOUS_ANSWER = N_("Previous answer")
NEXT_ANSWER = N_("Next answer")
NO_ANSWER_WRITTEN = N_("No answer written.")
OPEN_THE_FILE = N_("Open the file")
MARK_NOT_SAVED = N_("This mark is NOT saved: {file} cannot be read or written ({reason}). Your earlier marks are "
                    "left as they are; repair or move that file, then save again.")
GRADEBOOK_NOT_WRITTEN = N_("The mark is saved, but {file} could not be written ({reason}); close it if a "
                           "spreadsheet has it open. It is written again at the next save.")
BACK_TO_THE_ANSWER = N_("Back to the answer")


class MarkingError(RuntimeError):
    """Marking cannot start (no graded folder, no hand-ins)."""


# ---- a small, safe Markdown: what prompts and answers use, never raw HTML ----------------------

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def _inline(text: str) -> str:
    """Inline Markdown on text that is ALREADY escaped: **bold**, *emphasis*, `code`; a link shows its words and
    its address as text (never a live link: an address in a hand-in may be ``javascript:``)."""
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", text)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"\1 (\2)", text)


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)]


def render_markdown(text: str, breaks: bool = False) -> str:
    """``text`` as HTML: everything escaped first, then paragraphs, headings, lists, tables and inline marks.

    Whatever a hand-in holds (``<script>``, ``<img onerror>``, an ``on...=`` attribute) is shown as text.
    A line break inside a paragraph is a space, as in Markdown (a prompt is wrapped at 100 characters), or
    kept with ``breaks`` (an answer typed in a text box)."""
    lines = html.escape(text or "").replace("\r\n", "\n").split("\n")
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append("<p>" + ("<br>" if breaks else " ").join(_inline(x.strip()) for x in para) + "</p>")
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            flush()
            i += 1
        elif line.lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            flush()
            head = "".join(f"<th>{_inline(c)}</th>" for c in _cells(line))
            i += 2
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in _cells(lines[i])) + "</tr>")
                i += 1
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        elif re.match(r"^#{1,6}\s", line.lstrip()):
            flush()
            out.append(f"<p><strong>{_inline(line.lstrip().lstrip('#').strip())}</strong></p>")
            i += 1
        elif _BULLET.match(line) or _NUMBERED.match(line):
            flush()
            kind = "ul" if _BULLET.match(line) else "ol"
            pattern = _BULLET if kind == "ul" else _NUMBERED
            start = re.match(r"^\s*(\d+)", line)
            items: list[str] = []
            while i < len(lines):
                if pattern.match(lines[i]):
                    items.append(pattern.match(lines[i])[1].strip())
                elif lines[i].strip() and lines[i][:1].isspace():       # an item's next line, indented
                    items[-1] += " " + lines[i].strip()
                elif not lines[i].strip() and i + 1 < len(lines) and pattern.match(lines[i + 1]):
                    pass                                                   # a blank line between two items
                else:
                    break
                i += 1
            first = f" start='{int(start[1])}'" if kind == "ol" and start and int(start[1]) != 1 else ""
            out.append(f"<{kind}{first}>{''.join(f'<li>{_inline(x)}</li>' for x in items)}</{kind}>")
        else:
            para.append(line)
            i += 1
    flush()
    return "".join(out)


@dataclass
class Answer:
    login: str
    task: str
    text: str = ""
    file: str = ""          # a hand-in that is a file (matrix export, summative), relative to the hand-ins


@dataclass
class Class:
    out: Path
    submissions: Path
    names: dict[str, str]                                   # login -> roster name
    answers: dict[str, list[Answer]] = field(default_factory=dict)   # task -> answers, in marking order
    prompts: dict[str, tuple[str, str]] = field(default_factory=dict)

    def label(self, login: str, anonymous: bool) -> str:
        if not anonymous:
            return self.names.get(login) or login
        return _("Student {number}").format(number=f"{anonymous_numbers(self.names)[login]:02d}")


def anonymous_numbers(names: dict[str, str]) -> dict[str, int]:
    """A number per student that follows no list order (a hash of the login), stable between runs."""
    order = sorted(names, key=lambda login: hashlib.sha256(login.encode("utf-8")).hexdigest())
    return {login: i + 1 for i, login in enumerate(order)}


def csv_rows(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _source(out: Path, submissions: Path | None) -> Path:
    record = out / FOLDER / SOURCE
    if submissions is None:
        if not record.is_file():
            raise MarkingError(_("{folder}: give the hand-ins folder the first time (--submissions DIR)")
                               .format(folder=out))
        submissions = Path(json.loads(record.read_text(encoding="utf-8"))["submissions"])
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise MarkingError(_("{folder} is not a folder of hand-ins: give the folder you graded").format(folder=submissions))
    atomic_write_text(record, json.dumps({"submissions": str(submissions.resolve())}) + "\n")
    return submissions.resolve()


def load(out: Path, submissions: Path | None = None) -> Class:
    """The class as grading left it: who handed in what, and every written answer to mark."""
    out = Path(out)
    if not (out / "grades.csv").is_file():
        raise MarkingError(_("{folder} has no grades.csv: run filmkit grade first").format(folder=out))
    (out / FOLDER).mkdir(exist_ok=True)
    subs = _source(out, submissions)
    names = {r["SIS Login ID"]: r["Student"] for r in csv_rows(out / "grades.csv") if r.get("SIS Login ID")}
    marked = {r["task"] for r in course_docs.rubrics()}
    found = Class(out, subs, names)
    empty, stems = placeholders(), module_stems()
    for row in csv_rows(out / "handins.csv"):
        path = subs / row["file"]
        try:
            nb = read_notebook(path)
        except (OSError, ValueError):
            continue
        for task, (title, prompt) in task_prompts(nb).items():
            found.prompts.setdefault(task, (title, prompt))
        texts = written_answers(nb, empty)
        sidecar = (subs / row["answers file"]).resolve() if row.get("answers file") else None
        if sidecar is not None and sidecar.is_relative_to(subs) and row.get("module") in stems:
            texts = with_sidecar(texts, sidecar, stems[row["module"]])   # a text box's latest words
        for task, text in texts.items():
            if task in marked:
                found.answers.setdefault(task, []).append(Answer(row["SIS Login ID"], task, text=text))
    for row in csv_rows(out / "attachments.csv"):
        login, name = row.get("SIS Login ID", ""), row.get("file", "")
        if not login or login not in names:
            continue
        suffix = Path(name).suffix.lower()
        task = MATRIX_TASK if "matrix" in Path(name).name.lower() else SUMMATIVE_TASK if suffix in DOCUMENT_SUFFIXES else None
        if task:
            answers = found.answers.setdefault(task, [])
            have = next((a for a in answers if a.login == login), None)
            if have is None:
                answers.append(Answer(login, task, file=name))
            elif _preferred(name) < _preferred(have.file):
                have.file = name            # one answer per student: the export's .md before its .csv, the newest
    order = anonymous_numbers(names)
    for task in found.answers:
        found.answers[task].sort(key=lambda a: order.get(a.login, 0))
    return found


#: which of a student's files for one task the marker reads: the matrix export's Markdown before its CSV, a
#: document before a copy in another form; then the newest name (the export stamps the date and time)
PREFERRED = [".md", ".pdf", ".docx", ".odt", ".doc", ".rtf", ".txt", ".csv", ".json"]


def _preferred(name: str) -> tuple[int, str]:
    suffix = Path(name).suffix.lower()
    rank = PREFERRED.index(suffix) if suffix in PREFERRED else len(PREFERRED)
    return rank, "".join(chr(0x10FFFF - ord(ch)) for ch in name)     # a later name sorts first


# ---- marks: one file per marker, merged when read --------------------------------------------

def marks_file(out: Path, marker: str) -> Path:
    safe = "".join(ch for ch in marker if ch.isalnum() or ch in "-_") or "marker"
    return Path(out) / FOLDER / f"marks-{safe}.json"


def read_marks(out: Path) -> dict[str, dict[str, dict]]:
    """Every marker's marks merged: {login: {task: {"levels": {criterion: level}, "comment", "marker", "at"}}}."""
    merged: dict[str, dict[str, dict]] = {}
    for path in sorted((Path(out) / FOLDER).glob("marks-*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for login, tasks in (data.get("marks") or {}).items():
            for task, mark in tasks.items():
                have = merged.setdefault(login, {}).get(task)
                if have is None or mark.get("at", "") > have.get("at", ""):
                    merged[login][task] = mark
    return merged


def save_mark(out: Path, marker: str, login: str, task: str, levels: dict[str, int], comment: str) -> None:
    """Record one answer's marks in the marker's file (re-read and replaced atomically, under its lock)."""
    path = marks_file(out, marker)
    try:
        with locked(path):
            data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"marker": marker, "marks": {}}
            if not isinstance(data, dict) or not isinstance(data.get("marks"), dict):
                raise ValueError("no marks in it")
            data["marks"].setdefault(login, {})[task] = {
                "levels": levels, "comment": comment, "marker": marker,
                "at": datetime.now().isoformat(timespec="seconds")}
            atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    except (OSError, ValueError, UnicodeDecodeError) as problem:
        # never replace a marker's file that cannot be read: it holds their work
        raise MarkingError(_(MARK_NOT_SAVED).format(file=path, reason=os_reason(problem) if isinstance(
            problem, OSError) else problem)) from None


def task_points(task: str, levels: dict[str, int]) -> int:
    return sum(course_docs.level_points(r["points"], int(levels[r["criterion_id"]]))
               for r in course_docs.rubrics() if r["task"] == task and r["criterion_id"] in levels)


def task_possible(task: str) -> int:
    return sum(int(r["points"]) for r in course_docs.rubrics() if r["task"] == task)


# ---- the gradebook: the checks of grades.csv and the rubric points, one row per student --------

GRADEBOOK = "gradebook.csv"


def class_grades(out: Path) -> tuple[list[str], list[dict]]:
    with open(Path(out) / "grades.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), [{k: restore(v or "") for k, v in row.items()} for row in reader]


def written_tasks() -> list[str]:
    tasks = list(dict.fromkeys(r["task"] for r in course_docs.rubrics()))
    return sorted(tasks, key=lambda t: (t == "S", t))


def task_name(task: str) -> str:
    return _("Summative assignment") if task == "S" else _("Exercise {task}").format(task=task)


#: grades.csv's columns that a learning platform matches rows by: never translated (Canvas's import needs these
#: exact headers; Moodle's asks which column identifies a student, and "SIS Login ID" is always the same)
ID_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
#: the other columns of grades.csv, as the gradebook shows them in the language in use
HEADINGS = {"Checks total": N_("Checks total"), "Checks possible": N_("Checks possible"), "Late": N_("Late"),
            "Files": N_("Files"), "Graded at": N_("Graded at")}
MODULE_CHECKS = re.compile(r"^Module (\d+) checks$")


def heading(column: str) -> str:
    """A grades.csv column as the gradebook heads it: ids and question ids as they are, the rest translated."""
    if column in ID_COLUMNS:
        return column
    if column in HEADINGS:
        return _(HEADINGS[column])
    module = MODULE_CHECKS.match(column)
    if module:
        return _("Module {number} checks").format(number=module[1])
    return column


def gradebook_rows(out: Path) -> tuple[list[str], list[dict]]:
    """grades.csv with, per written task, the rubric points; then the written total and the total.

    Headed in the language in use, but for the columns a platform matches students by (``ID_COLUMNS``) and the
    question ids (``m01_q1``), which stay as they are so an import finds them whatever the edition."""
    header, rows = class_grades(out)
    marks = read_marks(out)
    tasks = written_tasks()
    extra = [task_name(t) for t in tasks] + [_("Written total"), _("Written possible"), _("Total")]
    table = []
    for row in rows:
        login = row.get("SIS Login ID", "")
        written = 0
        shown = {heading(column): value for column, value in row.items() if column is not None}
        if row.get("Late"):                       # "Module 1; Module 3", as grade writes it
            shown[heading("Late")] = re.sub(r"\bModule (\d+)", lambda m: _("Module {number}").format(number=m[1]),
                                            row["Late"])
        for task, column in zip(tasks, extra):
            mark = marks.get(login, {}).get(task)
            shown[column] = "" if mark is None else task_points(task, mark.get("levels") or {})
            written += shown[column] or 0
        shown[_("Written total")] = written
        shown[_("Written possible")] = sum(task_possible(t) for t in tasks if t in marks.get(login, {}))
        checks = float(row.get("Checks total") or 0)
        shown[_("Total")] = f"{checks + written:g}"
        table.append(shown)
    return [heading(column) for column in header] + extra, table


def write_gradebook(out: Path) -> Path:
    header, rows = gradebook_rows(out)
    return atomic_write_text(Path(out) / GRADEBOOK, csv_text(header, rows))


# ---- the marking view --------------------------------------------------------------------------

CSS = """body{font-family:system-ui,sans-serif;max-width:70em;margin:1em auto;padding:0 1em;line-height:1.45;color:#111}
a{color:#0b4f8a} .answer{border:1px solid #888;padding:.8em;background:#f6f6f6}
table{border-collapse:collapse} td,th{border:1px solid #999;padding:.3em;vertical-align:top;text-align:left}
fieldset{margin:.6em 0} label{display:inline-block;margin-right:1.2em;padding:.2em}
:focus{outline:3px solid #b35806;outline-offset:2px} button{font-size:1.05em;padding:.4em 1em}
.saved{color:#1b5e20;font-weight:bold} nav{margin:.5em 0} .answer p,.prompt p{margin:.3em 0}
.answer pre{white-space:pre-wrap;margin:0} .answer table,.prompt table{margin:.4em 0}"""
#: the pages run no script at all, whatever a hand-in holds (a second guard behind the escaping)
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'"


def _page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body>{body}</body></html>").encode("utf-8")


def file_task_prompts(lang: str) -> dict[str, tuple[str, str]]:
    """{task: (title, prompt)} of the tasks handed in as a file (the matrix export of 5.5): the heading cell
    "## Exercise 5.5: ..." of the edition's exercise notebook, however the edition words "Exercise"."""
    found: dict[str, tuple[str, str]] = {}
    for folder in dict.fromkeys([edition_folder(project_root(), "exercises", lang), project_root() / "exercises"]):
        for path in sorted(folder.glob("*.ipynb")):
            try:
                cells = read_notebook(path).get("cells", [])
            except (OSError, ValueError):
                continue
            for cell in cells:
                text = "".join(cell.get("source", "")) if isinstance(cell, dict) else ""
                first, _newline, body = text.strip().partition("\n")
                head = re.match(rf"^##\s+[^:\d]*\b({re.escape(MATRIX_TASK)})\s*:\s*(.+)$", first)
                if cell.get("cell_type") == "markdown" and head:
                    found.setdefault(head[1], (head[2].strip(), body.strip()))
    return found


def summative_prompt(lang: str) -> dict[str, tuple[str, str]]:
    """{"S": (title, the task)} from the edition's ``exercises/summative_assignment.md``: its first heading's
    title and the text up to its next section (the policy on generative AI and the declaration follow)."""
    path = edition_folder(project_root(), "exercises", lang) / "summative_assignment.md"
    if not path.is_file():
        path = project_root() / "exercises" / "summative_assignment.md"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    first, _newline, rest = text.strip().partition("\n")
    title = first.lstrip("#").strip()
    title = title.split(":", 1)[1].strip() if ":" in title else title
    return {SUMMATIVE_TASK: (title, re.split(r"^## ", rest, maxsplit=1, flags=re.M)[0].strip())}


class View:
    """What the marking pages show, for one marker (their part of the class, anonymous or not)."""

    def __init__(self, cls: Class, marker: str, anonymous: bool, part: tuple[int, int] = (1, 1)):
        self.cls, self.marker, self.anonymous, self.part = cls, marker, anonymous, part
        self.rubrics = {t: h.replace("<details>", "<details open>", 1) for t, h in course_docs.rubrics_by_task().items()}
        self._prompts: dict[str, dict[str, tuple[str, str]]] = {}

    def prompt(self, task: str) -> tuple[str, str]:
        """The task's (title, prompt) from the kit's own exercises in the language in use; a hand-in's copy
        (which a student may have edited) only for a task the kit does not have."""
        lang = language()
        if lang not in self._prompts:
            self._prompts[lang] = {**file_task_prompts(lang), **_task_titles(lang), **summative_prompt(lang)}
        return self._prompts[lang].get(task) or self.cls.prompts.get(task, ("", ""))

    def mine(self, task: str) -> list[Answer]:
        k, n = self.part
        numbers = anonymous_numbers(self.cls.names)
        return [a for a in self.cls.answers.get(task, []) if (numbers.get(a.login, 0) - 1) % n == k - 1]

    def tasks(self) -> list[str]:
        return sorted(self.cls.answers, key=lambda t: (t == SUMMATIVE_TASK, [int(x) for x in t.split(".") if x.isdigit()]))

    def index(self) -> bytes:
        marks = read_marks(self.cls.out)
        rows = []
        for task in self.tasks():
            answers = self.mine(task)
            done = sum(1 for a in answers if task in marks.get(a.login, {}))
            name = _("Summative assignment") if task == SUMMATIVE_TASK else _("Exercise {task}").format(task=task)
            rows.append(f'<li><a href="/task/{quote(task)}">{html.escape(name)}</a>: '
                        + html.escape(_("{done} of {count} marked").format(done=done, count=len(answers))) + "</li>")
        note = _("Anonymous marking: names are hidden.") if self.anonymous else ""
        body = (f"<h1>{html.escape(_(MARKING_THE_WRITTEN_TASKS))}</h1><p>{html.escape(note)}</p>"
                f"<ul>{''.join(rows)}</ul><p>{html.escape(_(SAVED_AS_YOU_GO).format(file=self.cls.out / 'gradebook.csv'))}</p>")
        return _page(_("Marking"), body)

    def answer_page(self, task: str, position: int | None, saved: bool = False) -> bytes:
        answers = self.mine(task)
        marks = read_marks(self.cls.out)
        if not answers:
            return _page(_("Marking"), f"<p>{html.escape(_(NOTHING_TO_MARK))}</p><a href='/'>{html.escape(_(ALL_TASKS))}</a>")
        if position is None:  # resume: the first answer without a mark
            position = next((i for i, a in enumerate(answers) if task not in marks.get(a.login, {})), 0)
        position = max(0, min(position, len(answers) - 1))
        answer = answers[position]
        mark = marks.get(answer.login, {}).get(task, {})
        title, prompt = self.prompt(task)
        name = _("Summative assignment") if task == SUMMATIVE_TASK else _("Exercise {task}").format(task=task)
        who = self.cls.label(answer.login, self.anonymous)
        parts = [f"<nav><a href='/'>{html.escape(_(ALL_TASKS))}</a></nav>",
                 f"<h1>{html.escape(name)}{(': ' + html.escape(title)) if title else ''}</h1>",
                 f"<div class='prompt'>{render_markdown(prompt)}</div>" if prompt else "", self.rubrics.get(task, ""),
                 f"<h2 id='who'>{html.escape(who)} ({position + 1}/{len(answers)})</h2>"]
        if saved:
            parts.append(f"<p class='saved' role='status'>{html.escape(_(SAVED))}</p>")
        parts.append(f"<div class='answer' aria-labelledby='who'>{self._answer_body(answer, task, position)}</div>")
        fields = []
        for r in (r for r in course_docs.rubrics() if r["task"] == task):
            chosen = str((mark.get("levels") or {}).get(r["criterion_id"], ""))
            options = "".join(
                f"<label><input type='radio' name='{r['criterion_id']}' value='{lv}'{' checked' if chosen == str(lv) else ''}> "
                f"{html.escape(_(level))} ({html.escape(_(POINTS_PT).format(points=course_docs.level_points(r['points'], lv)))})</label>"
                for lv, level in course_docs.LEVELS)
            fields.append(f"<fieldset><legend>{html.escape(r['criterion'])}</legend>{options}</fieldset>")
        comment = html.escape(mark.get("comment", ""))
        parts.append(f"<form method='post' action='/task/{quote(task)}?at={position}'>{''.join(fields)}"
                     f"<p><label for='comment'>{html.escape(_(COMMENT_FOR_THE_STUDENT))}</label><br>"
                     f"<textarea id='comment' name='comment' rows='4' cols='80'>{comment}</textarea></p>"
                     f"<button type='submit' name='go' value='next'>{html.escape(_(SAVE_AND_NEXT))}</button> "
                     f"<button type='submit' name='go' value='stay'>{html.escape(_(SAVE))}</button></form>")
        nav = []
        if position > 0:
            nav.append(f"<a href='/task/{quote(task)}?at={position - 1}'>{html.escape(_(PREVIOUS_ANSWER))}</a>")
        if position < len(answers) - 1:
            nav.append(f"<a href='/task/{quote(task)}?at={position + 1}'>{html.escape(_(NEXT_ANSWER))}</a>")
        parts.append("<nav>" + " | ".join(nav) + "</nav>")
        return _page(f"{name} - {who}", "".join(parts))

    def unnamed(self, text: str, login: str) -> str:
        """In anonymous mode, ``text`` with the student's name replaced by their number (a matrix export is titled
        with the name, a memo signed with it): the roster name in either order (any case), each of its words
        as written there (capitalised: "Will" goes, "will" stays), and a login that is not a plain word."""
        if not self.anonymous:
            return text
        label = self.cls.label(login, True)
        name = " ".join(self.cls.names.get(login, "").replace(",", " ").split())
        words = name.split()
        whole = {name, " ".join(words[::-1]), ", ".join([words[-1], " ".join(words[:-1])])} if words else set()
        for said in sorted(w for w in whole if len(w) >= 3):
            text = re.sub(rf"(?<!\w){re.escape(said)}(?!\w)", label, text, flags=re.I)
        parts = [w for w in words if len(w) >= 3] + ([login] if len(login) >= 4 and not login.isalpha() else [])
        for said in sorted(parts, key=len, reverse=True):
            text = re.sub(rf"(?<!\w){re.escape(said)}(?!\w)", label, text)
        return text

    def _answer_body(self, answer: Answer, task: str, position: int) -> str:
        if not answer.file:
            return render_markdown(self.unnamed(answer.text, answer.login), breaks=True) if answer.text else \
                f"<em>{html.escape(_(NO_ANSWER_WRITTEN))}</em>"
        path = self.hand_in_file(answer)
        # anonymous: a file's name and folder may carry the student's name (Moodle's "Full Name_4242_..."), so
        # only its kind is shown; the file opens through the view
        shown = f"({path.suffix.lower()})" if self.anonymous else answer.file
        head = (f"<p><strong>{html.escape(_('Handed in as a file: {file}').format(file=shown))}</strong> "
                f"<a href='/file/{quote(task)}?at={position}'>{html.escape(_(OPEN_THE_FILE))}</a></p>")
        if path.suffix.lower() in TEXT_SUFFIXES and path.is_file():
            try:
                with open(path, "rb") as handle:
                    text = self.unnamed(handle.read(200_000).decode("utf-8", "replace")[:20000], answer.login)
            except OSError as problem:
                return head + f"<p>{html.escape(os_reason(problem))}</p>"
            body = render_markdown(text) if path.suffix.lower() == ".md" else f"<pre>{html.escape(text)}</pre>"
            return head + body
        return head

    def hand_in_file(self, answer: Answer) -> Path:
        """The hand-in's file, never outside the hand-ins folder (a row of attachments.csv is data, not trusted)."""
        path = (self.cls.submissions / answer.file).resolve()
        return path if path.is_relative_to(self.cls.submissions.resolve()) else self.cls.submissions / "-"

    def file_for(self, task: str, position: int) -> tuple[bytes, str, str] | None:
        """(content, media type, a name to save it under) of the file at ``position``; None if there is none."""
        answers = self.mine(task)
        if not answers:
            return None
        answer = answers[max(0, min(position, len(answers) - 1))]
        path = self.hand_in_file(answer) if answer.file else None
        if path is None or not path.is_file():
            return None
        kind = "text/plain; charset=utf-8" if path.suffix.lower() in TEXT_SUFFIXES else \
            (mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        if kind.startswith("text/html") or kind.startswith("image/svg"):
            kind = "text/plain; charset=utf-8"               # never run a hand-in's page in the marker's browser
        name = f"{task}-{position + 1:02d}{path.suffix.lower()}" if self.anonymous else path.name
        return path.read_bytes(), kind, name

    def save(self, task: str, position: int, form: dict[str, list[str]]) -> int:
        answers = self.mine(task)
        answer = answers[max(0, min(position, len(answers) - 1))]
        levels = {}
        for r in (r for r in course_docs.rubrics() if r["task"] == task):
            value = (form.get(r["criterion_id"]) or [""])[0]
            if value in {"1", "2", "3", "4"}:
                levels[r["criterion_id"]] = int(value)
        save_mark(self.cls.out, self.marker, answer.login, task, levels, (form.get("comment") or [""])[0][:5000])
        try:
            write_gradebook(self.cls.out)
        except OSError as problem:
            raise MarkingError(_(GRADEBOOK_NOT_WRITTEN).format(file=Path(self.cls.out) / GRADEBOOK,
                                                                reason=os_reason(problem))) from None
        return position


def serve(view: View, port: int = 8899, ready=None) -> ThreadingHTTPServer:
    lock = threading.Lock()
    lang = language()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet: the terminal shows the address only
            pass

        def _send(self, body: bytes, status: int = 200, location: str | None = None,
                  kind: str = "text/html; charset=utf-8", name: str = ""):
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", kind)
            self.send_header("X-Content-Type-Options", "nosniff")
            if kind.startswith("text/html"):
                self.send_header("Content-Security-Policy", POLICY)
            if name:
                self.send_header("Content-Disposition", f"inline; filename*=UTF-8''{quote(name)}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            url = urlparse(self.path)
            at = parse_qs(url.query).get("at", [None])[0]
            saved = "saved" in parse_qs(url.query)
            with lock, speaking(lang):
                if url.path == "/":
                    return self._send(view.index())
                if url.path.startswith("/task/"):
                    task = url.path[len("/task/"):]
                    if task in view.cls.answers:
                        return self._send(view.answer_page(task, int(at) if at and at.isdigit() else None, saved))
                if url.path.startswith("/file/"):
                    task = url.path[len("/file/"):]
                    found = view.file_for(task, int(at) if at and at.isdigit() else 0) \
                        if task in view.cls.answers else None
                    if found:
                        return self._send(found[0], kind=found[1], name=found[2])
                return self._send(_page("404", "<p>404</p>"), 404)

        def do_POST(self):
            url = urlparse(self.path)
            task = url.path[len("/task/"):] if url.path.startswith("/task/") else ""
            if task not in view.cls.answers:
                return self._send(_page("404", "<p>404</p>"), 404)
            length = self.headers.get("Content-Length") or "0"
            length = min(int(length), 200_000) if length.isdigit() else 0
            form = parse_qs(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True)
            at = parse_qs(url.query).get("at", ["0"])[0]
            with lock, speaking(lang):
                try:
                    position = view.save(task, int(at) if at.isdigit() else 0, form)
                except MarkingError as problem:
                    back = f"/task/{quote(task)}?at={int(at) if at.isdigit() else 0}"
                    return self._send(_page(_("Marking"), f"<p role='alert'><strong>{html.escape(str(problem))}"
                                                          f"</strong></p><p><a href='{back}'>"
                                                          f"{html.escape(_(BACK_TO_THE_ANSWER))}</a></p>"), 500)
            go = (form.get("go") or ["next"])[0]
            following = position + 1 if go == "next" and position + 1 < len(view.mine(task)) else position
            self._send(b"", 303, f"/task/{quote(task)}?at={following}&saved=1")

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    return server


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="filmkit mark", description=_(
        "Mark the written tasks of a graded class with their rubrics, in the browser; marks are saved as you go."))
    cli.add_argument("out", help=_("the folder filmkit grade wrote"))
    cli.add_argument("--submissions", type=Path, help=_("the hand-ins folder that was graded (needed the first time)"))
    cli.add_argument("--anonymous", action="store_true", help=_("hide students' names while marking"))
    cli.add_argument("--marker", default="marker", help=_("your name: your marks go in a file of your own"))
    cli.add_argument("--part", default="1/1", help=_("K/N: mark the K-th of N parts of the class (two markers: 1/2 and 2/2)"))
    cli.add_argument("--port", type=number_between(1, 65535, whole=True), default=8899, help=_("the port on 127.0.0.1 (default 8899)"))
    language_argument(cli)
    args = cli.parse_args(argv)
    try:
        k, n = (int(x) for x in args.part.split("/"))
        if not 1 <= k <= n:
            raise ValueError
    except ValueError:
        print(_("--part {value}: write K/N with 1 <= K <= N, e.g. 1/2").format(value=args.part), file=sys.stderr)
        return 2
    with speaking(args.lang):
        try:
            cls = load(Path(args.out), args.submissions)
        except MarkingError as problem:
            print(problem, file=sys.stderr)
            return 2
        try:
            server = serve(View(cls, args.marker, args.anonymous, (k, n)), args.port)
        except OSError as problem:
            print(_("cannot listen on port {port} ({reason}): choose another with --port").format(
                port=args.port, reason=problem.strerror), file=sys.stderr)
            return 2
        print(_("Marking view: open http://127.0.0.1:{port}/ (Ctrl+C to stop; every mark is already saved)").format(
            port=args.port), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
