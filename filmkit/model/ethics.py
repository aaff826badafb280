"""Ethics and governance: contract provisions, Netflix's guidance as a checklist, comparison cases,
and an ethical matrix a learner fills in and hands in.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import pandas as pd

from filmkit.i18n import N_, _, number, pgettext
from filmkit.model import safe_csv
from filmkit.model.data import check_choice, load, term, with_sources
from filmkit.model.labels import Named

ANSWERS = ("yes", "no", "unsure")


def answer_label(answer: str) -> str:
    """How a checklist answer (``yes``, ``no``, ``unsure``) is shown, in the language in use."""
    return {"yes": pgettext("checklist answer", "yes"), "no": pgettext("checklist answer", "no"),
            "unsure": pgettext("checklist answer", "unsure")}.get(answer, answer)


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
    "disclosure": ["never_confirmed", "after_release", "before_wide_release", "vendor_claim", "announced", "at_release", "before_release"],
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
        """What the answers raise, one item a line: items are questions and names written in the reader's
        language, and no separator glued between them suits every language ("?;" suits none)."""
        lines = []
        if self.missing:
            lines.append(_("Not yet answered ({count}):").format(count=number(len(self.missing))))
            lines += [_bullet(q) for q in self.missing]
        if self.approval:
            lines.append(_("Written approval required:"))
            lines += [_bullet(r) for r in self.approval]
        if self.escalate:
            lines.append(_("Escalate to the Netflix contact:"))
            lines += [_bullet(i) for i in self.escalate]
        if not self.missing and not self.approval and not self.escalate:
            lines.append(_("Share the intended use with the Netflix contact; no approval trigger or principle "
                           "is raised."))
        return "\n".join(lines)


def _bullet(item: str) -> str:
    return "  - " + item


def checklist_questions() -> pd.DataFrame:
    """The questions the checklist asks: the guidance's triggers, principles and categories."""
    table = load("guidance_principles")
    return table[table["question"] != ""].reset_index(drop=True)


def assess(answers: dict) -> Assessment:
    """Apply the guidance to answers {question id: 'yes' | 'no' | 'unsure' | None}.

    - A question with an ``approval_label`` in data/guidance_principles.csv (the approval triggers:
      final deliverables, likeness, personal data, third-party IP; and the misleading-content
      category) answered 'yes' requires written approval; 'unsure' is escalated.
    - Any other question (a guiding principle, the disclosure duty) answered 'no' or 'unsure' is
      escalated ("written approval may be required").
    - Not sharing the use with the Netflix contact breaks the disclosure duty.
    """
    if not isinstance(answers, dict):
        raise ValueError(_("answers: expected a mapping of question ids to yes/no/unsure, got {kind}").format(
            kind=type(answers).__name__))
    questions = checklist_questions().set_index("id")
    unknown = sorted(set(answers) - set(questions.index))
    if unknown:
        raise ValueError(_("answers: unknown question id(s) {unknown} (known: {known})").format(
            unknown=", ".join(map(str, unknown)), known=", ".join(questions.index)))
    result = Assessment()
    for qid, row in questions.iterrows():
        answer = answers.get(qid)
        if answer is None or answer == "":
            result.missing.append(row["question"])
            continue
        check_choice(f"answers['{qid}']", answer, ANSWERS)
        if row["approval_label"]:  # data/guidance_principles.csv: 'yes' needs written approval
            if answer == "yes":
                result.approval.append(row["approval_label"])
                result.reasons[qid] = _("answered yes")
            elif answer == "unsure":
                result.escalate.append(_("unsure: {question}").format(question=row["question"]))
                result.reasons[qid] = _("answered unsure")
        elif answer == "no":
            result.escalate.append(_("no: {question}").format(question=row["question"]))
            result.reasons[qid] = _("answered no")
        elif answer == "unsure":
            result.escalate.append(_("unsure: {question}").format(question=row["question"]))
            result.reasons[qid] = _("answered unsure")
    return result


