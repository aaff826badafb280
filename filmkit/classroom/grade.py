"""Grade a folder of handed-in exercise notebooks offline, reading answers as data.

    filmkit grade SUBMISSIONS_DIR OUT [--roster FILE] [--lang es] [--time-limit 60] [--force]

Every file under SUBMISSIONS_DIR lands in exactly one place (:mod:`.grading.collect`): a notebook
is graded, or listed as not graded with the reason; a document is listed as an attachment. Then:

1. each checked answer is read as data from the records the answer fields saved (in the
   notebook's outputs and in ``SHEET.answers.json``) or from a plain value assigned in code, and
   compared with the instructors' key in this process (:mod:`.grading.records`): no student code
   runs for it, and no verdict a hand-in claims counts;
2. an answer computed by code is read by running the notebook in a sandbox
   (:mod:`.grading.sandbox`: bubblewrap, no network, no key, nothing else readable or writable,
   limits and a wall-time kill); its values are then graded like typed answers;
3. the written answers (cells marked as answers) are collected as text.

OUT gets ``grades.csv`` (one row per student: points per question, per module and in total;
columns in :data:`COLUMNS` and :data:`TAIL`, a shape Canvas and Moodle import), ``handins.csv``
(every graded notebook with its notes), ``not_graded.csv`` and ``attachments.csv`` (every other
file, with the reason or the student), ``written_answers.html`` (per task, every answer, with the
rubric), ``integrity.html`` (hand-ins that look copied) and ``rubrics_canvas.csv``. Grading writes
nothing outside OUT, never changes a hand-in, and refuses an OUT holding files it did not write
(or changed since) unless ``--force``. Every CSV cell a person typed is neutralised
(:mod:`filmkit.model.safe_csv`).

``--lang`` writes the pack, the rubrics and the messages in that language; scores never depend on
it (a number is read as the notebook's own edition writes numbers, a choice in any language).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from filmkit.classroom.grading import collect, integrity, sandbox, written
from filmkit.classroom.grading.collect import Submission, module_questions
from filmkit.classroom.grading.records import Answer, Marker, check_value, code_answers, field_answers, file_answers
from filmkit.classroom.grading.roster import Roster, RosterError, parse_name, read_roster
from filmkit.classroom.grading.written import (  # noqa: F401  (the pack's helpers, used by the editions' tests)
    PLACEHOLDER,
    placeholders,
    task_prompts,
    written_answers,
    written_pack,
)
from filmkit.classroom.release import language_argument, number_between, speaking
from filmkit.i18n import _, language, ngettext, number
from filmkit.model.files import atomic_write_text, os_reason
from filmkit.model.safe_csv import csv_text
from filmkit.tools.question import REGISTRY
from filmkit.tools.selfcheck import answer_key

#: the first columns of grades.csv: Canvas matches a row by "SIS Login ID" (or "ID"), Moodle by an
#: identifier column you choose at import (map it to "SIS Login ID"); the others are for people.
COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
TAIL = ["Checks total", "Checks possible", "Late", "Files", "Graded at"]
#: the record of what grading wrote in OUT (name and hash of each file), so a re-run may replace only those
MANIFEST = ".filmkit-grade.json"
OUTPUTS = ["grades.csv", "handins.csv", "not_graded.csv", "attachments.csv", "written_answers.html",
           "integrity.html", "rubrics_canvas.csv"]


class GradingError(RuntimeError):
    """Grading cannot start (no answer key, no submissions, an output folder in the way)."""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_out(submissions: Path, out: Path, force: bool) -> None:
    if out == submissions or submissions in out.parents or out in submissions.parents:
        raise GradingError(_("{out}: the results folder must be outside the submissions folder (and not hold "
                             "it): choose another folder.").format(out=out))
    if out.exists() and not out.is_dir():
        raise GradingError(_("{out} is a file: choose a new folder for the results.").format(out=out))
    if not out.exists():
        _check_can_make(out)
    if not out.exists() or force:
        return
    try:
        ours = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        ours = {}
    foreign = sorted(p.name for p in out.iterdir() if p.name != MANIFEST and not (
        p.is_file() and not p.is_symlink() and ours.get(p.name) == _digest(p)))
    if foreign:
        raise GradingError(_("{folder} exists and is not empty: it holds files grading did not write, or changed "
                             "since ({files}). Choose a new folder, or add --force to write beside them.").format(
            folder=out, files=", ".join(foreign[:5])))


def _check_can_make(out: Path) -> None:
    """Refuse, before any work, a results folder that cannot be made: under a file, or in a read-only place."""
    parent = next((p for p in out.absolute().parents if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise GradingError(_("{out}: {parent} is a file, so no folder can be made in it: choose another folder for "
                             "the results.").format(out=out, parent=parent))
    if parent is not None and not os.access(parent, os.W_OK):
        raise GradingError(_("{out}: {parent} cannot be written to (read-only): choose a folder you may write to "
                             "for the results.").format(out=out, parent=parent))


def _read_answers(sub: Submission, stems: dict[str, str]) -> tuple[dict[str, Answer], dict[str, str], list[str]]:
    """(answers read as data, why a record was refused, questions answered by code that must run) of a hand-in."""
    qids = module_questions(sub.module)
    sheet = stems[sub.module]
    answers, sub.typed_name, problems = field_answers(sub.nb, sheet, set(qids))
    if sub.sidecar is not None:
        try:
            data = json.loads(sub.sidecar.read_text(encoding="utf-8")) if sub.sidecar.stat().st_size < 1 << 20 else {}
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            data = {}
            sub.notes.append(_("{file} could not be read; the notebook's own records were graded").format(
                file=sub.sidecar.name))
        saved, refused = file_answers(data, sheet, set(qids))
        for qid, answer in saved.items():   # the answer saved last counts; the notebook's on a tie
            if qid not in answers or answer.saved > answers[qid].saved:
                answers[qid] = answer
                problems.pop(qid, None)
        for qid, why in refused.items():
            if qid not in answers:
                problems.setdefault(qid, why)
    literals, computed = code_answers(sub.nb, qids)
    answers.update(literals)
    return answers, problems, computed


def _run_code(sub: Submission, answers: dict[str, Answer], computed: list[str], stems: dict[str, str], work: Path,
              seconds: float) -> tuple[dict, str]:
    """The values the hand-in's code computes for ``computed``, from the sandbox (run in a thread of its own)."""
    restored = {stems[sub.module]: {q: a.value for q, a in answers.items()}}
    try:
        return sandbox.run(sub.path, {q: REGISTRY[q].variable for q in computed}, restored, work, seconds)
    except sandbox.SandboxUnavailable as exc:
        return {}, str(exc)


