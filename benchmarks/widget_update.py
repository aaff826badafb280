"""Kernel-side time for every widget of every module to answer a change: model + redraw + encode.

For each widget, one control is changed back and forth and the time from setting its value to
the widget's new HTML/PNG being ready is measured (this is what the kernel adds to a key press).
Each chart widget is compared, in the same run, with a naive redraw of the same chart: a new
pyplot figure per change, rendered the way the inline backend does (``bbox_inches="tight"``).

Run: python benchmarks/widget_update.py [--changes N]
"""

from __future__ import annotations

import argparse
import io
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
    times = []
    for i in range(changes):
        start = time.perf_counter()
        control.value = values[i % len(values)]
        times.append((time.perf_counter() - start) * 1000)
    return times


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


NAIVE = {
    "scenario explorer": (naive_explorer, [2, 3]),
    "timeline: years": (naive_timeline, [(2023, 2025), (2024, 2025)]),
    "rebound: elasticity": (naive_rebound, [0.8, 0.85]),
}


def stats(ms):
    ms = sorted(ms)
    return statistics.median(ms), ms[-1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=30, help="changes per widget (default 30)")
    args = parser.parse_args(argv)
    print(f"{'module':6} {'widget':28} {'median ms':>9} {'max ms':>8}   naive redraw: median / max ms")
    for module, name, control, values in widgets_under_test():
        time_changes(control, values, 4)  # warm-up
        median, worst = stats(time_changes(control, values, args.changes))
        naive = ""
        if name in NAIVE:
            fn, naive_values = NAIVE[name]
            fn(naive_values[0])
            times = []
            for i in range(args.changes):
                start = time.perf_counter()
                fn(naive_values[i % len(naive_values)])
                times.append((time.perf_counter() - start) * 1000)
            n_med, n_max = stats(times)
            naive = f"{n_med:8.1f} / {n_max:6.1f}   ({n_med / median:.1f}x slower)"
        print(f"{module:6} {name:28} {median:9.1f} {worst:8.1f}   {naive}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
