"""Exercises: solutions pass every check, learner versions run and say "not yet", no answer leaks,
the committed versions are what the sources build, and feedback gives hints, never values."""

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from filmkit.tools import exercises, selfcheck
from filmkit.tools.question import REGISTRY, Key, Question
from filmkit.tools.selfcheck import evaluate

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "instructors" / "exercises").glob("*.ipynb"))
MODULES = [p.name for p in SOURCES]
KEY = selfcheck.answer_key()


def _run(path, cwd):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
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


def _asked_ids(path):
    nb = nbformat.read(path, as_version=4)
    return re.findall(r'ask\("(m\d\d_q\d+)"\)', "\n".join(c.source for c in nb.cells))


def _shown_text(nb) -> str:
    """Every text an output of the notebook shows (a widget's text fallback and an HTML widget's value too)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts += [str(v) for k, v in out.get("data", {}).items() if k.startswith("text/")]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        words = model.get("state", {})
        parts += [str(words.get(k, "")) for k in ("value", "description", "placeholder", "tooltip")]
    return "\n".join(parts)


def test_six_modules_each_with_checks_and_a_task_beyond_lookup():
    assert len(SOURCES) == 6
    asked = [q for p in SOURCES for q in _checked_ids(p)]
    assert sorted(asked) == sorted(REGISTRY), "every registered question is asked exactly once"
    for path in SOURCES:
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        beyond = re.findall(r"## Exercise \d\.\d: .*\((interpret|argument|compare|apply|interpretive)", text)
        assert beyond, f"{path.name} has no task beyond lookup"
        assert "<!-- BEGIN SOLUTION -->" in text and "**Rubric**" in text


def test_every_checked_item_can_be_answered_without_code():
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        source = ROOT / "instructors" / "exercises" / path.name
        assert _asked_ids(path) == _checked_ids(source), f"{path.name}: a checked question has no answer field"
        assert any(c.source.strip() == "your_name()" for c in nb.cells)
        assert nb.metadata["filmkit"]["sheet"] == path.stem


EDITIONS = [ROOT / "exercises" / lang for lang in ("", "es", "fr")]


@pytest.mark.parametrize("folder", EDITIONS, ids=["en", "es", "fr"])
def test_learners_read_what_to_do_first_and_meet_no_code(folder):
    """Every learner notebook: the first cell says Run All; every code cell is folded with an empty first line
    (the fold shows no code); no cell only calls check (the field shows its feedback); no written answer is
    typed in a Markdown cell."""
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0]
        assert first.cell_type == "markdown" and "**Run › Run All Cells**" in first.source.split("\n\n")[1], path
        assert "double-click" not in first.source.lower() and "*Write your answer here.*" not in first.source
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, (path.name, cell.source[:60])
            assert "hide-input" in cell.metadata.get("tags", []), (path.name, cell.source[:60])
            assert cell.source.startswith("\n"), (path.name, cell.source[:60])
            assert not re.fullmatch(r'\s*(check\("m\d\d_q\d+"\)\s*)+', cell.source), path.name
        answers = [c for c in nb.cells if (c.metadata.get("filmkit") or {}).get("answer")]
        assert all(c.cell_type == "code" and "written_answer(" in c.source for c in answers), path.name


@pytest.mark.parametrize("name", MODULES)
def test_solutions_pass_and_learner_versions_show_no_ids(name, tmp_path):
    solution = ROOT / "instructors" / "solutions" / name
    lines = _check_lines(_run(solution, tmp_path))
    ids = _checked_ids(solution)
    assert len(lines) == len(ids) and ids
    assert all(": passed: correct." in line for line in lines), lines
    learner = _run(ROOT / "exercises" / name, tmp_path)
    assert _check_lines(learner) == []
    shown = _shown_text(learner)
    # the summary: each exercise by its title, unanswered, the written tasks left for the instructor
    found = [m for m in re.findall(r"m\d\d_q\d+|_student|application/vnd|<filmkit\.| at 0x", shown)]
    assert found == [], found
    assert "Exercise " + name[1] + "." in shown and "not answered yet" in shown
    if any((c.metadata.get("filmkit") or {}).get("answer") for c in learner.cells):
        assert "marked by your instructor" in shown


@pytest.mark.parametrize("name", MODULES)
def test_no_solution_text_in_learner_versions(name):
    source = nbformat.read(ROOT / "instructors" / "exercises" / name, as_version=4)
    learner = "\n".join(c.source for c in nbformat.read(ROOT / "exercises" / name, as_version=4).cells)
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
            if len(line) > 12:
                assert line not in learner, f"solution text leaked: {line[:60]}"
    assert "BEGIN SOLUTION" not in learner and "Rubric" not in learner and "Model answer" not in learner


def test_committed_versions_match_the_sources():
    assert exercises.build(write=False) == []


def test_drift_is_detected(tmp_path, monkeypatch):
    for sub, target in (("instructors/exercises", "source"), ("exercises", "learner"), ("instructors/solutions", "sol")):
        shutil.copytree(ROOT / sub, tmp_path / target, ignore=shutil.ignore_patterns("*.md", "*.json"))
    monkeypatch.setattr(exercises, "_folders", lambda: (tmp_path / "source", tmp_path / "learner", tmp_path / "sol"))
    target = tmp_path / "learner" / MODULES[0]
    target.write_text(target.read_text().replace("answer in the field", "answer here"))
    assert str(target) in exercises.build(write=False)


# ---- feedback: hints for specific mistakes, bands, never the value, never higher/lower

NUMBER = Question("t", "x", "number", "Cost", "a cost in USD", low=0, high=10_000)
NUMBER_KEY = Key(lambda: 100.0, mistakes=[(lambda: 90.0, "off by the licence line")])


@pytest.mark.parametrize("answer, words", [
    (..., "you have not answered yet"), (None, "you have not answered yet"), ("", "you have not answered yet"),
    ("a hundred", "got the text"), ([100], "expected one number"), (float("nan"), "expected a finite number"),
    (True, "expected a finite number"), (90.0, "off by the licence line"), (-5, "not a plausible value"),
    (103, "close (within 5%)"), (97, "close (within 5%)"), (130, "between 5% and 50%"), (400, "more than half"),
])
def test_wrong_answers_get_hints_and_never_the_value(answer, words):
    status, message = evaluate(NUMBER, answer, NUMBER_KEY)
    assert status == "not yet" and words in message
    assert "100" not in message


def test_feedback_is_not_directional_so_it_cannot_be_bisected():
    for delta in (2, 20, 300):
        above = evaluate(NUMBER, 100 + delta, NUMBER_KEY)[1]
        below = evaluate(NUMBER, max(100 - delta, 0.5), NUMBER_KEY)[1]
        assert "higher" not in above + below and "lower" not in above + below
        if delta < 100:
            assert above == below


def test_right_answers_pass_in_any_reasonable_form():
    import numpy as np
    assert evaluate(NUMBER, 100.2, NUMBER_KEY)[0] == "passed"
    assert evaluate(NUMBER, np.float64(100.0), NUMBER_KEY)[0] == "passed"
    assert evaluate(NUMBER, "100", NUMBER_KEY)[0] == "passed"


def test_reported_feedback_bugs_are_fixed():
    q = REGISTRY
    assert evaluate(q["m01_q3"], "2.63x", KEY["m01_q3"])[0] == "passed"     # a ratio written with its x
    assert evaluate(q["m01_q3"], 2.63, KEY["m01_q3"])[0] == "passed"
    top = KEY["m03_q3"].expected()
    label = dict((v, l) for l, v in q["m03_q3"].options())[top]
    assert evaluate(q["m03_q3"], label, KEY["m03_q3"])[0] == "passed"      # the label the chart shows
    assert evaluate(q["m03_q3"], label.upper(), KEY["m03_q3"])[0] == "passed"
    share = 100 * KEY["m04_q1"].expected()
    status, message = evaluate(q["m04_q1"], round(share, 1), KEY["m04_q1"])
    assert status == "not yet" and "percentage" in message and "share" in message
    assert evaluate(q["m04_q1"], f"{share:.2f}%", KEY["m04_q1"])[0] == "passed"
    assert "m05_q2" not in REGISTRY                                          # now a rubric-marked task
    text = "\n".join(c.source for c in nbformat.read(ROOT / "exercises" / MODULES[4], as_version=4).cells)
    assert "either answer earns full marks" in text and "Exercise 5.2" in text


def test_questions_name_things_by_the_labels_the_notebooks_show():
    for qid, q in REGISTRY.items():
        assert "." not in q.label.split("(")[0] or qid == "m01_q3", f"{qid} label looks like an internal key"
        if q.options:
            labels = [label for label, _ in q.options()]
            assert all(labels), qid
    prompt = "\n".join(c.source for c in nbformat.read(ROOT / "exercises" / MODULES[2], as_version=4).cells)
    assert "ai_assisted.setup.fixed_days" not in prompt


def test_without_the_key_a_check_confirms_the_form_only():
    status, message = evaluate(REGISTRY["m01_q1"], 5)
    assert status == "answered" and "grader" in message
    assert evaluate(REGISTRY["m04_q1"], 38.8)[0] == "not yet"


def test_sets_and_choices():
    s = Question("s", "x", "set", "Ids", "ids", options=lambda: [("A", "A"), ("B", "B"), ("Z", "Z")])
    k = Key(lambda: ["A", "B"], mistakes=[(lambda: ["Z"], "Z is wrong")])
    assert evaluate(s, ["B", "A"], k)[0] == "passed" and evaluate(s, ("A", " B "), k)[0] == "passed"
    assert "Z is wrong" in evaluate(s, ["A", "Z"], k)[1]
    assert "some are missing" in evaluate(s, ["A"], k)[1]
    assert "not an id in the list" in evaluate(s, ["Q"], k)[1]
    assert "expected a list" in evaluate(s, "AB", k)[1]


def test_check_finds_missing_variables_and_unknown_ids(capsys):
    assert selfcheck.check("m01_q1", namespace={}) is False
    assert "is not defined yet" in capsys.readouterr().out
    assert selfcheck.check("m99_q9", namespace={}) is False
    assert "no question with this id" in capsys.readouterr().out


# ---- progress: reads the kernel, not printed text; one status per question; bad folders and files reported

def _notebook(path, source):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)


def test_progress_reads_what_the_kernel_computed(tmp_path):
    _notebook(tmp_path / "01_mine.ipynb", "from filmkit.tools.selfcheck import check\n"
              "lag_days = 1\ncheck('m01_q1'); check('m01_q1'); check('m01_q1')\n"
              "print('m01_q2: passed: correct.')\ncost_ratio_62 = '2.63x'")
    (tmp_path / "01_broken.ipynb").write_text("{not json", encoding="utf-8")
    rows, problems = selfcheck.progress(tmp_path)
    assert rows == [("01_mine.ipynb", "m01_q1", "not yet"), ("01_mine.ipynb", "m01_q2", "not yet"),
                    ("01_mine.ipynb", "m01_q3", "passed")]
    assert problems and problems[0][0] == "01_broken.ipynb"


def test_progress_refuses_an_empty_or_missing_folder(tmp_path, capsys):
    assert selfcheck.main([str(tmp_path)]) == 1
    assert "no exercise notebooks" in capsys.readouterr().err
    assert selfcheck.main([str(tmp_path / "nowhere")]) == 1


def test_the_paper_sheet_keeps_room_for_each_written_answer():
    from filmkit.classroom import handouts

    nb = nbformat.read(ROOT / "exercises" / "02_cost_and_time.ipynb", as_version=4)
    tasks = [c for c in nb.cells if (c.metadata.get("filmkit") or {}).get("answer")]
    sheet = handouts.exercise_sheet(nb)
    assert tasks and sheet.count('class="write long"') == len(tasks)
    assert "written_answer" not in sheet
