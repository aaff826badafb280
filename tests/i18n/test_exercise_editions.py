"""Exercises in Spanish and French: the solutions pass every check, the learners' versions say
"not yet", and the grader gives an edition's hand-in the marks it gives the English one."""

import csv
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from filmkit.i18n import use_language
from filmkit.tools import editions, selfcheck

ROOT = Path(__file__).resolve().parents[2]
LANGS = editions.EDITIONS
MODULE = "02_cost_and_time.ipynb"  # every kind of check: numbers, a choice, a set


def run(path: Path, cwd: Path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def check_lines(nb) -> list[str]:
    lines = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{out.get('ename')}: {out.get('evalue')}"
            lines += [line for line in out.get("text", "").splitlines() if re.match(r"m\d\d_q\d+\s?: ", line)]
    return lines


def shown_text(nb) -> str:
    """Every text the notebook shows: outputs, and the words of its widgets (their saved state)."""
    parts = [out.get("text", "") for cell in nb.cells for out in cell.get("outputs", [])]
    parts += [str(v) for cell in nb.cells for out in cell.get("outputs", [])
              for k, v in out.get("data", {}).items() if k.startswith("text/")]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        words = model.get("state", {})
        parts += [str(words.get(k, "")) for k in ("value", "description", "placeholder", "tooltip")]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", LANGS)
def test_solutions_pass_and_learner_versions_say_not_yet_in_the_readers_language(lang, tmp_path):
    from filmkit.i18n import _

    with use_language(lang):
        passed, not_yet = selfcheck.status_label("passed"), _("not answered yet")
        exercise = _("Exercise {task}").format(task="2.1")
    assert passed != "passed" and not_yet != "not answered yet", "the check statuses are not translated"
    solution = check_lines(run(ROOT / "instructors" / "solutions" / lang / MODULE, tmp_path))
    learner = run(ROOT / "exercises" / lang / MODULE, tmp_path)
    source = nbformat.read(ROOT / "instructors" / "solutions" / MODULE, as_version=4)
    english = re.findall(r'check\("(m\d\d_q\d+)"\)', "\n".join(c.source for c in source.cells))
    assert [line.split(":")[0].strip() for line in solution] == english and solution
    assert all(line.split(":", 1)[1].strip().startswith(passed) for line in solution), solution
    # the learner's version prints no check line: each field and the summary say "not answered yet", in words
    assert check_lines(learner) == []
    shown = shown_text(learner)
    assert not_yet in shown and exercise in shown, shown[-2000:]
    assert re.findall(r"m\d\d_q\d+", shown) == [], "a question's id is shown to the learner"


def test_an_editions_hand_ins_earn_what_their_answers_earn_in_any_language(tmp_path):
    """Solutions of every edition get full marks and blank sheets none, graded together in one run; the
    written-answers pack is in the language asked for, with that edition's prompts and answers."""
    from filmkit.classroom import grade
    from filmkit.tools.question import REGISTRY

    submissions = tmp_path / "submissions"
    for lang in LANGS:
        for kind, folder in (("solution", ROOT / "instructors" / "solutions" / lang), ("blank", ROOT / "exercises" / lang)):
            (submissions / f"{kind}_{lang}").mkdir(parents=True)
            shutil.copy(folder / MODULE, submissions / f"{kind}_{lang}" / MODULE)
    out = tmp_path / "grades"
    subs = grade.grade(submissions, out, echo=lambda *_: None, lang=LANGS[0])
    assert [s.problem for s in subs if s.problem] == []
    with open(out / "grades.csv", encoding="utf-8", newline="") as handle:
        rows = {row["SIS Login ID"]: row for row in csv.DictReader(handle)}
    checked = [qid for qid in REGISTRY if qid.startswith("m02_")]
    for lang in LANGS:
        assert [float(rows[f"solution_{lang}"][q]) for q in checked] == [1.0] * len(checked), lang
        assert [float(rows[f"blank_{lang}"][q] or 0) for q in checked] == [0.0] * len(checked), lang
    assert list(rows[f"solution_{LANGS[0]}"])[:5] == grade.COLUMNS, "the LMS columns stay English"
    pack = (out / "written_answers.html").read_text(encoding="utf-8")
    with use_language(LANGS[0]):
        from filmkit.i18n import _
        assert f'<html lang="{LANGS[0]}">' in pack and _("Exercise {task}").format(task="2.5") in pack
        for placeholder in (p for p in grade.placeholders() if p.strip()):
            assert placeholder.strip("*\n ") not in pack, "a blank sheet's placeholder is not an answer"
