"""Helpers shared by the tests: walking a widget tree, and running a notebook.

- :func:`leaves` / :func:`controls` / :func:`shown` find widgets inside a widget tree
  (boxes, tabs, accordions), so a test drives a widget as a learner would.
- :func:`run_notebook` executes a notebook (a file or an in-memory one) with the same
  runner as ``filmkit run``.
"""

from __future__ import annotations

from pathlib import Path


def leaves(tree, kind: str | None = None) -> list:
    """Every widget without children inside ``tree``, in display order; only those of class ``kind`` if given."""
    found = []
    for child in getattr(tree, "children", ()):
        if getattr(child, "children", None) is not None and not hasattr(child, "value"):
            found += leaves(child, kind)
        elif kind is None or type(child).__name__ == kind:
            found.append(child)
    return found


def controls(tree) -> list:
    """Every control a learner can set (a widget with a value and a description), in display order."""
    return [w for w in leaves(tree) if hasattr(w, "value") and getattr(w, "description", "")]


def shown(tree) -> list[str]:
    """The text of every HTML widget in ``tree``, in display order."""
    return [w.value for w in leaves(tree, "HTML")]


def run_notebook(notebook, timeout: int = 300, folder: str | Path | None = None):
    """Execute a notebook (a path, or an ``nbformat`` notebook run in ``folder``); return the executed notebook.

    Errors in cells are kept in the outputs (not raised), so a test can show which cell failed.
    """
    from filmkit.tools.notebooks import execute

    if isinstance(notebook, (str, Path)):
        return execute(Path(notebook), timeout=timeout)
    import tempfile

    import nbformat

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / "notebook.ipynb"
        nbformat.write(notebook, path)
        return execute(path, timeout=timeout)


def refuse(monkeypatch, method: str, matches) -> None:
    """Make ``Path.<method>`` raise "Permission denied" for the paths ``matches(path)`` picks, as the system does for
    a file it will not let this user read (root reads everything, so the tests refuse it themselves)."""
    real = getattr(Path, method)

    def refused(self, *args, **kwargs):
        if matches(self):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, refused)
