"""Cell metadata that makes a module read story first: folded code, a note on showing it, slides.

Every code cell of a module opens folded (``jupyter.source_hidden``, which JupyterLab honours,
and the ``hide-input`` tag, which nbconvert, Voila and Jupyter Book honour), with its output
visible, and starts with an empty line, so the fold shows only •••. A cell whose code *is* the
lesson carries the tag ``show-code`` and stays open. The title cell says what to do first (Run All
Cells) and that the code can stay folded. Every cell has a ``slideshow.slide_type`` for
projector mode (jupyterlab-rise live, ``filmkit slides`` static): a ``#``/``##`` heading starts
a slide, a ``###`` heading or a code cell with output starts a sub-slide, other text continues the
slide, and the imports (heading and cell) and cells without output are skipped.

    python -m filmkit.tools.notebook_meta notebooks/*.ipynb          # apply
    python -m filmkit.tools.notebook_meta --check notebooks/*.ipynb  # list what is missing

The note is part of the notebook's text (:data:`NOTE`, English): an edition gets it translated
with the rest of the title cell, so the note is only checked and added in English notebooks.
Slide types never depend on the text's language: the imports heading is the heading-only cell
just before the import cell, and an edition's language switch is skipped.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from filmkit.i18n import _
from filmkit.model.files import atomic_write_text

#: The tag of a cell whose code stays open (its code is the lesson).
SHOW_CODE = "show-code"
#: The tag nbconvert, Voila and Jupyter Book read to hide a cell's code.
HIDE_INPUT = "hide-input"
#: The tag of an edition's language-switch cell (added by ``filmkit translate build``).
LANGUAGE_SWITCH = "language-switch"
#: The one-line note placed under each English module's title (notebook text: editions translate it as such).
#: It says what to do first, in plain words, for a reader who has never run a notebook.
NOTE = ("*To start, choose **Run › Run All Cells** in the menu at the top, then wait a few seconds for the sliders "
        "and tables to appear. You do not need to read or change any code: the grey lines ending in ••• are "
        "folded code.*")

#: The note under a title, in any language (every edition keeps the ••• of the folded lines).
_TITLE_NOTE = re.compile(r"\n\n\*[^\n]*•••[^\n]*\*\n")


def _tags(cell) -> list:
    return cell.setdefault("metadata", {}).setdefault("tags", [])


def blank_first_line(source: str) -> str:
    """JupyterLab shows a folded cell as its first line and •••: an empty first line keeps code, test
    markers (``# NBVAL_CHECK_OUTPUT``, which nbval finds on any comment line) and English off the screen."""
    return source if source.startswith("\n") or not source.strip() else "\n" + source


def is_import_cell(cell) -> bool:
    return cell.cell_type == "code" and cell.source.lstrip().startswith("from filmkit.course import")


def folded(cell) -> bool:
    """True when a code cell's source is hidden for every renderer."""
    return bool(cell.metadata.get("jupyter", {}).get("source_hidden")) and HIDE_INPUT in cell.metadata.get("tags", [])


def slide_type(cell, following=None) -> str:
    """The slide type this module's layout gives a cell (``following``: the next cell, if any)."""
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        # the imports' section is a note for readers of the code, not for the room (in any language, with or
        # without a sentence under its heading)
        if first.strip() == "## Imports" or (following is not None and first.startswith("#") and is_import_cell(following)):
            return "skip"
        if first.startswith(("# ", "## ")):
            return "slide"
        if first.startswith("### "):
            return "subslide"
        return "-"
    if cell.cell_type == "code":
        if is_import_cell(cell) or not cell.get("outputs") or LANGUAGE_SWITCH in cell.metadata.get("tags", []):
            return "skip"
        return "subslide"
    return "skip"


def _types(nb) -> list[str]:
    return [slide_type(cell, nb.cells[i + 1] if i + 1 < len(nb.cells) else None) for i, cell in enumerate(nb.cells)]


def is_edition(nb) -> bool:
    """True for a Spanish or French edition's notebook (its text, the note included, is translated)."""
    return (nb.metadata.get("filmkit") or {}).get("language", "en") != "en"


def apply(nb) -> bool:
    """Fold the code, add the note and the slide types; True if anything changed."""
    before = nbformat.writes(nb)
    types = _types(nb)
    for cell, kind in zip(nb.cells, types):
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
                if LANGUAGE_SWITCH not in tags:  # an edition's switch is written by its build
                    cell.source = blank_first_line(cell.source)
            jupyter.pop("outputs_hidden", None)
            if not jupyter:
                del cell.metadata["jupyter"]
            if not tags:
                del cell.metadata["tags"]
        cell.metadata.setdefault("slideshow", {})["slide_type"] = kind
    title = nb.cells[0] if nb.cells and not is_edition(nb) else None
    if title is not None and title.cell_type == "markdown" and NOTE not in title.source:
        title.source = _TITLE_NOTE.sub("\n", title.source)  # an earlier note
        head, sep, rest = title.source.partition("\n")
        title.source = f"{head}\n\n{NOTE}\n" + (f"\n{rest.lstrip()}" if rest.strip() else "")
    return nbformat.writes(nb) != before


def drop_note(nb) -> bool:
    """Take the note off the title cell (a page shown without JupyterLab, where there is nothing to run
    or unfold); True if it was there."""
    title = nb.cells[0] if nb.cells and nb.cells[0].cell_type == "markdown" else None
    if title is None or not _TITLE_NOTE.search(title.source):
        return False
    title.source = _TITLE_NOTE.sub("\n", title.source, count=1)
    return True


def problems(nb) -> list[str]:
    """What is missing for the module to open story first (empty when all is in place)."""
    found = []
    if not is_edition(nb) and (not nb.cells or nb.cells[0].cell_type != "markdown" or NOTE not in nb.cells[0].source):
        found.append(_("the title cell lacks the note on how to show the code"))
    for i, (cell, kind) in enumerate(zip(nb.cells, _types(nb))):
        if cell.cell_type == "code" and SHOW_CODE not in cell.metadata.get("tags", []) and not folded(cell):
            found.append(_("cell {number}: code is not folded (no jupyter.source_hidden and hide-input tag)")
                         .format(number=i))
        if cell.cell_type == "code" and folded(cell) and blank_first_line(cell.source) != cell.source:
            found.append(_("cell {number}: folded code shows its first line (start the cell with an empty line)")
                         .format(number=i))
        if cell.cell_type == "code" and cell.metadata.get("jupyter", {}).get("outputs_hidden"):
            found.append(_("cell {number}: output is hidden").format(number=i))
        if cell.metadata.get("slideshow", {}).get("slide_type") != kind:
            found.append(_("cell {number}: slide type should be {kind!r}").format(number=i, kind=kind))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m filmkit.tools.notebook_meta", description=_(
        "Cell metadata that makes a module read story first: folded code, a note on showing it, slides."))
    parser.add_argument("notebooks", nargs="+", type=Path, help=_("notebooks to fold and give slide types"))
    parser.add_argument("--check", action="store_true", help=_("only list what is missing; exit 1 if anything is"))
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebooks:
        try:
            nb = nbformat.read(path, as_version=4)
        except (OSError, ValueError) as exc:
            print(_("{path}: cannot read: {error}").format(path=path, error=exc), file=sys.stderr)
            status = 1
            continue
        if args.check:
            for line in problems(nb):
                print(_("{path}: {problem}").format(path=path, problem=line))
                status = 1
        elif apply(nb):
            atomic_write_text(path, nbformat.writes(nb) + "\n")
            print(_("{path}: updated").format(path=path))
    return status


if __name__ == "__main__":
    sys.exit(main())
