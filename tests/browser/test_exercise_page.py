"""Exercise 2 as a student who never reads code sees it, in each language, at 1366x768 in JupyterLab.

Before any run the first cell says to run all cells and no folded cell shows code. After Run All the
page shows no question id, no ``_student``, no MIME key, no Python repr, no label cut short and the
name field once; an answer typed in a field gets its feedback under that field with the attempt's
number, and the summary at the end (exercise titles, written tasks left for the instructor) follows
it at once. A
written answer is typed in a text box labelled with its task, saved as typed (the line under it
says so), and Tab leaves the box. After Kernel > Restart Kernel and Run All Cells the written
answer and the attempt count are back. A screenshot of the answered exercise goes to
``test-artifacts/browser/``.
"""

import ast
import json
import re

import nbformat
import pytest
from playwright.sync_api import expect

from filmkit.i18n import LANGUAGES, _, pgettext, use_language
from filmkit.tools import questions  # noqa: F401  (fills REGISTRY)
from filmkit.tools.question import REGISTRY

from . import lab as jl
from .servers import ROOT
from .test_editions import CUT, WORDS

STEM, QUESTION, TASK = "02_cost_and_time", "m02_q1", "2.4"
#: what a non-coder must never read on the page
MACHINERY = re.compile(r"m0\d_q\d|_student|application/vnd|<filmkit\.|object at 0x|VBox\(|HBox\(|NBVAL_|Traceback")
TEXT = "Most of the calendar is spent waiting for review notes."


def _task_title(relative: str) -> str:
    """The title the text box of the written task carries, as the edition's notebook words it."""
    nb = nbformat.read(ROOT / relative, as_version=4)
    cell = next(c for c in nb.cells if (c.metadata.get("filmkit") or {}).get("answer") == TASK)
    call = next(n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Call) and
                getattr(n.func, "id", "") == "written_answer")
    return ast.literal_eval(call.args[1])


def _no_machinery(page, where: str) -> None:
    text = jl.notebook_panel(page).inner_text()
    assert sorted(set(MACHINERY.findall(text))) == [], f"{where}: the page shows {sorted(set(MACHINERY.findall(text)))}"
    folded = [t for t in jl.notebook_panel(page).locator(".jp-InputPlaceholder").all_inner_texts() if re.search(r"\w", t)]
    assert folded == [], f"{where}: folded cells show code: {folded[:3]}"
    assert jl.error_outputs(page) == [], where
    assert page.evaluate(CUT, WORDS) == [], f"{where}: labels cut short"


def _run_all(page) -> None:
    """Run › Run All Cells once and wait for the end. A short notebook can finish before a running cell's
    [*] is seen, so the sign it started is the notebook becoming modified (its tab's dot)."""
    jl.menu(page, "Run", "Run All Cells")
    current = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
    expect(current).to_have_class(re.compile(r"\bjp-mod-dirty\b"), timeout=60_000)
    expect(page.get_by_text("[*]:", exact=True)).to_have_count(0, timeout=jl.LONG)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=jl.LONG)


def _restart_and_run_all(page) -> None:
    jl.menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    expect(page.get_by_text("[*]:", exact=True)).to_have_count(0, timeout=jl.LONG)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=jl.LONG)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_exercise_shows_answers_and_feedback_in_one_place_and_no_machinery(lab, student, artifacts, lang):
    page, edition = student, "" if lang == "en" else f"{lang}/"
    relative = f"exercises/{edition}{STEM}.ipynb"
    answers = lab.cwd / "exercises" / edition / f"{STEM}.answers.json"
    answers.unlink(missing_ok=True)
    q = REGISTRY[QUESTION]
    with use_language(lang):
        label, name_label = _(q.label), _("Your name (as your instructor lists you)")
        attempt = _("Attempt {count}:")
        not_yet, unanswered = pgettext("check status", "not yet"), _("not answered yet")
        marked = _("not written yet; marked by your instructor").split(";")[-1].strip()
    title = _task_title(relative)
    try:
        jl.open_notebook(page, lab, relative)
        first = jl.notebook_panel(page).locator(".jp-MarkdownCell").first
        expect(first).to_contain_text("Run › Run All Cells")
        expect(first).to_be_in_viewport()
        _no_machinery(page, f"{relative} before Run All")
        _run_all(page)
        _no_machinery(page, f"{relative} after Run All")
        expect(jl.notebook_panel(page).get_by_role("textbox", name=name_label)).to_have_count(1)
        summary = jl.notebook_panel(page).locator(jl.KERNEL_TEXT).filter(has_text=marked).last
        expect(summary).to_contain_text(unanswered)

        # A wrong number twice: the feedback is under the field, counted; the summary follows at once.
        field = jl.notebook_panel(page).get_by_role("textbox", name=label)
        box = jl.notebook_panel(page).locator(".widget-vbox").filter(has=page.get_by_role("textbox", name=label)).last
        for count, entry in ((1, "1"), (2, "2")):
            field.scroll_into_view_if_needed()
            field.fill(entry)
            field.press("Enter")
            expect(box).to_contain_text(attempt.format(count=count), timeout=20_000)
        expect(box).to_contain_text(not_yet)
        first_row = summary.locator("li").first
        expect(first_row).not_to_contain_text(unanswered, timeout=20_000)
        expect(first_row).to_contain_text(not_yet)

        # A written answer typed in its box, saved as typed; Tab leaves the box and types nothing.
        area = jl.notebook_panel(page).get_by_role("textbox", name=title)
        area.scroll_into_view_if_needed()
        area.click()
        page.keyboard.type(TEXT)
        status = jl.notebook_panel(page).locator(".widget-vbox").filter(
            has=page.get_by_role("textbox", name=title)).last.locator(jl.KERNEL_TEXT)
        expect(status).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=20_000)

        def saved() -> bool:
            try:
                return json.loads(answers.read_text(encoding="utf-8"))["written"][TASK]["text"] == TEXT
            except (OSError, ValueError, KeyError):
                return False

        jl.wait_for(saved, f"{answers.name} holding the written answer")
        page.keyboard.press("Tab")
        assert not area.evaluate("e => document.activeElement === e"), "Tab did not leave the text box"
        expect(area).to_have_value(TEXT)
        _no_machinery(page, f"{relative} after answering")

        # A restart: the written answer and the attempts come back; nothing contradicts the field.
        _restart_and_run_all(page)
        area = jl.notebook_panel(page).get_by_role("textbox", name=title)
        expect(area).to_have_value(TEXT, timeout=30_000)
        field = jl.notebook_panel(page).get_by_role("textbox", name=label)
        expect(field).to_have_value("2")
        box = jl.notebook_panel(page).locator(".widget-vbox").filter(has=page.get_by_role("textbox", name=label)).last
        expect(box).to_contain_text(attempt.format(count=2), timeout=30_000)
        field.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"exercise-{lang}-02-answered-after-restart.png"))
        _no_machinery(page, f"{relative} after a restart")
        summary = jl.notebook_panel(page).locator(jl.KERNEL_TEXT).filter(has_text=marked).last
        summary.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"exercise-{lang}-02-written-and-summary.png"))
        assert page.js_errors == [], page.js_errors
    finally:
        jl.menu(page, "Kernel", "Shut Down Kernel")
        answers.unlink(missing_ok=True)   # other tests start exercise 2 with no answers
        shown_copy = lab.cwd / relative   # and with the notebook as released
        shown_copy.write_text((ROOT / relative).read_text(encoding="utf-8"), encoding="utf-8")
