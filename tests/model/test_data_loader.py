"""The loader checks every rule of the schema and names the file, row and column that break it.

Each rule is tested on a one-table package written by the test, so that only that rule can
catch the bad cell (switching the rule off in filmkit/model/data.py makes the test fail).
"""

import json
import os

import pandas as pd
import pytest

from filmkit.model import data
from filmkit.model.data import DataError

from tests.helpers import refuse

from .conftest import FIXTURE


def package(folder, fields, rows, name="things", **schema):
    """A data package with one table ``name`` (``rows``: CSV lines after the header)."""
    folder.mkdir(exist_ok=True)
    header = ",".join(f["name"] for f in fields)
    (folder / f"{name}.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    desc = {"name": "test", "resources": [{"name": name, "path": f"{name}.csv",
                                           "schema": {"fields": fields, **schema}}]}
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return folder


def load_from(folder, name="things"):
    with data.data_folder(folder):
        return data.load(name)


ID = {"name": "id", "type": "string"}


def test_the_fixture_package_loads_with_its_types():
    tables = data.load_all()
    assert set(tables) == set(data.resource_names())
    assert all(len(t) for t in tables.values())
    stages = tables["pipeline_stages"]
    assert stages["order"].tolist()[:3] == [1, 2, 3] and stages["order"].dtype.kind == "i"
    assert stages["starts_after"].tolist()[:3] == [0.0, 0.5, 1.0]
    assert tables["sources"]["date"].tolist() == ["2025-07-17", "2025-07", ""]
    assert data.descriptor()["name"] == "filmkit-test-fixture"


TEACHING = FIXTURE.parents[2] / "data" / "datapackage.json"


@pytest.mark.skipif(not TEACHING.is_file(), reason="the teaching data package is not beside the tests")
def test_the_fixture_has_the_tables_and_columns_of_the_teaching_data():
    """When the teaching data gains a table or a column, the fixture must gain it too."""
    def columns(path):
        desc = json.loads(path.read_text(encoding="utf-8"))
        return {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in desc["resources"]}
    assert columns(FIXTURE / "datapackage.json") == columns(TEACHING)


def test_pattern_is_checked(tmp_path):
    fields = [{"name": "id", "type": "string", "constraints": {"pattern": "K\\d{2}"}}]
    assert load_from(package(tmp_path, fields, ["K01", "K02"]))["id"].tolist() == ["K01", "K02"]
    # the whole cell must match, not only its start
    package(tmp_path, fields, ["K01", "K023"])
    with pytest.raises(DataError, match=r"data/things.csv, row 2 \(K023\), column 'id': 'K023' does not match "
                                        r"the pattern 'K\\\\d\{2\}'"):
        load_from(tmp_path)


def test_integer_is_checked(tmp_path):
    fields = [ID, {"name": "n", "type": "integer"}]
    assert load_from(package(tmp_path, fields, ["a,3", "b,-2", "c,+4"]))["n"].tolist() == [3, -2, 4]
    for bad in ("1.5", "2e3", "seven", "1_000"):
        package(tmp_path, fields, ["a,3", f"b,{bad}"])
        with pytest.raises(DataError, match=rf"row 2 \(b\), column 'n': '{bad}' is not a whole number"):
            load_from(tmp_path)


def test_number_is_checked(tmp_path):
    fields = [ID, {"name": "x", "type": "number"}]
    assert load_from(package(tmp_path, fields, ["a,1.5", "b,2e3"]))["x"].tolist() == [1.5, 2000.0]
    package(tmp_path, fields, ["a,1.5", "b,lots"])
    with pytest.raises(DataError, match=r"row 2 \(b\), column 'x': 'lots' is not a number"):
        load_from(tmp_path)
    for bad in ("inf", "nan", "-inf"):
        package(tmp_path, fields, [f"a,{bad}"])
        with pytest.raises(DataError, match=rf"'{bad}' is not a finite number"):
            load_from(tmp_path)