def _score(sub: Submission, marker: Marker, answers: dict[str, Answer], problems: dict[str, str],
           computed: list[str], ran: tuple[dict, str]) -> None:
    values, why = ran
    if why:
        sub.notes.append(_("answers computed in code ({questions}): {reason}").format(
            questions=", ".join(computed), reason=why))
    for qid in computed:
        if values.get(qid) is not None and not check_value(qid, values[qid]):
            answers[qid] = Answer(values[qid], "sandbox")
    for qid in module_questions(sub.module):
        sub.scores[qid] = marker.score(qid, answers[qid].value, sub.language) if qid in answers else 0.0
        if qid not in answers and qid in problems:
            sub.notes.append(_("{qid}: not answered: {reason}").format(qid=qid, reason=problems[qid]))
    sub.answers = answers


def _grade_all(subs: list[Submission], marker: Marker, stems: dict[str, str], work: Path, seconds: float) -> None:
    """Read every hand-in's answers, run the code of those that computed some (in sandboxes, side by side), score."""
    read = {}
    for sub in subs:
        try:
            read[id(sub)] = _read_answers(sub, stems)
        except Exception as exc:  # noqa: BLE001 - one bad notebook never stops the others
            sub.problem = _("could not be graded ({error}: {detail})").format(
                error=type(exc).__name__, detail=str(exc)[:120])
    to_run = [s for s in subs if id(s) in read and read[id(s)][2]]
    if to_run:
        sandbox.problem()   # probed once, before the runs share it
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:   # each run is a process
        runs = {id(s): pool.submit(_run_code, s, read[id(s)][0], read[id(s)][2], stems, work, seconds) for s in to_run}
    for sub in subs:
        if id(sub) in read:
            answers, problems, computed = read[id(sub)]
            ran = runs[id(sub)].result() if id(sub) in runs else ({}, "")
            try:
                _score(sub, marker, answers, problems, computed, ran)
            except Exception as exc:  # noqa: BLE001 - one bad notebook never stops the others
                sub.problem = _("could not be graded ({error}: {detail})").format(
                    error=type(exc).__name__, detail=str(exc)[:120])


