"""Grade a folder of handed-in exercise notebooks offline, with otter-grader, without Docker.

    filmkit grade SUBMISSIONS_DIR OUT [--lang es]

For every ``*.ipynb`` under SUBMISSIONS_DIR (one folder per student, or files named with the
student's id and the exercise's name, e.g. ``ada_01_the_eternaut_case.ipynb``):

1. the checked answers the student gave in answer fields are read from the notebook's saved
   outputs and put back before it runs (so an answer given without code counts);
2. otter-grader runs the notebook top to bottom in a fresh kernel and then runs the hidden
   tests, which hold the expected values the instructors' answer key computes now (printed
   text, a redefined ``check`` and the student's own feedback count for nothing);
3. the written answers (cells marked as answers) are collected.

OUT gets ``grades.csv`` (one row per student: points per question, per module and in total;
columns in :data:`COLUMNS`, a shape Canvas and Moodle import), ``written_answers.html`` (per
task, every student's answer under their id, with the task's rubric), ``rubrics_canvas.csv``
(the levelled rubrics in Canvas's rubric-import layout), ``not_graded.csv`` (files that could not
be read or run, with the reason) and ``autograder/`` (the otter configuration used).

``--lang`` (default: ``$FILMKIT_LANG``) writes the written-answers pack, the rubrics and the
messages in that language, with each task's prompt from that edition's exercises. Scores never
depend on it: the hidden tests come from the English sources and the key, a choice counts in
any language's wording, and the editions' notebooks have the same code cells and question ids,
so a class's hand-ins from any edition are graded alike. Questions and written answers are found
by their ids (cell metadata ``filmkit.answer``), never by the English text.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from filmkit.i18n import ENV, _, ngettext, number
from filmkit.model.files import atomic_write_text
from filmkit.tools import questions  # noqa: F401  (fills REGISTRY)
from filmkit.tools.project import project_root
from filmkit.tools.question import REGISTRY
from filmkit.classroom.release import edition_folder, language_argument, speaking
from filmkit.tools.selfcheck import answer_key, module_prefix
from filmkit.views.answers import saved_answers

#: the first columns of grades.csv: Canvas matches a row by "SIS Login ID" (or "ID"), Moodle by an
#: identifier column you choose at import (map it to "SIS Login ID"); the others are for people.
COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
TAIL = ["Checks total", "Checks possible", "Files", "Graded at"]
#: the placeholder of a written answer in the English learners' version (the editions' own are read from them)
PLACEHOLDER = "*Write your answer here.*"


class GradingError(RuntimeError):
    """Grading cannot start (no answer key, no submissions, an output folder in the way)."""


@dataclass
class Submission:
    path: Path
    student_id: str = ""
    student_name: str = ""
    module: str = ""                       # "m01"
    scores: dict[str, float] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    seconds: float = 0.0


def _literal(value) -> str:
    return json.dumps(value)


def _test_code(qid: str, expected, rel_tol: float) -> str:
    q = REGISTRY[qid]
    lines = [">>> import filmkit.tools.questions as _fk_questions",
             ">>> from filmkit.tools import question as _fk_q"]
    if q.kind == "number":
        e = float(expected)
        lines += [f">>> _fk_v = _fk_q.to_number({q.variable})",
                  f">>> _fk_v is not None and abs(_fk_v - {e!r}) <= max(1e-9, {rel_tol!r} * abs({e!r}))", "True"]
    elif q.kind == "set":
        items = sorted(str(v) for v in expected)
        lines += [f">>> sorted(_fk_q.to_items({q.variable}) or []) == {_literal(items)}", "True"]
    else:
        # a choice given by its label counts in the wording of any language, so no score depends on one
        lines += [">>> from filmkit.i18n import LANGUAGES as _fk_langs, use_language as _fk_language",
                  ">>> def _fk_choices(answer):",
                  "...     found = set()",
                  "...     for code in _fk_langs:",
                  "...         with _fk_language(code):",
                  f"...             found.add(str(_fk_q.to_choice(_fk_q.REGISTRY[{qid!r}], answer) or '').lower())",
                  "...     return found",
                  f">>> {_literal(str(expected).lower())} in _fk_choices({q.variable})", "True"]
    return "\n".join(lines)


def build_autograders(folder: Path) -> dict[str, Path]:
    """One otter configuration zip per module, with hidden tests holding the key's current values."""
    key = answer_key()
    if key is None:
        raise GradingError(_("the instructors' answer key (instructors/answer_key.py) is not here: grade from a full "
                             "copy of the kit, not from a student release."))
    zips = {}
    for prefix in sorted({qid[:3] for qid in REGISTRY}):
        path = folder / f"{prefix}.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("otter_config.json", json.dumps({"print_summary": False, "pdf": False}))
            for qid in sorted(q for q in REGISTRY if q.startswith(prefix)):
                test = {"name": qid, "points": REGISTRY[qid].points, "suites": [{
                    "cases": [{"code": _test_code(qid, key[qid].expected(), max(key[qid].rel_tol, 1e-9)),
                               "hidden": True, "locked": False, "points": REGISTRY[qid].points}],
                    "scored": True, "setup": "", "teardown": "", "type": "doctest"}]}
                z.writestr(f"tests/{qid}.py", "OK_FORMAT = True\n\ntest = " + repr(test) + "\n")
        zips[prefix] = path
    return zips


