"""Perceived latency in a real browser: key press on the main slider until the new chart is on the page.

Runs the Voila scenario explorer (reused artists, one PNG) and a naive version of the same chart
(an Output widget cleared and redrawn with a new pyplot figure and plt.show() on every change),
in Debian's Chromium. Run: python benchmarks/browser_latency.py
"""

import statistics
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser.servers import CHROMIUM, CHROMIUM_ARGS, start_voila, workspace  # noqa: E402

PRESSES = 30
NAIVE = '''
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from filmkit.views.explorer import tier_label
from filmkit.model.scenario import feasibility, run
from filmkit.views.scenario_charts import CostChart

shots = widgets.IntSlider(value=2, min=1, max=50, description="Shots in the sequence", continuous_update=False)
out = widgets.Output()

def redraw(_change=None):
    values = {"shots": shots.value}
    results = run(values)
    rows = feasibility(results, values)
    with out:
        out.clear_output(wait=True)
        fig = plt.figure(figsize=(7.2, 2.9), layout="constrained")
        CostChart(fig).update(results, {r["workflow"]: r for r in rows if r["tier"] == "eternaut"}, tier_label("eternaut"))
        plt.show()

shots.observe(redraw, names="value")
redraw()
display(widgets.VBox([shots, out]))
'''

WATCH = """sel => {
    window.__lat = [];
    const current = () => { const i = document.querySelector(sel); return i ? i.getAttribute('src') : null; };
    let last = current();
    document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
    new MutationObserver(() => {
        const now = current();
        if (now && now !== last && window.__t0 !== undefined) {
            window.__lat.push(performance.now() - window.__t0);
            window.__t0 = undefined;
            last = now;
        }
    }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""


def measure(browser, url, img_selector):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url, timeout=120_000, wait_until="domcontentloaded")
    page.wait_for_selector(img_selector, timeout=120_000)
    time.sleep(1.5)
    page.evaluate(WATCH, img_selector)
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for i in range(PRESSES):
        page.keyboard.press("ArrowRight")
        page.wait_for_function("n => window.__lat.length >= n", arg=i + 1, timeout=30_000)
        time.sleep(0.2)
    latencies = page.evaluate("() => window.__lat")
    page.close()
    return latencies


def report(name, ms):
    ms = sorted(ms)
    print(f"{name}: median {statistics.median(ms):.0f} ms, p95 {ms[int(0.95 * (len(ms) - 1))]:.0f} ms ({len(ms)} presses)")
    return statistics.median(ms)


if __name__ == "__main__":
    from playwright.sync_api import sync_playwright

    ws = workspace()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NAIVE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, ws / "naive_explorer.ipynb")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        results = {}
        for name, notebook, selector in [
            ("explorer (reused artists, one PNG)", "apps/scenario_explorer.ipynb", "img[alt^='Cost of the sequence']"),
            ("naive (Output widget, new figure, plt.show())", "naive_explorer.ipynb", ".jp-OutputArea-output img"),
        ]:
            server = start_voila(ws, notebook)
            try:
                results[name] = report(name, measure(browser, server.url, selector))
            finally:
                server.stop()
        browser.close()
    fast, slow = results.values()
    print(f"explorer answers {slow / fast:.1f}x sooner (median)")
