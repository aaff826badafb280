"""A hand-in's checked answers, read as data: nothing the student wrote is run to read them.

An answer field saves a record ``{"sheet", "qid", "value", "saved"}`` twice: as an output of its
cell (MIME type :data:`MIME`) and in ``SHEET.answers.json`` beside the notebook. Both are read
here, and each value is compared with the instructors' key in the grader's own process
(:func:`score`): a record that claims a verdict, a score or anything else an answer field never
writes is not an answer, and says why. An answer written as code that assigns a plain value
(``speedup_78 = 4.5``) is read with :func:`ast.literal_eval`, which evaluates no code. An
answer computed by code is left to :mod:`filmkit.classroom.grading.sandbox`.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from filmkit.i18n import LANGUAGES, _, use_language
from filmkit.tools import questions  # noqa: F401  (fills REGISTRY)
from filmkit.tools.question import REGISTRY, Key, Question
from filmkit.tools.selfcheck import PASS, evaluate
from filmkit.views.answers import MIME, STUDENT

#: the fields an answer field writes in a record, and nothing else
RECORD_FIELDS = {"sheet", "qid", "value", "saved"}
#: the longest text answer, list and list item a field can produce (a longer one is not a field's)
MAX_TEXT, MAX_ITEMS, MAX_ITEM = 200, 60, 60
_QID = re.compile(r"m\d\d_q\d+")


@dataclass
class Answer:
    """One checked answer: its value, where it was read, and when it was saved (``""`` if unknown)."""

    value: Any
    source: str        # "field", "answers file", "code" or "sandbox"
    saved: str = ""
    raw: str = ""      # the record as saved (for the integrity report: a copied notebook keeps its times)


def _stamp(text) -> str:
    """A record's ``saved`` time if it is one (ISO 8601), else ``""`` (oldest)."""
    try:
        return datetime.fromisoformat(str(text)).isoformat() if text else ""
    except ValueError:
        return ""


def check_value(qid: str, value) -> str:
    """Why ``value`` cannot be an answer to ``qid`` (``""`` if it can): the shapes a field saves, in bounds."""
    kind = REGISTRY[qid].kind
    if value is None:
        return ""
    if kind == "set":
        if not isinstance(value, list) or len(value) > MAX_ITEMS or not all(
                isinstance(v, str) and len(v) <= MAX_ITEM for v in value):
            return _("a list of at most {count} short texts was expected").format(count=MAX_ITEMS)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _("a text or a number was expected, not {type}").format(type=type(value).__name__)
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return _("longer than any answer ({count} characters)").format(count=len(value))
    return ""


def _from_record(record, sheet: str, qids: set[str]) -> tuple[str, Answer | None, str]:
    """(qid, answer or None, problem) of one saved record."""
    if isinstance(record, str):
        try:
            record = json.loads(record)
        except ValueError:
            return "", None, _("an answer record that is not JSON")
    if not isinstance(record, dict) or not isinstance(record.get("qid"), str):
        return "", None, _("an answer record without a question id")
    qid = record["qid"]
    if qid != STUDENT and qid not in qids:
        if _QID.fullmatch(qid):
            return "", None, _("a record for question {qid}, which is not in this exercise sheet").format(qid=qid)
        return "", None, _("a record for an unknown question")
    extra = sorted(set(record) - RECORD_FIELDS)
    if extra:
        return qid, None, _("its record holds fields an answer field never writes ({fields})").format(
            fields=", ".join(map(str, extra))[:80])
    if str(record.get("sheet", "")) != sheet:
        return qid, None, _("its record was saved by another exercise sheet ({sheet})").format(
            sheet=str(record.get("sheet", ""))[:60])
    if qid == STUDENT:
        return qid, Answer(str(record.get("value") or "")[:MAX_TEXT], "field"), ""
    problem = check_value(qid, record.get("value"))
    if problem:
        return qid, None, problem
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return qid, Answer(record.get("value"), "field", _stamp(record.get("saved")), raw), ""


def field_answers(nb: dict, sheet: str, qids: set[str]) -> tuple[dict[str, Answer], str, dict[str, str]]:
    """The answers a notebook's outputs carry: ({qid: answer}, typed name, {qid: why a record was refused})."""
    found: dict[str, Answer] = {}
    problems: dict[str, str] = {}
    typed = ""
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs") or []:
            data = out.get("data") if isinstance(out, dict) else None
            if not isinstance(data, dict) or MIME not in data:
                continue
            qid, answer, problem = _from_record(data[MIME], sheet, qids)
            if qid == STUDENT and answer:
                typed = answer.value
            elif answer is not None:
                if qid not in found or answer.saved >= found[qid].saved:   # the latest save counts
                    found[qid] = answer
                problems.pop(qid, None)
            elif qid and qid not in found:
                problems[qid] = problem
    return found, typed, problems