def _module_stems() -> dict[str, str]:
    folder = project_root() / "instructors" / "exercises"
    return {f"m{p.name[:2]}": p.stem for p in sorted(folder.glob("*.ipynb"))}


def identify(sub: Submission, root: Path, nb) -> None:
    """Module and student id: from the notebook's metadata and file name (or its folder)."""
    stems = _module_stems()
    sub.module = module_prefix(sub.path, nb) if nb.metadata.get("filmkit") else ""
    for prefix, stem in stems.items():
        if stem in sub.path.name:
            sub.module = sub.module or prefix
    rel = sub.path.relative_to(root)
    if len(rel.parts) > 1:
        sub.student_id = rel.parts[0]
    else:
        rest = sub.path.stem.replace(stems.get(sub.module, "\0"), "")
        sub.student_id = rest.strip("_-. ") or sub.student_name or sub.path.stem


def _prepare(nb, sub: Submission, folder: Path) -> Path:
    """A copy of the notebook that first puts back the answers its fields saved."""
    import nbformat

    answers, sub.student_name = saved_answers(nb)
    cells = [nbformat.v4.new_code_cell(
        "from filmkit.views.answers import restore as _fk_restore\n"
        + "".join(f"_fk_restore({sheet!r}, {values!r})\n" for sheet, values in answers.items() if sheet))]
    copy = nbformat.from_dict(json.loads(json.dumps(nb)))
    copy.cells = cells + copy.cells
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    target = folder / f"{sub.module}_{re.sub(r'[^A-Za-z0-9_-]+', '_', sub.student_id)}.ipynb"
    nbformat.write(copy, target)
    return target


def _answer_task(cell) -> str | None:
    """The task a cell answers (metadata ``filmkit.answer``), None for any other cell."""
    return (cell.metadata.get("filmkit") or {}).get("answer") if cell.cell_type == "markdown" else None


