"""Issue 21, items 6 to 10: data that breaks its schema, or the model's arithmetic, is named before it is used.

The loader and ``filmkit check-env`` say the same thing in the same words.
"""

import json
import time

import pytest

from filmkit.model import data, parameters, scenario
from filmkit.model.data import DataError, fingerprint, load
from filmkit.model.data_rules import MAX_FILE_BYTES
from filmkit.model.scenario_io import load_scenario, parse_scenario
from filmkit.tools.envcheck import _data_check

from tests.helpers import refuse

from .conftest import replace_in


def envcheck_says(text):
    check = _data_check()
    assert not check.ok
    assert text in check.found, check.found
    return check.found


# ---- item 6: numbers too large for the model's sums ------------------------------------------------------

def test_item6_shots_of_1e308_are_refused_by_name_not_turned_into_nan(data_copy):
    replace_in(data_copy / "scenario_parameters.csv", "shots,sequence,Shots in the sequence,shots,1,2,6,1,200,",
               "shots,sequence,Shots in the sequence,shots,1,1e308,1e308,1,1e308,")
    with pytest.raises(DataError, match=r"scenario_parameters.csv, row 1 \(shots\): 'shots' has max .*inputs up to"):
        parameters.parameters()
    envcheck_says("'shots' has max")


def test_item6_a_wage_of_1e308_is_refused_by_name(data_copy):
    replace_in(data_copy / "scenario_parameters.csv", "57220,99800,174630,1000,1000000,",
               "57220,1e308,1e308,1000,1e308,")
    with pytest.raises(DataError, match=r"'wage_annual_usd' has max"):
        scenario.run()


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_item6_a_result_that_is_not_finite_names_the_largest_inputs(data_copy, monkeypatch):
    monkeypatch.setattr(parameters, "LARGEST", float("inf"))  # as if the data's limits were widened past the bound
    replace_in(data_copy / "scenario_parameters.csv", "shots,sequence,Shots in the sequence,shots,1,2,6,1,200,",
               "shots,sequence,Shots in the sequence,shots,1,2,6,1,1e308,")
    with pytest.raises(ValueError, match=r"result is not a finite number; the largest inputs are 'shots'"):
        scenario.run({"shots": 1e308})


# ---- item 7: a table with only its header ----------------------------------------------------------------

@pytest.mark.parametrize("table", ["production_tiers", "roles", "matrix_values", "claims", "phases"])
def test_item7_a_table_with_only_its_header_is_named(data_copy, table):
    f = data_copy / f"{table}.csv"
    f.write_text(f.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"data/{table}.csv has a header but no rows"):
        load(table)
    envcheck_says(f"data/{table}.csv has a header but no rows")


