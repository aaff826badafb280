"""Exercises in Spanish and French: the solutions pass every check, the learners' versions say
"not yet", and the grader gives an edition's hand-in the marks it gives the English one."""

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from filmkit.i18n import use_language
from filmkit.tools import editions, selfcheck

ROOT = Path(__file__).resolve().parents[2]
LANGS = editions.EDITIONS
MODULE = "02_cost_and_time.ipynb"  # every kind of check: numbers, a choice, a set


def check_lines(path: Path, cwd: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    lines = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{out.get('ename')}: {out.get('evalue')}"
            lines += [line for line in out.get("text", "").splitlines() if re.match(r"m\d\d_q\d+\s?: ", line)]
    return lines


@pytest.mark.parametrize("lang", LANGS)
def test_solutions_pass_and_learner_versions_say_not_yet_in_the_readers_language(lang, tmp_path):
    with use_language(lang):
        passed, not_yet = selfcheck.status_label("passed"), selfcheck.status_label("not yet")
    assert passed != "passed" and not_yet != "not yet", "the check statuses are not translated"
    solution = check_lines(ROOT / "instructors" / "solutions" / lang / MODULE, tmp_path)
    learner = check_lines(ROOT / "exercises" / lang / MODULE, tmp_path)
    english = check_lines(ROOT / "instructors" / "solutions" / MODULE, tmp_path)
    ids = lambda lines: [line.split(":")[0].strip() for line in lines]
    assert ids(solution) == ids(learner) == ids(english) and solution
    assert all(line.split(":", 1)[1].strip().startswith(passed) for line in solution), solution
    assert all(line.split(":", 1)[1].strip().startswith(not_yet) for line in learner), learner


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_edition_hand_in_earns_what_the_english_one_earns(tmp_path):
    pytest.importorskip("otter", reason="the grading extra (otter-grader) is not installed")
    submissions = tmp_path / "submissions"
    for lang in ["en", *LANGS]:
        folder = ROOT / "instructors" / "solutions" / ("" if lang == "en" else lang)
        (submissions / f"student_{lang}").mkdir(parents=True)
        shutil.copy(folder / MODULE, submissions / f"student_{lang}" / MODULE)
    out = tmp_path / "grades"
    done = subprocess.run([sys.executable, "-m", "filmkit", "grade", str(submissions), str(out), "--lang", LANGS[0]],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with open(out / "grades.csv", encoding="utf-8", newline="") as handle:
        rows = {row["SIS Login ID"]: row for row in csv.DictReader(handle)}
    totals = {sid: row["Checks total"] for sid, row in rows.items()}
    assert len(totals) == 1 + len(LANGS)
    assert len(set(totals.values())) == 1 and float(totals["student_en"]) > 0, totals
    pack = (out / "written_answers.html").read_text(encoding="utf-8")
    with use_language(LANGS[0]):
        from filmkit.i18n import _
        assert _("Exercise {task}").format(task="2.5") in pack
