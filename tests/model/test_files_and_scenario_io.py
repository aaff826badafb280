"""Atomic writes, free names, and scenario files (on the fixture parameters)."""

import json
import os

import pytest

from filmkit.model import parameters
from filmkit.model.files import FileExists, atomic_write_text, free_name
from filmkit.model.scenario_io import (
    ScenarioFileExists,
    load_scenario,
    parse_scenario,
    save_scenario,
    scenario_dict,
)


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.txt"
    assert atomic_write_text(target, "one\r\n") == target
    assert target.read_bytes() == b"one\r\n"  # written as given, no newline translation
    atomic_write_text(target, "two")
    assert target.read_text() == "two" and os.listdir(tmp_path) == ["a.txt"]


def test_atomic_write_can_refuse_to_replace(tmp_path):
    target = tmp_path / "a.txt"
    atomic_write_text(target, "mine", overwrite=False)
    with pytest.raises(FileExists, match="a.txt already exists: choose another name"):
        atomic_write_text(target, "theirs", overwrite=False)
    assert target.read_text() == "mine" and os.listdir(tmp_path) == ["a.txt"]


def test_atomic_write_in_the_current_folder_and_with_an_encoding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    atomic_write_text("b.txt", "é", encoding="latin-1")
    assert (tmp_path / "b.txt").read_bytes() == b"\xe9"


