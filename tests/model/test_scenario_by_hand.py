"""The cost and time model on the fixture data, against sums worked out by hand (see conftest.py)."""

import numpy as np
import pytest

from filmkit.model import parameters, scenario


@pytest.fixture(scope="module")
def base():
    return scenario.run()


def test_traditional_by_hand(base):
    t = base["traditional"]
    # previs: 1 day/shot x 2 shots; simulation: 2 x 2 x 1.5 passes; review: 0.5 x 2 x 2 rounds
    assert t.person_days == pytest.approx({"previs": 2, "fx_simulation": 6, "review": 2})
    assert t.total_person_days == pytest.approx(10)
    # artist $1,500 a day, supervisor $2,000
    assert t.labour_cost == pytest.approx({"previs": 3000, "fx_simulation": 9000, "review": 4000})
    # render: 12 node-hours x 2 shots x 1.5 passes = 36 node-hours at $1
    assert t.machine_cost == pytest.approx({"previs": 0, "fx_simulation": 36, "review": 0})
    assert t.stage_cost == pytest.approx({"previs": 3000, "fx_simulation": 9036, "review": 4000})
    assert t.licence_cost == 0  # no generative stage, no licence
    assert t.total_cost == pytest.approx(16036)
    assert t.role_days == pytest.approx({"artist": 8, "supervisor": 2})
    assert t.role_cost == pytest.approx({"artist": 12000, "supervisor": 4000})
    assert t.role_hours(8) == pytest.approx({"artist": 64, "supervisor": 16})


def test_traditional_schedule_by_hand(base):
    t = base["traditional"]
    # previs: 2 days / 2 people = 1 day, from day 0
    # simulation starts when previs is half done (0.5); 6/2 = 3 days + 36 node-hours / 4 nodes / 24 h = 0.375
    # review starts when simulation is done (0.5 + 3.375); 2/2 = 1 day + 2 rounds x 2 days waiting = 5
    assert t.start == pytest.approx({"previs": 0, "fx_simulation": 0.5, "review": 3.875})
    assert t.duration == pytest.approx({"previs": 1, "fx_simulation": 3.375, "review": 5})
    assert t.calendar_days == pytest.approx(8.875)


def test_ai_assisted_by_hand(base):
    a = base["ai_assisted"]
    # set-up: 4 fixed days; generation: 1 x 2 x 1.5 = 3; review 2
    assert a.person_days == pytest.approx({"setup": 4, "generation": 3, "review": 2})
    # AI artist $500 a day; generation: 10 s generated per s kept x 2 s per shot x 2 shots x 1.5 passes
    # = 60 s at $0.50 = $30
    assert a.labour_cost == pytest.approx({"setup": 2000, "generation": 1500, "review": 4000})
    assert a.machine_cost == pytest.approx({"setup": 0, "generation": 30, "review": 0})
    # set-up 4/2 = 2 days; generation starts after set-up (2) and takes 3/2 = 1.5; review 1 + 4 = 5
    assert a.start == pytest.approx({"setup": 0, "generation": 2, "review": 3.5})
    assert a.calendar_days == pytest.approx(8.5)
    # licence: 2 seats x $100 a month x (8.5 / 200 x 12 = 0.51 months) = $102
    assert a.licence_cost == pytest.approx(102)
    assert a.total_cost == pytest.approx(2000 + 1530 + 4000 + 102)


def test_hybrid_stage_cannot_end_before_the_one_feeding_it(base):
    h = base["hybrid"]
    # compositing starts with generation (starts_after 0, day 0.5) and would take
    # 0.75/2 + 12 node-hours / 4 / 24 = 0.5 days, ending at 1.0; generation ends at 0.5 + 0.75 = 1.25,
    # so compositing is stretched to end at 1.25 too
    assert h.start["compositing"] == pytest.approx(0.5)
    assert h.duration["compositing"] == pytest.approx(0.75)
    assert h.start["review"] == pytest.approx(1.25)
    assert h.calendar_days == pytest.approx(6.25)
    # generation: 5 x 2 s x 2 shots x 1.5 = 30 s at $0.50 = $15; compositing renders 12 node-hours = $12
    assert h.machine_cost == pytest.approx({"previs": 0, "generation": 15, "compositing": 12, "review": 0})
    # licence: 2 seats x $100 x 6.25 / 200 x 12 months = $75
    assert h.licence_cost == pytest.approx(75)
    assert h.total_cost == pytest.approx(1500 + 765 + 1137 + 4000 + 75)


