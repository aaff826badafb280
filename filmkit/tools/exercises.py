"""Build the learners' and the instructors' versions of every exercise from one source notebook.

    filmkit exercises           # write exercises/ (learners) and instructors/solutions/
    filmkit exercises --check   # exit 1 if a committed version differs from what the sources build

The single source is ``instructors/exercises/*.ipynb``. Markers (nbgrader's, so they are familiar):

- code between ``### BEGIN SOLUTION`` and ``### END SOLUTION``: in the learners' version each
  line ``name = <answer>`` becomes ``name = ask("QID")`` (the answer field of the question whose
  variable is ``name``; ``name = ...`` if no checked question uses it); other lines are dropped;
- markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``: moved to a cell of
  its own, the written answer of the exercise named in the cell's heading (metadata
  ``filmkit.answer``, read by the grader's written-answers pack); learners get "*Write your answer here.*";
- cells tagged ``instructor``: only in the solutions.

Both versions are written without outputs, so learners start clean and the drift check is exact.
The same command renders the lesson plans, rubrics and reading list into the instructor guide
(:mod:`filmkit.tools.course_docs`).
"""

from __future__ import annotations

import copy
import re
import sys

import nbformat

from filmkit.model.files import atomic_write_text
from filmkit.tools import course_docs
from filmkit.tools.project import project_root, shown


def _folders():
    root = project_root()
    return root / "instructors" / "exercises", root / "exercises", root / "instructors" / "solutions"


KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

CODE_BLOCK = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*\n?", re.S | re.M)
MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->\n?(.*?)<!-- END SOLUTION -->\n?", re.S)
ASSIGNMENT = re.compile(r"^([ \t]*)([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)")
HEADING = re.compile(r"^##\s+Exercise\s+(\d+\.\d+)", re.M)
STUDENT_ANSWER = "*Write your answer here.*\n"


def _student_code(match: re.Match) -> str:
    from filmkit.tools import questions  # noqa: F401  (fills the registry)
    from filmkit.tools.question import REGISTRY

    by_variable = {q.variable: qid for qid, q in REGISTRY.items()}
    lines = []
    for line in match.group(1).splitlines():
        found = ASSIGNMENT.match(line)
        if found:
            indent, name = found.group(1), found.group(2)
            if name in by_variable:
                lines.append(f'{indent}{name} = ask("{by_variable[name]}")  # answer in the field (or replace ask(...) with code)')
            else:
                lines.append(f"{indent}{name} = ...  # your answer")
    return ("\n".join(lines) or "# your code here") + "\n"


def _answer_cell(text: str, task: str | None):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["filmkit"] = {"answer": task or "?"}
    cell["id"] = f"answer-{(task or 'x').replace('.', '-')}"
    return cell


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
        written = MD_BLOCK.search(cell.source) if cell.cell_type == "markdown" else None
        heading = HEADING.search(cell.source)
        task = heading.group(1) if heading else None
        if cell.cell_type == "code":
            sol.source = CODE_BLOCK.sub(lambda m: m.group(1), cell.source)
        elif written:
            sol.source = MD_BLOCK.sub("", cell.source).rstrip() + "\n"
        _clean(sol)
        solution.cells.append(sol)
        if written:
            solution.cells.append(_answer_cell("**Model answer.** " + written.group(1), task))
        if "instructor" in tags:
            continue
        stu = copy.deepcopy(cell)
        if cell.cell_type == "code":
            stu.source = CODE_BLOCK.sub(_student_code, cell.source)
        elif written:
            stu.source = MD_BLOCK.sub("", cell.source).rstrip() + "\n"
        _clean(stu)
        student.cells.append(stu)
        if written:
            student.cells.append(_answer_cell(STUDENT_ANSWER, task))
    for nb in (student, solution):
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
        nb.nbformat_minor = max(nb.nbformat_minor, 5)
        for i, cell in enumerate(nb.cells):  # stable ids, so a rebuild changes nothing
            if not cell.get("id"):
                cell["id"] = f"cell-{i}"
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
    guide = project_root() / course_docs.GUIDE
    if guide.is_file():
        current = guide.read_text(encoding="utf-8")
        rendered = course_docs.render_guide(current)
        if rendered != current:
            if write:
                atomic_write_text(guide, rendered)
            else:
                drift.append(shown(guide))
    return drift


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit exercises", description="Build exercises/ (learners) and "
                                  "instructors/solutions/ from instructors/exercises/.")
    cli.add_argument("--check", action="store_true", help="write nothing; exit 1 if a built copy is out of date")
    args = cli.parse_args(argv)
    if args.check:
        drift = build(write=False)
        for name in drift:
            print(f"out of date: {name} (run filmkit exercises)")
        return 1 if drift else 0
    build(write=True)
    print(f"wrote {len(list(_folders()[0].glob('*.ipynb')))} exercises to exercises/ and instructors/solutions/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
