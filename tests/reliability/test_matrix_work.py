"""Items 15 and 17 for the ethical matrix: work survives a kernel restart, exports never lose a fuller file."""

import csv
import io
import json
from datetime import datetime

import pytest

from filmkit.model import ethics
from filmkit.views.ethics_widgets import AUTOSAVE, MatrixEditor


def _fill(editor, n=None):
    cells = list(editor.matrix.cells)[:n]
    for s, v in cells:
        editor.stakeholder.value, editor.value.value = s, v
        editor.rating.value, editor.note.value = "mixed", f"reason for {s} / {v}"
        editor.save_cell()
    return len(cells)


def test_item15_a_new_editor_on_the_same_folder_loads_the_earlier_work(tmp_path):
    first = MatrixEditor(folder=str(tmp_path))
    first.student.value = "Ana"
    filled = _fill(first)
    first.export()
    again = MatrixEditor(folder=str(tmp_path))  # a kernel restart
    assert again.matrix.filled() == filled and "Loaded your earlier work" in again.message.value
    assert again.student.value == "Ana"
    again.export()
    exports = sorted(tmp_path.glob("ethical_matrix_Ana_*.csv"))
    assert len(exports) == 2
    for f in exports:  # neither export lost a cell
        rows = list(csv.DictReader(io.StringIO(f.read_text())))
        assert sum(r["rating"] != ethics.GAP for r in rows) == filled


def test_export_names_carry_the_student_and_the_time_and_never_replace(tmp_path):
    moment = datetime(2025, 7, 17, 9, 30, 0)
    editor = MatrixEditor(folder=str(tmp_path), now=lambda: moment)
    editor.student.value = "Ana María"
    _fill(editor, 3)
    editor.export()
    editor.matrix = ethics.EthicalMatrix()  # an emptier matrix exported in the same second
    editor.export()
    names = sorted(p.name for p in tmp_path.glob("ethical_matrix_*"))
    assert names == ["ethical_matrix_Ana-María_20250717-093000-2.csv", "ethical_matrix_Ana-María_20250717-093000-2.md",
                     "ethical_matrix_Ana-María_20250717-093000.csv", "ethical_matrix_Ana-María_20250717-093000.md"]
    first = (tmp_path / "ethical_matrix_Ana-María_20250717-093000.md").read_text()
    assert "Cells not filled: 37 of 40" in first


def test_autosave_is_written_atomically_on_every_change(tmp_path):
    editor = MatrixEditor(folder=str(tmp_path))
    assert not (tmp_path / AUTOSAVE).exists()  # nothing written until there is work
    _fill(editor, 1)
    data = json.loads((tmp_path / AUTOSAVE).read_text())
    assert data["kind"] == "ethical_matrix" and sum(1 for c in data["cells"] if c[2]) == 1
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_a_second_editor_never_replaces_a_fuller_autosave(tmp_path):
    a = MatrixEditor(folder=str(tmp_path))
    b = MatrixEditor(folder=str(tmp_path))  # opened before a saved anything: starts empty
    _fill(a, 5)
    _fill(b, 1)  # b lacks a's five cells
    kept = ethics.EthicalMatrix.from_json((tmp_path / AUTOSAVE).read_text())
    assert kept.filled() == 5
    assert "cells this one lacks" in b.message.value
    other = tmp_path / "ethical_matrix.autosave-other.json"
    assert ethics.EthicalMatrix.from_json(other.read_text()).filled() == 1


def test_a_damaged_autosave_is_kept_aside_not_overwritten(tmp_path):
    (tmp_path / AUTOSAVE).write_text('{"kind": "ethical_matrix", "format": 1, "cells": [')
    editor = MatrixEditor(folder=str(tmp_path))
    assert "could not be read" in editor.message.value
    assert (tmp_path / "ethical_matrix.damaged.json").exists()


def test_item17_md_and_csv_of_one_export_belong_together(tmp_path):
    a = MatrixEditor(folder=str(tmp_path), now=lambda: datetime(2025, 1, 1))
    b = MatrixEditor(matrix=ethics.EthicalMatrix(), folder=str(tmp_path), now=lambda: datetime(2025, 1, 1))
    _fill(a, 2)
    a.export()
    b.export()
    for md in tmp_path.glob("ethical_matrix_*.md"):
        rows = list(csv.DictReader(io.StringIO(md.with_suffix(".csv").read_text())))
        filled = sum(r["rating"] != ethics.GAP for r in rows)
        assert f"Cells not filled: {40 - filled} of 40" in md.read_text()


def test_add_and_rename_stakeholders_and_values_keep_cells(tmp_path):
    editor = MatrixEditor(folder=str(tmp_path))
    editor.stakeholder.value, editor.value.value = "Unions", "Credit"
    editor.rating.value = "harms"
    editor.save_cell()
    editor.new_name.value = "Guilds and unions"
    editor.rename_stakeholder(editor.new_name.value)
    assert editor.matrix.cells[("Guilds and unions", "Credit")][0] == "harms"
    editor.add_value("Safety on set")
    editor.add_stakeholder("Local businesses")
    assert ("Local businesses", "Safety on set") in editor.matrix.cells
    assert "Local businesses" in [value for _label, value in editor.stakeholder.options]
    html = editor.table.value
    assert "no source in the kit" in html  # a row added by the learner says it has no evidence
    back = MatrixEditor(folder=str(tmp_path))
    assert back.matrix.stakeholders == editor.matrix.stakeholders and back.matrix.values == editor.matrix.values


@pytest.mark.parametrize("name, words", [("", "give a name"), ("   ", "give a name"), ("Unions", "already"),
                                         ("x" * 200, "keep it under 80")])
def test_bad_new_names_are_messages_in_the_widget(tmp_path, name, words):
    editor = MatrixEditor(folder=str(tmp_path))
    editor.new_name.value = name
    add = [b for box in editor.widget.children if hasattr(box, "children") for b in box.children
           if getattr(b, "description", "") == "Add stakeholder"][0]
    add.click()
    assert words in editor.message.value and 'role="alert"' in editor.message.value


def test_shipped_stakeholders_and_their_evidence():
    evidence = ethics.stakeholder_evidence()
    for who in ("Artists whose work trained the models", "The Argentine crew", "Audiences"):
        assert who in ethics.default_stakeholders()
        assert "source" in evidence[who]
    unsourced = [s for s, text in evidence.items() if text == ethics.NO_EVIDENCE]
    md = ethics.EthicalMatrix().to_markdown(evidence=evidence)
    for s in unsourced:
        assert f"**{s}**: {ethics.NO_EVIDENCE}" in md


def test_export_to_a_missing_folder_is_a_message(tmp_path):
    editor = MatrixEditor(folder=str(tmp_path / "nope"))
    editor.export()
    assert "Could not export" in editor.message.value
