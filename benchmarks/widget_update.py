"""Kernel-side time for every widget of every module to answer a change: model + redraw + encode.

For each widget, one control is changed back and forth and the time from setting its value to
the widget's new HTML/PNG being ready is measured (this is what the kernel adds to a key press).
Each chart widget is compared, in the same run, with a naive redraw of the same chart: a new
pyplot figure per change, rendered the way the inline backend does (``bbox_inches="tight"``).
Prints median, 95th percentile and worst wall-clock time, and median and 95th percentile CPU
time of this process, with the load average: on a shared machine compare CPU times.

Run: python benchmarks/widget_update.py [--changes N] [--only "timeline: years" ...]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from filmkit.model.labour import elasticity_curve, rebound, rebound_sentence, rebound_table  # noqa: E402
from filmkit.model.scenario import feasibility, run  # noqa: E402
from filmkit.model.timeline import describe, select_events, timeline_events  # noqa: E402
from filmkit.views import claims_views, ethics_widgets, intro, labour_views, tenx_explorer, timeline_views  # noqa: E402
from filmkit.model.parameters import tier_label  # noqa: E402
from filmkit.views.explorer import ScenarioExplorer  # noqa: E402
from filmkit.views.scenario_charts import CostChart  # noqa: E402
from filmkit.views.scenario_tables import summary_table  # noqa: E402
from filmkit.views.tables import table_html  # noqa: E402


def leaves(widget, kind):
    found = []

    def walk(w):
        if isinstance(w, kind):
            found.append(w)
        for child in getattr(w, "children", ()) or ():
            walk(child)

    walk(widget)
    return found


def time_changes(control, values, changes):
    """Wall-clock ms per change (what a learner waits on a quiet machine)."""
    return time_calls(lambda value: setattr(control, "value", value), values, changes)[0]


def time_calls(fn, values, changes):
    """(wall ms, CPU ms) per call of ``fn`` on the values in turn. CPU time (this process) is what to compare on
    a shared machine: wall time there also counts the waits for a core."""
    wall, cpu = [], []
    for i in range(changes):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(values[i % len(values)])
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def options(dropdown, n=4):
    return [value for _label, value in dropdown.options][:n] if isinstance(dropdown.options[0], tuple) \
        else list(dropdown.options)[:n]


def widgets_under_test():
    """(module, widget, control, values) for one control of every widget."""
    out = []
    w = intro.speedup_widget()
    out.append(("00", "speed-up sentence", leaves(w, widgets.IntSlider)[0], [30, 31]))
    w = timeline_views.timeline_widget()
    out.append(("01", "timeline: years", leaves(w, widgets.IntRangeSlider)[0], [(2023, 2025), (2024, 2025)]))
    # A range not shown before each time (more ranges than the chart keeps as bitmaps): the frame is drawn anew.
    w = timeline_views.timeline_widget()
    out.append(("01", "timeline: years, unseen", leaves(w, widgets.IntRangeSlider)[0],
                [(y, 2025) for y in range(1958, 2025)]))
    out.append(("01", "timeline: category box", leaves(w, widgets.Checkbox)[0], [False, True]))
    w = claims_views.ledger_widget()
    status = leaves(w, widgets.Dropdown)[2]
    out.append(("01", "claims ledger filter", status, options(status)))
    e = ScenarioExplorer()
    control = e.controls["Shots in the sequence"]
    out.append(("02", "scenario explorer", control, [2, 3]))
    t = tenx_explorer.TenXExplorer()
    out.append(("03", "10x explorer: target", t.target, [10, 10.5]))
    out.append(("03", "10x explorer: meaning", t.metric, options(t.metric, 2)))
    w = labour_views.rebound_widget()
    out.append(("04", "rebound: elasticity", leaves(w, widgets.FloatSlider)[0], [0.8, 0.85]))
    w = ethics_widgets.checklist_widget()
    preset = leaves(w, widgets.Dropdown)[0]
    out.append(("05", "guidance checklist", preset, options(preset, 3)))
    w = ethics_widgets.cases_widget()
    sort_by = leaves(w, widgets.Dropdown)[0]
    out.append(("05", "comparison cases", sort_by, options(sort_by, 3)))
    return out


# -- naive redraws of the chart widgets, for comparison -------------------------------------------------
def tight_png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")  # what the inline backend does on plt.show()
    plt.close(fig)
    return buffer.getvalue()


def naive_explorer(shots):
    values = {"shots": shots}
    results = run(values)
    rows = feasibility(results, values)
    table_html(summary_table(results, rows, "eternaut"), "")
    fig = plt.figure(figsize=(7.2, 2.9), layout="constrained")
    CostChart(fig).update(results, {r["workflow"]: r for r in rows if r["tier"] == "eternaut"}, tier_label("eternaut"))
    tight_png(fig)


EVENTS = timeline_events()


def naive_timeline(years):
    selected = select_events(EVENTS, *years)
    fig = plt.figure(figsize=(8, 3.4), layout="constrained")
    timeline_views.draw(fig.add_subplot(), selected, *years)
    describe(selected, *years)
    timeline_views.events_html(selected)
    tight_png(fig)


def naive_rebound(elasticity):
    result = rebound(elasticity, 0.5)
    grid, hours, spend = elasticity_curve(0.5)  # the model run a second time
    fig = plt.figure(figsize=(7, 3), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(grid, hours)
    ax.plot(grid, spend, linestyle="--")
    ax.plot([elasticity], [result["hours_ratio"]], "o")
    rebound_sentence(result)
    table_html(rebound_table(result), "")
    tight_png(fig)


TENX_DRAWS = {}


def naive_tenx(target):
    from filmkit.model.analysis import monte_carlo
    from filmkit.views.analysis_charts import histogram

    if not TENX_DRAWS:  # the draws are made once, as a notebook would keep them
        TENX_DRAWS["ai_assisted"] = monte_carlo(100_000, 2025)
    shown = histogram(TENX_DRAWS["ai_assisted"], "speedup_effort", target)  # a new figure, PNG encoded
    plt.close("all")
    return shown


NAIVE = {
    "scenario explorer": (naive_explorer, [2, 3]),
    "timeline: years": (naive_timeline, [(2023, 2025), (2024, 2025)]),
    "timeline: years, unseen": (naive_timeline, [(y, 2025) for y in range(1958, 2025)]),
    "10x explorer: target": (naive_tenx, [10, 10.5]),
    "rebound: elasticity": (naive_rebound, [0.8, 0.85]),
}


def stats(ms):
    """median, 95th percentile and worst"""
    ms = sorted(ms)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], ms[-1]


def cells(wall, cpu):
    median, p95, worst = stats(wall)
    return f"{median:7.1f} {p95:7.1f} {worst:7.1f} | {stats(cpu)[0]:6.1f} {stats(cpu)[1]:6.1f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=30, help="changes per widget (default 30)")
    parser.add_argument("--only", nargs="*", help="widget names to time (default: all)")
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) on {os.cpu_count()} cores")
    head = "wall ms: median p95 worst | CPU ms: median p95"
    print(f"{'module':6} {'widget':28} {head:45}   naive redraw, same run: {head}")
    for module, name, control, values in widgets_under_test():
        if args.only and name not in args.only:
            continue
        setter = lambda value, control=control: setattr(control, "value", value)  # noqa: E731
        time_calls(setter, values, 4)  # warm-up
        wall, cpu = time_calls(setter, values, args.changes)
        naive = ""
        if name in NAIVE:
            fn, naive_values = NAIVE[name]
            fn(naive_values[0])
            n_wall, n_cpu = time_calls(fn, naive_values, args.changes)
            naive = f"{cells(n_wall, n_cpu)}   ({statistics.median(n_cpu) / statistics.median(cpu):.1f}x the CPU)"
        print(f"{module:6} {name:28} {cells(wall, cpu):45}   {naive}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
