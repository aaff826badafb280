"""The cost and time model against hand-computed cases, its invariants, and its refusals."""

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filmkit.model import parameters, scenario
from filmkit.model.data import DataError, data_folder
from filmkit.model.scenario_io import load_scenario, parse_scenario, save_scenario

DATA = Path(__file__).resolve().parent.parent / "data"
BASE_RATE = 99800 * 1.8 * 1.0 / 230  # day rate of a role with pay factor 1 at base values


@pytest.fixture(scope="module")
def base():
    return scenario.run()


def test_traditional_person_days_by_hand(base):
    # shots 2, rounds 3, rework 0.3 -> reworked stages run 1.6 passes, review 3 rounds
    expected = {"previs": 2.0, "asset_build": 10.0, "fx_simulation": 16.0, "lighting_render": 6.4,
                "compositing": 6.4, "review": 3.0}
    got = base["traditional"].person_days
    assert got == pytest.approx(expected)
    assert base["traditional"].total_person_days == pytest.approx(43.8)


def test_traditional_costs_by_hand(base):
    t = base["traditional"]
    assert t.labour_cost["previs"] == pytest.approx(2 * BASE_RATE * 1.0)
    assert t.labour_cost["fx_simulation"] == pytest.approx(16 * BASE_RATE * 1.1)
    assert t.labour_cost["review"] == pytest.approx(3 * BASE_RATE * 1.5)
    # render: 200 node-hours x 2 shots x 1.6 passes x $1.00
    assert t.machine_cost["lighting_render"] == pytest.approx(640.0)
    assert t.licence_cost == 0
    labour = sum(t.labour_cost.values())
    assert t.total_cost == pytest.approx(labour + 640.0)


def test_traditional_schedule_by_hand(base):
    t = base["traditional"]
    # team 5; render 640 node-hours on 50 nodes = 0.5333 days; review waits 3 rounds x 3 days
    assert t.start["asset_build"] == pytest.approx(0.2)        # half of previs (0.4 days)
    assert t.start["fx_simulation"] == pytest.approx(2.2)      # after asset build ends
    assert t.duration["lighting_render"] == pytest.approx(1.28 + 640 / 50 / 24)
    assert t.start["review"] == pytest.approx(4.70667 + 1.28, abs=1e-4)
    assert t.calendar_days == pytest.approx(15.58667, abs=1e-4)


def test_generation_and_licence_by_hand(base):
    a = base["ai_assisted"]
    # 20 generated seconds per second kept x 1 s x 2 shots x 1.6 passes x $0.12
    assert a.machine_cost["generation"] == pytest.approx(64 * 0.12)
    # 5 seats x $35 a month for the calendar time
    assert a.licence_cost == pytest.approx(5 * 35 * a.calendar_days / 230 * 12)
    assert a.person_days["setup"] == pytest.approx(10.0)


def test_a_stage_never_ends_before_the_one_feeding_it():
    res = scenario.run({"render_nodes": 1, "shots": 10})
    t = res["traditional"]
    names = [s.stage for s in t.stages]
    for before, after in zip(names, names[1:]):
        assert t.start[after] + t.duration[after] >= t.start[before] + t.duration[before] - 1e-9


def test_ratios_match_their_definitions(base):
    r = scenario.ratios(base)
    assert r["speedup_calendar"] == pytest.approx(base["traditional"].calendar_days / base["ai_assisted"].calendar_days)
    assert r["speedup_effort"] == pytest.approx(43.8 / base["ai_assisted"].total_person_days)
    assert r["cost_ratio"] == pytest.approx(base["traditional"].total_cost / base["ai_assisted"].total_cost)


def test_feasibility_limit_by_hand(base):
    rows = scenario.feasibility(base)
    eternaut = [r for r in rows if r["tier"] == "eternaut" and r["workflow"] == "traditional"][0]
    assert eternaut["limit"] == pytest.approx(15_000_000 * 0.118 * 0.10)
    assert eternaut["feasible"] == (eternaut["sequence_cost"] <= eternaut["limit"])
    assert {r["tier"] for r in rows} == set(parameters.tiers())


def test_vectorised_run_equals_single_runs():
    values = parameters.validate({})
    shots = np.array([1.0, 2.0, 7.0])
    batch = dict(values, shots=shots)
    vec = scenario.run_workflow("hybrid", batch)
    for i, n in enumerate(shots):
        single = scenario.run({"shots": n})["hybrid"]
        assert vec.total_cost[i] == pytest.approx(single.total_cost)
        assert vec.calendar_days[i] == pytest.approx(single.calendar_days)


# ---- invariants (property tests)

PARAMS = parameters.parameters()


def _parameters_from(folder):
    with data_folder(folder):
        return parameters.parameters()
RATES = ["wage_annual_usd", "overhead_multiplier", "region_rate_factor", "render_price_per_node_hour",
         "gen_price_per_second", "licence_ai_per_seat_month"]


def _in_range(key):
    p = PARAMS[key]
    if p.integer:
        return st.integers(int(p.low), int(p.high)).map(float)
    return st.floats(p.low, p.high, allow_nan=False)


scenarios = st.fixed_dictionaries({k: _in_range(k) for k in
                                   ["shots", "review_rounds", "rework_share", "review_wait_days", "team_traditional",
                                    "team_ai_assisted", "team_hybrid", "render_nodes", *RATES]})


