"""Every module, run once in JupyterLab in a real browser, on a student's 1366x768 screen and then at 200 % zoom
(the same screen with half as many CSS pixels each way, 683x384).

One Run All per module, and on it every check: it opens with code folded and the note under the title says
what to do first; it runs without errors; Tab from the notebook reaches every control of the kit's widgets and
no label is cut; every widget answers the keyboard; the kit's content passes axe; *Expand All Code* shows every
cell's code; at 200 % every widget fits the page (module 2's explorer is pressed there too)."""

import nbformat
import pytest
from playwright.sync_api import expect

from filmkit.tools import notebook_meta as meta

from . import lab as jl
from .conftest import SCREEN, ZOOMED
from .servers import ROOT, axe_violations
from .keyboard import cut_labels, scrolled_out, unreached_with_tab

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: still wider than the page at 200 % in JupyterLab: the test fails the day one fits, and it is then taken off
TOO_WIDE = {
    "01_the_eternaut_case": "the timeline's chart and controls run past the page's edge",
    "04_work_and_jobs": "the rebound sliders sit in a box as wide as the chart under them, wider than the page",
}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_module_in_jupyterlab(lab, lab_tab, artifacts, path):
    page = lab_tab(lab, SCREEN)
    jl.open_notebook(page, lab, f"notebooks/{path.name}")
    cells = jl.code_cells(page)

    # Story first: the code is folded on opening, and the note under the title says what to do first.
    expect(page.get_by_role("emphasis").filter(has_text="To start, choose Run › Run All Cells")).to_be_visible()
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    expect(cells).to_have_count(len(code))
    # a code editor exists only for a cell whose code is shown (a widget's text box is not one)
    editors = cells.locator(".jp-InputArea-editor").get_by_role("textbox")
    expect(editors).to_have_count(sum(1 for c in code if not meta.folded(c)))

    jl.run_all(page)
    page.screenshot(path=str(artifacts / f"{path.stem}-after-run.png"))
    assert jl.error_outputs(page) == []
    assert page.js_errors == [], page.js_errors

    # The keyboard: Tab from the notebook reaches every control; no label is cut.
    widget_cells = jl.widget_cells(path)
    expect(page.locator(".jp-OutputArea-output .jupyter-widgets").first).to_be_attached(timeout=60_000)
    notebook_cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell")
    missed = unreached_with_tab(page, lambda: notebook_cells.first.click(position={"x": 5, "y": 5}),
                                at_least=len(widget_cells))
    assert missed == [], f"{path.name}: Tab never reaches {missed}"
    assert cut_labels(page, ".jp-OutputArea-output") == [], f"{path.name}: labels cut short"

    # Every widget answers a key press with the kernel's new text (and chart).
    for index in widget_cells:
        cell = cells.nth(index)
        cell.scroll_into_view_if_needed()
        expect(cell.locator(jl.KERNEL_TEXT).first).to_be_attached(timeout=30_000)
        role = jl.press_and_expect_answer(page, cell)
        cell.screenshot(path=str(artifacts / f"{path.stem}-widget-{index}-{role}.png"))

    # The kit's content: rendered text and outputs (JupyterLab's own editor and toolbar are upstream).
    own, _upstream = axe_violations(page, {"include": [[".jp-MarkdownOutput"], [".jp-OutputArea"]]})
    assert own == [], own

    # At 200 %: every widget fits the page; module 2's explorer still answers there and keeps its labels.
    page.set_viewport_size(ZOOMED)
    page.wait_for_timeout(500)  # JupyterLab lays the notebook out again
    if path.stem.startswith("02"):
        explorer = page.locator(".jp-OutputArea-output").filter(has=page.get_by_role("slider")).first
        explorer.scroll_into_view_if_needed()
        jl.press_and_expect_answer(page, explorer, "slider")
        page.screenshot(path=str(artifacts / "zoom200-lab-module2-explorer.png"), full_page=False)
        assert cut_labels(page, ".jp-OutputArea-output") == [], "labels cut short at 200 %"
        assert scrolled_out(explorer) == [], "the explorer is wider than the page: its labels are cut at the edge"
    else:
        outputs = page.locator(".jp-OutputArea-output").filter(has=page.locator(".jupyter-widgets"))
        outside = []
        for i in range(outputs.count()):
            outputs.nth(i).scroll_into_view_if_needed()
            outside += scrolled_out(outputs.nth(i))
        if path.stem in TOO_WIDE:
            assert outside, f"{path.name} now fits at 200 %: take it off TOO_WIDE ({TOO_WIDE[path.stem]})"
        else:
            assert outside == [], f"{path.name}: widgets wider than the page at 200 %: {outside[:5]}"
            assert cut_labels(page, ".jp-OutputArea-output") == [], f"{path.name} at 200 %: labels cut short"

    # Every cell's code is one menu choice away.
    page.set_viewport_size(SCREEN)
    jl.menu(page, "View", "Expand All Code")
    expect(editors).to_have_count(len(code))
    assert page.js_errors == [], page.js_errors
