"""The checked questions of the exercises, as learners see them: one block per module.

Each question names things by the labels the notebooks show, says what form the answer
takes, and gives a wide plausible range. No expected value is here: the instructors'
answer key (``instructors/answer_key.py``) computes those from the kit's model.

Labels and descriptions are English, marked with ``N_`` for the catalogs; they are translated
where they are shown (the answer field, the feedback), in the language in use then.
"""

from __future__ import annotations

from filmkit.i18n import N_, _, use_language
from filmkit.model import analysis, claims, ethics, frames
from filmkit.model.data import vocabulary
from filmkit.model.parameters import parameters
from filmkit.tools.question import Question, question


def _call_claims() -> list[tuple[str, str]]:
    with use_language("en"):  # the venue names the call in English; the ids are the same in every language
        english = claims.claims_ledger()
        ids = set(english.loc[english["venue"].str.contains("Q2 2025", na=False), "id"])
    ledger = claims.claims_ledger()
    rows = ledger[ledger["id"].isin(ids)].sort_values("id")
    return [(_("{id}: {speaker}, \u201c{quote}\u201d").format(id=r.id, speaker=r.speaker_name, quote=_short(r.quote)),
             r.id) for r in rows.itertuples()]


def _short(text: str, n: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _uncertain_inputs() -> list[tuple[str, str]]:
    params = parameters()
    return sorted(((params[k].label, k) for k in analysis.uncertain()), key=lambda pair: pair[0].lower())


def _cases() -> list[tuple[str, str]]:
    table = ethics.cases().sort_values("id")
    vocab = vocabulary()  # the genre is a category: shown in the reader's language, kept as a key
    return [(_("{id}: {title} ({genre})").format(id=r.id, title=r.title, genre=vocab.get(("genre", r.genre), r.genre)),
             r.id) for r in table.itertuples()]


# ---- module 1: the case
question(Question("m01_q1", "lag_days", "number",
                  N_("Days from the Q1 2025 call (\u201810% better\u2019) to the Q2 2025 call (\u201810x faster\u2019)"),
                  N_("a whole number of days"), unit="days", low=1, high=730, integer=True))
question(Question("m01_q2", "corroborated_ids", "set", N_("Corroborated claims made on the Q2 2025 call"),
                  N_("the ids of the corroborated claims made on the call, e.g. ['CL01', 'CL02']"),
                  options=_call_claims))
question(Question("m01_q3", "cost_ratio_62", "number",
                  N_("Cost ratio (traditional / AI-assisted) of the article's 62% cost cut"),
                  N_("a ratio such as 1.5 (\"1.5x\" is fine too)"), unit="x", low=1, high=1000))

# ---- module 2: cost and time
question(Question("m02_q1", "compositor_rate", "number",
                  N_("Compositor's day rate with the regional rate factor at its low value (USD per day)"),
                  N_("a day rate in USD"), unit="USD/day", low=50, high=10_000))
question(Question("m02_q2", "ai_cost_4_shots", "number", N_("AI-assisted total cost for 4 shots (USD)"),
                  N_("a cost in USD"), unit="USD", low=1_000, high=10_000_000))
question(Question("m02_q3", "calendar_no_wait", "number",
                  N_("Traditional workflow, working days with no wait for notes"),
                  N_("a number of working days"), unit="days", low=1, high=1000))

# ---- module 3: what would 10x take
question(Question("m03_q1", "setup_for_2x", "number", N_("Pipeline set-up (fixed person-days) for an effort speed-up of 2"),
                  N_("a number of person-days"), unit="person-days", low=0, high=60))
question(Question("m03_q2", "share_cost_2x", "number",
                  N_("Share of Monte Carlo runs with a cost ratio of at least 2"),
                  N_("a share between 0 and 1 (\"37%\" is read as 0.37)"), low=0, high=1, share=True))
question(Question("m03_q3", "biggest_swing", "choice",
                  N_("Input that swings the calendar-time speed-up of the hybrid workflow most"),
                  N_("one input, as the tornado chart labels inputs"), options=_uncertain_inputs))

# ---- module 4: work and jobs
question(Question("m04_q1", "hours_fall_share", "number",
                  N_("Share of labour hours lost (no rebound, all AI-assisted)"),
                  N_("a share between 0 and 1 (\"25%\" is read as 0.25)"), low=0, high=1, share=True))
question(Question("m04_q2", "elasticity_hours_up_10", "number",
                  N_("Elasticity at which total hours rise by 10%, with half the work AI-assisted"),
                  N_("an elasticity (a positive number)"), low=0, high=20))

# ---- module 5: ethics and governance
question(Question("m05_q1", "consent_provisions", "number", N_("Provisions on the topic \u201cconsent\u201d"),
                  N_("a count of provisions"), low=0, high=500, integer=True))
question(Question("m05_q3", "undisclosed_docs", "set",
                  N_("Documentaries whose AI use was never confirmed or disclosed after release"),
                  N_("the ids of those documentary cases, e.g. ['K01']"), options=_cases))

# ---- module 6: inside a generative model
question(Question("m06_q1", "break_even_frames", "number",
                  N_("Break-even number of frames, counting training data and training"),
                  N_("a number of frames"), unit="frames", low=1, high=100_000))
question(Question("m06_q2", "copies_setting_2", "number",
                  N_("Frames the memorisation dial shows at setting 2 that are copies"),
                  N_("a count of frames"), low=0, high=24, integer=True))
question(Question("m06_q3", "nearest_frame_3_without_dolores", "choice",
                  N_("Artist whose training frame is nearest to generated frame 3 once Dolores's frames are removed"),
                  N_("one artist, as the provenance view names them"),
                  options=lambda: [(a.name, a.key) for a in frames.ARTISTS]))
