"""Monte Carlo, tornado and break-even on the fixture data.

Fixture at base: traditional 10 person-days, AI-assisted 9 (set-up 4 fixed + generation 3 + review 2),
so the effort speed-up is 10/9.
"""

import numpy as np
import pytest

from filmkit.model import analysis, parameters, scenario


def test_uncertain_inputs_follow_the_groups_file():
    keys = analysis.uncertain()
    # labour and tier groups are not varied (uncertainty_analysis = no); stage and rate inputs are
    assert "demand_elasticity" not in keys and "tier.big.budget_usd" not in keys
    assert "shots" in keys and "wage_factor.artist" in keys and "ai_assisted.setup.fixed_days" in keys
    # hours per day has low 8 = base 8 < high 10: varied; a parameter with low == high would not be
    assert "hours_per_day" in keys
    params = parameters.parameters()
    assert all(params[k].low < params[k].high for k in keys)
    assert len(keys) == 18 + 3 + 14  # 20 scalars less the 2 labour ones, 3 roles, 14 stage inputs


def test_samples_stay_in_range_are_seeded_and_hold_fixed_values():
    params = parameters.parameters()
    a = analysis.sample(2000, seed=1)
    assert all(params[k].low <= a[k].min() and a[k].max() <= params[k].high for k in analysis.uncertain())
    assert np.array_equal(a["shots"], np.round(a["shots"])) and len(set(a["shots"])) > 1
    assert not np.array_equal(a["seconds_per_shot"], np.round(a["seconds_per_shot"]))
    assert np.array_equal(a["wage_annual_usd"], analysis.sample(2000, seed=1)["wage_annual_usd"])
    assert not np.array_equal(a["wage_annual_usd"], analysis.sample(2000, seed=2)["wage_annual_usd"])
    # triangular on (50,000, 100,000, 200,000): mean (low + base + high) / 3
    assert analysis.sample(50_000)["wage_annual_usd"].mean() == pytest.approx(350_000 / 3, rel=0.01)
    held = analysis.sample(10, fixed={"shots": 3})
    assert held["shots"] == 3 and held["demand_elasticity"] == 1 and len(held["wage_annual_usd"]) == 10
    every = {k: params[k].base for k in analysis.uncertain()}
    assert analysis.sample(5, fixed=every)["shots"] == 2  # nothing left to draw


def test_monte_carlo_rows_are_model_runs():
    draws = analysis.monte_carlo(4, seed=3)
    assert list(draws.columns) == list(analysis.METRICS) and len(draws) == 4
    values = analysis.sample(4, seed=3)
    for i in range(4):
        one = scenario.run({k: float(v[i]) if isinstance(v, np.ndarray) else v for k, v in values.items()})
        assert draws["cost_ratio"][i] == pytest.approx(scenario.ratios(one)["cost_ratio"])
    hybrid = analysis.monte_carlo(4, seed=3, other="hybrid")
    assert not hybrid.equals(draws)
    # with every input held, all draws are the same run: 10 / 9 person-days
    held = analysis.monte_carlo(3, fixed={k: parameters.parameters()[k].base for k in analysis.uncertain()})
    assert held["speedup_effort"].tolist() == pytest.approx([10 / 9] * 3)


def test_summary_by_hand():
    import pandas as pd
    draws = pd.DataFrame({"speedup_calendar": [1.0, 2.0, 3.0, 4.0, 20.0], "speedup_effort": [10.0] * 5,
                          "cost_ratio": [0.0, 0.0, 0.0, 0.0, 10.0]})
    s = analysis.summarise(draws, target=10).set_index("metric")
    assert s.columns.tolist() == ["p5", "median", "p95", "share >= 10x"]
    cal = s.loc[analysis.METRICS["speedup_calendar"]]
    assert cal["median"] == 3 and cal["share >= 10x"] == pytest.approx(0.2)
    assert cal["p5"] == pytest.approx(1.2) and cal["p95"] == pytest.approx(16.8)  # linear interpolation
    assert s.loc[analysis.METRICS["speedup_effort"], "share >= 10x"] == 1  # exactly at target counts
    assert s.loc[analysis.METRICS["cost_ratio"], "share >= 10x"] == pytest.approx(0.2)


