"""Monte Carlo, tornado and break-even: reproducible, inside the ranges, and consistent with the model."""

import numpy as np
import pytest

from filmkit.model import analysis, parameters, scenario


def test_monte_carlo_is_seeded_and_sized():
    a = analysis.monte_carlo(2000, seed=7)
    b = analysis.monte_carlo(2000, seed=7)
    c = analysis.monte_carlo(2000, seed=8)
    assert len(a) == 2000 and list(a.columns) == list(analysis.METRICS)
    assert a.equals(b) and not a.equals(c)
    assert np.isfinite(a.to_numpy()).all() and (a.to_numpy() > 0).all()


def test_draws_stay_inside_each_range_and_integers_stay_whole():
    draws = analysis.sample(5000, seed=1)
    params = parameters.parameters()
    for key in analysis.uncertain():
        x = draws[key]
        assert x.min() >= params[key].low and x.max() <= params[key].high, key
        if params[key].integer:
            assert np.array_equal(x, np.round(x)), key
    # triangular with mode at base: the median lies between low and high, near base
    shots = draws["wage_annual_usd"]
    assert params["wage_annual_usd"].low < np.median(shots) < params["wage_annual_usd"].high


def test_fixed_values_are_held():
    draws = analysis.sample(100, fixed={"shots": 4})
    assert draws["shots"] == 4.0
    out = analysis.monte_carlo(100, fixed={"ai_assisted.setup.fixed_days": 0})
    assert len(out) == 100


def test_monte_carlo_matches_the_scalar_model_draw_by_draw():
    draws = analysis.sample(5, seed=3)
    out = analysis.evaluate(draws)
    for i in range(5):
        one = {k: (float(v[i]) if isinstance(v, np.ndarray) else v) for k, v in draws.items()}
        r = scenario.ratios(scenario.run(one))
        assert out["speedup_effort"][i] == pytest.approx(r["speedup_effort"])


def test_summary_shares_are_fractions():
    s = analysis.summarise(analysis.monte_carlo(3000), target=1.0)
    share = s.filter(like="share").iloc[:, 0]
    assert ((share >= 0) & (share <= 1)).all()
    assert (s["p5"] <= s["median"]).all() and (s["median"] <= s["p95"]).all()


def test_tornado_is_sorted_and_matches_one_at_a_time_runs():
    t = analysis.tornado("speedup_effort")
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    top = t.iloc[0]
    low = scenario.ratios(scenario.run({top["key"]: top["low_value"]}))["speedup_effort"]
    assert top["at_low"] == pytest.approx(low)
    assert t.attrs["base"] == pytest.approx(scenario.ratios(scenario.run())["speedup_effort"])


def test_break_even_values_reach_the_target():
    be = analysis.break_even(10, "speedup_effort")
    reached = be.dropna(subset=["value_for_target"])
    assert len(reached) >= 1
    for row in reached.itertuples():
        r = scenario.ratios(scenario.run({row.key: row.value_for_target}))
        assert r["speedup_effort"] >= 10 - 1e-9, row.key
    # a target already met at base is met by the base value itself
    easy = analysis.break_even(0.5, "speedup_effort")
    assert (easy["value_for_target"] == easy["base"]).all()


@pytest.mark.parametrize("call, words", [
    (lambda: analysis.tornado("speed"), "metric: 'speed' is not one of"),
    (lambda: analysis.break_even(-1), "target: -1 is not allowed"),
    (lambda: analysis.monte_carlo(0), "n: 0 is not allowed"),
    (lambda: analysis.monte_carlo(10, other="magic"), "other: 'magic' is not one of"),
])
def test_bad_arguments_are_refused(call, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        call()
