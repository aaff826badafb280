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

_KEY_CACHE: dict[str, dict[str, Key] | None] = {}


def key_path() -> Path:
    """Where the instructors' answer key is looked for: ``instructors/`` next to the package."""
    return _CHECKOUT / "instructors" / "answer_key.py"


def answer_key() -> dict[str, Key] | None:
    """The instructors' answer key, or None in a student release (no key there)."""
    path = key_path()
    if str(path) not in _KEY_CACHE:
        key = None
        if path.is_file():
            spec = importlib.util.spec_from_file_location("filmkit_answer_key", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            key = module.KEY
        _KEY_CACHE[str(path)] = key
    return _KEY_CACHE[str(path)]


def _close(a, b, rel_tol) -> bool:
    return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=1e-9)


def _number_form(q: Question, answer) -> tuple[float | None, str]:
    value = to_number(answer)
    if value is None:
        if isinstance(answer, str):
            return None, (f"expected a number ({q.what}), got the text {answer[:40]!r}: write just the number "
                          "(\"4.5x\", \"1,250\" and \"37%\" are read as numbers).")
        if isinstance(answer, (list, tuple, set, dict)):
            return None, f"expected one number ({q.what}), got a {type(answer).__name__}."
        return None, f"expected a finite number ({q.what}), got {type(answer).__name__}."
    if q.share and 1 < value <= 100:
        return None, (f"{value:g} looks like a percentage; the question asks for a share between 0 and 1 "
                      f"({value:g}% is {value / 100:g}).")
    if q.integer and value != round(value):
        return None, f"expected a whole number ({q.what}); {value:g} has a fraction."
    if (q.low is not None and value < q.low) or (q.high is not None and value > q.high):
        return None, f"{value:g} is not a plausible value for {q.what}: check the units and which case the question asks about."
    return value, ""


def _band(value: float, expected: float) -> str:
    err = abs(value - expected) / max(abs(expected), 1e-9)
    if err <= 0.05:
        return "close (within 5%) but not the model's value: check rounding and that every other input is at its base value."
    if err <= 0.5:
        return "off by between 5% and 50%: one step differs from the notebook's; recheck each input you used."
    return "off by more than half: check the units, the workflow and the case the question asks about."


def evaluate(q: Question, answer, key: Key | None = None) -> tuple[str, str]:
    """(status, message) for an answer; the message never contains the expected value.

    ``status`` is ``passed`` or ``not yet`` when a key is given, ``answered`` or ``not yet`` without one.
    """
    if answer is Ellipsis or answer is None or (isinstance(answer, str) and not answer.strip()):
        return NOT_YET, f"you have not answered yet: fill in the field (or replace ... with {q.what})."
    if q.kind == "number":
        value, problem = _number_form(q, answer)
        if value is None:
            return NOT_YET, problem
        if key is None:
            return ANSWERED, "a plausible answer, saved; your instructor's grader checks the value."
        expected = float(key.expected())
        if _close(value, expected, key.rel_tol):
            return PASS, "correct."
        for value_fn, hint in key.mistakes:
            if _close(value, float(value_fn()), max(key.rel_tol, 1e-6)):
                return NOT_YET, hint
        return NOT_YET, _band(value, expected)
    if q.kind == "choice":
        choice = to_choice(q, answer)
        if choice is None:
            return NOT_YET, f"expected one of the listed items as text ({q.what}), got {type(answer).__name__}."
        known = {str(v) for _, v in q.options()} if q.options else {choice}
        if choice not in known:
            return NOT_YET, f"{answer.strip()[:60]!r} is not one of the listed items: choose it in the answer field."
        if key is None:
            return ANSWERED, "one of the listed items, saved; your instructor's grader checks it."
        if choice.lower() == str(key.expected()).lower():
            return PASS, "correct."
        for value_fn, hint in key.mistakes:
            if choice.lower() == str(value_fn()).lower():
                return NOT_YET, hint
        return NOT_YET, "not the one the model gives: look again at the chart in the notebook."
    if q.kind == "set":
        given = to_items(answer)
        if given is None:
            return NOT_YET, f"expected a list of items ({q.what}), got {type(answer).__name__}."
        known = {str(v) for _, v in q.options()} if q.options else given
        unknown = sorted(v for v in given if v not in known)
        if unknown:
            return NOT_YET, f"{', '.join(unknown)[:60]} is not an id in the list: check the spelling (e.g. 'CL01')."
        if key is None:
            return ANSWERED, "a list of ids, saved; your instructor's grader checks it."
        expected = {str(v) for v in key.expected()}
        if given == expected:
            return PASS, "correct."
        for value_fn, hint in key.mistakes:
            if given & ({str(v) for v in value_fn()} - expected):
                return NOT_YET, hint
        if given < expected:
            return NOT_YET, "every item you chose is right, but some are missing."
        return NOT_YET, "some of your items should not be there: check each one against the table."
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
        return NOT_YET, (f"`{q.variable}` is not defined yet: answer in the field above (or run the cell where you "
                         f"set `{q.variable} = ...`; cells may have run out of order).")
    try:
        key = answer_key()
        return evaluate(q, namespace[q.variable], key.get(qid) if key else None)
    except Exception as exc:  # a check must never show a traceback to a learner
        return NOT_YET, f"the check could not read your answer ({type(exc).__name__}); {q.what} was expected."


