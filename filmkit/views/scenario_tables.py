"""Tables that let a learner follow every number of the cost and time model.

The tables are built for display: their cells are text in the language in use when they
are built (numbers written the reader's way). Their column names stay English, as code
reads them; :func:`filmkit.views.tables.show_table` shows each header translated.
"""

from __future__ import annotations

import math

import pandas as pd

from filmkit.i18n import N_, _, number, percent, pgettext, ratio
from filmkit.model.data import load
from filmkit.model.parameters import (
    WORKFLOW_LABELS,
    WORKFLOWS,
    parameters,
    role_labels,
    validate,
)
from filmkit.model.scenario import day_rate, passes, ratios
from filmkit.views.tables import NOTES, plain_number

#: The sentence beside ratios of which one or more is below 1 (a speed-up or a cost ratio, any workflow).
RATIOS_BELOW_ONE = N_("A ratio below 1x means the opposite of a speed-up or a saving: there the workflow compared takes "
                      "longer, needs more person-days or costs more than the traditional one.")
#: What a ratio below 1 means in each ratio column (the column's header says "faster" or "cheaper"):
#: (the words beside the number, the sentence under the table).
BELOW_ONE = {
    # TRANSLATORS: beside a ratio below 1 under "faster (calendar)", e.g. "0.63x (takes longer)"
    "speedup_calendar": (N_("takes longer"),
                         # TRANSLATORS: {ratio} is e.g. "0.63x", {workflow} a workflow's name ("AI-assisted")
                         N_("{ratio} under “faster (calendar)”: the {workflow} workflow takes longer on the calendar "
                            "than the traditional one, not less.")),
    # TRANSLATORS: beside a ratio below 1 under "faster (effort)", e.g. "0.80x (more work)"
    "speedup_effort": (N_("more work"),
                       N_("{ratio} under “faster (effort)”: the {workflow} workflow needs more person-days than the "
                          "traditional one, not fewer.")),
    # TRANSLATORS: beside a ratio below 1 under "cheaper", e.g. "0.59x (costs more)"
    "cost_ratio": (N_("costs more"),
                   N_("{ratio} under “cheaper”: the {workflow} workflow costs more than the traditional one, "
                      "not less.")),
}


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
    """One row per workflow: cost, person-days, calendar days, ratios against traditional, feasibility.

    A number a reader could misread (a ratio below 1 under "faster" or "cheaper", a share above 100 %)
    has words beside it, and a sentence under the table (``df.attrs["notes"]``) says what it means."""
    rows, notes = [], []
    for w in WORKFLOWS:
        r = results[w]
        feas = next(x for x in feasibility_rows if x["tier"] == tier and x["workflow"] == w)
        q = ratios(results, other=w)
        label = WORKFLOW_LABELS[w]
        shown = {}
        for key, unbounded in (("speedup_calendar", _("n/a (this workflow takes no working days)")),
                               ("speedup_effort", _("n/a (this workflow takes no person-days)")),
                               ("cost_ratio", _("n/a (this workflow costs nothing)"))):
            shown[key], note = ratio_read(q[key], unbounded, key, label)
            notes += [note] if note else []
        share, note = share_read(feas["share_of_vfx_budget"], label, feas.get("label", ""))
        notes += [note] if note else []
        rows.append({
            "workflow": label, "cost (USD)": number(r.total_cost),
            "person-days": plain_number(r.total_person_days, 1),
            "calendar (working days)": plain_number(r.calendar_days, 1),
            "faster (calendar)": shown["speedup_calendar"],
            "faster (effort)": shown["speedup_effort"],
            "cheaper": shown["cost_ratio"],
            "share of VFX budget": share,
            "within limit?": _yes_no(feas["feasible"]),
        })
    table = pd.DataFrame(rows)
    table.attrs[NOTES] = notes
    return table


def ratio_read(value, unbounded: str, key: str, workflow: str) -> tuple[str, str]:
    """A ratio against the traditional workflow as a cell, and the sentence it needs (or "").

    Below 1 the workflow is slower, needs more work or costs more than the traditional one, whatever
    the column's header ("faster", "cheaper") says: the cell says so beside the number.

    >>> ratio_read(0.634, "n/a", "speedup_calendar", "AI-assisted")[0]
    '0.63x (takes longer)'
    >>> ratio_read(1.5, "n/a", "cost_ratio", "Hybrid")
    ('1.50x', '')
    """
    text = ratio_text(value, unbounded)
    x = float(value)
    if not math.isfinite(x) or round(x, 2) >= 1:
        return text, ""
    words, sentence = BELOW_ONE[key]
    return (_("{ratio} ({meaning})").format(ratio=text, meaning=_(words)),
            _(sentence).format(ratio=text, workflow=workflow))


def share_read(share, workflow: str, production: str = "") -> tuple[str, str]:
    """A share of the VFX budget as a cell, and the sentence it needs above 100 % (or "").

    >>> share_read(1.979, "Traditional", "Small independent production")[0]
    '197.90% (more than the whole VFX budget)'
    """
    text = percent(share, 2)
    x = float(share)
    if not math.isfinite(x) or round(x, 4) <= 1:
        return text, ""
    # TRANSLATORS: beside a share above 100 %, e.g. "197.90% (more than the whole VFX budget)"
    cell = _("{share} ({meaning})").format(share=text, meaning=_("more than the whole VFX budget"))
    if production:
        # TRANSLATORS: {share} is e.g. "197.90%", {production} e.g. "Small independent production", {workflow} a
        # workflow's name
        sentence = _("{production}, {workflow} workflow: {share} of the VFX budget, so this sequence alone would cost "
                     "more than the production's whole VFX budget.").format(share=text, workflow=workflow,
                                                                            production=production)
    else:
        sentence = _("{workflow} workflow: {share} of the VFX budget, so this sequence alone would cost more than the "
                     "production's whole VFX budget.").format(share=text, workflow=workflow)
    return cell, sentence


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
    """Every tier and workflow: the sequence's cost, the limit, and the verdict (a share above 100 % with
    words beside it and a sentence under the table)."""
    rows, notes = [], []
    for r in feasibility_rows:
        share, note = share_read(r["share_of_vfx_budget"], WORKFLOW_LABELS[r["workflow"]], r["label"])
        notes += [note] if note else []
        rows.append({
            "production": r["label"], "workflow": WORKFLOW_LABELS[r["workflow"]],
            "sequence cost (USD)": number(r["sequence_cost"]), "limit (USD)": number(r["limit"]),
            "share of VFX budget": share, "within limit?": _yes_no(r["feasible"]),
        })
    table = pd.DataFrame(rows)
    table.attrs[NOTES] = notes
    return table
