"""Kernel-side time for the scenario explorer to answer a slider: model + redraw + PNG encode.

Compares the explorer (artists reused, one PNG pushed into the widget) with a naive redraw
(a new pyplot figure per change, rendered the way the inline backend does, with
bbox_inches="tight"). Run: python benchmarks/widget_update.py
"""

import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from filmkit.views.explorer import ScenarioExplorer, tier_label  # noqa: E402
from filmkit.model.scenario import feasibility, run  # noqa: E402
from filmkit.views.scenario_charts import CostChart  # noqa: E402
from filmkit.views.scenario_tables import summary_table  # noqa: E402

CHANGES = 60
LABEL = "Shots in the sequence"


def stats(times):
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[int(0.95 * (len(ms) - 1))]


def explorer_times():
    e = ScenarioExplorer()
    control = e.controls[LABEL]
    times = []
    for i in range(CHANGES):
        start = time.perf_counter()
        control.value = 1 + (i % 30)
        times.append(time.perf_counter() - start)
    return times


def naive_times():
    times = []
    for i in range(CHANGES):
        start = time.perf_counter()
        values = {"shots": 1 + (i % 30)}
        results = run(values)
        rows = feasibility(results, values)
        summary_table(results, rows, "eternaut")
        fig = plt.figure(figsize=(7.2, 2.9), layout="constrained")
        chart = CostChart(fig)
        chart.update(results, {r["workflow"]: r for r in rows if r["tier"] == "eternaut"}, tier_label("eternaut"))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")  # what the inline backend does on plt.show()
        plt.close(fig)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    explorer_times()  # warm-up: fonts, caches
    naive_times()
    fast_med, fast_p95 = stats(explorer_times())
    slow_med, slow_p95 = stats(naive_times())
    print(f"changes per approach: {CHANGES}")
    print(f"explorer (reused artists, one PNG): median {fast_med:.1f} ms, p95 {fast_p95:.1f} ms")
    print(f"naive (new figure each change):     median {slow_med:.1f} ms, p95 {slow_p95:.1f} ms")
    print(f"explorer is {slow_med / fast_med:.1f}x faster (median)")
