"""Answering exercises without code: ``lag_days = ask("m01_q1")`` shows a labelled field.

The field's value becomes the variable (now, and whenever it changes), is saved next to the
notebook and in the notebook (see :mod:`filmkit.views.answers`), and gets the same feedback as
``check``. Learners who prefer code replace ``ask("m01_q1")`` with their own expression.
"""

from __future__ import annotations

import inspect

from filmkit.i18n import _
from filmkit.tools.question import REGISTRY, to_number
from filmkit.tools.selfcheck import RESULTS, status_label, verdict
from filmkit.views.answers import Sheet

_SHEETS: dict[str, Sheet] = {}
_CURRENT: list[str] = []


def start(sheet: str) -> Sheet:
    """Open the answers of one exercise notebook (its saved answers are read back)."""
    _SHEETS[sheet] = Sheet(sheet)
    _CURRENT[:] = [sheet]
    return _SHEETS[sheet]


def _sheet(qid: str) -> Sheet:
    if not _CURRENT:
        start(qid.split("_")[0])
    return _SHEETS[_CURRENT[0]]


def _namespace() -> dict:
    try:
        from IPython import get_ipython
        shell = get_ipython()
        if shell is not None:
            return shell.user_ns
    except ImportError:  # pragma: no cover - IPython is a dependency
        pass
    frame = inspect.currentframe()
    try:
        return frame.f_back.f_back.f_globals
    finally:
        del frame


def _as_answer(kind: str, value):
    if value in (None, "", []):
        return Ellipsis
    if kind == "number":
        number = to_number(value)
        return value if number is None else (int(number) if number.is_integer() and "." not in str(value) else number)
    return value


def ask(qid: str):
    """Show the answer field of question ``qid`` and return its current answer (``...`` if none yet)."""
    if qid not in REGISTRY:
        print(_("{qid}: there is no question with this id (known: {known}).").format(
            qid=qid, known=", ".join(sorted(REGISTRY))))
        return Ellipsis
    q = REGISTRY[qid]
    sheet = _sheet(qid)
    ns = _namespace()

    def store(value) -> None:
        ns[q.variable] = _as_answer(q.kind, value)

    def on_value(value) -> str:
        store(value)
        status, message = verdict(qid, ns)
        RESULTS[qid] = status
        return _("{status}: {message}").format(status=status_label(status), message=message)

    options = q.options() if q.options else None
    sheet.field(qid, _(q.label), q.kind, options=options, on_value=on_value, on_store=store)
    return _as_answer(q.kind, sheet.value(qid))


def your_name():
    """The name field at the top of an exercise notebook."""
    if not _CURRENT:
        start("answers")
    return _SHEETS[_CURRENT[0]].name_field()


def export_button():
    """A button that writes every answer to a file named with the student's name and the time."""
    if not _CURRENT:
        start("answers")
    return _SHEETS[_CURRENT[0]].export_button()
