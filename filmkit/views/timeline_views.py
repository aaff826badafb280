"""The case timeline as a chart, an event list and a widget."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd

from filmkit.i18n import _
from filmkit.model.data import one_reading, vocabulary
from filmkit.model.timeline import (
    CATEGORIES,
    CATEGORY_LABELS,
    describe,
    select_events,
    timeline_events,
)
from filmkit.views.figures import FigureView, new_figure, show_figure
from filmkit.views.palette import colour, marker

#: Years between labelled ticks: the smallest step that keeps fewer than MAX_YEAR_TICKS labels.
YEAR_STEPS = (1, 2, 5, 10, 20, 50)
MAX_YEAR_TICKS = 10


class TimelineChart:
    """Events on one lane per category; month- or year-precise dates are hollow markers.

    Every artist (one marker set per lane and precision, one label per event) is made once;
    :meth:`update` moves, shows and hides them, so a change never rebuilds the axes.
    """

    def __init__(self, ax, events: pd.DataFrame):
        self.ax, self.events = ax, events
        ax.xaxis_date()
        self.markers = {}
        for lane, cat in enumerate(CATEGORIES):
            for exact, face in ((True, colour(lane)), (False, "white")):
                self.markers[cat, exact] = ax.scatter([], [], s=70, marker=marker(lane), facecolors=face,
                                                      edgecolors=colour(lane), linewidths=1.6, zorder=3)
        self.x = mdates.date2num(pd.to_datetime(events["when"]).dt.to_pydatetime())
        self.lane = {cat: lane for lane, cat in enumerate(CATEGORIES)}
        self.lane_of = dict(zip(events["id"], events["category"].map(self.lane)))
        self.exact_of = dict(zip(events["id"], events["precision"] == "day"))
        self.x_of = dict(zip(events["id"], self.x))
        # Labels are plain texts shifted by a fixed number of points above or below their marker (what an
        # annotation with offset points does, without its per-draw position checks).
        fig = ax.figure
        self.offsets = [ax.transData + mtransforms.ScaledTranslation(0, points / 72, fig.dpi_scale_trans)
                        for points in (8, -15)]
        self.labels = {eid: ax.text(0, 0, eid, transform=self.offsets[0], ha="center", fontsize=7, visible=False)
                       for eid in events["id"]}
        # Year ticks set directly (one locator and formatter, kept): automatic date ticks cost more to
        # place than the whole chart costs to update.
        self.year_ticks = mticker.FixedLocator([])
        ax.xaxis.set_major_locator(self.year_ticks)
        ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda x, _pos: str(mdates.num2date(x).year)))
        ax.set_yticks(range(len(CATEGORIES)), [CATEGORY_LABELS[c] for c in CATEGORIES])
        ax.set_ylim(-0.6, len(CATEGORIES) - 0.3)
        ax.grid(axis="x", alpha=0.3)
        # Neither axis has a label, and nothing sits above the axes: placed here once, so a redraw does not
        # measure every tick label to find where an axis label and the title would go (a third of the time a
        # new year range took to draw). Where they are drawn does not change.
        ax.xaxis.set_label_coords(0.5, -0.1)
        ax.yaxis.set_label_coords(-0.1, 0.5)

    def update(self, selected: pd.DataFrame, start_year: int, end_year: int) -> None:
        ids = selected["id"].tolist()
        for label in self.labels.values():
            label.set_visible(False)
        for cat in CATEGORIES:
            lane = self.lane[cat]
            in_lane = [eid for eid in ids if self.lane_of[eid] == lane]
            for flag in (True, False):
                part = [[self.x_of[eid], lane] for eid in in_lane if self.exact_of[eid] == flag]
                self.markers[cat, flag].set_offsets(np.array(part, dtype=float).reshape(-1, 2))
            for k, eid in enumerate(in_lane):
                # Alternate labels above and below so neighbouring events stay readable.
                label = self.labels[eid]
                label.set_position((self.x_of[eid], lane))
                label.set_transform(self.offsets[k % 2])
                label.set_visible(True)
        step = next(n for n in YEAR_STEPS if (end_year - start_year) // n < MAX_YEAR_TICKS)
        first = start_year if step == 1 else -(-start_year // step) * step
        self.year_ticks.locs = [self._jan1(y) for y in range(first, end_year + 1, step)]
        self.ax.set_xlim(mdates.date2num(pd.Timestamp(f"{start_year}-01-01") - pd.Timedelta(days=20)),
                         mdates.date2num(pd.Timestamp(f"{end_year}-12-31") + pd.Timedelta(days=20)))
        # years are written as they are (no thousands separator)
        self.ax.set_title(_("Events {start}-{end} (hollow marker: only month or year known)").format(
            start=start_year, end=end_year), fontsize=10, y=1.0)


    @staticmethod
    def _jan1(year: int) -> float:
        return mdates.date2num(pd.Timestamp(f"{year}-01-01"))


def draw(ax, selected: pd.DataFrame, start_year: int, end_year: int) -> None:
    """Draw the selected events on ``ax`` (a fresh axes)."""
    TimelineChart(ax, selected).update(selected, start_year, end_year)


def events_html(selected: pd.DataFrame) -> str:
    """The events as an ordered list with dates and sources: the chart's text twin."""
    if selected.empty:
        return f"<p>{html.escape(_('No events in this range and these categories.'))}</p>"
    vocab = vocabulary()
    # the sentence is escaped before the (already escaped) HTML pieces go into it
    item = html.escape(_("{date} ({id}) {event}. Source: {source}, {evidence}."), quote=False)
    items = []
    columns = ["url", "publisher", "evidence_level", "date", "id", "event"]
    for r in selected[columns].to_dict("records"):  # plain dicts: iterrows builds a Series per row
        src = f'<a href="{html.escape(r["url"], quote=True)}" target="_blank" rel="noopener">{html.escape(r["publisher"])}</a>'
        evidence = vocab.get(("evidence_level", r["evidence_level"]), r["evidence_level"])
        items.append("<li>" + item.format(date=f"<strong>{html.escape(r['date'])}</strong>", id=html.escape(r["id"]),
                                          event=html.escape(r["event"]), source=src,
                                          evidence=html.escape(evidence)) + "</li>")
    return "<ol>" + "".join(items) + "</ol>"


