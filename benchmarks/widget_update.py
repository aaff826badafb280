"""Kernel-side time for every control of every module's widgets to answer a change.

For each control of each widget (every slider, range slider, tick box, drop-down, toggle and tab of
modules 0 to 6) the control is moved the way a learner moves it (a slider one step at a time up
and back, a menu through its choices) and the time from setting its value to the widget's new
HTML/PNG being sent is measured: the model, the redraw, the PNG and what the comm sends (each
message serialised to JSON and signed, as the kernel does). This is what the kernel adds to a key
press. The chart widgets are compared, in the same run, with a naive redraw of the same chart: a
new pyplot figure per change, rendered the way the inline backend does (``bbox_inches="tight"``).

Prints, per control, median, 95th percentile and worst wall-clock time and median, 95th percentile
and worst CPU time of this process (on a shared machine compare CPU times; the load average is
printed), and the kilobytes the kernel sends per change; then one line per module.

Run: python benchmarks/widget_update.py [--changes N] [--modules 01 03] [--only "timeline: years" ...] [--lang es]
     python benchmarks/widget_update.py --profile "timeline: years, unseen"   (cProfile of one control)
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import hmac
import io
import json
import os
import pstats
import statistics
import tempfile
import time

import matplotlib

matplotlib.use("Agg")
import comm  # noqa: E402
import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from comm.base_comm import BaseComm  # noqa: E402

SENT = {"bytes": 0, "messages": 0}
_KEY = b"a-kernel-session-key"


class WireComm(BaseComm):
    """A comm that does what a kernel does with each message it sends: JSON, then an HMAC signature."""

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        content = json.dumps({"data": data or {}, "comm_id": self.comm_id, **keys}, ensure_ascii=False,
                             allow_nan=False).encode("utf-8")
        header = json.dumps({"msg_type": msg_type, "msg_id": "0" * 32, "session": "1" * 32}).encode()
        signer = hmac.new(_KEY, digestmod=hashlib.sha256)
        for part in (header, b"{}", json.dumps(metadata or {}).encode(), content):
            signer.update(part)
        signer.hexdigest()
        SENT["bytes"] += len(content) + sum(len(b) for b in buffers or ())
        SENT["messages"] += 1


comm.create_comm = WireComm  # widgets made from now on send through it

from filmkit.model.labour import elasticity_curve, rebound, rebound_sentence, rebound_table  # noqa: E402
from filmkit.model.parameters import tier_label  # noqa: E402
from filmkit.model.scenario import feasibility, run  # noqa: E402
from filmkit.model.timeline import describe, select_events, timeline_events  # noqa: E402
from filmkit.views import (  # noqa: E402
    claims_views,
    ethics_widgets,
    intro,
    labour_views,
    tenx_explorer,
    timeline_views,
)
from filmkit.views.explorer import ScenarioExplorer  # noqa: E402
from filmkit.views.scenario_charts import CostChart  # noqa: E402
from filmkit.views.scenario_tables import summary_table  # noqa: E402
from filmkit.views.tables import table_html  # noqa: E402

#: how many steps a slider is moved up (then back down again), like a learner pressing an arrow key
STEPS = 8
SLIDERS = (widgets.IntSlider, widgets.FloatSlider, widgets.BoundedIntText, widgets.BoundedFloatText)
CHOICES = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.SelectionSlider)


def leaves(widget, kind):
    found = []

    def walk(w):
        if isinstance(w, kind):
            found.append(w)
        for child in getattr(w, "children", ()) or ():
            walk(child)

    walk(widget)
    return found


def key_presses(control) -> list:
    """The values a learner gives ``control`` one key press at a time, ending where it started."""
    if isinstance(control, SLIDERS):
        step, value = control.step, control.value
        up, down = int(round((control.max - value) / step)), int(round((value - control.min) / step))
        direction, steps = (1, min(STEPS, up)) if up >= min(STEPS, down) else (-1, min(STEPS, down))
        path = [round(value + direction * k * step, 6) for k in range(1, steps + 1)]
        return path + path[-2::-1] + [value]
    if isinstance(control, widgets.IntRangeSlider):
        low, high = control.value
        up, down = high - low, low - control.min
        direction, steps = (1, min(STEPS, up)) if up >= min(STEPS, down) else (-1, min(STEPS, down))
        path = [(low + direction * k, high) for k in range(1, steps + 1)]
        return path + path[-2::-1] + [(low, high)]
    if isinstance(control, widgets.Checkbox):
        return [not control.value, control.value]
    if isinstance(control, CHOICES):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if isinstance(control, widgets.SelectionSlider):
            values = [control.options[i][1] if isinstance(control.options[i], tuple) else control.options[i]
                      for i in range(len(control.options))]
        others = [v for v in values if v != control.value]
        return others + ([control.value] if control.value is not None else [])
    raise TypeError(f"no key presses for {type(control).__name__}")


def name_of(control) -> str:
    name = (control.description or type(control).__name__).split(" (")[0]
    return name + ", key by key" if isinstance(control, (*SLIDERS, widgets.IntRangeSlider)) else name


class Case:
    """One control to time: ``values`` set in turn (with ``before`` run untimed before each change)."""

    def __init__(self, module, name, control, values=None, before=None, attribute="value", most=None):
        self.module, self.name, self.control = module, name, control
        self.values = values if values is not None else key_presses(control)
        self.before, self.attribute = before, attribute
        self.most = most  # at most this many changes (each needs a new widget)

    def change(self, i):
        setattr(self.control, self.attribute, self.values[i % len(self.values)])


def controls_of(module, widget_name, widget, kinds=(*SLIDERS, widgets.IntRangeSlider, widgets.Checkbox, *CHOICES)):
    return [Case(module, f"{widget_name}: {name_of(c)}", c) for c in leaves(widget, kinds)]


def widgets_under_test(modules=None):
    """Every control of every module's widgets, as :class:`Case` s."""
    out = []
    want = lambda m: not modules or m in modules  # noqa: E731
    if want("00"):
        out += controls_of("00", "speed-up", intro.speedup_widget())
    if want("01"):
        w = timeline_views.timeline_widget()
        years = leaves(w, widgets.IntRangeSlider)[0]
        out.append(Case("01", "timeline: years", years, [(2023, 2025), (2024, 2025)]))
        # A range not shown before each time (more ranges than the chart keeps as bitmaps): the frame is drawn anew.
        out.append(Case("01", "timeline: years, unseen", years, [(y, 2025) for y in range(1958, 2025)]))
        out += controls_of("01", "timeline", w)
        out += controls_of("01", "claims ledger", claims_views.ledger_widget())
    if want("02"):
        e = ScenarioExplorer()
        out += [Case("02", f"explorer: {label.split(' (')[0]}", c) for label, c in e.controls.items()]
        out.append(Case("02", "explorer: production tier", e.tier))
        shots = e.controls["Shots in the sequence"]
        bump = {"n": 0}

        def stale(_value):  # a slider moved on the tab shown, so the next tab has to be drawn when opened
            bump["n"] += 1
            shots.value = 2 + bump["n"] % 2

        out.append(Case("02", "explorer: open another tab", e.tabs, [1, 2, 0], stale, "selected_index"))
    if want("03"):
        t = tenx_explorer.TenXExplorer()
        out += [Case("03", "10x: target ratio", t.target), Case("03", "10x: meaning", t.metric),
                Case("03", "10x: compared with", t.other)]
        first = Case("03", "10x: compared with, first switch", t.other, ["hybrid"], most=5)

        def fresh(_i, case=first):
            async def cell_then_idle():  # the notebook's cell runs, then the kernel waits for the learner
                explorer = tenx_explorer.TenXExplorer()
                for _ in range(3):
                    await asyncio.sleep(0)
                return explorer

            case.control = asyncio.run(cell_then_idle()).other

        first.before = fresh
        out.append(first)
    if want("04"):
        out += controls_of("04", "rebound", labour_views.rebound_widget())
    if want("05"):
        w = ethics_widgets.checklist_widget()
        preset, *toggles = leaves(w, CHOICES)
        out.append(Case("05", "checklist: proposed use", preset))
        out += [Case("05", f"checklist: question {i + 1}", t) for i, t in enumerate(toggles)]
        out += controls_of("05", "cases", ethics_widgets.cases_widget())
        folder = tempfile.mkdtemp(prefix="filmkit-bench-")
        m = ethics_widgets.MatrixEditor(folder=folder)
        out += [Case("05", "matrix: stakeholder", m.stakeholder), Case("05", "matrix: value", m.value),
                Case("05", "matrix: rating", m.rating)]
        save = leaves(m.widget, widgets.Button)[0]
        out.append(Case("05", "matrix: save cell", save, [None], attribute="_click"))
    if want("06"):
        from filmkit.course.inside_a_generative_model import studio
        from filmkit.views.generative_widgets import MemorisationDial, ProvenanceView, SpotTheFrame

        _footage, model = studio()
        dial, view, game = MemorisationDial(model), ProvenanceView(model), SpotTheFrame(model)
        out += [Case("06", "memorisation dial", dial.dial), Case("06", "provenance: frame", view.frame),
                Case("06", "provenance: train without", view.without), Case("06", "spot the frame: choice", game.choice),
                Case("06", "spot the frame: round", game.round)]
    for case in out:
        if case.attribute == "_click":
            case.change = lambda _i, button=case.control: button.click()
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
    "explorer: Shots in the sequence": (naive_explorer, [2, 3]),
    "timeline: years": (naive_timeline, [(2023, 2025), (2024, 2025)]),
    "timeline: years, unseen": (naive_timeline, [(y, 2025) for y in range(1958, 2025)]),
    "10x: target ratio": (naive_tenx, [10, 10.5]),
    "rebound: Demand elasticity": (naive_rebound, [0.8, 0.85]),
}


