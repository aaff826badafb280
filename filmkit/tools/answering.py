"""Answering exercises without code: ``lag_days = ask("m01_q1")`` shows a labelled field.

The field's value becomes the variable (now, and whenever it changes), is saved next to the
notebook and in the notebook (see :mod:`filmkit.views.answers`), and shows its feedback under
it (the same as ``check``'s), with the attempt's number. Learners who prefer code replace
``ask("m01_q1")`` with their own expression. ``written_answer("2.4", title)`` shows a written
task's text box; :func:`progress_summary` lists every exercise by its title, live.
"""

from __future__ import annotations

import inspect

import html

from filmkit.i18n import _, ngettext, number
from filmkit.tools.question import REGISTRY, to_number
from filmkit.tools.selfcheck import ANSWERED, PASS, RESULTS, answer_key, status_label, use_live_summary, verdict
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


def your_name() -> None:
    """The name field at the top of an exercise notebook (shown once: nothing is returned to show again)."""
    if not _CURRENT:
        start("answers")
    _SHEETS[_CURRENT[0]].name_field()


def written_answer(task: str, title: str) -> None:
    """The text box of written task ``task`` (``"2.4"``), labelled with its ``title`` as the notebook words it."""
    if not _CURRENT:
        start("answers")
    _SHEETS[_CURRENT[0]].written_field(str(task), str(title))


def _unanswered(value) -> bool:
    return value is Ellipsis or value is None or (isinstance(value, (str, list)) and not value)


def progress_lines(prefix: str, titles: dict[str, str], namespace: dict, written: dict[str, str]
                   ) -> tuple[str, list[tuple[str, str]]]:
    """(the count line, [(exercise title, its state in words)]) of a module, in the course's order.

    A checked question is named by its exercise's title (its field's label if it has none), never by
    its id; a written task says whether an answer is saved and that the instructor marks it.
    """
    qids = sorted(q for q in REGISTRY if q.startswith(prefix))
    keyed = answer_key() is not None
    rows, done = [], 0
    for qid in qids:
        q = REGISTRY[qid]
        title = titles.get(qid) or _(q.label)
        if _unanswered(namespace.get(q.variable, Ellipsis)):
            state = _("not answered yet")
        else:
            status = verdict(qid, namespace)[0]
            RESULTS[qid] = status
            done += status in (PASS, ANSWERED)
            state = status_label(status)
        rows.append((title, state))
    for task, title in titles.items():
        if task in REGISTRY:
            continue
        text = written.get(task, "")
        words = len(text.split())
        state = (ngettext("{count} word saved; marked by your instructor",
                          "{count} words saved; marked by your instructor", words).format(count=number(words))
                 if words else _("not written yet; marked by your instructor"))
        rows.append((title, state))
    if keyed:
        line = ngettext("{done} of {total} checked question passed", "{done} of {total} checked questions passed",
                        len(qids))
    else:
        line = ngettext("{done} of {total} checked question answered", "{done} of {total} checked questions "
                        "answered", len(qids))
    return line.format(done=number(done), total=number(len(qids))), rows


def progress_summary(prefix: str, titles: dict[str, str]) -> None:
    """The summary at the end of an exercise notebook: each exercise by its title and its state, kept up to
    date as the fields above change."""
    if not _CURRENT:
        start("answers")
    sheet = _SHEETS[_CURRENT[0]]
    ns = _namespace()

    def render() -> str:
        line, rows = progress_lines(prefix, titles, ns, sheet.written)
        row = html.escape(_("{exercise}: {state}"))   # the colon as the language writes it (French: " : ")
        items = "".join("<li>" + row.format(exercise=html.escape(title), state=f"<b>{html.escape(state)}</b>") +
                        "</li>" for title, state in rows)
        return f"<p>{html.escape(line)}</p><ul>{items}</ul>"

    sheet.summary_panel(render)


def export_button():
    """A button that writes every answer to a file named with the student's name and the time."""
    if not _CURRENT:
        start("answers")
    return _SHEETS[_CURRENT[0]].export_button()


use_live_summary(progress_summary)  # an exercise's summary("m02", titles) follows these fields live
