"""Every module, run once in JupyterLab in a real browser: opens with code folded, runs without errors,
every widget answers the keyboard, and the kit's content passes axe."""

import nbformat
import pytest
from playwright.sync_api import expect

from filmkit.tools import notebook_meta as meta

from . import lab as jl
from .servers import ROOT, axe_violations

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_module_in_jupyterlab(lab, page, artifacts, path):
    jl.open_notebook(page, lab, f"notebooks/{path.name}")
    cells = jl.code_cells(page)

    # Story first: the code is folded on opening, and the note under the title says what to do first.
    expect(page.get_by_role("emphasis").filter(has_text="To start, choose Run › Run All Cells")).to_be_visible()
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    expect(cells).to_have_count(len(code))
    editors = cells.get_by_role("textbox")  # a code editor exists only for a cell whose code is shown
    expect(editors).to_have_count(sum(1 for c in code if not meta.folded(c)))
    jl.menu(page, "View", "Expand All Code")
    expect(editors).to_have_count(len(code))

    jl.run_all(page)
    page.screenshot(path=str(artifacts / f"{path.stem}-after-run.png"))
    assert jl.error_outputs(page) == []
    assert page.js_errors == [], page.js_errors

    widget_cells = jl.widget_cells(path)
    for index in widget_cells:
        cell = cells.nth(index)
        cell.scroll_into_view_if_needed()
        expect(cell.locator(jl.KERNEL_TEXT).first).to_be_attached(timeout=30_000)
        role = jl.press_and_expect_answer(page, cell)
        cell.screenshot(path=str(artifacts / f"{path.stem}-widget-{index}-{role}.png"))

    # The kit's content: rendered text and outputs (JupyterLab's own editor and toolbar are upstream).
    own, _upstream = axe_violations(page, {"include": [[".jp-MarkdownOutput"], [".jp-OutputArea"]]})
    assert own == [], own
