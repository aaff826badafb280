"""Lesson plans add up and name things that exist; rubrics are levelled and reward no one conclusion;
the reading list, summative assignment and glossary are there; the guide is rendered from the data."""

import re
from pathlib import Path

import nbformat
import pytest

from filmkit.model.data import load
from filmkit.tools import course_docs, exercises

ROOT = Path(__file__).resolve().parents[2]


def _sections(module: int) -> set[int]:
    path = next((ROOT / "notebooks").glob(f"{module:02d}_*.ipynb"))
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    return {int(n) for n in re.findall(r"^## (\d+)\. ", text, re.M)}


def _exercises() -> set[str]:
    found = {"S"} if (ROOT / "exercises" / "summative_assignment.md").is_file() else set()
    for path in (ROOT / "exercises").glob("*.ipynb"):
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        found |= set(re.findall(r"^## Exercise (\d\.\d)", text, re.M))
    return found


def test_three_plans_of_the_promised_lengths():
    sessions = {}
    for row in course_docs.plans():
        sessions.setdefault((row["plan"], row["session"]), (int(row["session_minutes"]), []))[1].append(row)
    shape = {}
    for (plan, _), (length, _rows) in sessions.items():
        shape.setdefault(plan, []).append(length)
    assert shape == {"50-minute class": [50], "90-minute class": [90], "Three-session unit": [90, 90, 90]}


@pytest.mark.parametrize("plan_session", sorted({(r["plan"], r["session"]) for r in course_docs.plans()}))
def test_each_session_adds_up_with_the_kits_own_times_and_names_what_exists(plan_session):
    rows = [r for r in course_docs.plans() if (r["plan"], r["session"]) == plan_session]
    in_class = [r for r in rows if r["when"] == "class"]
    assert sum(course_docs.step_minutes(r) for r in in_class) == int(rows[0]["session_minutes"]), plan_session
    known = _exercises()
    for r in rows:
        assert int(r["minutes"]) == (course_docs.step_minutes(r) if r["when"] == "class" else 0), (plan_session, r["step"])
        for section in r["section"].split():
            assert int(section) in _sections(int(r["module"])), f"{plan_session}: module {r['module']} §{section}"
        for exercise in r["exercise"].split():
            assert exercise in known, f"{plan_session}: exercise {exercise}"


def plan_problems(rows: list[dict]) -> list[str]:
    """What is wrong with lesson plans ``rows`` (as lesson_plans.csv holds them), measured with the kit's
    per-module times (course_times.csv): a session whose steps do not sum to its length, a step whose minutes
    are not those of its sections and exercises, a section or exercise that does not exist, an exercise the
    unit neither schedules nor lists as optional."""
    problems = []
    sessions: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        sessions.setdefault((r["plan"], r["session"]), []).append(r)
    known = _exercises()
    for (plan, session), steps in sessions.items():
        in_class = sum(course_docs.step_minutes(r) for r in steps if r["when"] == "class")
        if in_class != int(steps[0]["session_minutes"]):
            problems.append(f"{plan} {session}: {in_class} min of steps in a {steps[0]['session_minutes']}-min session")
        for r in steps:
            if int(r["minutes"]) != (course_docs.step_minutes(r) if r["when"] == "class" else 0):
                problems.append(f"{plan} {session} step {r['step']}: says {r['minutes']} min, takes "
                                f"{course_docs.step_minutes(r)}")
            problems += [f"{plan} {session}: module {r['module']} has no section {x}" for x in r["section"].split()
                         if int(x) not in _sections(int(r["module"]))]
            problems += [f"{plan} {session}: no exercise {x}" for x in r["exercise"].split() if x not in known]
    unit = [r for r in rows if r["plan"] == "Three-session unit"]
    listed = {x for r in unit for x in r["exercise"].split()}
    problems += [f"exercise {x} neither scheduled nor optional" for x in sorted(known - listed)]
    return problems


def test_every_plan_fits_and_names_what_exists():
    assert plan_problems(course_docs.plans()) == []