def grades_rows(subs: list[Submission], roster: Roster | None) -> tuple[list[str], list[dict]]:
    qids = sorted(REGISTRY)
    modules = sorted({q[:3] for q in qids})
    header = COLUMNS + qids + [f"Module {int(m[1:])} checks" for m in modules] + TAIL
    stamp = datetime.now().isoformat(timespec="minutes")
    counted: dict[str, list[Submission]] = {}
    for sub in subs:
        if not sub.problem:
            counted.setdefault(sub.student_id, []).append(sub)
    people = {s.login: s for s in roster.students} if roster else {}
    rows = []
    for student in sorted(set(counted) | set(people)):
        items = sorted(counted.get(student, []), key=lambda s: s.module)
        row = dict.fromkeys(header, "")
        person = people.get(student)
        row["Student"] = person.name if person else student
        row["SIS Login ID"] = student
        if person:
            row["ID"], row["SIS User ID"], row["Section"] = person.lms_id, person.sis_user_id, person.section
        row["ID"] = row["ID"] or next((parse_name(Path(s.rel).parts).lms_id for s in items), "")
        for sub in items:
            for qid, score in sub.scores.items():
                row[qid] = f"{score:g}"
            row[f"Module {int(sub.module[1:])} checks"] = f"{sum(sub.scores.values()):g}"
        row["Checks total"] = f"{sum(sum(s.scores.values()) for s in items):g}"
        row["Checks possible"] = str(sum(REGISTRY[q].points for s in items for q in s.scores))
        row["Late"] = "; ".join(f"Module {int(s.module[1:])}" for s in items if s.late)
        row["Files"] = "; ".join(s.rel for s in items)
        row["Graded at"] = stamp
        rows.append(row)
    return header, rows


def grade(submissions: Path, out: Path, echo=print, lang: str | None = None, roster: Roster | str | Path | None = None,
          seconds: float = sandbox.WALL_SECONDS, force: bool = False) -> list[Submission]:
    """Grade every file under ``submissions`` into ``out``; the pack and messages in ``lang`` (scores never)."""
    if roster is not None and not isinstance(roster, Roster):
        try:
            roster = read_roster(roster)
        except RosterError as exc:
            raise GradingError(str(exc)) from None
    with speaking(lang):
        if Path(out).is_symlink() and not Path(out).exists():  # resolve() would follow it and write where it points
            raise GradingError(_("{out} is a link to a place that does not exist: choose a new folder for the "
                                 "results.").format(out=out))
        return _grade(Path(submissions).resolve(), Path(out).resolve(), echo, roster, seconds, force)


def _grade(submissions: Path, out: Path, echo, roster: Roster | None, seconds: float, force: bool) -> list[Submission]:
    if not submissions.is_dir():
        raise GradingError(_("{folder}: no such folder of submissions.").format(folder=submissions))
    found = collect.walk(submissions)
    if not found.notebooks:
        raise GradingError(_("{folder}: no notebooks (.ipynb) in this folder or below it.").format(folder=submissions))
    _check_out(submissions, out, force)
    key = answer_key()
    if key is None:
        raise GradingError(_("the instructors' answer key (instructors/answer_key.py) is not here: grade from a full "
                             "copy of the kit, not from a student release."))
    marker, stems, empty = Marker(key), collect.module_stems(), placeholders()
    for sub in found.notebooks:
        handin = parse_name(Path(sub.rel).parts)
        sub.nb = collect.read(sub)
        if sub.nb is not None:
            collect.identify(sub, sub.nb, stems, handin)
            if sub.module:
                sub.written = written_answers(sub.nb, empty)
        collect.student_of(sub, handin, stems, roster)
    collect.pair_sidecars(found, stems)
    for sub in found.notebooks:   # written answers typed in text boxes are saved in the answers file too
        if sub.sidecar is not None and sub.module and sub.nb is not None:
            sub.written = written.with_sidecar(sub.written, sub.sidecar, stems[sub.module])
    collect.latest_counts(found.notebooks)
    out.mkdir(parents=True, exist_ok=True)
    work = out / ".work"
    work.mkdir(exist_ok=True)
    try:
        _grade_all([s for s in found.notebooks if not s.problem], marker, stems, work, seconds)
        for sub in found.notebooks:
            _echo(echo, sub)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _write(out, found, roster)
    return found.notebooks


def _echo(echo, sub: Submission) -> None:
    if sub.problem:
        echo(_("{file}: NOT GRADED: {problem}").format(file=sub.rel, problem=sub.problem))
        return
    echo(_("{file}: {student}, {module}: {score} of {checks}").format(
        file=sub.rel, student=sub.student_id, module=sub.module, score=written._score(sum(sub.scores.values())),
        checks=number(len(sub.scores))))
    for note in sub.notes:
        echo("  " + note)


