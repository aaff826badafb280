"""Give every student their marks back: one feedback file each, and one gradebook for the LMS.

    filmkit feedback OUT [--pdf] [--lang es]

OUT is the folder ``filmkit grade`` wrote and ``filmkit mark`` marked in. ``OUT/gradebook.csv`` is
``grades.csv`` with the rubric points added (per written task, the written total, the total), cells
neutralised for spreadsheets. ``OUT/feedback/LOGIN_feedback.html`` (and ``.pdf`` with ``--pdf``,
printed by the same offline Chromium as ``filmkit handouts``) gives each student, in the edition's
language: their checked answers (right or not yet, with what a right answer looks like), each rubric
criterion with the level reached, its descriptor and points, the marker's comments, and the totals.
Files are named by the login the LMS knows (Canvas's SIS Login ID). For a bulk upload, two zips hold the
same files named as each platform's importer reads them, for the students whose hand-ins came from that
platform's bulk download (the names carry the platform's own numbers, which only the download gives):

- ``OUT/feedback/upload_to_canvas.zip``: ``login_userid_attachmentid_feedback.html``, the prefix of the
  student's downloaded file, for the assignment's "Re-upload submissions" (the files become comments on
  the submissions). Canvas takes the first two all-digit parts of the name as the user and the attachment:
  ``Assignment#infer_comment_context_from_filename`` in instructure/canvas-lms, app/models/assignment.rb.
- ``OUT/feedback/upload_to_moodle.zip``: ``Full Name_participant_assignsubmission_file_/feedback.html``,
  the folder of the student's download, for "Upload multiple feedback files in a zip". Moodle splits each
  path part at "_" and reads the participant id in the second place:
  https://github.com/moodle/moodle/blob/main/mod/assign/feedback/file/importziplib.php
  (``is_valid_filename_for_import``).
"""

from __future__ import annotations

import argparse
import io
import json
import html
import sys
import tempfile
import zipfile
from pathlib import Path

from filmkit.classroom.marking import _source as remember_submissions
from filmkit.classroom.marking import FOLDER, GRADEBOOK, SOURCE, csv_rows, class_grades, task_name, read_marks, task_possible, task_points, \
    write_gradebook, written_tasks
from filmkit.classroom.grading.roster import CANVAS_FILE, MOODLE_FOLDER, parse_name
from filmkit.classroom.grading.written import read_notebook
from filmkit.classroom.release import language_argument, speaking
from filmkit.i18n import N_, _, language, ngettext, number
from filmkit.model.files import atomic_write_bytes, atomic_write_text
from filmkit.tools import course_docs
from filmkit.tools.exercises import exercise_titles
from filmkit.tools import questions  # noqa: F401  (fills the registry)
from filmkit.tools.question import REGISTRY
from filmkit.tools.selfcheck import answer_key, evaluate
from filmkit.views.answers import saved_answers

FEEDBACK = "feedback"
#: a feedback file runs nothing and loads nothing, whatever a comment or an answer holds (all escaped as well)
POLICY = "default-src 'none'; style-src 'unsafe-inline'"
#: the words the pages show (marked here, outside the HTML templates, so the catalogs find them)
FEEDBACK_FOR_NAME = N_("Feedback for {name}")
CHECKED_ANSWERS = N_("Checked answers")
RIGHT = N_("right")
NOT_YET = N_("not yet")
EXPECTED_FORM = N_("expected: {form}")
QUESTION = N_("Question")
RESULT = N_("Result")
WHAT_WAS_ASKED = N_("What was asked")
NO_CHECKED_ANSWERS_HANDED_IN = N_("No checked answers handed in.")
POINTS_OF_POSSIBLE_POINTS = N_("{points} of {possible} points")
NOT_MARKED = N_("not marked")
POINTS_PT = N_("{points} pt")
CRITERION = N_("Criterion")
LEVEL = N_("Level")
WHAT_IT_MEANS = N_("What it means")
POINTS = N_("Points")
COMMENT = N_("Comment")
TOTALS = N_("Totals")
CHECKED_ANSWERS_POINTS_OF_POSSIBLE = N_("Checked answers: {points} of {possible}")
WRITTEN_TASKS_POINTS_OF_POSSIBLE = N_("Written tasks: {points} of {possible}")
TOTAL_POINTS = N_("Total: {points}")
FOR_A_BULK_UPLOAD = N_("for a bulk upload to {platform}: {file}")




