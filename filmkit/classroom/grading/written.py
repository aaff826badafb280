"""Written answers: the cells marked as answers, read as text, and the pack a marker reads them in.

A written answer is a cell whose metadata says which task it answers (``filmkit.answer``): a Markdown
cell (its text is the answer), or the code cell that shows the task's text box, whose answer is read
from the record the box writes into the notebook (:data:`filmkit.views.answers.WRITTEN_MIME`) and from
the answers file beside the notebook (:func:`sidecar_written`). Nothing in a notebook is run to read it. The pack
(``written_answers.html``) shows, per task, the prompt from the edition asked for, the task's
rubric and every student's answer under their id and roster name, escaped.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime

from filmkit.classroom.release import edition_folder, speaking
from filmkit.i18n import _, ngettext, number
from filmkit.tools.project import project_root
from filmkit.views.answers import MAX_WRITTEN, saved_written

#: the placeholder of a written answer in the English learners' version (the editions' own are read from them)
PLACEHOLDER = "*Write your answer here.*"


def source(cell) -> str:
    """A cell's text (a notebook file may store it as one string or as a list of lines)."""
    text = cell.get("source", "") if isinstance(cell, dict) else ""
    return "".join(map(str, text)) if isinstance(text, list) else str(text)


def read_notebook(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _answer_task(cell, kinds: tuple[str, ...] = ("markdown", "code")) -> str | None:
    """The task a cell answers (metadata ``filmkit.answer``), None for any other cell."""
    if not isinstance(cell, dict) or cell.get("cell_type") not in kinds or not isinstance(cell.get("metadata"), dict):
        return None
    task = (cell["metadata"].get("filmkit") or {}).get("answer") if isinstance(cell["metadata"].get("filmkit"),
                                                                               dict) else None
    return str(task)[:20] if task else None


def placeholders() -> set[str]:
    """What an unanswered written answer holds, in every edition: the learners' versions' answer cells."""
    found = {"", PLACEHOLDER}
    for path in sorted((project_root() / "exercises").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            cells = read_notebook(path).get("cells", [])
        except Exception:  # noqa: BLE001 - an unreadable sheet only loses its placeholder
            continue
        found |= {source(cell).strip() for cell in cells if _answer_task(cell, ("markdown",))}
    return found


def written_answers(nb, empty: set[str] | None = None) -> dict[str, str]:
    """{task: the answer written} of a notebook: a Markdown answer cell's text, or a text box's saved record."""
    empty = {"", PLACEHOLDER} if empty is None else empty
    boxes = saved_written(nb)
    out = {}
    for cell in nb.get("cells", []):
        task = _answer_task(cell)
        if not task:
            continue
        text = source(cell).strip() if cell.get("cell_type") == "markdown" else boxes.get(task, "").strip()
        if text in empty:
            text = ""
        if text or task not in out:
            out[task] = text
    return out


def sidecar_written(data, sheet: str) -> dict[str, tuple[str, str]]:
    """{task: (text, when saved)} of an answers file's parsed content (its ``written`` part), as a text box saves it.

    An entry of another shape, or a file of another sheet, gives nothing (read as data, never run)."""
    entries = data.get("written") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or str(data.get("sheet", sheet)) != sheet:
        return {}
    found = {}
    for task, entry in entries.items():
        if isinstance(entry, dict) and isinstance(entry.get("text"), str) and not set(entry) - {"text", "saved"}:
            found[str(task)[:20]] = (entry["text"][:MAX_WRITTEN].strip(), str(entry.get("saved") or ""))
    return found


def with_sidecar(found: dict[str, str], path, sheet: str) -> dict[str, str]:
    """``found`` (a notebook's written answers) with those of the answers file at ``path`` added.

    The file is saved at every change of a text box, the notebook only when the student saves it, so
    a text in the file wins, for a task the notebook asks; a file that cannot be read changes nothing
    (its checked answers say why)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.loads(handle.read(1 << 20))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return found
    merged = dict(found)
    for task, (text, _saved) in sidecar_written(data, sheet).items():
        if text and task in merged:   # only the tasks the notebook asks (a file cannot add a task)
            merged[task] = text
    return merged


def task_prompts(nb) -> dict[str, tuple[str, str]]:
    """{task: (title, prompt)} of an exercise notebook in any language.

    A task is found by its answer cell (metadata ``filmkit.answer``); its prompt is the last heading
    cell before it. The title is the heading without "Exercise 1.4:" (however the edition words it).
    """
    prompts = {}
    heading = None
    for cell in nb.get("cells", []):
        task = _answer_task(cell)
        if task:
            if heading is not None and task not in prompts:
                first, _sep, body = source(heading).strip().partition("\n")
                first = first.lstrip("#").strip()
                title = re.sub(rf"^[^:]*?\b{re.escape(task)}\s*:\s*", "", first, count=1)
                prompts[task] = (title, body.strip())
        elif cell.get("cell_type") == "markdown" and source(cell).lstrip().startswith("#"):
            heading = cell
    return prompts


def _task_titles(lang: str = "en") -> dict[str, tuple[str, str]]:
    """Every task's (title, prompt), from the exercises of the edition ``lang`` (English where it has none)."""
    titles: dict[str, tuple[str, str]] = {}
    root = project_root()
    for folder in dict.fromkeys([edition_folder(root, "exercises", lang), root / "exercises"]):
        for path in sorted(folder.glob("*.ipynb")):
            try:
                found = task_prompts(read_notebook(path))
            except Exception:  # noqa: BLE001 - a sheet that cannot be read only loses its prompts
                continue
            for task, prompt in found.items():
                titles.setdefault(task, prompt)
    return titles


def _inline_markdown(text: str) -> str:
    """Escape ``text`` and render the inline Markdown a prompt uses: **bold**, *emphasis* and `code`."""
    out = html.escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def _score(value: float) -> str:
    """A score as ``:g`` writes it (``1``, ``1.5``), in the reader's number format."""
    text = f"{value:g}"
    digits = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return number(value, digits)


def written_pack(subs: list, lang: str | None = None) -> str:
    """One HTML page: per task, the prompt, its rubric, and every student's answer under their id.

    In the language ``lang`` (default: the language in use), with the prompts of that edition's exercises.
    """
    from filmkit.tools import course_docs

    with speaking(lang) as shown_in:
        titles = _task_titles(shown_in)
        rubrics = course_docs.rubrics_by_task()
        shown = [s for s in subs if s.written and not s.superseded]   # even a hand-in whose checks were not graded
        tasks = sorted({t for s in shown for t in s.written}, key=_task_order)
        e = html.escape
        students = len({s.student_id for s in subs if not s.problem})
        title, h1, nav, none = _("Written answers"), _("Written answers, by task"), _("Tasks"), _("(no answer written)")
        links = "".join('<a href="#task-{id}">{text}</a>'.format(id=e(t), text=e(_("Exercise {task}").format(task=t)))
                        for t in tasks)
        parts = ["<!DOCTYPE html>", f'<html lang="{e(shown_in)}"><head><meta charset="utf-8">',
                 f"<title>{e(title)}</title>", "<style>",
                 "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;"
                 "color:#1a1a1a;line-height:1.45}h2{border-top:3px solid #0072B2;padding-top:.6rem;margin-top:2.2rem}"
                 ".prompt{background:#f3f3f3;padding:.6rem .8rem}.answer{border-left:4px solid #009E73;"
                 "padding:.2rem .8rem;margin:.4rem 0 1.2rem;white-space:pre-wrap}.empty{border-left-color:#D55E00;"
                 "font-style:italic}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}"
                 "td,th{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}"
                 "nav a{margin-right:.8rem}.note{color:#8a3b00}", "</style></head><body>",
                 f"<h1>{e(h1)}</h1>",
                 "<p>" + e(ngettext("{count} student; generated {when}. Mark each answer with the task's rubric; "
                                    "students are listed by the id in their file name.",
                                    "{count} students; generated {when}. Mark each answer with the task's rubric; "
                                    "students are listed by the id in their file name.", students).format(
                     count=number(students), when=datetime.now().isoformat(timespec="minutes"))) + "</p>",
                 f'<nav aria-label="{e(nav)}">{links}</nav>']
        for task in tasks:
            name, body = titles.get(task, ("", ""))
            heading = _("Exercise {task}: {title}").format(task=task, title=name) if name else \
                _("Exercise {task}").format(task=task)
            parts.append(f'<section id="task-{e(task)}"><h2>{e(heading)}</h2>')
            if body:
                parts.append(f'<div class="prompt">{_inline_markdown(body)}</div>')
            if task in rubrics:
                parts.append(rubrics[task])
            for sub in sorted((s for s in shown if task in s.written), key=lambda s: (s.student_id, s.rel)):
                text = sub.written[task]
                named = sub.student_name and sub.student_name != sub.student_id
                who = _("{id} ({name})").format(id=sub.student_id, name=sub.student_name) if named else sub.student_id
                parts.append(f"<h3>{e(who)}</h3>")
                if sub.problem:
                    note = _("Checks not graded: {reason}").format(reason=sub.problem)
                    parts.append(f'<p class="note">{e(note)}</p>')
                parts.append(f'<div class="answer">{e(text)}</div>' if text else
                             f'<div class="answer empty">{e(none)}</div>')
            parts.append("</section>")
        parts.append("</body></html>")
    return "\n".join(parts) + "\n"




def _task_order(task: str):
    """Tasks in the order of the course (1.4 before 1.10); an id of another form after them."""
    try:
        return (0, tuple(int(x) for x in task.split(".")), "")
    except ValueError:
        return (1, (), task)
