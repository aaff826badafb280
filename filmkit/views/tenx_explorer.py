"""A widget for "what would 10x take?": pick a meaning of 10x, a workflow and a target."""

from __future__ import annotations

import asyncio
import html

import ipywidgets as widgets
import numpy as np

from filmkit.i18n import _, number, percent, ratio
from filmkit.model.analysis import METRICS, monte_carlo
from filmkit.model.parameters import WORKFLOW_LABELS
from filmkit.views.analysis_charts import target_text
from filmkit.views.figures import FigureView, new_figure
from filmkit.views.readout import with_reader_readout
from filmkit.views.scenario_tables import RATIOS_BELOW_ONE
from filmkit.views.palette import colour

BINS = 60


class TenXExplorer:
    """Monte Carlo distribution of a ratio, with the share of runs reaching the target.

    Draws are computed once per workflow (100,000 by default) and reused; moving the
    target only moves a line and recounts.
    """

    def __init__(self, n: int = 100_000, seed: int = 2025):

        self.n, self.seed, self._draws = n, seed, {}
        self._sorted, self._counts = {}, {}  # per workflow and meaning: what the target does not change
        style = {"description_width": "initial"}
        self.metric = widgets.Dropdown(options=[(v, k) for k, v in METRICS.items()], value="speedup_effort",
                                       description=_("Meaning of 'faster'"), style=style)
        self.other = widgets.Dropdown(options=[(WORKFLOW_LABELS[w], w) for w in ("ai_assisted", "hybrid")],
                                      value="ai_assisted", description=_("Compared with traditional"), style=style)
        self.target = widgets.FloatSlider(value=10, min=1.5, max=20, step=0.5, description=_("Target ratio (x)"),
                                          continuous_update=False, style=style,
                                          layout=widgets.Layout(width="420px", max_width="calc(100% - 4px)"))
        self.fig = new_figure(7, 3)
        self.ax = self.fig.add_subplot()
        self.bars = self.ax.bar(np.zeros(BINS), np.zeros(BINS), width=1.0, align="edge", color=colour(0),
                                edgecolor="white", linewidth=0.3)
        self.line = self.ax.axvline(10, color="black", linestyle="--", linewidth=1.5)
        self.ax.set_ylabel(_("Draws"))
        self.view = FigureView(self.fig)
        self.text = widgets.HTML()
        for control in (self.metric, self.other, self.target):
            control.observe(lambda _c: self.update(), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.metric, self.other], layout=widgets.Layout(flex_flow="row wrap")), with_reader_readout(self.target, 1), self.text, self.view.widget])
        self.update()
        self._make_the_rest_when_idle()

    def _make_the_rest_when_idle(self) -> None:
        """Make the other workflow's draws once the cell has run, while the kernel waits for the learner (100,000
        model runs, about 130 ms): the first switch of 'Compared with' then answers at once. Without a running
        event loop (a script, a test) they are made when first asked for."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        def make(other: str) -> None:
            try:
                self.ranked(other, self.metric.value)
            except Exception:  # noqa: BLE001 - nothing is shown from here: the learner's switch asks again
                pass

        for _label, other in self.other.options:
            if other not in self._draws:
                loop.call_soon(make, other)

    def draws(self, other: str):
        if other not in self._draws:
            self._draws[other] = monte_carlo(self.n, self.seed, other=other)
        return self._draws[other]

    def ranked(self, other: str, metric: str):
        """The draws of one ratio in order, with their 5th, 50th, 95th and 99.5th percentiles (kept: moving the
        target only counts the draws above it)."""
        key = (other, metric)
        if key not in self._sorted:
            x = np.sort(self.draws(other)[metric].to_numpy())
            self._sorted[key] = (x, np.percentile(x, [5, 50, 95, 99.5]))
        return self._sorted[key]

    def histogram(self, other: str, metric: str, top: float):
        key = (other, metric, top)
        if key not in self._counts:
            x = self.ranked(other, metric)[0]
            self._counts[key] = np.histogram(np.clip(x, 0, top), bins=BINS, range=(0, top))
            if len(self._counts) > 64:
                self._counts.pop(next(iter(self._counts)))
        return self._counts[key]

    def update(self) -> None:
        x, (p5, p50, p95, p995) = self.ranked(self.other.value, self.metric.value)
        target = float(self.target.value)
        top = max(float(p995), target) * 1.1
        counts, edges = self.histogram(self.other.value, self.metric.value, top)
        for rect, h, left in zip(self.bars, counts, edges[:-1]):
            rect.set_x(left)
            rect.set_width(edges[1] - edges[0])
            rect.set_height(h)
        self.line.set_xdata([target, target])
        self.ax.set_xlim(0, top)
        self.ax.set_ylim(0, counts.max() * 1.1 or 1)
        self.ax.set_xlabel(METRICS[self.metric.value])
        share = float(np.mean(x >= target)) if np.isnan(x[-1]) else (len(x) - int(np.searchsorted(x, target))) / len(x)
        sentence = " ".join([
            _("Across {runs} runs over the input ranges, {share} reach {target}.").format(
                runs=number(len(x)), share=percent(share, 2), target=target_text(target)),
            # TRANSLATORS: {middle} is "90%"
            _("Median {median}; {middle} of runs between {low} and {high}.").format(
                median=ratio(p50), middle=percent(0.9), low=ratio(p5), high=ratio(p95)),
            _("This is what these ranges imply, not the chance that the claim is true: "
              "change the ranges and the share changes."),
            *([_(RATIOS_BELOW_ONE)] if round(float(p5), 2) < 1 else []),  # "0.65x" under a speed-up means slower
        ])
        self.text.value = f"<p><strong>{html.escape(sentence)}</strong></p>"
        self.view.push(_("Histogram of the model runs. {summary}").format(summary=sentence))


def tenx_explorer(n: int = 100_000, seed: int = 2025):
    """The widget, ready to display."""
    return TenXExplorer(n, seed).widget
