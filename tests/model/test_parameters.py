"""The parameter registry built from the fixture's tables: keys, ranges, limits and refusals."""

import math
import os
import shutil

import numpy as np
import pytest

from filmkit.model import parameters
from filmkit.model.data import data_folder

from .conftest import FIXTURE


def test_registry_flattens_the_four_tables():
    params = parameters.parameters()
    # 20 scalars + 3 roles + stage parts that are not all zero + 2 x 2 tiers
    stage_keys = [k for k in params if k.split(".")[0] in parameters.WORKFLOWS]
    assert len([k for k in params if k.startswith("wage_factor.")]) == 3
    assert len([k for k in params if k.startswith("tier.")]) == 4
    # a structural zero (previs has no fixed days) is not a parameter; the set-up's fixed days are
    assert "traditional.previs.fixed_days" not in params
    assert "ai_assisted.setup.fixed_days" in params and "ai_assisted.setup.days_per_shot" not in params
    # traditional 4 (previs, simulation days and render, review), AI-assisted 4, hybrid 6
    assert len(stage_keys) == 14
    assert len(params) == 20 + 3 + 14 + 4


def test_a_stage_parameter_carries_its_row():
    p = parameters.parameters()["traditional.fx_simulation.machine_per_shot"]
    assert (p.low, p.base, p.high) == (6, 12, 24)
    assert (p.min, p.max) == (0, 1e6)
    assert p.unit == "node-hours per shot per pass"
    assert p.label == "Traditional, Simulation: machine use per shot"
    assert p.group == "stages_traditional" and p.integer is False and p.basis == "assumption"
    gen = parameters.parameters()["ai_assisted.generation.machine_per_shot"]
    assert gen.unit == "generated seconds per second kept"
    days = parameters.parameters()["hybrid.previs.days_per_shot"]
    assert days.unit == "person-days per shot" and (days.min, days.max) == (0, 1000)
    assert days.label == "Hybrid, Previs: person-days per shot"
    fixed = parameters.parameters()["ai_assisted.setup.fixed_days"]
    assert fixed.unit == "person-days" and fixed.max == 10000 and fixed.label.endswith("fixed person-days")


def test_role_and_tier_parameters():
    params = parameters.parameters()
    w = params["wage_factor.supervisor"]
    assert (w.low, w.base, w.high, w.min, w.max) == (1, 2, 3, 0.05, 10)
    assert w.label == "Pay factor: Fake supervisor" and w.group == "rates" and w.unit == "x median wage"
    b = params["tier.big.budget_usd"]
    assert (b.low, b.base, b.high, b.min, b.max) == (5e6, 1e7, 2e7, 1e3, 1e11)
    assert b.source_id == "fake-a" and b.group == "tiers" and b.unit == "USD"
    s = params["tier.big.vfx_share"]
    assert (s.base, s.min, s.max) == (0.2, 0.001, 1) and s.source_id == "fake-b" and s.unit == "share"
    assert parameters.tiers() == ["small", "big"]
    assert parameters.tier_label("big") == "Big show: fake"  # a colon in the label is kept
    assert b.label == "Big show: fake: budget"
    assert parameters.role_labels() == {"supervisor": "Fake supervisor", "artist": "Fake artist",
                                        "ai_artist": "Fake AI artist"}


def test_scalar_parameters_keep_their_columns():
    shots = parameters.parameters()["shots"]
    assert (shots.low, shots.base, shots.high, shots.min, shots.max, shots.integer) == (1, 2, 4, 1, 10, True)
    assert shots.label == "Shots" and shots.unit == "shots" and shots.group == "sequence"
    assert parameters.parameters()["wage_annual_usd"].source_id == "fake-a"
    assert parameters.parameters()["seconds_per_shot"].integer is False


def test_pipeline_is_in_file_order_with_its_columns():
    pipe = parameters.pipeline()
    assert [s.stage for s in pipe["hybrid"]] == ["previs", "generation", "compositing", "review"]
    comp = pipe["hybrid"][2]
    assert (comp.workflow, comp.label, comp.role, comp.repeats, comp.starts_after, comp.machine) == (
        "hybrid", "Compositing", "artist", "rework", 0, "render")


