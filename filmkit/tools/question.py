"""What a checked exercise question is, and the registry the question bank fills."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Question:
    """One checked answer: its variable, its kind, how to compute the expected value, and known mistakes."""

    qid: str
    variable: str
    kind: str                       # "number", "text" or "set"
    expected: Callable[[], Any]
    what: str                       # what the answer should be, in words (no value)
    rel_tol: float = 0.005
    mistakes: list[tuple[Callable[[], Any], str]] = field(default_factory=list)
    direction_hint: bool = True     # for numbers: say whether the answer is too high or too low


REGISTRY: dict[str, Question] = {}


def question(q: Question) -> Question:
    if q.qid in REGISTRY:
        raise ValueError(f"question id {q.qid!r} is defined twice")
    REGISTRY[q.qid] = q
    return q
