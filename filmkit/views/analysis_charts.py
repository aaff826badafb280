"""Charts for the "what would 10x take?" analysis: distribution of a ratio, and a tornado."""

from __future__ import annotations

import numpy as np

from filmkit.model.analysis import METRICS
from filmkit.views.figures import new_figure, show_figure
from filmkit.views.palette import colour


def histogram(draws, metric: str, target: float = 10.0):
    """Distribution of one ratio over the Monte Carlo draws, with the claimed value marked."""
    x = draws[metric].to_numpy()
    fig = new_figure(7, 3)
    ax = fig.add_subplot()
    top = max(float(np.percentile(x, 99.5)), target) * 1.1
    ax.hist(np.clip(x, 0, top), bins=80, range=(0, top), color=colour(0), edgecolor="white", linewidth=0.3)
    ax.axvline(target, color="black", linestyle="--", linewidth=1.5)
    ax.text(target, ax.get_ylim()[1] * 0.95, f" claim: {target:g}x", va="top", fontsize=9)
    ax.axvline(1, color=colour(3), linestyle=":", linewidth=1.5)
    ax.text(1, ax.get_ylim()[1] * 0.80, " no change (1x)", va="top", fontsize=8, color=colour(3))
    ax.set_xlabel(METRICS[metric])
    ax.set_ylabel("Draws")
    p5, p50, p95 = np.percentile(x, [5, 50, 95])
    share = float(np.mean(x >= target))
    alt = (f"Histogram of {len(x):,} model runs: {METRICS[metric].lower()} has median {p50:.2f}x, "
           f"90% of runs between {p5:.2f}x and {p95:.2f}x; {share:.2%} reach {target:g}x. These shares follow "
           f"from the input ranges set in the data (most are assumptions) drawn independently; other ranges give "
           f"other shares.")
    return show_figure(fig, alt)


def tornado_chart(table, top: int = 10):
    """Bars from the ratio at each input's low value to its high value, largest swing on top."""
    rows = table.head(top).iloc[::-1]
    base = table.attrs["base"]
    fig = new_figure(7.5, 0.45 * len(rows) + 1.2)
    ax = fig.add_subplot()
    y = np.arange(len(rows))
    ax.barh(y, rows["at_low"] - base, left=base, color=colour(0), label="input at its low value")
    ax.barh(y, rows["at_high"] - base, left=base, color=colour(1), hatch="//", edgecolor="white",
            label="input at its high value")
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(y, [lbl if len(lbl) < 60 else lbl[:57] + "..." for lbl in rows["label"]], fontsize=7)
    ax.set_xlabel(f"Ratio (base {base:.2f}x)")
    ax.legend(fontsize=7, loc="lower right")
    first = table.iloc[0]
    alt = (f"Tornado chart of the {len(rows)} inputs that move the ratio most, from a base of {base:.2f}x. "
           f"Largest: {first['label']}, from {first['at_low']:.2f}x at its low value to {first['at_high']:.2f}x at its high value, "
           f"with every other input at its base value.")
    return show_figure(fig, alt)
