"""A student who has never coded, alone, in each language, at 1366x768: from the README's command to a
saved, restarted exercise that reaches the grader.

JupyterLab is started the way the README says (``jupyter lab notebooks/00_start_here.ipynb
--notebook-dir=.``, on a throw-away copy of the kit, ``readme_lab`` in tests/browser/conftest.py). The student
reads the first cell (it says to run all cells), runs the start notebook, clicks *Module 2* in its learning
path, finds a sentence where each widget will be (not ``VBox(...)``: the notebooks are not trusted), runs it and
moves the explorer, clicks *Exercises 2*, runs it, gets two wrong numbers counted as attempts under the field,
types a written answer (saved as typed; Tab leaves the box), the right number, restarts the kernel and finds
everything kept, saves the notebook, and the grader reads the answer from the file. Every page is searched
for what a non-coder must never meet: a Python repr, a widget's text fallback, an internal question id, a
record's MIME key, a test marker or code on a folded line, an error, a label cut short, and in Spanish and
French the kit's English. Screenshots of the first screen, module 2 before a run and its explorer, and
exercise 2 after the restart go to ``test-artifacts/browser/``.

One student's whole path is one test: each step starts where the one before left the page, as it does for
the student, and JupyterLab, each notebook and each run are loaded once.
"""

import ast
import json
import os
import re
import subprocess
import sys

import nbformat
import pytest
from playwright.sync_api import expect

from filmkit.i18n import LANGUAGES, _, pgettext, use_language
from filmkit.tools import questions  # noqa: F401  (fills REGISTRY)
from filmkit.tools.notebooks import BEFORE_A_RUN
from filmkit.tools.question import REGISTRY
from tests.i18n.english import english_left

from .conftest import readme_command
from .test_editions import CUT, WORDS

from . import lab as jl
from .servers import ROOT

#: What the student must never read on a page: a Python repr, a widget shown as text, test machinery, an
#: internal question id, an internal name, the MIME key of an answer's record.
MACHINERY = re.compile(r"<filmkit\.|object at 0x| at 0x[0-9a-f]{6,}|VBox\(|HBox\(|IntSlider\(|children=\(|NBVAL_"
                       r"|Traceback|m0\d_q\d|_student|application/vnd")
LINKS = {"en": ("Module 2", "Exercises 2"), "es": ("Módulo 2", "Ejercicios 2"), "fr": ("Module 2", "Exercices 2")}
STEM, QUESTION, ENTRY, TASK = "02_cost_and_time", "m02_q1", "700", "2.4"
TEXT = "Most of the calendar is spent waiting for review notes."
#: Names the editions' prose rightly keeps (the series' title, as notebook 00 writes it in every language).
NAMES = {"The Eternaut (El Eternauta)"}


def test_the_readme_starts_jupyterlab_on_the_start_notebook_at_the_kits_root():
    words = readme_command()
    assert words[:3] == ["jupyter", "lab", "notebooks/00_start_here.ipynb"], words
    assert "--notebook-dir=." in words, words


def _task_title(relative: str) -> str:
    """The title the text box of the written task carries, as the edition's notebook words it."""
    nb = nbformat.read(ROOT / relative, as_version=4)
    cell = next(c for c in nb.cells if (c.metadata.get("filmkit") or {}).get("answer") == TASK)
    call = next(n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Call) and
                getattr(n.func, "id", "") == "written_answer")
    return ast.literal_eval(call.args[1])


def _no_machinery(page, where: str, lang: str = "en") -> None:
    text = jl.notebook_panel(page).inner_text()
    if lang != "en":
        left = [phrase for phrase in english_left(text, lang) if phrase not in NAMES]
        assert left == [], f"{where}: English left in the {lang} edition"
    found = sorted(set(MACHINERY.findall(text)))
    assert found == [], f"{where}: the page shows {found}"
    folded = [t for t in jl.notebook_panel(page).locator(".jp-InputPlaceholder").all_inner_texts()
              if re.search(r"\w", t)]
    assert folded == [], f"{where}: folded cells show code: {folded[:3]}"
    assert jl.error_outputs(page) == [], where
    assert page.evaluate(CUT, WORDS) == [], f"{where}: labels cut short"


def _open_link(page, name: str, path: str) -> None:
    """Click a link of the notebook's text: JupyterLab opens the notebook it names (``path``) in a tab."""
    link = jl.notebook_panel(page).get_by_role("link", name=name, exact=True)
    link.scroll_into_view_if_needed()
    link.click()
    tab = page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab[title*="Path: {path}"]')
    expect(tab).to_have_count(1, timeout=30_000)
    tab.click()
    expect(page).to_have_url(re.compile(re.escape(path)), timeout=30_000)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=90_000)


