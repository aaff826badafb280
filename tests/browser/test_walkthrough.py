"""A student who has never coded, alone, in each language, at 1366x768: from the README's command to a
saved, restarted exercise.

JupyterLab is started the way the README says (``jupyter lab notebooks/00_start_here.ipynb
--notebook-dir=.``, on a throw-away copy of the kit). The student reads the first cell (it says to
run all cells), runs the start notebook, clicks *Module 2* in its learning path, runs it and moves the
explorer, clicks *Exercises 2*, runs it, types an answer, restarts the kernel and finds the answer kept.
Every page is searched for what a non-coder must never meet: a Python repr, a widget's text fallback,
a test marker or code on a folded line, an error, a label cut short, and in Spanish and French the
kit's English. Screenshots of the first screen, module 2's
explorer and exercise 2 after the answer go to ``test-artifacts/browser/``.

A second test looks at what used to show through: a widget as text before any run, internal question
ids, the answer's MIME key, the first line of an edition's language switch.
"""

import json
import re
import shlex

import pytest
from playwright.sync_api import expect

from filmkit.i18n import LANGUAGES, _, use_language
from filmkit.tools import questions  # noqa: F401  (fills REGISTRY)
from filmkit.tools.question import REGISTRY
from tests.i18n.english import english_left

from .test_editions import CUT, WORDS

from . import lab as jl
from .servers import ROOT, Server, free_port

#: What the student must never read on a page: a Python repr, a widget shown as text, test machinery.
MACHINERY = re.compile(r"<filmkit\.|object at 0x| at 0x[0-9a-f]{6,}|VBox\(|HBox\(|IntSlider\(|NBVAL_|Traceback")
LINKS = {"en": ("Module 2", "Exercises 2"), "es": ("Módulo 2", "Ejercicios 2"), "fr": ("Module 2", "Exercices 2")}
QUESTION, ENTRY = "m02_q1", "700"
#: The first line of an edition's language switch, as it was shown folded before the switch began with an empty line.
SWITCH = "import filmkit"
#: Names the editions' prose rightly keeps (the series' title, as notebook 00 writes it in every language).
NAMES = {"The Eternaut (El Eternauta)"}


def _readme_command() -> list[str]:
    """The README's first command, after the install: ``jupyter lab <start notebook> <options>``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"&& (jupyter lab [^\n`]+)", text).group(1)
    return shlex.split(line)


@pytest.fixture(scope="module")
def readme_lab(kit_copy):
    """JupyterLab started in the kit's folder with the README's arguments (plus a port and a token)."""
    import secrets
    import sys

    words = _readme_command()
    assert words[:2] == ["jupyter", "lab"] and words[2] == "notebooks/00_start_here.ipynb", words
    port, token = free_port(), secrets.token_hex(16)
    # Every cell kept in the page (JupyterLab otherwise drops cells scrolled out of a 768-pixel view), so
    # the whole notebook is searched and a running cell is seen wherever it is.
    settings = kit_copy / "lab-settings"
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    args = [sys.executable, "-m", "jupyter", "lab", *words[2:], "--no-browser", f"--port={port}",
            f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={kit_copy / 'lab-workspaces'}",
            "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", "--allow-root",
            "--ServerApp.port_retries=0", "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    server = Server(args, f"http://127.0.0.1:{port}", f"/api/status?token={token}", kit_copy, "walkthrough-lab.log")
    server.token = token
    yield server
    server.stop()


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_from_the_readme_to_a_saved_exercise_without_meeting_code(readme_lab, student, artifacts, lang):
    page, edition = student, "" if lang == "en" else f"{lang}/"
    start = f"notebooks/{edition}00_start_here.ipynb"
    jl.open_notebook(page, readme_lab, start)

    # The first thing on screen says what to do, in the student's language.
    first = jl.notebook_panel(page).locator(".jp-MarkdownCell").first
    expect(first).to_contain_text("Run › Run All Cells")
    expect(first).to_be_in_viewport()
    page.screenshot(path=str(artifacts / f"walkthrough-{lang}-1-first-screen.png"))
    _run_all(page)
    _no_machinery(page, start, lang)

    # Module 2, one click from the learning path: its explorer answers a key press.
    module, exercises = LINKS[lang]
    _open_link(page, module, f"notebooks/{edition}02_cost_and_time.ipynb")
    _run_all(page)
    explorer = jl.notebook_panel(page).locator(".jp-OutputArea-output").filter(has=page.get_by_role("slider")).first
    explorer.scroll_into_view_if_needed()
    jl.press_and_expect_answer(page, explorer, "slider")
    page.screenshot(path=str(artifacts / f"walkthrough-{lang}-2-module2-explorer.png"))
    _no_machinery(page, f"notebooks/{edition}02_cost_and_time.ipynb", lang)

    # Exercise 2, one click from the start notebook: an answer typed, kept through a restart.
    page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab[title*="Path: {start}"]').click()
    _open_link(page, exercises, f"exercises/{edition}02_cost_and_time.ipynb")
    _run_all(page)
    field = _field(page, lang)
    field.scroll_into_view_if_needed()
    field.fill(ENTRY)
    field.press("Enter")
    answers = readme_lab.cwd / "exercises" / edition / "02_cost_and_time.answers.json"
    jl.wait_for(lambda: answers.is_file() and QUESTION in json.loads(answers.read_text(encoding="utf-8"))["answers"],
              f"{answers.name} holding the answer")
    jl.menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    expect(page.get_by_text("[*]:", exact=True)).to_have_count(0, timeout=jl.LONG)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=jl.LONG)
    field = _field(page, lang)
    expect(field).to_have_value(ENTRY, timeout=30_000)
    field.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"walkthrough-{lang}-3-exercise2-answered.png"))
    _no_machinery(page, f"exercises/{edition}02_cost_and_time.ipynb", lang)
    assert page.js_errors == [], page.js_errors
    jl.menu(page, "Kernel", "Shut Down All Kernels")
    page.get_by_role("button", name=re.compile("^Shut Down All")).click()


def test_no_widget_as_text_before_a_run_and_no_internal_ids_in_an_exercise(readme_lab, student):
    """Before Run All, a module shows no widget as text (VBox(...)) and an edition's folded language switch shows
    no code; after Run All, an exercise shows no question id, no record's MIME key and no internal name."""
    page = student
    jl.open_notebook(page, readme_lab, "notebooks/00_start_here.ipynb")
    before = jl.notebook_panel(page).inner_text()
    jl.open_notebook(page, readme_lab, "notebooks/es/00_start_here.ipynb")
    before += "\n".join(jl.notebook_panel(page).locator(".jp-InputPlaceholder").all_inner_texts())
    jl.open_notebook(page, readme_lab, "exercises/02_cost_and_time.ipynb")
    _run_all(page)
    shown = before + jl.notebook_panel(page).inner_text()
    jl.menu(page, "Kernel", "Shut Down All Kernels")
    page.get_by_role("button", name=re.compile("^Shut Down All")).click()
    assert re.findall(rf"VBox\(|m0\d_q\d|_student|application/vnd\.filmkit|{SWITCH}", shown) == []
