"""Self-checks for the exercises: specific feedback, never the answer, never a traceback.

In an exercise notebook a learner writes ``cost = ...`` and runs ``check("m02_q2")``. The
check finds the answer by name in the notebook, compares it with the value the kit's own
model gives (computed here, never printed), and says either "passed" or "not yet", with
a hint for the usual mistakes. Answers of the wrong type, empty answers and cells run out
of order get a hint saying what was expected.

``filmkit progress`` runs the student notebooks in ``exercises/student`` and
prints which checks pass across the whole kit.
"""

from __future__ import annotations

import inspect
import math
import sys
from pathlib import Path

from filmkit.tools import questions  # noqa: F401  (the question bank fills REGISTRY)
from filmkit.tools.project import project_root
from filmkit.tools.question import REGISTRY, Question

PASS, NOT_YET = "passed", "not yet"


RESULTS: dict[str, str] = {}       # qid -> PASS / NOT_YET, for this kernel's summary()


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(float(x))


def _close(a, b, rel_tol) -> bool:
    return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=1e-9)


def _normalise_set(value) -> set | None:
    if isinstance(value, str):
        return None
    try:
        return {str(v).strip() for v in value}
    except TypeError:
        return None


def evaluate(q: Question, answer) -> tuple[bool, str]:
    """(passed, message) for an answer; the message never contains the expected value."""
    if answer is Ellipsis or answer is None:
        return False, f"you have not answered yet: replace ... with {q.what}."
    if q.kind == "number":
        if isinstance(answer, str):
            return False, f"expected a number ({q.what}), got the text {answer[:40]!r}; remove the quotes."
        if isinstance(answer, (list, tuple, set, dict)):
            return False, f"expected one number ({q.what}), got a {type(answer).__name__}."
        if hasattr(answer, "item") and getattr(answer, "size", 2) == 1:
            answer = answer.item()  # a NumPy scalar
        if not _is_number(answer):
            return False, f"expected a finite number ({q.what}), got {type(answer).__name__}."
        expected = float(q.expected())
        if _close(answer, expected, q.rel_tol):
            return True, "correct."
        for value_fn, hint in q.mistakes:
            if _close(answer, float(value_fn()), q.rel_tol):
                return False, hint
        if q.direction_hint:
            side = "higher" if answer > expected else "lower"
            return False, f"your value is {side} than the model's. Check each step against the notebook."
        return False, "that is not the model's value. Check each step against the notebook."
    if q.kind == "set":
        given = _normalise_set(answer)
        if given is None:
            return False, f"expected a list of items ({q.what}), e.g. ['A', 'B']; got {type(answer).__name__}."
        expected = {str(v) for v in q.expected()}
        if given == expected:
            return True, "correct."
        for value_fn, hint in q.mistakes:
            bad = {str(v) for v in value_fn()}
            if given & bad:
                return False, hint
        missing, extra = len(expected - given), len(given - expected)
        parts = []
        if extra:
            parts.append(f"{extra} of your items should not be there")
        if missing:
            parts.append(f"{missing} item(s) are missing")
        return False, " and ".join(parts) + "."
    if q.kind == "text":
        if not isinstance(answer, str):
            return False, f"expected text in quotes ({q.what}), got {type(answer).__name__}."
        expected = str(q.expected())
        if answer.strip().lower() == expected.lower():
            return True, "correct."
        for value_fn, hint in q.mistakes:
            if answer.strip().lower() == str(value_fn()).lower():
                return False, hint
        return False, "not the one the model gives. Look again at the table in the notebook."
    raise ValueError(f"question {q.qid}: unknown kind {q.kind!r}")


def _caller_namespace() -> dict:
    frame = inspect.currentframe()
    try:
        caller = frame.f_back.f_back
        return caller.f_globals if caller is not None else {}
    finally:
        del frame


def check(qid: str, namespace: dict | None = None) -> bool:
    """Check the answer to question ``qid``; print 'passed' or 'not yet' with a hint. Never raises."""
    q = REGISTRY.get(qid)
    if q is None:
        print(f"{qid}: not yet: there is no question with this id (known: {', '.join(sorted(REGISTRY))}).")
        return False
    scope = namespace if namespace is not None else _caller_namespace()
    if q.variable not in scope:
        RESULTS[qid] = NOT_YET
        print(f"{qid}: not yet: `{q.variable}` is not defined. Run the cell where you set "
              f"`{q.variable} = ...` first (cells may have run out of order).")
        return False
    try:
        passed, message = evaluate(q, scope[q.variable])
    except Exception as exc:  # a check must never show a traceback to a learner
        passed, message = False, f"the check could not read your answer ({type(exc).__name__}); {q.what} was expected."
    RESULTS[qid] = PASS if passed else NOT_YET
    print(f"{qid}: {PASS if passed else NOT_YET}: {message}")
    return passed


def summary(prefix: str = "") -> None:
    """Print which checks passed in this session (for one module when ``prefix`` is given)."""
    ids = sorted(q for q in REGISTRY if q.startswith(prefix))
    done = sum(RESULTS.get(q) == PASS for q in ids)
    print(f"{done} of {len(ids)} checks passed" + (f" in {prefix}" if prefix else ""))
    for q in ids:
        print(f"  {q}: {RESULTS.get(q, 'not run yet')}")


def progress(folder: str | Path | None = None) -> list[tuple[str, str, str]]:
    """Run every student notebook in ``folder`` and collect (notebook, question, status)."""
    import nbformat
    from nbclient import NotebookClient

    root = Path(folder) if folder else project_root() / "exercises" / "student"
    known = set(REGISTRY)
    rows = []
    for path in sorted(root.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                for line in out.get("text", "").splitlines():
                    head = line.split(":", 2)
                    if len(head) >= 2 and head[0] in known and head[1].strip() in (PASS, NOT_YET):
                        rows.append((path.name, head[0], head[1].strip()))
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit progress", description="Run exercise notebooks and list which "
                                  "checks pass.")
    cli.add_argument("folder", nargs="?", help="folder of exercise notebooks (default: exercises/student)")
    args = cli.parse_args(argv)
    rows = progress(args.folder)
    passed = sum(status == PASS for _, _, status in rows)
    current = None
    for notebook, qid, status in rows:
        if notebook != current:
            print(notebook)
            current = notebook
        print(f"  {qid}: {status}")
    print(f"{passed} of {len(rows)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
