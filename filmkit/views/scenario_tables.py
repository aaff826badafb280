"""Tables that let a learner follow every number of the cost and time model.

The tables are built for display: their cells are text in the language in use when they
are built (numbers written the reader's way). Their column names stay English, as code
reads them; :func:`filmkit.views.tables.show_table` shows each header translated.
"""

from __future__ import annotations

import math

import pandas as pd

from filmkit.i18n import _, number, percent, pgettext, ratio
from filmkit.model.data import load
from filmkit.model.parameters import (
    WORKFLOW_LABELS,
    WORKFLOWS,
    parameters,
    role_labels,
    validate,
)
from filmkit.model.scenario import day_rate, passes, ratios
from filmkit.views.tables import plain_number


def column_headers() -> dict[str, str]:
    """Each column name these tables use, and its header as shown in the language in use.

    The names stay English in the DataFrames; :func:`filmkit.views.tables.show_table` shows
    ``pgettext("column", name)``, and listing them here puts them in the catalog.

    >>> column_headers()["cost (USD)"]
    'cost (USD)'
    """
    return {
        "parameter": pgettext("column", "parameter"),
        "unit": pgettext("column", "unit"),
        "low": pgettext("column", "low"),
        "base": pgettext("column", "base"),
        "high": pgettext("column", "high"),
        "basis": pgettext("column", "basis"),
        "source": pgettext("column", "source"),
        "parameters": pgettext("column", "parameters"),
        "role": pgettext("column", "role"),
        "pay factor": pgettext("column", "pay factor"),
        "day rate (USD)": pgettext("column", "day rate (USD)"),
        "stage": pgettext("column", "stage"),
        "passes": pgettext("column", "passes"),
        "person-days": pgettext("column", "person-days"),
        "labour (USD)": pgettext("column", "labour (USD)"),
        "machines (USD)": pgettext("column", "machines (USD)"),
        "starts (day)": pgettext("column", "starts (day)"),
        "lasts (days)": pgettext("column", "lasts (days)"),
        "workflow": pgettext("column", "workflow"),
        "cost (USD)": pgettext("column", "cost (USD)"),
        "calendar (working days)": pgettext("column", "calendar (working days)"),
        "faster (calendar)": pgettext("column", "faster (calendar)"),
        "faster (effort)": pgettext("column", "faster (effort)"),
        "cheaper": pgettext("column", "cheaper"),
        "share of VFX budget": pgettext("column", "share of VFX budget"),
        "within limit?": pgettext("column", "within limit?"),
        "production": pgettext("column", "production"),
        "sequence cost (USD)": pgettext("column", "sequence cost (USD)"),
        "limit (USD)": pgettext("column", "limit (USD)"),
    }


def _yes_no(flag) -> str:
    return _("yes") if flag else _("no")


def parameter_table(keys=None, groups=None) -> pd.DataFrame:
    """Parameters with their ranges and where they come from (publisher, or 'assumption')."""
    params = parameters()
    for name, given in (("keys", keys), ("groups", groups)):
        if given is not None and (isinstance(given, (str, bytes)) or not hasattr(given, "__iter__")):
            raise ValueError(_("{name}: {value} is not a list of names (e.g. ['shots'])").format(
                name=name, value=repr(given)))
    publishers = dict(zip(*load("sources")[["id", "publisher"]].T.values))
    chosen = [p for k, p in params.items() if (keys is None or k in keys) and (groups is None or p.group in groups)]
    return pd.DataFrame([{
        "parameter": p.label, "unit": p.unit, "low": plain_number(p.low), "base": plain_number(p.base),
        "high": plain_number(p.high),
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
        "role": label, "pay factor": plain_number(clean[f"wage_factor.{role}"]),
        "day rate (USD)": number(day_rate(clean, role), 2),
    } for role, label in role_labels().items()])


def stage_table(results, workflow: str, values: dict | None = None) -> pd.DataFrame:
    """Each stage of one workflow: role, passes, person-days, labour, machine cost, start and duration."""
    clean = validate(values or {})
    res = results[workflow]
    roles = role_labels()
    return pd.DataFrame([{
        "stage": s.label, "role": roles[s.role], "passes": plain_number(passes(s, clean), 2),
        "person-days": plain_number(res.person_days[s.stage], 2),
        "labour (USD)": number(res.labour_cost[s.stage]),
        "machines (USD)": number(res.machine_cost[s.stage], 2),
        "starts (day)": plain_number(res.start[s.stage], 2), "lasts (days)": plain_number(res.duration[s.stage], 2),
    } for s in res.stages])


def summary_table(results, feasibility_rows: list[dict], tier: str) -> pd.DataFrame:
    """One row per workflow: cost, person-days, calendar days, ratios against traditional, feasibility."""
    rows = []
    for w in WORKFLOWS:
        r = results[w]
        feas = next(x for x in feasibility_rows if x["tier"] == tier and x["workflow"] == w)
        q = ratios(results, other=w)
        rows.append({
            "workflow": WORKFLOW_LABELS[w], "cost (USD)": number(r.total_cost),
            "person-days": plain_number(r.total_person_days, 1),
            "calendar (working days)": plain_number(r.calendar_days, 1),
            "faster (calendar)": ratio_text(q["speedup_calendar"], _("n/a (this workflow takes no working days)")),
            "faster (effort)": ratio_text(q["speedup_effort"], _("n/a (this workflow takes no person-days)")),
            "cheaper": ratio_text(q["cost_ratio"], _("n/a (this workflow costs nothing)")),
            "share of VFX budget": percent(feas["share_of_vfx_budget"], 2),
            "within limit?": _yes_no(feas["feasible"]),
        })
    return pd.DataFrame(rows)


def ratio_text(value, unbounded: str) -> str:
    """A ratio as text, e.g. '1.63x'; an unbounded ratio (its workflow has nothing to divide by) as ``unbounded``.

    >>> ratio_text(1.634, "n/a (this workflow takes no person-days)"), ratio_text(float("inf"), "n/a")
    ('1.63x', 'n/a')
    """
    x = float(value)
    if not math.isfinite(x):
        return unbounded
    return ratio(x, 2)


def feasibility_table(feasibility_rows: list[dict]) -> pd.DataFrame:
    """Every tier and workflow: the sequence's cost, the limit, and the verdict."""
    return pd.DataFrame([{
        "production": r["label"], "workflow": WORKFLOW_LABELS[r["workflow"]],
        "sequence cost (USD)": number(r["sequence_cost"]), "limit (USD)": number(r["limit"]),
        "share of VFX budget": percent(r["share_of_vfx_budget"], 2),
        "within limit?": _yes_no(r["feasible"]),
    } for r in feasibility_rows])
