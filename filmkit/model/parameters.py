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

from filmkit.i18n import N_, _
from filmkit.model.data import DataError, fingerprint, load
from filmkit.model.labels import Labels, figure

WORKFLOWS = ["traditional", "ai_assisted", "hybrid"]
#: workflow -> its label, read in the language in use
WORKFLOW_LABELS = Labels({"traditional": N_("Traditional"), "ai_assisted": N_("AI-assisted"), "hybrid": N_("Hybrid")})

#: Hard limits for parameters that come from the stage, role and tier tables. A VFX share
#: of exactly 0 would leave no VFX budget to measure a sequence against, so it starts above 0.
_LIMITS = {
    "days_per_shot": (0, 1000), "fixed_days": (0, 10000), "machine_per_shot": (0, 1e6),
    "wage_factor": (0.05, 10), "budget_usd": (1e3, 1e11), "vfx_share": (0.001, 1),
}
#: The largest value any input may take (a hundred billion dollars is 1e11): products of a few such
#: numbers stay far from the float limit, so every result of the model is a finite number.
LARGEST = 1e12
#: Scalars the formulas read (``team_<workflow>`` for every workflow is added below).
REQUIRED = ("shots", "seconds_per_shot", "wage_annual_usd", "overhead_multiplier", "working_days_per_year",
            "hours_per_day", "region_rate_factor", "review_rounds", "rework_share", "review_wait_days",
            "render_price_per_node_hour", "render_nodes", "gen_price_per_second", "licence_ai_per_seat_month",
            "sequence_share_of_vfx_budget", "demand_elasticity", "adoption_share",
            *(f"team_{w}" for w in WORKFLOWS))
#: Inputs the model divides by: their smallest allowed value must be above 0.
DIVISORS = ("working_days_per_year", "render_nodes", *(f"team_{w}" for w in WORKFLOWS))
_UNITS = Labels({
    "days_per_shot": N_("person-days per shot"), "fixed_days": N_("person-days"),
    "render": N_("node-hours per shot per pass"), "generation": N_("generated seconds per second kept"),
})


def _figure(value: float) -> str:
    """A limit or value from the data, written the reader's way; one far beyond any real input as ``1e+308``."""
    return figure(value) if abs(value) < 1e15 else f"{value:g}"


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

    def allowed(self) -> str:
        """The allowed range in words, for an error message."""
        if self.integer:
            text = _("allowed: a whole number from {min} to {max} {unit}")
        else:
            text = _("allowed: a number from {min} to {max} {unit}")
        return text.format(min=_figure(self.min), max=_figure(self.max), unit=self.unit)

    def check(self, value) -> float:
        """Return ``value`` as a float, or raise ValueError naming the parameter, value and range."""
        # the message is written only when there is one to show: a valid value costs no formatting
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(_("parameter '{key}': {value} is not a number ({allowed})").format(
                key=self.key, value=repr(value), allowed=self.allowed()))
        try:
            number = float(value)
        except OverflowError:  # a whole number too large for a float (hundreds of digits)
            raise ValueError(_("parameter '{key}': a number with {digits} digits is out of range ({allowed})").format(
                key=self.key, digits=len(str(abs(int(value)))), allowed=self.allowed())) from None
        if math.isnan(number) or not self.min <= number <= self.max:
            raise ValueError(_("parameter '{key}': {value} is out of range ({allowed})").format(
                key=self.key, value=repr(value), allowed=self.allowed()))
        if self.integer and number != round(number):
            raise ValueError(_("parameter '{key}': {value} is not a whole number ({allowed})").format(
                key=self.key, value=repr(value), allowed=self.allowed()))
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
    phase: str = ""                   # id in data/phases.csv
    waits_for_feedback: bool = False  # a review that waits for notes each round


def _from_row(key, label, unit, low, base, high, limits, integer, basis, source_id, rationale, group):
    return Parameter(key, label, unit, float(low), float(base), float(high), float(limits[0]), float(limits[1]),
                     integer, basis, source_id, rationale, group)


