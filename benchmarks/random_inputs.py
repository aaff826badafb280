"""Random legal inputs through the whole model: how many give an exception, a non-finite number or a warning?

Every parameter is drawn inside its own min..max (the limits a user can set), with extra weight
on the ends of the range and on 0, where divisions go wrong. Two passes:

1. vectorised: N parameter sets (default 100,000) at once through every workflow, the ratios of
   each workflow against traditional, the phase costs, and feasibility against every tier;
2. scalar: a sample (default 2,000) one by one through the public functions a notebook calls
   (run, ratios, feasibility, the rebound model, the summary and stage tables).

A fault is an exception other than the model's documented clear messages (ValueError), a NaN
anywhere, an infinite number other than a ratio whose denominator is exactly 0 (documented as
unbounded), or any warning. The target is 0 faults.

    python benchmarks/random_inputs.py [--n 100000] [--scalar 2000] [--seed 2025]
"""

from __future__ import annotations

import argparse
import math
import time
import traceback
import warnings
from collections import Counter

import numpy as np

from filmkit.model import labour, parameters, scenario
from filmkit.views import scenario_charts, scenario_tables


def draw(rng, n: int) -> dict[str, np.ndarray]:
    """``n`` values of every parameter within min..max; 10% at min, 10% at max, 5% at 0 where 0 is legal."""
    out = {}
    for key, p in parameters.parameters().items():
        x = rng.uniform(p.min, p.max, n)
        # many ranges span orders of magnitude: draw half of them log-uniformly between the ends
        if p.min > 0 and p.max / p.min > 100:
            logs = np.exp(rng.uniform(np.log(p.min), np.log(p.max), n))
            x = np.where(rng.random(n) < 0.5, logs, x)
        u = rng.random(n)
        x = np.where(u < 0.10, p.min, x)
        x = np.where(u > 0.90, p.max, x)
        if p.min == 0:
            x = np.where((u >= 0.10) & (u < 0.15), 0.0, x)
        out[key] = np.round(x) if p.integer else x
    return out


def _nonfinite(x) -> int:
    return int(np.size(x) - np.count_nonzero(np.isfinite(np.asarray(x, dtype=float))))


def vectorised(values: dict, faults: Counter) -> None:
    results = {w: scenario.run_workflow(w, values) for w in parameters.WORKFLOWS}
    for w, r in results.items():
        for name, x in (("cost", r.total_cost), ("person-days", r.total_person_days), ("calendar", r.calendar_days),
                        ("licences", r.licence_cost)):
            faults[f"non-finite {name} ({w})"] += _nonfinite(x)
            faults[f"negative {name} ({w})"] += int(np.count_nonzero(np.asarray(x) < 0))
        phase_total = sum(np.asarray(c, dtype=float) for c in _phase_costs(r).values())
        faults[f"phase costs do not add up ({w})"] += int(np.count_nonzero(
            ~np.isclose(phase_total, np.asarray(r.total_cost, dtype=float), rtol=1e-9)))
    for other in ("ai_assisted", "hybrid"):
        q = scenario.ratios(results, other=other)
        dens = {"speedup_calendar": results[other].calendar_days, "speedup_effort": results[other].total_person_days,
                "cost_ratio": results[other].total_cost}
        for metric, x in q.items():
            x = np.asarray(x, dtype=float)
            faults[f"NaN {metric} ({other})"] += int(np.count_nonzero(np.isnan(x)))
            unbounded = np.isinf(x)
            faults[f"inf {metric} with a denominator above 0 ({other})"] += int(np.count_nonzero(
                unbounded & (np.asarray(dens[metric]) > 0)))
            faults[f"(documented) unbounded {metric} ({other})"] += int(np.count_nonzero(unbounded))
    for row in scenario.feasibility_rows(results, values):
        for name in ("share_of_vfx_budget", "limit"):
            faults[f"non-finite feasibility {name}"] += _nonfinite(row[name])


def _phase_costs(result) -> dict:
    """Phase costs of a vectorised result (the chart's own grouping, kept as arrays)."""
    labels = parameters.phases()
    costs = result.stage_cost
    out = {label: 0.0 for label in labels.values()}
    for stage in result.stages:
        out[labels[stage.phase]] = out[labels[stage.phase]] + costs[stage.stage]
    out[scenario_charts.LICENCES] = result.licence_cost
    return out


def scalar(values: dict, faults: Counter) -> None:
    res = scenario.run(values)
    q = scenario.ratios(res)
    feas = scenario.feasibility(res, values)
    scenario_tables.summary_table(res, feas, parameters.tiers()[0])
    scenario_tables.stage_table(res, "ai_assisted", values)
    for v in q.values():
        faults["NaN ratio (scalar)"] += int(math.isnan(v))
    try:
        out = labour.rebound(values=values)
    except ValueError as exc:
        if not str(exc).startswith("rebound:"):
            raise
        faults["(documented) rebound refused with a clear message"] += 1
    else:
        for k in ("hours_ratio", "spending_ratio", "price_ratio", "quantity_ratio"):
            faults[f"non-finite rebound {k}"] += int(not math.isfinite(out[k]))
        labour.rebound_sentence(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="parameter sets in the vectorised pass")
    parser.add_argument("--scalar", type=int, default=2_000, help="parameter sets run one by one")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--chunk", type=int, default=20_000)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    faults: Counter = Counter()
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        done = 0
        while done < args.n:
            size = min(args.chunk, args.n - done)
            try:
                vectorised(draw(rng, size), faults)
            except Exception:  # noqa: BLE001 - counted and shown
                faults["exception (vectorised chunk)"] += 1
                traceback.print_exc()
            done += size
        t_vec = time.perf_counter() - start
        sample = draw(rng, args.scalar)
        for i in range(args.scalar):
            values = {k: float(v[i]) for k, v in sample.items()}
            try:
                scalar(values, faults)
            except Exception as exc:  # noqa: BLE001
                faults[f"exception {type(exc).__name__} (scalar)"] += 1
                if faults[f"exception {type(exc).__name__} (scalar)"] == 1:
                    traceback.print_exc()
        t_all = time.perf_counter() - start
    faults["warnings"] += len(caught)
    for w in caught[:5]:
        print("warning:", w.category.__name__, w.message)
    real = {k: v for k, v in faults.items() if v and not k.startswith("(documented)")}
    print(f"parameter sets: {args.n:,} vectorised in {t_vec:.1f} s; {args.scalar:,} one by one; "
          f"total {t_all:.1f} s")
    for k, v in sorted(faults.items()):
        if v and k.startswith("(documented)"):
            print(f"  {k}: {v:,}")
    print(f"faults: {sum(real.values())}" + "".join(f"\n  {k}: {v:,}" for k, v in sorted(real.items())))
    return 0 if not real else 1


if __name__ == "__main__":
    raise SystemExit(main())
