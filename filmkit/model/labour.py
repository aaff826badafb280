"""Who gains and who loses hours: labour by role from the scenario engine, and a rebound model.

Rebound: if VFX gets cheaper, productions may order more of it. With a constant demand
elasticity e, when the average cost of a sequence falls from P0 to P1 the quantity ordered
changes by (P1 / P0) ** -e. So:

- e = 0: no rebound; hours fall with the work the AI-assisted workflow saves;
- e = 1: total spending on VFX stays the same;
- between, hours rise or fall; the break-even e where hours are unchanged is
  ln(H0 / H1) / ln(P0 / P1).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from filmkit.i18n import _, number, percent
from filmkit.model.data import check_choice, load, partial_date, with_sources
from filmkit.model.labels import signed_percent
from filmkit.model.parameters import parameters, role_labels, validate
from filmkit.model.scenario import run

LABOUR_KEYS = ("demand_elasticity", "adoption_share")


def hours_by_role(results, hours_per_day: float) -> pd.DataFrame:
    """Labour hours by role in each workflow, and the change from traditional to AI-assisted.

    A table to show: its column headings are in the language in use.
    """
    hours = {w: r.role_hours(hours_per_day) for w, r in results.items()}
    heads = (_("role"), _("traditional (h)"), _("AI-assisted (h)"), _("hybrid (h)"),
             _("change, AI-assisted vs traditional (h)"))
    rows = []
    for role, label in role_labels().items():
        t, a, h = (float(hours[w].get(role, 0.0)) for w in ("traditional", "ai_assisted", "hybrid"))
        rows.append(dict(zip(heads, (label, round(t, 1), round(a, 1), round(h, 1), round(a - t, 1)))))
    return pd.DataFrame(rows, columns=list(heads))


def _check(name: str, value) -> float:
    """Validate one labour-market input against its limits in data/scenario_parameters.csv."""
    return parameters()[name].check(value)


def rebound(elasticity=None, adoption_share=None, values: dict | None = None) -> dict:
    """Hours and spending on VFX work before and after AI adoption, per sequence ordered before.

    Returns the price ratio P1/P0, the quantity ratio, hours and spending ratios, and the
    hours by role after (scaled by the extra quantity) next to the hours before.
    """
    clean = validate(values or {})
    e = _check("demand_elasticity", clean["demand_elasticity"] if elasticity is None else elasticity)
    s = _check("adoption_share", clean["adoption_share"] if adoption_share is None else adoption_share)
    res = run(clean)
    trad, ai = res["traditional"], res["ai_assisted"]
    p0 = float(trad.total_cost)
    p1 = s * float(ai.total_cost) + (1 - s) * p0
    h0 = float(trad.total_person_days) * clean["hours_per_day"]
    h1 = (s * float(ai.total_person_days) + (1 - s) * float(trad.total_person_days)) * clean["hours_per_day"]
    if p0 <= 0 or h0 <= 0:
        raise ValueError(_("rebound: in this scenario the traditional workflow takes no hours or costs nothing "
                           "(every traditional stage is set to 0), so there is nothing to compare against; "
                           "give a traditional stage some person-days"))
    if p1 <= 0 and e > 0:
        raise ValueError(_("rebound: in this scenario AI-assisted work costs nothing, so with an elasticity above 0 "
                           "constant-elasticity demand would grow without limit; set a price or some person-days "
                           "for the AI-assisted workflow, or an elasticity of 0"))
    quantity = 1.0 if p1 <= 0 else (p1 / p0) ** -e
    before = trad.role_hours(clean["hours_per_day"])
    after_ai = ai.role_hours(clean["hours_per_day"])
    roles = set(before) | set(after_ai)
    role_after = {r: quantity * (s * float(after_ai.get(r, 0.0)) + (1 - s) * float(before.get(r, 0.0))) for r in roles}
    return {
        "elasticity": e, "adoption_share": s, "price_ratio": p1 / p0, "quantity_ratio": quantity,
        "hours_before": h0, "hours_after": quantity * h1, "hours_ratio": quantity * h1 / h0,
        "spending_ratio": quantity * p1 / p0,
        "role_hours_before": {r: float(before.get(r, 0.0)) for r in roles}, "role_hours_after": role_after,
        "break_even_elasticity": break_even_elasticity(p1 / p0, h1 / h0),
    }


def break_even_elasticity(price_ratio: float, hours_per_sequence_ratio: float) -> float:
    """The elasticity at which total hours stay the same; NaN when prices do not fall.

    >>> round(break_even_elasticity(0.5, 0.5), 6)
    1.0
    """
    if not 0 < price_ratio < 1 or not hours_per_sequence_ratio > 0:
        return math.nan
    return math.log(1 / hours_per_sequence_ratio) / math.log(1 / price_ratio)


def rebound_table(result: dict) -> pd.DataFrame:
    """Hours by role before and after, with the change, for one rebound result.

    A table to show: its column headings are in the language in use.
    """
    labels = role_labels()
    heads = (_("role"), _("before (h)"), _("after (h)"), _("change (h)"))
    rows = [dict(zip(heads, (labels[r], round(result["role_hours_before"][r], 1),
                             round(result["role_hours_after"][r], 1),
                             round(result["role_hours_after"][r] - result["role_hours_before"][r], 1))))
            for r in labels if r in result["role_hours_before"]]
    return pd.DataFrame(rows, columns=list(heads))


def rebound_sentence(result: dict) -> str:
    """Plain-language reading of a rebound result."""
    change = result["hours_ratio"] - 1
    be = result["break_even_elasticity"]
    level = math.isfinite(be)
    if change > 0 and level:
        template = _("With {adoption} of the work AI-assisted and an elasticity of {elasticity}, VFX costs {cheaper} "
                     "less per sequence, the amount of VFX work ordered changes by {quantity_change}, and total labour "
                     "hours are {hours_change} more ({hours_before} h to {hours_after} h); spending on VFX changes by "
                     "{spending_change}; hours would stay level at an elasticity of {break_even}.")
    elif change > 0:
        template = _("With {adoption} of the work AI-assisted and an elasticity of {elasticity}, VFX costs {cheaper} "
                     "less per sequence, the amount of VFX work ordered changes by {quantity_change}, and total labour "
                     "hours are {hours_change} more ({hours_before} h to {hours_after} h); spending on VFX changes by "
                     "{spending_change}.")
    elif level:
        template = _("With {adoption} of the work AI-assisted and an elasticity of {elasticity}, VFX costs {cheaper} "
                     "less per sequence, the amount of VFX work ordered changes by {quantity_change}, and total labour "
                     "hours are {hours_change} fewer ({hours_before} h to {hours_after} h); spending on VFX changes by "
                     "{spending_change}; hours would stay level at an elasticity of {break_even}.")
    else:
        template = _("With {adoption} of the work AI-assisted and an elasticity of {elasticity}, VFX costs {cheaper} "
                     "less per sequence, the amount of VFX work ordered changes by {quantity_change}, and total labour "
                     "hours are {hours_change} fewer ({hours_before} h to {hours_after} h); spending on VFX changes by "
                     "{spending_change}.")
    return template.format(
        adoption=percent(result["adoption_share"]), elasticity=number(result["elasticity"], 2),
        cheaper=percent(1 - result["price_ratio"]), quantity_change=signed_percent(result["quantity_ratio"] - 1),
        hours_change=percent(abs(change)), hours_before=number(result["hours_before"]),
        hours_after=number(result["hours_after"]), spending_change=signed_percent(result["spending_ratio"] - 1),
        break_even=number(be, 2) if level else "")


def labour_series(series: str | None = None) -> pd.DataFrame:
    """The labour statistics with a plotting date and their source's publisher."""
    data = load("labour_series")
    check_choice("series", series, sorted(set(data["series"])))
    if series is not None:
        data = data[data["series"] == series]
    data = with_sources(data)
    data["when"] = [partial_date(d)[0] for d in data["date"]]
    return data.sort_values("when").reset_index(drop=True)


def elasticity_curve(adoption_share=None, values: dict | None = None, points: int = 61):
    """Hours ratio and spending ratio across the elasticity's allowed range (for a chart)."""
    p = parameters()["demand_elasticity"]
    grid = np.linspace(p.min, p.max, points)
    base = rebound(0.0, adoption_share, values)
    q = base["price_ratio"] ** -grid
    return grid, q * base["hours_ratio"], q * base["price_ratio"]
