"""Uncertainty and sensitivity: what would "10x" take?

- :func:`monte_carlo` draws every uncertain parameter from a triangular distribution
  (low, base, high) and runs the whole model once on arrays of draws.
- :func:`tornado` moves one parameter at a time to its low and high value.
- :func:`break_even` finds, for each parameter alone, the value that would give a target ratio.

All three run the model vectorised (one call on arrays), so they take milliseconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from filmkit.i18n import N_, _, number
from filmkit.model.arguments import check_seed, finite_number, shown
from filmkit.model.data import check_choice
from filmkit.model.labels import Labels, figure
from filmkit.model.parameters import parameters, validate, varied_groups
from filmkit.model.scenario import ratios, run_workflow

#: metric -> its label; the keys never change, a label is read in the language in use
METRICS = Labels({
    "speedup_calendar": N_("Speed-up in calendar time (x)"),
    "speedup_effort": N_("Speed-up in person-days (x)"),
    "cost_ratio": N_("Cost ratio, traditional / other (x)"),
})


def _check_metric(metric: str) -> None:
    check_choice("metric", metric, list(METRICS))


def _check_other(other: str) -> None:
    check_choice("other", other, ["ai_assisted", "hybrid"])


def evaluate(values: dict, other: str = "ai_assisted") -> dict:
    """Ratios for values that may be arrays (no validation: callers check their inputs)."""
    _check_other(other)
    results = {w: run_workflow(w, values) for w in ("traditional", other)}
    return ratios(results, other=other)


def uncertain() -> list[str]:
    """Parameters whose low and high differ (the others are fixed)."""
    # which groups are varied is set in data/parameter_groups.csv (tiers and labour-market inputs are not:
    # they do not enter the workflow ratios)
    varied = varied_groups()
    return [k for k, p in parameters().items() if p.low < p.high and p.group in varied]


def sample(n: int, seed: int = 2025, fixed: dict | None = None) -> dict[str, np.ndarray]:
    """``n`` draws of every uncertain parameter, triangular on (low, base, high); ``fixed`` values held."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 5_000_000:
        raise ValueError(_("n: {value} is not allowed (a whole number of draws from 1 to {limit})").format(
            value=shown(n), limit=number(5_000_000)))
    check_seed(seed)
    params = parameters()
    fixed_clean = validate(fixed or {})
    held = set(fixed or {})
    keys = [k for k in uncertain() if k not in held]
    values: dict = dict(fixed_clean)
    if not keys:
        return values
    rng = np.random.default_rng(seed)
    draws = [rng.triangular(params[k].low, params[k].base, params[k].high, n) for k in keys]
    for key, x in zip(keys, draws):
        values[key] = np.round(x) if params[key].integer else x
    return values


def monte_carlo(n: int = 100_000, seed: int = 2025, other: str = "ai_assisted", fixed: dict | None = None) -> pd.DataFrame:
    """``n`` model runs over the parameter ranges: one row per draw, one column per ratio."""
    out = evaluate(sample(n, seed, fixed), other)
    return pd.DataFrame({k: np.broadcast_to(np.asarray(v, dtype=float), (n,)) for k, v in out.items()})


def summarise(draws: pd.DataFrame, target: float = 10.0) -> pd.DataFrame:
    """Percentiles of each ratio, and the share of draws reaching ``target`` (a table to show:
    its column headings are in the language in use)."""
    rows = []
    share = _("share >= {target}x").format(target=figure(target))
    for metric in METRICS:
        x = draws[metric].to_numpy()
        p5, p50, p95 = np.percentile(x, [5, 50, 95])
        rows.append({_("metric"): METRICS[metric], "p5": p5, _("median"): p50, "p95": p95,
                     share: float(np.mean(x >= target))})
    return pd.DataFrame(rows)


def tornado(metric: str = "speedup_effort", other: str = "ai_assisted", values: dict | None = None) -> pd.DataFrame:
    """The metric with each uncertain parameter at its low and at its high value, others held.

    Sorted by swing (|high - low|), largest first.
    """
    _check_metric(metric)
    base = validate(values or {})
    keys = uncertain()
    params = parameters()
    batch = {k: np.full(2 * len(keys), v, dtype=float) for k, v in base.items()}
    for i, key in enumerate(keys):
        batch[key][2 * i] = params[key].low
        batch[key][2 * i + 1] = params[key].high
    out = np.asarray(evaluate(batch, other)[metric], dtype=float)
    at_base = float(evaluate(base, other)[metric])
    table = pd.DataFrame({
        "key": keys, "label": [params[k].label for k in keys],
        "low_value": [params[k].low for k in keys], "high_value": [params[k].high for k in keys],
        "at_low": out[0::2], "at_high": out[1::2],
    })
    table["swing"] = (table["at_high"] - table["at_low"]).abs()
    table.attrs["base"] = at_base
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def break_even(target: float = 10.0, metric: str = "speedup_effort", other: str = "ai_assisted",
               values: dict | None = None, grid: int = 2001) -> pd.DataFrame:
    """For each uncertain parameter alone: the value within its allowed limits that reaches ``target``.

    ``value`` is empty (NaN) where no value within the limits reaches it, holding the others.
    """
    _check_metric(metric)
    if not finite_number(target) or target <= 0:
        raise ValueError(_("target: {value} is not allowed (a ratio above 0, e.g. 10)").format(value=shown(target)))
    if isinstance(grid, bool) or not hasattr(grid, "__index__") or not 2 <= grid <= 100_000:
        raise ValueError(_("grid: {value} is not allowed (a whole number of points from 2 to {limit})").format(
            value=shown(grid), limit=number(100_000)))
    base = validate(values or {})
    params = parameters()
    keys = uncertain()
    at_base = float(evaluate(base, other)[metric])
    batch = {k: np.full(grid * len(keys), v, dtype=float) for k, v in base.items()}
    grids = []
    for i, key in enumerate(keys):
        p = params[key]
        # an even grid over the allowed limits, plus today's value, so "already there" is found exactly
        points = np.sort(np.append(np.linspace(p.min, p.max, grid - 1), base[key]))
        if p.integer:
            points = np.round(points)
        batch[key][i * grid:(i + 1) * grid] = points
        grids.append(points)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray(evaluate(batch, other)[metric], dtype=float).reshape(len(keys), grid)
    rows = []
    for i, key in enumerate(keys):
        p, x, y = params[key], grids[i], out[i]
        reach = np.flatnonzero(np.isfinite(y) & (y >= target))
        value = np.nan
        if reach.size:
            # the reaching value closest to today's base value
            j = reach[np.argmin(np.abs(x[reach] - base[key]))]
            value = float(x[j])
        rows.append({"key": key, "label": p.label, "unit": p.unit, "base": base[key], "range": _("{low}-{high}").format(low=figure(p.low), high=figure(p.high)),
                     "value_for_target": value,
                     "within_plausible_range": bool(reach.size and p.low <= value <= p.high)})
    table = pd.DataFrame(rows)
    table.attrs.update({"base": at_base, "target": target, "metric": metric})
    return table


def favourable_case(other: str = "ai_assisted") -> dict[str, float]:
    """Every assumption tilted towards the claim, within its plausible range.

    The traditional workflow's stages take their high values, the other workflow's stages
    their low values; shared inputs (shots, rates, review) stay at base.
    """
    _check_other(other)
    values = validate({})
    for key, p in parameters().items():
        if key.startswith("traditional."):
            values[key] = p.high
        elif key.startswith(f"{other}."):
            values[key] = p.low
    return values
