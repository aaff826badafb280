"""Charts of a scenario: cost by phase with the feasibility limit, schedule, hours by role.

Each chart builds its artists once; :meth:`update` moves them to new numbers and returns
the alt text, so a widget redraws without building a new figure. The same classes make
the static figures shown before a widget.
"""

from __future__ import annotations

from matplotlib.ticker import FuncFormatter

from filmkit.i18n import N_, _, join_items, number
from filmkit.i18n import money as _money
from filmkit.model.parameters import WORKFLOW_LABELS, WORKFLOWS, phases, role_labels
from filmkit.views.figures import new_figure, show_figure
from filmkit.views.palette import COLOUR_WORDS, SERIES, colour, hatch
from filmkit.views.tables import plain_number

#: the key of the licences in :func:`phase_costs` (shown translated: ``_(LICENCES)``)
LICENCES = N_("Generative tool licences")


def shown_phase(name: str) -> str:
    """A key of :func:`phase_costs` as shown: phase labels come translated from the data, the licences from here."""
    return _(LICENCES) if name == LICENCES else name


def phase_names() -> list[str]:
    """Phase labels in chart order (data/phases.csv), then the licences, as shown."""
    return list(phases().values()) + [_(LICENCES)]


def money(x) -> str:
    """An amount in US dollars, written the reader's way: $16,036."""
    return _money(x)


def short_money(x, _pos=None) -> str:
    """Axis labels: $0, $50k, $1.5M."""
    if abs(x) >= 1e6:
        # TRANSLATORS: an axis label, millions of US dollars (e.g. $1.5M)
        return _("${value}M").format(value=plain_number(x / 1e6))
    if abs(x) >= 1e3:
        # TRANSLATORS: an axis label, thousands of US dollars (e.g. $50k)
        return _("${value}k").format(value=plain_number(x / 1e3))
    # TRANSLATORS: an axis label, US dollars (e.g. $500)
    return _("${value}").format(value=plain_number(x))


def phase_costs(result, labels: dict[str, str] | None = None) -> dict[str, float]:
    """Cost of each phase (and licences) for one workflow; each stage counts in its phase (data/pipeline_stages.csv).

    The phase costs add up to the workflow's total cost. ``labels`` (phase id -> label) defaults to
    :func:`phases`; a chart passes the phases it was built with.
    """
    costs = result.stage_cost
    labels = phases() if labels is None else labels
    out = {label: 0.0 for label in labels.values()}
    for stage in result.stages:
        out[labels[stage.phase]] += float(costs[stage.stage])
    out[LICENCES] = float(result.licence_cost)
    return out