def test_base_low_and_high_values():
    assert parameters.base_values()["shots"] == 2
    assert parameters.base_values("low")["shots"] == 1
    assert parameters.base_values("high")["wage_factor.artist"] == 2
    with pytest.raises(ValueError, match="level: 'mid' is not one of low, base, high"):
        parameters.base_values("mid")


@pytest.mark.parametrize("key, value", [("shots", 1), ("shots", 10), ("rework_share", 0), ("rework_share", 1),
                                        ("shots", np.int64(3)), ("seconds_per_shot", np.float32(0.5))])
def test_limits_are_inclusive(key, value):
    assert parameters.validate({key: value})[key] == float(value)


@pytest.mark.parametrize("key, value, words", [
    ("shots", 0, "0 is out of range (allowed: a whole number from 1 to 10 shots)"),
    ("shots", 11, "11 is out of range"),
    ("shots", 2.5, "2.5 is not a whole number (allowed: a whole number from 1 to 10 shots)"),
    ("rework_share", 1.01, "1.01 is out of range (allowed: a number from 0 to 1 share)"),
    ("rework_share", -0.01, "-0.01 is out of range"),
    ("seconds_per_shot", math.nan, "nan is out of range"),
    ("seconds_per_shot", True, "True is not a number"),
    ("seconds_per_shot", "2", "'2' is not a number"),
    ("wage_factor.artist", 0.01, "0.01 is out of range (allowed: a number from 0.05 to 10 x median wage)"),
])
def test_bad_values_are_refused_with_the_range(key, value, words):
    with pytest.raises(ValueError) as info:
        parameters.validate({key: value})
    assert words in str(info.value)
    assert str(info.value).startswith(f"parameter '{key}': ")


def test_validate_fills_base_values_and_refuses_unknown_keys():
    clean = parameters.validate({"shots": 3})
    assert clean["shots"] == 3.0 and clean["review_rounds"] == 2.0
    assert set(clean) == set(parameters.parameters())
    with pytest.raises(ValueError, match=r"^unknown parameter 'shot'; did you mean shots\?$"):
        parameters.validate({"shot": 3})
    with pytest.raises(ValueError, match=r"^unknown parameter 'zzz'$"):
        parameters.validate({"zzz": 3})
    with pytest.raises(ValueError, match="values: expected a mapping of parameter names to numbers, got list"):
        parameters.validate([("shots", 3)])


def _edited_copy(tmp_path, file, old, new):
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    path = target / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return target


SHOTS = "shots,sequence,Shots,shots,1,2,4,1,10,yes"


@pytest.mark.parametrize("numbers", ["1,3,2,4,10", "1,2,5,4,10", "2,1,2,4,10", "1,2,4,1,3", "1,2,1,1,10"])
def test_ranges_out_of_order_or_outside_limits_are_refused(tmp_path, numbers):
    low, base, high, lo, hi = numbers.split(",")
    folder = _edited_copy(tmp_path, "scenario_parameters.csv", SHOTS, f"shots,sequence,Shots,shots,{numbers},yes")
    order = f"{lo}/{low}/{base}/{high}/{hi}"
    with data_folder(folder), pytest.raises(ValueError, match=rf"data/scenario_parameters.csv, row 1 \(shots\): "
                                            rf"'shots' has min/low/base/high/max {order}; they must be in this order"):
        parameters.parameters()


@pytest.mark.parametrize("row, words", [
    ("shots,sequence,Shots,shots,1,2,4,1,10,yes", None),
    ("shots,sequence,Shots,shots,1,2,4,-1,10,yes", "'shots' has min -1; .* must be 0 or more"),
    ("shots,sequence,Shots,shots,1,2,4,1,10.5,yes", "'shots' is marked integer=yes but has max 10.5"),
    ("shots,sequence,Shots,shots,1.5,2,4,1,10,yes", "integer=yes but has low 1.5"),
])
def test_negative_or_broken_whole_number_limits_are_refused(tmp_path, row, words):
    folder = _edited_copy(tmp_path, "scenario_parameters.csv", SHOTS, row)
    with data_folder(folder):
        if words is None:
            assert parameters.parameters()["shots"].max == 10
        else:
            with pytest.raises(ValueError, match=words):
                parameters.parameters()