def test_item7_the_explorer_and_summary_name_the_empty_table(data_copy):
    f = data_copy / "production_tiers.csv"
    f.write_text(f.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    from filmkit.views.explorer import explorer
    from filmkit.views.scenario_tables import summary_table

    for call in (explorer, lambda: summary_table(scenario.run())):
        with pytest.raises(DataError, match="production_tiers.csv has a header but no rows"):
            call()


# ---- item 8: data that breaks its own schema -------------------------------------------------------------

def test_item8_an_excerpt_longer_than_max_length_is_named(data_copy):
    f = data_copy / "claims.csv"
    text = f.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    long_row = first.replace("CL01", "CL99", 1)
    rows = list(__import__("csv").reader([long_row]))[0]
    header = text.splitlines()[0].split(",")
    rows[header.index("excerpt")] = "x" * 401
    import csv
    import io
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(rows)
    f.write_text(text + out.getvalue(), encoding="utf-8")
    with pytest.raises(DataError, match=r"column 'excerpt': 401 characters, more than the 400 the schema allows"):
        load("claims")
    envcheck_says("401 characters")


@pytest.mark.parametrize("spelling, problem", [
    ("VFX аrtists", "mixes letters of different scripts (Cyrillic, Latin)"),   # a Cyrillic "а"
    ("VFX artists ٣", "from another script: type the digits 0-9"),              # an Arabic-Indic three
])
def test_item8_a_stakeholder_name_with_a_letter_or_digit_of_another_script_is_named(data_copy, spelling, problem):
    f = data_copy / "matrix_stakeholders.csv"
    f.write_text(f.read_text(encoding="utf-8") + f'{spelling},Same group again.,iatse-vfx-survey-2022,"x"\n',
                 encoding="utf-8")
    with pytest.raises(DataError, match=rf"matrix_stakeholders.csv, row \d+, column 'stakeholder': .*{problem[:20]}"):
        load("matrix_stakeholders")


def test_item8_ids_that_only_look_the_same_are_named(data_copy):
    f = data_copy / "matrix_values.csv"
    text = f.read_text(encoding="utf-8")
    rest = text.splitlines()[1][len(text.splitlines()[1].split(",")[0]):]
    f.write_text(text + "Tax" + rest + "\n" + "Тах" + rest + "\n", encoding="utf-8")  # the second is all Cyrillic
    with pytest.raises(DataError, match=r"column 'value': 'Tax' and 'Тах' look the same but are different text"):
        load("matrix_values")


def test_item8_digits_of_another_script_in_a_number_are_refused(data_copy):
    replace_in(data_copy / "scenario_parameters.csv", "shots,sequence,Shots in the sequence,shots,1,2,6,1,200,",
               "shots,sequence,Shots in the sequence,shots,1,٢,6,1,200,")
    with pytest.raises(DataError, match=r"column 'base': '٢' is not a number"):
        load("scenario_parameters")


@pytest.mark.parametrize("text, problem", [
    ('{"kit": "other-kit", "format": 1, "values": {}}', "'kit' is 'other-kit'"),
    ('{"kit": "filmkit", "format": true, "values": {}}', "format True is not supported"),
    ('{"kit": "filmkit", "format": "1", "values": {}}', "format '1' is not supported"),
    ('{"format": 1, "values": {"shots": 4, "shots": 40}}', "the key 'shots' appears twice"),
    ('{"format": 1, "format": 2, "values": {}}', "the key 'format' appears twice"),
])
def test_item8_scenario_files_with_a_wrong_kit_or_format_or_doubled_keys_are_refused(text, problem):
    with pytest.raises(ValueError, match=problem.replace("(", r"\(")):
        parse_scenario(text)


def test_item8_doubled_keys_in_datapackage_json_are_refused(data_copy):
    replace_in(data_copy / "datapackage.json", '"name": "eternaut-genai-teaching-kit",',
               '"name": "eternaut-genai-teaching-kit", "name": "other",')
    with pytest.raises(DataError, match="data/datapackage.json: the key 'name' appears twice"):
        load("roles")
    envcheck_says("appears twice")


# ---- item 9: a data file far too large -------------------------------------------------------------------

def test_item9_a_data_file_beyond_the_documented_size_is_refused_at_once(data_copy):
    f = data_copy / "roles.csv"
    header, first = f.read_text(encoding="utf-8").splitlines()[:2]
    rows = [first.replace(first.split(",")[0], f"role_{i}", 1) for i in range(60_000)]
    f.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert f.stat().st_size > MAX_FILE_BYTES
    started = time.perf_counter()
    with pytest.raises(DataError, match=r"data/roles.csv is \d+\.\d MB; a data file of the kit is at most 5 MB"):
        load("roles")
    assert time.perf_counter() - started < 1
    envcheck_says("at most 5 MB")


def test_item9_a_scenario_file_far_too_large_is_refused(tmp_path):
    big = tmp_path / "big.json"
    big.write_text('{"values": {}, "description": "' + "x" * 6_000_000 + '"}')
    with pytest.raises(ValueError, match="MB; a scenario is a few hundred bytes"):
        load_scenario(big)


# ---- item 10: a data package that cannot be read or applied ----------------------------------------------

def test_item10_datapackage_saved_as_latin1_is_named(data_copy):
    f = data_copy / "datapackage.json"
    f.write_bytes(f.read_text(encoding="utf-8").replace("Sources", "Fuentes ñ").encode("latin-1"))
    with pytest.raises(DataError, match=r"data/datapackage.json, line \d+: the file is not UTF-8"):
        load("roles")
    envcheck_says("is not UTF-8")


@pytest.mark.parametrize("content, problem", [
    ("{}", "'resources' should be a list of tables"),
    ('{"resources": [{"name": "roles"}]}', "table 1 needs a 'name' and a 'path'"),
    ('{"resources": [{"name": "roles", "path": "../../etc/passwd", "schema": {"fields": [{"name": "a"}]}}]}',
     "should be a file name in the data folder"),
    ('{"resources": [{"name": "roles", "path": "roles.csv", "schema": {}}]}', "'schema' should hold a list"),
    ('[1, 2]', "'resources' should be a list of tables"),
])
def test_item10_a_datapackage_without_usable_resources_is_named(data_copy, content, problem):
    (data_copy / "datapackage.json").write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=problem.replace("(", r"\(").replace(".", r"\.")):
        load("roles")
    envcheck_says(problem)


def test_item10_a_broken_pattern_in_the_schema_is_named(data_copy):
    f = data_copy / "datapackage.json"
    desc = json.loads(f.read_text(encoding="utf-8"))
    desc["resources"][0]["schema"]["fields"][0]["constraints"]["pattern"] = "[a-z"
    f.write_text(json.dumps(desc), encoding="utf-8")
    with pytest.raises(DataError, match=r"table 'sources', field 'id': the pattern '\[a-z' is not a valid regular"):
        load("claims")


def test_item10_a_data_folder_that_cannot_be_read_is_named(tmp_path, monkeypatch):
    refuse(monkeypatch, "is_file", lambda path: path.name == "datapackage.json" and tmp_path in path.parents)
    with pytest.raises(DataError, match="cannot be read \\(Permission denied\\)"):
        data.use_data(tmp_path)


def test_item10_fingerprint_names_a_file_made_unreadable_just_after_an_edit(data_copy, monkeypatch):
    target = data_copy / "roles.csv"
    target.write_text(target.read_text(encoding="utf-8"), encoding="utf-8")  # just edited: its checksum is read
    refuse(monkeypatch, "read_bytes", lambda path: path == target)
    with pytest.raises(DataError, match="data/roles.csv cannot be opened: Permission denied"):
        fingerprint()


@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_table_that_is_a_device_or_a_pipe_is_named_not_read_forever(data_copy, kind):
    import os

    f = data_copy / "roles.csv"
    f.unlink()
    if kind == "device":
        f.symlink_to("/dev/zero")
    else:
        os.mkfifo(f)
    started = time.perf_counter()
    with pytest.raises(DataError, match="data/roles.csv"):
        load("roles")
    fingerprint()  # the cache key leaves it out; it neither hangs nor fails
    assert time.perf_counter() - started < 2
