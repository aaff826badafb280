"""The scenario explorer: sliders for the assumptions, the three workflows side by side.

Only the chart on the visible tab is redrawn when a control moves (the others
catch up when their tab is opened), so the answer comes at once.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from filmkit.i18n import N_, _
from filmkit.model.data import one_reading
from filmkit.model.files import free_name
from filmkit.model.parameters import tier_label, tier_labels, validate
from filmkit.model.scenario import feasibility_rows, run
from filmkit.model.scenario_io import load_scenario, save_scenario
from filmkit.views.figures import FigureView, figure_html, png_bytes
from filmkit.views.readout import with_reader_readout
from filmkit.views.scenario_charts import (
    CostChart,
    RolesChart,
    ScheduleChart,
    legend_figure,
)
from filmkit.views.scenario_tables import summary_table
from filmkit.views.tables import plain_number, table_html
from filmkit.views.typed import DecimalBox, comma_decimal, digits_for, refusal_html, typing_hint

#: (label with unit, parameter keys it sets, kind, min, max, step). Bounds lie inside each parameter's limits.
#: The English label is the control's key in ``explorer.controls``; it is shown translated (``_(label)``).
CONTROLS = [
    (N_("Shots in the sequence"), ["shots"], "int", 1, 50, 1),
    (N_("Screen time per shot (seconds)"), ["seconds_per_shot"], "float", 0.5, 10, 0.5),
    (N_("Review rounds"), ["review_rounds"], "int", 1, 10, 1),
    (N_("Wait for feedback per round (days)"), ["review_wait_days"], "float", 0, 15, 0.5),
    (N_("Team, traditional (people)"), ["team_traditional"], "int", 1, 20, 1),
    (N_("Team, AI-assisted (people)"), ["team_ai_assisted"], "int", 1, 20, 1),
    (N_("Team, hybrid (people)"), ["team_hybrid"], "int", 1, 20, 1),
    (N_("Annual wage (USD)"), ["wage_annual_usd"], "int", 30000, 250000, 1000),
    (N_("Regional rate factor (x US rates)"), ["region_rate_factor"], "float", 0.1, 1.5, 0.05),
    (N_("Traditional FX simulation (person-days per shot)"), ["traditional.fx_simulation.days_per_shot"], "float", 0.5, 30, 0.5),
    (N_("AI pipeline set-up and R&D (person-days)"), ["ai_assisted.setup.fixed_days"], "float", 0, 120, 1),
    (N_("AI clean-up and compositing (person-days per shot)"), ["ai_assisted.cleanup_compositing.days_per_shot"], "float", 0.1, 10, 0.1),
    (N_("Generated seconds per second kept"), ["ai_assisted.generation.machine_per_shot", "hybrid.generation.machine_per_shot"], "float", 1, 200, 1),
    (N_("Generation price (USD per generated second)"), ["gen_price_per_second"], "float", 0.01, 2, 0.01),
]

#: Rows that fit the page at any zoom: a control's row wraps (label above, control below) when the page is
#: narrower than label and control together, and a label wraps its words instead of being cut with "...".
WRAPPING_CSS = (
    ".filmkit-explorer .widget-inline-hbox {flex-wrap: wrap; max-width: 100%; height: auto;}"
    ".filmkit-explorer .widget-inline-hbox > .slider-container {min-width: 120px;}"
    ".filmkit-explorer .widget-inline-hbox > .widget-label {white-space: normal; overflow: visible;"
    " text-overflow: clip; height: auto; min-height: var(--jp-widgets-inline-height); line-height: 1.3;"
    " max-width: 100%;}"
    ".filmkit-explorer .widget-vbox, .filmkit-explorer .widget-hbox {max-width: 100%;}"
)

#: the explorer's tabs, in order (translated where shown)
TABS = [N_("Cost by phase"), N_("Schedule"), N_("Hours by role")]



class ScenarioExplorer:
    """Controls, a summary table and three charts for the three workflows.

    ``explorer.widget`` is what a notebook displays; ``explorer.controls`` maps each
    control's English label (as written in :data:`CONTROLS`, in every language) to its
    widget (tests set them directly).
    """

    def __init__(self, values: dict | None = None, tier: str = "eternaut", control: str = "slider"):

        if control not in ("slider", "number"):
            raise ValueError(_("control: {value} is not one of {choices}").format(value=repr(control),
                                                                                  choices="slider, number"))

        self.values, notes = clip_to_controls(validate(values or {}))
        self._syncing = False
        # Fixed label width: long labels stay readable and every slider keeps a usable length. 380 px holds the
        # longest label of every language (tests/browser/test_editions.py measures them); two columns still fit
        # side by side at 1280 px.
        style = {"description_width": "380px"}
        # never wider than the page: on a narrow or zoomed screen a label wraps and its control goes under it
        layout = widgets.Layout(width="610px", max_width="calc(100% - 4px)")  # 4 px: its margins
        self.controls = {}
        self._rows = {}  # what each control is shown as: the slider, with its readout where the reader needs one
        self._typed = {}  # label -> DecimalBox: a number box written with the reader's decimal comma
        for label, keys, kind, lo, hi, step in CONTROLS:
            # Number boxes are labelled form fields that every screen reader announces;
            # slider handles carry no accessible name upstream (see the README).
            if control == "number" and kind == "float" and comma_decimal():
                # the browser's own number box writes a decimal point whatever the language: a text box instead
                typed = DecimalBox(self.values[keys[0]], lo, hi, step, _(label), self._guarded(self._typed_in(keys)),
                                   self._refused, style=style, layout=layout)
                self._typed[label] = typed
                self.controls[label], self._rows[label] = typed.box, typed.row
                continue
            if control == "number":
                cls = widgets.BoundedIntText if kind == "int" else widgets.BoundedFloatText
            else:
                cls = widgets.IntSlider if kind == "int" else widgets.FloatSlider
            box = cls(value=self.values[keys[0]], min=lo, max=hi, step=step, description=_(label),
                      continuous_update=False, style=style, layout=layout)
            if control == "number":  # arrows step it; say that it can be typed too
                box.tooltip = typing_hint(lo, hi, digits_for(step))
            box.observe(self._guarded(self._changed(keys)), names="value")
            self.controls[label] = box
            self._rows[label] = with_reader_readout(box, 0 if kind == "int" else 2) if control == "slider" else box
        self.tier = widgets.Dropdown(options=[(label, t) for t, label in tier_labels().items()], value=tier,
                                     description=_("Production to test against"), style=style, layout=layout)
        self.tier.observe(self._guarded(lambda _c: self.refresh()), names="value")

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
        for i, title in enumerate(TABS):
            self.tabs.set_title(i, _(title))
        self.tabs.observe(self._guarded(lambda _c: self._draw(self.tabs.selected_index)), names="selected_index")
        self.summary = widgets.HTML()
        self.message = widgets.HTML()
        self.file = widgets.Text(value="my_scenario.json", description=_("Scenario file"), style=style,
                                 layout=widgets.Layout(max_width="100%"))
        save = widgets.Button(description=_("Save"), tooltip=_("Save these settings to the file"), icon="save")
        load = widgets.Button(description=_("Load"), tooltip=_("Load settings from the file"), icon="folder-open")
        save.on_click(self._guarded(lambda _b: self.save(self.file.value)))
        load.on_click(self._guarded(lambda _b: self.load(self.file.value)))
        self._stale = [True, True, True]

        left = widgets.VBox(list(self._rows.values())[:7] + [self.tier])
        right = widgets.VBox(list(self._rows.values())[7:])
        # Unselected tab labels are too faint upstream (axe: colour contrast); darken them here.
        css = widgets.HTML("<style>.filmkit-explorer .lm-TabBar-tab, .filmkit-explorer .lm-TabBar-tabLabel "
                           "{color: #1a1a1a !important; opacity: 1 !important;}" + WRAPPING_CSS + "</style>")
        self.widget = widgets.VBox([
            css, widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
            self.summary, self.tabs, widgets.HBox([self.file, save, load], layout=widgets.Layout(flex_flow="row wrap")),
            self.message,
        ])
        self.widget.add_class("filmkit-explorer")
        self.refresh()
        if notes:
            self.message.value = _note(notes)

    def _guarded(self, action):
        """Run a widget callback; any error goes to the message area, never to a traceback."""
        def handler(*args):
            try:
                with one_reading():  # the data folder is looked at once per change
                    action(*args)
            except Exception as exc:  # noqa: BLE001 - a widget must never leave a traceback
                self.message.value = _alert(_("Something went wrong"), exc)
        return handler

    def _typed_in(self, keys):
        """What a typed number box calls with the number it read."""
        changed = self._changed(keys)

        def typed(value):
            self.message.value = ""  # a refusal said before is answered
            changed({"new": value})
        return typed

    def _refused(self, sentence: str) -> None:
        self.message.value = refusal_html(sentence)

    def _changed(self, keys):
        def handler(change):
            if self._syncing:  # the controls are being set from loaded values
                return
            new = dict(self.values)
            for key in keys:
                new[key] = float(change["new"])
            try:
                computed = self._compute(new, self.tier.value)
            except Exception as exc:  # noqa: BLE001 - refuse the value, keep the last good state
                self._set_controls(self.values)
                self.message.value = _alert(_("That value was not applied"), exc)
                return
            self._apply(new, computed)
        return handler

    def _compute(self, values: dict, tier: str):
        """Everything the explorer shows for ``values``, computed before anything on screen changes."""
        clean = validate(values)
        results = run(clean)
        feas = feasibility_rows(results, clean)  # values are validated just above
        table = summary_table(results, feas, tier)
        return clean, results, feas, table

    def _apply(self, values: dict, computed) -> None:
        self.values, self.results, self.feasibility, table = computed
        self.summary.value = table_html(table, _("The three workflows, tested against: {production}").format(
            production=self.tier.label))
        self._stale = [True, True, True]
        self._draw(self.tabs.selected_index or 0)

    def refresh(self) -> None:
        """Recompute the model, update the summary, redraw the visible chart."""
        self._apply(self.values, self._compute(self.values, self.tier.value))

    def _draw(self, index: int) -> None:
        if index is None or not self._stale[index]:
            return
        if index == 0:
            rows = {r["workflow"]: r for r in self.feasibility if r["tier"] == self.tier.value}
            alt = self.cost.update(self.results, rows, self.tier.label)  # the tier's label, read once
        elif index == 1:
            alt = self.schedule.update(self.results, float(self.values["review_rounds"] * self.values["review_wait_days"]))
        else:
            alt = self.roles.update(self.results, self.values["hours_per_day"])
        self.views[index].push(alt, alt)
        self._stale[index] = False

    def _set_controls(self, values: dict) -> None:
        self._syncing = True
        try:
            for label, keys, _kind, lo, hi, _step in CONTROLS:
                if label in self._typed:
                    self._typed[label].set(min(max(values[keys[0]], lo), hi))
                else:
                    self.controls[label].value = min(max(values[keys[0]], lo), hi)
        finally:
            self._syncing = False

    def set_values(self, values: dict) -> list[str]:
        """Apply a full set of values (e.g. a loaded scenario) to the model and the controls.

        Values are checked and the model computed first: if that fails nothing changes and the
        ValueError says why. A value outside a control's range is clipped to the range (the model
        then uses what the control shows); the returned notes say which.
        """
        clipped, notes = clip_to_controls(validate(values))
        computed = self._compute(clipped, self.tier.value)
        self._set_controls(clipped)
        self._apply(clipped, computed)
        return notes

    def save(self, file) -> None:
        """Save the current values; an existing file is never replaced (a free name beside it is used)."""
        try:
            target = Path(str(file).strip() or "my_scenario.json")
            chosen = free_name(target) if target.suffix == ".json" else target
            path = save_scenario(chosen, self.values, name=chosen.stem)
        except (ValueError, OSError) as exc:
            self.message.value = _alert(_("Could not save"), exc)
            return
        if path != target:
            self.file.value = str(path)
            said = _("{file} already exists and was kept; saved to {path} instead.").format(file=target, path=path)
        else:
            said = _("Saved to {path}.").format(path=path)
        self.message.value = f"<p>{html.escape(said)}</p>"

    def load(self, file) -> None:
        """Load a scenario file; if it cannot be read or breaks the model, nothing changes and the message says why."""
        try:
            name, values = load_scenario(file)
            notes = self.set_values(values)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, the explorer keeps its state
            self.message.value = _alert(_("Could not load"), exc)
            return
        said = " ".join([_("Loaded {name}.").format(name=name or str(file))] + notes)
        self.message.value = f"<p>{html.escape(said)}</p>"


def _alert(what: str, exc: Exception) -> str:
    """``what`` went wrong (already translated), and why (the error's own message)."""
    # TRANSLATORS: the start of an error message, e.g. "Could not load:", followed by the reason
    head = _("{what}:").format(what=what)
    return f'<p role="alert"><strong>{html.escape(head)}</strong> {html.escape(str(exc) or type(exc).__name__)}</p>'


def _note(notes: list[str]) -> str:
    return f'<p role="status">{html.escape(" ".join(notes))}</p>'


def clip_to_controls(values: dict) -> tuple[dict, list[str]]:
    """Values with every control's parameters inside the control's range, and a note per clipped value.

    The explorer computes with exactly what its controls show, so a value beyond a control's
    range (allowed by the model, e.g. 150 shots) is brought to the nearest end and said so.

    >>> clip_to_controls({"shots": 150, "seconds_per_shot": 1, "review_rounds": 3})[1][:1]
    ["Shots in the sequence: 150 is outside this control's range (1 to 50), so the explorer uses 50."]
    """
    out = dict(values)
    notes = []
    for label, keys, _kind, lo, hi, _step in CONTROLS:
        for key in keys:
            if key not in out:
                continue
            value = out[key]
            if not lo <= value <= hi:
                out[key] = float(min(max(value, lo), hi))
                notes.append(_("{control}: {value} is outside this control's range ({low} to {high}), "
                               "so the explorer uses {used}.").format(
                    control=_(label), value=plain_number(value), low=plain_number(lo), high=plain_number(hi),
                    used=plain_number(out[key])))
        shown = [out[k] for k in keys if k in out]
        if len(set(shown)) > 1:
            for key in keys[1:]:
                out[key] = shown[0]
            notes.append(_("{control}: the values differed between workflows ({values}); "
                           "the explorer uses {used} for all, as its one control shows.").format(
                control=_(label), values=", ".join(plain_number(v) for v in shown), used=plain_number(shown[0])))
    return out, notes


def explorer(values: dict | None = None, tier: str = "eternaut", control: str = "slider"):
    """The scenario explorer widget, ready to display; ``control="number"`` uses number boxes instead of sliders."""
    tier_label(tier)  # a tier that is not in the data is named here, not deep in the first redraw
    return ScenarioExplorer(values, tier, control).widget
