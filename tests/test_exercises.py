"""Exercises: solutions pass every check, student versions run and say "not yet", no answers leak,
and the committed versions are exactly what the sources build."""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from filmkit.tools import exercises, selfcheck
from filmkit.tools.selfcheck import REGISTRY, Question, evaluate

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises" / "source").glob("*.ipynb"))
MODULES = [p.name for p in SOURCES]


def _run(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _check_lines(nb):
    lines = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{out.get('ename')}: {out.get('evalue')}"
            lines += [l for l in out.get("text", "").splitlines() if re.match(r"m\d\d_q\d+: ", l)]
    return lines


def _checked_ids(path):
    nb = nbformat.read(path, as_version=4)
    return re.findall(r'check\("(m\d\d_q\d+)"\)', "\n".join(c.source for c in nb.cells))


def test_five_modules_with_questions_and_rubrics():
    assert len(SOURCES) == 5
    asked = [q for p in SOURCES for q in _checked_ids(p)]
    assert sorted(asked) == sorted(REGISTRY), "every registered question is asked exactly once"
    for path in SOURCES:
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        assert "<!-- BEGIN SOLUTION -->" in text, f"{path.name} has no written task"
        assert "Rubric" in text


@pytest.mark.parametrize("version, verdict", [
    ("solutions", ": passed: correct."),                 # every solution passes all of its checks
    ("student", ": not yet: you have not answered yet"),  # every check can fail, and the notebook still runs
])
@pytest.mark.parametrize("name", MODULES)
def test_every_check_reports_as_expected(name, version, verdict):
    path = ROOT / "exercises" / version / name
    lines = _check_lines(_run(path))
    ids = _checked_ids(path)
    assert len(lines) == len(ids) and ids
    assert all(verdict in line for line in lines), lines


@pytest.mark.parametrize("name", MODULES)
def test_no_solution_text_in_student_versions(name):
    source = nbformat.read(ROOT / "exercises" / "source" / name, as_version=4)
    student_text = "\n".join(c.source for c in nbformat.read(ROOT / "exercises" / "student" / name, as_version=4).cells)
    hidden = []
    for cell in source.cells:
        hidden += re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S)
        hidden += re.findall(r"<!-- BEGIN SOLUTION -->\n?(.*?)<!-- END SOLUTION -->", cell.source, re.S)
        if "instructor" in cell.metadata.get("tags", []):
            hidden.append(cell.source)
    assert hidden
    for block in hidden:
        for line in block.splitlines():
            line = line.strip()
            if len(line) > 12:  # an answer line, not a bare name
                assert line not in student_text, f"solution text leaked: {line[:60]}"
    assert "BEGIN SOLUTION" not in student_text and "Rubric" not in student_text


def test_committed_versions_match_the_sources():
    assert exercises.build(write=False) == []


def test_drift_is_detected(tmp_path, monkeypatch):
    import shutil
    for sub in ("source", "student", "solutions"):
        shutil.copytree(ROOT / "exercises" / sub, tmp_path / sub)
    monkeypatch.setattr(exercises, "_folders", lambda: (tmp_path / "source", tmp_path / "student",
                                                        tmp_path / "solutions"))
    target = tmp_path / "student" / MODULES[0]
    target.write_text(target.read_text().replace("your answer", "your guess"))
    assert exercises.build(write=False) == [str(tmp_path / "student" / MODULES[0])]


NUMBER = Question("t", "x", "number", lambda: 100.0, "a cost in USD",
                  mistakes=[(lambda: 90.0, "off by the licence line")])


@pytest.mark.parametrize("answer, words", [
    (..., "you have not answered yet"), (None, "you have not answered yet"),
    ("100", "got the text '100'"), ([100], "expected one number"), (float("nan"), "expected a finite number"),
    (True, "expected a finite number"), (90.0, "off by the licence line"), (150, "higher than the model's"),
])
def test_wrong_answers_get_hints_and_never_the_value(answer, words):
    passed, message = evaluate(NUMBER, answer)
    assert not passed and words in message
    assert "100.0" not in message and "= 100" not in message


def test_right_answers_pass():
    assert evaluate(NUMBER, 100.2)[0]
    import numpy as np
    assert evaluate(NUMBER, np.float64(100.0))[0]


def test_check_finds_missing_variables_and_unknown_ids(capsys):
    assert selfcheck.check("m01_q1", namespace={}) is False
    assert "is not defined" in capsys.readouterr().out
    assert selfcheck.check("m99_q9", namespace={}) is False
    assert "no question with this id" in capsys.readouterr().out


def test_sets_and_text():
    s = Question("s", "x", "set", lambda: ["A", "B"], "ids", mistakes=[(lambda: ["Z"], "Z is wrong")])
    assert evaluate(s, ["B", "A"])[0] and evaluate(s, ("A", "B"))[0]
    assert "Z is wrong" in evaluate(s, ["A", "Z"])[1]
    assert "1 item(s) are missing" in evaluate(s, ["A"])[1]
    assert "expected a list" in evaluate(s, "AB")[1]
    t = Question("t", "x", "text", lambda: "shots", "a key")
    assert evaluate(t, " Shots ")[0] and "expected text" in evaluate(t, 3)[1]


def test_progress_reads_checks_from_notebooks(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("from filmkit.tools.selfcheck import check\nlag_days = 78\ncheck('m01_q1')\n"
                                          "speedup_78 = 2\ncheck('m01_q3')")]
    nbformat.write(nb, tmp_path / "mine.ipynb")
    rows = selfcheck.progress(tmp_path)
    assert rows == [("mine.ipynb", "m01_q1", "passed"), ("mine.ipynb", "m01_q3", "not yet")]
