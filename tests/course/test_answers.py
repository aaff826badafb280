"""Answer fields: the value becomes the variable, is saved atomically next to the notebook and in the
notebook's output, survives a restart, and exports carry the student's name and the time."""

import json

import pytest

from filmkit.tools import answering
from filmkit.views import answers


@pytest.fixture
def in_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answering._SHEETS.clear()
    answering._CURRENT.clear()
    answers._RESTORED.clear()
    return tmp_path


def _field(sheet_box):
    return sheet_box.children[0]


def test_a_field_answer_is_saved_and_survives_a_restart(in_folder, monkeypatch):
    ns = {}
    monkeypatch.setattr(answering, "_namespace", lambda: ns)
    answering.start("01_the_eternaut_case")
    shown = []
    monkeypatch.setattr(answers, "display", lambda *a, **k: shown.append(a[0]) or _Handle(shown))
    assert answering.ask("m01_q3") is Ellipsis
    box = shown[-1]
    _field(box).value = "2.63x"
    assert ns["cost_ratio_62"] == 2.63
    saved = json.loads((in_folder / "01_the_eternaut_case.answers.json").read_text())
    assert saved["answers"]["m01_q3"]["value"] == "2.63x"
    record = [s for s in shown if isinstance(s, dict) and answers.MIME in s][-1]
    assert record[answers.MIME]["qid"] == "m01_q3" and record[answers.MIME]["value"] == "2.63x"
    assert "passed" in box.children[1].value or "answered" in box.children[1].value
    # a restart: a new kernel reads the file back
    answering._SHEETS.clear()
    answering._CURRENT.clear()
    answering.start("01_the_eternaut_case")
    assert answering.ask("m01_q3") == 2.63


def _tick_box_field(monkeypatch):
    """Module 5's set question, asked as a notebook would: (the names the kernel sees, the widget shown)."""
    ns, shown = {}, []
    monkeypatch.setattr(answering, "_namespace", lambda: ns)
    monkeypatch.setattr(answers, "display", lambda *a, **k: shown.append(a[0]) or _Handle(shown))
    answering.start("05_ethics_and_governance")
    answering.ask("m05_q3")
    return ns, shown[-1]


def test_choices_and_ticks_store_values_not_labels(in_folder, monkeypatch):
    ns, box = _tick_box_field(monkeypatch)
    boxes = _field(box).children[1:]
    boxes[0].value = True
    assert isinstance(ns["undisclosed_docs"], list) and len(ns["undisclosed_docs"]) == 1


def test_a_set_is_checked_only_when_complete_and_each_check_is_counted(in_folder, monkeypatch):
    ns, box = _tick_box_field(monkeypatch)
    boxes, button, message = _field(box).children[1:], box.children[1], box.children[-1]
    boxes[0].value = True                                   # one tick: saved, but no verdict yet
    assert "Check my answer" in message.value and "Attempt" not in message.value
    assert "passed" not in message.value and "not yet" not in message.value
    button.click()
    assert message.value.startswith("Attempt 1:") and len(message.value) > len("Attempt 1: ")
    boxes[1].value = True
    button.click()
    assert message.value.startswith("Attempt 2:")


def test_an_unreadable_answers_file_is_kept_aside_never_lost(in_folder):
    path = in_folder / "s.answers.json"
    path.write_text("{half a json", encoding="utf-8")
    file = answers.AnswerFile("s")
    assert file.load() == {} and "could not be read" in file.problem
    file.save("m01_q1", "78")
    assert json.loads(path.read_text())["answers"]["m01_q1"]["value"] == "78"
    kept = list(in_folder.glob("s.answers.unreadable*.json"))
    assert kept and kept[0].read_text() == "{half a json"


def test_export_carries_name_and_time_and_never_overwrites(in_folder):
    sheet = answers.Sheet("01_the_eternaut_case")
    sheet.saved.update({answers.STUDENT: "Ada Lovelace", "m01_q1": "78"})
    first, second = sheet.export(), sheet.export()
    assert first.name.startswith("01_the_eternaut_case_Ada-Lovelace_20") and first != second
    assert json.loads(first.read_text())["student"] == "Ada Lovelace"


@pytest.mark.parametrize("name, part", [
    ("Élodie Martín", "Élodie-Martín"),
    ("E\u0301lodie", "Élodie"),  # typed as E + combining accent: the accent survives too
    ("  Ana María O'Neil ", "Ana-María-ONeil"),
    ("../../etc/passwd", "etcpasswd"),
])
def test_export_names_keep_accents_and_stay_safe(in_folder, name, part):
    sheet = answers.Sheet("s")
    sheet.saved[answers.STUDENT] = name
    assert sheet.export().name.startswith(f"s_{part}_20")


