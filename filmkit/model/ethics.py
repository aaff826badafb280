"""Ethics and governance: contract provisions, Netflix's guidance as a checklist, comparison cases,
and an ethical matrix a learner fills in and hands in.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

from filmkit.model.data import check_choice, load, with_sources

ANSWERS = ("yes", "no", "unsure")


# ---------------------------------------------------------------- provisions and cases

def provisions(topic: str | None = None) -> pd.DataFrame:
    """Contract and law provisions on AI, with their source's publisher."""
    table = load("contract_provisions")
    check_choice("topic", topic, sorted(set(table["topic"])))
    if topic is not None:
        table = table[table["topic"] == topic]
    return with_sources(table)


CASE_ORDER = {
    "genre": ["documentary", "fiction", "animation", "synthetic_performer", "industry_deal"],
    "disclosure": ["never_confirmed", "after_release", "vendor_claim", "announced", "at_release", "before_release"],
    "consent": ["not_obtained", "unclear", "obtained", "not_applicable"],
}


def cases(sort_by: str = "genre", genre: str | None = None) -> pd.DataFrame:
    """Comparison cases, sorted by genre, disclosure or consent (most troubling first), optionally one genre."""
    check_choice("sort_by", sort_by, list(CASE_ORDER))
    check_choice("genre", genre, CASE_ORDER["genre"])
    table = load("comparison_cases")
    if genre is not None:
        table = table[table["genre"] == genre]
    table = with_sources(table)
    rank = {v: i for i, v in enumerate(CASE_ORDER[sort_by])}
    table["_rank"] = table[sort_by].map(rank)
    return table.sort_values(["_rank", "date"], kind="stable").drop(columns="_rank").reset_index(drop=True)


# ---------------------------------------------------------------- the guidance checklist

