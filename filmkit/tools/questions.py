"""The checked questions of the exercises, as learners see them: one block per module.

Each question names things by the labels the notebooks show, says what form the answer
takes, and gives a wide plausible range. No expected value is here: the instructors'
answer key (``instructors/answer_key.py``) computes those from the kit's model.
"""

from __future__ import annotations

from filmkit.model import analysis, claims, ethics
from filmkit.model.parameters import parameters
from filmkit.tools.question import Question, question


def _call_claims() -> list[tuple[str, str]]:
    ledger = claims.claims_ledger()
    rows = ledger[ledger["venue"].str.contains("Q2 2025", na=False)].sort_values("id")
    return [(f"{r.id}: {r.speaker_name}, \u201c{_short(r.quote)}\u201d", r.id) for r in rows.itertuples()]


def _short(text: str, n: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _uncertain_inputs() -> list[tuple[str, str]]:
    params = parameters()
    return sorted(((params[k].label, k) for k in analysis.uncertain()), key=lambda pair: pair[0].lower())


def _cases() -> list[tuple[str, str]]:
    table = ethics.cases().sort_values("id")
    return [(f"{r.id}: {r.title} ({r.genre})", r.id) for r in table.itertuples()]


# ---- module 1: the case
question(Question("m01_q1", "lag_days", "number", "Days from premiere to earnings call",
                  "a whole number of days", unit="days", low=1, high=730, integer=True))
question(Question("m01_q2", "corroborated_ids", "set", "Corroborated claims made on the Q2 2025 call",
                  "the ids of the corroborated claims made on the call, e.g. ['CL01', 'CL02']", options=_call_claims))
question(Question("m01_q3", "speedup_78", "number", "Speed-up factor of a 78% time cut",
                  "a speed-up factor such as 2.5 (\"2.5x\" is fine too)", unit="x", low=1, high=1000))

# ---- module 2: cost and time
question(Question("m02_q1", "compositor_rate", "number", "Compositor's day rate (USD per day)",
                  "a day rate in USD", unit="USD/day", low=50, high=10_000))
question(Question("m02_q2", "ai_cost_4_shots", "number", "AI-assisted total cost for 4 shots (USD)",
                  "a cost in USD", unit="USD", low=1_000, high=10_000_000))
question(Question("m02_q3", "calendar_no_wait", "number", "Traditional workflow, working days with no wait for notes",
                  "a number of working days", unit="days", low=1, high=1000))

# ---- module 3: what would 10x take
question(Question("m03_q1", "speedup_no_setup", "number", "Effort speed-up with no AI pipeline set-up",
                  "a speed-up factor (person-days, traditional / AI-assisted)", unit="x", low=0.1, high=1000))
question(Question("m03_q2", "share_cost_2x", "number", "Share of Monte Carlo runs with a cost ratio of at least 2",
                  "a share between 0 and 1 (\"37%\" is read as 0.37)", low=0, high=1, share=True))
question(Question("m03_q3", "biggest_swing", "choice", "Input with the largest swing in the tornado chart",
                  "one input, as the tornado chart labels it", options=_uncertain_inputs))

# ---- module 4: work and jobs
question(Question("m04_q1", "hours_fall_share", "number", "Share of labour hours lost (no rebound, all AI-assisted)",
                  "a share between 0 and 1 (\"25%\" is read as 0.25)", low=0, high=1, share=True))
question(Question("m04_q2", "break_even", "number", "Break-even elasticity with half the work AI-assisted",
                  "an elasticity (a positive number)", low=0, high=20))

# ---- module 5: ethics and governance
question(Question("m05_q1", "consent_provisions", "number", "Provisions on the topic \u201cconsent\u201d",
                  "a count of provisions", low=0, high=500, integer=True))
question(Question("m05_q3", "undisclosed_docs", "set", "Documentaries whose AI use was never confirmed or disclosed after release",
                  "the ids of those documentary cases, e.g. ['K01']", options=_cases))