CSS = """body{font-family:system-ui,sans-serif;max-width:48em;margin:1.5em auto;padding:0 1em;line-height:1.45;color:#111}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em} td,th{border:1px solid #999;padding:.35em;text-align:left;
vertical-align:top} .right{color:#1b5e20} .notyet{color:#8a3b00} blockquote{border-left:4px solid #0b4f8a;margin:.5em 0;
padding:.3em .8em;background:#f3f6fa;white-space:pre-wrap}"""


def typed_answers(out: Path) -> dict[str, dict[str, object]]:
    """{login: {qid: value}} as each hand-in's answer fields saved them (for the hints), when marking knows
    the hand-ins folder; empty otherwise (the feedback then says what a right answer looks like)."""
    record = Path(out) / FOLDER / SOURCE
    try:
        folder = Path(json.loads(record.read_text(encoding="utf-8"))["submissions"])
    except (OSError, ValueError, KeyError, TypeError):   # not marked yet, or a record that cannot be read
        return {}
    found: dict[str, dict[str, object]] = {}
    for row in csv_rows(Path(out) / "handins.csv"):
        try:
            sheets, _student = saved_answers(read_notebook(folder / row["file"]))
        except (OSError, ValueError):
            continue
        for values in sheets.values():
            found.setdefault(row["SIS Login ID"], {}).update(values)
    return found


def hint(qid: str, value) -> str:
    """The check's own message for a typed answer (a hint for a known mistake, or a band; never the value)."""
    key = (answer_key() or {}).get(qid)
    return evaluate(REGISTRY[qid], value, key)[1] if key is not None else ""