def test_date_is_checked(tmp_path):
    fields = [ID, {"name": "day", "type": "date"}]
    assert load_from(package(tmp_path, fields, ["a,2025-07-17"]))["day"][0] == pd.Timestamp("2025-07-17")
    for bad in ("2025-02-30", "17/07/2025", "2025-7-17"):
        package(tmp_path, fields, [f"a,{bad}"])
        with pytest.raises(DataError, match=r"column 'day': .* is not a date \(YYYY-MM-DD\)"):
            load_from(tmp_path)


def test_unknown_type_is_reported(tmp_path):
    package(tmp_path, [ID, {"name": "when", "type": "datetime"}], ["a,x"])
    with pytest.raises(DataError, match="the schema uses type 'datetime', which this loader does not support"):
        load_from(tmp_path)


@pytest.mark.parametrize("rule, good, bad, words", [
    ({"minimum": 0}, "0", "-1", "-1 is below the minimum 0"),
    ({"maximum": 1}, "1", "1.5", "1.5 is above the maximum 1"),
    ({"minimum": 1}, "1", "0.5", "0.5 is below the minimum 1"),
])
def test_minimum_and_maximum_are_checked(tmp_path, rule, good, bad, words):
    fields = [ID, {"name": "x", "type": "number", "constraints": rule}]
    assert load_from(package(tmp_path, fields, [f"a,{good}"]))["x"][0] == float(good)
    package(tmp_path, fields, [f"a,{good}", f"b,{bad}"])
    with pytest.raises(DataError, match=rf"data/things.csv, row 2 \(b\), column 'x': {words}"):
        load_from(tmp_path)


def test_minimum_of_an_integer_is_checked(tmp_path):
    fields = [ID, {"name": "order", "type": "integer", "constraints": {"minimum": 1}}]
    package(tmp_path, fields, ["a,1", "b,0"])
    with pytest.raises(DataError, match=r"row 2 \(b\), column 'order': 0 is below the minimum 1"):
        load_from(tmp_path)


def test_enum_is_checked(tmp_path):
    fields = [ID, {"name": "kind", "type": "string", "constraints": {"enum": ["x", "y"]}}]
    package(tmp_path, fields, ["a,x", "b,z"])
    with pytest.raises(DataError, match=r"row 2 \(b\), column 'kind': 'z' is not allowed \(allowed: x, y\)"):
        load_from(tmp_path)


def test_unique_is_checked_on_a_column_that_is_not_the_key(tmp_path):
    fields = [ID, {"name": "code", "type": "string", "constraints": {"unique": True}}]
    assert len(load_from(package(tmp_path, fields, ["a,X1", "b,X2"], primaryKey=["id"]))) == 2
    package(tmp_path, fields, ["a,X1", "b,X2", "c,X1"], primaryKey=["id"])
    with pytest.raises(DataError, match=r"data/things.csv, row 3, column\(s\) code: 'X1' appears more than once"):
        load_from(tmp_path)


def test_a_composite_primary_key_is_unique(tmp_path):
    fields = [ID, {"name": "part", "type": "string"}]
    assert len(load_from(package(tmp_path, fields, ["a,1", "a,2", "b,1"], primaryKey=["id", "part"]))) == 3
    package(tmp_path, fields, ["a,1", "a,2", "a,1"], primaryKey=["id", "part"])
    with pytest.raises(DataError, match=r"row 3, column\(s\) id, part: \('a', '1'\) appears more than once"):
        load_from(tmp_path)


def test_required_and_empty_cells(tmp_path):
    fields = [ID, {"name": "x", "type": "number"}, {"name": "note", "type": "string"},
              {"name": "must", "type": "string", "constraints": {"required": True}}]
    table = load_from(package(tmp_path, fields, ["a,,,yes"]))
    assert table["x"][0] is None and table["note"][0] == ""  # empty number: no value; empty text: ""
    package(tmp_path, fields, ["a,1,,yes", "b,2,n,"])
    with pytest.raises(DataError, match=r"row 2 \(b\), column 'must': value is empty but required"):
        load_from(tmp_path)


def test_spaces_around_a_value_are_refused(tmp_path):
    package(tmp_path, [ID, {"name": "x", "type": "string"}], ["a,ok", "b, padded"])
    with pytest.raises(DataError, match=r"row 2 \(b\), column 'x': ' padded' has leading or trailing spaces"):
        load_from(tmp_path)


