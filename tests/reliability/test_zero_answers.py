"""Item 3: every input inside its own min..max gives finite numbers or a clear message.

Zero is a legal answer ("AI clean-up takes no days"); ratios with nothing to divide by are
``inf`` (never NaN, a warning or ZeroDivisionError) and tables show them as n/a with the reason.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filmkit.model import analysis, labour, parameters, scenario
from filmkit.views import scenario_tables


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _all_zero(prefix):
    return {k: 0.0 for k, p in parameters.parameters().items() if k.startswith(prefix) and p.min == 0}


def test_item3_vfx_share_zero_is_refused_with_its_range():
    with pytest.raises(ValueError, match=r"'tier.eternaut.vfx_share': 0 is out of range .* 0.001 to 1"):
        scenario.feasibility(scenario.run(), {"tier.eternaut.vfx_share": 0})


def test_item3_smallest_vfx_share_gives_finite_feasibility():
    values = {"tier.eternaut.vfx_share": parameters.parameters()["tier.eternaut.vfx_share"].min}
    rows = scenario.feasibility(scenario.run(values), values)
    assert all(math.isfinite(r["share_of_vfx_budget"]) for r in rows)


def test_item3_every_ai_stage_at_zero_gives_an_explicit_unbounded_ratio():
    values = dict(_all_zero("ai_assisted."), review_wait_days=0, gen_price_per_second=0, licence_ai_per_seat_month=0)
    res = scenario.run(values)
    assert float(res["ai_assisted"].total_person_days) == 0
    q = scenario.ratios(res)
    assert q == {"speedup_calendar": math.inf, "speedup_effort": math.inf, "cost_ratio": math.inf}
    table = scenario_tables.summary_table(res, scenario.feasibility(res, values), "eternaut")
    row = table.set_index("workflow").loc["AI-assisted"]
    assert row["faster (effort)"] == "n/a (this workflow takes no person-days)"
    assert row["cheaper"] == "n/a (this workflow costs nothing)"


def test_both_workflows_at_zero_are_equal_not_nan():
    values = dict(_all_zero("ai_assisted."), **_all_zero("traditional."), review_wait_days=0,
                  gen_price_per_second=0, licence_ai_per_seat_month=0, render_price_per_node_hour=0)
    q = scenario.ratios(scenario.run(values))
    assert q["speedup_effort"] == 1.0 and q["cost_ratio"] == 1.0


def test_zero_ai_cleanup_alone_still_gives_finite_ratios():
    q = scenario.ratios(scenario.run({"ai_assisted.cleanup_compositing.days_per_shot": 0}))
    assert all(math.isfinite(v) and v > 0 for v in q.values())


def test_rebound_with_a_free_ai_workflow_is_a_clear_message():
    values = dict(_all_zero("ai_assisted."), gen_price_per_second=0, licence_ai_per_seat_month=0)
    with pytest.raises(ValueError, match="AI-assisted work costs nothing"):
        labour.rebound(1.0, 1.0, values)
    assert labour.rebound(0.0, 1.0, values)["quantity_ratio"] == 1.0


def test_rebound_with_an_empty_traditional_workflow_is_a_clear_message():
    values = dict(_all_zero("traditional."), render_price_per_node_hour=0)
    with pytest.raises(ValueError, match="traditional workflow takes no hours or costs nothing"):
        labour.rebound(values=values)


def test_vectorised_analysis_at_zero_inputs_raises_no_warning():
    values = dict(_all_zero("ai_assisted."), review_wait_days=0, gen_price_per_second=0, licence_ai_per_seat_month=0)
    table = analysis.tornado("speedup_effort", values=values)
    assert not table[["at_low", "at_high"]].isna().any().any()
    analysis.break_even(10, "cost_ratio", values=values, grid=41)


# ------------------------------------------------------------------ property test over the full min..max

def _value(p):
    if p.integer:
        return st.integers(int(p.min), int(p.max)).map(float)
    edges = st.sampled_from([p.min, p.max, p.low, p.base, p.high])
    return st.one_of(edges, st.floats(p.min, p.max, allow_nan=False, allow_infinity=False))


@st.composite
def legal_values(draw):
    params = parameters.parameters()
    keys = draw(st.lists(st.sampled_from(sorted(params)), min_size=1, max_size=len(params), unique=True))
    return {k: draw(_value(params[k])) for k in keys}


@settings(max_examples=1000, deadline=None)
@given(values=legal_values())
def test_every_legal_parameter_set_gives_finite_numbers_or_a_clear_message(values):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = scenario.run(values)
        for w, r in res.items():
            for number in (r.total_cost, r.total_person_days, r.calendar_days, r.licence_cost):
                assert math.isfinite(float(number)) and float(number) >= 0, (w, values)
        q = scenario.ratios(res)
        for v in q.values():
            assert not math.isnan(v) and v >= 0
        for row in scenario.feasibility(res, values):
            assert math.isfinite(row["share_of_vfx_budget"]) and math.isfinite(row["limit"])
        try:
            out = labour.rebound(values=values)
        except ValueError as exc:
            assert "rebound:" in str(exc)  # a clear message, only for an empty or free workflow
        else:
            assert all(math.isfinite(out[k]) for k in ("hours_ratio", "spending_ratio", "price_ratio"))
        phases = scenario_tables.stage_table(res, "ai_assisted", values)
        assert not phases.isna().any().any()
        assert np.isclose(sum(float(r.stage_cost[s.stage]) for s in r.stages) + float(r.licence_cost),
                          float(r.total_cost))
