"""Charts for the "what would 10x take?" analysis: distribution of a ratio, and a tornado."""

from __future__ import annotations

import numpy as np

from filmkit.i18n import _, ngettext, number, percent, ratio
from filmkit.model.analysis import METRICS
from filmkit.views.figures import new_figure, show_figure
from filmkit.views.palette import colour
from filmkit.views.tables import plain_number


def target_text(target: float) -> str:
    """A claimed ratio as short text: ``10x``, ``1.5x`` (as many decimals as it has)."""
    return _("{value}x").format(value=plain_number(target))


def histogram(draws, metric: str, target: float = 10.0):
    """Distribution of one ratio over the Monte Carlo draws, with the claimed value marked."""
    x = draws[metric].to_numpy()
    fig = new_figure(7, 3)
    ax = fig.add_subplot()
    top = max(float(np.percentile(x, 99.5)), target) * 1.1
    ax.hist(np.clip(x, 0, top), bins=80, range=(0, top), color=colour(0), edgecolor="white", linewidth=0.3)
    ax.axvline(target, color="black", linestyle="--", linewidth=1.5)
    # the leading space keeps the labels off the lines they name
    ax.text(target, ax.get_ylim()[1] * 0.95, " " + _("claim: {ratio}").format(ratio=target_text(target)),
            va="top", fontsize=9)
    ax.axvline(1, color=colour(3), linestyle=":", linewidth=1.5)
    ax.text(1, ax.get_ylim()[1] * 0.80, " " + _("no change (1x)"), va="top", fontsize=8, color=colour(3))
    ax.set_xlabel(METRICS[metric])
    ax.set_ylabel(_("Draws"))
    p5, p50, p95 = np.percentile(x, [5, 50, 95])
    share = float(np.mean(x >= target))
    alt = " ".join([
        # TRANSLATORS: {metric} is a ratio's name, e.g. "speed-up in person-days (x)"; {middle} is "90%",
        # {share} a percentage
        _("Histogram of {runs} model runs: {metric} has median {median}, {middle} of runs between {low} and "
          "{high}; {share} reach {target}.").format(runs=number(len(x)), metric=METRICS[metric].lower(),
                                                    median=ratio(p50), middle=percent(0.9), low=ratio(p5),
                                                    high=ratio(p95), share=percent(share, 2),
                                                    target=target_text(target)),
        _("These shares follow from the input ranges set in the data (most are assumptions) drawn independently; "
          "other ranges give other shares."),
    ])
    return show_figure(fig, alt)


def tornado_chart(table, top: int = 10):
    """Bars from the ratio at each input's low value to its high value, largest swing on top."""
    rows = table.head(top).iloc[::-1]
    base = table.attrs["base"]
    fig = new_figure(7.5, 0.45 * len(rows) + 1.2)
    ax = fig.add_subplot()
    y = np.arange(len(rows))
    ax.barh(y, rows["at_low"] - base, left=base, color=colour(0), label=_("input at its low value"))
    ax.barh(y, rows["at_high"] - base, left=base, color=colour(1), hatch="//", edgecolor="white",
            label=_("input at its high value"))
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(y, [lbl if len(lbl) < 60 else lbl[:57] + "..." for lbl in rows["label"]], fontsize=7)
    ax.set_xlabel(_("Ratio (base {base})").format(base=ratio(base)))
    ax.legend(fontsize=7, loc="lower right")
    first = table.iloc[0]
    alt = " ".join([
        ngettext("Tornado chart of the {count} input that moves the ratio most, from a base of {base}.",
                 "Tornado chart of the {count} inputs that move the ratio most, from a base of {base}.",
                 len(rows)).format(count=len(rows), base=ratio(base)),
        _("Largest: {input}, from {low} at its low value to {high} at its high value, "
          "with every other input at its base value.").format(input=first["label"], low=ratio(first["at_low"]),
                                                              high=ratio(first["at_high"])),
    ])
    return show_figure(fig, alt)