def test_partial_dates_in_a_date_column_are_checked(tmp_path):
    fields = [ID, {"name": "date", "type": "string"}]
    assert load_from(package(tmp_path, fields, ["a,1957", "b,2025-07"]))["date"].tolist() == ["1957", "2025-07"]
    package(tmp_path, fields, ["a,1957", "b,2025-13"])
    with pytest.raises(DataError, match=r"row 2 \(b\), column 'date': '2025-13' is not a real calendar date"):
        load_from(tmp_path)


def test_the_row_names_the_key_column(tmp_path):
    fields = [{"name": "n", "type": "string"}, {"name": "key", "type": "string"},
              {"name": "x", "type": "integer"}]
    package(tmp_path, fields, ["1,first,1", "2,second,x"], primaryKey=["key"])
    with pytest.raises(DataError, match=r"row 2 \(second\), column 'x'"):
        load_from(tmp_path)


def test_missing_unreadable_and_unknown_tables(tmp_path):
    package(tmp_path, [ID], ["a"])
    with pytest.raises(DataError, match=r"no table named 'other' in datapackage.json \(known tables: things\)"):
        load_from(tmp_path, "other")
    (tmp_path / "things.csv").write_bytes(b"id\n\xff\xfe\n")
    with pytest.raises(DataError, match=r"data/things.csv.*(cannot be read|not UTF-8)"):
        load_from(tmp_path)
    (tmp_path / "things.csv").unlink()
    with pytest.raises(DataError, match=r"data/things.csv is missing \(datapackage.json lists it as table 'things'\)"):
        load_from(tmp_path)


def test_broken_datapackage_json(tmp_path):
    package(tmp_path, [ID], ["a"])
    (tmp_path / "datapackage.json").write_text("{broken")
    with pytest.raises(DataError, match=r"datapackage.json is not valid JSON"):
        load_from(tmp_path)


def test_foreign_keys_name_the_bad_reference(tmp_path):
    folder = tmp_path / "fk"
    package(folder, [ID], ["a", "b"], name="targets")
    (folder / "links.csv").write_text("id,target\nl1,a\nl2,\nl3,c\n")
    desc = json.loads((folder / "datapackage.json").read_text())
    desc["resources"].append({"name": "links", "path": "links.csv", "schema": {
        "fields": [ID, {"name": "target", "type": "string"}],
        "foreignKeys": [{"fields": ["target"], "reference": {"resource": "targets", "fields": ["id"]}}]}})
    (folder / "datapackage.json").write_text(json.dumps(desc))
    # an empty reference is allowed; 'c' is not an id of the target table
    with pytest.raises(DataError, match=r"data/links.csv, row 3, column 'target': 'c' is not an id in "
                                        r"data/targets.csv \(column 'id'\)"):
        load_from(folder, "links")
    (folder / "links.csv").write_text("id,target\nl1,a\nl2,\n")
    assert load_from(folder, "links")["target"].tolist() == ["a", ""]
    with data.data_folder(folder):
        assert set(data.load_all()) == {"targets", "links"}


def test_data_folder_choice_and_restore(tmp_path, monkeypatch):
    assert data.data_dir() == FIXTURE
    with pytest.raises(DataError, match="datapackage.json not found"):
        data.use_data(tmp_path)
    assert data.data_dir() == FIXTURE  # a refused folder leaves the choice as it was
    other = package(tmp_path / "other", [ID], ["a"])
    with data.data_folder(other) as chosen:
        assert chosen == other and data.data_dir() == other
    assert data.data_dir() == FIXTURE
    before = data.use_data(None)
    try:
        monkeypatch.setenv("FILMKIT_DATA", str(other))
        assert data.data_dir() == other
        monkeypatch.setenv("FILMKIT_DATA", str(tmp_path / "nowhere"))
        with pytest.raises(DataError, match="nowhere/datapackage.json not found"):
            data.data_dir()
    finally:
        data.use_data(before)