def test_the_grader_reads_answers_from_the_saved_notebook():
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {
        answers.MIME: {"sheet": "s", "qid": "m01_q1", "value": "78"}}}]},
        {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {
            answers.MIME: {"sheet": "s", "qid": answers.STUDENT, "value": "Ada"}}}]}]}
    found, student = answers.saved_answers(nb)
    assert found["s"]["m01_q1"] == "78" and student == "Ada"


class _Handle:
    def __init__(self, shown):
        self.shown = shown

    def update(self, data, raw=False):
        assert raw, "a record updated without raw=True shows as a Python dict"
        self.shown.append(data)


# ---- issue 26: one place for answer and feedback, nothing of the machinery on the page, written answers in boxes

def _shown_by(monkeypatch):
    shown = []
    monkeypatch.setattr(answers, "display", lambda *a, **k: shown.append(a[0]) or _Handle(shown))
    return shown


def test_a_record_shows_no_text_and_the_name_field_is_shown_once(in_folder, monkeypatch):
    ns = {}
    monkeypatch.setattr(answering, "_namespace", lambda: ns)
    shown = _shown_by(monkeypatch)
    answering.start("02_cost_and_time")
    assert answering.your_name() is None                      # nothing for the cell to show a second time
    assert sum(isinstance(s, answers.widgets.VBox) for s in shown) == 1
    _field(shown[-1]).value = "Ada"
    records = [s for s in shown if isinstance(s, dict)]
    assert records and all(r["text/plain"] == "" for r in records)   # no "_student", no id, no dict on the page
    assert records[-1][answers.MIME]["value"] == "Ada"


def test_attempts_are_counted_under_the_field_and_survive_a_restart(in_folder, monkeypatch):
    ns = {}
    monkeypatch.setattr(answering, "_namespace", lambda: ns)
    shown = _shown_by(monkeypatch)
    answering.start("02_cost_and_time")
    answering.ask("m02_q1")
    box = shown[-1]
    message = box.children[-1]
    _field(box).value = ""                                    # an empty Enter is no attempt
    _field(box).value = "1"
    assert "Attempt 1:" in message.value and "not yet" in message.value
    _field(box).value = "2"
    assert "Attempt 2:" in message.value
    saved = json.loads((in_folder / "02_cost_and_time.answers.json").read_text())
    assert saved["attempts"]["m02_q1"]["count"] == 2 and saved["answers"]["m02_q1"]["value"] == "2"
    answering._SHEETS.clear()                                  # a restart: the count and the verdict come back
    answering.start("02_cost_and_time")
    answering.ask("m02_q1")
    assert shown[-1].children[-1].value.startswith("Attempt 2:")


def test_a_choice_after_a_restart_shows_no_verdict_it_was_never_checked_for(in_folder, monkeypatch):
    ns, box = _tick_box_field(monkeypatch)
    boxes, button = _field(box).children[1:], box.children[1]
    boxes[0].value = True
    button.click()
    boxes[1].value = True                                      # changed after the check, not checked again
    shown = _shown_by(monkeypatch)
    answering._SHEETS.clear()
    answering.start("05_ethics_and_governance")
    answering.ask("m05_q3")
    message = shown[-1].children[-1].value
    assert "Attempt" not in message and "Check my answer" in message


def test_a_written_answer_is_saved_as_typed_and_read_back(in_folder, monkeypatch):
    shown = _shown_by(monkeypatch)
    answering.start("02_cost_and_time")
    answering.written_answer("2.4", "Exercise 2.4: reading the schedule")
    box = shown[-1]
    area, status = box.children
    assert area.description == "Exercise 2.4: reading the schedule"
    area.value = "Most of the calendar is review."
    assert "Saved at" in status.value and "6 words" in status.value
    saved = json.loads((in_folder / "02_cost_and_time.answers.json").read_text())
    assert saved["written"]["2.4"]["text"] == "Most of the calendar is review."
    record = [s for s in shown if isinstance(s, dict)][-1]
    assert record["text/plain"] == "" and record[answers.WRITTEN_MIME]["text"] == "Most of the calendar is review."
    answering._SHEETS.clear()
    answering.start("02_cost_and_time")
    answering.written_answer("2.4", "Exercise 2.4: reading the schedule")
    assert shown[-1].children[0].value == "Most of the calendar is review."
    assert "saved" in shown[-1].children[1].value


