"""Widgets that keep results between changes (sorted draws, histograms, drawn frames and text) still say
and show what the controls ask for: after each change, the summary and alt text follow."""

import base64
import html
import re

import ipywidgets as widgets
import numpy as np

from filmkit.i18n import percent, ratio
from filmkit.model.analysis import METRICS, monte_carlo
from filmkit.model.labour import rebound, rebound_sentence
from filmkit.model.timeline import describe, select_events, timeline_events
from filmkit.views import labour_views, tenx_explorer, timeline_views


def _alt(chart_html: str) -> str:
    return html.unescape(re.search(r'alt="([^"]*)"', chart_html).group(1))


def _png(chart_html: str) -> bytes:
    return base64.b64decode(re.search(r"base64,([^\"]+)", chart_html).group(1))


def test_10x_summary_follows_every_control_with_the_draws_kept():
    explorer = tenx_explorer.TenXExplorer(n=4000, seed=7)
    other_metric = next(m for m in METRICS if m != explorer.metric.value)
    pictures = set()
    for control, value in [(explorer.target, 12.0), (explorer.target, 3.5), (explorer.metric, other_metric),
                           (explorer.target, 12.0), (explorer.other, "hybrid"), (explorer.target, 3.5)]:
        control.value = value
        x = monte_carlo(4000, 7, other=explorer.other.value)[explorer.metric.value].to_numpy()
        share = percent(float(np.mean(x >= explorer.target.value)), 2)
        median = ratio(np.percentile(x, 50))
        for text in (html.unescape(explorer.text.value), _alt(explorer.view.widget.value)):
            assert f"{share} reach" in text and f"Median {median};" in text, (control.description, value, text)
        pictures.add(_png(explorer.view.widget.value))
    assert len(pictures) == 6, "each change drew a different picture"


def test_timeline_list_and_alt_text_follow_the_controls():
    w = timeline_views.timeline_widget()
    years = w.children[0].children[0]
    boxes = [b for b in w.children[0].children[1].children if isinstance(b, widgets.Checkbox)]
    events = timeline_events()
    for step in [("years", (2020, 2025)), ("box", 0), ("years", (2023, 2025)), ("box", 0), ("years", (2020, 2025))]:
        if step[0] == "years":
            years.value = step[1]
        else:
            boxes[step[1]].value = not boxes[step[1]].value
        chosen = [c for c, b in zip(timeline_views.CATEGORIES, boxes) if b.value]
        selected = select_events(events, *years.value, chosen)
        assert _alt(w.children[1].value) == describe(selected, *years.value)
        assert w.children[2].value == timeline_views.events_html(selected)


def test_rebound_sentence_and_alt_text_follow_the_sliders():
    w = labour_views.rebound_widget()
    sliders = [s for s in _leaves(w) if isinstance(s, widgets.FloatSlider)]
    for elasticity, share in [(0.5, 0.5), (1.5, 0.5), (1.5, 0.2), (0.5, 0.5)]:
        sliders[0].value, sliders[1].value = elasticity, share
        sentence = rebound_sentence(rebound(elasticity, share))
        assert sentence in _alt(w.children[3].value)


def _leaves(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _leaves(child)
