"""Build the learners' and the instructors' versions of every exercise from one source notebook.

    filmkit exercises           # write exercises/ (learners) and instructors/solutions/
    filmkit exercises --check   # exit 1 if a committed version differs from what the sources build

The single source is ``instructors/exercises/*.ipynb``. Markers (nbgrader's, so they are familiar):

- code between ``### BEGIN SOLUTION`` and ``### END SOLUTION``: in the learners' version each
  line ``name = <answer>`` becomes ``name = ask("QID")`` (the answer field of the question whose
  variable is ``name``; ``name = ...`` if no checked question uses it); other lines are dropped;
- markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``: moved to a cell of
  its own, the written answer of the exercise named in the cell's heading (metadata
  ``filmkit.answer``, read by the grader's written-answers pack); learners get a text box labelled
  with the task's title (a code cell that calls ``written_answer``), the instructors the
  "**Model answer.**" (metadata ``filmkit.model_answer``, for checks that do not read text);
- cells tagged ``instructor``: only in the solutions.

The learners' version shows no code a student must read: the first cell starts with what to do
(Run All), its "How to answer" paragraph (the one naming ``ask(...)``) is the build's own, every code
cell is folded (its first line empty, so the fold shows no code), a cell that only calls ``check`` is
left out (the field shows its own feedback), and the summary at the end is given the exercises' titles.
The instructors' version keeps the check cells and the code as written.

Both versions are written without outputs, so learners start clean and the drift check is exact.
The words the build adds (the placeholder, the model-answer marker, the code comments) are in the
language in use when the notebooks are built, or the one given to :func:`versions`.
The same command renders the lesson plans, rubrics and reading list into the instructor guide
(:mod:`filmkit.tools.course_docs`).
"""

from __future__ import annotations

import copy
import re
import sys

import nbformat

from filmkit.i18n import LANGUAGES, N_, _, ngettext, use_language
from filmkit.model.files import atomic_write_text
from filmkit.tools import course_docs
from filmkit.tools.project import project_root, shown


def _folders():
    root = project_root()
    return root / "instructors" / "exercises", root / "exercises", root / "instructors" / "solutions"


KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

CHECK_ONLY = re.compile(r'^\s*(?:check\("m\d\d_q\d+"\)\s*)+$')
SUMMARY_CALL = re.compile(r'summary\("(m\d\d)"\)')
CODE_BLOCK = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*\n?", re.S | re.M)
MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->\n?(.*?)<!-- END SOLUTION -->\n?", re.S)
ASSIGNMENT = re.compile(r"^([ \t]*)([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)")
# "## Exercise 1.2", "## Ejercicio 1.2", "## Exercice 1.2": the number names the task in every language
HEADING = re.compile(r"^##\s+\w+\s+(\d+\.\d+)\s*:", re.M)
#: the words the build writes into the notebooks, translated when they are built
STUDENT_ANSWER = N_("*Write your answer here.*")
MODEL_ANSWER = N_("**Model answer.**")
ASK_COMMENT = N_("answer in the field (or replace ask(...) with code)")
#: the first thing a learner reads, under the title of every exercise notebook
RUN_ALL = N_("*To start, choose **Run › Run All Cells** in the menu at the top, then wait a few seconds for the "
             "answer fields to appear. You do not need to read or change any code: the grey lines ending in ••• "
             "are folded code.*")
HOW_TO_ANSWER = N_("**How to answer**: type your name in the first field. Each question has its own answer field: "
                   "type a number and press Enter, or choose from a list or tick boxes and press *Check my answer*. "
                   "Your answer is saved at once (next to this notebook, and in the notebook when you save it), and "
                   "the feedback appears under the field with the number of the attempt: a hint for a usual "
                   "mistake, never the answer. Written answers go in the text box under their task: they are saved "
                   "as you type, and the line under the box says when. Tab moves on to the next field. The summary "
                   "at the end shows what is done and what your instructor marks. **Save the notebook** (Ctrl+S) "
                   "before you hand it in. (If you prefer code: unfold a cell and replace `ask(...)` with your own "
                   "expression.)")
