"""Grading the sample class: marks come only from each notebook's answers, read as data and compared with the key."""

import csv
import html
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from filmkit.classroom import grade

SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The sample class graded the way an instructor does it: the command, which must also finish."""
    out = tmp_path_factory.mktemp("grades") / "out"
    done = subprocess.run([sys.executable, "-m", "filmkit", "grade", str(SUBMISSIONS), str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with open(out / "grades.csv", encoding="utf-8", newline="") as handle:
        rows = {row["SIS Login ID"]: row for row in csv.DictReader(handle)}
    return out, done.stdout, rows


def test_the_command_reports_what_it_graded_and_what_it_could_not(graded):
    _, printed, _ = graded
    assert "graded 6 notebooks" in printed   # five students; one handed in two modules
    assert "1 notebook NOT graded" in printed and "corrupt_01_the_eternaut_case.ipynb" in printed


def test_blank_earns_nothing_and_complete_earns_full_marks(graded):
    _, _, rows = graded
    assert rows["blank"]["Checks total"] == "0" and rows["blank"]["Checks possible"] == "3"
    assert rows["complete"]["Checks total"] == rows["complete"]["Checks possible"] == "5"
    assert rows["complete"]["Student"] == "complete", "without a roster the id is shown, never the typed name"
    assert rows["partial"]["Checks total"] == "1" and rows["partial"]["m01_q1"] == "1"


def test_cheats_earn_only_what_they_computed(graded):
    """A printed "passed" and a redefined check() count for nothing; what the code computed is read in the sandbox."""
    _, _, rows = graded
    printer, cheat = rows["printer"], rows["cheat"]
    assert (printer["m01_q1"], printer["m01_q2"], printer["m01_q3"]) == ("1", "0", "0")   # printed "passed" 3 times
    assert (cheat["m01_q1"], cheat["m01_q2"], cheat["m01_q3"]) == ("0", "0", "1")         # redefined check()
    assert printer["Checks total"] == cheat["Checks total"] == "1"


def test_a_corrupt_file_is_listed_and_the_others_are_graded(graded):
    out, subs, rows = graded
    with open(out / "not_graded.csv", encoding="utf-8", newline="") as handle:
        bad = list(csv.DictReader(handle))
    assert [b["file"] for b in bad] == ["corrupt_01_the_eternaut_case.ipynb"]
    assert "cannot be read" in bad[0]["reason"]
    assert set(rows) == {"blank", "cheat", "complete", "partial", "printer"}


def test_the_csv_has_the_documented_columns(graded):
    out, _, _ = graded
    header = (out / "grades.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:5] == grade.COLUMNS == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert header[-len(grade.TAIL):] == grade.TAIL
    guide = (Path(__file__).resolve().parents[2] / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    for column in grade.COLUMNS + grade.TAIL + ["m01_q1", "Module 1 checks"]:
        assert f"`{column}" in guide, f"column {column} is not documented in the guide"


def test_the_written_answers_pack_holds_each_students_text(graded):
    out, _, _ = graded
    page = (out / "written_answers.html").read_text(encoding="utf-8")
    for sub in SUBMISSIONS.glob("*.ipynb"):
        try:
            nb = nbformat.read(sub, as_version=4)
        except Exception:
            continue
        for cell in nb.cells:
            task = (cell.metadata.get("filmkit") or {}).get("answer")
            if task and cell.source.strip() != "*Write your answer here.*":
                assert html.escape(cell.source.strip()) in page, (sub.name, task)
    assert page.index('id="task-1.4"') < page.index("<h3>complete</h3>")
    assert "Rubric R1.4" in page and "Exemplary" in page
    assert "<em>misattributed</em>" in page and "*misattributed*" not in page, "prompts read as text, not markup"


def test_rubrics_export_for_an_lms(graded):
    out, _, _ = graded
    with open(out / "rubrics_canvas.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["Rubric Name", "Criteria Name", "Criteria Description", "Criteria Enable Range"]
    assert rows[0].count("Rating Points") == 4 and len(rows) > 20


def test_grading_needs_notebooks(tmp_path):
    with pytest.raises(grade.GradingError, match="no notebooks"):
        grade.grade(tmp_path, tmp_path.parent / f"{tmp_path.name}-out")


# ---- editions: the same hand-ins, shaped like the Spanish edition's notebooks ----------------------------------

SPANISH_PLACEHOLDER = "*Escriban su respuesta aquí.*"


def _fake_spanish_sheet(root: Path) -> None:
    """exercises/es/01_the_eternaut_case.ipynb of a fake kit: Spanish prompts and placeholder."""
    (root / "exercises" / "es").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Ejercicios, módulo 1"),
        nbformat.v4.new_markdown_cell("## Ejercicio 1.4: lo que la prensa entendió mal (interpretativo)\n\n"
                                      "Elijan una afirmación *mal atribuida* del registro."),
        nbformat.v4.new_markdown_cell(SPANISH_PLACEHOLDER),
        nbformat.v4.new_markdown_cell("## Ejercicio 1.5 : verificar \"10x\""),
        nbformat.v4.new_markdown_cell(SPANISH_PLACEHOLDER),
    ])
    nb.cells[2].metadata["filmkit"] = {"answer": "1.4"}
    nb.cells[4].metadata["filmkit"] = {"answer": "1.5"}
    nbformat.write(nb, root / "exercises" / "es" / "01_the_eternaut_case.ipynb")


def test_tasks_are_found_by_their_ids_in_any_language(tmp_path, monkeypatch):
    _fake_spanish_sheet(tmp_path)
    from filmkit.classroom.grading import written
    monkeypatch.setattr(written, "project_root", lambda: tmp_path)
    prompts = grade.task_prompts(written.read_notebook(tmp_path / "exercises" / "es" / "01_the_eternaut_case.ipynb"))
    assert prompts["1.4"] == ("lo que la prensa entendió mal (interpretativo)",
                              "Elijan una afirmación *mal atribuida* del registro.")
    assert prompts["1.5"][0] == 'verificar "10x"'
    assert SPANISH_PLACEHOLDER in grade.placeholders()
    english = written.read_notebook(ROOT / "exercises" / "01_the_eternaut_case.ipynb")
    assert grade.task_prompts(english)["1.4"][0] == "what press coverage got wrong (interpretive)"
    sub = grade.Submission(Path("ana_01_the_eternaut_case.ipynb"), student_id="ana", module="m01",
                           written={"1.4": "Mi respuesta.", "1.5": ""}, rel="ana_01_the_eternaut_case.ipynb")
    page = grade.written_pack([sub], lang="es")
    assert '<html lang="es">' in page and "lo que la prensa entendió mal" in page
    assert "<em>mal atribuida</em>" in page and "Mi respuesta." in page
