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

    def update(self, data):
        self.shown.append(data)
