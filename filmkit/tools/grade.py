"""Grade a folder of handed-in exercise notebooks offline, with otter-grader, without Docker.

    filmkit grade SUBMISSIONS_DIR OUT

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
"""

from __future__ import annotations

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

from filmkit.model.files import atomic_write_text
from filmkit.tools import questions  # noqa: F401  (fills REGISTRY)
from filmkit.tools.project import project_root
from filmkit.tools.question import REGISTRY
from filmkit.tools.selfcheck import answer_key, module_prefix
from filmkit.views.answers import saved_answers

#: the first columns of grades.csv: Canvas matches a row by "SIS Login ID" (or "ID"), Moodle by an
#: identifier column you choose at import (map it to "SIS Login ID"); the others are for people.
COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
TAIL = ["Checks total", "Checks possible", "Files", "Graded at"]


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
        lines += [f">>> str(_fk_q.to_choice(_fk_q.REGISTRY[{qid!r}], {q.variable}) or '').lower() == "
                  f"{_literal(str(expected).lower())}", "True"]
    return "\n".join(lines)


def build_autograders(folder: Path) -> dict[str, Path]:
    """One otter configuration zip per module, with hidden tests holding the key's current values."""
    key = answer_key()
    if key is None:
        raise GradingError("the instructors' answer key (instructors/answer_key.py) is not here: grade from a full "
                           "copy of the kit, not from a student release.")
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


def _written(nb) -> dict[str, str]:
    out = {}
    for cell in nb.cells:
        task = (cell.metadata.get("filmkit") or {}).get("answer") if cell.cell_type == "markdown" else None
        if task:
            text = cell.source.strip()
            out[task] = "" if text in ("", "*Write your answer here.*") else text
    return out


#: Run in a child process per submission: otter's log server keeps a non-daemon thread that can spin
#: after a notebook kills its connection, which would keep the grading process from ever exiting.
_CHILD = r"""
import contextlib, io, json, os, sys
copy, zip_path, qids = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
out = {}
try:
    from otter.api import grade_submission
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        results = grade_submission(copy, zip_path, quiet=True)
    if results.catastrophic_error is not None:
        out["problem"] = f"could not be run ({type(results.catastrophic_error).__name__})"
    else:
        scores = {}
        for qid in qids:
            try:
                scores[qid] = float(results.get_score(qid))
            except Exception:
                scores[qid] = 0.0
        out["scores"] = scores
except Exception as exc:
    out["problem"] = f"could not be run ({type(exc).__name__}: {str(exc)[:120]})"
sys.stdout.write("FILMKIT-GRADE " + json.dumps(out) + "\n")
sys.stdout.flush()
os._exit(0)
"""


def _otter_in_child(copy: Path, zip_path: Path, qids: list[str], timeout: int = 900) -> dict:
    """Grade one prepared notebook with otter in a fresh Python process; ``{"scores": ...}`` or ``{"problem": ...}``."""
    import subprocess

    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(copy), str(zip_path), json.dumps(qids)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"problem": f"could not be run (it took more than {timeout // 60} minutes)"}
    for line in done.stdout.splitlines():
        if line.startswith("FILMKIT-GRADE "):
            return json.loads(line[len("FILMKIT-GRADE "):])
    return {"problem": f"could not be run (the grader stopped: {done.stderr.strip()[-120:] or done.returncode})"}


def grade_one(sub: Submission, root: Path, zips: dict[str, Path], work: Path) -> None:
    import nbformat

    start = time.perf_counter()
    try:
        nb = nbformat.read(sub.path, as_version=4)
    except Exception as exc:
        sub.problem = f"cannot be read as a notebook ({type(exc).__name__}); ask the student to hand it in again"
        return
    identify(sub, root, nb)
    if sub.module not in zips:
        sub.problem = "not one of the kit's exercise notebooks (no module in its name or metadata)"
        return
    sub.written = _written(nb)
    copy = _prepare(nb, sub, work)
    if not sub.student_id or sub.student_id == sub.path.stem:
        sub.student_id = sub.student_id or sub.student_name
    qids = sorted(q for q in REGISTRY if q.startswith(sub.module))
    outcome = _otter_in_child(copy, zips[sub.module], qids)
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