def test_a_written_answer_that_cannot_be_saved_says_so(in_folder, monkeypatch):
    shown = _shown_by(monkeypatch)
    answering.start("02_cost_and_time")
    answering.written_answer("2.4", "Exercise 2.4")

    def refuse(*_a, **_k):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(answers.AnswerFile, "save_written", refuse)
    shown[-1].children[0].value = "text"
    assert "Not saved" in shown[-1].children[1].value and "Saved at" not in shown[-1].children[1].value


def test_the_summary_names_exercises_by_title_and_the_written_tasks_left_to_mark(in_folder, monkeypatch):
    ns = {"compositor_rate": Ellipsis}
    titles = {"m02_q1": "Exercise 2.1: a day rate", "m02_q2": "Exercise 2.2: a bigger sequence",
              "2.4": "Exercise 2.4: reading the schedule"}
    line, rows = answering.progress_lines("m02", titles, ns, {"2.4": "three words here"})
    text = line + "\n" + "\n".join(f"{t}: {s}" for t, s in rows)
    assert "m02_q" not in text and "_student" not in text
    assert "Exercise 2.1: a day rate: not answered yet" in text
    assert "Exercise 2.4: reading the schedule: 3 words saved; marked by your instructor" in text
    shown = _shown_by(monkeypatch)
    monkeypatch.setattr(answering, "_namespace", lambda: ns)
    answering.start("02_cost_and_time")
    answering.ask("m02_q1")
    field = shown[-1]
    answering.progress_summary("m02", titles)
    panel = shown[-1]
    assert "not answered yet" in panel.value.split("Exercise 2.2")[0]
    _field(field).value = "1"                                   # the summary follows the field, live
    assert "not answered yet" not in panel.value.split("Exercise 2.2")[0]


def test_the_grader_reads_written_answers_from_boxes_files_and_old_cells(tmp_path):
    from filmkit.classroom.grading import written

    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {"filmkit": {"answer": "2.4"}}, "source": "Old cell answer."},
        {"cell_type": "code", "metadata": {"filmkit": {"answer": "2.5"}}, "source": "written_answer('2.5', 'T')",
         "outputs": [{"output_type": "display_data", "data": {answers.WRITTEN_MIME: {
             "sheet": "s", "task": "2.5", "text": "From the box.", "saved": "2026-12-01T10:00:00"},
             "text/plain": ""}}]},
        {"cell_type": "code", "metadata": {"filmkit": {"answer": "2.6"}}, "source": "written_answer('2.6', 'T')",
         "outputs": []}]}
    found = written.written_answers(nb)
    assert found == {"2.4": "Old cell answer.", "2.5": "From the box.", "2.6": ""}
    sidecar = tmp_path / "s.answers.json"
    sidecar.write_text(json.dumps({"sheet": "s", "answers": {}, "written": {
        "2.5": {"text": "Typed later.", "saved": "x"}, "2.6": {"text": "Only in the file.", "saved": "x"},
        "9.9": {"text": "not a task of this sheet", "saved": "x"}, "2.4": {"text": 5}}}))
    merged = written.with_sidecar(found, sidecar, "s")
    assert merged == {"2.4": "Old cell answer.", "2.5": "Typed later.", "2.6": "Only in the file."}
    assert written.with_sidecar(found, sidecar, "another_sheet") == found
    sidecar.write_text("{half")
    assert written.with_sidecar(found, sidecar, "s") == found


def test_a_field_saved_in_a_notebook_reads_as_a_sentence_without_a_kernel(in_folder, monkeypatch):
    """A notebook reopened without a running kernel shows each widget's text: a sentence, never VBox(...)."""
    ns = {}
    monkeypatch.setattr(answering, "_namespace", lambda: ns)
    shown = _shown_by(monkeypatch)
    answering.start("02_cost_and_time")
    answering.ask("m02_q1")
    answering.written_answer("2.4", "Exercise 2.4")
    answering.progress_summary("m02", {"m02_q1": "Exercise 2.1"})
    answering.export_button()
    widgets_shown = [s for s in shown if isinstance(s, answers.widgets.Widget)]
    assert len(widgets_shown) == 4
    for widget in widgets_shown:
        text = widget._repr_mimebundle_()["text/plain"]
        assert "Run All Cells" in text and "Box(" not in text and "HTML(" not in text
