"""The scenario explorer, driven headlessly: every control at min, max and middle changes what is shown."""

import re

import pytest

from filmkit.model.parameters import parameters
from filmkit.views.explorer import CONTROLS, ScenarioExplorer


@pytest.fixture
def explorer():
    return ScenarioExplorer()


def _numbers(e):
    """What a learner reads: the summary table and the alt text of the main chart."""
    alt = re.search(r'alt="([^"]*)"', e.views[0].widget.value).group(1)
    return e.summary.value, alt


def _all_alts(e):
    """Alt text of every chart (opening each tab draws it)."""
    alts = []
    for index in range(3):
        e.tabs.selected_index = index
        alts.append(re.search(r'alt="([^"]*)"', e.views[index].widget.value).group(1))
    e.tabs.selected_index = 0
    return alts


def test_slider_bounds_lie_within_parameter_limits():
    params = parameters()
    for label, keys, _kind, lo, hi, _step in CONTROLS:
        for key in keys:
            assert params[key].min <= lo and hi <= params[key].max, label
            assert lo <= params[key].base <= hi, f"{label}: base value outside the slider"


@pytest.mark.parametrize("label", [c[0] for c in CONTROLS])
def test_each_control_changes_the_numbers(explorer, label):
    control = explorer.controls[label]
    seen = []
    for value in (control.min, control.max, control.min + (control.max - control.min) / 2):
        control.value = type(control.value)(round(value / control.step) * control.step)
        seen.append(_numbers(explorer))
    assert len({s[0] for s in seen}) == 3, f"{label}: the summary did not change"
    charts = []
    for value in (control.min, control.max):
        control.value = type(control.value)(value)
        charts.append(_all_alts(explorer))
    assert charts[0] != charts[1], f"{label}: no chart changed"


def test_the_summary_shows_the_models_numbers(explorer):
    explorer.controls["Shots in the sequence"].value = 4
    cost = f"{float(explorer.results['traditional'].total_cost):,.0f}"
    assert cost in explorer.summary.value
    assert f"${cost}" in _numbers(explorer)[1]


def test_tier_choice_moves_the_limit(explorer):
    before = _numbers(explorer)[1]
    explorer.tier.value = "small_independent"
    after = _numbers(explorer)[1]
    assert before != after and "Small independent" in after


def test_other_tabs_draw_when_opened(explorer):
    explorer.controls["Review rounds"].value = 7
    for index in (1, 2):
        explorer.tabs.selected_index = index
        alt = re.search(r'alt="([^"]*)"', explorer.views[index].widget.value).group(1)
        assert alt.startswith(("Schedule", "Labour hours"))


def test_save_and_load_through_the_widget(explorer, tmp_path):
    file = tmp_path / "class.json"
    explorer.controls["Shots in the sequence"].value = 9
    explorer.save(str(file))
    assert "Saved" in explorer.message.value
    other = ScenarioExplorer()
    other.load(str(file))
    assert "Loaded" in other.message.value
    assert other.controls["Shots in the sequence"].value == 9
    assert other.values == explorer.values


def test_a_bad_file_gives_a_message_not_a_traceback(explorer, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"values": {"team_traditional": 0}}')
    before = dict(explorer.values)
    explorer.load(str(bad))
    assert "Could not load" in explorer.message.value and "team_traditional" in explorer.message.value
    assert 'role="alert"' in explorer.message.value
    assert explorer.values == before
    explorer.load(str(tmp_path / "missing.json"))
    assert "not found" in explorer.message.value


def test_loaded_values_outside_a_slider_are_clipped_and_reported(explorer, tmp_path):
    # the explorer computes with what its controls show, and says when a value was brought into range
    file = tmp_path / "big.json"
    file.write_text('{"values": {"shots": 120}}')
    explorer.load(str(file))
    assert explorer.values["shots"] == explorer.controls["Shots in the sequence"].value == 50
    assert "Shots in the sequence: 120 is outside" in explorer.message.value


def test_number_boxes_drive_the_same_model():
    boxes = ScenarioExplorer(control="number")
    sliders = ScenarioExplorer()
    for e in (boxes, sliders):
        e.controls["Shots in the sequence"].value = 7
    assert type(boxes.controls["Shots in the sequence"]).__name__ == "BoundedIntText"
    assert boxes.values == sliders.values and boxes.summary.value == sliders.summary.value


def test_unknown_control_kind_is_refused():
    with pytest.raises(ValueError, match="control: 'knob'"):
        ScenarioExplorer(control="knob")
