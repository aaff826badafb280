"""Hours by role and the rebound model: hand-computed edges, and refusals."""

import math

import pytest

from filmkit.model import labour, scenario
from filmkit.model.parameters import validate


@pytest.fixture(scope="module")
def base():
    values = validate({})
    res = scenario.run(values)
    return values, res


def test_hours_by_role_come_from_the_engine(base):
    values, res = base
    table = labour.hours_by_role(res, values["hours_per_day"]).set_index("role")
    total_trad = table["traditional (h)"].sum()
    assert total_trad == pytest.approx(float(res["traditional"].total_person_days) * 8, abs=0.5)
    assert table.loc["Generative AI artist", "traditional (h)"] == 0


def test_elasticity_zero_means_no_rebound(base):
    values, res = base
    r = labour.rebound(elasticity=0, adoption_share=1)
    p = float(res["ai_assisted"].total_cost) / float(res["traditional"].total_cost)
    h = float(res["ai_assisted"].total_person_days) / float(res["traditional"].total_person_days)
    assert r["quantity_ratio"] == 1
    assert r["price_ratio"] == pytest.approx(p)
    assert r["hours_ratio"] == pytest.approx(h)
    assert r["spending_ratio"] == pytest.approx(p)


def test_elasticity_one_keeps_spending_level():
    for share in (0.2, 0.5, 1.0):
        assert labour.rebound(elasticity=1, adoption_share=share)["spending_ratio"] == pytest.approx(1.0)


def test_no_adoption_changes_nothing():
    r = labour.rebound(elasticity=1.3, adoption_share=0)
    assert r["price_ratio"] == 1 and r["hours_ratio"] == pytest.approx(1) and r["quantity_ratio"] == 1
    assert math.isnan(r["break_even_elasticity"])


def test_break_even_elasticity_keeps_hours_level():
    r = labour.rebound(elasticity=0.8, adoption_share=0.5)
    level = labour.rebound(elasticity=r["break_even_elasticity"], adoption_share=0.5)
    assert level["hours_ratio"] == pytest.approx(1.0)
    above = labour.rebound(elasticity=r["break_even_elasticity"] + 0.2, adoption_share=0.5)
    assert above["hours_ratio"] > 1


def test_role_hours_after_add_up():
    r = labour.rebound(elasticity=0.5, adoption_share=0.7)
    assert sum(r["role_hours_after"].values()) == pytest.approx(r["hours_after"])


@pytest.mark.parametrize("kwargs, name", [
    ({"elasticity": -0.1}, "demand_elasticity"), ({"elasticity": 3.5}, "demand_elasticity"),
    ({"elasticity": float("nan")}, "demand_elasticity"), ({"adoption_share": 1.2}, "adoption_share"),
    ({"adoption_share": "half"}, "adoption_share"),
])
def test_out_of_range_inputs_are_refused(kwargs, name):
    with pytest.raises(ValueError, match=rf"parameter '{name}'.*allowed"):
        labour.rebound(**kwargs)


def test_sentence_and_curve():
    r = labour.rebound(elasticity=0, adoption_share=0.5)
    assert "fewer" in labour.rebound_sentence(r)
    grid, hours, spend = labour.elasticity_curve(0.5)
    assert grid[0] == 0 and hours[0] == pytest.approx(r["hours_ratio"])
    assert all(b >= a for a, b in zip(hours, hours[1:]))  # more rebound, more hours


def test_labour_series_known_and_unknown():
    jobs = labour.labour_series("bls_jobs_27_1014")
    assert list(jobs["date"]) == sorted(jobs["date"]) and jobs["source_id"].notna().all()
    with pytest.raises(ValueError, match="series: 'jobs'"):
        labour.labour_series("jobs")