def _run_all(page) -> None:
    """Run › Run All Cells, once, and wait for the end. A short notebook can finish before a running
    cell's [*] is seen, so the sign it started is the notebook becoming modified (its tab's dot)."""
    jl.menu(page, "Run", "Run All Cells")
    current = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
    expect(current).to_have_class(re.compile(r"\bjp-mod-dirty\b"), timeout=60_000)
    expect(page.get_by_text("[*]:", exact=True)).to_have_count(0, timeout=jl.LONG)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=jl.LONG)


def _field(page, lang: str):
    q = REGISTRY[QUESTION]
    with use_language(lang):
        label = _(q.label)
    return jl.notebook_panel(page).get_by_role("textbox", name=label)


def _restart_and_run_all(page) -> None:
    jl.menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    expect(page.get_by_text("[*]:", exact=True)).to_have_count(0, timeout=jl.LONG)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=jl.LONG)


def _before_a_run(page, lang: str, where: str) -> None:
    """A module opened before any run: a sentence in the notebook's language where each widget will be, never a
    widget as Python text, and no control drawn cut off from a kernel."""
    with use_language(lang):
        sentence = _(BEFORE_A_RUN)
    said = jl.notebook_panel(page).get_by_text(sentence, exact=True)
    expect(said.first).to_be_visible(timeout=30_000)
    assert jl.notebook_panel(page).get_by_role("slider").count() == 0, f"{where}: widgets drawn before a run"


