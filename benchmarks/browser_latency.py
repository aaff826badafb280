"""Perceived latency in a real browser: key press on a widget's control until the kernel's answer is on the page.

For every widget of every module, in JupyterLab and in the Voila app view (``filmkit app``), every
control is pressed from the keyboard (slider: arrow keys; drop-down: End and Home; check box: space;
number box: arrow + Enter) and the time from the key press to the first change of what the kernel
sends back (the widget's HTML text or its chart image) is recorded in the page. The same run also
measures naive versions of the explorer and timeline charts (an Output widget cleared and redrawn
with a new pyplot figure and ``plt.show()`` on every change), as a baseline.

Run: python benchmarks/browser_latency.py [--presses N] [--only lab|voila] [--modules 01 02 ...]
Needs Debian's chromium and the browser extra (Playwright).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser import lab as jl  # noqa: E402
from tests.browser.servers import CHROMIUM, CHROMIUM_ARGS, ROOT, start_lab, start_voila, workspace  # noqa: E402

NAIVE = '''
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from filmkit.model.scenario import feasibility, run
from filmkit.model.parameters import tier_label
from filmkit.views.scenario_charts import CostChart

shots = widgets.IntSlider(value=2, min=1, max=50, description="Shots in the sequence", continuous_update=False)
out = widgets.Output()
note = widgets.HTML()

def redraw(_change=None):
    values = {"shots": shots.value}
    results = run(values)
    rows = feasibility(results, values)
    with out:
        out.clear_output(wait=True)
        fig = plt.figure(figsize=(7.2, 2.9), layout="constrained")
        CostChart(fig).update(results, {r["workflow"]: r for r in rows if r["tier"] == "eternaut"}, tier_label("eternaut"))
        plt.show()
    note.value = f"{shots.value} shots"

shots.observe(redraw, names="value")
redraw()
display(widgets.VBox([shots, note, out]))
'''

NAIVE_TIMELINE = '''
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from filmkit.model.timeline import select_events, timeline_events
from filmkit.views.timeline_views import draw, events_html

events = timeline_events()
years = widgets.IntRangeSlider(value=(2023, 2025), min=int(events["year"].min()), max=int(events["year"].max()),
                               description="Years", continuous_update=False)
out = widgets.Output()
listing = widgets.HTML()

def redraw(_change=None):
    selected = select_events(events, *years.value)
    with out:
        out.clear_output(wait=True)
        fig = plt.figure(figsize=(8, 3.4), layout="constrained")
        draw(fig.add_subplot(), selected, *years.value)
        plt.show()
    listing.value = events_html(selected)

years.observe(redraw, names="value")
redraw()
display(widgets.VBox([years, listing, out]))
'''

#: Records, in the page, the time from a key press to the first change of the kernel's answer in a scope.
WATCH = """([scope, kernelText]) => {
    window.__lat = [];
    window.__t0 = undefined;
    window.__scope = scope;
    if (window.__installed) return;
    window.__installed = true;
    document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
    const fromKernel = node => {
        const el = node.nodeType === 1 ? node : node.parentElement;
        return el && window.__scope.contains(el) &&
               (el.tagName === 'IMG' || el.closest(kernelText) || el.closest('.widget-output'));
    };
    new MutationObserver(records => {
        if (window.__t0 === undefined) return;
        if (records.some(r => fromKernel(r.target))) {
            window.__lat.push(performance.now() - window.__t0);
            window.__t0 = undefined;
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                               attributeFilter: ['src']});
}"""

def controls(scope) -> list[tuple[str, object, list[str]]]:
    """Every keyboard control of the widget in ``scope``: [(name, control, keys)].

    The ethical matrix answers a rating only once it is saved: it is measured as one control
    (choose a rating, then *Save cell*), the way tests/browser/lab.py's ``steps`` presses it.
    """
    if scope.get_by_role("button", name="Save cell").count():
        return [("rating + Save cell", None, [])]
    found = []
    for kind, keys in jl.CONTROLS:
        matches = scope.get_by_role(kind)
        for i in range(matches.count()):
            control = matches.nth(i)
            if not control.is_visible() or control.is_disabled():
                continue
            name = control.evaluate(
                "e => e.getAttribute('aria-label') || e.closest('label')?.textContent ||"
                " (e.closest('.widget-inline-hbox')?.querySelector('label')?.textContent) || e.getAttribute('title') || ''")
            name = " ".join(name.replace("\u200b", "").split())[:28] or "(no name)"
            label, n = f"{kind} {name}", 2
            while label in {f[0] for f in found}:  # a range slider's two handles, boxes of one label
                label, n = f"{kind} {name} #{n}", n + 1
            found.append((label, control, keys))
    return found


def _press(page, scope, control, keys, turn: int) -> None:
    if control is None:  # the matrix: a rating, then Save cell
        for target, keys_ in jl.steps(scope, turn=turn)[0]:
            jl.focus(target)
            for key in keys_:
                page.keyboard.press(key)
        return
    if turn % 2:
        keys = [jl.BACK.get(k, k) for k in keys[:1]] + keys[1:]
    jl.focus(control)
    for key in keys:
        page.keyboard.press(key)


def measure(page, scope, presses: int) -> dict[str, list[float]]:
    """Press each control of the widget in ``scope`` ``presses`` times (back and forth): {control: [ms]}.

    A control whose press changes nothing the kernel sends back (a value already at its end, a box
    that only reveals a section) is listed with no figures, not timed as a wait.
    """
    scope.locator(jl.KERNEL_TEXT).filter(visible=True).first.wait_for(timeout=60_000)
    page.evaluate(WATCH, [scope.element_handle(), jl.KERNEL_TEXT])
    results: dict[str, list[float]] = {}
    for name, control, keys in controls(scope):
        page.evaluate("() => { window.__lat = []; window.__t0 = undefined; }")
        offset, turn = 0, 0
        while turn < presses:
            _press(page, scope, control, keys, turn + offset)
            try:
                page.wait_for_function("n => window.__lat.length >= n", arg=turn + 1, timeout=10_000)
            except Exception:  # noqa: BLE001  (no answer to this press)
                page.evaluate("() => { window.__t0 = undefined; }")
                if turn == 0 and offset == 0:  # a value at its end (a range's upper handle): go the other way
                    offset = 1
                    continue
                break
            turn += 1
            page.wait_for_timeout(150)  # let the kernel settle between presses (a benchmark, not a test)
        results[name] = page.evaluate("() => window.__lat")
    return results


def _stats(ms: list[float]) -> tuple[float, float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], ms[-1]


SUMMARY: list[tuple[str, str, list[float]]] = []


def report(where: str, name: str, per_control: dict[str, list[float]]) -> None:
    """One line per control, and the figures kept for the per-notebook summary at the end."""
    if not per_control:
        print(f"{where:6} {name:44} (no keyboard control)", flush=True)
        return
    for control, ms in per_control.items():
        if not ms:
            print(f"{where:6} {name[:20]:20} {control:34} (no change sent back by the kernel)", flush=True)
            continue
        median, p95, worst = _stats(ms)
        print(f"{where:6} {name[:20]:20} {control:34} median {median:5.0f} ms  p95 {p95:5.0f}  worst {worst:5.0f}  "
              f"({len(ms)} presses, load {os.getloadavg()[0]:.1f})", flush=True)
        SUMMARY.append((where, name.split(":")[0], ms))


def summary() -> None:
    """Median / p95 / worst of every press per notebook and view, against the targets."""
    print("\nper notebook (every press of every control), target: median <= 100 ms, worst <= 250 ms")
    print(f"{'view':6} {'notebook':22} {'presses':>7} {'median':>7} {'p95':>6} {'worst':>6}")
    groups: dict[tuple[str, str], list[float]] = {}
    for where, notebook, ms in SUMMARY:
        groups.setdefault((where, notebook), []).extend(ms)
    for (where, notebook), ms in groups.items():
        median, p95, worst = _stats(ms)
        flag = "" if median <= 100 and worst <= 250 else "  over target"
        print(f"{where:6} {notebook:22} {len(ms):7} {median:7.0f} {p95:6.0f} {worst:6.0f}{flag}")


def widget_names(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    return [code[i].source.strip().splitlines()[-1][:36] for i in jl.widget_cells(path)]


def notebooks(ws: Path, modules: list[str] | None) -> list[Path]:
    found = sorted((ws / "notebooks").glob("*.ipynb")) + [ws / "apps" / "scenario_explorer.ipynb",
                                                          ws / "naive" / "naive_widgets.ipynb"]
    return [p for p in found if not modules or p.parent.name == "naive" or p.stem[:2] in modules]


def in_lab(browser, ws, paths, presses):
    server = start_lab(ws)
    try:
        for path in paths:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            jl.open_notebook(page, server, str(path.relative_to(ws)))
            jl.menu(page, "View", "Expand All Code")
            jl.run_all(page)
            cells = jl.code_cells(page)
            for index, name in zip(jl.widget_cells(path), widget_names(path)):
                report("lab", f"{path.stem[:20]}: {name}", measure(page, cells.nth(index), presses))
            page.close()
    finally:
        server.stop()


def in_voila(browser, ws, paths, presses):
    server = start_voila(ws)
    try:
        for path in paths:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server.url}/voila/render/{path.relative_to(ws)}", timeout=240_000)
            outputs = page.locator(".jp-OutputArea-output").filter(has=page.locator(".jupyter-widgets"))
            names = widget_names(path)
            try:
                outputs.nth(len(names) - 1).wait_for(timeout=120_000)
            except Exception as exc:  # noqa: BLE001  (one page that does not render: say so, measure the rest)
                print(f"voila  {path.stem}: not rendered ({str(exc).splitlines()[0]})", flush=True)
                page.close()
                continue
            for i, name in enumerate(names):
                report("voila", f"{path.stem[:20]}: {name}", measure(page, outputs.nth(i), presses))
            page.close()
    finally:
        server.stop()


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=6, help="presses per control (default 6)")
    parser.add_argument("--only", choices=["lab", "voila"])
    parser.add_argument("--modules", nargs="*", help="two-digit module numbers (default: all)")
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) on {os.cpu_count()} cores")
    with workspace() as ws:
        (ws / "naive").mkdir()
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NAIVE), nbformat.v4.new_code_cell(NAIVE_TIMELINE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        for cell in nb.cells:  # so widget_cells() finds them: a widget output placeholder
            cell.outputs = [nbformat.v4.new_output("display_data", data={jl.WIDGET_MIME: {"model_id": ""}})]
        nbformat.write(nb, ws / "naive" / "naive_widgets.ipynb")
        paths = notebooks(ws, args.modules)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                if args.only in (None, "lab"):
                    in_lab(browser, ws, paths, args.presses)
                if args.only in (None, "voila"):
                    in_voila(browser, ws, paths, args.presses)
            finally:
                browser.close()
                summary()  # what was measured, even if a later page failed
    print(f"(kit at {ROOT})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