@dataclass
class Assessment:
    """What the guidance asks of a proposed use, given the answers."""

    missing: list[str] = field(default_factory=list)           # questions not answered
    approval: list[str] = field(default_factory=list)          # reasons written approval is required
    escalate: list[str] = field(default_factory=list)          # principles answered 'no' or 'unsure'
    reasons: dict[str, str] = field(default_factory=dict)      # id -> why it triggered

    @property
    def complete(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        lines = []
        if self.missing:
            lines.append(f"Not yet answered ({len(self.missing)}): " + "; ".join(self.missing) + ".")
        if self.approval:
            lines.append("Written approval required: " + "; ".join(self.approval) + ".")
        if self.escalate:
            lines.append("Escalate to the Netflix contact: " + "; ".join(self.escalate) + ".")
        if not self.missing and not self.approval and not self.escalate:
            lines.append("Share the intended use with the Netflix contact; no approval trigger or principle is raised.")
        return "\n".join(lines)


def checklist_questions() -> pd.DataFrame:
    """The questions the checklist asks: the guidance's triggers, principles and categories."""
    table = load("guidance_principles")
    return table[table["question"] != ""].reset_index(drop=True)


def assess(answers: dict) -> Assessment:
    """Apply the guidance to answers {question id: 'yes' | 'no' | 'unsure' | None}.

    - An approval trigger (final deliverables, likeness, personal data, third-party IP) answered
      'yes' requires written approval; 'unsure' is escalated.
    - A guiding principle answered 'no' or 'unsure' is escalated ("written approval may be required").
    - The misleading-content category answered 'yes' requires approval; 'unsure' is escalated.
    - Not sharing the use with the Netflix contact breaks the disclosure duty.
    """
    if not isinstance(answers, dict):
        raise ValueError(f"answers: expected a mapping of question ids to yes/no/unsure, got {type(answers).__name__}")
    questions = checklist_questions().set_index("id")
    unknown = sorted(set(answers) - set(questions.index))
    if unknown:
        raise ValueError(f"answers: unknown question id(s) {', '.join(unknown)} (known: {', '.join(questions.index)})")
    result = Assessment()
    for qid, row in questions.iterrows():
        answer = answers.get(qid)
        if answer is None or answer == "":
            result.missing.append(row["question"])
            continue
        check_choice(f"answers['{qid}']", answer, ANSWERS)
        label = row["text"] if row["kind"] == "approval_trigger" else row["question"]
        if row["kind"] == "approval_trigger" or qid == "A1":
            if answer == "yes":
                result.approval.append(label if row["kind"] == "approval_trigger" else "possibly misleading content")
                result.reasons[qid] = "answered yes"
            elif answer == "unsure":
                result.escalate.append(f"unsure: {row['question']}")
                result.reasons[qid] = "answered unsure"
        elif answer in ("no", "unsure"):
            result.escalate.append(f"{answer}: {row['question']}")
            result.reasons[qid] = f"answered {answer}"
    return result


#: The kit's illustrative reading of five proposed uses. They are for discussion, not Netflix's decisions.
PROPOSED_USES = {
    "The Eternaut's building collapse": {"G01": "yes", "T1": "yes", "T2": "no", "T3": "no", "T4": "unsure",
                                        "N1": "unsure", "N2": "yes", "N3": "no", "N4": "yes", "A1": "no"},
    "De-ageing a lead actor": {"G01": "yes", "T1": "yes", "T2": "yes", "T3": "yes", "T4": "no",
                               "N1": "unsure", "N2": "yes", "N3": "no", "N4": "unsure", "A1": "no"},
    "An altered photo in a documentary": {"G01": "no", "T1": "yes", "T2": "yes", "T3": "yes", "T4": "unsure",
                                          "N1": "unsure", "N2": "unsure", "N3": "no", "N4": "yes", "A1": "yes"},
    "A generated background crowd": {"G01": "yes", "T1": "yes", "T2": "unsure", "T3": "no", "T4": "no",
                                     "N1": "unsure", "N2": "yes", "N3": "no", "N4": "no", "A1": "no"},
    "A synthetic voice for a few lines": {"G01": "no", "T1": "yes", "T2": "yes", "T3": "yes", "T4": "no",
                                          "N1": "unsure", "N2": "yes", "N3": "no", "N4": "unsure", "A1": "unsure"},
}


# ---------------------------------------------------------------- the ethical matrix

STAKEHOLDERS = ["VFX artists", "The studio (Netflix)", "The showrunner and creative team", "The audience",
                "Unions", "The original author's heirs"]
VALUES = ["Wellbeing", "Autonomy and consent", "Fairness and pay", "Transparency", "Credit"]
RATINGS = ["serves", "mixed", "harms", "not relevant"]
GAP = "(not filled)"


class EthicalMatrix:
    """Stakeholders x values. Each cell holds a rating and a short reason; empty cells are gaps."""

    def __init__(self, stakeholders=STAKEHOLDERS, values=VALUES):
        self.stakeholders, self.values = list(stakeholders), list(values)
        self.cells = {(s, v): ("", "") for s in self.stakeholders for v in self.values}

    def set(self, stakeholder: str, value: str, rating: str = "", note: str = "") -> None:
        check_choice("stakeholder", stakeholder, self.stakeholders)
        check_choice("value", value, self.values)
        if rating not in ("", *RATINGS):
            raise ValueError(f"rating: {rating!r} is not one of {', '.join(RATINGS)} (or empty)")
        if not isinstance(note, str):
            raise ValueError(f"note: expected text, got {type(note).__name__}")
        self.cells[(stakeholder, value)] = (rating, note.strip())

    def gaps(self) -> list[tuple[str, str]]:
        return [k for k, (rating, _note) in self.cells.items() if not rating]

    def summary(self) -> pd.DataFrame:
        """Per stakeholder: how many values each rating got, and how many cells are still empty."""
        rows = []
        for s in self.stakeholders:
            ratings = [self.cells[(s, v)][0] for v in self.values]
            row = {"stakeholder": s}
            row.update({r: ratings.count(r) for r in RATINGS})
            row["not filled"] = ratings.count("")
            rows.append(row)
        return pd.DataFrame(rows)

    def to_markdown(self, title: str = "Ethical matrix") -> str:
        head = "| Stakeholder | " + " | ".join(self.values) + " |"
        rule = "| --- " * (len(self.values) + 1) + "|"
        lines = [f"# {title}", "", head, rule]
        for s in self.stakeholders:
            cells = []
            for v in self.values:
                rating, note = self.cells[(s, v)]
                text = f"{rating}: {note}" if rating and note else (rating or GAP)
                cells.append(text.replace("|", "/").replace("\n", " "))
            lines.append(f"| {s} | " + " | ".join(cells) + " |")
        missing = len(self.gaps())
        lines += ["", f"Cells not filled: {missing} of {len(self.cells)}."]
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["stakeholder", "value", "rating", "note"])
        for (s, v), (rating, note) in self.cells.items():
            writer.writerow([s, v, rating or GAP, note])
        return out.getvalue()

    @classmethod
    def from_csv(cls, text: str) -> "EthicalMatrix":
        rows = list(csv.DictReader(io.StringIO(text)))
        if not rows or set(rows[0]) != {"stakeholder", "value", "rating", "note"}:
            raise ValueError("matrix CSV: expected the columns stakeholder, value, rating, note")
        stakeholders = list(dict.fromkeys(r["stakeholder"] for r in rows))
        values = list(dict.fromkeys(r["value"] for r in rows))
        matrix = cls(stakeholders, values)
        for r in rows:
            matrix.set(r["stakeholder"], r["value"], "" if r["rating"] == GAP else r["rating"], r["note"])
        return matrix
