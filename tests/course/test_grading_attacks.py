"""Grading day: every hand-in that tried to game the grades or touch someone else's work, graded in one run.

The class (``make_submissions.write_attack_class``) mixes honest students with each cheat of the
issue: builtins shadowing, an otter patch, reading hidden tests, calling the answer key, a vandal
that snoops /proc, rewrites every file it can reach and leaves a detached process, an infinite
loop, a 2 GiB allocation, forged answer records, a copied notebook, a folder plus a flat file, a
notebook under another module's name and a name that is a spreadsheet formula.
"""

import csv
import hashlib
import os
import sys
import time
from pathlib import Path

import pytest

from filmkit.classroom import grade
from filmkit.classroom.grading import sandbox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_submissions as hand_ins  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
#: the sandbox's wall-time limit in these tests (the command's default is 60 s)
LIMIT = 6


def _need_sandbox():
    why = sandbox.problem()
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the grading sandbox cannot run in CI: {why}")
        pytest.skip(f"the grading sandbox cannot run here: {why}")


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _kit_hashes() -> dict[str, str]:
    """The answer key's hash, and every file of the package and the data the vandal's writes would have emptied."""
    found = {"key": hashlib.sha256((ROOT / "instructors" / "answer_key.py").read_bytes()).hexdigest()}
    for folder in (ROOT / "filmkit", ROOT / "data"):
        found |= {str(p): "vandalised" for p in folder.rglob("*") if p.is_file() and p.stat().st_size == 10
                  and p.read_bytes() == b"vandalised"}
    return found


