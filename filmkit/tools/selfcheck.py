"""Self-checks for the exercises: specific feedback, never the answer, never a traceback.

In an exercise notebook a learner answers in a labelled field (or replaces ``...`` with a
value) and runs ``check("m02_q2")``. The check reads the answer the kernel holds, checks its
form (a number, a share, one of the listed inputs) and, when the instructors' answer key is
present (a full copy of the kit, for self-learners), compares it with the value the kit's model
gives. Feedback is a hint for a known mistake, or a band ("within 5%", "off by more than half"),
never the value and never "higher" or "lower", so it cannot be bisected. In a student release
(no answer key) a check confirms the form and says that the grader checks the value.

``filmkit progress FOLDER`` runs exercise notebooks and lists one status per question, read from
the kernel after the notebook has run (printed text counts for nothing).
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import math
import sys
from pathlib import Path

from filmkit.i18n import _, language, ngettext, number, percent, pgettext
from filmkit.tools import questions  # noqa: F401  (the question bank fills REGISTRY)
from filmkit.tools.project import project_root
from filmkit.tools.question import (
    REGISTRY,
    Key,
    Question,
    to_choice,
    to_items,
    to_number,
)

PASS, NOT_YET, ANSWERED = "passed", "not yet", "answered"
_CHECKOUT = Path(__file__).resolve().parents[2]   # the kit's folder (or a release of it)
RESULTS: dict[str, str] = {}       # qid -> status, for this kernel's summary(); one status per question
PROGRESS_MIME = "application/vnd.filmkit.progress+json"

_KEY_CACHE: dict[tuple[str, str], dict[str, Key] | None] = {}


def status_label(status: str) -> str:
    """A status (``passed``, ``not yet``, ``answered``, ``not run yet``) as the learner reads it."""
    labels = {
        PASS: pgettext("check status", "passed"),
        NOT_YET: pgettext("check status", "not yet"),
        ANSWERED: pgettext("check status", "answered"),
        "not run yet": pgettext("check status", "not run yet"),
    }
    return labels.get(status, status)


def _shown(value: float) -> str:
    """A learner's number as they wrote it (as many decimals as it has), in the reader's format."""
    text = f"{value:g}"
    if "e" in text or "inf" in text or "nan" in text:
        return text
    return number(value, len(text.split(".")[1]) if "." in text else 0)


def key_path() -> Path:
    """Where the instructors' answer key is looked for: ``instructors/`` next to the package."""
    return _CHECKOUT / "instructors" / "answer_key.py"


def answer_key() -> dict[str, Key] | None:
    """The instructors' answer key, or None in a student release (no key there).

    The key is read once per language: its hints are written in ``_()`` and come in the
    language in use when it is read.
    """
    path = key_path()
    cached = (str(path), language())
    if cached not in _KEY_CACHE:
        key = None
        if path.is_file():
            spec = importlib.util.spec_from_file_location("filmkit_answer_key", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            key = module.KEY
        _KEY_CACHE[cached] = key
    return _KEY_CACHE[cached]


def _close(a, b, rel_tol) -> bool:
    return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=1e-9)


def _number_form(q: Question, answer) -> tuple[float | None, str]:
    value = to_number(answer)
    what = _(q.what)
    if value is None:
        if isinstance(answer, str):
            return None, _("expected a number ({what}), got the text {text}: write just the number "
                           "(\"4.5x\", \"1,250\" and \"37%\" are read as numbers).").format(
                               what=what, text=repr(answer[:40]))
        if isinstance(answer, (list, tuple, set, dict)):
            return None, _("expected one number ({what}), got a {type}.").format(what=what, type=type(answer).__name__)
        return None, _("expected a finite number ({what}), got {type}.").format(what=what, type=type(answer).__name__)
    if q.share and 1 < value <= 100:
        digits = len(f"{value:g}".split(".")[1]) if "." in f"{value:g}" else 0
        return None, _("{value} looks like a percentage; the question asks for a share between 0 and 1 "
                       "({percent} is {share}).").format(value=_shown(value), percent=percent(value / 100, digits),
                                                         share=_shown(value / 100))
    if q.integer and value != round(value):
        return None, _("expected a whole number ({what}); {value} has a fraction.").format(what=what, value=_shown(value))
    if (q.low is not None and value < q.low) or (q.high is not None and value > q.high):
        return None, _("{value} is not a plausible value for {what}: check the units and which case the question "
                       "asks about.").format(value=_shown(value), what=what)
    return value, ""


def _band(value: float, expected: float) -> str:
    err = abs(value - expected) / max(abs(expected), 1e-9)
    if err <= 0.05:
        return _("close (within 5%) but not the model's value: check rounding and that every other input is at its "
                 "base value.")
    if err <= 0.5:
        return _("off by between 5% and 50%: one step differs from the notebook's; recheck each input you used.")
    return _("off by more than half: check the units, the workflow and the case the question asks about.")