def _write(out: Path, found: collect.Folder, roster: Roster | None) -> None:
    from filmkit.tools import course_docs

    subs = found.notebooks
    header, rows = grades_rows(subs, roster)
    ids = {s.student_id for s in subs} | {s.login for s in (roster.students if roster else [])}
    not_graded = list(found.not_graded)
    for sub in subs:
        if sub.problem:
            not_graded.append((sub.rel, sub.problem))
            if sub.sidecar is not None:
                not_graded.append((str(Path(sub.rel).parent / sub.sidecar.name),
                                   _("the answers file of {file}, which is not graded").format(file=sub.rel)))
    graded = [s for s in subs if not s.problem]
    files = {
        "grades.csv": csv_text(header, rows),
        "handins.csv": csv_text(
            ["file", "SIS Login ID", "module", "checks", "possible", "late", "answers file", "notes"],
            [[s.rel, s.student_id, s.module, f"{sum(s.scores.values()):g}",
              str(sum(REGISTRY[q].points for q in s.scores)), "yes" if s.late else "",
              str(Path(s.rel).parent / s.sidecar.name) if s.sidecar else "", " | ".join(s.notes)] for s in graded]),
        "not_graded.csv": csv_text(["file", "reason"], sorted(not_graded)),
        "attachments.csv": csv_text(["file", "SIS Login ID"], [
            [rel, collect.attachment_owner(rel, ids, roster)] for rel, _who in found.attachments]),
        "written_answers.html": written_pack(subs),
        "integrity.html": integrity.report(integrity.findings(
            graded, [s for s in subs if s.wrong_module]), language()),
        "rubrics_canvas.csv": course_docs.rubrics_canvas_csv(),
    }
    for name, text in files.items():
        atomic_write_text(out / name, text)
    digests = {name: _digest(out / name) for name in files}
    atomic_write_text(out / MANIFEST, json.dumps({"files": digests}, indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit grade", description=_(
        "Grade a folder of exercise notebooks offline, reading the answers as data: grades.csv, "
        "written_answers.html, integrity.html."))
    cli.add_argument("submissions", help=_("folder of handed-in notebooks (one folder per student, or "
                                           "ID_NOTEBOOK.ipynb, or a Canvas or Moodle bulk download)"))
    cli.add_argument("out", help=_("folder for the results: a new one, or one an earlier grading wrote (a folder "
                                   "holding other files only with --force)"))
    cli.add_argument("--roster", metavar="FILE", help=_("the class list: a Canvas or Moodle export, or a CSV of "
                                                        "login,name; names in the grades come from it"))
    cli.add_argument("--time-limit", type=number_between(1, 86_400), default=sandbox.WALL_SECONDS, metavar="SECONDS",
                     help=_("wall-time limit of one notebook's run in the sandbox (default: {seconds})").format(
                         seconds=sandbox.WALL_SECONDS))
    cli.add_argument("--force", action="store_true",
                     help=_("write into OUT even if it holds files grading did not write (they are left alone)"))
    language_argument(cli, help_text=_("the language of the written-answers pack, the rubrics and the messages: "
                                       "en, es or fr (default: $FILMKIT_LANG, else en); scores never depend on it"))
    args = cli.parse_args(argv)
    with speaking(args.lang):
        return _main(args)


def _main(args) -> int:
    start = time.perf_counter()
    out = Path(args.out)
    try:
        subs = grade(Path(args.submissions), out, roster=args.roster, seconds=max(1.0, args.time_limit),
                     force=args.force)
    except GradingError as exc:
        print(_("filmkit grade: {error}").format(error=exc), file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a file that became unreadable while grading
        print(_("filmkit grade: could not read or write a file ({reason}). Free some space, or choose a results "
                "folder you may write to, then run the command again.").format(reason=os_reason(exc)),
              file=sys.stderr)
        return 1
    bad = [s for s in subs if s.problem]
    graded = len(subs) - len(bad)
    print(ngettext("graded {count} notebook in {seconds} s; wrote {grades} and {written}",
                   "graded {count} notebooks in {seconds} s; wrote {grades} and {written}", graded).format(
        count=number(graded), seconds=number(time.perf_counter() - start), grades=out / "grades.csv",
        written=out / "written_answers.html"))
    if not args.roster:
        print(_("No roster: students are named by the ids in their file and folder names (add --roster FILE to "
                "use your class list)."))
    if bad:
        print(ngettext("{count} notebook NOT graded (listed in {listing}):",
                       "{count} notebooks NOT graded (listed in {listing}):", len(bad)).format(
            count=number(len(bad)), listing=out / "not_graded.csv"))
        for s in bad:
            print("  " + _("{file}: {problem}").format(file=s.rel, problem=s.problem))
    return 0

if __name__ == "__main__":
    sys.exit(main())