class CostChart:
    """Stacked horizontal bars: each workflow's cost by phase, with the chosen tier's limit."""

    def __init__(self, fig=None, legend: bool = True):
        self.fig = fig or new_figure(7.2, 2.9)
        self.ax = self.fig.add_subplot()
        self.phase_labels = phases()  # the bars below are one per phase: read the table once
        names = list(self.phase_labels.values()) + [LICENCES]
        ys = range(len(WORKFLOWS))
        self.bars = {p: self.ax.barh(ys, [0] * len(WORKFLOWS), color=colour(i), hatch=hatch(i), edgecolor="white",
                                     label=shown_phase(p)) for i, p in enumerate(names)}
        self.totals = [self.ax.text(0, y, "", va="center", fontsize=8) for y in ys]
        self.limit = self.ax.axvline(0, color="black", linestyle="--", linewidth=1.2)
        self.limit_label = self.ax.text(0, -0.68, "", fontsize=8, ha="right", va="center")
        self.ax.set_yticks(list(ys), [WORKFLOW_LABELS[w] for w in WORKFLOWS])
        self.ax.set_ylim(len(WORKFLOWS) - 0.5, -0.9)  # top to bottom, with room for the limit's label
        self.ax.xaxis.set_major_formatter(FuncFormatter(short_money))
        self.ax.set_xlabel(_("Cost of the sequence (USD)"))
        if legend:  # a live chart shows its legend once, outside the image it redraws (see legend_figure)
            self.ax.legend(fontsize=7, loc="lower right", ncol=2, framealpha=0.9)

    def update(self, results, feasibility_row_by_workflow: dict | None = None, tier_label: str = "") -> str:
        left = [0.0] * len(WORKFLOWS)
        costs = {w: phase_costs(results[w], self.phase_labels) for w in WORKFLOWS}
        for phase, bars in self.bars.items():
            for i, (w, rect) in enumerate(zip(WORKFLOWS, bars)):
                rect.set_x(left[i])
                rect.set_width(costs[w][phase])
                left[i] += costs[w][phase]
        top = max(left)
        limit = None
        if feasibility_row_by_workflow:
            limit = float(next(iter(feasibility_row_by_workflow.values()))["limit"])
            self.limit.set_xdata([limit, limit])
            self.limit.set_visible(True)
            self.limit_label.set_text(_("limit for {production}: {amount}").format(production=tier_label,
                                                                                  amount=money(limit)))
            self.limit_label.set_x(limit)
        else:
            self.limit.set_visible(False)
            self.limit_label.set_text("")
        span = max(top, limit or 0) * 1.25 or 1.0
        for y, text in enumerate(self.totals):
            text.set_position((left[y] + span * 0.01, y))
            text.set_text(money(left[y]))
        self.ax.set_xlim(0, span)
        # TRANSLATORS: one item of a list in alt text: a workflow and its cost, e.g. "Traditional $16,036"
        parts = [_("{workflow} {amount}").format(workflow=WORKFLOW_LABELS[w], amount=money(left[i]))
                 for i, w in enumerate(WORKFLOWS)]
        sentences = [_("Cost of the sequence by phase: {costs}.").format(costs=join_items(parts))]
        if limit is not None:
            within = [WORKFLOW_LABELS[w] for w, row in feasibility_row_by_workflow.items() if row["feasible"]]
            sentences.append(_("Limit for {production}: {amount}; within it: {workflows}.").format(
                production=tier_label, amount=money(limit),
                workflows=", ".join(within) if within else _("none")))
        sentences.append(_("These costs follow from the inputs as set, most of them labelled assumptions."))
        return " ".join(sentences)


def legend_figure():
    """The cost chart's legend on its own, drawn once for the live explorer."""
    from matplotlib.patches import Patch

    fig = new_figure(7.2, 0.45)
    names = phase_names()
    fig.legend(handles=[Patch(facecolor=colour(i), hatch=hatch(i), edgecolor="white", label=p)
                        for i, p in enumerate(names)],
               loc="center", ncol=3, fontsize=7, frameon=False)
    # TRANSLATORS: one item of the legend's alt text: a phase and how its bars look, e.g. "Review: blue, plain"
    items = [_("{phase}: {swatch}").format(phase=p, swatch=swatch_words(i)) for i, p in enumerate(names)]
    alt = _("Legend: {items}").format(items=join_items(items))
    return fig, alt


#: Plain words for each hatch pattern of the palette, for alt text (translated where shown).
_HATCH_WORDS = {"": N_("plain"), "//": N_("diagonal lines"), "..": N_("dots"), "xx": N_("crosses"),
                "\\\\": N_("back-diagonal lines"), "++": N_("plus signs"), "oo": N_("circles"),
                "--": N_("horizontal lines")}
_PATTERNED = N_("patterned")


def swatch_words(i: int) -> str:
    """The i-th series' colour and pattern in words, read from the palette itself (so they never drift apart).

    >>> swatch_words(0), swatch_words(1)
    ('blue, plain', 'orange, diagonal lines')
    """
    # TRANSLATORS: how a series looks, e.g. "blue, plain" or "orange, diagonal lines"
    return _("{colour}, {pattern}").format(colour=_(COLOUR_WORDS[SERIES[i % len(SERIES)]]),
                                          pattern=_(_HATCH_WORDS.get(hatch(i), _PATTERNED)))


