"""The course as data: levelled rubrics, lesson plans and the reading list, rendered for people.

``instructors/rubrics.csv`` and ``instructors/lesson_plans.csv`` (described by
``instructors/datapackage.json``) and ``data/reading_list.csv`` are rendered into the blocks
of ``docs/instructor_guide.md`` between ``<!-- BEGIN GENERATED: NAME -->`` and
``<!-- END GENERATED: NAME -->`` by ``filmkit exercises`` (``--check`` reports drift), into the
written-answers pack, and into ``rubrics_canvas.csv`` for an LMS rubric import.

The guide's blocks are the English source of a document (its editions are translated block by
block, like the rest of the guide), so they are always rendered in English. The pack and the
Canvas rubrics are shown to an instructor: their words follow the language in use, the rubrics'
own text (criteria, level descriptions) included, from ``instructors/translations_<lang>.csv``.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

from filmkit.i18n import N_, _, language, ngettext, number, use_language
from filmkit.model import safe_csv
from filmkit.tools.project import project_root

#: (level, name); the names are translated where they are shown
LEVELS = [(4, N_("Exemplary")), (3, N_("Proficient")), (2, N_("Developing")), (1, N_("Beginning"))]
GUIDE = Path("docs") / "instructor_guide.md"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


RUBRIC_TEXT = ("criterion", "level_4", "level_3", "level_2", "level_1")


def rubrics() -> list[dict]:
    """The rubrics, their criteria and level descriptions in the language in use.

    ``instructors/translations_<lang>.csv`` gives them in Spanish and French (the same words as the
    rubric tables of that edition's guide); a row applies while its English is the current English.
    """
    rows = _rows(project_root() / "instructors" / "rubrics.csv")
    lang = language()
    path = project_root() / "instructors" / f"translations_{lang}.csv"
    if lang == "en" or not path.is_file():
        return rows
    found = {(t["id"], t["field"]): t for t in _rows(path) if t["table"] == "rubrics" and t["text"]}
    for row in rows:
        for field in RUBRIC_TEXT:
            t = found.get((row["criterion_id"], field))
            if t and t["english"] == row[field]:
                row[field] = t["text"]
    return rows


def rubric_translation_problems(lang: str) -> list[str]:
    """Rubric cells without a current translation in ``instructors/translations_<lang>.csv``."""
    from filmkit.model.data import translation_problems

    path = project_root() / "instructors" / f"translations_{lang}.csv"
    wanted = [{"table": "rubrics", "id": row["criterion_id"], "field": field, "english": row[field]}
              for row in _rows(project_root() / "instructors" / "rubrics.csv") for field in RUBRIC_TEXT]
    return translation_problems(wanted, _rows(path) if path.is_file() else [], f"instructors/translations_{lang}.csv")


def plans() -> list[dict]:
    return _rows(project_root() / "instructors" / "lesson_plans.csv")


def course_times() -> dict[int, dict[str, dict[str, int]]]:
    """Minutes per module, from ``instructors/course_times.csv``: ``{module: {"sections": {...}, "exercises": {...}}}``.

    The one source of every time the kit shows: a module's time (README, guide, the notebook's "Time to
    learn") is the sum of its sections; its exercise time the sum of its exercises; a plan's step the
    sum of the sections and exercises it covers.
    """
    times: dict[int, dict[str, dict[str, int]]] = {}
    for row in _rows(project_root() / "instructors" / "course_times.csv"):
        kind = "exercises" if "." in row["part"] else "sections"
        times.setdefault(int(row["module"]), {"sections": {}, "exercises": {}})[kind][row["part"]] = int(row["minutes"])
    return times


def module_minutes(module: int) -> int:
    """Minutes to work through a module's notebook: the sum of its sections."""
    return sum(course_times()[int(module)]["sections"].values())


def exercise_minutes(module: int) -> int:
    """Minutes for a module's exercise notebook: the sum of its exercises."""
    return sum(course_times()[int(module)]["exercises"].values())


def step_minutes(step: dict) -> int:
    """Minutes a plan's step takes: its module's sections and the exercises it covers."""
    times = course_times()
    sections = step["section"].split() if step["module"] else []
    return (sum(times[int(step["module"])]["sections"][s] for s in sections)
            + sum(times[int(x.split(".")[0])]["exercises"][x] for x in step["exercise"].split() if x != "S"))


def level_points(points: int | str, level: int) -> int:
    """Points for a level: the criterion's points x 1, 2/3, 1/3 and 0, so each level earns its own whole points.

    A criterion's points are a multiple of 3 (``instructors/datapackage.json``), so no two levels tie.

    >>> [level_points(3, lv) for lv in (4, 3, 2, 1)], [level_points(6, lv) for lv in (4, 3, 2, 1)]
    ([3, 2, 1, 0], [6, 4, 2, 0])
    """
    return int(points) * (level - 1) // 3


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rubric_table(items: list[dict]) -> list[str]:
    """One rubric as markdown table lines, in the language in use: the levels by name, each cell with its points."""
    def pts(value) -> str:
        return _("{points} pt").format(points=_points(value))

    out = ["| " + _("Criterion") + " | " + " | ".join(_(n) for _lv, n in LEVELS) + " |",
           "| --- |" + " --- |" * len(LEVELS)]
    for r in items:
        cells = [f"{_md(r[f'level_{lv}'])} *{pts(level_points(r['points'], lv))}*" for lv, _n in LEVELS]
        out.append(f"| {_md(_('{criterion} ({points})').format(criterion=r['criterion'], points=pts(r['points'])))} | "
                   + " | ".join(cells) + " |")
    return out


def rubrics_markdown() -> str:
    out = []
    for rid, items in _grouped(rubrics(), "rubric_id").items():
        task = items[0]["task"]
        total = sum(int(r["points"]) for r in items)
        name = "the summative assignment" if task == "S" else f"exercise {task}"
        out += [f"**{rid}** ({name}, {total} points)", "", *_rubric_table(items), ""]
    return "\n".join(out).rstrip() + "\n"


#: the heading of a rubric where students read it (exercise notebooks, ``exercises/rubrics.md``)
HOW_MARKED = N_("**How this task is marked** (rubric {rubric}, {count} points): your instructor reads your answer "
                "against each criterion and gives the level it reaches; any well-argued position can reach the top level.")
RUBRICS_TITLE = N_("How written tasks are marked")
RUBRICS_INTRO = N_("Each written task, the ethical matrix and the summative assignment are marked with these rubrics: "
                   "four levels per criterion, each with its points. The exercise notebooks show each task's rubric "
                   "under its prompt.")


def task_rubric_markdown(task: str) -> str | None:
    """A task's rubric for students, in the language in use (``None`` if the task has no rubric)."""
    items = _grouped(rubrics(), "task").get(task)
    if not items:
        return None
    total = sum(int(r["points"]) for r in items)
    return "\n".join([_(HOW_MARKED).format(rubric=items[0]["rubric_id"], count=_points(total)), "",
                      *_rubric_table(items)]) + "\n"


def students_rubrics_markdown() -> str:
    """Every rubric for students (``exercises/rubrics.md`` and its editions), in the language in use."""
    out = [f"# {_(RUBRICS_TITLE)}", "", _(RUBRICS_INTRO), ""]
    for task, items in _grouped(rubrics(), "task").items():
        name = _("Summative assignment") if task == "S" else \
            _("Exercise {task} ({rubric})").format(task=task, rubric=items[0]["rubric_id"])
        out += [f"## {name}", "", task_rubric_markdown(task).rstrip(), ""]
    return "\n".join(out).rstrip() + "\n"


def _grouped(rows, key) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


#: how a step outside class reads in the guide's plans
OUTSIDE = {"before": "before class", "after": "outside class", "optional": "optional, outside class"}


def plans_markdown() -> str:
    out = []
    for plan, items in _grouped(plans(), "plan").items():
        sessions = _grouped(items, "session")
        length = " + ".join(f"{s[0]['session_minutes']}" for s in sessions.values())
        out += [f"### {plan} ({length} minutes)", ""]
        for session, steps in sessions.items():
            if len(sessions) > 1:
                out += [f"**Session {session}** ({steps[0]['session_minutes']} minutes)", ""]
            out += ["| Minutes | Activity | Where |", "| --- | --- | --- |"]
            clock = 0
            for s in sorted(steps, key=lambda r: int(r["step"])):
                minutes = int(s["minutes"])
                when = OUTSIDE.get(s["when"]) or f"{clock}-{clock + minutes}"
                clock += minutes if s["when"] == "class" else 0
                where = []
                sections = s["section"].split()
                exercises = [x for x in s["exercise"].split() if x != "S"]
                if sections:
                    where.append(f"module {s['module']}, section{'s' if len(sections) > 1 else ''} {', '.join(sections)}")
                elif s["module"] and not s["exercise"]:
                    where.append(f"module {s['module']}")
                if exercises:
                    where.append(f"exercise{'s' if len(exercises) > 1 else ''} {', '.join(exercises)}")
                if "S" in s["exercise"].split():
                    where.append("summative assignment")
                out.append(f"| {when} | {_md(s['activity'])} | {'; '.join(where)} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def reading_list() -> list[dict]:
    from filmkit.model.data import load

    readings = load("reading_list").sort_values("order")
    sources = load("sources").set_index("id")
    rows = []
    for r in readings.itertuples():
        s = sources.loc[r.source_id]
        rows.append({"id": r.id, "topic": r.topic, "title": s["title"], "publisher": s["publisher"],
                     "date": s["date"], "url": s["url"], "evidence_level": s["evidence_level"], "why": r.why})
    return rows


def reading_markdown() -> str:
    out = []
    for r in reading_list():
        date = "" if str(r["date"]) in ("", "nan", "None") else f", {r['date']}"
        out.append(f"1. **[{_md(r['title'])}]({r['url']})**, {_md(r['publisher'])}{date}. "
                   f"*{r['topic']}; evidence: {r['evidence_level']}.* {_md(r['why'])}")
    return "\n".join(out) + "\n"


BLOCKS = {"lesson plans": plans_markdown, "rubrics": rubrics_markdown, "reading list": reading_markdown}


def render_guide(text: str, lang: str = "en") -> str:
    """The guide with every generated block replaced by its current rendering (in English: the guide's source)."""
    patterns = {}
    for name in BLOCKS:
        patterns[name] = re.compile(rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(<!-- END GENERATED: {name} -->)", re.S)
        if not patterns[name].search(text):
            raise ValueError(_("{guide}: the block {marker} is missing").format(
                guide=GUIDE, marker=f"'<!-- BEGIN GENERATED: {name} -->'"))
    with use_language(lang):  # the reading list's labels come from the data, in the language in use
        for name, render in BLOCKS.items():
            block = render()
            text = patterns[name].sub(lambda m, block=block: m.group(1) + "\n" + block + "\n" + m.group(2), text)
    return text


def _points(value: float) -> str:
    """Points as ``:g`` writes them (``1``, ``1.5``), in the reader's number format."""
    return number(value, 0 if float(value).is_integer() else 1)


def rubrics_by_task() -> dict[str, str]:
    """Each task's rubric as an HTML table (for the written-answers pack)."""
    e = html.escape

    def pts(value) -> str:
        return _("{points} pt").format(points=_points(value))

    out = {}
    for task, items in _grouped(rubrics(), "task").items():
        head = "".join('<th scope="col">{}</th>'.format(e(_(n))) for _lv, n in LEVELS)
        body = "".join(
            '<tr><th scope="row">{}</th>'.format(e(_("{criterion} ({points})").format(
                criterion=r["criterion"], points=pts(int(r["points"])))))
            + "".join("<td>{} <em>{}</em></td>".format(e(r[f"level_{lv}"]), e(pts(level_points(r["points"], lv))))
                      for lv, _n in LEVELS)
            + "</tr>" for r in items)
        summary, criterion = _("Rubric {id}").format(id=items[0]["rubric_id"]), _("Criterion")
        out[task] = (f"<details><summary>{e(summary)}</summary><table><thead><tr><th>{e(criterion)}</th>"
                     f"{head}</tr></thead><tbody>{body}</tbody></table></details>")
    return out


def rubrics_canvas_csv() -> str:
    """The rubrics in Canvas's rubric-import layout: one row per criterion, then name/description/points per rating."""
    # the header is Canvas's import format: it stays English; the rubrics' words follow the language in use
    header = ["Rubric Name", "Criteria Name", "Criteria Description", "Criteria Enable Range"]
    for _level in LEVELS:
        header += ["Rating Name", "Rating Description", "Rating Points"]
    rows = []
    for r in rubrics():
        name = _("Summative assignment") if r["task"] == "S" else \
            _("Exercise {task} ({rubric})").format(task=r["task"], rubric=r["rubric_id"])
        points = int(r["points"])
        row = [name, r["criterion"], ngettext("{criterion}: up to {count} point", "{criterion}: up to {count} points",
                                              points).format(criterion=r["criterion_id"], count=points), "false"]
        for lv, level in LEVELS:
            row += [_(level), r[f"level_{lv}"], f"{level_points(r['points'], lv):g}"]  # points stay a number
        rows.append(row)
    return safe_csv.csv_text(header, rows)  # an instructor's rubric text never opens as a formula