def _check_ranges(p: Parameter, where: str) -> None:
    """Raise DataError naming ``where`` (file and row) if a parameter's numbers cannot be used."""
    if p.min < 0:
        raise DataError(_("{where}: {key} has min {min}; every input of the model is a count, a price, "
                          "a time or a share and must be 0 or more").format(where=where, key=repr(p.key),
                                                                            min=_figure(p.min)))
    if p.max > LARGEST:
        raise DataError(_("{where}: {key} has max {max}; the model takes inputs up to {limit} (larger ones make its "
                          "sums overflow, and no real count, price or time is that large)").format(
            where=where, key=repr(p.key), max=_figure(p.max), limit=_figure(LARGEST)))
    if p.key in DIVISORS and p.min <= 0:
        raise DataError(_("{where}: {key} has min {min}; the model divides by it, so it must be above 0").format(
            where=where, key=repr(p.key), min=_figure(p.min)))
    if not p.min <= p.low <= p.base <= p.high <= p.max:
        numbers = "/".join(_figure(v) for v in (p.min, p.low, p.base, p.high, p.max))
        raise DataError(_("{where}: {key} has min/low/base/high/max {numbers}; they must be in this order "
                          "(min <= low <= base <= high <= max)").format(where=where, key=repr(p.key), numbers=numbers))
    if p.integer:
        # the column names (min, low ...) are the file's own, so they stay as written
        broken = [f"{n} {_figure(v)}" for n, v in zip(("min", "low", "base", "high", "max"),
                                                     (p.min, p.low, p.base, p.high, p.max)) if v != round(v)]
        if broken:
            raise DataError(_("{where}: {key} is marked integer=yes but has {values}; "
                              "use whole numbers or set integer to no").format(where=where, key=repr(p.key),
                                                                              values=", ".join(broken)))


@lru_cache(maxsize=8)
def _registry(_fingerprint: tuple) -> tuple[dict[str, Parameter], dict[str, list[Stage]], dict[str, str], dict]:
    params: dict[str, Parameter] = {}
    groups = {r.group: r for r in load("parameter_groups").itertuples(index=False)}
    for i, r in enumerate(load("scenario_parameters").itertuples(index=False), start=1):
        p = _from_row(r.key, r.label, r.unit, r.low, r.base, r.high, (r.min, r.max), r.integer == "yes",
                      r.basis, r.source_id, r.rationale, r.group)
        _check_ranges(p, _("{file}, row {row} ({key})").format(file="data/scenario_parameters.csv", row=i, key=r.key))
        params[r.key] = p
    missing = [k for k in REQUIRED if k not in params]
    if missing:
        raise DataError(_("{file}: the model needs a row for {keys}, which is missing; restore it "
                          "(see the kit's original {file})").format(file="data/scenario_parameters.csv",
                                                                     keys=", ".join(map(repr, missing))))
    roles = load("roles")
    role_labels = dict(zip(roles["role"], roles["label"]))
    for i, r in enumerate(roles.itertuples(index=False), start=1):
        key = f"wage_factor.{r.role}"
        params[key] = _from_row(key, _("Pay factor: {role}").format(role=r.label), _("x median wage"),
                                r.wage_factor_low, r.wage_factor_base, r.wage_factor_high, _LIMITS["wage_factor"],
                                False, r.basis, "", r.rationale, "rates")
        _check_ranges(params[key], _("{file}, row {row} ({key}), columns {columns}").format(
            file="data/roles.csv", row=i, key=r.role, columns="wage_factor_*"))
    stages: dict[str, list[Stage]] = {w: [] for w in WORKFLOWS}
    table = load("pipeline_stages")
    table["row_number"] = range(1, len(table) + 1)
    for r in table.sort_values(["workflow", "order"], kind="stable").itertuples(index=False):
        if r.workflow not in stages:
            raise DataError(_("{file}, row {row}: workflow {workflow} is not one of {allowed}").format(
                file="data/pipeline_stages.csv", row=r.row_number, workflow=repr(r.workflow),
                allowed=", ".join(WORKFLOWS)))
        stages[r.workflow].append(Stage(r.workflow, r.stage, r.label, r.role, r.repeats, r.starts_after, r.machine,
                                        r.phase, r.waits_for_feedback == "yes"))
        for part in ("days_per_shot", "fixed_days", "machine_per_shot"):
            low, base, high = (getattr(r, f"{part}_{k}") for k in ("low", "base", "high"))
            if low == base == high == 0:
                continue  # a structural zero (e.g. no fixed work in this stage) is not a parameter
            unit = _UNITS[r.machine] if part == "machine_per_shot" else _UNITS[part]
            key = f"{r.workflow}.{r.stage}.{part}"
            label = {"days_per_shot": _("{workflow}, {stage}: person-days per shot"),
                     "fixed_days": _("{workflow}, {stage}: fixed person-days"),
                     "machine_per_shot": _("{workflow}, {stage}: machine use per shot")}[part]
            label = label.format(workflow=WORKFLOW_LABELS[r.workflow], stage=r.label)
            params[key] = _from_row(key, label, unit, low, base, high,
                                    _LIMITS[part], False, r.basis, "", r.rationale, f"stages_{r.workflow}")
            _check_ranges(params[key], _("{file}, row {row} ({key}), columns {columns}").format(
                file="data/pipeline_stages.csv", row=r.row_number, key=f"{r.workflow}, {r.stage}",
                columns=f"{part}_*"))
    empty = [w for w, s in stages.items() if not s]
    if empty:
        raise DataError(_("{file}: no stages for workflow(s) {workflows}; every workflow needs at least one stage")
                        .format(file="data/pipeline_stages.csv", workflows=", ".join(empty)))
    tier_names = {}
    for i, r in enumerate(load("production_tiers").itertuples(index=False), start=1):
        tier_names[r.tier] = r.label
        params[f"tier.{r.tier}.budget_usd"] = _from_row(
            f"tier.{r.tier}.budget_usd", _("{tier}: budget").format(tier=r.label), "USD", r.budget_usd_low,
            r.budget_usd_base, r.budget_usd_high, _LIMITS["budget_usd"], False, r.budget_basis, r.budget_source_id,
            r.note, "tiers")
        params[f"tier.{r.tier}.vfx_share"] = _from_row(
            f"tier.{r.tier}.vfx_share", _("{tier}: VFX share of budget").format(tier=r.label), _("share"),
            r.vfx_share_low, r.vfx_share_base, r.vfx_share_high, _LIMITS["vfx_share"], False, r.vfx_share_basis,
            r.vfx_share_source_id, r.note, "tiers")
        for part in ("budget_usd", "vfx_share"):
            _check_ranges(params[f"tier.{r.tier}.{part}"], _("{file}, row {row} ({key}), columns {columns}").format(
                file="data/production_tiers.csv", row=i, key=r.tier, columns=f"{part}_*"))
    unknown = sorted({p.group for p in params.values()} - set(groups))
    if unknown:
        raise DataError(_("{file}: group(s) {groups} are used by the model but not listed").format(
            file="data/parameter_groups.csv", groups=", ".join(map(repr, unknown))))
    varied = {g for g, r in groups.items() if r.uncertainty_analysis == "yes"}
    phase_table = load("phases")
    phase_labels = dict(zip(phase_table["phase"], phase_table["label"]))
    return params, stages, role_labels, {"varied_groups": varied, "phases": phase_labels, "tiers": tier_names}