def placeholders() -> set[str]:
    """What an unanswered written answer holds, in every edition: the learners' versions' answer cells."""
    import nbformat

    found = {"", PLACEHOLDER}
    try:
        from filmkit.tools.exercises import student_answer_placeholders
    except ImportError:  # an exercise builder without it: the learners' versions below still give every edition's
        pass
    else:
        found |= {text.strip() for text in student_answer_placeholders()}
    for path in sorted((project_root() / "exercises").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            cells = nbformat.read(path, as_version=4).cells
        except Exception:  # noqa: BLE001 - an unreadable sheet only loses its placeholder
            continue
        found |= {cell.source.strip() for cell in cells if _answer_task(cell)}
    return found


def _written(nb, empty: set[str] | None = None) -> dict[str, str]:
    empty = {"", PLACEHOLDER} if empty is None else empty
    out = {}
    for cell in nb.cells:
        task = _answer_task(cell)
        if task:
            text = cell.source.strip()
            out[task] = "" if text in empty else text
    return out


#: Grade one prepared notebook with otter: ``result(copy, zip, qids)`` -> {"scores": ...} or {"error": ...}.
_GRADE_ONE = r"""
import contextlib, io, json, os, sys


def result(copy, zip_path, qids):
    out = {}
    try:
        from otter.api import grade_submission
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            results = grade_submission(copy, zip_path, quiet=True)
        if results.catastrophic_error is not None:
            out["error"] = type(results.catastrophic_error).__name__
        else:
            scores = {}
            for qid in qids:
                try:
                    scores[qid] = float(results.get_score(qid))
                except Exception:
                    scores[qid] = 0.0
            out["scores"] = scores
    except Exception as exc:
        out["error"], out["detail"] = type(exc).__name__, str(exc)[:120]
    return out
"""

#: Run in a child process per submission: otter's log server keeps a non-daemon thread that can spin
#: after a notebook kills its connection, which would keep the grading process from ever exiting.
_CHILD = _GRADE_ONE + r"""
out = result(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
sys.stdout.write("FILMKIT-GRADE " + json.dumps(out) + "\n")
sys.stdout.flush()
os._exit(0)
"""

#: On Linux one helper process imports otter once (about 3 s) and forks a fresh child per notebook: each
#: notebook is still graded in a process of its own, which ends with it, without paying for the import again.
_FORKING = _GRADE_ONE + r"""
import select, signal, time
import otter.api  # noqa: F401  (imported once, before any fork)

for line in sys.stdin:
    job = json.loads(line)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)  # nothing the notebook or its kernel prints can reach the helper's answers
        os.write(write, json.dumps(result(job["copy"], job["zip"], job["qids"])).encode())
        os._exit(0)
    os.close(write)
    data, deadline = b"", time.monotonic() + job["timeout"]
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            data = json.dumps({"timeout": True}).encode()
            break
        ready, _w, _x = select.select([read], [], [], min(left, 5))
        if ready:
            chunk = os.read(read, 65536)
            if not chunk:
                break
            data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    sys.stdout.write("FILMKIT-GRADE " + (data.decode() or json.dumps({"error": "the grader stopped"})) + "\n")
    sys.stdout.flush()
"""


class _Grader:
    """The otter runs of one grading session: a forking helper on Linux, else one process per notebook.

    The helper runs without ``$FILMKIT_LANG``: a notebook runs in the language it sets itself (an
    edition's first cell does), never in the grader's.
    """

    def __init__(self):
        import os
        import subprocess

        self.env = {k: v for k, v in os.environ.items() if k != ENV}
        self.helper = None
        if sys.platform.startswith("linux"):
            self.helper = subprocess.Popen([sys.executable, "-c", _FORKING], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=self.env)

    def run(self, copy: Path, zip_path: Path, qids: list[str], timeout: int = 900) -> dict:
        if self.helper is not None and self.helper.poll() is None:
            job = {"copy": str(copy), "zip": str(zip_path), "qids": qids, "timeout": timeout}
            line = ""
            try:
                self.helper.stdin.write(json.dumps(job) + "\n")
                self.helper.stdin.flush()
                while line := self.helper.stdout.readline():
                    if line.startswith("FILMKIT-GRADE "):
                        return _outcome(json.loads(line[len("FILMKIT-GRADE "):]), timeout)
            except (OSError, ValueError):
                pass
            self.close()  # the helper died: grade this and every later notebook the slow way
        return _otter_in_child(copy, zip_path, qids, timeout, self.env)

    def close(self) -> None:
        if self.helper is not None:
            try:
                self.helper.stdin.close()
                self.helper.wait(timeout=30)
            except Exception:  # noqa: BLE001 - a helper that will not stop is killed
                self.helper.kill()
            self.helper = None


def _outcome(outcome: dict, timeout: int) -> dict:
    if outcome.get("timeout"):
        minutes = timeout // 60
        return {"problem": ngettext("could not be run (it took more than {minutes} minute)",
                                    "could not be run (it took more than {minutes} minutes)",
                                    minutes).format(minutes=minutes)}
    if "error" in outcome and outcome.get("detail"):
        return {"problem": _("could not be run ({error}: {detail})").format(
            error=outcome["error"], detail=outcome["detail"])}
    if "error" in outcome:
        return {"problem": _("could not be run ({error})").format(error=outcome["error"])}
    return outcome


def _otter_in_child(copy: Path, zip_path: Path, qids: list[str], timeout: int = 900, env: dict | None = None) -> dict:
    """Grade one prepared notebook with otter in a fresh Python process; ``{"scores": ...}`` or ``{"problem": ...}``."""
    import os
    import subprocess

    env = env if env is not None else {k: v for k, v in os.environ.items() if k != ENV}
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(copy), str(zip_path), json.dumps(qids)],
                              capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return _outcome({"timeout": True}, timeout)
    for line in done.stdout.splitlines():
        if line.startswith("FILMKIT-GRADE "):
            return _outcome(json.loads(line[len("FILMKIT-GRADE "):]), timeout)
    return {"problem": _("could not be run (the grader stopped: {detail})").format(
        detail=done.stderr.strip()[-120:] or done.returncode)}