#: The kit's illustrative reading of five proposed uses. They are for discussion, not Netflix's decisions.
#: Iterating gives each use's name in the language in use; a name is found in English or as shown.
PROPOSED_USES = Named({
    N_("The Eternaut's building collapse"): {"G01": "yes", "T1": "yes", "T2": "no", "T3": "no", "T4": "unsure",
                                        "N1": "unsure", "N2": "yes", "N3": "no", "N4": "yes", "A1": "no"},
    N_("De-ageing a lead actor"): {"G01": "yes", "T1": "yes", "T2": "yes", "T3": "yes", "T4": "no",
                               "N1": "unsure", "N2": "yes", "N3": "no", "N4": "unsure", "A1": "no"},
    N_("An altered photo in a documentary"): {"G01": "no", "T1": "yes", "T2": "yes", "T3": "yes", "T4": "unsure",
                                          "N1": "unsure", "N2": "unsure", "N3": "no", "N4": "yes", "A1": "yes"},
    N_("A generated background crowd"): {"G01": "yes", "T1": "yes", "T2": "unsure", "T3": "no", "T4": "no",
                                     "N1": "unsure", "N2": "yes", "N3": "no", "N4": "no", "A1": "no"},
    N_("A synthetic voice for a few lines"): {"G01": "no", "T1": "yes", "T2": "yes", "T3": "yes", "T4": "no",
                                              "N1": "unsure", "N2": "yes", "N3": "no", "N4": "unsure",
                                              "A1": "unsure"},
})


# ---------------------------------------------------------------- the ethical matrix

RATINGS = ["serves", "mixed", "harms", "not relevant"]
#: what an empty cell holds in a saved CSV file (saved files stay English; shown, it is ``_(GAP)``)
GAP = N_("(not filled)")
#: shown as ``_(NO_EVIDENCE)``
NO_EVIDENCE = N_("no source in the kit's data shows this group's stake: added for discussion")
MATRIX_FORMAT = 1


def rating_label(rating: str) -> str:
    """How a matrix rating (a value of :data:`RATINGS`, or "" for an empty cell) is shown, in the language in use."""
    labels = {"serves": pgettext("matrix rating", "serves"), "mixed": pgettext("matrix rating", "mixed"),
              "harms": pgettext("matrix rating", "harms"), "not relevant": pgettext("matrix rating", "not relevant"),
              "": _(GAP)}
    return labels.get(rating, rating)


def _kind_label(kind: str) -> str:
    """The name of a row or a column of the matrix, as an error message starts with it."""
    return {"stakeholder": pgettext("matrix row", "stakeholder"),
            "value": pgettext("matrix column", "value")}.get(kind, kind)


def default_stakeholders() -> list[str]:
    """The matrix's starting rows, from data/matrix_stakeholders.csv."""
    return list(load("matrix_stakeholders")["stakeholder"])


def default_values() -> list[str]:
    """The matrix's starting columns, from data/matrix_values.csv."""
    return list(load("matrix_values")["value"])


def stakeholder_evidence() -> dict[str, str]:
    """Stakeholder -> what a source says about their stake, with its publisher and title (never the source's
    internal id); or that there is none."""
    table = with_sources(load("matrix_stakeholders"))
    titles = dict(zip(load("sources")["id"], load("sources")["title"]))
    out = {}
    for r in table.itertuples(index=False):
        if r.source_id:
            # TRANSLATORS: a stakeholder's evidence, then who published it and the title of the source, quoted
            out[r.stakeholder] = _("{evidence} ({publisher}, \u201c{title}\u201d).").format(
                evidence=r.evidence.rstrip("."), publisher=r.publisher, title=titles.get(r.source_id, "").rstrip("."))
        else:
            out[r.stakeholder] = _(NO_EVIDENCE)
    return out


def _label(kind: str, text) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(_("{kind}: give a name (some text), not {text}").format(kind=_kind_label(kind), text=repr(text)))
    clean = " ".join(text.split())
    if len(clean) > 80:
        raise ValueError(_("{kind}: {start}... is {length} characters long; keep it under {limit}").format(
            kind=_kind_label(kind), start=repr(clean[:30]), length=len(clean), limit=80))
    return clean


def _names(kind: str, names) -> list[str]:
    """The row or column names a notebook gives, as given (a saved file's names must match its cells), each
    some text; one message for anything else."""
    if isinstance(names, (str, bytes)) or not hasattr(names, "__iter__"):
        raise ValueError(_("{kind}: {names} is not a list of names (e.g. ['Audience', 'VFX artists'])").format(
            kind=_kind_label(kind), names=repr(names)))
    names = list(names)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            _label(kind, name)  # raises, naming the value
    return names