def test_a_plan_that_does_not_fit_is_caught():
    rows = course_docs.plans()
    step = next(i for i, r in enumerate(rows) if r["when"] == "class" and r["module"] == "1")
    crowded = [dict(r) for r in rows]
    crowded[step]["section"] += " 2"                                  # one more section in the same minutes
    assert any("says" in p for p in plan_problems(crowded)) and any("-min session" in p for p in plan_problems(crowded))
    honest = [dict(r) for r in crowded]
    honest[step]["minutes"] = str(course_docs.step_minutes(honest[step]))   # the step tells its time: the session overruns
    assert [p for p in plan_problems(honest) if "-min session" in p], plan_problems(honest)
    unit = next(i for i, r in enumerate(rows) if r["plan"] == "Three-session unit" and r["when"] == "optional")
    dropped = [dict(r, exercise="") if i == unit else dict(r) for i, r in enumerate(rows)]
    assert any("neither scheduled nor optional" in p for p in plan_problems(dropped))
    ghost = [dict(r, section="99") if i == step else dict(r) for i, r in enumerate(rows)]
    with pytest.raises(KeyError):                                      # a section without a time cannot be planned
        plan_problems(ghost)


def test_every_exercise_is_scheduled_in_the_unit_or_listed_as_optional():
    unit = [r for r in course_docs.plans() if r["plan"] == "Three-session unit"]
    scheduled = {x for r in unit if r["when"] != "optional" for x in r["exercise"].split()}
    optional = {x for r in unit if r["when"] == "optional" for x in r["exercise"].split()}
    assert scheduled | optional == _exercises(), sorted(_exercises() - scheduled - optional)
    assert not scheduled & optional


def test_every_section_and_exercise_has_a_time_and_nothing_else_does():
    times = course_docs.course_times()
    for module, parts in times.items():
        assert set(map(int, parts["sections"])) == _sections(module), module
    assert {x for parts in times.values() for x in parts["exercises"]} == _exercises() - {"S"}


def test_readme_guide_and_notebooks_show_the_same_module_times():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    start = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    path_table = "\n".join(c.source for c in start.cells if c.cell_type == "markdown")
    for module in course_docs.course_times():
        minutes = course_docs.module_minutes(module)
        name = next((ROOT / "notebooks").glob(f"{module:02d}_*.ipynb")).stem
        assert re.search(rf"^\| {module} \| \[`{name}`\].*\| {minutes} min \|", readme, re.M), f"README, module {module}"
        exercises = course_docs.exercise_minutes(module)
        shown = f"{exercises} min" if exercises else "-"
        assert re.search(rf"^\| {module} \| `{name}` \| {minutes} min \| {shown} \|", guide, re.M), f"guide, module {module}"
        notebook = nbformat.read(next((ROOT / "notebooks").glob(f"{module:02d}_*.ipynb")), as_version=4)
        text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
        assert f"**Time to learn**: {minutes} minutes" in text, f"notebook {name}"
        row = re.search(rf"^\| {module} \| \[[^]]+\]\({name}\.ipynb\) \|.*$", path_table, re.M)
        assert row is not None, f"notebook 00's learning path links module {module}"
        assert row.group(0).endswith(f"| {minutes} min |"), f"notebook 00's learning path, module {module}"


def test_every_written_task_has_a_levelled_rubric():
    rubrics = course_docs.rubrics()
    tasks = {r["task"] for r in rubrics}
    written = set()
    for path in (ROOT / "exercises").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            task = (cell.metadata.get("filmkit") or {}).get("answer")
            if task:
                written.add(task)
    assert written <= tasks and "S" in tasks and "5.5" in tasks
    assert tasks <= _exercises()
    for r in rubrics:
        assert all(r[f"level_{lv}"].strip() for lv in (1, 2, 3, 4)), r["criterion_id"]
        assert len({r[f"level_{lv}"] for lv in (1, 2, 3, 4)}) == 4, r["criterion_id"]


def test_no_rubric_or_task_rewards_one_conclusion():
    r54 = " ".join(r["level_4"] for r in course_docs.rubrics() if r["task"] == "5.4")
    assert "either answer" in r54
    summative = " ".join(r["level_4"] for r in course_docs.rubrics() if r["task"] == "S")
    assert "either recommendation" in summative
    for r in course_docs.rubrics():
        assert "why a fictional collapse does not break" not in r["level_4"]