def test_tornado_by_hand():
    t = analysis.tornado("speedup_effort").set_index("key")
    # shots n: traditional 5n person-days, AI-assisted 4 + 2.5n -> at 1: 5/6.5, at 4: 20/14
    assert t.loc["shots", "at_low"] == pytest.approx(5 / 6.5)
    assert t.loc["shots", "at_high"] == pytest.approx(20 / 14)
    assert t.loc["shots", "swing"] == pytest.approx(20 / 14 - 5 / 6.5)
    assert (t.loc["shots", "low_value"], t.loc["shots", "high_value"]) == (1, 4)
    assert t.loc["shots", "label"] == "Shots"
    # set-up days 2..8: 10 / 7 and 10 / 13
    assert t.loc["ai_assisted.setup.fixed_days", "at_low"] == pytest.approx(10 / 7)
    # prices do not change person-days
    assert t.loc["wage_annual_usd", "swing"] == 0
    assert t.attrs["base"] == pytest.approx(10 / 9)
    swings = t["swing"].tolist()
    assert swings == sorted(swings, reverse=True)
    cost = analysis.tornado("cost_ratio", values={"shots": 4}).set_index("key")
    assert cost.attrs["base"] == pytest.approx(scenario.ratios(scenario.run({"shots": 4}))["cost_ratio"])


def test_break_even_by_hand():
    be = analysis.break_even(1.5, "speedup_effort").set_index("key")
    # 5n / (4 + 2.5n) >= 1.5 from n = 4.8: the first whole number is 5, outside the plausible 1..4
    assert be.loc["shots", "value_for_target"] == 5
    assert not be.loc["shots", "within_plausible_range"]
    assert be.loc["shots", "base"] == 2 and be.loc["shots", "range"] == "1-4" and be.loc["shots", "unit"] == "shots"
    # set-up days d: 10 / (5 + d) >= 1.5 when d <= 5/3; the grid over the limits 0..10,000 steps by
    # about 5 days, so the reaching value found is 0, below the plausible 2..8
    assert be.loc["ai_assisted.setup.fixed_days", "value_for_target"] == 0
    assert not be.loc["ai_assisted.setup.fixed_days", "within_plausible_range"]
    # prices never change person-days: unreachable
    assert np.isnan(be.loc["wage_annual_usd", "value_for_target"])
    assert be.attrs == {"base": pytest.approx(10 / 9), "target": 1.5, "metric": "speedup_effort"}
    easy = analysis.break_even(1.0, "speedup_effort").set_index("key")
    assert easy.loc["shots", "value_for_target"] == 2 and easy.loc["shots", "within_plausible_range"]


def test_favourable_case_tilts_each_workflow():
    fav = analysis.favourable_case()
    assert fav["traditional.fx_simulation.days_per_shot"] == 4 and fav["ai_assisted.setup.fixed_days"] == 2
    assert fav["hybrid.previs.days_per_shot"] == 0.5 and fav["shots"] == 2
    hyb = analysis.favourable_case("hybrid")
    assert hyb["hybrid.previs.days_per_shot"] == 0.25 and hyb["ai_assisted.setup.fixed_days"] == 4


@pytest.mark.parametrize("call, words", [
    (lambda: analysis.tornado("speed"), "metric: 'speed' is not one of"),
    (lambda: analysis.break_even(0), "target: 0 is not allowed"),
    (lambda: analysis.break_even(float("nan")), "target: nan is not allowed"),
    (lambda: analysis.break_even("10"), "target: '10' is not allowed"),
    (lambda: analysis.break_even(10, "speed"), "metric: 'speed' is not one of"),
    (lambda: analysis.monte_carlo(0), "n: 0 is not allowed"),
    (lambda: analysis.sample(True), "n: True is not allowed"),
    (lambda: analysis.sample(2.0), "n: 2.0 is not allowed"),
    (lambda: analysis.sample(5_000_001), "n: 5000001 is not allowed"),
    (lambda: analysis.monte_carlo(10, other="magic"), "other: 'magic' is not one of ai_assisted, hybrid"),
    (lambda: analysis.favourable_case("traditional"), "other: 'traditional' is not one of"),
])
def test_bad_arguments_are_refused(call, words):
    with pytest.raises(ValueError, match=words):
        call()
