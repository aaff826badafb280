"""Driving JupyterLab in the browser: open a notebook, run it, find its widgets."""

from __future__ import annotations

import time

import nbformat

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def widget_cells(path) -> list[int]:
    """Indexes (among code cells) of the cells whose saved output is a widget."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    return [i for i, c in enumerate(code) if any(WIDGET_MIME in o.get("data", {}) for o in c.get("outputs", []))]


def open_notebook(page, lab, relative: str) -> None:
    page.goto(f"{lab.url}/lab/tree/{relative}?reset&token={lab.token}")
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=90_000)
    no_news = page.locator("button:text-is('No')")
    if no_news.count():
        no_news.first.click()


def run_all(page, code_cells: int, timeout: float = 180) -> None:
    """Run All Cells, then wait until every code cell shows an execution number."""
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    page.wait_for_function(
        """n => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length === n && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", arg=code_cells, timeout=timeout * 1000)
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=timeout * 1000)
    time.sleep(1.0)  # let the last widget views attach


def error_outputs(page) -> list[str]:
    """Text of every error or stderr output, and of widgets that failed to display."""
    found = [e.inner_text()[:300] for e in page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all()]
    found += [e.inner_text()[:300] for e in page.locator(".jp-OutputArea-output:has-text('Error displaying widget')").all()]
    found += [e.inner_text()[:300] for e in page.locator(".jp-OutputArea-output:has-text('Traceback')").all()]
    return found


def code_cell(page, index: int):
    return page.locator(".jp-CodeCell").nth(index)


def output_state(cell) -> str:
    """What the kernel sends back to a cell's widget: HTML text and image sources.

    Slider readouts are left out on purpose: the browser updates them by itself, so a
    changed readout would not prove that the model answered.
    """
    return cell.locator(".jp-OutputArea").evaluate(
        """el => [...el.querySelectorAll('.widget-html-content, img')]
                 .map(e => e.tagName === 'IMG' ? e.getAttribute('src').slice(-200) : e.innerHTML).join('|')""")


def nudge_first_slider(page, cell, key: str = "ArrowRight") -> bool:
    """Focus the cell's first slider handle and press a key. False if the cell has no slider."""
    handles = cell.locator(".widget-slider .noUi-handle")
    if not handles.count():
        return False
    handle = handles.first
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press(key)
    return True


def wait_for_change(cell, before: str, timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = output_state(cell)
        if now != before:
            return now
        time.sleep(0.1)
    return before
