"""Widgets of modules 0 and 1, driven headlessly: every control moves the numbers, nothing raises."""

import pytest

from filmkit.model import claims, timeline
from filmkit.views import claims_views, intro, timeline_views
from tests.helpers import controls as _controls
from tests.helpers import shown as _shown


def test_speedup_widget_follows_its_sliders():
    w = intro.speedup_widget()
    days, speed = _controls(w)
    for slider in (days, speed):
        seen = set()
        for value in (slider.min, slider.max, (slider.min + slider.max) // 2):
            slider.value = value
            shown = _shown(w)[0]
            assert claims.speedup_sentence(days.value, speed.value) in shown
            seen.add(shown)
        assert len(seen) == 3, f"{slider.description} did not change the sentence"


@pytest.mark.parametrize("bad", [0, -1, "30", None, True])
def test_speedup_sentence_refuses_bad_days(bad):
    with pytest.raises(ValueError, match="traditional_days"):
        claims.speedup_sentence(bad, 10)


def test_ledger_widget_filters_and_counts():
    w = claims_views.ledger_widget()
    speaker, perspective, status, evidence = _controls(w)
    total = len(claims.claims_ledger())
    assert f"{total} of {total} claims" in _shown(w)[0]
    # each drop-down starts on "(any)", not blank (a value of None shows an empty box in ipywidgets 8)
    assert [c.index for c in (speaker, perspective, status, evidence)] == [0, 0, 0, 0]
    for control in (speaker, perspective, status, evidence):
        for _label, value in control.options[1:]:
            control.value = value
            summary = _shown(w)[0]
            assert f"of {total} claims" in summary
        control.index = 0
    status.value = "misattributed"
    summary, table = _shown(w)
    n = int(summary.split("<strong>")[1].split(" of")[0])
    assert 0 < n < total
    assert table.count("<tr>") == n + 1  # header + rows


def test_timeline_widget_redraws_chart_and_list():
    w = timeline_views.timeline_widget()
    years, *boxes = _controls(w)
    chart, listing = _shown(w)
    assert 'alt="Timeline from 2023 to 2025' in chart
    years.value = (years.min, years.max)
    chart2, listing2 = _shown(w)
    assert chart2 != chart and listing2 != listing
    assert "1957" in listing2
    for box in boxes:
        box.value = False
    assert "no events" in _shown(w)[0]
    assert "No events" in _shown(w)[1]


def test_timeline_selection_rules():
    events = timeline.timeline_events()
    assert events["when"].is_monotonic_increasing
    with pytest.raises(ValueError, match="start_year"):
        timeline.select_events(events, 2025, 2023)
    with pytest.raises(ValueError, match="categories"):
        timeline.select_events(events, 2023, 2025, ["gossip"])
    labour = timeline.select_events(events, 2023, 2023, ["labour"])
    assert set(labour["category"]) == {"labour"} and set(labour["year"]) == {2023}