def test_fingerprint_changes_when_a_table_changes(tmp_path):
    folder = package(tmp_path, [ID], ["a"])
    with data.data_folder(folder):
        first = data.fingerprint()
        assert first[0] == str(folder) and [name for name, *_ in first[1]] == ["datapackage.json", "things.csv"]
        (folder / "things.csv").write_text("id\na\nb\n")
        os.utime(folder / "things.csv", ns=(10**18, 10**18))
        assert data.fingerprint() != first


def test_with_sources_joins_publisher_and_evidence():
    table = data.with_sources(data.load("claims"))
    assert table["publisher"].tolist() == ["Publisher A", "Publisher B", "Publisher C"]
    assert table["evidence_level"].tolist() == ["primary", "secondary", "unverified"]
    assert table["url"][0] == "https://example.org/a"


def test_check_choice():
    data.check_choice("x", None, ["a"])
    data.check_choice("x", "a", ["a", "b"])
    with pytest.raises(ValueError, match=r"^x: 'c' is not one of a, b$"):
        data.check_choice("x", "c", ["a", "b"])


def test_source_ids_used_reads_every_source_column():
    used = data.source_ids_used(data.load_all())
    # fake-a to fake-c are all cited; the empty budget source of the small tier is not an id
    assert used == {"fake-a", "fake-b", "fake-c"}
    only = data.source_ids_used({"sources": pd.DataFrame({"source_id": ["x"]}),
                                 "t": pd.DataFrame({"source_id": ["a", ""], "second_source_id": ["b", "a"]})})
    assert only == {"a", "b"}


@pytest.mark.parametrize("text, when, precision", [
    ("1957", "1957-01-01", "year"), ("2025-07", "2025-07-01", "month"), ("2025-07-17", "2025-07-17", "day")])
def test_partial_date(text, when, precision):
    assert data.partial_date(text) == (pd.Timestamp(when), precision)


@pytest.mark.parametrize("bad, words", [("2025-13", "not a real calendar date"), ("2025-02-30", "not a real"),
                                        ("25-07", "not YYYY, YYYY-MM or YYYY-MM-DD"), ("2025/07", "not YYYY"),
                                        ("July", "not YYYY")])
def test_partial_date_refuses(bad, words):
    with pytest.raises(ValueError, match=words):
        data.partial_date(bad)


def test_a_field_without_a_type_is_text(tmp_path):
    fields = [ID, {"name": "date"}, {"name": "x"}]
    table = load_from(package(tmp_path, fields, ["a,2025-07,", "b,1957,12"]))
    assert table["x"].tolist() == ["", "12"]  # an empty text cell stays text, not None
    package(tmp_path, fields, ["a,2025-13,"])
    with pytest.raises(DataError, match=r"row 1 \(a\), column 'date': '2025-13' is not a real calendar date"):
        load_from(tmp_path)


def test_a_spreadsheet_csv_with_a_byte_order_mark_loads(tmp_path):
    package(tmp_path, [ID, {"name": "x", "type": "string"}], ["a,é"])
    path = tmp_path / "things.csv"
    path.write_bytes("\ufeff".encode() + path.read_bytes())
    assert load_from(tmp_path)["x"].tolist() == ["é"]


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    package(tmp_path, [ID], ["a", "b"])
    (tmp_path / "things.csv").write_bytes(b"id\na\nb\xe9\n")
    with pytest.raises(DataError) as info:
        load_from(tmp_path)
    assert str(info.value) == ("data/things.csv, line 3: the file is not UTF-8 text (byte 0xe9 cannot be read). "
                               "In a spreadsheet, save it as \"CSV UTF-8\" (File > Save As), then run the cell again.")


