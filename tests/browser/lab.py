"""Driving JupyterLab and Voila pages: open a notebook, run it, press keys on its widgets.

Locators go by role and accessible name (menu items, cells' labels, sliders, combo boxes,
check boxes, images); waits are Playwright's auto-waiting ``expect``, never fixed sleeps.
"""

from __future__ import annotations

import re

import nbformat
from playwright.sync_api import expect

from .servers import wait_for  # noqa: F401  (the browser tests call it as lab.wait_for)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: What the kernel sends back to a widget: its HTML text (ipywidgets renders it in this element).
KERNEL_TEXT = ".widget-html-content"
LONG = 180_000



def _legend_words() -> str:
    """How a legend's alt text starts in every language of the kit ("Legend:", "Leyenda:", "Légende :")."""
    from filmkit.i18n import LANGUAGES, _, use_language

    words = set()
    for lang in LANGUAGES:
        with use_language(lang):
            words.add(re.escape(_("Legend: {items}").split(":")[0].strip()))
    return "(?:" + "|".join(sorted(words)) + ")"


LEGEND = _legend_words()

def widget_cells(path) -> list[int]:
    """Indexes (among code cells) of the cells whose saved output is a widget."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    return [i for i, c in enumerate(code) if any(WIDGET_MIME in o.get("data", {}) for o in c.get("outputs", []))]


def code_cells(page):
    """Every code cell of the open notebook (JupyterLab labels them "Code Cell Content ...")."""
    return page.get_by_label("Code Cell Content")


def menu(page, top: str, item: str) -> None:
    page.get_by_role("menuitem", name=top, exact=True).click()
    page.get_by_role("menuitem", name=re.compile(rf"^{re.escape(item)}")).first.click()


#: Closes every open document (unsaved changes dropped: the servers run on a throw-away copy of the kit) and ends
#: every kernel of the server: the state a page loaded with ``?reset`` starts from.
CLOSE_ALL = """async () => {
    const app = window.jupyterapp;
    for (const w of Array.from(app.shell.widgets('main'))) {
        if (w.context && w.context.model) w.context.model.dirty = false;
    }
    await app.commands.execute('application:close-all');
    await app.serviceManager.sessions.shutdownAll();
}"""
OPEN = """async (path) => {
    const widget = await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    await widget.context.ready;
    await widget.sessionContext.ready;
}"""


def in_app(page, lab) -> bool:
    """Whether ``page`` already holds this server's JupyterLab, ready for a notebook to be opened inside it
    (no dialog left open by the test before)."""
    if page.is_closed() or not page.url.startswith(f"{lab.url}/lab"):
        return False
    return page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell) "
                         "&& !document.querySelector('.jp-Dialog')")


def open_notebook(page, lab, relative: str) -> None:
    """Open a notebook as a student finds it: the only document open, before any run. A page that already holds
    this server's JupyterLab opens it from inside (JupyterLab's own *open* command), as a click in the file
    browser does: loading JupyterLab again costs a few seconds of processor time each."""
    if in_app(page, lab):
        page.evaluate(CLOSE_ALL)
        page.evaluate(OPEN, relative)
    else:
        page.goto(f"{lab.url}/lab/tree/{relative}?reset&token={lab.token}")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=90_000)
    # JupyterLab adds a long notebook's cells to the page a batch at a time, after the kernel is idle: a test
    # starts once every cell of the file is there (a busy machine took more than 5 s for module 5's last one).
    cells = len(nbformat.read(lab.cwd / relative, as_version=4).cells)
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")).to_have_count(
        cells, timeout=90_000)
    no_news = page.get_by_role("button", name="No", exact=True)
    if no_news.count():
        no_news.first.click()


#: Watches the page for the first sign that a run started: a cell queued or running ("[*]:") or the kernel busy
#: in the status bar. Exercise notebooks show no prompts at all, and a short notebook can go from busy to idle
#: between two polls, so the page itself records what it saw.
_WATCH_RUN = """() => {
    window.__filmkitRunSeen = false;
    if (window.__filmkitRunWatch) window.__filmkitRunWatch.disconnect();
    const check = () => {
        const bar = document.querySelector('#jp-main-statusbar');
        const busy = bar && /\\|\\s*Busy/.test(bar.textContent);
        const queued = [...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('[*]'));
        if (busy || queued) { window.__filmkitRunSeen = true; window.__filmkitRunWatch.disconnect(); }
    };
    window.__filmkitRunWatch = new MutationObserver(check);
    window.__filmkitRunWatch.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def run_all(page) -> None:
    """Run All Cells and wait until no cell is queued or running."""
    running = page.get_by_text("[*]:", exact=True)
    # Run All marks every cell as queued at once. A Run All sent while the kernel is still
    # connecting can be dropped without a word (JupyterLab), so when nothing started, ask once more.
    for attempt in (1, 2):
        page.evaluate(_WATCH_RUN)
        menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function("() => window.__filmkitRunSeen", timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                raise AssertionError("Run All Cells started nothing: no cell queued and the kernel never busy")
    expect(running).to_have_count(0, timeout=LONG)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=LONG)


def error_outputs(page) -> list[str]:
    """Text of every error or stderr output, and of widgets that failed to display."""
    found = [e.inner_text()[:300] for e in page.locator("[data-mime-type='application/vnd.jupyter.stderr']").all()]
    found += [e.inner_text()[:300] for e in page.get_by_text("Error displaying widget").all()]
    found += [e.inner_text()[:300] for e in page.get_by_text("Traceback (most recent call last)").all()]
    return found


#: (role of the first control, keys that change it). Drop-downs take End/Home: in JupyterLab's command mode
#: ArrowUp/ArrowDown select the next cell and take the focus away from a drop-down (upstream behaviour).
CONTROLS = [("slider", ["ArrowRight"]), ("combobox", ["End"]), ("spinbutton", ["ArrowUp", "Enter"]),
            ("checkbox", ["Space"]), ("radio", ["ArrowDown"])]


def steps(scope, turn: int = 0):
    """What a keyboard user does to make the widget in ``scope`` answer: [(control, keys)], and the role used.

    A widget with a *Save cell* button (the ethical matrix) answers when a rating is chosen and saved;
    any other widget answers its first control. ``turn`` alternates the change (there and back).
    """
    save = scope.get_by_role("button", name="Save cell")
    if save.count():
        ratings = scope.get_by_role("button", name=re.compile("^(serves|harms)$"))
        return [(ratings.nth(turn % 2), ["Space"]), (save.first, ["Space"])], "button"
    found = first_control(scope)
    if found is None:
        return [], None
    control, role, keys = found
    if turn % 2:
        keys = [BACK.get(k, k) for k in keys[:1]] + keys[1:]
    return [(control, keys)], role


BACK = {"ArrowRight": "ArrowLeft", "End": "Home", "ArrowDown": "ArrowUp", "ArrowUp": "ArrowDown"}


def first_control(scope, role: str | None = None):
    """The first keyboard control inside ``scope`` (of ``role`` if given) and the keys that change it."""
    for kind, keys in CONTROLS:
        if role is not None and kind != role:
            continue
        found = scope.get_by_role(kind)
        if found.count():
            return found.first, kind, keys
    return None


def focus(control) -> None:
    """Give a control the keyboard focus. JupyterLab takes the focus back once when the click
    activates the cell around the control, so focus again until the control holds it."""
    control.scroll_into_view_if_needed()
    control.focus()
    if not control.evaluate("e => document.activeElement === e"):
        control.focus()
    expect(control).to_be_focused()


def press_and_expect_answer(page, scope, role: str | None = None) -> str:
    """Change the first control from the keyboard; expect the text the kernel sends back to change.

    Returns the role of the control used. Slider readouts are not what is compared: the browser
    updates them by itself, so only the kernel's HTML (sentences, tables, chart alt text) counts.
    """
    answer = scope.locator(KERNEL_TEXT)
    expect(answer.filter(visible=True).first).to_be_visible(timeout=60_000)  # the widget has rendered what the kernel sent
    if role is None:
        actions, role = steps(scope)
    else:
        found = first_control(scope, role)
        actions = [(found[0], found[2])] if found else []
    assert actions, "no keyboard control in this widget"
    if role == "combobox":  # a drop-down shows its current choice, never a blank
        expect(actions[0][0]).not_to_have_js_property("selectedIndex", -1)
    before = answer.all_inner_texts()
    images = scope.get_by_role("img", name=re.compile(rf"^(?!{LEGEND})"))  # a chart, not a fixed legend
    image_before = images.first.get_attribute("src") if images.count() else None
    for control, keys in actions:
        focus(control)
        for key in keys:
            page.keyboard.press(key)
    expect(answer).to_have_count(len(before))  # the same widget, fully drawn before and after
    expect(answer).not_to_have_text(before, timeout=20_000)
    if image_before is not None:
        expect(images.first).not_to_have_attribute("src", image_before, timeout=20_000)
    return role


def notebook_panel(page):
    """The notebook panel on screen (not JupyterLab's menus and side bars)."""
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")


def save_and_expect_graded(page, path, stem: str, qid: str, value) -> None:
    """File › Save Notebook, then wait until the saved file at ``path`` holds ``value`` for ``qid`` as the grader
    reads a handed-in notebook."""
    from filmkit.views.answers import saved_answers

    menu(page, "File", "Save Notebook")

    def graded() -> bool:
        try:
            found, _student = saved_answers(nbformat.read(path, as_version=4))
        except Exception:  # the file is being written
            return False
        return found.get(stem, {}).get(qid) == value

    wait_for(graded, f"{path.name} saved with the answer to {qid}")
