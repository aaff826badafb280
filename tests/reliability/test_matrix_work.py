"""Items 15 and 17 for the ethical matrix: work survives a kernel restart, exports never lose a fuller file."""

import csv
import io
import json
from datetime import datetime

import pytest

from filmkit.model import ethics
from filmkit.model.data import load
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
    _fill(b, 1)  # b lacks a's five cells: they are merged in, not written over
    kept = ethics.EthicalMatrix.from_json((tmp_path / AUTOSAVE).read_text())
    assert kept.filled() == 5  # b's one cell is one of a's five, changed by b the same way
    assert "added to this one" in b.message.value


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
    stakes = load("matrix_stakeholders").set_index("stakeholder")
    sources = load("sources").set_index("id")
    for who in ("Artists whose work trained the models", "The Argentine crew", "Audiences"):
        assert who in ethics.default_stakeholders()
        source = sources.loc[stakes.loc[who, "source_id"]]
        # the evidence names who published it and what, never the source's internal id
        assert source["publisher"] in evidence[who] and source["title"].rstrip(".") in evidence[who]
        assert stakes.loc[who, "source_id"] not in evidence[who]
    unsourced = [s for s, text in evidence.items() if text == ethics.NO_EVIDENCE]
    md = ethics.EthicalMatrix().to_markdown(evidence=evidence)
    for s in unsourced:
        assert f"**{s}**: {ethics.NO_EVIDENCE}" in md


def test_export_to_a_missing_folder_is_a_message(tmp_path):
    editor = MatrixEditor(folder=str(tmp_path / "nope"))
    editor.export()
    assert "Could not export" in editor.message.value


# ---- issue 21, item 3: two editors on one folder, and a file changed under an open editor ------------------

def _rate(editor, cells, rating="serves"):
    for s, v in cells:
        editor.stakeholder.value, editor.value.value = s, v
        editor.rating.value, editor.note.value = rating, f"{editor.student.value} on {s} / {v}"
        editor.save_cell()


def test_item3_two_editors_in_one_folder_keep_every_cell_in_one_file(tmp_path):
    a, b = MatrixEditor(folder=str(tmp_path)), MatrixEditor(folder=str(tmp_path))
    a.student.value, b.student.value = "Ana", "Ana"
    cells = list(a.matrix.cells)
    for i in range(20):  # the two editors take turns on different cells (the matrix has 40)
        _rate(a, [cells[2 * i]])
        _rate(b, [cells[2 * i + 1]], "harms")
    _rate(b, cells[1:10:2], "harms")  # b's clicks 21 to 25
    assert sorted(p.name for p in tmp_path.glob("ethical_matrix*")) == [AUTOSAVE]
    again = MatrixEditor(folder=str(tmp_path))  # a restart loads both editors' cells
    assert again.matrix.filled() == 40
    assert again.matrix.cells[cells[1]][0] == "harms" and again.matrix.cells[cells[0]][0] == "serves"


def test_item3_a_cell_changed_in_both_editors_keeps_the_other_version_aside(tmp_path):
    a, b = MatrixEditor(folder=str(tmp_path)), MatrixEditor(folder=str(tmp_path))
    cell = list(a.matrix.cells)[0]
    _rate(a, [cell], "serves")
    _rate(b, [cell], "harms")
    assert EthicalMatrix_from(tmp_path / AUTOSAVE).cells[cell][0] == "harms"
    assert EthicalMatrix_from(tmp_path / "ethical_matrix.replaced.json").cells[cell][0] == "serves"
    assert "also changed in another copy" in b.message.value


def EthicalMatrix_from(path):
    return ethics.EthicalMatrix.from_json(path.read_text())


def test_item3_an_unreadable_autosave_written_while_the_editor_is_open_is_kept_aside(tmp_path):
    editor = MatrixEditor(folder=str(tmp_path))
    _rate(editor, list(editor.matrix.cells)[:2])
    damaged = '{"kind": "ethical_matrix", "cells": [  written by a newer kit'
    (tmp_path / AUTOSAVE).write_text(damaged)
    _rate(editor, list(editor.matrix.cells)[2:3])
    assert (tmp_path / "ethical_matrix.damaged.json").read_text() == damaged
    assert EthicalMatrix_from(tmp_path / AUTOSAVE).filled() == 3
    assert "could not be read" in editor.message.value


def test_item3_copies_saved_by_an_earlier_kit_beside_the_autosave_are_merged_on_restart(tmp_path):
    a = MatrixEditor(folder=str(tmp_path))
    cells = list(a.matrix.cells)
    _rate(a, cells[:3])
    other = ethics.EthicalMatrix()
    for s, v in cells[3:28]:
        other.set(s, v, "mixed", "from the second editor")
    for n in range(1, 26):  # what the earlier kit left: one file per click
        name = "ethical_matrix.autosave-other.json" if n == 1 else f"ethical_matrix.autosave-other-{n}.json"
        (tmp_path / name).write_text(other.to_json())
    again = MatrixEditor(folder=str(tmp_path))
    assert again.matrix.filled() == 28
    assert "25 cells from ethical_matrix.autosave-other" in again.message.value
    assert not list(tmp_path.glob("ethical_matrix.autosave-other*[0-9].json"))
    assert len(list(tmp_path.glob("*.merged.json"))) == 25
