"""Build the student and solution versions of every exercise from one source notebook.

    filmkit exercises           # write exercises/student/ and exercises/solutions/
    filmkit exercises --check   # exit 1 if the committed versions differ from the sources

Markers in ``exercises/source/*.ipynb`` (nbgrader's, so they are familiar):

- code between ``### BEGIN SOLUTION`` and ``### END SOLUTION``: in the student version each
  line ``name = <answer>`` becomes ``name = ...  # your answer``; other lines are dropped;
- markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``: the student
  version gets "*Write your answer here.*";
- cells tagged ``instructor``: only in the solution version.

Both versions are written without outputs, so learners start clean and the drift check is exact.
"""

from __future__ import annotations

import copy
import re
import sys

import nbformat

from filmkit.model.files import atomic_write_text
from filmkit.tools.project import project_root, shown


def _folders():
    root = project_root()
    return tuple(root / "exercises" / d for d in ("source", "student", "solutions"))


KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

CODE_BLOCK = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*\n?", re.S | re.M)
MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->\n?(.*?)<!-- END SOLUTION -->\n?", re.S)
ASSIGNMENT = re.compile(r"^([ \t]*)([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)")
STUDENT_ANSWER = "*Write your answer here.*\n"


def _student_code(match: re.Match) -> str:
    lines = []
    for line in match.group(1).splitlines():
        found = ASSIGNMENT.match(line)
        if found:
            lines.append(f"{found.group(1)}{found.group(2)} = ...  # your answer")
    return ("\n".join(lines) or "# your code here") + "\n"


def _clean(cell) -> None:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    cell.metadata.pop("execution", None)


def versions(source: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The (student, solution) notebooks made from one source notebook."""
    student, solution = copy.deepcopy(source), copy.deepcopy(source)
    student.cells = []
    solution.cells = []
    for cell in source.cells:
        tags = cell.metadata.get("tags", [])
        sol = copy.deepcopy(cell)
        if cell.cell_type == "code":
            sol.source = CODE_BLOCK.sub(lambda m: m.group(1), cell.source)
        else:
            sol.source = MD_BLOCK.sub(lambda m: "**Model answer.** " + m.group(1), cell.source)
        _clean(sol)
        solution.cells.append(sol)
        if "instructor" in tags:
            continue
        stu = copy.deepcopy(cell)
        if cell.cell_type == "code":
            stu.source = CODE_BLOCK.sub(_student_code, cell.source)
        else:
            stu.source = MD_BLOCK.sub(STUDENT_ANSWER, cell.source)
        _clean(stu)
        student.cells.append(stu)
    for nb in (student, solution):
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
        nb.metadata.pop("widgets", None)
    return student, solution


def build(write: bool = True) -> list[str]:
    """Make every version; write them, or list the files whose committed copy differs."""
    drift = []
    SOURCE, STUDENT, SOLUTIONS = _folders()
    for path in sorted(SOURCE.glob("*.ipynb")):
        student, solution = versions(nbformat.read(path, as_version=4))
        for folder, nb in ((STUDENT, student), (SOLUTIONS, solution)):
            target = folder / path.name
            text = nbformat.writes(nb) + "\n"
            if write:
                folder.mkdir(parents=True, exist_ok=True)
                atomic_write_text(target, text)
            elif not target.exists() or target.read_text(encoding="utf-8") != text:
                drift.append(shown(target))
    return drift


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit exercises", description="Build exercises/student and "
                                  "exercises/solutions from exercises/source.")
    cli.add_argument("--check", action="store_true", help="write nothing; exit 1 if a built copy is out of date")
    args = cli.parse_args(argv)
    if args.check:
        drift = build(write=False)
        for name in drift:
            print(f"out of date: {name} (run filmkit exercises)")
        return 1 if drift else 0
    build(write=True)
    print(f"wrote {len(list(_folders()[0].glob('*.ipynb')))} exercises to exercises/student and exercises/solutions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
