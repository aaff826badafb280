"""Items 4, 5, 12 and 16 in the scenario explorer: every failure lands in its message area."""

import json
from pathlib import Path

import pytest

from filmkit.views import explorer as explorer_module
from filmkit.views.explorer import ScenarioExplorer


@pytest.fixture
def explorer():
    return ScenarioExplorer()


def _write(tmp_path, name, values):
    f = tmp_path / name
    f.write_text(json.dumps({"values": values}))
    return str(f)


def test_item12_a_value_beyond_the_slider_is_clipped_with_a_visible_note():
    e = ScenarioExplorer({"shots": 150})
    assert e.controls["Shots in the sequence"].value == 50
    assert e.values["shots"] == 50  # the model uses what the slider shows
    assert "Shots in the sequence: 150 is outside this control's range (1 to 50), so the explorer uses 50" in (
        e.message.value.replace("&#x27;", "'"))


def test_item4_load_shows_an_overflow_in_the_message_area(explorer, tmp_path):
    f = tmp_path / "big.json"
    f.write_text('{"values": {"shots": ' + "9" * 400 + "}}")
    explorer.load(str(f))
    assert "Could not load" in explorer.message.value and "400 digits" in explorer.message.value


def test_item4_load_shows_an_unreadable_file_in_the_message_area(explorer, tmp_path, monkeypatch):
    f = _write(tmp_path, "locked.json", {"shots": 3})

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", refuse)
    explorer.load(f)
    assert "Could not load" in explorer.message.value and "Permission denied" in explorer.message.value


def test_item5_a_scenario_that_breaks_the_model_is_refused_before_it_is_applied(explorer, tmp_path, monkeypatch):
    before_values, before_summary = dict(explorer.values), explorer.summary.value
    explorer.load(_write(tmp_path, "zero.json", {"tier.eternaut.vfx_share": 0}))
    assert "Could not load" in explorer.message.value and "vfx_share" in explorer.message.value
    assert explorer.values == before_values and explorer.summary.value == before_summary

    # a failure inside the model (not in the file) is refused the same way
    real = explorer_module.feasibility_rows

    def broken(results, values):
        if values["shots"] == 7:
            raise ZeroDivisionError("division by zero")
        return real(results, values)

    monkeypatch.setattr(explorer_module, "feasibility_rows", broken)
    explorer.load(_write(tmp_path, "seven.json", {"shots": 7}))
    assert "division by zero" in explorer.message.value and explorer.values == before_values
    # later slider moves still work
    explorer.controls["Shots in the sequence"].value = 4
    assert explorer.values["shots"] == 4 and "4" in explorer.summary.value


def test_a_slider_move_that_breaks_the_model_is_reported_and_undone(explorer, monkeypatch):
    def broken(*_a, **_k):
        raise RuntimeError("model failed")

    explorer.controls["Shots in the sequence"].value = 3
    monkeypatch.setattr(explorer_module, "run", broken)
    explorer.controls["Shots in the sequence"].value = 9
    assert "model failed" in explorer.message.value
    assert explorer.values["shots"] == 3 and explorer.controls["Shots in the sequence"].value == 3


def test_tier_change_errors_are_shown(explorer, monkeypatch):
    monkeypatch.setattr(explorer_module, "summary_table", lambda *a: (_ for _ in ()).throw(KeyError("tier")))
    explorer.tier.value = "large_feature"
    assert "Something went wrong" in explorer.message.value


def test_item16_explorer_save_never_overwrites(explorer, tmp_path):
    target = tmp_path / "mine.json"
    target.write_text('{"values": {"shots": 2}}')
    explorer.controls["Shots in the sequence"].value = 5
    explorer.save(str(target))
    assert json.loads(target.read_text())["values"] == {"shots": 2}
    written = tmp_path / "mine-2.json"
    assert json.loads(written.read_text())["values"]["shots"] == 5
    assert "already exists and was kept" in explorer.message.value and explorer.file.value == str(written)


def test_save_to_a_folder_is_a_message(explorer, tmp_path):
    explorer.save(str(tmp_path))
    assert "Could not save" in explorer.message.value


def test_loading_a_preset_with_rationale_works(explorer):
    from filmkit.model.data import data_dir
    presets = sorted((data_dir() / "scenarios").glob("*.json"))
    if not presets:
        pytest.skip("no preset scenarios in this data folder")
    explorer.load(str(presets[0]))
    assert "Loaded" in explorer.message.value
