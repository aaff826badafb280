"""Items 1, 2, 8, 9 and 10: the parameter set is checked whole when it is read, and never stale."""

import csv
import re

import pytest

from filmkit.model import parameters, scenario
from filmkit.model.data import DataError
from filmkit.tools import envcheck

from .conftest import replace_in


def _row(file, key):
    return next(line for line in file.read_text().splitlines() if line.startswith(key + ","))


def set_fields(file, key, **changes):
    """Change some columns of the row whose first column is ``key`` (read and written with csv)."""
    with open(file, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == key)
    for column, value in changes.items():
        row[header.index(column)] = str(value)
    with open(file, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_item1_deleted_parameter_row_is_named_not_a_keyerror(data_copy):
    f = data_copy / "scenario_parameters.csv"
    replace_in(f, _row(f, "shots") + "\n", "")
    with pytest.raises(DataError, match=r"data/scenario_parameters.csv: the model needs a row for 'shots'"):
        scenario.run()


def test_item1_header_only_parameter_file_is_named(data_copy):
    f = data_copy / "scenario_parameters.csv"
    f.write_text(f.read_text().splitlines()[0] + "\n")
    with pytest.raises(DataError, match=r"scenario_parameters.csv has a header but no rows"):
        parameters.parameters()


def test_item1_envcheck_fails_when_a_parameter_row_is_missing(data_copy):
    f = data_copy / "scenario_parameters.csv"
    replace_in(f, _row(f, "team_hybrid") + "\n", "")
    check = envcheck._data_check()
    assert not check.ok and "team_hybrid" in check.found
    assert "Something is missing" in envcheck.report([check])


def test_envcheck_passes_on_good_data_and_runs_the_model(data_copy):
    check = envcheck._data_check()
    assert check.ok and "model inputs" in check.found


@pytest.mark.parametrize("key", ["team_traditional", "working_days_per_year", "render_nodes"])
def test_item2_a_divisor_with_min_zero_is_refused_when_read(data_copy, key):
    set_fields(data_copy / "scenario_parameters.csv", key, min=0)
    with pytest.raises(DataError, match=rf"row \d+ \({key}\): '{key}' has min 0; the model divides by it"):
        scenario.run()


def test_item2_team_all_zero_is_refused_not_a_zerodivision(data_copy):
    set_fields(data_copy / "scenario_parameters.csv", "team_ai_assisted", min=0, low=0, base=0)
    with pytest.raises(DataError, match="team_ai_assisted"):
        scenario.run()


def test_item8_negative_review_wait_is_refused(data_copy):
    set_fields(data_copy / "scenario_parameters.csv", "review_wait_days", min=-10, low=-9, base=-9)
    with pytest.raises(DataError, match=r"'review_wait_days' has min -10; .* must be 0 or more"):
        scenario.run()


def test_item9_integer_parameter_with_a_fractional_base_is_named(data_copy):
    set_fields(data_copy / "scenario_parameters.csv", "shots", base=2.5)
    with pytest.raises(DataError, match=r"data/scenario_parameters.csv, row 1 \(shots\): 'shots' is marked "
                                        r"integer=yes but has base 2.5"):
        scenario.run()


def test_stage_ranges_are_checked_with_file_and_row(data_copy):
    f = data_copy / "pipeline_stages.csv"
    replace_in(f, "traditional,1,previs,Previs,previs_artist,no,0,previs,no,0.5,1,2,",
               "traditional,1,previs,Previs,previs_artist,no,0,previs,no,0.5,3,2,")
    with pytest.raises(DataError, match=r"data/pipeline_stages.csv, row 1 \(traditional, previs\), columns "
                                        r"days_per_shot_\*"):
        parameters.parameters()


def test_item10_an_edited_csv_is_used_by_the_model_in_the_same_kernel(data_copy):
    before = float(scenario.run()["traditional"].total_cost)
    set_fields(data_copy / "scenario_parameters.csv", "wage_annual_usd", base=120000)
    after = scenario.run()
    assert parameters.parameters()["wage_annual_usd"].base == 120000
    assert float(after["traditional"].total_cost) > before


def test_item10_an_edit_of_the_same_size_within_the_same_moment_is_seen(data_copy):
    base = parameters.parameters()["review_rounds"].base
    set_fields(data_copy / "scenario_parameters.csv", "review_rounds", base=int(base) + 1)  # same size, at once
    assert parameters.parameters()["review_rounds"].base == base + 1


def test_check_names_parameter_for_huge_and_odd_values():
    p = parameters.parameters()["shots"]
    for bad, words in [(10 ** 400, "401 digits is out of range"), (float("nan"), "out of range"),
                       (float("inf"), "out of range"), (2.5, "not a whole number"), ("3", "not a number"),
                       (True, "not a number")]:
        with pytest.raises(ValueError, match=re.escape("parameter 'shots': ") + ".*" + re.escape(words)):
            p.check(bad)