def file_answers(data, sheet: str, qids: set[str]) -> tuple[dict[str, Answer], dict[str, str]]:
    """The answers of a ``SHEET.answers.json`` file's parsed content, as :func:`field_answers` reads a notebook's."""
    found: dict[str, Answer] = {}
    problems: dict[str, str] = {}
    entries = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or str(data.get("sheet", sheet)) != sheet:
        return found, problems
    for qid, entry in entries.items():
        if qid == STUDENT or qid not in qids:
            continue
        if not isinstance(entry, dict) or set(entry) - {"value", "saved"}:
            problems[qid] = _("its entry in the answers file is not one an answer field writes")
            continue
        problem = check_value(qid, entry.get("value"))
        if problem:
            problems[qid] = problem
            continue
        found[qid] = Answer(entry.get("value"), "answers file", _stamp(entry.get("saved")))
    return found, problems


def _assigned(cell_source: str, variable: str) -> tuple[bool, Any, bool]:
    """(assigns ``variable``, the literal value or None, uses ``ask``) for one cell's code, parsed, never run."""
    try:
        tree = ast.parse(cell_source)
    except (SyntaxError, ValueError):
        return False, None, False
    assigns, literal, asks = False, None, False
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets):
            assigns = True
            call = node.value
            asks = isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "ask"
            try:
                literal = ast.literal_eval(call)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                literal = None
    return assigns, literal, asks


def code_answers(nb: dict, qids: list[str]) -> tuple[dict[str, Answer], list[str]]:
    """Answers written as code: ({qid: literal value}, [qids whose answer is computed by code]).

    A question still answered with ``ask("...")`` is a field's (read from its record); an answer
    assigned a plain value is read as data; any other code that assigns the answer's variable
    needs running, which only the sandbox does.
    """
    sources = [c.get("source", "") for c in nb.get("cells", []) if isinstance(c, dict) and c.get("cell_type") == "code"]
    sources = ["".join(s) if isinstance(s, list) else str(s) for s in sources]
    literals: dict[str, Answer] = {}
    computed = []
    for qid in qids:
        variable = REGISTRY[qid].variable
        last = None
        for source in sources:
            if variable in source:
                assigns, literal, asks = _assigned(source, variable)
                if assigns:
                    last = ("field", None) if asks else ("literal", literal) if literal is not None else ("code", None)
        if last is None or last[0] == "field":
            continue
        if last[0] == "literal" and not check_value(qid, last[1]):
            literals[qid] = Answer(last[1], "code")
        else:
            computed.append(qid)
    return literals, computed


class Marker:
    """The key's expected values, computed once per grading run (a Monte Carlo answer is not re-run per student)."""

    def __init__(self, key: dict):
        self.key = key
        self.keys: dict[str, Key] = {}
        self.questions: dict[tuple[str, str], Question] = {}

    def _question(self, qid: str, lang: str) -> Question:
        """The question with its options listed once per language (listing them reads the data tables)."""
        if (qid, lang) not in self.questions:
            q = REGISTRY[qid]
            if q.options is not None:
                with use_language(lang if lang in LANGUAGES else "en"):
                    listed = list(q.options())
                q = replace(q, options=lambda listed=listed: listed)
            self.questions[(qid, lang)] = q
        return self.questions[(qid, lang)]

    def score(self, qid: str, value, lang: str = "en") -> float:
        """The points ``value`` earns for ``qid``, compared with the key here, read as the notebook's reader writes.

        A number is read in the notebook's language (``1,5`` is 1.5 in French); a choice counts in the
        wording of any language, so no score depends on the edition a student used. Any verdict the
        hand-in claims is ignored: only the value is compared.
        """
        if qid not in self.key or value is None or check_value(qid, value):
            return 0.0
        if qid not in self.keys:   # computed on first use: a module nobody handed in costs nothing
            expected = self.key[qid].expected()
            self.keys[qid] = Key(lambda: expected, rel_tol=self.key[qid].rel_tol)
        languages = [lang] if REGISTRY[qid].kind != "choice" else list(dict.fromkeys([lang, *LANGUAGES]))
        for code in languages:
            with use_language(code if code in LANGUAGES else "en"):
                try:
                    if evaluate(self._question(qid, code), value, self.keys[qid])[0] == PASS:
                        return float(REGISTRY[qid].points)
                except Exception:  # noqa: BLE001 - an answer the check cannot read earns nothing
                    continue
        return 0.0