def feedback_html(row: dict, marks: dict[str, dict], typed: dict[str, object] | None = None,
                  titles: dict[str, str] | None = None) -> str:
    """One student's feedback page, in the language in use."""
    e = html.escape
    name = row.get("Student") or row.get("SIS Login ID", "")
    parts = [f"<h1>{e(_(FEEDBACK_FOR_NAME).format(name=name))}</h1>", f"<h2>{e(_(CHECKED_ANSWERS))}</h2>"]
    checks = []
    titles = exercise_titles() if titles is None else titles  # a class's feedback reads them once, not per student
    for qid, q in REGISTRY.items():
        value = row.get(qid, "")
        if value == "":
            continue
        right = float(value or 0) > 0
        said = hint(qid, (typed or {})[qid]) if not right and qid in (typed or {}) else ""
        state = (f"<span class='right'>{e(_(RIGHT))}</span>" if right
                 else f"<span class='notyet'>{e(_(NOT_YET))}</span> "
                      + (e(said) if said else f"({e(_(EXPECTED_FORM).format(form=_(q.what)))})"))
        # the exercise's number as the student's notebook heads it ("Exercise 2.1"), not the question's id
        shown = titles.get(qid, qid).split(":")[0]
        checks.append(f"<tr><td>{e(shown)}</td><td>{e(_(q.label))}</td><td>{state}</td></tr>")
    parts.append(f"<table><thead><tr><th>{e(_(QUESTION))}</th><th>{e(_(WHAT_WAS_ASKED))}</th><th>{e(_(RESULT))}</th>"
                 "</tr></thead>"
                 f"<tbody>{''.join(checks)}</tbody></table>" if checks else f"<p>{e(_(NO_CHECKED_ANSWERS_HANDED_IN))}</p>")
    levels = dict(course_docs.LEVELS)
    by_task: dict[str, list[dict]] = {}
    for r in course_docs.rubrics():
        by_task.setdefault(r["task"], []).append(r)
    written = possible = 0
    for task in written_tasks():
        mark = marks.get(task)
        if not mark:
            continue
        got, out_of = task_points(task, mark.get("levels") or {}), task_possible(task)
        written, possible = written + got, possible + out_of
        parts.append(f"<h2>{e(task_name(task))}: {e(_(POINTS_OF_POSSIBLE_POINTS).format(points=got, possible=out_of))}</h2>")
        rows = []
        for r in by_task.get(task, []):
            level = (mark.get("levels") or {}).get(r["criterion_id"])
            if level is None:
                rows.append(f"<tr><td>{e(r['criterion'])}</td><td colspan='3'>{e(_(NOT_MARKED))}</td></tr>")
                continue
            rows.append(f"<tr><td>{e(r['criterion'])}</td><td>{e(_(levels[int(level)]))}</td>"
                        f"<td>{e(r[f'level_{int(level)}'])}</td>"
                        f"<td>{e(_(POINTS_PT).format(points=course_docs.level_points(r['points'], int(level))))}</td></tr>")
        parts.append(f"<table><thead><tr><th>{e(_(CRITERION))}</th><th>{e(_(LEVEL))}</th><th>{e(_(WHAT_IT_MEANS))}</th>"
                     f"<th>{e(_(POINTS))}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
        if mark.get("comment", "").strip():
            parts.append(f"<p>{e(_(COMMENT))}:</p><blockquote>{e(mark['comment'])}</blockquote>")
    checks_total, checks_possible = row.get("Checks total") or "0", row.get("Checks possible") or "0"
    parts.append(f"<h2>{e(_(TOTALS))}</h2><ul><li>{e(_(CHECKED_ANSWERS_POINTS_OF_POSSIBLE).format(points=checks_total, possible=checks_possible))}</li>"
                 f"<li>{e(_(WRITTEN_TASKS_POINTS_OF_POSSIBLE).format(points=written, possible=possible))}</li>"
                 f"<li>{e(_(TOTAL_POINTS).format(points=number(float(checks_total) + written, 0 if float(checks_total).is_integer() else 1)))}</li></ul>")
    return (f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}"><title>{e(_(FEEDBACK_FOR_NAME).format(name=name))}'
            f"</title><style>{CSS}</style></head><body>{''.join(parts)}</body></html>")


def file_name(login: str) -> str:
    safe = "".join(ch for ch in login if ch.isalnum() or ch in "-_.@") or "student"
    return f"{safe}_feedback"


CANVAS_ZIP, MOODLE_ZIP = "upload_to_canvas.zip", "upload_to_moodle.zip"


def platform_names(out: Path) -> dict[str, dict[str, str]]:
    """{login: {"canvas": "lovelaceada_12_345_", "moodle": "Ada Lovelace_4242_assignsubmission_file_"}}: the
    prefix each platform's download gave a student's hand-ins (from handins.csv and attachments.csv), which its
    feedback importer reads back. A student handed in outside a platform's download has no entry for it."""
    found: dict[str, dict[str, str]] = {}
    for table in ("handins.csv", "attachments.csv"):
        for row in csv_rows(Path(out) / table):
            login, rel = row.get("SIS Login ID", ""), row.get("file", "")
            if not login or not rel:
                continue
            parts = Path(rel).parts
            names = found.setdefault(login, {})
            if len(parts) > 1 and MOODLE_FOLDER.match(parts[0]):
                names.setdefault("moodle", parts[0])
            canvas = CANVAS_FILE.match(Path(parts[-1]).stem) if len(parts) == 1 else None
            if canvas:
                handin = parse_name(parts)
                names.setdefault("canvas", f"{canvas['login']}_{handin.lms_id}_{canvas['submission']}_")
    return {login: names for login, names in found.items() if names}