def grade_one(sub: Submission, root: Path, zips: dict[str, Path], work: Path, empty: set[str] | None = None,
              grader: _Grader | None = None) -> None:
    import nbformat

    start = time.perf_counter()
    try:
        nb = nbformat.read(sub.path, as_version=4)
    except Exception as exc:
        sub.problem = _("cannot be read as a notebook ({error}); ask the student to hand it in again").format(
            error=type(exc).__name__)
        return
    identify(sub, root, nb)
    if sub.module not in zips:
        sub.problem = _("not one of the kit's exercise notebooks (no module in its name or metadata)")
        return
    sub.written = _written(nb, empty)
    copy = _prepare(nb, sub, work)
    if not sub.student_id or sub.student_id == sub.path.stem:
        sub.student_id = sub.student_id or sub.student_name
    qids = sorted(q for q in REGISTRY if q.startswith(sub.module))
    outcome = grader.run(copy, zips[sub.module], qids) if grader else _otter_in_child(copy, zips[sub.module], qids)
    if "problem" in outcome:
        sub.problem = outcome["problem"]
        return
    sub.scores.update(outcome["scores"])
    sub.seconds = time.perf_counter() - start


def find_submissions(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def grades_rows(subs: list[Submission]) -> tuple[list[str], list[dict]]:
    qids = sorted(REGISTRY)
    modules = sorted({q[:3] for q in qids})
    header = COLUMNS + qids + [f"Module {int(m[1:])} checks" for m in modules] + TAIL
    stamp = datetime.now().isoformat(timespec="minutes")
    by_student: dict[str, list[Submission]] = {}
    for sub in subs:
        if not sub.problem:
            by_student.setdefault(sub.student_id, []).append(sub)
    rows = []
    for student, items in sorted(by_student.items()):
        row = dict.fromkeys(header, "")
        row["Student"] = next((s.student_name for s in items if s.student_name), student)
        row["SIS Login ID"] = student
        possible = 0
        for sub in items:
            for qid, score in sub.scores.items():
                row[qid] = f"{score:g}"
            row[f"Module {int(sub.module[1:])} checks"] = f"{sum(sub.scores.values()):g}"
            possible += sum(REGISTRY[q].points for q in sub.scores)
        row["Checks total"] = f"{sum(sum(s.scores.values()) for s in items):g}"
        row["Checks possible"] = str(possible)
        row["Files"] = "; ".join(s.path.name for s in items)
        row["Graded at"] = stamp
        rows.append(row)
    return header, rows


def _csv_text(header: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def task_prompts(nb) -> dict[str, tuple[str, str]]:
    """{task: (title, prompt)} of an exercise notebook in any language.

    A task is found by its answer cell (metadata ``filmkit.answer``); its prompt is the last heading
    cell before it. The title is the heading without "Exercise 1.4:" (however the edition words it).
    """
    prompts = {}
    heading = None
    for cell in nb.cells:
        task = _answer_task(cell)
        if task:
            if heading is not None and task not in prompts:
                first, _sep, body = heading.source.strip().partition("\n")
                first = first.lstrip("#").strip()
                title = re.sub(rf"^[^:]*?\b{re.escape(task)}\s*:\s*", "", first, count=1)
                prompts[task] = (title, body.strip())
        elif cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            heading = cell
    return prompts


def _task_titles(lang: str = "en") -> dict[str, tuple[str, str]]:
    """Every task's (title, prompt), from the exercises of the edition ``lang`` (English where it has none)."""
    import nbformat

    titles: dict[str, tuple[str, str]] = {}
    root = project_root()
    for folder in dict.fromkeys([edition_folder(root, "exercises", lang), root / "exercises"]):
        for path in sorted(folder.glob("*.ipynb")):
            try:
                found = task_prompts(nbformat.read(path, as_version=4))
            except Exception:  # noqa: BLE001 - a sheet that cannot be read only loses its prompts
                continue
            for task, prompt in found.items():
                titles.setdefault(task, prompt)
    return titles


def _inline_markdown(text: str) -> str:
    """Escape ``text`` and render the inline Markdown a prompt uses: **bold**, *emphasis* and `code`."""
    out = html.escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def _score(value: float) -> str:
    """A score as ``:g`` writes it (``1``, ``1.5``), in the reader's number format."""
    text = f"{value:g}"
    digits = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return number(value, digits)


def written_pack(subs: list[Submission], lang: str | None = None) -> str:
    """One HTML page: per task, the prompt, its rubric, and every student's answer under their id.

    In the language ``lang`` (default: the language in use), with the prompts of that edition's exercises.
    """
    from filmkit.tools import course_docs

    with speaking(lang) as shown_in:
        titles = _task_titles(shown_in)
        rubrics = course_docs.rubrics_by_task()
        tasks = sorted({t for s in subs for t in s.written}, key=lambda t: tuple(int(x) for x in t.split(".")))
        e = html.escape
        students = len({s.student_id for s in subs if not s.problem})
        title, h1, nav, none = _("Written answers"), _("Written answers, by task"), _("Tasks"), _("(no answer written)")
        links = "".join('<a href="#task-{id}">{text}</a>'.format(id=e(t), text=e(_("Exercise {task}").format(task=t)))
                        for t in tasks)
        parts = ["<!DOCTYPE html>", f'<html lang="{e(shown_in)}"><head><meta charset="utf-8">',
                 f"<title>{e(title)}</title>", "<style>",
                 "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;"
                 "color:#1a1a1a;line-height:1.45}h2{border-top:3px solid #0072B2;padding-top:.6rem;margin-top:2.2rem}"
                 ".prompt{background:#f3f3f3;padding:.6rem .8rem}.answer{border-left:4px solid #009E73;"
                 "padding:.2rem .8rem;margin:.4rem 0 1.2rem;white-space:pre-wrap}.empty{border-left-color:#D55E00;"
                 "font-style:italic}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}"
                 "td,th{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}"
                 "nav a{margin-right:.8rem}", "</style></head><body>",
                 f"<h1>{e(h1)}</h1>",
                 "<p>" + e(ngettext("{count} student; generated {when}. Mark each answer with the task's rubric; "
                                    "students are listed by the id in their file name.",
                                    "{count} students; generated {when}. Mark each answer with the task's rubric; "
                                    "students are listed by the id in their file name.", students).format(
                     count=number(students), when=datetime.now().isoformat(timespec="minutes"))) + "</p>",
                 f'<nav aria-label="{e(nav)}">{links}</nav>']
        for task in tasks:
            name, body = titles.get(task, ("", ""))
            heading = _("Exercise {task}: {title}").format(task=task, title=name) if name else \
                _("Exercise {task}").format(task=task)
            parts.append(f'<section id="task-{e(task)}"><h2>{e(heading)}</h2>')
            if body:
                parts.append(f'<div class="prompt">{_inline_markdown(body)}</div>')
            if task in rubrics:
                parts.append(rubrics[task])
            for sub in sorted((s for s in subs if task in s.written and not s.problem), key=lambda s: s.student_id):
                text = sub.written[task]
                named = sub.student_name and sub.student_name != sub.student_id
                who = _("{id} ({name})").format(id=sub.student_id, name=sub.student_name) if named else sub.student_id
                parts.append(f"<h3>{e(who)}</h3>")
                parts.append(f'<div class="answer">{e(text)}</div>' if text else
                             f'<div class="answer empty">{e(none)}</div>')
            parts.append("</section>")
        parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def grade(submissions: Path, out: Path, echo=print, lang: str | None = None) -> list[Submission]:
    """Grade every notebook under ``submissions`` into ``out``; the pack and messages in ``lang`` (scores never)."""
    with speaking(lang):
        return _grade(Path(submissions).resolve(), Path(out).resolve(), echo)


def _grade(submissions: Path, out: Path, echo) -> list[Submission]:
    if not submissions.is_dir():
        raise GradingError(_("{folder}: no such folder of submissions.").format(folder=submissions))
    paths = find_submissions(submissions)
    if not paths:
        raise GradingError(_("{folder}: no notebooks (.ipynb) in this folder or below it.").format(folder=submissions))
    if out.exists() and any(out.iterdir()):
        raise GradingError(_("{folder} exists and is not empty: choose a new folder, so earlier grades are never "
                             "replaced.").format(folder=out))
    (out / "autograder").mkdir(parents=True, exist_ok=True)
    zips = build_autograders(out / "autograder")
    empty = placeholders()
    subs = []
    grader = _Grader()
    with tempfile.TemporaryDirectory(prefix="filmkit-grade-") as work, contextlib.closing(grader):
        for path in paths:
            sub = Submission(path)
            try:
                grade_one(sub, submissions, zips, Path(work), empty, grader)
            except Exception as exc:  # one bad notebook never stops the others
                sub.problem = sub.problem or _("could not be graded ({error}: {detail})").format(
                    error=type(exc).__name__, detail=str(exc)[:120])
            subs.append(sub)
            where = path.relative_to(submissions)
            if sub.problem:
                echo(_("{file}: NOT GRADED: {problem}").format(file=where, problem=sub.problem))
            else:
                echo(_("{file}: {student}, {module}: {score} of {checks} ({seconds} s)").format(
                    file=where, student=sub.student_id or path.name, module=sub.module,
                    score=_score(sum(sub.scores.values())), checks=number(len(sub.scores)),
                    seconds=number(sub.seconds, 1)))
    from filmkit.tools import course_docs

    header, rows = grades_rows(subs)
    atomic_write_text(out / "grades.csv", _csv_text(header, rows))
    atomic_write_text(out / "written_answers.html", written_pack(subs))
    atomic_write_text(out / "rubrics_canvas.csv", course_docs.rubrics_canvas_csv())
    bad = [{"file": str(s.path.relative_to(submissions)), "reason": s.problem} for s in subs if s.problem]
    atomic_write_text(out / "not_graded.csv", _csv_text(["file", "reason"], bad))
    return subs


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit grade", description=_(
        "Grade a folder of exercise notebooks offline with otter-grader: grades.csv, written_answers.html, "
        "rubrics_canvas.csv."))
    cli.add_argument("submissions", help=_("folder of handed-in notebooks (one folder per student, or "
                                           "ID_NOTEBOOK.ipynb)"))
    cli.add_argument("out", help=_("new folder for the results (never an existing, non-empty one)"))
    language_argument(cli, help_text=_("the language of the written-answers pack, the rubrics and the messages: "
                                       "en, es or fr (default: $FILMKIT_LANG, else en); scores never depend on it"))
    args = cli.parse_args(argv)
    with speaking(args.lang):
        return _main(args)


