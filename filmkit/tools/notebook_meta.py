"""Cell metadata that makes a module read story first: folded code, a note on showing it, slides.

Every code cell of a module opens folded (``jupyter.source_hidden``, which JupyterLab honours,
and the ``hide-input`` tag, which nbconvert, Voila and Jupyter Book honour), with its output
visible. A cell whose code *is* the lesson carries the tag ``show-code`` and stays open.
The title cell says how to show the code. Every cell has a ``slideshow.slide_type`` for
projector mode (jupyterlab-rise live, ``filmkit slides`` static): a ``#``/``##`` heading starts
a slide, a ``###`` heading or a code cell with output starts a sub-slide, other text continues the
slide, and the imports (heading and cell) and cells without output are skipped.

    python -m filmkit.tools.notebook_meta notebooks/*.ipynb          # apply
    python -m filmkit.tools.notebook_meta --check notebooks/*.ipynb  # list what is missing
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from filmkit.model.files import atomic_write_text

#: The tag of a cell whose code stays open (its code is the lesson).
SHOW_CODE = "show-code"
#: The tag nbconvert, Voila and Jupyter Book read to hide a cell's code.
HIDE_INPUT = "hide-input"
#: The one-line note placed under each module's title.
NOTE = ("*The code is folded so the story comes first: click a grey line ending in ••• to show that cell's code, "
        "or choose View › Expand All Code in JupyterLab.*")


def _tags(cell) -> list:
    return cell.setdefault("metadata", {}).setdefault("tags", [])


def is_import_cell(cell) -> bool:
    return cell.cell_type == "code" and cell.source.lstrip().startswith("from filmkit.course import")


def folded(cell) -> bool:
    """True when a code cell's source is hidden for every renderer."""
    return bool(cell.metadata.get("jupyter", {}).get("source_hidden")) and HIDE_INPUT in cell.metadata.get("tags", [])


def slide_type(cell) -> str:
    """The slide type this module's layout gives a cell."""
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        if first.strip() == "## Imports":  # a note for readers of the code, not for the room
            return "skip"
        if first.startswith(("# ", "## ")):
            return "slide"
        if first.startswith("### "):
            return "subslide"
        return "-"
    if cell.cell_type == "code":
        if is_import_cell(cell) or not cell.get("outputs"):
            return "skip"
        return "subslide"
    return "skip"


def apply(nb) -> bool:
    """Fold the code, add the note and the slide types; True if anything changed."""
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            tags = _tags(cell)
            jupyter = cell.metadata.setdefault("jupyter", {})
            if SHOW_CODE in tags:
                jupyter.pop("source_hidden", None)
                if HIDE_INPUT in tags:
                    tags.remove(HIDE_INPUT)
            else:
                jupyter["source_hidden"] = True
                if HIDE_INPUT not in tags:
                    tags.append(HIDE_INPUT)
            jupyter.pop("outputs_hidden", None)
            if not jupyter:
                del cell.metadata["jupyter"]
            if not tags:
                del cell.metadata["tags"]
        cell.metadata.setdefault("slideshow", {})["slide_type"] = slide_type(cell)
    title = nb.cells[0] if nb.cells else None
    if title is not None and title.cell_type == "markdown" and NOTE not in title.source:
        title.source = re.sub(r"\n\n\*The code is folded[^\n]*\*\n", "\n", title.source)
        head, sep, rest = title.source.partition("\n")
        title.source = f"{head}\n\n{NOTE}\n" + (f"\n{rest.lstrip()}" if rest.strip() else "")
    return nbformat.writes(nb) != before


def problems(nb) -> list[str]:
    """What is missing for the module to open story first (empty when all is in place)."""
    found = []
    if not nb.cells or nb.cells[0].cell_type != "markdown" or NOTE not in nb.cells[0].source:
        found.append("the title cell lacks the note on how to show the code")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and SHOW_CODE not in cell.metadata.get("tags", []) and not folded(cell):
            found.append(f"cell {i}: code is not folded (no jupyter.source_hidden and hide-input tag)")
        if cell.cell_type == "code" and cell.metadata.get("jupyter", {}).get("outputs_hidden"):
            found.append(f"cell {i}: output is hidden")
        if cell.metadata.get("slideshow", {}).get("slide_type") != slide_type(cell):
            found.append(f"cell {i}: slide type should be {slide_type(cell)!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m filmkit.tools.notebook_meta", description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help="notebooks to fold and give slide types")
    parser.add_argument("--check", action="store_true", help="only list what is missing; exit 1 if anything is")
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebooks:
        try:
            nb = nbformat.read(path, as_version=4)
        except (OSError, ValueError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            status = 1
            continue
        if args.check:
            for line in problems(nb):
                print(f"{path}: {line}")
                status = 1
        elif apply(nb):
            atomic_write_text(path, nbformat.writes(nb) + "\n")
            print(f"{path}: updated")
    return status


if __name__ == "__main__":
    sys.exit(main())
