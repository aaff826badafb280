"""The instructors' answer key: how each checked answer is computed from the kit's model.

Instructor material: a student release (``filmkit release``) does not contain this file.
Self-learners working in a full copy of the kit get full feedback from it; the grader
(``filmkit grade``) compares each handed-in answer with the values computed here.
Each value is computed when it is needed, so a change to the model or the data changes the key.
The hints are written in ``_()``: the self-checks read this file once per language, so a hint
comes in the language in use.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from filmkit.i18n import _, number, percent, use_language
from filmkit.model import analysis, case, claims, ethics, frames, generative, labour, scenario
from filmkit.model.data import load
from filmkit.model.parameters import parameters, validate
from filmkit.tools.question import Key


def _ledger():
    with use_language("en"):  # the venue names the call in English; the ids are the same in every language
        return claims.claims_ledger()


def _days_between_calls() -> int:
    """Days from the Q1 2025 call ('10% better', T15) to the Q2 2025 call ('10x faster', T20) in the timeline."""
    events = load("timeline").set_index("id")
    return int((pd.Timestamp(events.loc["T20", "date"]) - pd.Timestamp(events.loc["T15", "date"])).days)


def _cut(claim: str, word: str) -> float:
    """The share an article's claim gives for a cut ("... by approximately 78%", "... by an estimated 62%")."""
    with use_language("en"):
        quote = claims.claims_ledger().set_index("id").loc[claim, "quote"]
    found = re.search(word + r"[^%]*?(\d+(?:\.\d+)?)%", quote)
    return float(found.group(1)) / 100


#: CL27, the widely copied article: post-production time cut by about 78%, costs by an estimated 62%
_CUT = {"time": _cut("CL27", "time"), "cost": _cut("CL27", "costs")}


def _hybrid_calendar_tornado():
    return analysis.tornado("speedup_calendar", "hybrid")


def _elasticity_hours_up_10(adoption_share: float = 0.5) -> float:
    """The demand elasticity at which total labour hours end 10 % above where they were."""
    still = labour.rebound(elasticity=0, adoption_share=adoption_share)
    return math.log(1.1 / still["hours_ratio"]) / math.log(1 / still["price_ratio"])


def _four_shots():
    return scenario.run({"shots": 4})["ai_assisted"]


def _low_region():
    """Every input at base but the regional rate factor, at its low value (rates where the series was made)."""
    return validate({"region_rate_factor": parameters()["region_rate_factor"].low})


def _setup_for_2x():
    """The fixed set-up (person-days) at which the effort speed-up is exactly 2, everything else at base."""
    table = analysis.break_even(2.0, "speedup_effort").set_index("key")
    return float(table.loc["ai_assisted.setup.fixed_days", "value_for_target"])


def _mc_share():
    return float((analysis.monte_carlo(100_000, seed=2025)["cost_ratio"] >= 2).mean())


def _toy_model():
    """Module 6's model, trained on the notebook's footage (the same seed, so the same frames)."""
    if not _TOY:
        _TOY.append(generative.train(frames.simulate(seed=2025)))
    return _TOY[0]


_TOY: list = []


def _dial_copies(setting: int) -> int:
    """How many of the 8 frames module 6's memorisation dial makes at one setting (seed 6) are copies."""
    made, _starts = _toy_model().generate(8, *generative.DIAL[setting - 1], 6)
    return int((_toy_model().nearest(made)[1][:, 0] < generative.COPY_DISTANCE).sum())


def _nearest_in_view(left_out: str, frame: int) -> str:
    """Who made the training frame nearest to one generated frame, as module 6's provenance view shows it:
    8 frames generated at the middle of the dial (seed 11) by the model trained again without ``left_out``."""
    model = _toy_model().without(left_out) if left_out else _toy_model()
    made, _starts = model.generate(8, *generative.DIAL[generative.MIDDLE], 11)
    return str(model.footage.artists()[model.nearest(made)[0][frame - 1, 0]])


