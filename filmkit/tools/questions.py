"""The checked questions of the exercises, one block per module.

Each expected value is computed from the kit's own data and model when a check runs,
so a change in the model changes the answer, and no answer is written in a notebook.
"""

from __future__ import annotations

from filmkit.model import analysis, case, claims, ethics, labour, scenario
from filmkit.model.parameters import validate
from filmkit.tools.question import Question, question


def _ledger():
    return claims.claims_ledger()


# ---- module 1: the case
question(Question(
    "m01_q1", "lag_days", "number", case.disclosure_lag_days,
    "a whole number of days", rel_tol=0,
    mistakes=[(lambda: case.disclosure_lag_days() + 1,
               "you counted both the premiere day and the call day; count the days between the two dates.")]))
question(Question(
    "m01_q2", "corroborated_ids", "set",
    lambda: _ledger().query("status == 'corroborated' and venue.str.contains('Q2 2025')", engine="python")["id"],
    "the ids of corroborated claims made on the Q2 2025 call, e.g. ['CL01', 'CL02']",
    mistakes=[(lambda: _ledger().query("status in ['misattributed', 'contradicted']")["id"],
               "at least one of your ids is a misattributed or contradicted claim: check the status column."),
              (lambda: _ledger().query("status != 'corroborated'")["id"],
               "at least one of your ids comes from a single source: 'corroborated' needs two or more reports.")]))
question(Question(
    "m01_q3", "speedup_78", "number", lambda: claims.speedup_from_time_saving(0.78),
    "a speed-up factor such as 2.5", rel_tol=0.01,
    mistakes=[(lambda: 1.78, "1.78 would be 78% *more* speed; the claim is 78% *less time*."),
              (lambda: 1 / 0.78, "you divided by the share saved; divide by the share of time that remains.")]))

# ---- module 2: cost and time
def _four_shots():
    return scenario.run({"shots": 4})["ai_assisted"]


question(Question(
    "m02_q1", "compositor_rate", "number", lambda: scenario.day_rate(validate({}), "compositor"),
    "a day rate in USD",
    mistakes=[(lambda: 99800 * 0.9 / 230, "did you include the loaded-cost multiplier (1.8)?"),
              (lambda: 99800 * 1.8 / 230, "did you apply the compositor's pay factor (0.9)?")]))
question(Question(
    "m02_q2", "ai_cost_4_shots", "number", lambda: float(_four_shots().total_cost),
    "a cost in USD",
    mistakes=[(lambda: float(sum(_four_shots().labour_cost.values())),
               "your cost is labour only: add the machine (generation) costs and the licence line."),
              (lambda: float(sum(_four_shots().stage_cost.values())),
               "your cost is off by the licence line: did you include it?")]))
question(Question(
    "m02_q3", "calendar_no_wait", "number",
    lambda: float(scenario.run({"review_wait_days": 0})["traditional"].calendar_days),
    "a number of working days",
    mistakes=[(lambda: float(scenario.run()["traditional"].calendar_days),
               "that is the calendar with the base wait of 3 days per round; set the wait to 0.")]))

# ---- module 3: what would 10x take
question(Question(
    "m03_q1", "speedup_no_setup", "number",
    lambda: float(scenario.ratios(scenario.run({"ai_assisted.setup.fixed_days": 0}))["speedup_effort"]),
    "a speed-up factor",
    mistakes=[(lambda: float(scenario.ratios(scenario.run({"ai_assisted.setup.fixed_days": 0}))["speedup_calendar"]),
               "that is the calendar speed-up; the question asks for person-days (effort)."),
              (lambda: float(scenario.ratios(scenario.run())["speedup_effort"]),
               "that is the base case; set the AI pipeline set-up to 0 first.")]))
question(Question(
    "m03_q2", "share_cost_2x", "number",
    lambda: float((analysis.monte_carlo(100_000, seed=2025)["cost_ratio"] >= 2).mean()),
    "a share between 0 and 1", rel_tol=0.001,
    mistakes=[(lambda: 100 * float((analysis.monte_carlo(100_000, seed=2025)["cost_ratio"] >= 2).mean()),
               "give a share between 0 and 1, not a percentage.")]))
question(Question(
    "m03_q3", "biggest_swing", "text", lambda: analysis.tornado("speedup_effort").iloc[0]["key"],
    "a parameter key in quotes, e.g. 'shots'",
    mistakes=[(lambda: analysis.tornado("speedup_effort").iloc[1]["key"],
               "that one is second; look at the top row of the tornado table.")]))

# ---- module 4: work and jobs
question(Question(
    "m04_q1", "hours_fall_share", "number",
    lambda: 1 - labour.rebound(elasticity=0, adoption_share=1)["hours_ratio"],
    "a share between 0 and 1",
    mistakes=[(lambda: labour.rebound(elasticity=0, adoption_share=1)["hours_ratio"],
               "that is the share of hours that remain; the question asks how much they fall.")]))
question(Question(
    "m04_q2", "break_even", "number",
    lambda: labour.rebound(adoption_share=0.5)["break_even_elasticity"], "an elasticity", rel_tol=0.01))

# ---- module 5: ethics and governance
question(Question(
    "m05_q1", "consent_provisions", "number", lambda: len(ethics.provisions("consent")),
    "a count of provisions", rel_tol=0))
question(Question(
    "m05_q2", "deageing_triggers", "set",
    lambda: ethics.assess(ethics.PROPOSED_USES["De-ageing a lead actor"]).approval,
    "the names of the approval triggers, e.g. ['Final deliverables']",
    mistakes=[(lambda: ["Third-party IP"], "the kit's reading answers 'no' to third-party IP for de-ageing.")]))
question(Question(
    "m05_q3", "undisclosed_docs", "set",
    lambda: ethics.cases("disclosure", genre="documentary").query(
        "disclosure in ['never_confirmed', 'after_release']")["id"],
    "the ids of the documentary cases, e.g. ['K01']",
    mistakes=[(lambda: ethics.cases(genre="fiction")["id"], "at least one of your ids is a fiction case.")]))