class EthicalMatrix:
    """Stakeholders x values. Each cell holds a rating and a short reason; empty cells are gaps.

    Rows and columns start from data/ and can be added to and renamed; a rename keeps the cells.
    """

    def __init__(self, stakeholders=None, values=None):
        self.stakeholders = default_stakeholders() if stakeholders is None else _names("stakeholder", stakeholders)
        self.values = default_values() if values is None else _names("value", values)
        for kind, names in (("stakeholder", self.stakeholders), ("value", self.values)):
            doubled = sorted({n for n in names if names.count(n) > 1})
            if doubled:
                raise ValueError(_("{kind}: {names} appears more than once").format(
                    kind=_kind_label(kind), names=", ".join(map(repr, doubled))))
        self.cells = {(s, v): ("", "") for s in self.stakeholders for v in self.values}

    def set(self, stakeholder: str, value: str, rating: str = "", note: str = "") -> None:
        check_choice("stakeholder", stakeholder, self.stakeholders)
        check_choice("value", value, self.values)
        if rating not in ("", *RATINGS):
            raise ValueError(_("rating: {rating} is not one of {allowed} (or empty)").format(
                rating=repr(rating), allowed=", ".join(RATINGS)))
        if not isinstance(note, str):
            raise ValueError(_("note: expected text, got {kind}").format(kind=type(note).__name__))
        self.cells[(stakeholder, value)] = (rating, note.strip())

    # -- rows and columns
    def add_stakeholder(self, name: str) -> str:
        """Add a row (empty cells); returns the cleaned name."""
        name = _label("stakeholder", name)
        if name in self.stakeholders:
            raise ValueError(_("{kind}: {name} is already in the matrix").format(
                kind=_kind_label("stakeholder"), name=repr(name)))
        self.stakeholders.append(name)
        self.cells.update({(name, v): ("", "") for v in self.values})
        return name

    def add_value(self, name: str) -> str:
        """Add a column (empty cells); returns the cleaned name."""
        name = _label("value", name)
        if name in self.values:
            raise ValueError(_("{kind}: {name} is already in the matrix").format(
                kind=_kind_label("value"), name=repr(name)))
        self.values.append(name)
        self.cells.update({(s, name): ("", "") for s in self.stakeholders})
        return name

    def rename_stakeholder(self, old: str, new: str) -> str:
        """Rename a row, keeping its cells."""
        return self._rename("stakeholder", self.stakeholders, 0, old, new)

    def rename_value(self, old: str, new: str) -> str:
        """Rename a column, keeping its cells."""
        return self._rename("value", self.values, 1, old, new)

    def _rename(self, kind: str, names: list[str], place: int, old: str, new: str) -> str:
        """Rename ``old`` to ``new`` in ``names`` (the rows or the columns) and in the cell keys at ``place``."""
        check_choice(kind, old, names)
        new = _label(kind, new)
        if new != old and new in names:
            raise ValueError(_("{kind}: {name} is already in the matrix").format(
                kind=_kind_label(kind), name=repr(new)))
        names[names.index(old)] = new
        self.cells = {tuple(new if i == place and part == old else part for i, part in enumerate(key)): cell
                      for key, cell in self.cells.items()}
        return new

    # -- reading
    def gaps(self) -> list[tuple[str, str]]:
        return [k for k, (rating, _note) in self.cells.items() if not rating]

    def filled(self) -> int:
        """How many cells have a rating."""
        return len(self.cells) - len(self.gaps())

    def summary(self) -> pd.DataFrame:
        """Per stakeholder: how many values each rating got, and how many cells are still empty.

        A table to show: its column headings are in the language in use.
        """
        heads = [pgettext("matrix row", "stakeholder"), *(rating_label(r) for r in RATINGS), _("not filled")]
        rows = []
        for s in self.stakeholders:
            ratings = [self.cells[(s, v)][0] for v in self.values]
            shown = term("stakeholder", s)  # the kit's stakeholders by their name in the reader's language
            rows.append(dict(zip(heads, [shown, *(ratings.count(r) for r in RATINGS), ratings.count("")])))
        return pd.DataFrame(rows, columns=heads)

    def to_markdown(self, title: str | None = None, evidence: dict | None = None) -> str:
        """The matrix as a Markdown table; ``evidence`` (stakeholder -> text) adds a note per row.

        ``title`` defaults to "Ethical matrix"; the kit's own words are in the language in use.
        """
        if title is None:
            title = _("Ethical matrix")
        head = "| " + _("Stakeholder") + " | " + " | ".join(v.replace("|", "/") for v in self.values) + " |"
        rule = "| --- " * (len(self.values) + 1) + "|"
        lines = [f"# {title}", "", head, rule]
        for s in self.stakeholders:
            cells = []
            for v in self.values:
                rating, note = self.cells[(s, v)]
                if rating and note:
                    text = _("{rating}: {note}").format(rating=rating_label(rating), note=note)
                else:
                    text = rating_label(rating)
                cells.append(text.replace("|", "/").replace("\n", " "))
            lines.append(f"| {s.replace('|', '/')} | " + " | ".join(cells) + " |")
        lines += ["", _("Cells not filled: {missing} of {total}.").format(missing=number(len(self.gaps())),
                                                                           total=number(len(self.cells)))]
        if evidence is not None:
            unsourced = _("added by the author of this matrix; no source in the kit's data shows this group's stake: "
                          "added for discussion")
            lines += ["", "## " + _("Why these stakeholders"), ""]
            lines += [f"- **{s}**: {evidence.get(s, unsourced)}" for s in self.stakeholders]
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        # names and notes are typed by a person: no cell may open as a spreadsheet formula
        return safe_csv.csv_text(["stakeholder", "value", "rating", "note"],
                                 [[s, v, rating or GAP, note] for (s, v), (rating, note) in self.cells.items()])

    @classmethod
    def from_csv(cls, text: str) -> EthicalMatrix:
        rows = [{k: safe_csv.restore(v or "") for k, v in r.items()} for r in csv.DictReader(io.StringIO(text))]
        if not rows or set(rows[0]) != {"stakeholder", "value", "rating", "note"}:
            raise ValueError(_("matrix CSV: expected the columns stakeholder, value, rating, note"))
        stakeholders = list(dict.fromkeys(r["stakeholder"] for r in rows))
        values = list(dict.fromkeys(r["value"] for r in rows))
        matrix = cls(stakeholders, values)
        for r in rows:
            # an empty cell is saved as GAP; a file written by hand may hold it as shown in another language
            matrix.set(r["stakeholder"], r["value"], "" if r["rating"] in (GAP, _(GAP)) else r["rating"], r["note"])
        return matrix

    # -- saving work between sessions
    def to_dict(self, student: str = "") -> dict:
        """A JSON-ready record of the whole matrix (rows, columns, every cell)."""
        return {"kit": "filmkit", "kind": "ethical_matrix", "format": MATRIX_FORMAT, "student": str(student),
                "stakeholders": list(self.stakeholders), "values": list(self.values),
                "cells": [[s, v, r, n] for (s, v), (r, n) in self.cells.items()]}

    @classmethod
    def from_dict(cls, data, label: str | None = None) -> EthicalMatrix:
        """Rebuild a matrix from :meth:`to_dict`; a ValueError names what is wrong."""
        if label is None:
            label = _("matrix file")
        if not isinstance(data, dict) or data.get("kind") != "ethical_matrix":
            raise ValueError(_("{label}: not an ethical matrix saved by the kit").format(label=label))
        if data.get("format") != MATRIX_FORMAT:
            raise ValueError(_("{label}: format {format} is not supported (this kit reads {supported})").format(
                label=label, format=repr(data.get("format")), supported=MATRIX_FORMAT))
        try:
            matrix = cls(data["stakeholders"], data["values"])
            for s, v, r, n in data["cells"]:
                matrix.set(s, v, r, n)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(_("{label}: damaged ({error})").format(label=label, error=exc)) from None
        return matrix

    def to_json(self, student: str = "") -> str:
        return json.dumps(self.to_dict(student), indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, label: str | None = None) -> EthicalMatrix:
        if label is None:
            label = _("matrix file")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # the reason is Python's own wording
            raise ValueError(_("{label}: not valid JSON ({error})").format(label=label, error=exc)) from None
        return cls.from_dict(data, label)

    def covers(self, other: EthicalMatrix) -> bool:
        """Does this matrix hold every filled cell of ``other`` (same rating and note)?"""
        return all(self.cells.get(k) == c for k, c in other.cells.items() if c[0])
