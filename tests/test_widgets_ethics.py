"""Widgets of modules 4 and 5, driven headlessly."""

from filmkit.model import ethics, labour
from filmkit.views import ethics_widgets, labour_views


def _leaves(box, kind):
    found = []
    for child in getattr(box, "children", ()):
        if hasattr(child, "children") and type(child).__name__ in ("VBox", "HBox", "Box"):
            found += _leaves(child, kind)
        elif type(child).__name__ == kind:
            found.append(child)
    return found


def test_rebound_widget_follows_both_sliders():
    w = labour_views.rebound_widget()
    sliders = _leaves(w, "FloatSlider")
    html = _leaves(w, "HTML")
    for slider in sliders:
        seen = set()
        for value in (slider.min, slider.max, round((slider.min + slider.max) / 2, 2)):
            slider.value = value
            seen.add(html[0].value)
        assert len(seen) == 3, slider.description
    sliders[0].value, sliders[1].value = 1.0, 0.5
    assert labour.rebound_sentence(labour.rebound(1.0, 0.5)) in html[0].value


def test_checklist_widget_presets_and_answers():
    w = ethics_widgets.checklist_widget()
    preset = _leaves(w, "Dropdown")[0]
    toggles = _leaves(w, "ToggleButtons")
    assert len(toggles) == 10
    verdict = w.children[-1]
    assert "Not yet answered (10)" in verdict.value
    preset.value = "The Eternaut's building collapse"
    assert "Written approval required" in verdict.value and "Not yet answered" not in verdict.value
    toggles[0].value = None
    assert "Not yet answered (1)" in verdict.value


def test_cases_widget_sorts_and_filters():
    w = ethics_widgets.cases_widget()
    sort_by, genre = _leaves(w, "Dropdown")
    table = w.children[-1]
    before = table.value
    sort_by.value = "consent"
    assert table.value != before and "sorted by consent" in table.value
    genre.value = "documentary"
    assert table.value.count("<tr>") == len(ethics.cases(genre="documentary")) + 1


def test_matrix_editor_saves_exports_and_explains(tmp_path):
    editor = ethics_widgets.MatrixEditor(folder=str(tmp_path))
    editor.save_cell()
    assert "Choose a rating" in editor.message.value
    editor.stakeholder.value, editor.value.value = "Unions", "Credit"
    editor.rating.value, editor.note.value = "mixed", "credit unclear"
    editor.save_cell()
    assert "mixed: credit unclear" in editor.table.value
    editor.export()
    cells = len(editor.matrix.cells)
    [md_file] = tmp_path.glob("ethical_matrix_*.md")
    md = md_file.read_text()
    assert "mixed: credit unclear" in md and f"{cells - 1} cells are not filled" in editor.message.value
    back = ethics.EthicalMatrix.from_csv(md_file.with_suffix(".csv").read_text())
    assert back.cells == editor.matrix.cells


def test_matrix_export_to_a_missing_folder_gives_a_message(tmp_path):
    editor = ethics_widgets.MatrixEditor(folder=str(tmp_path / "nope"))
    editor.export()
    assert "Could not export" in editor.message.value


def test_matrix_export_keeps_an_accented_name(tmp_path):
    editor = ethics_widgets.MatrixEditor(folder=str(tmp_path))
    editor.student.value = "Élodie Martín"
    editor.export()
    [md_file] = tmp_path.glob("ethical_matrix_*.md")
    assert md_file.name.startswith("ethical_matrix_Élodie-Martín_")
    assert md_file.read_text(encoding="utf-8").startswith("# Ethical matrix: Élodie Martín")