def _exercise(page, readme_lab, artifacts, lang: str, relative: str) -> None:
    """Exercise 2 after Run All: two wrong numbers, a written answer, the right number, a restart, a save."""
    edition = "" if lang == "en" else f"{lang}/"
    answers = readme_lab.cwd / "exercises" / edition / f"{STEM}.answers.json"
    q = REGISTRY[QUESTION]
    with use_language(lang):
        label, name_label = _(q.label), _("Your name (as your instructor lists you)")
        attempt = _("Attempt {count}:")
        not_yet, unanswered = pgettext("check status", "not yet"), _("not answered yet")
        marked = _("not written yet; marked by your instructor").split(";")[-1].strip()
    title = _task_title(relative)
    panel = jl.notebook_panel(page)
    expect(panel.get_by_role("textbox", name=name_label)).to_have_count(1)
    summary = panel.locator(jl.KERNEL_TEXT).filter(has_text=marked).last
    expect(summary).to_contain_text(unanswered)

    # A wrong number twice: the feedback is under the field, counted; the summary follows at once.
    field = panel.get_by_role("textbox", name=label)
    box = panel.locator(".widget-vbox").filter(has=page.get_by_role("textbox", name=label)).last
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
    area = panel.get_by_role("textbox", name=title)
    area.scroll_into_view_if_needed()
    area.click()
    page.keyboard.type(TEXT)
    status = panel.locator(".widget-vbox").filter(has=page.get_by_role("textbox", name=title)).last.locator(
        jl.KERNEL_TEXT)
    expect(status).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=20_000)

    def saved(key: str, part: str, value) -> bool:
        try:
            return json.loads(answers.read_text(encoding="utf-8"))[part][key][
                "text" if part == "written" else "value"] == value
        except (OSError, ValueError, KeyError):
            return False

    jl.wait_for(lambda: saved(TASK, "written", TEXT), f"{answers.name} holding the written answer")
    page.keyboard.press("Tab")
    assert not area.evaluate("e => document.activeElement === e"), "Tab did not leave the text box"
    expect(area).to_have_value(TEXT)

    # The right number: saved where the grader reads it, the page saying when.
    field.scroll_into_view_if_needed()
    field.fill(ENTRY)
    field.press("Enter")
    expect(box.locator(jl.KERNEL_TEXT).filter(has_text=attempt.format(count=3))).to_have_count(1, timeout=20_000)
    jl.wait_for(lambda: saved(QUESTION, "answers", ENTRY), f"{answers.name} holding the answer")
    _no_machinery(page, f"{relative} after answering", lang)

    # A restart: a new kernel runs every cell again; the answers, the written text and the attempts come back.
    _restart_and_run_all(page)
    field = _field(page, lang)
    expect(field).to_have_value(ENTRY, timeout=30_000)
    expect(panel.get_by_role("textbox", name=title)).to_have_value(TEXT, timeout=30_000)
    box = panel.locator(".widget-vbox").filter(has=page.get_by_role("textbox", name=label)).last
    expect(box).to_contain_text(attempt.format(count=3), timeout=30_000)
    field.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"walkthrough-{lang}-3-exercise2-answered.png"))
    _no_machinery(page, f"{relative} after a restart", lang)
    summary = panel.locator(jl.KERNEL_TEXT).filter(has_text=marked).last
    summary.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"walkthrough-{lang}-4-written-and-summary.png"))

    # Saved with the notebook, the answer is what the grader reads from a handed-in file.
    jl.save_and_expect_graded(page, readme_lab.cwd / relative, STEM, QUESTION, ENTRY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_from_the_readme_to_a_graded_exercise_without_meeting_code(readme_lab, lab_tab, artifacts, lang):
    page, edition = lab_tab(readme_lab), "" if lang == "en" else f"{lang}/"
    start = f"notebooks/{edition}00_start_here.ipynb"
    exercise = f"exercises/{edition}{STEM}.ipynb"
    answers = readme_lab.cwd / "exercises" / edition / f"{STEM}.answers.json"
    answers.unlink(missing_ok=True)
    try:
        jl.open_notebook(page, readme_lab, start)

        # The first thing on screen says what to do, in the student's language; nothing folded shows code.
        first = jl.notebook_panel(page).locator(".jp-MarkdownCell").first
        expect(first).to_contain_text("Run › Run All Cells")
        expect(first).to_be_in_viewport()
        page.screenshot(path=str(artifacts / f"walkthrough-{lang}-1-first-screen.png"))
        _no_machinery(page, f"{start} before a run", lang)
        _run_all(page)
        _no_machinery(page, start, lang)

        # Module 2, one click from the learning path: before a run, a sentence where its widgets will be; after
        # Run All, its explorer answers a key press.
        module, exercises = LINKS[lang]
        _open_link(page, module, f"notebooks/{edition}{STEM}.ipynb")
        _before_a_run(page, lang, f"notebooks/{edition}{STEM}.ipynb")
        _no_machinery(page, f"notebooks/{edition}{STEM}.ipynb before a run", lang)
        page.screenshot(path=str(artifacts / f"walkthrough-{lang}-2-module2-before-a-run.png"))
        _run_all(page)
        explorer = jl.notebook_panel(page).locator(".jp-OutputArea-output").filter(
            has=page.get_by_role("slider")).first
        explorer.scroll_into_view_if_needed()
        jl.press_and_expect_answer(page, explorer, "slider")
        page.screenshot(path=str(artifacts / f"walkthrough-{lang}-2-module2-explorer.png"))
        _no_machinery(page, f"notebooks/{edition}{STEM}.ipynb", lang)

        # Exercise 2, one click from the start notebook: the first cell says to run; answers kept and graded.
        page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab[title*="Path: {start}"]').click()
        _open_link(page, exercises, exercise)
        first = jl.notebook_panel(page).locator(".jp-MarkdownCell").first
        expect(first).to_contain_text("Run › Run All Cells")
        expect(first).to_be_in_viewport()
        _no_machinery(page, f"{exercise} before a run", lang)
        _run_all(page)
        _no_machinery(page, exercise, lang)
        _exercise(page, readme_lab, artifacts, lang, exercise)
        assert page.js_errors == [], page.js_errors
    finally:
        answers.unlink(missing_ok=True)   # other tests start exercise 2 with no answers
        copy = readme_lab.cwd / exercise  # and with the notebook as released
        copy.write_text((ROOT / exercise).read_text(encoding="utf-8"), encoding="utf-8")


def test_a_trusted_notebook_draws_its_saved_widgets_cut_off_from_the_kernel(readme_lab, lab_tab, artifacts):
    """Why the README does not trust the notebooks (``jupyter trust``): JupyterLab draws a saved widget only in a
    notebook it trusts, and a trusted notebook draws its saved widgets before a run but cut off from any kernel
    (every control marked with a broken-link sign, and moving one computes nothing) until the student runs all
    cells anyway. The sentence the walkthrough finds says the same without controls that do nothing. The
    README's JupyterLab has a Jupyter data folder of its own, so only this test signs a notebook (module 4,
    which the walkthrough does not open)."""
    page = lab_tab(readme_lab)
    path = "notebooks/04_work_and_jobs.ipynb"
    signed = subprocess.run([sys.executable, "-m", "jupyter", "trust", path], cwd=readme_lab.cwd,
                            capture_output=True, text=True,
                            env=dict(os.environ, JUPYTER_DATA_DIR=str(readme_lab.data_dir), JUPYTER_PLATFORM_DIRS="1"))
    assert signed.returncode == 0, signed.stderr
    jl.open_notebook(page, readme_lab, path)
    sliders = jl.notebook_panel(page).get_by_role("slider")
    expect(sliders.first).to_be_attached(timeout=30_000)
    sliders.first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "before-a-run-trusted-module4.png"))
    cut_off = page.locator(".jupyter-widgets-disconnected").count()
    assert cut_off > 0, "the saved widgets now connect to the kernel: trusting the notebooks may be worth doing"
