"""The scenario explorer: sliders for the assumptions, the three workflows side by side.

Only the chart on the visible tab is redrawn when a control moves (the others
catch up when their tab is opened), so the answer comes at once.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from filmkit.model.parameters import tier_label, tiers, validate
from filmkit.model.scenario import feasibility, run
from filmkit.model.scenario_io import load_scenario, save_scenario
from filmkit.views.figures import FigureView, figure_html, png_bytes
from filmkit.views.scenario_charts import (
    CostChart,
    RolesChart,
    ScheduleChart,
    legend_figure,
)
from filmkit.views.scenario_tables import summary_table
from filmkit.views.tables import table_html

#: (label with unit, parameter keys it sets, kind, min, max, step). Bounds lie inside each parameter's limits.
CONTROLS = [
    ("Shots in the sequence", ["shots"], "int", 1, 50, 1),
    ("Screen time per shot (seconds)", ["seconds_per_shot"], "float", 0.5, 10, 0.5),
    ("Review rounds", ["review_rounds"], "int", 1, 10, 1),
    ("Wait for feedback per round (days)", ["review_wait_days"], "float", 0, 15, 0.5),
    ("Team, traditional (people)", ["team_traditional"], "int", 1, 20, 1),
    ("Team, AI-assisted (people)", ["team_ai_assisted"], "int", 1, 20, 1),
    ("Team, hybrid (people)", ["team_hybrid"], "int", 1, 20, 1),
    ("Annual wage (USD)", ["wage_annual_usd"], "int", 30000, 250000, 1000),
    ("Regional rate factor (x US rates)", ["region_rate_factor"], "float", 0.1, 1.5, 0.05),
    ("Traditional FX simulation (person-days per shot)", ["traditional.fx_simulation.days_per_shot"], "float", 0.5, 30, 0.5),
    ("AI pipeline set-up and R&D (person-days)", ["ai_assisted.setup.fixed_days"], "float", 0, 120, 1),
    ("AI clean-up and compositing (person-days per shot)", ["ai_assisted.cleanup_compositing.days_per_shot"], "float", 0.1, 10, 0.1),
    ("Generated seconds per second kept", ["ai_assisted.generation.machine_per_shot", "hybrid.generation.machine_per_shot"], "float", 1, 200, 1),
    ("Generation price (USD per generated second)", ["gen_price_per_second"], "float", 0.01, 2, 0.01),
]


class ScenarioExplorer:
    """Controls, a summary table and three charts for the three workflows.

    ``explorer.widget`` is what a notebook displays; ``explorer.controls`` maps each
    control's label to its widget (tests set them directly).
    """

    def __init__(self, values: dict | None = None, tier: str = "eternaut", control: str = "slider"):

        if control not in ("slider", "number"):
            raise ValueError(f"control: {control!r} is not one of slider, number")

        self.values = validate(values or {})
        self._syncing = False
        # Fixed label width: long labels stay readable and every slider keeps a usable length.
        style = {"description_width": "330px"}
        layout = widgets.Layout(width="560px")
        self.controls = {}
        for label, keys, kind, lo, hi, step in CONTROLS:
            # Number boxes are labelled form fields that every screen reader announces;
            # slider handles carry no accessible name upstream (see the README).
            if control == "number":
                cls = widgets.BoundedIntText if kind == "int" else widgets.BoundedFloatText
            else:
                cls = widgets.IntSlider if kind == "int" else widgets.FloatSlider
            box = cls(value=self.values[keys[0]], min=lo, max=hi, step=step, description=label,
                      continuous_update=False, style=style, layout=layout)
            box.observe(self._changed(keys), names="value")
            self.controls[label] = box
        self.tier = widgets.Dropdown(options=[(tier_label(t), t) for t in tiers()], value=tier,
                                     description="Production to test against", style=style, layout=layout)
        self.tier.observe(lambda _c: self.refresh(), names="value")

        self.results = run(self.values)
        self.cost = CostChart(legend=False)
        self.cost.fig.set_dpi(90)  # the chart redrawn on every change: a little smaller, noticeably faster
        legend_fig, legend_alt = legend_figure()
        legend = widgets.HTML(figure_html(png_bytes(legend_fig), legend_alt))
        self.schedule = ScheduleChart(self.results)
        self.roles = RolesChart()
        self.views = [FigureView(c.fig) for c in (self.cost, self.schedule, self.roles)]
        self.tabs = widgets.Tab(children=[widgets.VBox([legend, self.views[0].widget])]
                                + [v.widget for v in self.views[1:]])
        for i, title in enumerate(["Cost by phase", "Schedule", "Hours by role"]):
            self.tabs.set_title(i, title)
        self.tabs.observe(lambda _c: self._draw(self.tabs.selected_index), names="selected_index")
        self.summary = widgets.HTML()
        self.message = widgets.HTML()
        self.file = widgets.Text(value="my_scenario.json", description="Scenario file", style=style)
        save = widgets.Button(description="Save", tooltip="Save these settings to the file", icon="save")
        load = widgets.Button(description="Load", tooltip="Load settings from the file", icon="folder-open")
        save.on_click(lambda _b: self.save(self.file.value))
        load.on_click(lambda _b: self.load(self.file.value))
        self._stale = [True, True, True]

        left = widgets.VBox(list(self.controls.values())[:7] + [self.tier])
        right = widgets.VBox(list(self.controls.values())[7:])
        # Unselected tab labels are too faint upstream (axe: colour contrast); darken them here.
        css = widgets.HTML("<style>.filmkit-explorer .lm-TabBar-tab, .filmkit-explorer .lm-TabBar-tabLabel "
                           "{color: #1a1a1a !important; opacity: 1 !important;}</style>")
        self.widget = widgets.VBox([
            css, widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
            self.summary, self.tabs, widgets.HBox([self.file, save, load]), self.message,
        ])
        self.widget.add_class("filmkit-explorer")
        self.refresh()

    def _changed(self, keys):
        def handler(change):
            if self._syncing:  # the controls are being set from loaded values
                return
            for key in keys:
                self.values[key] = float(change["new"])
            self.refresh()
        return handler

    def refresh(self) -> None:
        """Recompute the model, update the summary, redraw the visible chart."""
        self.results = run(self.values)
        self.feasibility = feasibility(self.results, self.values)
        table = summary_table(self.results, self.feasibility, self.tier.value)
        self.summary.value = table_html(table, f"The three workflows, tested against: {tier_label(self.tier.value)}")
        self._stale = [True, True, True]
        self._draw(self.tabs.selected_index or 0)

    def _draw(self, index: int) -> None:
        if index is None or not self._stale[index]:
            return
        if index == 0:
            rows = {r["workflow"]: r for r in self.feasibility if r["tier"] == self.tier.value}
            alt = self.cost.update(self.results, rows, tier_label(self.tier.value))
        elif index == 1:
            alt = self.schedule.update(self.results, float(self.values["review_rounds"] * self.values["review_wait_days"]))
        else:
            alt = self.roles.update(self.results, self.values["hours_per_day"])
        self.views[index].push(alt, alt)
        self._stale[index] = False

    def set_values(self, values: dict) -> None:
        """Apply a full set of values (e.g. a loaded scenario) to the model and the controls."""
        self.values = validate(values)
        self._syncing = True
        try:
            for label, keys, _kind, lo, hi, _step in CONTROLS:
                self.controls[label].value = min(max(self.values[keys[0]], lo), hi)
        finally:
            self._syncing = False
        self.refresh()

    def save(self, file) -> None:
        try:
            path = save_scenario(file, self.values, name=Path(file).stem)
            self.message.value = f"<p>Saved to {html.escape(str(path))}.</p>"
        except (ValueError, OSError) as exc:
            self.message.value = f'<p role="alert"><strong>Could not save:</strong> {html.escape(str(exc))}</p>'

    def load(self, file) -> None:
        try:
            name, values = load_scenario(file)
        except ValueError as exc:
            self.message.value = f'<p role="alert"><strong>Could not load:</strong> {html.escape(str(exc))}</p>'
            return
        self.set_values(values)
        clipped = [label for label, keys, _k, lo, hi, _s in CONTROLS if not lo <= values[keys[0]] <= hi]
        note = f" Outside the sliders' range, shown at the nearest end: {', '.join(clipped)}." if clipped else ""
        self.message.value = f"<p>Loaded {html.escape(name or str(file))}.{html.escape(note)}</p>"


def explorer(values: dict | None = None, tier: str = "eternaut", control: str = "slider"):
    """The scenario explorer widget, ready to display; ``control="number"`` uses number boxes instead of sliders."""
    return ScenarioExplorer(values, tier, control).widget