def evaluate(q: Question, answer, key: Key | None = None) -> tuple[str, str]:
    """(status, message) for an answer; the message never contains the expected value.

    ``status`` is ``passed`` or ``not yet`` when a key is given, ``answered`` or ``not yet`` without one.
    """
    if answer is Ellipsis or answer is None or (isinstance(answer, str) and not answer.strip()):
        return NOT_YET, _("you have not answered yet: fill in the field (or replace ... with {what}).").format(
            what=_(q.what))
    if q.kind == "number":
        value, problem = _number_form(q, answer)
        if value is None:
            return NOT_YET, problem
        if key is None:
            return ANSWERED, _("a plausible answer, saved; your instructor's grader checks the value.")
        expected = float(key.expected())
        if _close(value, expected, key.rel_tol):
            return PASS, _("correct.")
        for value_fn, hint in key.mistakes:
            if _close(value, float(value_fn()), max(key.rel_tol, 1e-6)):
                return NOT_YET, hint
        return NOT_YET, _band(value, expected)
    if q.kind == "choice":
        choice = to_choice(q, answer)
        if choice is None:
            return NOT_YET, _("expected one of the listed items as text ({what}), got {type}.").format(
                what=_(q.what), type=type(answer).__name__)
        known = {str(v) for _label, v in q.options()} if q.options else {choice}
        if choice not in known:
            return NOT_YET, _("{answer} is not one of the listed items: choose it in the answer field.").format(
                answer=repr(answer.strip()[:60]))
        if key is None:
            return ANSWERED, _("one of the listed items, saved; your instructor's grader checks it.")
        if choice.lower() == str(key.expected()).lower():
            return PASS, _("correct.")
        for value_fn, hint in key.mistakes:
            if choice.lower() == str(value_fn()).lower():
                return NOT_YET, hint
        return NOT_YET, _("not the one the model gives: look again at the chart in the notebook.")
    if q.kind == "set":
        given = to_items(answer)
        if given is None:
            return NOT_YET, _("expected a list of items ({what}), got {type}.").format(
                what=_(q.what), type=type(answer).__name__)
        known = {str(v) for _label, v in q.options()} if q.options else given
        unknown = sorted(v for v in given if v not in known)
        if unknown:
            return NOT_YET, _("{items} is not an id in the list: check the spelling (e.g. 'CL01').").format(
                items=", ".join(unknown)[:60])
        if key is None:
            return ANSWERED, _("a list of ids, saved; your instructor's grader checks it.")
        expected = {str(v) for v in key.expected()}
        if given == expected:
            return PASS, _("correct.")
        for value_fn, hint in key.mistakes:
            if given & ({str(v) for v in value_fn()} - expected):
                return NOT_YET, hint
        if given < expected:
            return NOT_YET, _("every item you chose is right, but some are missing.")
        return NOT_YET, _("some of your items should not be there: check each one against the table.")
    raise ValueError(f"question {q.qid}: unknown kind {q.kind!r}")


def _caller_namespace() -> dict:
    frame = inspect.currentframe()
    try:
        caller = frame.f_back.f_back
        return caller.f_globals if caller is not None else {}
    finally:
        del frame


def verdict(qid: str, namespace: dict) -> tuple[str, str]:
    """(status, message) for question ``qid`` given the variables in ``namespace``. Never raises."""
    q = REGISTRY[qid]
    if q.variable not in namespace:
        return NOT_YET, _("`{variable}` is not defined yet: answer in the field above (or run the cell where you "
                          "set `{variable} = ...`; cells may have run out of order).").format(variable=q.variable)
    try:
        key = answer_key()
        return evaluate(q, namespace[q.variable], key.get(qid) if key else None)
    except Exception as exc:  # a check must never show a traceback to a learner
        return NOT_YET, _("the check could not read your answer ({error}); {what} was expected.").format(
            error=type(exc).__name__, what=_(q.what))


def check(qid: str, namespace: dict | None = None) -> bool:
    """Check the answer to question ``qid``; print the status with a hint. Never raises."""
    if qid not in REGISTRY:
        message = _("there is no question with this id (known: {known}).").format(known=", ".join(sorted(REGISTRY)))
        print(_("{qid}: {status}: {message}").format(qid=qid, status=status_label(NOT_YET), message=message))
        return False
    status, message = verdict(qid, namespace if namespace is not None else _caller_namespace())
    RESULTS[qid] = status
    print(_("{qid}: {status}: {message}").format(qid=qid, status=status_label(status), message=message))
    return status == PASS


#: The live summary of the answer fields, set by :mod:`filmkit.tools.answering` when an exercise notebook
#: imports it (the fields depend on these checks, never the other way round); without it, the printed one.
_LIVE_SUMMARY: list = []


def use_live_summary(show) -> None:
    """Let ``summary(prefix, titles)`` show ``show(prefix, titles)``: the fields' own summary, kept up to date."""
    _LIVE_SUMMARY[:] = [show]


