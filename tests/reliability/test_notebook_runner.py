"""Item 7: `filmkit run` on a copy outside the kit, a missing path, a damaged notebook; written atomically."""

import nbformat

from filmkit.tools import notebooks


def _tiny(path, source="print(6 * 7)"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)
    return path


def test_item7_a_copy_outside_the_kit_runs_and_is_saved(tmp_path, capsys):
    copy = _tiny(tmp_path / "copy.ipynb")
    assert notebooks.main([str(copy)]) == 0
    out = capsys.readouterr().out
    assert f"ok     {copy}" in out
    saved = nbformat.read(copy, as_version=4)
    assert saved.cells[0].outputs[0]["text"] == "42\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.ipynb"], "no temporary file left behind"


def test_item7_a_missing_path_is_named_not_a_traceback(tmp_path, capsys):
    assert notebooks.main([str(tmp_path / "nowhere.ipynb")]) == 2
    out = capsys.readouterr().out
    assert "not found:" in out and "nowhere.ipynb" in out


def test_a_damaged_notebook_is_named_and_the_others_still_run(tmp_path, capsys):
    damaged = tmp_path / "damaged.ipynb"
    damaged.write_text('{"cells": [')
    good = _tiny(tmp_path / "good.ipynb")
    assert notebooks.main([str(damaged), str(good)]) == 1
    out = capsys.readouterr().out
    assert f"FAILED {damaged}" in out
    assert f"ok     {good}" in out
    assert damaged.read_text() == '{"cells": [', "a notebook that failed is never rewritten"


def test_a_notebook_with_an_error_is_reported_and_not_written(tmp_path, capsys):
    broken = _tiny(tmp_path / "broken.ipynb", "1 / 0")
    before = broken.read_text()
    assert notebooks.main([str(broken)]) == 1
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert broken.read_text() == before