def platform_zips(out: Path, files: dict[str, list[Path]]) -> list[Path]:
    """The Canvas and Moodle upload zips of the feedback files ``files`` ({login: [html, pdf]}), if any student
    handed in through that platform; written atomically, replacing an earlier run's."""
    names = platform_names(out)
    written = []
    for platform, target in (("canvas", CANVAS_ZIP), ("moodle", MOODLE_ZIP)):
        buffer = io.BytesIO()
        count = 0
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for login, paths in sorted(files.items()):
                prefix = names.get(login, {}).get(platform)
                if not prefix:
                    continue
                for path in paths:
                    inside = f"{prefix}feedback{path.suffix}" if platform == "canvas" else \
                        f"{prefix}/feedback{path.suffix}"
                    archive.writestr(inside, path.read_bytes())
                    count += 1
        target_path = Path(out) / FEEDBACK / target
        if count:
            written.append(atomic_write_bytes(target_path, buffer.getvalue()))
        elif target_path.is_file():
            target_path.unlink()          # no student of this run came from that platform: no stale zip
    return written


def write_feedback(out: Path, pdf: bool = False) -> list[Path]:
    """One feedback file per student of grades.csv (and the gradebook); returns the files written."""
    out = Path(out)
    _header, rows = class_grades(out)
    marks = read_marks(out)
    typed = typed_answers(out)
    folder = out / FEEDBACK
    folder.mkdir(exist_ok=True)
    written = [write_gradebook(out)]
    browser = None
    if pdf:
        from filmkit.classroom.handouts import chromium, print_pdf

        browser = chromium()
    per_student: dict[str, list[Path]] = {}
    titles = exercise_titles()
    for row in rows:
        login = row.get("SIS Login ID", "")
        if not login:
            continue
        target = folder / (file_name(login) + ".html")
        written.append(atomic_write_text(target, feedback_html(row, marks.get(login, {}), typed.get(login), titles)))
        per_student[login] = [target]
        if browser:
            with tempfile.TemporaryDirectory(prefix="filmkit-feedback-") as tmp:
                pdf_tmp = Path(tmp) / target.with_suffix(".pdf").name
                print_pdf(target, pdf_tmp, browser)
                written.append(atomic_write_bytes(target.with_suffix(".pdf"), pdf_tmp.read_bytes()))
                per_student[login].append(target.with_suffix(".pdf"))
    return written + platform_zips(out, per_student)


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="filmkit feedback", description=_(
        "Write one feedback file per student (checks, rubric levels, comments, totals) and the gradebook."))
    cli.add_argument("out", help=_("the folder filmkit grade wrote and filmkit mark marked in"))
    cli.add_argument("--pdf", action="store_true", help=_("also print each file to PDF with Chromium (offline)"))
    cli.add_argument("--submissions", type=Path, help=_(
        "the hand-ins folder that was graded, so a wrong checked answer gets its hint (not needed after filmkit mark)"))
    language_argument(cli)
    args = cli.parse_args(argv)
    out = Path(args.out)
    with speaking(args.lang):
        if not (out / "grades.csv").is_file():
            print(_("{folder} has no grades.csv: run filmkit grade first").format(folder=out), file=sys.stderr)
            return 2
        try:
            if args.submissions is not None:
                (out / FOLDER).mkdir(exist_ok=True)
                remember_submissions(out, args.submissions)
            files = write_feedback(out, pdf=args.pdf)
        except (OSError, RuntimeError) as problem:
            print(_("filmkit feedback: {reason}").format(reason=problem), file=sys.stderr)
            return 2
        count = len([f for f in files if f.parent.name == FEEDBACK and f.suffix == ".html"])
        print(ngettext("wrote {gradebook} and {count} feedback file in {folder}",
                       "wrote {gradebook} and {count} feedback files in {folder}", count).format(
            gradebook=out / GRADEBOOK, count=count, folder=out / FEEDBACK))
        for path in files:
            if path.name in (CANVAS_ZIP, MOODLE_ZIP):
                platform = "Canvas" if path.name == CANVAS_ZIP else "Moodle"
                print(_(FOR_A_BULK_UPLOAD).format(platform=platform, file=path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
