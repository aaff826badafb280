"""Every notebook, run in JupyterLab in a real browser: no errors, widgets render and answer the keyboard."""

import time

import pytest

from . import lab as jl
from .servers import ROOT, axe_violations

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_widgets_answer(lab, page, artifacts, path):
    nb_code_cells = sum(1 for c in __import__("nbformat").read(path, 4).cells if c.cell_type == "code")
    jl.open_notebook(page, lab, f"notebooks/{path.name}")
    jl.run_all(page, nb_code_cells)
    page.screenshot(path=str(artifacts / f"{path.stem}-after-run.png"), full_page=False)

    assert jl.error_outputs(page) == []
    assert page.js_errors == [], page.js_errors

    widget_cells = jl.widget_cells(path)
    for index in widget_cells:
        cell = jl.code_cell(page, index)
        cell.scroll_into_view_if_needed()
        assert cell.locator(".jupyter-widgets").count() > 0, f"code cell {index}: widget did not render"
        before = jl.output_state(cell)
        assert before, f"code cell {index}: the widget shows nothing"
        explorer = cell.locator("img[alt^='Cost of the sequence']")
        chart_before = explorer.first.get_attribute("src") if explorer.count() else None
        numbers_before = cell.locator("table.filmkit-table").first.inner_text() if explorer.count() else None
        if jl.nudge_first_slider(page, cell):
            after = jl.wait_for_change(cell, before)
            assert after != before, f"code cell {index}: a keyboard move of the slider changed nothing"
            if chart_before is not None:  # the scenario explorer: both the chart and the numbers must answer
                deadline = time.monotonic() + 15
                while explorer.first.get_attribute("src") == chart_before and time.monotonic() < deadline:
                    time.sleep(0.1)
                assert explorer.first.get_attribute("src") != chart_before, "the explorer's chart did not change"
                assert cell.locator("table.filmkit-table").first.inner_text() != numbers_before
        cell.screenshot(path=str(artifacts / f"{path.stem}-widget-{index}.png"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_content_has_no_serious_accessibility_violations(lab, page, path):
    nb_code_cells = sum(1 for c in __import__("nbformat").read(path, 4).cells if c.cell_type == "code")
    jl.open_notebook(page, lab, f"notebooks/{path.name}")
    jl.run_all(page, nb_code_cells)
    # The kit's content: rendered text and outputs (JupyterLab's own editor and toolbar are upstream).
    own, upstream = axe_violations(page, {"include": [[".jp-MarkdownOutput"], [".jp-OutputArea"]]})
    assert own == [], own