class ScheduleChart:
    """A Gantt-like view: each stage's start and duration in working days, one block per workflow."""

    def __init__(self, results, fig=None):
        self.rows = [(w, s.stage) for w in WORKFLOWS for s in results[w].stages]
        height = 0.9 + 0.22 * len(self.rows)
        self.fig = fig or new_figure(7.2, height)
        self.ax = self.fig.add_subplot()
        self.bars = self.ax.barh(range(len(self.rows)), [0] * len(self.rows),
                                 color=[colour(WORKFLOWS.index(w)) for w, _stage in self.rows],
                                 hatch=None, edgecolor="white")
        for rect, (w, _stage) in zip(self.bars, self.rows):
            rect.set_hatch(hatch(WORKFLOWS.index(w)))
        # TRANSLATORS: a row of the schedule chart, e.g. "Traditional: Previs"
        labels = {(w, s.stage): _("{workflow}: {stage}").format(workflow=WORKFLOW_LABELS[w], stage=s.label)
                  for w in WORKFLOWS for s in results[w].stages}
        self.ax.set_yticks(range(len(self.rows)), [labels[r] for r in self.rows], fontsize=7)
        self.ax.invert_yaxis()
        self.ax.set_xlabel(_("Working days from the start"))
        self.ax.grid(axis="x", alpha=0.3)

    def update(self, results, review_wait_days: float = 0.0) -> str:
        end = 0.0
        for rect, (w, stage) in zip(self.bars, self.rows):
            start, duration = float(results[w].start[stage]), float(results[w].duration[stage])
            rect.set_x(start)
            rect.set_width(duration)
            end = max(end, start + duration)
        self.ax.set_xlim(0, end * 1.05 or 1.0)
        # TRANSLATORS: one item of a list in alt text: a workflow and its working days, e.g. "Traditional 15.6"
        parts = [_("{workflow} {days}").format(workflow=WORKFLOW_LABELS[w], days=number(results[w].calendar_days, 1))
                 for w in WORKFLOWS]
        return " ".join([
            _("Schedule in working days: {days}.").format(days=join_items(parts)),
            _("Waiting for feedback adds {days} days to each workflow's review.").format(
                days=number(review_wait_days, 1)),
        ])


class RolesChart:
    """Grouped horizontal bars: labour hours by role in each workflow."""

    def __init__(self, fig=None):
        self.roles = list(role_labels())
        self.fig = fig or new_figure(7.2, 3.2)
        self.ax = self.fig.add_subplot()
        width = 0.27
        self.bars = {}
        for i, w in enumerate(WORKFLOWS):
            ys = [r + (i - 1) * width for r in range(len(self.roles))]
            self.bars[w] = self.ax.barh(ys, [0] * len(self.roles), height=width, color=colour(i), hatch=hatch(i),
                                        edgecolor="white", label=WORKFLOW_LABELS[w])
        self.ax.set_yticks(range(len(self.roles)), [role_labels()[r] for r in self.roles], fontsize=8)
        self.ax.invert_yaxis()
        self.ax.set_xlabel(_("Labour hours"))
        self.ax.legend(fontsize=7, loc="lower right")

    def update(self, results, hours_per_day: float) -> str:
        top = 0.0
        hours = {w: results[w].role_hours(hours_per_day) for w in WORKFLOWS}
        for w, bars in self.bars.items():
            for rect, role in zip(bars, self.roles):
                h = float(hours[w].get(role, 0.0))
                rect.set_width(h)
                top = max(top, h)
        self.ax.set_xlim(0, top * 1.1 or 1.0)
        # TRANSLATORS: one item of a list in alt text: a workflow and its labour hours, e.g. "Traditional 350 h"
        totals = join_items(_("{workflow} {hours} h").format(workflow=WORKFLOW_LABELS[w],
                                                           hours=number(sum(float(v) for v in hours[w].values())))
                           for w in WORKFLOWS)
        labels = role_labels()
        changes = []
        for role in self.roles:
            a, b = float(hours["traditional"].get(role, 0)), float(hours["ai_assisted"].get(role, 0))
            if a != b:
                # TRANSLATORS: one item of a list in alt text, e.g. "Compositor 51 to 102 h"
                changes.append((abs(b - a), _("{role} {before} to {after} h").format(
                    role=labels[role], before=number(a), after=number(b))))
        top_changes = ", ".join(t for _size, t in sorted(changes, reverse=True)[:3])
        return _("Labour hours: {totals}. Largest shifts from traditional to AI-assisted: {changes}.").format(
            totals=totals, changes=top_changes)


def static_figures(results, feasibility_rows: list[dict], tier: str, tier_label: str, review_wait_days: float,
                   hours_per_day: float):
    """The three charts for one scenario, as static figures with alt text."""
    by_workflow = {r["workflow"]: r for r in feasibility_rows if r["tier"] == tier}
    cost = CostChart()
    alt = cost.update(results, by_workflow, tier_label)
    schedule = ScheduleChart(results)
    alt_s = schedule.update(results, review_wait_days)
    roles = RolesChart()
    alt_r = roles.update(results, hours_per_day)
    return [show_figure(cost.fig, alt), show_figure(schedule.fig, alt_s), show_figure(roles.fig, alt_r)]
