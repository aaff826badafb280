"""Refusals of the cost and time model on the teaching data: bad values and bad parameter files.

The model's numbers, invariants and scenario files are tested on the fixture data in tests/model/."""

import math
import shutil
from pathlib import Path

import pytest

from filmkit.model import parameters, scenario
from filmkit.model.data import DataError, data_folder

DATA = Path(__file__).resolve().parent.parent / "data"


def _parameters_from(folder):
    with data_folder(folder):
        return parameters.parameters()


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
    with pytest.raises(ValueError, match=r"data/scenario_parameters.csv, row 8 \(review_rounds\): 'review_rounds' has min/low/base/high/max 1/4/3/5/20; they must be in this order"):
        _parameters_from(target)