ANSWER_COMMENT = N_("your answer")
CODE_COMMENT = N_("your code here")
#: every rubric for students, beside the exercise notebooks of each edition
RUBRICS_FILE = "rubrics.md"


def _in_every_language(message: str) -> list[str]:
    found = []
    for code in LANGUAGES:
        with use_language(code):
            text = _(message)
        if text not in found:
            found.append(text)
    return found


def model_answer_markers() -> list[str]:
    """The marker that starts a model answer, in every language the kit has (for the release's leak check)."""
    return _in_every_language(MODEL_ANSWER)


def student_answer_placeholders() -> list[str]:
    """The placeholder of an unanswered written answer, in every language the kit has (for the grader)."""
    return _in_every_language(STUDENT_ANSWER)


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
                lines.append(f'{indent}{name} = ask("{by_variable[name]}")  # {_(ASK_COMMENT)}')
            else:
                lines.append(f"{indent}{name} = ...  # {_(ANSWER_COMMENT)}")
    return ("\n".join(lines) or f"# {_(CODE_COMMENT)}") + "\n"


def _answer_cell(text: str, task: str | None, model_answer: bool = False):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["filmkit"] = {"answer": task or "?"}
    if model_answer:  # instructors' copy only: a check can find it without reading the text
        cell.metadata["filmkit"]["model_answer"] = True
    cell["id"] = f"answer-{(task or 'x').replace('.', '-')}"
    return cell


def _written_cell(task: str, title: str):
    """The learners' written answer: a folded code cell showing a text box labelled with the task's title."""
    source = ("\nfrom filmkit.tools.answering import written_answer\n"
              f"written_answer({task!r}, {title!r})")
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["filmkit"] = {"answer": task}
    cell["id"] = f"answer-{task.replace('.', '-')}"
    _fold(cell)
    return cell


def _fold(cell) -> None:
    """Fold a code cell as the module notebooks do: hidden source, tag hide-input, an empty first line."""
    cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    tags = cell.metadata.setdefault("tags", [])
    if "hide-input" not in tags:
        tags.append("hide-input")
    if not cell.source.startswith("\n"):
        cell.source = "\n" + cell.source


def _first_cell(cell) -> None:
    """Under the title: what to do first; the "How to answer" paragraph (the one naming ``ask(...)``): the build's."""
    head, _sep, rest = cell.source.partition("\n")
    paragraphs = [_(HOW_TO_ANSWER) if "`ask(...)`" in p else p for p in rest.strip("\n").split("\n\n")]
    cell.source = "\n\n".join([head, _(RUN_ALL), *paragraphs]).rstrip() + "\n"


def _titles(source: nbformat.NotebookNode) -> dict[str, str]:
    """{question id or written task: the heading of its exercise}, as the notebook (edition) words it."""
    from filmkit.tools import questions  # noqa: F401  (fills the registry)
    from filmkit.tools.question import REGISTRY

    by_variable = {q.variable: qid for qid, q in REGISTRY.items()}
    titles: dict[str, str] = {}
    title = None
    for cell in source.cells:
        if cell.cell_type == "markdown":
            heading = HEADING.search(cell.source)
            if heading:
                line = cell.source[heading.start():].split("\n", 1)[0]
                title = line.lstrip("#").strip()
                if MD_BLOCK.search(cell.source):
                    titles[heading.group(1)] = title
        elif title:
            for block in CODE_BLOCK.findall(cell.source):
                for line in block.splitlines():
                    found = ASSIGNMENT.match(line)
                    if found and found.group(2) in by_variable:
                        titles.setdefault(by_variable[found.group(2)], title)
            for qid in re.findall(r'check\("(m\d\d_q\d+)"\)', cell.source):
                titles.setdefault(qid, title)
    return titles


def _summary_code(source: str, titles: dict[str, str]) -> str:
    """``summary("m02")`` given the titles of the module's exercises (question ids and written tasks)."""
    def call(match: re.Match) -> str:
        module = match.group(1)
        mine = {k: v for k, v in titles.items() if k.startswith(module + "_") or
                (not k.startswith("m") and k.split(".")[0] == str(int(module[1:])))}
        lines = "".join(f"\n    {k!r}: {v!r}," for k, v in mine.items())
        return f'summary("{module}", {{{lines}\n}})'
    return SUMMARY_CALL.sub(call, source)