def test_header_doubles_and_ragged_rows_are_named(tmp_path):
    package(tmp_path, [ID, {"name": "x"}], ["a,1"])
    (tmp_path / "things.csv").write_text("id,x,x,id,y\na,1,2,3,4\n")
    with pytest.raises(DataError) as info:
        load_from(tmp_path)
    assert str(info.value) == "data/things.csv, line 1: column(s) 'id', 'x' appear more than once in the header"
    # blank lines are skipped but counted: row 2 is on line 4
    (tmp_path / "things.csv").write_text('id,x\na,1\n\nb,"1,5",9\n')
    with pytest.raises(DataError, match=r"^data/things.csv, row 2 \(line 4\) has more fields than the header "
                                        r"\(3 against 2\): a comma inside"):
        load_from(tmp_path)
    (tmp_path / "things.csv").write_text('id,x\na,1\nb\n')
    with pytest.raises(DataError, match=r"^data/things.csv, row 2 \(line 3\) has fewer fields than the header "
                                        r"\(1 against 2\)"):
        load_from(tmp_path)
    (tmp_path / "things.csv").write_text('id,x\na,1\n\nb,"2\nthree"\n')
    table = load_from(tmp_path)
    assert table["x"].tolist() == ["1", "2\nthree"]
    (tmp_path / "things.csv").write_text('id,x\na,"1"x\n')
    with pytest.raises(DataError, match=r"^data/things.csv, line 2: cannot be read as CSV"):
        load_from(tmp_path)


def test_messages_list_every_missing_or_extra_column(tmp_path):
    package(tmp_path, [ID, {"name": "x"}, {"name": "y"}], ["a,1,2"])
    (tmp_path / "things.csv").write_text("id,z\na,1\n")
    with pytest.raises(DataError, match=r"^data/things.csv: column\(s\) 'x', 'y' missing; the header has 'id', 'z'$"):
        load_from(tmp_path)
    (tmp_path / "things.csv").write_text("id,x,y,p,q\na,1,2,3,4\n")
    with pytest.raises(DataError, match=r"^data/things.csv: unexpected column\(s\) 'p', 'q' \(not in datapackage.json\)$"):
        load_from(tmp_path)
    with pytest.raises(DataError, match=r"\(known tables: things\)$"):
        load_from(tmp_path, "nope")
    desc = json.loads((tmp_path / "datapackage.json").read_text())
    desc["resources"].append(dict(desc["resources"][0], name="more"))
    (tmp_path / "datapackage.json").write_text(json.dumps(desc))
    with pytest.raises(DataError, match=r"\(known tables: things, more\)$"):
        load_from(tmp_path, "nope")


def test_an_unreadable_file_is_named(tmp_path, monkeypatch):
    package(tmp_path, [ID], ["a"])
    target = tmp_path / "things.csv"
    target.chmod(0)
    if os.access(target, os.R_OK):
        # Root reads any file: refuse this one the way the system would for anyone else.
        refuse(monkeypatch, "read_bytes", lambda path: path == target)
    try:
        with pytest.raises(DataError, match=r"^data/things.csv cannot be opened: Permission denied"):
            load_from(tmp_path)
    finally:
        target.chmod(0o644)


def test_a_duplicated_primary_key_names_the_file(tmp_path):
    package(tmp_path, [ID], ["a", "a"], primaryKey=["id"])
    with pytest.raises(DataError, match=r"^data/things.csv, row 2, column\(s\) id: 'a' appears more than once$"):
        load_from(tmp_path)


def test_a_reference_into_an_already_loaded_table(tmp_path):
    folder = tmp_path / "fk"
    package(folder, [ID], ["a"], name="targets")
    (folder / "links.csv").write_text("id,target\nl1,a\n")
    (folder / "more.csv").write_text("id,target\nm1,b\n")
    desc = json.loads((folder / "datapackage.json").read_text())
    fk = [{"fields": ["target"], "reference": {"resource": "targets", "fields": ["id"]}}]
    for name in ("links", "more"):
        desc["resources"].append({"name": name, "path": f"{name}.csv", "schema": {
            "fields": [ID, {"name": "target", "type": "string"}], "foreignKeys": fk}})
    (folder / "datapackage.json").write_text(json.dumps(desc))
    # targets is loaded once, then 'more' is checked against it
    with data.data_folder(folder), pytest.raises(DataError, match=r"data/more.csv, row 1, column 'target': 'b'"):
        data.load_all()


def test_with_sources_keeps_rows_without_a_source():
    table = data.with_sources(data.load("production_tiers").rename(columns={"budget_source_id": "source_id"}))
    assert table["publisher"].isna().tolist() == [True, False]
