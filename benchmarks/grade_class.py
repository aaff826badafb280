"""Time ``filmkit grade`` on a generated class: 200 students x 5 exercise notebooks (1,000 hand-ins).

    python benchmarks/grade_class.py [--students 200] [--in-code 0] [--keep DIR]

Each student hands in the learners' version of modules 1-5 with every checked question answered in
its field (a record like the one the field saves; about two in three answers right), a name, and
written answers of 40 words drawn from a vocabulary, as a Canvas bulk download with a roster. One in
ten hand-ins is late. ``--in-code N`` makes the first N students hand in the solutions instead, whose
answers are computed in code: those notebooks run in the sandbox. Prints the time to write the class and the time ``filmkit grade`` takes with the
roster, and how many notebooks were graded. Target: 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from filmkit.classroom import grade  # noqa: E402
from filmkit.tools import questions  # noqa: E402,F401  (fills REGISTRY)
from filmkit.tools.question import REGISTRY  # noqa: E402
from filmkit.tools.selfcheck import answer_key  # noqa: E402
from filmkit.views.answers import MIME  # noqa: E402

MODULES = ["01_the_eternaut_case", "02_cost_and_time", "03_what_would_10x_take", "04_work_and_jobs",
           "05_ethics_and_governance"]
WORDS = ("claim source evidence shot studio artist credit consent cost schedule review wage budget model data "
         "audience disclosure documentary fiction union contract frame render pipeline speed effort calendar "
         "risk value fairness labour adoption rebound elasticity press report transcript outlet quote figure "
         "baseline bid quality standard timeline premiere earnings call netflix eternaut collapse building").split()


def _record(sheet: str, qid: str, value, stamp: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {MIME: {"sheet": sheet, "qid": qid, "value": value, "saved": stamp},
                     "text/plain": f"Saved ({qid}): {value}"}}


def _answer(qid: str, right: bool, expected, options):
    q = REGISTRY[qid]
    if q.kind == "set":
        value = sorted(str(v) for v in expected)
        return value if right else value[:-1] or ["CL01"]
    if q.kind == "choice":
        options = options or [str(expected)]
        return str(expected) if right else next((o for o in options if o != str(expected)), "x")
    return f"{float(expected):.6g}" if right else f"{float(expected) * 1.7 + 1:.6g}"


def write_class(folder: Path, students: int, in_code: int = 0, seed: int = 2025) -> Path:
    """The class as a Canvas bulk download in ``folder``, and its roster beside it (returned)."""
    rng, key = random.Random(seed), answer_key()
    expected = {qid: key[qid].expected() for qid in key}   # computed once (one is a Monte Carlo run)
    options = {qid: [v for _label, v in REGISTRY[qid].options()] for qid in REGISTRY if REGISTRY[qid].options}
    sheets = {m: json.loads((ROOT / "exercises" / f"{m}.ipynb").read_text(encoding="utf-8")) for m in MODULES}
    solutions = {m: json.loads((ROOT / "instructors" / "solutions" / f"{m}.ipynb").read_text(encoding="utf-8"))
                 for m in MODULES}
    roster = ["Student,ID,SIS User ID,SIS Login ID,Section", "    Points Possible,,,,"]
    for n in range(students):
        login, user = f"student{n:03d}", 10000 + n
        roster.append(f'"Student{n:03d}, Pat",{user},,{login},A')
        for i, module in enumerate(MODULES):
            source = solutions[module] if n < in_code else sheets[module]
            nb = json.loads(json.dumps(source))
            # each student saves at a minute of their own (two honest students never share a save time)
            stamp = f"2026-11-{1 + i:02d}T{8 + n // 60:02d}:{n % 60:02d}:{rng.randrange(60):02d}"
            for cell in nb["cells"]:
                text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                if cell["cell_type"] == "code" and "ask(" in text:
                    qid = text.split('ask("')[1].split('"')[0]
                    cell["outputs"] = [_record(module, qid, _answer(qid, rng.random() < 0.67, expected[qid], options.get(qid)), stamp)]
                elif cell["cell_type"] == "code" and text.strip() == "your_name()":
                    cell["outputs"] = [_record(module, "_student", f"Pat Student{n:03d}", stamp)]
                elif cell["cell_type"] == "markdown" and (cell.get("metadata", {}).get("filmkit") or {}).get("answer"):
                    cell["source"] = " ".join(rng.choice(WORDS) for _ in range(40))
            late = "_LATE" if rng.random() < 0.1 else ""
            name = f"student{n:03d}pat{late}_{user}_{50000 + n * 10 + i}_{module}.ipynb"
            (folder / name).write_text(json.dumps(nb), encoding="utf-8")
    path = folder.parent / "roster.csv"
    path.write_text("\n".join(roster) + "\n", encoding="utf-8")
    return path


def main(argv=None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--students", type=int, default=200)
    cli.add_argument("--in-code", type=int, default=0, metavar="N",
                     help="the first N students compute every answer in code (run in the sandbox)")
    cli.add_argument("--keep", metavar="DIR", help="write the class and the grades here (a new folder)")
    args = cli.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="filmkit-grade-bench-") as scratch:
        base = Path(args.keep) if args.keep else Path(scratch)
        (base / "submissions").mkdir(parents=True)
        start = time.perf_counter()
        roster = write_class(base / "submissions", args.students, args.in_code)
        written = time.perf_counter() - start
        start = time.perf_counter()
        subs = grade.grade(base / "submissions", base / "grades", echo=lambda *_: None, roster=roster)
        took = time.perf_counter() - start
        flagged = (base / "grades" / "integrity.html").read_text(encoding="utf-8").count("<tr>") - 1
    graded = sum(1 for s in subs if not s.problem)
    print(f"class written: {args.students} students x {len(MODULES)} notebooks in {written:.1f} s "
          f"({args.in_code} students computing their answers in code)")
    print(f"filmkit grade: {graded} of {len(subs)} notebooks graded in {took:.1f} s "
          f"({1000 * took / max(1, len(subs)):.0f} ms per notebook; target: 60 s for the class of 200)")
    print(f"integrity report: {max(0, flagged)} findings (the generated class has no copies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
