"""Module 6: simulate or generate. CPU time of each step, break-even, the memorisation curve, widget updates.

Prints, for the toy collapse of module 6:

- CPU seconds to simulate the training frames, to train the model (target 2 s), to generate a frame;
- the break-even number of frames (counting the simulated training frames and the training) and the
  speed-up at 100, 1,000 and 10,000 frames, generation only and counting everything;
- the memorisation curve (copies, median nearest-frame distance, half-there pixels at each dial setting);
- kernel-side time of every widget control answering a change (median and worst; target 100 ms median).

Run: python benchmarks/generative_model.py [--repeats N] [--changes N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from filmkit.model import frames, generative
from filmkit.views.generative_widgets import MemorisationDial, ProvenanceView, SpotTheFrame


def best_of(fn, repeats: int) -> tuple[float, object]:
    """Least CPU time of ``repeats`` runs (the run least disturbed by other work) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def widget_times(changes: int) -> list[tuple[str, list[float]]]:
    footage = frames.simulate()
    model = generative.train(footage)
    dial, view, game = MemorisationDial(model), ProvenanceView(model), SpotTheFrame(model)
    cases = [
        ("memorisation dial: setting", dial.dial, [1, 4, 7, 2, 6]),
        ("provenance: generated frame", view.frame, [2, 5, 8, 1]),
        ("provenance: train without", view.without, ["dolores", "", "ana", "bruno", "chen"]),
        ("spot the frame: choice", game.choice, [0, 1, 2, 3]),
        ("spot the frame: round", game.round, [2, 3, 4, 5, 1]),
    ]
    out = []
    for name, control, values in cases:
        times = []
        for i in range(changes):
            start = time.perf_counter()
            control.value = values[i % len(values)]
            times.append((time.perf_counter() - start) * 1000)
        out.append((name, times))
    return out


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    cli.add_argument("--repeats", type=int, default=5, help="runs of each timed step (the least is kept)")
    cli.add_argument("--changes", type=int, default=40, help="changes per widget control")
    args = cli.parse_args()

    sim, footage = best_of(frames.simulate, args.repeats)
    fit, model = best_of(lambda: generative.train(footage), args.repeats)
    gen = generative.generation_seconds(model, repeats=args.repeats)
    per_sim = sim / len(footage)
    print(f"training data: {len(footage)} frames of {frames.SIZE}x{frames.SIZE} px, "
          f"simulated in {sim:.3f} CPU s ({per_sim * 1000:.3f} ms a frame)")
    print(f"training: {fit:.3f} CPU s (target <= 2 s), {model.ingredients} ingredients")
    print(f"generating: {gen * 1000:.4f} CPU ms a frame; a generated frame is {per_sim / gen:.0f}x cheaper "
          "than a simulated one")
    n = generative.break_even(per_sim, gen, fit, len(footage))
    print(f"break-even, counting the simulated training frames and the training: {n:.0f} frames")
    for count in (100, 1_000, 10_000):
        p = generative.pipeline_seconds(count, per_sim, gen, fit, len(footage))
        print(f"  {count:>6} frames: simulate {p['simulate']:.3f} s, generate {p['generate']:.4f} s "
              f"({p['speedup_generation_only']:.0f}x), everything {p['generate_everything']:.3f} s "
              f"({p['speedup_everything']:.2f}x)")

    print("\nmemorisation curve (24 generated frames a setting):")
    print("  setting ingredients bandwidth copies median_distance half_there")
    for r in generative.memorisation_curve(model):
        print(f"  {r['position']:>7} {r['ingredients']:>11} {r['bandwidth']:>9.2f} {r['copies']:>6} "
              f"{r['median_distance']:>15.3f} {r['ghost_share']:>10.3f}")

    print(f"\nwidget updates, kernel side ({args.changes} changes each; target: median <= 100 ms):")
    for name, times in widget_times(args.changes):
        print(f"  {name:<30} median {statistics.median(times):6.1f} ms   worst {max(times):6.1f} ms")


if __name__ == "__main__":
    main()