def timeline_figure(start_year: int = 2023, end_year: int = 2025, categories=None):
    """The timeline as a static figure with alt text (for pages without a kernel)."""
    selected = select_events(timeline_events(), start_year, end_year, categories)
    fig = new_figure(8, 3.4)
    draw(fig.add_subplot(), selected, start_year, end_year)
    return show_figure(fig, describe(selected, start_year, end_year),
                       _("Event ids match the table below; each event has a source in data/sources.csv."))


def timeline_widget():
    """Year range and category boxes that redraw the timeline and its event list."""

    events = timeline_events()
    lo, hi = int(events["year"].min()), int(events["year"].max())
    years = widgets.IntRangeSlider(value=(max(lo, 2023), hi), min=lo, max=hi, step=1,
                                   description=_("Years (from-to)"), continuous_update=False,
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(width="420px"))
    boxes = {c: widgets.Checkbox(value=True, description=CATEGORY_LABELS[c], indent=False,
                                 layout=widgets.Layout(width="auto")) for c in CATEGORIES}
    fig = new_figure(8, 3.4)
    chart = TimelineChart(fig.add_subplot(), events)
    # the year axis and the title follow the slider: drawn with the events on every change, the rest of the
    # frame (the lanes' names) once
    view = FigureView(fig, redrawn=(chart.ax.xaxis, chart.ax.title))
    listing = widgets.HTML()

    @one_reading()  # the data folder is looked at once per change
    def update(_change=None):
        start, end = years.value
        chosen = [c for c, box in boxes.items() if box.value]
        selected = select_events(events, start, end, chosen)
        chart.update(selected, start, end)
        view.push(describe(selected, start, end))
        listing.value = events_html(selected)

    years.observe(update, names="value")
    for box in boxes.values():
        box.observe(update, names="value")
    update()
    controls = widgets.VBox([years, widgets.HBox(list(boxes.values()), layout=widgets.Layout(flex_flow="row wrap"))])
    return widgets.VBox([controls, view.widget, listing])