KEY: dict[str, Key] = {
    "m01_q1": Key(_days_between_calls, rel_tol=0, mistakes=[
        (lambda: _days_between_calls() + 1,
         _("check how you counted: the days between two dates, as the timeline's dates subtract.")),
        (case.disclosure_lag_days,
         _("that counts from the premiere; the question starts at the earlier of the two calls."))]),
    "m01_q2": Key(lambda: list(_ledger().query(
        "status == 'corroborated' and venue.str.contains('Q2 2025')", engine="python")["id"]), mistakes=[
        (lambda: list(_ledger().query("status in ['misattributed', 'contradicted']")["id"]),
         _("at least one of your claims is misattributed or contradicted: check the Status column.")),
        (lambda: list(_ledger().query("status != 'corroborated'")["id"]),
         _("at least one of your claims comes from a single source: 'corroborated' needs two or more reports."))]),
    "m01_q3": Key(lambda: claims.speedup_from_time_saving(_CUT["cost"]), rel_tol=0.02, mistakes=[
        (lambda: 1 + _CUT["cost"],
         _("a cut is not an increase, and the share saved is not what is left: compare the cost before with "
           "the share of the cost that remains.")),
        (lambda: claims.speedup_from_time_saving(_CUT["time"]),
         _("that is the ratio for the time cut; the question asks about the cost cut."))]),
    "m02_q1": Key(lambda: scenario.day_rate(_low_region(), "compositor"), mistakes=[
        (lambda: scenario.day_rate(validate({}), "compositor"),
         _("that rate keeps US wages: set the regional rate factor to its low value first.")),
        (lambda: scenario.day_rate(_low_region(), "compositor") / validate({})["overhead_multiplier"],
         _("did you include the loaded-cost multiplier?")),
        (lambda: scenario.day_rate(_low_region(), "compositor") / validate({})["wage_factor.compositor"],
         _("did you apply the compositor's pay factor?"))]),
    "m02_q2": Key(lambda: float(_four_shots().total_cost), mistakes=[
        (lambda: float(sum(_four_shots().labour_cost.values())),
         _("your cost is labour only: add the machine (generation) costs and the licence line.")),
        (lambda: float(sum(_four_shots().stage_cost.values())),
         _("your cost is off by the licence line: did you include it?")),
        (lambda: float(scenario.run()["ai_assisted"].total_cost),
         _("that is the cost of the base sequence; set the number of shots to 4 first."))]),
    "m02_q3": Key(lambda: float(scenario.run({"review_wait_days": 0})["traditional"].calendar_days), mistakes=[
        (lambda: float(scenario.run()["traditional"].calendar_days),
         _("that is the calendar with the base wait for notes; set the wait to 0.")),
        (lambda: float(scenario.run({"review_wait_days": 0})["ai_assisted"].calendar_days),
         _("that is the AI-assisted workflow; the question asks about the traditional one."))]),
    "m03_q1": Key(_setup_for_2x, rel_tol=0.02, mistakes=[
        (lambda: validate({})["ai_assisted.setup.fixed_days"],
         _("that is the base set-up; change it until the effort speed-up reads 2.")),
        (lambda: 0.0, _("with no set-up at all the speed-up is above 2: find the set-up that gives exactly 2."))]),
    "m03_q2": Key(_mc_share, rel_tol=0.01, mistakes=[
        (lambda: 1 - _mc_share(), _("that is the share of runs *below* 2; the question asks for at least 2."))]),
    "m03_q3": Key(lambda: _hybrid_calendar_tornado().iloc[0]["key"], mistakes=[
        (lambda: analysis.tornado("speedup_effort").iloc[0]["key"],
         _("that input moves the effort speed-up of the AI-assisted workflow most; the question asks about the "
           "hybrid workflow's calendar time.")),
        (lambda: _hybrid_calendar_tornado().iloc[1]["key"],
         _("that input matters, but another one moves the hybrid calendar further; try each end of the ranges."))]),
    "m04_q1": Key(lambda: 1 - labour.rebound(elasticity=0, adoption_share=1)["hours_ratio"], mistakes=[
        (lambda: labour.rebound(elasticity=0, adoption_share=1)["hours_ratio"],
         _("that is the share of hours that remain; the question asks how much they fall."))]),
    "m04_q2": Key(_elasticity_hours_up_10, rel_tol=0.01, mistakes=[
        (lambda: labour.rebound(adoption_share=0.5)["break_even_elasticity"],
         _("at that elasticity total hours stay level; the question asks for hours to rise.")),
        (lambda: _elasticity_hours_up_10(adoption_share=1),
         _("that is with all the work AI-assisted; the question asks about half."))]),
    "m05_q1": Key(lambda: len(ethics.provisions("consent")), rel_tol=0),
    "m05_q3": Key(lambda: list(ethics.cases("disclosure", genre="documentary").query(
        "disclosure in ['never_confirmed', 'after_release', 'before_wide_release']")["id"]), mistakes=[
        (lambda: list(ethics.cases(genre="fiction")["id"]),
         _("at least one of your cases is fiction, not documentary."))]),
    "m06_q1": Key(lambda: generative.break_even(0.05, 0.001, 1.5, 120), rel_tol=0.01, mistakes=[
        (lambda: generative.break_even(0.05, 0.001, 1.5, 0),
         _("you left out the training frames: they had to be simulated first, so their cost counts too.")),
        (lambda: (120 * 0.05 + 1.5) / 0.05,
         _("close: generating a frame is cheap but not free; divide by the saving per frame, not by the cost "
           "of simulating one."))]),
    "m06_q2": Key(lambda: _dial_copies(2), rel_tol=0, mistakes=[
        (lambda: _dial_copies(1), _("that is the first setting, where every generated frame is a copy; move the dial "
                                    "one step.")),
        (lambda: generative.memorisation_curve(_toy_model())[1]["copies"],
         _("that is the count in notebook 06's table, out of more frames; read the sentence under the dial."))]),
    "m06_q3": Key(lambda: _nearest_in_view("dolores", 3), mistakes=[
        (lambda: "dolores", _("Dolores's frames were removed: no answer can name her any more; train the model again "
                              "without her frames and read frame 3 again."))]),
}
