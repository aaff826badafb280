"""Items 4, 16 and 17: scenario files that cannot be read, overwrites, and concurrent writers."""

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from filmkit.model import scenario_io
from filmkit.model.data import data_dir
from filmkit.model.scenario_io import ScenarioFileExists, load_scenario, parse_scenario, save_scenario


def test_item4_a_400_digit_integer_is_a_clear_message(tmp_path):
    f = tmp_path / "big.json"
    f.write_text('{"values": {"shots": ' + "9" * 400 + "}}")
    with pytest.raises(ValueError, match=r"scenario file 'big.json': parameter 'shots': a number with 400 digits "
                                         r"is out of range"):
        load_scenario(f)


def test_a_5000_digit_integer_is_a_clear_message():
    with pytest.raises(ValueError, match="cannot be read: Exceeds the limit"):
        parse_scenario('{"values": {"shots": ' + "9" * 5000 + "}}")


def test_deeply_nested_json_is_a_clear_message():
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_scenario("[" * 200_000)


def test_item4_an_unreadable_file_is_a_clear_message(tmp_path, monkeypatch):
    f = tmp_path / "locked.json"
    f.write_text('{"values": {}}')

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(ValueError, match=r"cannot be read: Permission denied"):
        load_scenario(f)


def test_a_folder_is_not_a_scenario_file(tmp_path):
    with pytest.raises(ValueError, match="is a folder"):
        load_scenario(tmp_path)
    with pytest.raises(ValueError, match="is a folder"):
        save_scenario(_folder(tmp_path), {})


def _folder(tmp_path):
    d = tmp_path / "dir.json"
    d.mkdir()
    return d


@pytest.mark.parametrize("text, words", [
    ('{"values": {"shots": NaN}}', "out of range"),
    ('{"values": {"shots": Infinity}}', "out of range"),
    ('{"values": {"shots": "4"}}', "not a number"),
    ('{"values": {"shots": null}}', "not a number"),
    ('{"values": [1, 2]}', "expected an object"),
    ('{"values": {}, "sources": "one"}', "'sources' should be a list"),
    ('{"values": {}, "rationale": ["why"]}', "'rationale' should be an object"),
    ('{"values": {}, "name": 5}', "'name' should be a text"),
    ('{"values": {}, "format": 2}', "format 2 is not supported"),
    ('{"values": {}, "extra": 1}', "unknown scenario key"),
    ("\ufeff{}", "not valid JSON"),
])
def test_malformed_scenarios_are_named(text, words):
    with pytest.raises(ValueError, match=words):
        parse_scenario(text)


def test_presets_with_rationale_and_sources_load():
    folder = data_dir() / "scenarios"
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for f in files:
        name, values = load_scenario(f)
        assert name and values["shots"] >= 1
    assert parse_scenario('{"values": {"shots": 3}, "rationale": {"shots": "why"}, "sources": ["a"]}')[1]["shots"] == 3


def test_item16_save_never_overwrites_silently(tmp_path):
    f = tmp_path / "mine.json"
    save_scenario(f, {"shots": 4})
    with pytest.raises(ScenarioFileExists, match="already exists and was not replaced"):
        save_scenario(f, {"shots": 9})
    assert json.loads(f.read_text())["values"]["shots"] == 4
    save_scenario(f, {"shots": 9}, overwrite=True)
    assert json.loads(f.read_text())["values"]["shots"] == 9


def test_save_keeps_rationale_and_sources(tmp_path):
    f = save_scenario(tmp_path / "r.json", {"shots": 4}, rationale={"shots": "two shots"}, sources=["s1"])
    data = json.loads(f.read_text())
    assert data["rationale"] == {"shots": "two shots"} and data["sources"] == ["s1"]
    assert load_scenario(f)[1]["shots"] == 4


def _writer(path, shots, n):
    for _ in range(n):
        save_scenario(path, {"shots": shots}, overwrite=True)


def test_item17_concurrent_saves_never_show_a_reader_a_torn_file(tmp_path):
    f = tmp_path / "shared.json"
    save_scenario(f, {"shots": 1})
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    writers = [ctx.Process(target=_writer, args=(f, s, 150)) for s in (2, 3)]
    for w in writers:
        w.start()
    seen, bad = set(), 0
    while any(w.is_alive() for w in writers):
        try:
            seen.add(load_scenario(f)[1]["shots"])
        except ValueError:
            bad += 1
    for w in writers:
        w.join()
    assert bad == 0 and seen <= {1.0, 2.0, 3.0}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary files left


def test_scenario_io_module_names_every_allowed_key():
    assert set(scenario_io.KEYS) >= {"rationale", "sources"}