def test_reading_list_has_10_to_20_sourced_items_with_evidence_and_reasons():
    readings = course_docs.reading_list()
    assert 10 <= len(readings) <= 20
    sources = set(load("sources")["id"])
    assert set(load("reading_list")["source_id"]) <= sources
    for r in readings:
        assert r["evidence_level"] in ("primary", "secondary", "unverified") and len(r["why"]) > 40


def test_glossary_has_the_missing_terms():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for term in ("VFX", "GenAI", "Earnings call", "Percentile", "Ethical matrix", "Nominal pay"):
        assert re.search(rf"^\| {re.escape(term)} \|", text, re.M), term


def test_guide_is_rendered_from_the_data_and_walks_from_release_to_grades():
    assert exercises.build(write=False) == []
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    assert course_docs.plans_markdown() in guide and course_docs.rubrics_markdown() in guide
    steps = [guide.index(s) for s in ("filmkit release ../filmkit-class", "nbgitpuller", "filmkit grade submissions",
                                      "grades.csv", "written_answers.html")]
    assert steps == sorted(steps)
    assert "running_a_class.md" in guide
    hub = guide[guide.index("nbgitpuller"):guide.index("filmkit grade submissions")]
    assert "never to this one" in hub


def test_instructor_tables_match_their_schema():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "instructors" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_every_rubric_level_earns_its_own_points():
    for r in course_docs.rubrics():
        points = [course_docs.level_points(r["points"], lv) for lv in (4, 3, 2, 1)]
        assert points == sorted(set(points), reverse=True) and points[0] == int(r["points"]), (r["criterion_id"], points)
        assert all(float(p).is_integer() for p in points), r["criterion_id"]


def test_rubric_levels_are_named_not_numbered_where_anyone_reads_them():
    shown = [course_docs.rubrics_markdown(), course_docs.students_rubrics_markdown(), *course_docs.rubrics_by_task().values()]
    for text in shown:
        assert "Exemplary" in text and "Beginning" in text
        assert not re.search(r"(Exemplary|Proficient|Developing|Beginning) \(\d\)", text)


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_students_read_each_task_rubric_in_their_edition(lang):
    from filmkit.i18n import use_language

    folder = ROOT / "exercises" / ("" if lang == "en" else lang)
    with use_language(lang):
        assert (folder / "rubrics.md").read_text(encoding="utf-8") == course_docs.students_rubrics_markdown()
        wanted = {task: course_docs.task_rubric_markdown(task) for task in {r["task"] for r in course_docs.rubrics()}}
    found = {}
    for path in folder.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            task = (cell.metadata.get("filmkit") or {}).get("rubric")
            if task:
                found[task] = cell.source
    assert found == {task: text for task, text in wanted.items() if task != "S"}


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_a_policy_on_students_use_of_generative_ai_in_every_edition(lang):
    sub = "" if lang == "en" else f"{lang}/"
    assignment = (ROOT / "exercises" / sub / "summative_assignment.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / sub / "instructor_guide.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", assignment, re.M)
    assert len(boxes) == 3, boxes                      # allowed, allowed if declared, forbidden: the instructor ticks one
    options = re.findall(r"^- \*\*(.+?)\*\*: ", guide.replace("\u00a0", " ").replace(" :", ":"), re.M)
    assert [o for o in boxes if o in options] == boxes, (boxes, options)
    assert "rubrics.md" in assignment and (ROOT / "exercises" / sub / "rubrics.md").is_file()
    if lang != "en":
        for english in ("may use generative AI tools", "Declaration", "If no box is ticked"):
            assert english not in assignment, english
        assert "A course about generative AI needs a rule" not in guide


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_exercise_notebooks_show_the_modules_exercise_time(lang):
    said = {"en": r"\*\*Time\*\*: about (\d+) minutes", "es": r"\*\*Tiempo\*\*: unos (\d+) minutos",
            "fr": r"\*\*Durée\*\*\s?: environ (\d+) minutes"}[lang]
    folder = ROOT / "exercises" / ("" if lang == "en" else lang)
    for path in sorted(folder.glob("*.ipynb")):
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells).replace("\u00a0", " ")
        shown = re.search(said, text)
        assert shown and int(shown.group(1)) == course_docs.exercise_minutes(int(path.name[:2])), path.name