def _main(args) -> int:
    try:
        import otter  # noqa: F401
    except ImportError:
        print(_("filmkit grade needs otter-grader: {command}").format(
            command='python -m pip install "otter-grader>=7,<8"'), file=sys.stderr)
        return 2
    start = time.perf_counter()
    out = Path(args.out)
    try:
        subs = grade(Path(args.submissions), out)
    except GradingError as exc:
        print(_("filmkit grade: {error}").format(error=exc), file=sys.stderr)
        return 1
    bad = [s for s in subs if s.problem]
    graded = len(subs) - len(bad)
    print(ngettext("graded {count} notebook in {seconds} s; wrote {grades} and {written}",
                   "graded {count} notebooks in {seconds} s; wrote {grades} and {written}", graded).format(
        count=number(graded), seconds=number(time.perf_counter() - start), grades=out / "grades.csv",
        written=out / "written_answers.html"))
    if bad:
        print(ngettext("{count} notebook NOT graded (listed in {listing}):",
                       "{count} notebooks NOT graded (listed in {listing}):", len(bad)).format(
            count=number(len(bad)), listing=out / "not_graded.csv"))
        for s in bad:
            print("  " + _("{file}: {problem}").format(file=s.path.name, problem=s.problem))
    return 0


if __name__ == "__main__":
    sys.exit(main())