@settings(max_examples=60, deadline=None)
@given(scenarios)
def test_costs_and_times_are_never_negative(values):
    for res in scenario.run(values).values():
        assert res.total_cost >= 0 and res.calendar_days > 0
        assert all(v >= 0 for v in res.stage_cost.values())
        assert all(v >= 0 for v in res.duration.values())


@settings(max_examples=40, deadline=None)
@given(scenarios, st.integers(1, 20))
def test_cost_never_falls_when_shots_rise(values, extra):
    low = scenario.run(values)
    more = dict(values, shots=min(values["shots"] + extra, PARAMS["shots"].max))
    high = scenario.run(more)
    for w in low:
        assert high[w].total_cost >= low[w].total_cost - 1e-9


@settings(max_examples=40, deadline=None)
@given(scenarios, st.sampled_from(RATES), st.floats(1.0, 3.0))
def test_cost_never_falls_when_a_rate_rises(values, rate, factor):
    low = scenario.run(values)
    raised = dict(values, **{rate: min(values[rate] * factor, PARAMS[rate].max)})
    high = scenario.run(raised)
    for w in low:
        assert high[w].total_cost >= low[w].total_cost - 1e-9


@settings(max_examples=40, deadline=None)
@given(scenarios)
def test_speedup_agrees_with_the_two_calendars(values):
    res = scenario.run(values)
    for other in ("ai_assisted", "hybrid"):
        r = scenario.ratios(res, other=other)
        assert r["speedup_calendar"] * res[other].calendar_days == pytest.approx(res["traditional"].calendar_days)


@settings(max_examples=40, deadline=None)
@given(scenarios, st.text(max_size=30))
def test_save_and_load_round_trip_exactly(tmp_path_factory, values, name):
    file = tmp_path_factory.mktemp("s") / "scenario.json"
    save_scenario(file, values, name=name)
    loaded_name, loaded = load_scenario(file)
    assert loaded_name == name
    assert loaded == parameters.validate(values)


# ---- refusals

@pytest.mark.parametrize("key, value, words", [
    ("team_traditional", 0, "out of range"),
    ("team_ai_assisted", -2, "out of range"),
    ("shots", math.nan, "out of range"),
    ("rework_share", 1.5, "out of range"),
    ("tier.eternaut.vfx_share", 1.2, "out of range"),
    ("review_rounds", 2.5, "not a whole number"),
    ("wage_annual_usd", "lots", "not a number"),
    ("shots", None, "not a number"),
])
def test_bad_values_name_parameter_value_and_range(key, value, words):
    with pytest.raises(ValueError) as info:
        scenario.run({key: value})
    message = str(info.value)
    assert f"parameter '{key}'" in message and repr(value) in message and words in message
    assert "allowed:" in message and " to " in message


def test_unknown_parameter_suggests_a_name():
    with pytest.raises(ValueError, match=r"unknown parameter 'team_tradional'; did you mean team_traditional"):
        scenario.run({"team_tradional": 3})


def test_values_must_be_a_mapping():
    with pytest.raises(ValueError, match="values: expected a mapping"):
        parameters.validate([("shots", 2)])


def test_missing_column_in_a_parameter_file_is_named(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    stages = target / "pipeline_stages.csv"
    lines = stages.read_text().splitlines()
    header = lines[0].split(",")
    drop = header.index("starts_after")
    stages.write_text("\n".join(",".join(c for i, c in enumerate(l.split(",")) if i != drop) for l in lines[:1]) + "\n")
    with pytest.raises(DataError, match=r"data/pipeline_stages.csv: column\(s\) 'starts_after' missing"):
        _parameters_from(target)


def test_parameter_ranges_out_of_order_are_refused(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    f = target / "scenario_parameters.csv"
    f.write_text(f.read_text().replace("review_rounds,review,Review rounds,rounds,2,3,5,", "review_rounds,review,Review rounds,rounds,4,3,5,"))
    with pytest.raises(ValueError, match=r"parameter 'review_rounds': low/base/high 4/3/5 must be in order"):
        _parameters_from(target)


@pytest.mark.parametrize("text, words", [
    ("{not json", "not valid JSON (line 1"),
    ('{"values": {"shots": 2}, "colour": "red"}', "unknown scenario key(s) 'colour'"),
    ('{"values": {"shotz": 2}}', "unknown parameter 'shotz'"),
    ('{"values": {"shots": 0}}', "parameter 'shots': 0 is out of range"),
    ('{"values": [1, 2]}', "expected an object with a 'values' object"),
    ('{"format": 2, "values": {}}', "format 2 is not supported"),
])
def test_bad_scenario_files_are_explained(text, words):
    with pytest.raises(ValueError) as info:
        parse_scenario(text)
    assert words in str(info.value)


def test_missing_scenario_file_and_wrong_suffix(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        load_scenario(tmp_path / "nope.json")
    with pytest.raises(ValueError, match="should end in .json"):
        save_scenario(tmp_path / "s.txt", {})


def test_saved_file_lists_only_the_given_values(tmp_path):
    file = save_scenario(tmp_path / "s.json", {"shots": 4}, name="four shots", description="d")
    data = json.loads(file.read_text())
    assert data == {"kit": "filmkit", "format": 1, "name": "four shots", "description": "d", "values": {"shots": 4.0}}
