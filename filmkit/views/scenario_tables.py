"""Tables that let a learner follow every number of the cost and time model."""

from __future__ import annotations

import math

import pandas as pd

from filmkit.model.data import load
from filmkit.model.parameters import (
    WORKFLOW_LABELS,
    WORKFLOWS,
    parameters,
    role_labels,
    validate,
)
from filmkit.model.scenario import day_rate, passes, ratios


def parameter_table(keys=None, groups=None) -> pd.DataFrame:
    """Parameters with their ranges and where they come from (publisher, or 'assumption')."""
    params = parameters()
    publishers = dict(zip(*load("sources")[["id", "publisher"]].T.values))
    chosen = [p for k, p in params.items() if (keys is None or k in keys) and (groups is None or p.group in groups)]
    return pd.DataFrame([{
        "parameter": p.label, "unit": p.unit, "low": f"{p.low:g}", "base": f"{p.base:g}", "high": f"{p.high:g}",
        "basis": p.basis, "source": publishers.get(p.source_id, "") if p.source_id else "-",
    } for p in chosen])


def basis_counts() -> pd.DataFrame:
    """How many model inputs are sourced, partly sourced, unverified or assumed."""
    counts = pd.Series([p.basis for p in parameters().values()]).value_counts()
    order = ["sourced", "partly_sourced", "unverified", "assumption"]
    return pd.DataFrame({"basis": order, "parameters": [int(counts.get(b, 0)) for b in order]})


def day_rate_table(values: dict | None = None) -> pd.DataFrame:
    """Day rate of each role, with the formula's inputs."""
    clean = validate(values or {})
    return pd.DataFrame([{
        "role": label, "pay factor": f"{clean[f'wage_factor.{role}']:g}",
        "day rate (USD)": f"{day_rate(clean, role):,.2f}",
    } for role, label in role_labels().items()])


def stage_table(results, workflow: str, values: dict | None = None) -> pd.DataFrame:
    """Each stage of one workflow: role, passes, person-days, labour, machine cost, start and duration."""
    clean = validate(values or {})
    res = results[workflow]
    return pd.DataFrame([{
        "stage": s.label, "role": role_labels()[s.role], "passes": f"{float(passes(s, clean)):.2f}",
        "person-days": f"{float(res.person_days[s.stage]):.2f}",
        "labour (USD)": f"{float(res.labour_cost[s.stage]):,.0f}",
        "machines (USD)": f"{float(res.machine_cost[s.stage]):,.2f}",
        "starts (day)": f"{float(res.start[s.stage]):.2f}", "lasts (days)": f"{float(res.duration[s.stage]):.2f}",
    } for s in res.stages])


def summary_table(results, feasibility_rows: list[dict], tier: str) -> pd.DataFrame:
    """One row per workflow: cost, person-days, calendar days, ratios against traditional, feasibility."""
    rows = []
    for w in WORKFLOWS:
        r = results[w]
        feas = next(x for x in feasibility_rows if x["tier"] == tier and x["workflow"] == w)
        q = ratios(results, other=w)
        rows.append({
            "workflow": WORKFLOW_LABELS[w], "cost (USD)": f"{float(r.total_cost):,.0f}",
            "person-days": f"{float(r.total_person_days):.1f}",
            "calendar (working days)": f"{float(r.calendar_days):.1f}",
            "faster (calendar)": ratio_text(q["speedup_calendar"], "takes no working days"),
            "faster (effort)": ratio_text(q["speedup_effort"], "takes no person-days"),
            "cheaper": ratio_text(q["cost_ratio"], "costs nothing"),
            "share of VFX budget": f"{float(feas['share_of_vfx_budget']):.2%}",
            "within limit?": "yes" if feas["feasible"] else "no",
        })
    return pd.DataFrame(rows)


def ratio_text(value, reason: str) -> str:
    """A ratio as text, e.g. '1.63x'; an unbounded ratio (its workflow has nothing to divide by) as n/a with why.

    >>> ratio_text(1.634, "takes no person-days"), ratio_text(float("inf"), "takes no person-days")
    ('1.63x', 'n/a (this workflow takes no person-days)')
    """
    x = float(value)
    if not math.isfinite(x):
        return f"n/a (this workflow {reason})"
    return f"{x:.2f}x"


def feasibility_table(feasibility_rows: list[dict]) -> pd.DataFrame:
    """Every tier and workflow: the sequence's cost, the limit, and the verdict."""
    return pd.DataFrame([{
        "production": r["label"], "workflow": WORKFLOW_LABELS[r["workflow"]],
        "sequence cost (USD)": f"{float(r['sequence_cost']):,.0f}", "limit (USD)": f"{float(r['limit']):,.0f}",
        "share of VFX budget": f"{float(r['share_of_vfx_budget']):.2%}",
        "within limit?": "yes" if r["feasible"] else "no",
    } for r in feasibility_rows])
