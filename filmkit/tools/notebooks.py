"""Run the kit's notebooks in place, so their committed outputs are fresh.

    filmkit run              # every notebook in notebooks/ and apps/
    filmkit run notebooks/01_the_eternaut_case.ipynb

Each notebook runs top to bottom in a fresh ``python3`` kernel, with widget state
saved (so nbviewer shows the widgets). Each widget's text stand-in (what a page shows where it
cannot draw the widget: a notebook not run yet, not trusted, or after a restart) is a sentence in
the notebook's language saying how to bring it up, never the widget's Python repr. A notebook that shows an error, a warning
on stderr, or an exception swallowed inside a widget callback is reported and not
written back: the command exits with status 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from filmkit.i18n import N_, _, use_language
from filmkit.model.files import atomic_write_text, os_reason
from filmkit.tools.project import NotAKitCheckout, project_root, shown

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: Where a widget is, before the notebook runs (the widget's plain-text stand-in, saved with the notebook).
BEFORE_A_RUN = N_("The sliders, menus and charts appear here once you choose Run › Run All Cells.")


def notebook_language(nb) -> str:
    """The language a notebook is written in: an edition's (set by its build), else English."""
    return nb.metadata.get("filmkit", {}).get("language") or "en"


def widget_stand_ins(nb) -> int:
    """Give every widget output, as its plain text, a sentence in the notebook's language saying how to
    bring the widget up; the widget itself (its view and saved state) is kept. Returns how many changed."""
    with use_language(notebook_language(nb)):
        sentence = _(BEFORE_A_RUN)
    changed = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_MIME in data and data.get("text/plain") != sentence:
                data["text/plain"] = sentence
                changed += 1
    return changed


def default_notebooks() -> list[Path]:
    """The committed-with-outputs notebooks: notebooks/ and apps/ (checkpoints excluded)."""
    # Exercise notebooks are generated clean by `python -m filmkit.exercises` (see exercises/README.md).
    root = project_root()
    found = sorted(root.glob("notebooks/*.ipynb")) + sorted(root.glob("apps/*.ipynb"))
    return [p for p in found if ".ipynb_checkpoints" not in p.parts]


def problems(nb) -> list[str]:
    """Errors, stderr text, and errors stored inside widget state, cell by cell."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(_("cell {cell}: {error}: {detail}").format(
                    cell=i, error=out.get("ename"), detail=out.get("evalue")))
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(_("cell {cell}: stderr: {text}").format(cell=i, text=out.get("text", "").strip()[:200]))
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model_id, model in state.items():
        for out in model.get("state", {}).get("outputs", []) or []:
            if out.get("output_type") == "error":
                found.append(_("widget {widget}: {error}: {detail}").format(
                    widget=model_id, error=out.get("ename"), detail=out.get("evalue")))
    return found


def execute(path: Path, timeout: int = 600):
    """Run one notebook in its own folder; return the executed notebook."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            store_widget_state=True, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:  # timings change on every run and would only add noise to diffs
        cell.get("metadata", {}).pop("execution", None)
    widget_stand_ins(nb)
    return nb


def main(argv: list[str] | None = None) -> int:
    import argparse

    import nbformat

    cli = argparse.ArgumentParser(prog="filmkit run", description=_("Run notebooks top to bottom in a fresh kernel "
                                  "and save them with their outputs; a notebook with an error is reported, not saved."))
    cli.add_argument("notebooks", nargs="*", help=_("notebook files (default: every notebook in notebooks/ and apps/)"))
    args = cli.parse_args(argv)
    try:
        paths = [Path(a).resolve() for a in args.notebooks] or default_notebooks()
    except NotAKitCheckout as exc:
        print(_("filmkit run: {error}").format(error=exc), file=sys.stderr)
        return 2
    missing = [p for p in paths if not p.is_file()]
    if missing:
        for path in missing:
            print(_("not found: {path} (give the path of a notebook, e.g. {example})").format(
                path=path, example="notebooks/02_cost_and_time.ipynb"))
        return 2
    locked_in = [p for p in paths if not os.access(p, os.W_OK) or not os.access(p.parent, os.W_OK)]
    if locked_in:  # said before running: a run takes minutes, and its outputs could not be kept
        for path in locked_in:
            print(_("cannot save {path}: the file or its folder is read-only; copy the notebook to a folder you may "
                    "write to, or change its permissions").format(path=shown(path)))
        return 2
    failed = 0
    for path in paths:
        try:
            nb = execute(path)
        except Exception as exc:  # an unreadable notebook or a kernel that died: say which, go on with the rest
            failed += 1
            print(_("FAILED {path}: {error}: {detail}").format(
                path=shown(path), error=type(exc).__name__, detail=str(exc).splitlines()[0] if str(exc) else ""))
            continue
        found = problems(nb)
        if found:
            failed += 1
            print(_("FAILED {path} (not written):").format(path=shown(path)))
            for line in found:
                print("   ", line)
            continue
        try:
            atomic_write_text(path, nbformat.writes(nb) + "\n")
        except OSError as exc:  # a read-only folder, a full disk: the notebook on disk is left as it was
            failed += 1
            print(_("FAILED {path}: ran, but could not be saved ({reason}); the file is unchanged").format(
                path=shown(path), reason=os_reason(exc)))
            continue
        print(_("ok     {path}").format(path=shown(path)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