def time_case(case, changes):
    """(wall ms, CPU ms, bytes sent) per change of ``case``'s control."""
    wall, cpu, sent = [], [], []
    for i in range(min(changes, case.most or changes)):
        if case.before:
            case.before(i)
        bytes_before = SENT["bytes"]
        start, start_cpu = time.perf_counter(), time.process_time()
        case.change(i)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        sent.append(SENT["bytes"] - bytes_before)
    return wall, cpu, sent


def time_calls(fn, values, changes):
    wall, cpu = [], []
    for i in range(changes):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(values[i % len(values)])
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def stats(ms):
    """median, 95th percentile and worst"""
    ms = sorted(ms)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], ms[-1]


def cells(wall, cpu):
    return " ".join(f"{x:6.1f}" for x in (*stats(wall), *stats(cpu)))


HEAD = "wall: median  p95 worst | CPU: median  p95 worst"


def profile(case, changes, top=25):
    for i in range(4):
        case.change(i)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for i in range(changes):
        if case.before:
            case.before(i)
        case.change(i)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=30, help="changes per control (default 30)")
    parser.add_argument("--modules", nargs="*", help="modules to time, e.g. 01 03 (default: all)")
    parser.add_argument("--only", nargs="*", help="controls to time, by the name printed (default: all)")
    parser.add_argument("--no-naive", action="store_true", help="leave out the naive redraws")
    parser.add_argument("--lang", default="en", help="the language the widgets speak (en, es, fr; default en)")
    parser.add_argument("--profile", metavar="NAME", help="print a cProfile (CPU time) of one control's changes")
    args = parser.parse_args(argv)
    from filmkit.i18n import set_language

    set_language(args.lang)
    cases = widgets_under_test(args.modules)
    if args.profile:
        profile(next(c for c in cases if c.name == args.profile), args.changes)
        return 0
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) on {os.cpu_count()} cores; "
          f"{args.changes} changes per control, ms")
    print(f"{'module':6} {'control':42} {HEAD:48} {'kB sent':>7}   naive redraw, same run: {HEAD}")
    per_module: dict[str, list] = {}
    for case in cases:
        if args.only and case.name not in args.only:
            continue
        for i in range(min(4, len(case.values)) if not case.most else 0):  # warm-up: every value of a menu seen once
            if case.before:
                case.before(i)
            case.change(i)
        wall, cpu, sent = time_case(case, args.changes)
        per_module.setdefault(case.module, []).append((stats(cpu), stats(wall)))
        naive = ""
        if case.name in NAIVE and not args.no_naive:
            fn, naive_values = NAIVE[case.name]
            fn(naive_values[0])
            n_wall, n_cpu = time_calls(fn, naive_values, args.changes)
            naive = f"{cells(n_wall, n_cpu)}   ({statistics.median(n_cpu) / max(statistics.median(cpu), 0.01):.0f}x the CPU)"
        print(f"{case.module:6} {case.name[:42]:42} {cells(wall, cpu):48} {statistics.median(sent) / 1000:7.1f}   {naive}",
              flush=True)
    print("\nper module, CPU ms: median of the controls' medians, the highest median, the highest p95, the worst change")
    for module, rows in per_module.items():
        medians = [cpu[0] for cpu, _wall in rows]
        print(f"{module:6} {statistics.median(medians):6.1f} {max(medians):6.1f} {max(cpu[1] for cpu, _w in rows):6.1f} "
              f"{max(cpu[2] for cpu, _w in rows):6.1f}   ({len(rows)} controls)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
