"""The committed notebooks: executed, clean, well-structured, and honest about what they check.

nbval (run by the same `python -m pytest`) re-executes every notebook and compares
the cells marked `# NBVAL_CHECK_OUTPUT`; these tests check what nbval cannot.
"""

import re
from pathlib import Path

import nbformat
import pytest

from filmkit.tools.notebooks import default_notebooks, problems

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = default_notebooks()
MODULE_NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _id(path):
    return str(path.relative_to(ROOT))


def _read(path):
    return nbformat.read(path, as_version=4)


def _is_widget(cell):
    return any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", []))


def _markers(cell):
    return {line.strip().lstrip("#").strip() for line in cell.source.splitlines() if line.strip().startswith("#")}


def test_the_first_notebooks_exist():
    names = {p.name for p in MODULE_NOTEBOOKS}
    assert {"00_start_here.ipynb", "01_the_eternaut_case.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_kernel_is_python3(path):
    assert _read(path).metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_committed_executed_in_order_and_clean(path):
    nb = _read(path)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert None not in counts, "some code cells were not run: regenerate with `python -m filmkit.notebooks`"
    assert counts == list(range(1, len(counts) + 1)), "cells were run out of order"
    assert problems(nb) == []


@pytest.mark.parametrize("path", MODULE_NOTEBOOKS, ids=_id)
def test_pythia_skeleton(path):
    nb = _read(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    titles = re.findall(r"^# \S.*$", text, flags=re.M)
    assert len(titles) == 1 and nb.cells[0].source.startswith("# "), titles
    for heading in ["## Overview", "## Prerequisites", "**Time to learn**", "## Summary",
                    "### What's next?", "## Resources and references"]:
        assert heading in text, heading


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_every_output_is_checked_or_deliberately_not(path):
    """A cell that shows numbers or tables is compared by nbval, unless it says why not."""
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type != "code" or not cell.outputs or _is_widget(cell):
            continue
        plain = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        if plain.startswith("[Figure:"):
            continue  # a figure: its pixels are not compared; the table or text beside it is
        marks = _markers(cell)
        assert "NBVAL_CHECK_OUTPUT" in marks or "NBVAL_IGNORE_OUTPUT" in marks, f"cell {i} shows output unchecked"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_widgets_have_saved_state_and_a_static_twin(path):
    """Apps (apps/, run with Voila) are live by design; their static reading is the module notebook."""
    nb = _read(path)
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    code = [c for c in nb.cells if c.cell_type == "code"]
    for k, cell in enumerate(code):
        if not _is_widget(cell):
            continue
        for out in cell.outputs:
            if WIDGET_MIME in out.get("data", {}):
                assert out["data"][WIDGET_MIME]["model_id"] in state, "widget state not saved"
        if path.parent.name != "apps":
            assert k > 0 and code[k - 1].outputs and not _is_widget(code[k - 1]), \
                "a widget needs its default state shown statically in the code cell before it"
        assert "print(" not in cell.source, "widget cells must not print into their own output"


def test_problems_finds_errors_hidden_in_widget_state():
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {
        "abc": {"state": {"outputs": [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "x"}]}}}}}
    cell = nbformat.v4.new_code_cell("1/0")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: careful")]
    nb.cells.append(cell)
    found = problems(nb)
    assert any("ZeroDivisionError" in p for p in found) and any("stderr" in p for p in found)
