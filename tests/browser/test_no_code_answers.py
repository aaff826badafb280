"""A student who never reads code answers one checked question per module through its widget alone,
restarts the kernel, and finds the answer kept: in the field, in the answers file next to the
notebook, and in the saved notebook, where the grader reads it.

Each exercise notebook of the kit (a throw-away copy, removed at the end) is opened in JupyterLab
in Chromium and run; the answer is typed into a text field, chosen in a drop-down or ticked in a
check box, by its label; then Kernel > Restart Kernel and Run All Cells.
"""

import json

import nbformat
import pytest
from playwright.sync_api import expect

from filmkit.tools import questions  # noqa: F401  (fills REGISTRY)
from filmkit.tools.question import REGISTRY
from filmkit.views.answers import AnswerFile

from . import lab as jl
from .test_walkthrough import _run_all
from .servers import ROOT

#: (exercise notebook, question, what the student enters: typed text, a drop-down label, or a check box label).
#: Exercise 2's typed answer takes the same path in tests/browser/test_walkthrough.py, in every language.
ANSWERS = [
    ("01_the_eternaut_case", "m01_q1", "5"),
    ("03_what_would_10x_take", "m03_q3", "Shots in the sequence"),
    ("04_work_and_jobs", "m04_q1", "40%"),
    ("05_ethics_and_governance", "m05_q3", "K05"),
]


def _field_cell(stem: str, qid: str) -> int:
    """Index, among code cells, of the cell that shows the answer field of ``qid``."""
    nb = nbformat.read(ROOT / "exercises" / f"{stem}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    found = [i for i, c in enumerate(code) if f'ask("{qid}")' in c.source]
    assert len(found) == 1, f"{stem}: no single answer field for {qid}"
    return found[0]


def _control(cell, qid: str, entry: str):
    """The labelled control a student uses, and the value the answers file should then hold."""
    q = REGISTRY[qid]
    if q.kind == "number":
        return cell.get_by_role("textbox", name=q.label), entry
    if q.kind == "choice":
        return cell.get_by_role("combobox", name=q.label), dict(q.options())[entry]
    label = next(text for text, v in q.options() if v == entry)
    return cell.get_by_role("checkbox", name=label, exact=True), [entry]


def _answer(page, control, kind: str, entry: str) -> None:
    if kind == "number":
        control.fill(entry)
        control.press("Enter")
    elif kind == "choice":
        control.select_option(label=entry)
    else:
        control.check()


def _shows(control, kind: str, entry: str) -> None:
    if kind == "number":
        expect(control).to_have_value(entry)
    elif kind == "choice":
        expect(control.locator("option:checked")).to_have_text(entry)
    else:
        expect(control).to_be_checked()


@pytest.mark.parametrize("stem, qid, entry", ANSWERS, ids=[a[1] for a in ANSWERS])
def test_answer_through_the_widget_survives_a_restart_and_reaches_the_grader(lab, lab_tab, artifacts, stem, qid, entry):
    page = lab_tab(lab)
    kind = REGISTRY[qid].kind
    folder = lab.cwd / "exercises"
    answers_file = folder / f"{stem}.answers.json"
    assert not answers_file.exists(), "the copy starts with no answers"

    jl.open_notebook(page, lab, f"exercises/{stem}.ipynb")
    _run_all(page)   # an exercise runs in seconds: its start is seen as the notebook's change
    assert jl.error_outputs(page) == []
    cell = jl.code_cells(page).nth(_field_cell(stem, qid))
    cell.scroll_into_view_if_needed()
    control, stored = _control(cell, qid, entry)
    expect(control).to_be_visible(timeout=30_000)
    expect(cell).not_to_contain_text(qid)                # the question's id is never shown, nor a record

    _answer(page, control, kind, entry)
    expect(cell.locator(jl.KERNEL_TEXT).filter(has_text="Saved at")).to_be_visible(timeout=20_000)
    expect(cell).not_to_contain_text(qid)
    expect(cell).not_to_contain_text("application/vnd")
    assert AnswerFile(stem, folder).load()[qid] == stored

    # A restart: a new kernel runs every cell again and the field reads the answer back.
    jl.menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    # The field is drawn anew: its message no longer says when it was saved in the old kernel.
    expect(cell.locator(jl.KERNEL_TEXT).filter(has_text="Saved at")).to_have_count(0, timeout=60_000)
    expect(page.get_by_text("[*]:", exact=True)).to_have_count(0, timeout=jl.LONG)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=jl.LONG)
    assert jl.error_outputs(page) == []
    control, _ = _control(cell, qid, entry)
    expect(control).to_be_visible(timeout=30_000)
    _shows(control, kind, entry)
    expect(cell).not_to_contain_text(qid)
    cell.screenshot(path=str(artifacts / f"answer-{qid}-after-restart.png"))
    assert json.loads(answers_file.read_text(encoding="utf-8"))["answers"][qid]["value"] == stored

    # Saved with the notebook, the answer is what the grader reads from a handed-in file.
    jl.save_and_expect_graded(page, folder / f"{stem}.ipynb", stem, qid, stored)
    assert page.js_errors == [], page.js_errors
    jl.menu(page, "Kernel", "Shut Down Kernel")