def _rows(path: Path, key: str = "SIS Login ID") -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def _marked_processes(out: Path) -> list[str]:
    """Processes this class's grading left: the vandal's detached one, or a sandboxed notebook still running
    whose sandbox is this grading's (or no one's: an orphan). Another test may be grading its own hand-ins
    in a sandbox at the same moment (the suite runs on two workers): those are not this class's."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            line = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if hand_ins.VANDAL_MARK.encode() in line or (b"/sandbox/handin.ipynb" in line and _graded_here(pid, out)):
            found.append(pid)
    return found


def _graded_here(pid: str, out: Path) -> bool:
    """Whether the bubblewrap above ``pid`` binds a folder of ``out`` (True too when no bubblewrap is above it)."""
    while pid not in ("0", "1"):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False  # it ended while we looked: not left behind
        if command.split(b"\0")[0].endswith(b"bwrap"):
            return str(out).encode() in command
        pid = next((line.split()[1] for line in status.splitlines() if line.startswith("PPid:")), "0")
    return True


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """The class graded once with its roster; the inputs and the kit hashed before and after."""
    _need_sandbox()
    base = tmp_path_factory.mktemp("grading-day")
    submissions, out = base / "in", base / "out"
    hand_ins.write_attack_class(submissions)
    roster = hand_ins.write_roster(base / "roster.csv")
    before, kit_before = _hashes(submissions), _kit_hashes()
    start = time.monotonic()
    printed = []
    subs = grade.grade(submissions, out, echo=printed.append, roster=roster, seconds=LIMIT)
    took = time.monotonic() - start
    grades_right_after = (out / "grades.csv").read_bytes()
    time.sleep(4.5)   # the vandal's detached process would rewrite grades.csv 3 s after its notebook ran
    return {"in": submissions, "out": out, "roster": roster, "subs": subs, "printed": printed, "took": took,
            "before": before, "after": _hashes(submissions), "kit_before": kit_before, "kit_after": _kit_hashes(),
            "grades_right_after": grades_right_after, "rows": _rows(out / "grades.csv"),
            "handins": _rows(out / "handins.csv", "file")}


@pytest.mark.parametrize("cheat", hand_ins.CHEATS)
def test_every_cheat_earns_nothing(day, cheat):
    row = day["rows"][cheat]
    assert row["Checks total"] == "0" and row["Checks possible"] == "3", (cheat, row["Checks total"])


def test_honest_students_earn_their_marks_beside_the_cheats(day):
    for login, (total, possible) in hand_ins.HONEST.items():
        row = day["rows"][login]
        assert (row["Checks total"], row["Checks possible"]) == (str(total), str(possible)), login


@pytest.mark.parametrize("login", sorted(hand_ins.HONEST))
def test_an_honest_student_graded_alone_gets_the_same_marks(day, login, tmp_path):
    mine = tmp_path / "in"
    for sub in day["subs"]:
        if sub.student_id == login:
            target = mine / sub.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(sub.path.read_bytes())
            if sub.sidecar:
                (target.parent / sub.sidecar.name).write_bytes(sub.sidecar.read_bytes())
    alone = grade.grade(mine, tmp_path / "out", echo=lambda *_: None, roster=day["roster"], seconds=LIMIT)
    assert alone
    row, together = _rows(tmp_path / "out" / "grades.csv")[login], day["rows"][login]
    marks = [c for c in row if c.startswith(("m0", "Module", "Checks", "Late"))]
    assert {c: row[c] for c in marks} == {c: together[c] for c in marks}


def test_no_hand_in_changed_and_the_kit_is_untouched(day):
    assert day["after"] == day["before"], "a hand-in changed while grading"
    assert day["kit_after"] == day["kit_before"], "the kit's package or answer key changed while grading"


def test_no_process_is_left_and_the_grades_stay_as_written(day):
    assert _marked_processes(day["out"]) == [], "the vandal's detached process outlived grading"
    assert (day["out"] / "grades.csv").read_bytes() == day["grades_right_after"]
    assert day["rows"]["alovelace"]["Checks total"] == "3"
    assert not (day["out"] / ".work").exists(), "the sandbox's working copies are left behind"


def test_the_loop_and_the_memory_hog_are_listed_with_a_reason_within_the_limit(day):
    looper = day["handins"]["looper_01_the_eternaut_case.ipynb"]["notes"]
    hog = day["handins"]["hog_01_the_eternaut_case.ipynb"]["notes"]
    assert f"did not finish within {LIMIT} seconds" in looper
    assert "MemoryError" in hog and "1 GiB" in hog
    runs = sum(1 for s in day["subs"] if any("computed in code" in n for n in s.notes)) + 2   # + turing and yves
    assert day["took"] < runs * LIMIT + 60, f"grading took {day['took']:.0f} s"


def test_forged_records_are_not_answers_and_say_why(day):
    notes = day["handins"]["forger_01_the_eternaut_case.ipynb"]["notes"]
    assert "fields an answer field never writes (points, status)" in notes
    assert "saved by another exercise sheet" in notes and "not dict" in notes


def test_a_copied_notebook_is_flagged_and_graded_under_its_real_author(day):
    rows, page = day["rows"], (day["out"] / "integrity.html").read_text(encoding="utf-8")
    assert rows["oscar"]["Student"] == "Oscar Wilde" and rows["alovelace"]["Student"] == "Ada Lovelace"
    assert "Identical answer records</td><td>alovelace, oscar" in page
    assert "Identical written answers</td><td>alovelace, oscar" in page
    assert "typed Ada Lovelace; the roster says Oscar Wilde" in page
    assert "word 5-gram Jaccard" in page


def test_a_folder_and_a_flat_file_count_once(day):
    assert day["rows"]["bob"]["Checks possible"] == "3" and day["rows"]["bob"]["Files"] == "bob_01_the_eternaut_case.ipynb"
    not_graded = _rows(day["out"] / "not_graded.csv", "file")
    assert "an earlier hand-in of module 1 by bob" in not_graded["bob/01_the_eternaut_case.ipynb"]["reason"]


def test_a_notebook_under_another_modules_name_is_caught(day):
    not_graded = _rows(day["out"] / "not_graded.csv", "file")
    assert not_graded["carol_02_cost_and_time.ipynb"]["reason"].startswith("wrong module: named for module 2")
    assert "Wrong module</td><td>carol" in (day["out"] / "integrity.html").read_text(encoding="utf-8")


def test_lms_names_resubmissions_and_late_hand_ins(day):
    ada, grace = day["rows"]["alovelace"], day["rows"]["ghopper"]
    assert ada["ID"] == "12345" and ada["Late"] == "Module 1"
    assert ada["Files"] == "lovelaceada_LATE_12345_67891_01_the_eternaut_case-1.ipynb"
    not_graded = _rows(day["out"] / "not_graded.csv", "file")
    assert "counts" in not_graded["lovelaceada_12345_67890_01_the_eternaut_case.ipynb"]["reason"]
    assert grace["Student"] == "Grace Hopper" and grace["m04_q1"] == grace["m04_q2"] == "1"
    assert day["handins"]["Grace Hopper_4242_assignsubmission_file_/04_work_and_jobs.ipynb"]["answers file"]


def test_every_file_lands_in_exactly_one_place(day):
    out = day["out"]
    placed = [*day["handins"], *(r["answers file"] for r in day["handins"].values() if r["answers file"])]
    with open(out / "not_graded.csv", encoding="utf-8", newline="") as handle:
        placed += [r["file"] for r in csv.DictReader(handle)]
    with open(out / "attachments.csv", encoding="utf-8", newline="") as handle:
        attached = {r["file"]: r["SIS Login ID"] for r in csv.DictReader(handle)}
    placed += list(attached)
    placed = [p[1:] if p.startswith("'=") else p for p in placed]
    assert sorted(placed) == sorted(day["before"]), "a file is missing or listed twice"
    assert attached == {"lovelaceada_12345_67892_summative.pdf": "alovelace", "dave_essay.docx": "dave",
                        "Grace Hopper_4242_assignsubmission_file_/matrix.csv": "ghopper"}


def test_written_answers_reach_the_pack_under_the_rosters_names(day):
    page = (day["out"] / "written_answers.html").read_text(encoding="utf-8")
    assert "<h3>alovelace (Ada Lovelace)</h3>" in page and "<h3>willa (Willa Cather)</h3>" in page
    assert "The 78% figure is misattributed" in page
    assert "Checks not graded: wrong module" in page, "a hand-in whose checks are not graded keeps its written answers"


def test_no_cell_a_spreadsheet_would_run(day, tmp_path):
    """With a roster the formula-named hand-in is an unknown student; without one it is an id: never a formula."""
    alone = tmp_path / "in"
    alone.mkdir()
    named = f"{hand_ins.HYPERLINK_ID}_{hand_ins.M1}.ipynb"
    (alone / named).write_bytes((day["in"] / named).read_bytes())
    grade.grade(alone, tmp_path / "out", echo=lambda *_: None, seconds=LIMIT)
    for out in (day["out"], tmp_path / "out"):
        for name in ("grades.csv", "not_graded.csv", "handins.csv", "attachments.csv"):
            with open(out / name, encoding="utf-8", newline="") as handle:
                cells = [c for row in csv.reader(handle) for c in row]
            assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and c[1:2].isalpha())]
    rows = _rows(tmp_path / "out" / "grades.csv")
    assert f"'{hand_ins.HYPERLINK_ID}" in rows and rows[f"'{hand_ins.HYPERLINK_ID}"]["Student"].startswith("'=")
