"""The cost and time model of a VFX sequence: traditional, AI-assisted and hybrid workflows.

The same functions take plain numbers (one scenario) or NumPy arrays of equal
length (many scenarios at once, for Monte Carlo): every formula is written with
element-wise arithmetic only.

For each workflow, stage by stage:

- passes: 1 for work done once; ``1 + (rounds - 1) * rework_share`` for work partly redone
  each extra review round; ``rounds`` for review itself;
- person-days = days per shot x shots x passes + fixed days;
- labour cost = person-days x day rate of the stage's role, where
  day rate = annual wage x role pay factor x loaded-cost multiplier x regional factor / working days;
- machine cost: render node-hours (per shot per pass) x price, or generated seconds
  (seconds kept x generated-per-kept ratio x passes) x price;
- duration (working days) = person-days / team size + render wall-clock days,
  plus, for review, rounds x waiting days;
- a stage starts once the previous one is ``starts_after`` done and cannot end before it.

The workflow's calendar time is when its last stage ends; licences for generative tools
are paid per seat for that time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from filmkit.i18n import _
from filmkit.model.parameters import (
    WORKFLOW_LABELS,
    WORKFLOWS,
    Stage,
    pipeline,
    tier_labels,
    validate,
)


@dataclass
class WorkflowResult:
    """Outputs for one workflow. Every number is a float, or an array in a vectorised run."""

    workflow: str
    stages: list[Stage]
    person_days: dict = field(default_factory=dict)   # stage -> person-days
    labour_cost: dict = field(default_factory=dict)   # stage -> USD
    machine_cost: dict = field(default_factory=dict)  # stage -> USD
    start: dict = field(default_factory=dict)         # stage -> working day it starts
    duration: dict = field(default_factory=dict)      # stage -> working days
    role_days: dict = field(default_factory=dict)     # role -> person-days
    role_cost: dict = field(default_factory=dict)     # role -> USD (labour only)
    licence_cost: object = 0.0
    calendar_days: object = 0.0

    @property
    def stage_cost(self) -> dict:
        """Labour plus machine cost of each stage, in USD."""
        return {s.stage: self.labour_cost[s.stage] + self.machine_cost[s.stage] for s in self.stages}

    @property
    def total_cost(self):
        """Everything: labour, machines and licences, in USD."""
        return sum(self.stage_cost.values()) + self.licence_cost

    @property
    def total_person_days(self):
        return sum(self.person_days.values())

    def role_hours(self, hours_per_day) -> dict:
        """Labour hours by role."""
        return {role: days * hours_per_day for role, days in self.role_days.items()}


def day_rate(values: dict, role: str):
    """Cost of one person-day of a role, in USD."""
    return (values["wage_annual_usd"] * values[f"wage_factor.{role}"] * values["overhead_multiplier"]
            * values["region_rate_factor"] / values["working_days_per_year"])


def passes(stage: Stage, values: dict):
    """How many times a stage's per-shot work is done, counting review rework."""
    rounds = values["review_rounds"]
    if stage.repeats == "every_round":
        return rounds
    if stage.repeats == "rework":
        return 1 + (rounds - 1) * values["rework_share"]
    return 1.0


def _stage_value(values: dict, stage: Stage, part: str):
    return values.get(f"{stage.workflow}.{stage.stage}.{part}", 0.0)


def run_workflow(workflow: str, values: dict) -> WorkflowResult:
    """Cost, labour and schedule of one workflow for already-validated values."""
    result = WorkflowResult(workflow, pipeline()[workflow])
    team = values[f"team_{workflow}"]
    shots = values["shots"]
    prev_start = prev_duration = prev_end = 0.0
    for i, stage in enumerate(result.stages):
        n = passes(stage, values)
        days = _stage_value(values, stage, "days_per_shot") * shots * n + _stage_value(values, stage, "fixed_days")
        machine_units = _stage_value(values, stage, "machine_per_shot") * shots * n
        wall_days = 0.0
        if stage.machine == "render":
            machine = machine_units * values["render_price_per_node_hour"]
            # node-hours spread over the farm, converted to working days of 24 machine hours
            wall_days = machine_units / values["render_nodes"] / 24
        elif stage.machine == "generation":
            machine = machine_units * values["seconds_per_shot"] * values["gen_price_per_second"]
        else:
            machine = 0.0 * days
        duration = days / team + wall_days
        if stage.waits_for_feedback:
            duration = duration + values["review_rounds"] * values["review_wait_days"]
        start = 0.0 * days if i == 0 else prev_start + stage.starts_after * prev_duration
        end = np.maximum(start + duration, prev_end)
        result.person_days[stage.stage] = days
        result.labour_cost[stage.stage] = days * day_rate(values, stage.role)
        result.machine_cost[stage.stage] = machine
        result.start[stage.stage] = start
        result.duration[stage.stage] = end - start
        result.role_days[stage.role] = result.role_days.get(stage.role, 0.0) + days
        result.role_cost[stage.role] = result.role_cost.get(stage.role, 0.0) + result.labour_cost[stage.stage]
        prev_start, prev_duration, prev_end = start, end - start, end
    result.calendar_days = prev_end
    if any(s.machine == "generation" for s in result.stages):
        months = result.calendar_days / values["working_days_per_year"] * 12
        result.licence_cost = team * values["licence_ai_per_seat_month"] * months
    return result