def test_a_divisor_may_not_reach_zero(tmp_path):
    old = "render_nodes,compute,Render nodes,nodes,1,4,8,1,100,yes"
    folder = _edited_copy(tmp_path, "scenario_parameters.csv", old, old.replace(",1,4,8,1,100,", ",1,4,8,0,100,"))
    with data_folder(folder), pytest.raises(ValueError, match="'render_nodes' has min 0; the model divides by it"):
        parameters.parameters()


def test_a_range_equal_to_its_limits_is_accepted(tmp_path):
    folder = _edited_copy(tmp_path, "scenario_parameters.csv", SHOTS, "shots,sequence,Shots,shots,1,1,1,1,1,yes")
    with data_folder(folder):
        assert parameters.parameters()["shots"].max == 1


def test_an_edited_table_is_read_again(tmp_path):
    folder = _edited_copy(tmp_path, "roles.csv", "supervisor,Fake supervisor,1,2,3", "supervisor,Fake supervisor,1,2,3")
    with data_folder(folder):
        assert parameters.parameters()["wage_factor.supervisor"].base == 2
        roles = folder / "roles.csv"
        roles.write_text(roles.read_text().replace("supervisor,Fake supervisor,1,2,3", "supervisor,Boss,1,2.5,3"))
        os.utime(roles, ns=(10**18, 10**18))
        assert parameters.parameters()["wage_factor.supervisor"].base == 2.5
        assert parameters.role_labels()["supervisor"] == "Boss"


def test_phases_in_file_order():
    assert parameters.phases() == {"previs": "Previs", "assets": "Assets and set-up", "effect": "Creating the effect",
                                   "render_composite": "Rendering and compositing", "review": "Review"}
    assert [s.phase for s in parameters.pipeline()["ai_assisted"]] == ["assets", "effect", "review"]
    assert [s.waits_for_feedback for s in parameters.pipeline()["ai_assisted"]] == [False, False, True]


def test_unknown_key_hint_lists_the_three_closest():
    known = ["abcdefg", "abcdef", "abcde", "abcd", "zzz"]
    assert parameters.unknown_key_message("abc", known) == "unknown parameter 'abc'; did you mean abcd, abcde, abcdef?"


def test_whole_number_and_order_messages_in_full(tmp_path):
    folder = _edited_copy(tmp_path, "scenario_parameters.csv", SHOTS, "shots,sequence,Shots,shots,1,2.5,4.5,1,10,yes")
    with data_folder(folder), pytest.raises(ValueError) as info:
        parameters.parameters()
    assert str(info.value) == ("data/scenario_parameters.csv, row 1 (shots): 'shots' is marked integer=yes but has "
                               "base 2.5, high 4.5; use whole numbers or set integer to no")
    folder = _edited_copy(tmp_path / "b", "scenario_parameters.csv", SHOTS, "shots,sequence,Shots,shots,1,2,4,-2,10,yes")
    with data_folder(folder), pytest.raises(ValueError) as info:
        parameters.parameters()
    assert str(info.value).endswith("'shots' has min -2; every input of the model is a count, a price, "
                                    "a time or a share and must be 0 or more")
    folder = _edited_copy(tmp_path / "c", "scenario_parameters.csv", SHOTS, "shots,sequence,Shots,shots,5,2,4,1,10,yes")
    with data_folder(folder), pytest.raises(ValueError) as info:
        parameters.parameters()
    assert str(info.value).endswith("they must be in this order (min <= low <= base <= high <= max)")


def test_every_column_of_a_scalar_row_is_kept():
    p = parameters.parameters()["wage_annual_usd"]
    assert (p.label, p.unit, p.basis, p.source_id, p.rationale, p.group) == (
        "Annual wage", "USD per year", "assumption", "fake-a", "Test row.", "rates")