def test_a_failed_write_cleans_up(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(tmp_path / "c.txt", "é", encoding="ascii")
    assert os.listdir(tmp_path) == []


def test_free_name(tmp_path):
    target = tmp_path / "work.json"
    assert free_name(target) == target
    target.write_text("x")
    assert free_name(target) == tmp_path / "work-2.json"
    (tmp_path / "work-2.json").write_text("x")
    assert free_name(target) == tmp_path / "work-3.json"


def test_scenario_round_trip(tmp_path):
    file = save_scenario(tmp_path / "s.json", {"shots": 4, "rework_share": 0.25}, name="four", description="d",
                         rationale={"shots": "why"}, sources=["fake-a"])
    saved = json.loads(file.read_text())
    assert saved == {"kit": "filmkit", "format": 1, "name": "four", "description": "d",
                     "values": {"rework_share": 0.25, "shots": 4.0}, "rationale": {"shots": "why"},
                     "sources": ["fake-a"]}
    name, values = load_scenario(file)
    assert name == "four" and values == parameters.validate({"shots": 4, "rework_share": 0.25})
    assert scenario_dict({}) == {"kit": "filmkit", "format": 1, "name": "", "description": "", "values": {}}


def test_saving_never_replaces_a_file_unless_asked(tmp_path):
    file = save_scenario(tmp_path / "s.json", {"shots": 4})
    with pytest.raises(ScenarioFileExists, match="already exists and was not replaced"):
        save_scenario(file, {"shots": 5})
    assert load_scenario(file)[1]["shots"] == 4
    save_scenario(file, {"shots": 5}, overwrite=True)
    assert load_scenario(file)[1]["shots"] == 5


@pytest.mark.parametrize("text, words", [
    ("{not json", "scenario is not valid JSON (line 1"),
    ('{"values": {"shots": 2}, "colour": "red"}', "unknown scenario key(s) 'colour'"),
    ('{"values": {"shotz": 2}}', "scenario: unknown parameter 'shotz'"),
    ('{"values": {"shots": 11}}', "scenario: parameter 'shots': 11 is out of range"),
    ('{"values": [1, 2]}', "expected an object with a 'values' object"),
    ('[]', "expected an object with a 'values' object"),
    ('{"format": 2, "values": {}}', "format 2 is not supported (this kit reads format 1)"),
    ('{"values": {}, "rationale": ["x"]}', "'rationale' should be an object"),
    ('{"values": {}, "sources": "fake-a"}', "'sources' should be a list of source ids"),
    ('{"values": {}, "name": 3}', "'name' should be a text"),
])
def test_bad_scenario_text_is_explained(text, words):
    with pytest.raises(ValueError) as info:
        parse_scenario(text)
    assert words in str(info.value)


def test_bad_scenario_files(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        load_scenario(tmp_path / "nope.json")
    with pytest.raises(ValueError, match="is a folder"):
        load_scenario(tmp_path)
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ValueError, match="is not a text file"):
        load_scenario(tmp_path / "bin.json")
    (tmp_path / "bad.json").write_text('{"values": {"shots": 0}}')
    with pytest.raises(ValueError, match="scenario file 'bad.json': parameter 'shots'"):
        load_scenario(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="should end in .json"):
        save_scenario(tmp_path / "s.txt", {})


def test_the_temporary_file_is_hidden_beside_the_target(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(src)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write_text(tmp_path / "a.txt", "x")
    [tmp] = seen
    assert os.path.dirname(tmp) == str(tmp_path)
    name = os.path.basename(tmp)
    assert name.startswith(".a.txt.") and name.endswith(".tmp")


def test_the_saved_file_reads_well(tmp_path):
    file = save_scenario(tmp_path / "s.json", {"shots": 4})
    assert file.read_text() == ('{\n  "kit": "filmkit",\n  "format": 1,\n  "name": "",\n  "description": "",\n'
                                '  "values": {\n    "shots": 4.0\n  }\n}\n')


def test_scenario_file_messages_name_the_file(tmp_path):
    def message(call):
        with pytest.raises(ValueError) as info:
            call()
        return str(info.value)
    assert message(lambda: save_scenario(tmp_path / "s.txt", {})) == f"file: {str(tmp_path / 's.txt')!r} should end in .json"
    folder = tmp_path / "d.json"
    folder.mkdir()
    assert message(lambda: save_scenario(folder, {})) == (
        f"file: {str(folder)!r} is a folder; give a file name ending in .json")
    assert message(lambda: load_scenario(folder)) == f"scenario file {str(folder)!r} is a folder, not a file"
    assert message(lambda: load_scenario(tmp_path / "no.json")) == f"scenario file {str(tmp_path / 'no.json')!r} not found"
    (tmp_path / "bin.json").write_bytes(b"\xff")
    assert message(lambda: load_scenario(tmp_path / "bin.json")) == (
        f"scenario file {str(tmp_path / 'bin.json')!r} is not a text file (or not UTF-8)")
    (tmp_path / "e.json").write_text('{"values": {}}', encoding="utf-8")
    (tmp_path / "e.json").chmod(0)
    if not os.access(tmp_path / "e.json", os.R_OK):  # root reads anything
        assert message(lambda: load_scenario(tmp_path / "e.json")) == (
            f"scenario file {str(tmp_path / 'e.json')!r} cannot be read: Permission denied")
    (tmp_path / "e.json").chmod(0o644)
    (tmp_path / "u.json").write_text('{"name": "é", "values": {}}', encoding="utf-8")
    assert load_scenario(tmp_path / "u.json")[0] == "é"
    file = save_scenario(tmp_path / "s.json", {})
    assert message(lambda: save_scenario(file, {})) == (
        f"{file} already exists and was not replaced: choose another name, or pass overwrite=True to replace it")


@pytest.mark.parametrize("text, message", [
    ('{"values": {}, "description": 3}', "scenario: 'description' should be a text"),
    ('{"values": {"a": 1, "b": 2}, "x": 1, "y": 2}',
     "scenario: unknown scenario key(s) 'x', 'y' (allowed: kit, format, name, description, values, rationale, sources)"),
    ('{"values": {}, "rationale": {"shots": 3}}', "scenario: 'rationale' should be an object of parameter names and texts"),
    ("[" * 100_000, "scenario cannot be read: nested too deeply"),
])
def test_parse_messages_in_full(text, message):
    with pytest.raises(ValueError) as info:
        parse_scenario(text)
    assert str(info.value) == message


def test_a_scenario_without_a_name_has_an_empty_name():
    assert parse_scenario('{"values": {"shots": 3}}')[0] == ""
    with pytest.raises(ValueError, match="^my file: 'name' should be a text"):
        parse_scenario('{"values": {}, "name": 3}', label="my file")


def test_a_number_too_long_to_read_is_explained_without_advice_for_programmers():
    with pytest.raises(ValueError) as info:
        parse_scenario('{"values": {"shots": 1' + "0" * 5000 + "}}")
    message = str(info.value)
    assert message.startswith("scenario cannot be read: Exceeds the limit") and "digits" in message
    assert "sys.set_int_max_str_digits" not in message