def test_ratios_by_hand(base):
    r = scenario.ratios(base)
    assert r["speedup_calendar"] == pytest.approx(8.875 / 8.5)
    assert r["speedup_effort"] == pytest.approx(10 / 9)
    assert r["cost_ratio"] == pytest.approx(16036 / 7632)
    h = scenario.ratios(base, other="hybrid")
    assert h["speedup_effort"] == pytest.approx(10 / 5.25)
    assert h["cost_ratio"] == pytest.approx(16036 / 7477)


def test_changed_inputs_by_hand():
    res = scenario.run({"shots": 3, "review_rounds": 3, "rework_share": 0.25, "region_rate_factor": 0.5,
                        "seconds_per_shot": 1, "gen_price_per_second": 1, "render_nodes": 1,
                        "review_wait_days": 0, "team_traditional": 1, "wage_factor.artist": 2})
    t, a = res["traditional"], res["ai_assisted"]
    # passes: 1 + 2 x 0.25 = 1.5 for rework, 3 for review; day rate 100,000 x 2 x 0.5 / 200 = $500 x factor
    assert t.person_days == pytest.approx({"previs": 3, "fx_simulation": 9, "review": 4.5})
    assert t.labour_cost == pytest.approx({"previs": 3000, "fx_simulation": 9000, "review": 4500})
    # render: 12 x 3 x 1.5 = 54 node-hours on 1 node = 2.25 days; team of 1
    assert t.duration["fx_simulation"] == pytest.approx(9 + 2.25)
    assert t.duration["review"] == pytest.approx(4.5)  # no waiting
    # generation: 10 x 1 s x 3 shots x 1.5 = 45 s at $1
    assert a.machine_cost["generation"] == pytest.approx(45)


def test_working_days_and_overhead_enter_the_day_rate():
    values = parameters.validate({"working_days_per_year": 250, "overhead_multiplier": 3})
    # 100,000 x 1.5 x 3 x 1 / 250
    assert scenario.day_rate(values, "artist") == pytest.approx(1800)


def test_passes_by_kind_of_stage():
    values = parameters.validate({"review_rounds": 4, "rework_share": 0.25})
    stages = {s.stage: s for s in parameters.pipeline()["traditional"]}
    assert scenario.passes(stages["previs"], values) == 1
    assert scenario.passes(stages["fx_simulation"], values) == pytest.approx(1.75)  # 1 + 3 x 0.25
    assert scenario.passes(stages["review"], values) == 4


def test_feasibility_by_hand(base):
    rows = {(r["tier"], r["workflow"]): r for r in scenario.feasibility(base)}
    assert len(rows) == 6
    small = rows[("small", "traditional")]
    # $1M x 10 % VFX = $100,000; one sequence may take 10 % of it = $10,000
    assert small["vfx_budget"] == pytest.approx(100_000)
    assert small["limit"] == pytest.approx(10_000)
    assert small["share_of_vfx_budget"] == pytest.approx(16036 / 100_000)
    assert small["sequence_cost"] == pytest.approx(16036)
    assert small["label"] == "Fake small show"
    assert not small["feasible"]
    assert rows[("small", "ai_assisted")]["feasible"]  # $7,632 <= $10,000
    assert rows[("big", "traditional")]["limit"] == pytest.approx(10_000_000 * 0.2 * 0.1)
    # a cost exactly at the limit is still feasible
    at_limit = scenario.feasibility(base, {"sequence_share_of_vfx_budget": 0.16036})
    assert [r["feasible"] for r in at_limit if r["tier"] == "small" and r["workflow"] == "traditional"] == [True]


def test_vectorised_run_matches_single_runs():
    values = parameters.validate({})
    shots = np.array([1.0, 2.0, 7.0])
    vec = scenario.run_workflow("hybrid", dict(values, shots=shots))
    for i, n in enumerate(shots):
        single = scenario.run({"shots": n})["hybrid"]
        assert vec.total_cost[i] == pytest.approx(single.total_cost)
        assert vec.calendar_days[i] == pytest.approx(single.calendar_days)