def run(values: dict | None = None) -> dict[str, WorkflowResult]:
    """Validate ``values`` (missing ones take their base value) and run every workflow."""
    clean = validate(values or {})
    results = {w: run_workflow(w, clean) for w in WORKFLOWS}
    check_finite(results, clean)
    return results


def check_finite(results: dict[str, WorkflowResult], clean: dict) -> None:
    """Raise ValueError naming the largest inputs if a result is not a finite number.

    Inputs are bounded (:data:`filmkit.model.parameters.LARGEST`), so this only fires if the data's
    limits are widened past what the formulas can carry; a wrong number is never shown instead.
    """
    for res in results.values():
        for total in (res.total_cost, res.calendar_days, res.total_person_days):
            if not np.all(np.isfinite(total)):
                largest = sorted(clean, key=lambda k: -float(np.max(np.abs(clean[k]))))[:3]
                raise ValueError(_("the {workflow} workflow's result is not a finite number; the largest inputs are "
                                   "{keys}: use smaller values").format(
                    workflow=WORKFLOW_LABELS[res.workflow], keys=", ".join(map(repr, largest))))


def _check_results(results, *workflows: str) -> None:
    """Raise ValueError unless ``results`` is what :func:`run` returns (with these workflows)."""
    if not isinstance(results, dict) or not all(isinstance(r, WorkflowResult) for r in results.values()):
        raise ValueError(_("results: expected what run() returns (one result per workflow), got {kind}").format(
            kind=type(results).__name__))
    missing = [w for w in workflows if w not in results]
    if missing:
        raise ValueError(_("workflow: {names} is not one of {known}").format(
            names=", ".join(map(repr, missing)), known=", ".join(results)))


def safe_ratio(numerator, denominator):
    """``numerator / denominator`` for non-negative numbers or arrays, without warnings or NaN.

    A zero denominator is a legal answer (an AI-assisted workflow may take no person-days if
    every stage is set to 0): the ratio is then ``inf`` when the numerator is above 0 ("no
    finite multiple": views show it as n/a with the reason), and 1.0 when both are 0 (the
    two workflows are equal).

    >>> safe_ratio(10.0, 4.0), safe_ratio(3.0, 0.0), safe_ratio(0.0, 0.0)
    (2.5, inf, 1.0)
    """
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    num, den = np.broadcast_arrays(num, den)
    out = np.ones(num.shape)
    positive = den > 0
    np.divide(num, den, out=out, where=positive)
    out[~positive & (num > 0)] = np.inf
    return float(out) if out.ndim == 0 else out


def ratios(results: dict[str, WorkflowResult], other: str = "ai_assisted", baseline: str = "traditional") -> dict:
    """The ratios a claim talks about: how many times faster and cheaper ``other`` is than ``baseline``.

    - ``speedup_calendar``: elapsed working days, baseline / other
    - ``speedup_effort``: person-days, baseline / other
    - ``cost_ratio``: total cost, baseline / other (above 1: other is cheaper)

    Each is computed with :func:`safe_ratio`: if ``other`` takes no time, effort or money
    (every one of its inputs set to 0), the ratio is ``inf`` (1.0 if both are 0), never an
    error, a NaN or a warning.
    """
    _check_results(results, other, baseline)
    a, b = results[baseline], results[other]
    return {
        "speedup_calendar": safe_ratio(a.calendar_days, b.calendar_days),
        "speedup_effort": safe_ratio(a.total_person_days, b.total_person_days),
        "cost_ratio": safe_ratio(a.total_cost, b.total_cost),
    }


def feasibility(results: dict[str, WorkflowResult], values: dict | None = None) -> list[dict]:
    """For each production tier and workflow: the sequence's cost against what one sequence may spend.

    The limit is budget x VFX share x the share of the VFX budget one sequence may take.
    Budgets and VFX shares are above 0 (their limits), so the share of the VFX budget is finite.
    """
    return feasibility_rows(results, validate(values or {}))


def feasibility_rows(results: dict[str, WorkflowResult], clean: dict) -> list[dict]:
    """:func:`feasibility` for already-validated values (numbers or equal-length arrays)."""
    _check_results(results)
    rows = []
    for tier, label in tier_labels().items():
        vfx_budget = clean[f"tier.{tier}.budget_usd"] * clean[f"tier.{tier}.vfx_share"]
        limit = vfx_budget * clean["sequence_share_of_vfx_budget"]
        for workflow, res in results.items():
            cost = res.total_cost
            rows.append({"tier": tier, "label": label, "workflow": workflow, "sequence_cost": cost,
                         "vfx_budget": vfx_budget, "limit": limit, "share_of_vfx_budget": cost / vfx_budget,
                         "feasible": cost <= limit})
    return rows
