"""Hours by role and the rebound model on the fixture data (see conftest.py for the base sums).

Base: traditional 10 person-days, $16,036; AI-assisted 9 person-days, $7,632; 8 hours a day.
"""

import math

import pytest

from filmkit.model import labour


def test_hours_by_role_by_hand():
    from filmkit.model import scenario
    table = labour.hours_by_role(scenario.run(), 8).set_index("role")
    # traditional: artist 8 days, supervisor 2; AI-assisted: AI artist 7 days, supervisor 2;
    # hybrid: artist 1 + 0.75, AI artist 1.5, supervisor 2
    assert table.loc["Fake artist"].tolist() == [64.0, 0.0, 14.0, -64.0]
    assert table.loc["Fake AI artist"].tolist() == [0.0, 56.0, 12.0, 56.0]
    assert table.loc["Fake supervisor"].tolist() == [16.0, 16.0, 16.0, 0.0]
    assert list(table.columns) == ["traditional (h)", "AI-assisted (h)", "hybrid (h)",
                                   "change, AI-assisted vs traditional (h)"]


def test_rebound_by_hand():
    r = labour.rebound(elasticity=1, adoption_share=0.5)
    # P1 = 0.5 x 7,632 + 0.5 x 16,036 = 11,834; H0 = 80 h; H1 = (0.5 x 9 + 0.5 x 10) x 8 = 76 h
    assert r["price_ratio"] == pytest.approx(11834 / 16036)
    assert r["quantity_ratio"] == pytest.approx(16036 / 11834)  # elasticity 1: (P1/P0)^-1
    assert r["hours_before"] == pytest.approx(80)
    assert r["hours_after"] == pytest.approx(76 * 16036 / 11834)
    assert r["hours_ratio"] == pytest.approx(76 / 80 * 16036 / 11834)
    assert r["spending_ratio"] == pytest.approx(1)
    assert r["elasticity"] == 1 and r["adoption_share"] == 0.5
    # hours level when (P1/P0)^-e = 80/76
    assert r["break_even_elasticity"] == pytest.approx(math.log(80 / 76) / math.log(16036 / 11834))
    # roles: supervisor 16 h before, quantity x 16 after; artist 64 -> q x 32; AI artist 0 -> q x 28
    q = 16036 / 11834
    assert r["role_hours_before"] == pytest.approx({"supervisor": 16, "artist": 64, "ai_artist": 0})
    assert r["role_hours_after"] == pytest.approx({"supervisor": 16 * q, "artist": 32 * q, "ai_artist": 28 * q})


def test_rebound_defaults_come_from_the_parameters():
    # base elasticity 1 and adoption 0.5 in the fixture
    assert labour.rebound() == labour.rebound(elasticity=1, adoption_share=0.5)
    r = labour.rebound(values={"demand_elasticity": 0, "adoption_share": 1, "hours_per_day": 10})
    assert r["quantity_ratio"] == 1 and r["hours_before"] == pytest.approx(100)
    assert r["hours_after"] == pytest.approx(90) and r["price_ratio"] == pytest.approx(7632 / 16036)


def test_no_adoption_changes_nothing():
    r = labour.rebound(elasticity=2, adoption_share=0)
    assert r["price_ratio"] == 1 and r["quantity_ratio"] == 1 and r["hours_ratio"] == 1
    assert math.isnan(r["break_even_elasticity"])


@pytest.mark.parametrize("kwargs, name", [({"elasticity": -0.1}, "demand_elasticity"),
                                          ({"elasticity": 3.1}, "demand_elasticity"),
                                          ({"adoption_share": 1.01}, "adoption_share"),
                                          ({"adoption_share": "half"}, "adoption_share")])
def test_out_of_range_inputs_are_refused(kwargs, name):
    with pytest.raises(ValueError, match=rf"parameter '{name}'.*allowed"):
        labour.rebound(**kwargs)


def test_break_even_elasticity():
    assert labour.break_even_elasticity(0.5, 0.25) == pytest.approx(2)   # ln 4 / ln 2
    assert labour.break_even_elasticity(0.5, 1) == 0
    for price, hours in [(1, 0.5), (1.2, 0.5), (0, 0.5), (0.5, 0), (0.5, -1)]:
        assert math.isnan(labour.break_even_elasticity(price, hours))