def exercise_titles() -> dict[str, str]:
    """{question id or written task: the heading of its exercise}, as the exercises a student of the language in
    use received word it (read back from the summary call the build wrote into each exercise notebook).

    Feedback and lists a student reads name a question by its exercise ("Exercise 2.1: ..."), never by its id;
    a kit without built exercises gives ``{}`` and the caller keeps the id.
    """
    import ast

    from filmkit.i18n import language

    folder = project_root() / "exercises"
    if language() != "en":
        folder = folder / language()
    titles: dict[str, str] = {}
    for path in sorted(folder.glob("*.ipynb")):
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001  (a damaged notebook names nothing; the ids stay)
            continue
        for cell in notebook.cells:
            found = re.search(r'summary\("m\d\d", (\{.*?\})\)', cell.source, re.S) if cell.cell_type == "code" else None
            if found:
                try:
                    titles.update({str(k): str(v) for k, v in ast.literal_eval(found.group(1)).items()})
                except (ValueError, SyntaxError):
                    continue
    return titles


def _rubric_cell(task: str | None):
    """The task's rubric under its prompt, in the language in use (``None`` for a task marked by its checks)."""
    text = course_docs.task_rubric_markdown(task) if task else None
    if text is None:
        return None
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["filmkit"] = {"rubric": task}
    cell["id"] = f"rubric-{task.replace('.', '-')}"
    return cell


def _clean(cell) -> None:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    cell.metadata.pop("execution", None)


def versions(source: nbformat.NotebookNode, language: str | None = None
             ) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The (student, solution) notebooks made from one source notebook.

    The words the build adds are in ``language`` (default: the language in use).
    """
    if language is not None:
        with use_language(language):
            return versions(source)
    student, solution = copy.deepcopy(source), copy.deepcopy(source)
    student.cells = []
    solution.cells = []
    titles = _titles(source)
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
        rubric = _rubric_cell(task) if cell.cell_type == "markdown" else None
        if rubric is not None:
            solution.cells.append(copy.deepcopy(rubric))
        if written:
            solution.cells.append(_answer_cell(_(MODEL_ANSWER) + " " + written.group(1), task, model_answer=True))
        if "instructor" in tags:
            continue
        if cell.cell_type == "code" and CHECK_ONLY.match(cell.source):
            continue  # the field above shows its own feedback: a second verdict could only contradict it
        stu = copy.deepcopy(cell)
        if cell.cell_type == "code":
            stu.source = _summary_code(CODE_BLOCK.sub(_student_code, cell.source), titles)
            _fold(stu)
        elif written:
            stu.source = MD_BLOCK.sub("", cell.source).rstrip() + "\n"
        if not student.cells and stu.cell_type == "markdown":
            _first_cell(stu)
        _clean(stu)
        student.cells.append(stu)
        if rubric is not None:
            student.cells.append(rubric)
        if written:
            student.cells.append(_written_cell(task or "?", titles.get(task, task or "?")))
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
    for lang in LANGUAGES:  # every rubric, where students read it: exercises/rubrics.md and its editions
        with use_language(lang):
            text = course_docs.students_rubrics_markdown()
        target = STUDENT / ("" if lang == "en" else lang) / RUBRICS_FILE
        if write:
            target.parent.mkdir(parents=True, exist_ok=True)
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

    cli = argparse.ArgumentParser(prog="filmkit exercises", description=_("Build exercises/ (learners) and "
                                  "instructors/solutions/ from instructors/exercises/."))
    cli.add_argument("--check", action="store_true", help=_("write nothing; exit 1 if a built copy is out of date"))
    args = cli.parse_args(argv)
    if args.check:
        drift = build(write=False)
        for name in drift:
            print(_("out of date: {name} (run filmkit exercises)").format(name=name))
        return 1 if drift else 0
    build(write=True)
    count = len(list(_folders()[0].glob("*.ipynb")))
    print(ngettext("wrote {count} exercise to exercises/ and instructors/solutions/",
                   "wrote {count} exercises to exercises/ and instructors/solutions/", count).format(count=count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
