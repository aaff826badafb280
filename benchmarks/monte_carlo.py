"""Monte Carlo speed: 100,000 draws of the full model, vectorised, against a per-draw Python loop.

The loop is timed on 1,000 draws and scaled up (100,000 would take minutes).
Run: python benchmarks/monte_carlo.py
"""

import statistics
import time

import numpy as np

from filmkit.model import analysis, scenario

N = 100_000
LOOP_N = 1_000


def vectorised_seconds(repeats=7):
    analysis.monte_carlo(N)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        analysis.monte_carlo(N, seed=2025)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def loop_seconds_per_draw():
    draws = analysis.sample(LOOP_N, seed=2025)
    start = time.perf_counter()
    for i in range(LOOP_N):
        one = {k: (float(v[i]) if isinstance(v, np.ndarray) else v) for k, v in draws.items()}
        results = {w: scenario.run_workflow(w, one) for w in ("traditional", "ai_assisted")}
        scenario.ratios(results)
    return (time.perf_counter() - start) / LOOP_N


if __name__ == "__main__":
    median, worst = vectorised_seconds()
    per_draw = loop_seconds_per_draw()
    loop_total = per_draw * N
    print(f"vectorised, {N:,} draws: median {median:.3f} s, slowest {worst:.3f} s (7 runs)")
    print(f"per-draw loop: {per_draw * 1e6:.0f} us per draw, about {loop_total:.1f} s for {N:,} draws")
    print(f"vectorised is {loop_total / median:.0f}x faster")
