"""Invariants of the cost and time model, for any input a user can set.

Every parameter is drawn over its full allowed range (min..max, not only the plausible
low..high): scalars, team sizes, every stage's person-days and machine use, every role's pay
factor and every tier's budget.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from filmkit.model import analysis, labour, parameters, scenario
from filmkit.model.data import data_folder

from .conftest import FIXTURE

with data_folder(FIXTURE):
    PARAMS = parameters.parameters()
    STAGES = parameters.pipeline()


def _anywhere(p):
    """Any value the parameter accepts, limits included."""
    if p.integer:
        return st.integers(int(p.min), int(p.max)).map(float)
    return st.floats(p.min, p.max, allow_nan=False, allow_infinity=False)


EVERY_INPUT = st.fixed_dictionaries({k: _anywhere(p) for k, p in PARAMS.items()})
PRICES = ["wage_annual_usd", "overhead_multiplier", "region_rate_factor", "render_price_per_node_hour",
          "gen_price_per_second", "licence_ai_per_seat_month", "seconds_per_shot",
          *[k for k in PARAMS if k.startswith("wage_factor.")]]
#: Inputs that only ever add work: more of them never lowers cost, effort or time.
WORK = ["shots", "review_rounds", "rework_share",
        *[k for k in PARAMS if k.split(".")[0] in parameters.WORKFLOWS]]
SETTINGS = settings(max_examples=60, deadline=None)


def close(a, b):
    return a == pytest.approx(b, rel=1e-9, abs=1e-6)


@SETTINGS
@given(EVERY_INPUT)
def test_stage_costs_and_licence_sum_to_the_total(values):
    for res in scenario.run(values).values():
        assert close(sum(res.stage_cost.values()) + res.licence_cost, res.total_cost)
        assert close(sum(res.labour_cost.values()) + sum(res.machine_cost.values()), sum(res.stage_cost.values()))
        assert close(sum(res.role_cost.values()), sum(res.labour_cost.values()))
        assert close(sum(res.role_days.values()), res.total_person_days)


@SETTINGS
@given(EVERY_INPUT)
def test_effort_time_and_money_are_never_negative(values):
    for res in scenario.run(values).values():
        assert res.total_person_days >= 0 and res.calendar_days >= 0 and res.total_cost >= 0
        assert res.licence_cost >= 0
        for stage in res.stages:
            name = stage.stage
            assert res.person_days[name] >= 0 and res.labour_cost[name] >= 0 and res.machine_cost[name] >= 0
            assert res.start[name] >= 0 and res.duration[name] >= 0
            # the calendar ends with the last stage, never before any stage
            assert res.start[name] + res.duration[name] <= res.calendar_days * (1 + 1e-12) + 1e-9


@SETTINGS
@given(EVERY_INPUT)
def test_stages_run_in_order(values):
    for res in scenario.run(values).values():
        names = [s.stage for s in res.stages]
        for before, after in itertools.pairwise(names):
            assert res.start[after] >= res.start[before] - 1e-9
            end_before = res.start[before] + res.duration[before]
            assert res.start[after] + res.duration[after] >= end_before * (1 - 1e-12) - 1e-9


@SETTINGS
@given(EVERY_INPUT, st.data())
def test_more_shots_never_cost_less_nor_take_less(values, data):
    more = dict(values, shots=float(data.draw(st.integers(int(values["shots"]), int(PARAMS["shots"].max)))))
    low, high = scenario.run(values), scenario.run(more)
    for w in low:
        assert high[w].total_cost >= low[w].total_cost * (1 - 1e-12)
        assert high[w].total_person_days >= low[w].total_person_days * (1 - 1e-12)
        assert high[w].calendar_days >= low[w].calendar_days * (1 - 1e-12)


@SETTINGS
@given(EVERY_INPUT, st.sampled_from(WORK + PRICES), st.data())
def test_raising_work_or_a_price_never_lowers_cost(values, key, data):
    p = PARAMS[key]
    raised = data.draw(_anywhere(p).filter(lambda x: x >= values[key]))
    low, high = scenario.run(values), scenario.run(dict(values, **{key: raised}))
    for w in low:
        assert high[w].total_cost >= low[w].total_cost * (1 - 1e-12) - 1e-9, (w, key)


@SETTINGS
@given(EVERY_INPUT, st.sampled_from(WORK), st.data())
def test_raising_work_never_lowers_effort(values, key, data):
    raised = data.draw(_anywhere(PARAMS[key]).filter(lambda x: x >= values[key]))
    low, high = scenario.run(values), scenario.run(dict(values, **{key: raised}))
    for w in low:
        assert high[w].total_person_days >= low[w].total_person_days * (1 - 1e-12) - 1e-9, (w, key)


@SETTINGS
@given(EVERY_INPUT, st.sampled_from(["team_traditional", "team_ai_assisted", "team_hybrid", "render_nodes"]),
       st.data())
def test_a_bigger_team_or_farm_never_takes_longer_nor_changes_labour(values, key, data):
    raised = float(data.draw(st.integers(int(values[key]), int(PARAMS[key].max))))
    low, high = scenario.run(values), scenario.run(dict(values, **{key: raised}))
    for w in low:
        assert high[w].calendar_days <= low[w].calendar_days * (1 + 1e-12) + 1e-9
        assert close(high[w].total_person_days, low[w].total_person_days)


@SETTINGS
@given(EVERY_INPUT)
def test_ratios_agree_with_the_totals(values):
    res = scenario.run(values)
    trad = res["traditional"]
    for other in ("ai_assisted", "hybrid"):
        o = res[other]
        assume(o.calendar_days > 0 and o.total_person_days > 0 and o.total_cost > 0)
        r = scenario.ratios(res, other=other)
        assert close(r["speedup_calendar"] * o.calendar_days, trad.calendar_days)
        assert close(r["speedup_effort"] * o.total_person_days, trad.total_person_days)
        assert close(r["cost_ratio"] * o.total_cost, trad.total_cost)


@SETTINGS
@given(EVERY_INPUT)
def test_feasible_means_within_the_limit(values):
    res = scenario.run(values)
    for row in scenario.feasibility(res, values):
        assert close(row["limit"], row["vfx_budget"] * values["sequence_share_of_vfx_budget"])
        assert row["feasible"] == (row["sequence_cost"] <= row["limit"])


@settings(max_examples=25, deadline=None)
@given(EVERY_INPUT)
def test_one_vectorised_run_equals_the_single_runs(values):
    batch = {k: np.array([v, v]) for k, v in values.items()}
    batch["shots"] = np.array([values["shots"], PARAMS["shots"].max])
    out = analysis.evaluate(batch)
    for i in range(2):
        one = scenario.run(dict(values, shots=float(batch["shots"][i])))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = scenario.ratios(one)
        for k, v in ratios.items():
            v = float(v)
            assert (math.isnan(v) and math.isnan(out[k][i])) or out[k][i] == pytest.approx(v, rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(EVERY_INPUT)
def test_rebound_is_consistent(values):
    res = scenario.run(values)
    assume(res["traditional"].total_cost > 0 and res["traditional"].total_person_days > 0)
    try:
        r = labour.rebound(values=values)
    except ValueError as exc:  # free AI-assisted work with some elasticity: refused, and said why
        assert "AI-assisted work costs nothing" in str(exc)
        assert values["adoption_share"] == 1 and res["ai_assisted"].total_cost == 0
        return
    # hours after = quantity x hours per sequence; spending = quantity x price
    assert close(r["spending_ratio"], r["quantity_ratio"] * r["price_ratio"])
    assert close(r["hours_after"], r["hours_ratio"] * r["hours_before"])
    assert close(sum(r["role_hours_after"].values()), r["hours_after"])
    assert close(sum(r["role_hours_before"].values()), r["hours_before"])
    assert r["hours_after"] >= 0 and r["quantity_ratio"] > 0


@SETTINGS
@given(EVERY_INPUT)
def test_ratios_are_numbers_for_any_input(values):
    """Even with every stage of a workflow set to 0, a ratio is a number (inf at most), never NaN or an error."""
    res = scenario.run(values)
    for other in ("ai_assisted", "hybrid"):
        for name, ratio in scenario.ratios(res, other=other).items():
            assert not math.isnan(ratio) and ratio >= 0, (other, name)
