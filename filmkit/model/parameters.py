"""Every input of the cost and time model, with its range, limits and source.

Parameters come from four tables in ``data/``: ``scenario_parameters.csv``
(scalars such as shot count and prices), ``roles.csv`` (pay by role),
``pipeline_stages.csv`` (person-days and machine use per stage) and
``production_tiers.csv`` (budgets and VFX shares). They are flattened here into
one registry keyed by name, so one validator, one sampler and one sensitivity
analysis serve them all.

Key names:

- scalars keep their own key: ``shots``, ``review_rounds`` ...
- ``wage_factor.<role>``
- ``<workflow>.<stage>.days_per_shot`` / ``.fixed_days`` / ``.machine_per_shot``
- ``tier.<tier>.budget_usd`` / ``tier.<tier>.vfx_share``
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from filmkit.model.data import fingerprint, load

WORKFLOWS = ["traditional", "ai_assisted", "hybrid"]
WORKFLOW_LABELS = {"traditional": "Traditional", "ai_assisted": "AI-assisted", "hybrid": "Hybrid"}

#: Hard limits for parameters that come from the stage, role and tier tables.
_LIMITS = {
    "days_per_shot": (0, 1000), "fixed_days": (0, 10000), "machine_per_shot": (0, 1e6),
    "wage_factor": (0.05, 10), "budget_usd": (1e3, 1e11), "vfx_share": (0, 1),
}
_UNITS = {
    "days_per_shot": "person-days per shot", "fixed_days": "person-days",
    "render": "node-hours per shot per pass", "generation": "generated seconds per second kept",
}


@dataclass(frozen=True)
class Parameter:
    """One model input: its plausible range (low/base/high), hard limits, and where it comes from."""

    key: str
    label: str
    unit: str
    low: float
    base: float
    high: float
    min: float
    max: float
    integer: bool
    basis: str
    source_id: str
    rationale: str
    group: str

    def check(self, value) -> float:
        """Return ``value`` as a float, or raise ValueError naming the parameter, value and range."""
        kind = "a whole number" if self.integer else "a number"
        allowed = f"allowed: {kind} from {self.min:g} to {self.max:g} {self.unit}"
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(f"parameter '{self.key}': {value!r} is not a number ({allowed})")
        number = float(value)
        if math.isnan(number) or not self.min <= number <= self.max:
            raise ValueError(f"parameter '{self.key}': {value!r} is out of range ({allowed})")
        if self.integer and number != round(number):
            raise ValueError(f"parameter '{self.key}': {value!r} is not a whole number ({allowed})")
        return number


@dataclass(frozen=True)
class Stage:
    """One stage of a workflow: who does it, whether it repeats, how it overlaps the previous one."""

    workflow: str
    stage: str
    label: str
    role: str
    repeats: str
    starts_after: float
    machine: str


def _from_row(key, label, unit, low, base, high, limits, integer, basis, source_id, rationale, group):
    return Parameter(key, label, unit, float(low), float(base), float(high), float(limits[0]), float(limits[1]),
                     integer, basis, source_id, rationale, group)


@lru_cache(maxsize=8)
def _registry(_fingerprint: tuple) -> tuple[dict[str, Parameter], dict[str, list[Stage]], dict[str, str]]:
    params: dict[str, Parameter] = {}
    for r in load("scenario_parameters").itertuples(index=False):
        params[r.key] = _from_row(r.key, r.label, r.unit, r.low, r.base, r.high, (r.min, r.max), r.integer == "yes",
                                  r.basis, r.source_id, r.rationale, r.group)
    roles = load("roles")
    role_labels = dict(zip(roles["role"], roles["label"]))
    for r in roles.itertuples(index=False):
        key = f"wage_factor.{r.role}"
        params[key] = _from_row(key, f"Pay factor: {r.label}", "x median wage", r.wage_factor_low, r.wage_factor_base,
                                r.wage_factor_high, _LIMITS["wage_factor"], False, r.basis, "", r.rationale, "rates")
    stages: dict[str, list[Stage]] = {w: [] for w in WORKFLOWS}
    for r in load("pipeline_stages").sort_values(["workflow", "order"]).itertuples(index=False):
        stages[r.workflow].append(Stage(r.workflow, r.stage, r.label, r.role, r.repeats, r.starts_after, r.machine))
        for part in ("days_per_shot", "fixed_days", "machine_per_shot"):
            low, base, high = (getattr(r, f"{part}_{k}") for k in ("low", "base", "high"))
            if low == base == high == 0:
                continue  # a structural zero (e.g. no fixed work in this stage) is not a parameter
            unit = _UNITS[r.machine] if part == "machine_per_shot" else _UNITS[part]
            key = f"{r.workflow}.{r.stage}.{part}"
            nice = {"days_per_shot": "person-days per shot", "fixed_days": "fixed person-days",
                    "machine_per_shot": "machine use per shot"}[part]
            params[key] = _from_row(key, f"{WORKFLOW_LABELS[r.workflow]}, {r.label}: {nice}", unit, low, base, high,
                                    _LIMITS[part], False, r.basis, "", r.rationale, f"stages_{r.workflow}")
    for r in load("production_tiers").itertuples(index=False):
        params[f"tier.{r.tier}.budget_usd"] = _from_row(
            f"tier.{r.tier}.budget_usd", f"{r.label}: budget", "USD", r.budget_usd_low, r.budget_usd_base,
            r.budget_usd_high, _LIMITS["budget_usd"], False, r.budget_basis, r.budget_source_id, r.note, "tiers")
        params[f"tier.{r.tier}.vfx_share"] = _from_row(
            f"tier.{r.tier}.vfx_share", f"{r.label}: VFX share of budget", "share", r.vfx_share_low,
            r.vfx_share_base, r.vfx_share_high, _LIMITS["vfx_share"], False, r.vfx_share_basis,
            r.vfx_share_source_id, r.note, "tiers")
    for p in params.values():
        if not p.min <= p.low <= p.base <= p.high <= p.max:
            raise ValueError(f"parameter '{p.key}': low/base/high {p.low:g}/{p.base:g}/{p.high:g} must be in order "
                             f"and within {p.min:g} to {p.max:g}; fix the data file")
    return params, stages, role_labels


def parameters() -> dict[str, Parameter]:
    """The full registry, in a stable order."""
    return _registry(fingerprint())[0]


def pipeline() -> dict[str, list[Stage]]:
    """The stages of each workflow, in order."""
    return _registry(fingerprint())[1]


def role_labels() -> dict[str, str]:
    """Human labels of the roles."""
    return _registry(fingerprint())[2]


def tiers() -> list[str]:
    """Production tier names, in file order."""
    return [k.split(".")[1] for k in parameters() if k.startswith("tier.") and k.endswith(".budget_usd")]


def tier_label(tier: str) -> str:
    """Human label of a production tier (from its budget parameter)."""
    return parameters()[f"tier.{tier}.budget_usd"].label.rsplit(":", 1)[0]


def base_values(level: str = "base") -> dict[str, float]:
    """Every parameter at its low, base or high value."""
    if level not in ("low", "base", "high"):
        raise ValueError(f"level: {level!r} is not one of low, base, high")
    return {k: getattr(p, level) for k, p in parameters().items()}


def unknown_key_message(key: str, known) -> str:
    """'unknown parameter ...', with the closest known names as a hint."""
    close = difflib.get_close_matches(str(key), list(known), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown parameter {key!r}{hint}"


def validate(values: dict) -> dict[str, float]:
    """Check a full or partial set of values; return base values updated with them.

    Raises ValueError naming the parameter, the value and the allowed range.
    """
    params = parameters()
    if not isinstance(values, dict):
        raise ValueError(f"values: expected a mapping of parameter names to numbers, got {type(values).__name__}")
    clean = base_values()
    for key, value in values.items():
        if key not in params:
            raise ValueError(unknown_key_message(key, params))
        clean[key] = params[key].check(value)
    return clean