def parameters() -> dict[str, Parameter]:
    """The full registry, in a stable order."""
    return _registry(fingerprint())[0]


def pipeline() -> dict[str, list[Stage]]:
    """The stages of each workflow, in order."""
    return _registry(fingerprint())[1]


def role_labels() -> dict[str, str]:
    """Human labels of the roles."""
    return _registry(fingerprint())[2]


def varied_groups() -> set[str]:
    """Groups whose inputs the uncertainty analysis varies (``uncertainty_analysis`` in data/parameter_groups.csv)."""
    return _registry(fingerprint())[3]["varied_groups"]


def phases() -> dict[str, str]:
    """Phase id -> label, in the order of data/phases.csv."""
    return dict(_registry(fingerprint())[3]["phases"])


def tier_labels() -> dict[str, str]:
    """Production tier -> human label, in file order (from the tiers' budget parameters)."""
    return dict(_registry(fingerprint())[3]["tiers"])


def tiers() -> list[str]:
    """Production tier names, in file order."""
    return list(tier_labels())


def tier_label(tier: str) -> str:
    """Human label of a production tier (from its budget parameter)."""
    names = _registry(fingerprint())[3]["tiers"]
    if not isinstance(tier, str) or tier not in names:
        raise ValueError(_("tier: {tier} is not one of {known}").format(tier=repr(tier), known=", ".join(names)))
    return names[tier]


def base_values(level: str = "base") -> dict[str, float]:
    """Every parameter at its low, base or high value."""
    if level not in ("low", "base", "high"):
        raise ValueError(_("level: {level} is not one of low, base, high").format(level=repr(level)))
    return {k: getattr(p, level) for k, p in parameters().items()}


def unknown_key_message(key: str, known) -> str:
    """'unknown parameter ...', with the closest known names as a hint."""
    close = difflib.get_close_matches(str(key), list(known), n=3)
    if close:
        return _("unknown parameter {key}; did you mean {close}?").format(key=repr(key), close=", ".join(close))
    return _("unknown parameter {key}").format(key=repr(key))


def validate(values: dict) -> dict[str, float]:
    """Check a full or partial set of values; return base values updated with them.

    Raises ValueError naming the parameter, the value and the allowed range.
    """
    params = parameters()
    if not isinstance(values, dict):
        raise ValueError(_("values: expected a mapping of parameter names to numbers, got {kind}").format(
            kind=type(values).__name__))
    clean = {k: p.base for k, p in params.items()}  # base_values(), from the same snapshot of the data
    for key, value in values.items():
        if key not in params:
            raise ValueError(unknown_key_message(key, params))
        clean[key] = params[key].check(value)
    return clean