def _task_titles() -> dict[str, str]:
    import nbformat

    titles = {}
    for path in sorted((project_root() / "exercises").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            found = re.match(r"##\s+Exercise\s+(\d+\.\d+):\s*(.*)", cell.source)
            if found:
                body = cell.source.split("\n", 1)[1].strip() if "\n" in cell.source else ""
                titles[found.group(1)] = (found.group(2).strip(), body)
    return titles


def _inline_markdown(text: str) -> str:
    """Escape ``text`` and render the inline Markdown a prompt uses: **bold**, *emphasis* and `code`."""
    out = html.escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def written_pack(subs: list[Submission]) -> str:
    """One HTML page: per task, the prompt, its rubric, and every student's answer under their id."""
    from filmkit.tools import course_docs

    titles = _task_titles()
    rubrics = course_docs.rubrics_by_task()
    tasks = sorted({t for s in subs for t in s.written}, key=lambda t: tuple(int(x) for x in t.split(".")))
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>Written answers</title>", "<style>",
             "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#1a1a1a;"
             "line-height:1.45}h2{border-top:3px solid #0072B2;padding-top:.6rem;margin-top:2.2rem}"
             ".prompt{background:#f3f3f3;padding:.6rem .8rem}.answer{border-left:4px solid #009E73;"
             "padding:.2rem .8rem;margin:.4rem 0 1.2rem;white-space:pre-wrap}.empty{border-left-color:#D55E00;"
             "font-style:italic}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}"
             "td,th{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}"
             "nav a{margin-right:.8rem}", "</style></head><body>",
             "<h1>Written answers, by task</h1>",
             f"<p>{len({s.student_id for s in subs if not s.problem})} students; generated "
             f"{e(datetime.now().isoformat(timespec='minutes'))}. Mark each answer with the task's rubric; "
             "students are listed by the id in their file name.</p>",
             "<nav aria-label=\"Tasks\">" + "".join(f'<a href="#task-{t}">Exercise {t}</a>' for t in tasks) + "</nav>"]
    for task in tasks:
        title, body = titles.get(task, ("", ""))
        parts.append(f'<section id="task-{task}"><h2>Exercise {e(task)}: {e(title)}</h2>')
        if body:
            parts.append(f'<div class="prompt">{_inline_markdown(body)}</div>')
        if task in rubrics:
            parts.append(rubrics[task])
        for sub in sorted((s for s in subs if task in s.written and not s.problem), key=lambda s: s.student_id):
            text = sub.written[task]
            who = e(sub.student_id) + (f" ({e(sub.student_name)})" if sub.student_name and sub.student_name != sub.student_id else "")
            parts.append(f"<h3>{who}</h3>")
            parts.append(f'<div class="answer">{e(text)}</div>' if text else
                         '<div class="answer empty">(no answer written)</div>')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def grade(submissions: Path, out: Path, echo=print) -> list[Submission]:
    submissions, out = Path(submissions).resolve(), Path(out).resolve()
    if not submissions.is_dir():
        raise GradingError(f"{submissions}: no such folder of submissions.")
    paths = find_submissions(submissions)
    if not paths:
        raise GradingError(f"{submissions}: no notebooks (.ipynb) in this folder or below it.")
    if out.exists() and any(out.iterdir()):
        raise GradingError(f"{out} exists and is not empty: choose a new folder, so earlier grades are never replaced.")
    (out / "autograder").mkdir(parents=True, exist_ok=True)
    zips = build_autograders(out / "autograder")
    subs = []
    with tempfile.TemporaryDirectory(prefix="filmkit-grade-") as work:
        for path in paths:
            sub = Submission(path)
            try:
                grade_one(sub, submissions, zips, Path(work))
            except Exception as exc:  # one bad notebook never stops the others
                sub.problem = sub.problem or f"could not be graded ({type(exc).__name__}: {str(exc)[:120]})"
            subs.append(sub)
            shown = sub.student_id or path.name
            echo(f"{path.relative_to(submissions)}: " + (f"NOT GRADED: {sub.problem}" if sub.problem else
                 f"{shown}, {sub.module}: {sum(sub.scores.values()):g} of {len(sub.scores)} ({sub.seconds:.1f} s)"))
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

    cli = argparse.ArgumentParser(prog="filmkit grade", description="Grade a folder of exercise notebooks offline "
                                  "with otter-grader: grades.csv, written_answers.html, rubrics_canvas.csv.")
    cli.add_argument("submissions", help="folder of handed-in notebooks (one folder per student, or ID_NOTEBOOK.ipynb)")
    cli.add_argument("out", help="new folder for the results (never an existing, non-empty one)")
    args = cli.parse_args(argv)
    try:
        import otter  # noqa: F401
    except ImportError:
        print("filmkit grade needs otter-grader: python -m pip install \"otter-grader>=7,<8\"", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        subs = grade(Path(args.submissions), Path(args.out))
    except GradingError as exc:
        print(f"filmkit grade: {exc}", file=sys.stderr)
        return 1
    bad = [s for s in subs if s.problem]
    print(f"graded {len(subs) - len(bad)} notebook(s) in {time.perf_counter() - start:.0f} s; "
          f"wrote {Path(args.out) / 'grades.csv'} and {Path(args.out) / 'written_answers.html'}")
    if bad:
        print(f"{len(bad)} notebook(s) NOT graded (listed in {Path(args.out) / 'not_graded.csv'}):")
        for s in bad:
            print(f"  {s.path.name}: {s.problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