def summary(prefix: str = "", titles: dict[str, str] | None = None) -> None:
    """Print which checks passed in this session (for one module when ``prefix`` is given).

    Given the exercises' ``titles`` ({question id or written task: title}, as an exercise notebook
    passes them), the summary names each exercise by its title, says which written tasks the
    instructor marks, and follows the answer fields live (:func:`filmkit.tools.answering.progress_summary`).
    """
    if titles is not None and _LIVE_SUMMARY:
        _LIVE_SUMMARY[0](prefix, titles)
        return
    ids = sorted(q for q in REGISTRY if q.startswith(prefix))
    done = sum(RESULTS.get(q) in (PASS, ANSWERED) for q in ids)
    print(_checks_done(done, len(ids), answer_key() is not None, prefix))
    for q in ids:
        print("  " + _("{qid}: {status}").format(qid=q, status=status_label(RESULTS.get(q, "not run yet"))))


def _checks_done(done: int, total: int, keyed: bool, prefix: str = "") -> str:
    """The line "3 of 5 checks passed in m02": "passed" with the answer key, "answered" without it."""
    if keyed and prefix:
        text = ngettext("{done} of {total} check passed in {module}", "{done} of {total} checks passed in {module}",
                        total)
    elif keyed:
        text = ngettext("{done} of {total} check passed", "{done} of {total} checks passed", total)
    elif prefix:
        text = ngettext("{done} of {total} check answered in {module}", "{done} of {total} checks answered in {module}",
                        total)
    else:
        text = ngettext("{done} of {total} check answered", "{done} of {total} checks answered", total)
    return text.format(done=done, total=total, module=prefix)


def report(namespace: dict, prefix: str) -> dict:
    """One status per question of a module, from the variables a kernel holds (for ``progress``)."""
    return {qid: verdict(qid, namespace)[0] for qid in sorted(REGISTRY) if qid.startswith(prefix)}


def module_prefix(path: Path, nb=None) -> str | None:
    meta = (nb.metadata.get("filmkit", {}) if nb is not None else {}) or {}
    if meta.get("module"):
        return f"m{int(meta['module']):02d}"
    digits = Path(path).name[:2]
    return f"m{digits}" if digits.isdigit() else None


def progress(folder: str | Path | None = None) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Run every exercise notebook in ``folder``: ([(notebook, question, status)], [(notebook, problem)])."""
    import nbformat
    from nbclient import NotebookClient

    root = Path(folder) if folder else project_root() / "exercises"
    if not root.is_dir():
        raise FileNotFoundError(_("{folder}: no such folder of exercise notebooks.").format(folder=root))
    paths = sorted(root.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(_("{folder}: no exercise notebooks (.ipynb) in this folder.").format(folder=root))
    rows, problems = [], []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:
            problems.append((path.name, _("cannot be read as a notebook ({error}): it may be damaged.").format(
                error=type(exc).__name__)))
            continue
        prefix = module_prefix(path, nb)
        if prefix is None:
            problems.append((path.name, _("no module number in its name (e.g. 01_...) or metadata.")))
            continue
        nb.cells.append(nbformat.v4.new_code_cell(
            "from IPython.display import display as _fk_display\n"
            "from filmkit.tools.selfcheck import report as _fk_report, PROGRESS_MIME as _fk_mime\n"
            f"_fk_display({{_fk_mime: _fk_report(globals(), {prefix!r})}}, raw=True)"))
        try:
            NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        except Exception as exc:
            problems.append((path.name, _("could not be run ({error}).").format(error=type(exc).__name__)))
            continue
        found = [o["data"][PROGRESS_MIME] for o in nb.cells[-1].get("outputs", [])
                 if o.get("output_type") == "display_data" and PROGRESS_MIME in o.get("data", {})]
        if not found:
            problems.append((path.name, _("ran, but the check could not read its answers.")))
            continue
        report_ = found[-1] if isinstance(found[-1], dict) else json.loads(found[-1])
        rows += [(path.name, qid, status) for qid, status in report_.items()]
    return rows, problems


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit progress", description=_("Run exercise notebooks and list one "
                                  "status per checked question (read from the kernel, not from printed text)."))
    cli.add_argument("folder", nargs="?", help=_("folder of exercise notebooks (default: the kit's exercises/)"))
    args = cli.parse_args(argv)
    try:
        rows, problems = progress(args.folder)
    except FileNotFoundError as exc:
        print(f"filmkit progress: {exc}", file=sys.stderr)
        return 1
    current = None
    for notebook, qid, status in rows:
        if notebook != current:
            print(notebook)
            current = notebook
        print("  " + _("{qid}: {status}").format(qid=qid, status=status_label(status)))
    for notebook, problem in problems:
        print(_("{notebook}: {problem}").format(notebook=notebook, problem=problem))
    done = sum(status in (PASS, ANSWERED) for _nb, _qid, status in rows)
    total = _checks_done(done, len(rows), answer_key() is not None)
    if problems:
        total = ngettext("{checks}; {count} notebook not checked", "{checks}; {count} notebooks not checked",
                         len(problems)).format(checks=total, count=len(problems))
    print(total)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