def test_rebound_table_and_sentence():
    r = labour.rebound(elasticity=0, adoption_share=1)
    table = labour.rebound_table(r)
    assert table.to_dict("records") == [
        {"role": "Fake supervisor", "before (h)": 16.0, "after (h)": 16.0, "change (h)": 0.0},
        {"role": "Fake artist", "before (h)": 64.0, "after (h)": 0.0, "change (h)": -64.0},
        {"role": "Fake AI artist", "before (h)": 0.0, "after (h)": 56.0, "change (h)": 56.0}]
    assert labour.rebound_sentence(r) == (
        "With 100% of the work AI-assisted and an elasticity of 0.00, VFX costs 52% less per sequence, the amount "
        "of VFX work ordered changes by +0%, and total labour hours are 10% fewer (80 h to 72 h); spending on VFX "
        "changes by -52%; hours would stay level at an elasticity of 0.14.")
    more = labour.rebound_sentence(labour.rebound(elasticity=3, adoption_share=1))
    assert "% more (80 h to" in more


def test_elasticity_curve_by_hand():
    grid, hours, spend = labour.elasticity_curve(1, points=4)
    assert grid.tolist() == [0, 1, 2, 3]
    p = 7632 / 16036
    assert hours.tolist() == pytest.approx([0.9 * p ** -e for e in (0, 1, 2, 3)])
    assert spend.tolist() == pytest.approx([p * p ** -e for e in (0, 1, 2, 3)])


def test_labour_series():
    jobs = labour.labour_series("bls_jobs_27_1014")
    assert jobs["value"].tolist() == [100, 90] and jobs["publisher"].tolist() == ["Publisher A"] * 2
    every = labour.labour_series()
    assert every["series"].tolist() == ["bls_jobs_27_1014", "bls_jobs_27_1014", "tag_members"]
    assert str(every["when"][2].date()) == "2024-05-01"
    with pytest.raises(ValueError, match="series: 'jobs' is not one of bls_jobs_27_1014, tag_members"):
        labour.labour_series("jobs")


def test_hours_are_rounded_to_a_tenth():
    from filmkit.model import scenario
    # 2 supervisor days x 7.77 h = 15.54 h -> 15.5; artist 8 days x 7.77 = 62.16 -> 62.2
    table = labour.hours_by_role(scenario.run(), 7.77).set_index("role")
    assert table.loc["Fake supervisor"].tolist() == [15.5, 15.5, 15.5, 0.0]
    assert table.loc["Fake artist"].tolist() == [62.2, 0.0, 13.6, -62.2]  # hybrid 1.75 days = 13.5975
    r = labour.rebound(elasticity=0, adoption_share=1, values={"hours_per_day": 7.77})
    rows = {row["role"]: row for row in labour.rebound_table(r).to_dict("records")}
    assert rows["Fake artist"] == {"role": "Fake artist", "before (h)": 62.2, "after (h)": 0.0, "change (h)": -62.2}
    assert rows["Fake AI artist"]["after (h)"] == 54.4  # 7 days x 7.77 = 54.39


def test_sentence_when_nothing_changes():
    text = labour.rebound_sentence(labour.rebound(elasticity=1, adoption_share=0))
    assert "total labour hours are 0% fewer (80 h to 80 h)" in text
    assert text.endswith("spending on VFX changes by +0%.")  # no level elasticity when prices do not fall


def test_curve_default_size_and_values():
    grid, hours, _spend = labour.elasticity_curve()
    assert len(grid) == 61 and grid[-1] == 3
    _g, four, _s = labour.elasticity_curve(1, values={"shots": 4}, points=2)
    assert four[0] == pytest.approx(labour.rebound(0, 1, values={"shots": 4})["hours_ratio"])
    assert four[0] != pytest.approx(hours[0])


def test_tables_are_numbered_from_zero():
    assert labour.labour_series().index.tolist() == [0, 1, 2]