def check(qid: str, namespace: dict | None = None) -> bool:
    """Check the answer to question ``qid``; print the status with a hint. Never raises."""
    if qid not in REGISTRY:
        print(f"{qid}: not yet: there is no question with this id (known: {', '.join(sorted(REGISTRY))}).")
        return False
    status, message = verdict(qid, namespace if namespace is not None else _caller_namespace())
    RESULTS[qid] = status
    print(f"{qid}: {status}: {message}")
    return status == PASS


def summary(prefix: str = "") -> None:
    """Print which checks passed in this session (for one module when ``prefix`` is given)."""
    ids = sorted(q for q in REGISTRY if q.startswith(prefix))
    done = sum(RESULTS.get(q) in (PASS, ANSWERED) for q in ids)
    word = "passed" if answer_key() else "answered"
    print(f"{done} of {len(ids)} checks {word}" + (f" in {prefix}" if prefix else ""))
    for q in ids:
        print(f"  {q}: {RESULTS.get(q, 'not run yet')}")


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
        raise FileNotFoundError(f"{root}: no such folder of exercise notebooks.")
    paths = sorted(root.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"{root}: no exercise notebooks (.ipynb) in this folder.")
    rows, problems = [], []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:
            problems.append((path.name, f"cannot be read as a notebook ({type(exc).__name__}): it may be damaged."))
            continue
        prefix = module_prefix(path, nb)
        if prefix is None:
            problems.append((path.name, "no module number in its name (e.g. 01_...) or metadata."))
            continue
        nb.cells.append(nbformat.v4.new_code_cell(
            "from IPython.display import display as _fk_display\n"
            "from filmkit.tools.selfcheck import report as _fk_report, PROGRESS_MIME as _fk_mime\n"
            f"_fk_display({{_fk_mime: _fk_report(globals(), {prefix!r})}}, raw=True)"))
        try:
            NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        except Exception as exc:
            problems.append((path.name, f"could not be run ({type(exc).__name__})."))
            continue
        found = [o["data"][PROGRESS_MIME] for o in nb.cells[-1].get("outputs", [])
                 if o.get("output_type") == "display_data" and PROGRESS_MIME in o.get("data", {})]
        if not found:
            problems.append((path.name, "ran, but the check could not read its answers."))
            continue
        report_ = found[-1] if isinstance(found[-1], dict) else json.loads(found[-1])
        rows += [(path.name, qid, status) for qid, status in report_.items()]
    return rows, problems


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit progress", description="Run exercise notebooks and list one "
                                  "status per checked question (read from the kernel, not from printed text).")
    cli.add_argument("folder", nargs="?", help="folder of exercise notebooks (default: the kit's exercises/)")
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
        print(f"  {qid}: {status}")
    for notebook, problem in problems:
        print(f"{notebook}: {problem}")
    done = sum(status in (PASS, ANSWERED) for _, _, status in rows)
    print(f"{done} of {len(rows)} checks {'passed' if answer_key() else 'answered'}"
          + (f"; {len(problems)} notebook(s) not checked" if problems else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
