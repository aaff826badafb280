"""Marking and feedback on top of grading: marks saved as they go and found again, two markers who split
the class, anonymous marking without names, the matrix export and the summative hand-in in the view,
one gradebook with checks and rubric points, and a feedback file per student in the edition's language."""

import csv
import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from filmkit.classroom import feedback, grade, marking
from filmkit.i18n import use_language
from filmkit.tools import course_docs

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "course" / "submissions"


#: a class list for the sample's logins (names a marker must not see in anonymous mode)
ROSTER = {"blank": "Berta Quiroga", "cheat": "Ciro Salvatierra", "complete": "Ada Lindqvist",
          "partial": "Paloma Etxeberria", "printer": "Pedro Yupanqui"}

ATTACK = ('<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
          '<a href="javascript:alert(1)">x</a> [link](javascript:alert(3)) <svg onload=alert(4)>')


def graded_class(tmp: Path, roster: bool = False) -> tuple[Path, Path]:
    """The sample class plus a matrix export and a summative hand-in for 'complete', graded."""
    subs = tmp / "submissions"
    shutil.copytree(SAMPLE, subs)
    (subs / "complete_ethical_matrix.csv").write_text("stakeholder,value,rating,reason\nVFX workers,jobs,-1,"
                                                      "=HYPERLINK(\"x\") the hours model\n", encoding="utf-8")
    (subs / "complete_summative.md").write_text("# Policy memo\n\nI recommend disclosure before release.\n\n"
                                                + ATTACK + "\n", encoding="utf-8")
    out = tmp / "graded"
    extra = []
    if roster:
        (tmp / "roster.csv").write_text("".join(f"{k},{v}\n" for k, v in ROSTER.items()), encoding="utf-8")
        extra = ["--roster", str(tmp / "roster.csv")]
    assert grade.main([str(subs), str(out), *extra]) == 0
    return subs, out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return graded_class(tmp_path_factory.mktemp("marking"))


@pytest.fixture
def fresh(graded, tmp_path):
    subs, out = graded
    copy = tmp_path / "graded"
    shutil.copytree(out, copy)
    return subs, copy


def test_every_written_task_the_matrix_and_the_summative_are_there_to_mark(fresh):
    subs, out = fresh
    cls = marking.load(out, subs)
    assert {"1.4", "1.5", "1.6"} <= set(cls.answers)
    complete = {a.task: a for t in cls.answers.values() for a in t if a.login == "complete"}
    assert complete["1.4"].text.startswith("CL25")
    assert complete["5.5"].file == "complete_ethical_matrix.csv" and complete["S"].file == "complete_summative.md"
    page = marking.View(cls, "ana", anonymous=False).answer_page("5.5", 0).decode()
    assert "VFX workers" in page and "complete_ethical_matrix.csv" in page
    assert marking.load(out).submissions == subs.resolve()       # the hand-ins folder is remembered


def test_marks_are_saved_as_they_go_and_found_after_a_restart(fresh):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=True)
    first = view.mine("1.4")[0]
    view.save("1.4", 0, {"R1.4a": ["4"], "R1.4b": ["3"], "R1.4c": ["1"], "comment": ["Clear claim."]})
    again = marking.View(marking.load(out), "ana", anonymous=True)     # a new process: only the files remain
    mark = marking.read_marks(out)[first.login]["1.4"]
    assert mark["levels"] == {"R1.4a": 4, "R1.4b": 3, "R1.4c": 1} and mark["comment"] == "Clear claim."
    page = again.answer_page("1.4", None).decode()
    assert "(2/" in page                                              # it resumes at the first answer not marked
    saved = json.loads(marking.marks_file(out, "ana").read_text(encoding="utf-8"))
    assert saved["marks"][first.login]["1.4"]["levels"]["R1.4a"] == 4
    assert not list((out / "marking").glob(".*.tmp"))                 # written atomically: no half file left


def test_two_markers_split_the_class_and_their_marks_merge(fresh):
    subs, out = fresh
    cls = marking.load(out, subs)
    one, two = marking.View(cls, "ana", False, (1, 2)), marking.View(cls, "ben", False, (2, 2))
    logins_one, logins_two = {a.login for a in one.mine("1.4")}, {a.login for a in two.mine("1.4")}
    assert logins_one and logins_two and not logins_one & logins_two
    assert logins_one | logins_two == {a.login for a in cls.answers["1.4"]}
    one.save("1.4", 0, {"R1.4a": ["2"], "comment": [""]})
    two.save("1.4", 0, {"R1.4a": ["3"], "comment": [""]})
    assert marking.marks_file(out, "ana") != marking.marks_file(out, "ben")
    merged = marking.read_marks(out)
    assert {login for login in merged} == {one.mine("1.4")[0].login, two.mine("1.4")[0].login}


def test_anonymous_marking_shows_no_name(fresh):
    subs, out = fresh
    cls = marking.load(out, subs)
    view = marking.View(cls, "ana", anonymous=True)
    for task in cls.answers:
        for i, _answer in enumerate(view.mine(task)):
            page = view.answer_page(task, i).decode()
            for login in cls.names:
                assert f">{login} (" not in page and f"- {login}<" not in page, (task, login)
    assert "Student 0" in view.answer_page("1.4", 0).decode()
    named = marking.View(cls, "ana", anonymous=False).answer_page("1.4", 0).decode()
    assert any(f">{login} (" in named for login in cls.names)


def test_gradebook_merges_checks_and_rubric_points_with_safe_cells(fresh):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=False)
    position = [a.login for a in view.mine("1.4")].index("complete")
    view.save("1.4", position, {"R1.4a": ["4"], "R1.4b": ["4"], "R1.4c": ["2"], "comment": ["=cmd|' /C calc'!A0"]})
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = {r["SIS Login ID"]: r for r in csv.DictReader(handle)}
    complete = rows["complete"]
    assert complete["Exercise 1.4"] == str(3 + 3 + 1) and complete["Written total"] == "7"
    assert float(complete["Total"]) == float(complete["Checks total"]) + 7
    assert rows["blank"]["Exercise 1.4"] == "" and rows["blank"]["Written total"] == "0"
    assert "=cmd" not in (out / "gradebook.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_feedback_file_per_student_in_the_editions_language(fresh, lang):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=True)
    position = [a.login for a in view.mine("1.4")].index("complete")
    view.save("1.4", position, {"R1.4a": ["4"], "R1.4b": ["3"], "R1.4c": ["1"], "comment": ["<b>Good</b> work"]})
    with use_language(lang):
        files = feedback.write_feedback(out)
        rubric = {r["criterion_id"]: r for r in course_docs.rubrics()}
    names = sorted(p.name for p in files if p.parent.name == "feedback")
    assert names == sorted(f"{login}_feedback.html" for login in ("blank", "cheat", "complete", "partial", "printer"))
    page = (out / "feedback" / "complete_feedback.html").read_text(encoding="utf-8")
    assert f'lang="{lang}"' in page
    assert rubric["R1.4a"]["level_4"] in page and rubric["R1.4b"]["level_3"] in page
    assert "&lt;b&gt;Good&lt;/b&gt; work" in page and "<b>Good" not in page
    assert "Content-Security-Policy" in page and not live_markup(page)
    assert ("Exemplary" if lang == "en" else "Ejemplar") in page
    # a student reads the checks by their exercise, as the notebook heads it, never by the question's id
    assert re.findall(r"m0\d_q\d", page.split("<body>")[1]) == []
    assert ("<td>Exercise 1.1</td>" if lang == "en" else "<td>Ejercicio 1.1</td>") in page
    blank = (out / "feedback" / "blank_feedback.html").read_text(encoding="utf-8")
    assert rubric["R1.4a"]["level_4"] not in blank


def test_a_folder_that_was_not_graded_gets_one_message(tmp_path, capsys):
    assert marking.main([str(tmp_path)]) == 2
    assert "grades.csv" in capsys.readouterr().err
    assert feedback.main([str(tmp_path)]) == 2


def test_feedback_gives_the_checks_hint_for_a_wrong_answer_never_the_value(fresh):
    from filmkit.tools.selfcheck import answer_key

    subs, out = fresh
    marking.load(out, subs)                                # marking records where the hand-ins are
    expected = answer_key()["m01_q1"].expected()
    assert feedback.typed_answers(out)["partial"]["m01_q1"] == str(expected)
    row = {"SIS Login ID": "ada", "Student": "Ada", "m01_q1": "0", "Checks total": "0", "Checks possible": "1"}
    page = feedback.feedback_html(row, {}, {"m01_q1": str(expected + 1)})
    said = feedback.hint("m01_q1", str(expected + 1))
    assert said and html.escape(said.split(";")[0]) in page
    assert f"{expected}" not in page.split("<body>")[1]



def hostile_class(tmp: Path) -> tuple[Path, Path]:
    """The sample class where 'complete' typed markup into answer 1.4, edited the prompt of 1.4 in their copy,
    and handed in a summative memo with the same markup."""
    subs = tmp / "submissions"
    shutil.copytree(SAMPLE, subs)
    path = subs / "complete_01_the_eternaut_case.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    at = next(i for i, c in enumerate(cells) if (c.get("metadata", {}).get("filmkit") or {}).get("answer") == "1.4")
    cells[at]["source"] = "**My claim**: CL25\n\n" + ATTACK
    heading = max(i for i in range(at) if cells[i]["cell_type"] == "markdown"
                  and "".join(cells[i]["source"]).lstrip().startswith("#"))
    cells[heading]["source"] = "".join(cells[heading]["source"]) + "\n\n" + ATTACK
    path.write_text(json.dumps(nb), encoding="utf-8")
    (subs / "complete_summative.md").write_text("# Memo\n\n" + ATTACK + "\n", encoding="utf-8")
    out = tmp / "graded"
    assert grade.main([str(subs), str(out)]) == 0
    return subs, out


def live_markup(page: str) -> list[str]:
    """Elements or attributes, as a browser parses the page, that would run or load something: none may come
    from a hand-in (text that only looks like markup, once escaped, is fine)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in {"script", "img", "svg", "iframe", "object", "embed", "link", "base"}:
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"{tag} {name}={value}")

    Parser().feed(page)
    return found


def test_a_hand_in_with_markup_is_shown_as_text_in_the_marking_view(tmp_path):
    subs, out = hostile_class(tmp_path)
    view = marking.View(marking.load(out, subs), "ana", anonymous=False)
    for task in ("1.4", "S"):
        position = [a.login for a in view.mine(task)].index("complete")
        page = view.answer_page(task, position).decode()
        assert not live_markup(page), (task, live_markup(page))
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page        # shown, as text, to the marker
    page = view.answer_page("1.4", [a.login for a in view.mine("1.4")].index("complete")).decode()
    assert "<strong>My claim</strong>" in page                           # the answer's own Markdown is rendered
    kit_prompt = course_prompt("1.4")
    assert "<em>misattributed</em>" in page and kit_prompt[:40] in page   # the kit's prompt, not the hand-in's copy


def course_prompt(task: str) -> str:
    from filmkit.classroom.grading.written import _task_titles

    return _task_titles("en")[task][1].replace("*", "")


def test_safe_markdown_renders_the_subset_a_prompt_uses():
    shown = marking.render_markdown("Intro **bold** and `code`\n\n| a | b |\n|---|---|\n| 1 | <b>2</b> |\n\n- one\n- two")
    assert "<strong>bold</strong>" in shown and "<code>code</code>" in shown
    assert "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>&lt;b&gt;2&lt;/b&gt;</td>" in shown
    assert "<ul><li>one</li><li>two</li></ul>" in shown
    assert not live_markup(marking.render_markdown(ATTACK))
    wrapped = marking.render_markdown("A prompt wrapped\nat the margin.\n\n1. First step,\n   wrapped.\n2. Second.\n\n"
                                      "- one\n  more\n- two")
    assert "<p>A prompt wrapped at the margin.</p>" in wrapped
    assert "<ol><li>First step, wrapped.</li><li>Second.</li></ol>" in wrapped
    assert "<ul><li>one more</li><li>two</li></ul>" in wrapped
    assert "<p>typed<br>lines</p>" in marking.render_markdown("typed\nlines", breaks=True)
    assert "<ol start='3'>" in marking.render_markdown("3. third")


def test_a_file_hand_in_opens_through_the_view_without_a_name_in_anonymous_mode(fresh):
    subs, out = fresh
    cls = marking.load(out, subs)
    view = marking.View(cls, "ana", anonymous=True)
    position = [a.login for a in view.mine("S")].index("complete")
    page = view.answer_page("S", position).decode()
    assert "complete_summative" not in page and "(.md)" in page and f"/file/S?at={position}" in page
    content, kind, name = view.file_for("S", position)
    assert content.startswith(b"# Policy memo") and kind.startswith("text/plain") and "complete" not in name
    assert marking.View(cls, "ana", anonymous=False).file_for("S", position)[2] == "complete_summative.md"


@pytest.mark.parametrize("lang, words", [("es", ["Total de comprobaciones", "Ejercicio 1.4", "Total escrito"]),
                                         ("fr", ["Total des vérifications", "Exercice 1.4", "Total écrit"])])
def test_gradebook_is_headed_in_the_editions_language_but_the_id_columns_stay(fresh, lang, words):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=False)
    position = [a.login for a in view.mine("1.4")].index("complete")
    with use_language(lang):
        view.save("1.4", position, {"R1.4a": ["4"], "R1.4b": ["4"], "R1.4c": ["2"], "comment": [""]})
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, {r["SIS Login ID"]: r for r in reader}
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]   # what Canvas's import needs
    assert "m01_q1" in header                                                           # question ids as they are
    for word in words:
        assert word in header, (word, header)
    english = {"Checks total", "Checks possible", "Late", "Files", "Graded at", "Written total",
               "Module 1 checks", "Exercise 1.4"}
    assert not english & set(header), english & set(header)
    assert rows["complete"][words[1]] == "7"


def platform_class(tmp_path: Path) -> Path:
    """A class downloaded in bulk: a late Canvas hand-in, a Moodle folder and a plain file; graded."""
    subs = tmp_path / "submissions"
    subs.mkdir()
    shutil.copy(SAMPLE / "complete_01_the_eternaut_case.ipynb",
                subs / "lindqvistada_LATE_101_9001_01_the_eternaut_case.ipynb")
    moodle = subs / "Paloma Etxeberria_4242_assignsubmission_file_"
    moodle.mkdir()
    shutil.copy(SAMPLE / "partial_01_the_eternaut_case.ipynb", moodle / "01_the_eternaut_case.ipynb")
    shutil.copy(SAMPLE / "blank_01_the_eternaut_case.ipynb", subs / "blank_01_the_eternaut_case.ipynb")
    out = tmp_path / "graded"
    assert grade.main([str(subs), str(out)]) == 0
    return out


def test_feedback_zips_are_named_as_canvas_and_moodle_read_them(tmp_path):
    """Canvas reads the user and attachment ids as the first two all-digit parts of a file's name; Moodle reads
    the participant id after the first '_' of a folder: the zips keep the prefix each download gave the hand-in."""
    out = platform_class(tmp_path)
    files = feedback.write_feedback(out)
    with zipfile.ZipFile(out / "feedback" / feedback.CANVAS_ZIP) as canvas:
        assert canvas.namelist() == ["lindqvistada_101_9001_feedback.html"]
        name = canvas.namelist()[0]
        assert [p for p in name.split("_") if p.isdigit()][:2] == ["101", "9001"]   # user id, attachment id
        assert b"Feedback for" in canvas.read(name)
    with zipfile.ZipFile(out / "feedback" / feedback.MOODLE_ZIP) as moodle_zip:
        assert moodle_zip.namelist() == ["Paloma Etxeberria_4242_assignsubmission_file_/feedback.html"]
        folder = moodle_zip.namelist()[0].split("/")[0].split("_", 4)
        assert folder[1] == "4242" and folder[2:4] == ["assignsubmission", "file"]
    assert out / "feedback" / "blank_feedback.html" in files          # a plain hand-in: named by login only


def test_feedback_tables_have_a_heading_on_every_column_and_the_gradebook_says_late_in_the_editions_words(tmp_path):
    out = platform_class(tmp_path)
    with use_language("es"):
        feedback.write_feedback(out)
    page = (out / "feedback" / "blank_feedback.html").read_text(encoding="utf-8")
    assert "<th></th>" not in page and "Lo que se preguntó" in page
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        late = [r["Fuera de término"] for r in csv.DictReader(handle) if r["Fuera de término"]]
    assert late == ["Módulo 1"], late


def post(view, task: str, at: int, fields: dict[str, str]) -> tuple[int, str]:
    """A marker's "Save" on the view served in this process: (status, page)."""
    import threading
    import urllib.error
    import urllib.parse
    import urllib.request

    from tests.browser.servers import free_port

    server = marking.serve(view, free_port())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        data = urllib.parse.urlencode(fields).encode()
        url = f"http://127.0.0.1:{server.server_address[1]}/task/{task}?at={at}"
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=20) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode()
    finally:
        server.shutdown()
        server.server_close()


def test_a_marks_file_that_cannot_be_read_is_never_replaced_and_the_marker_is_told(fresh):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=True)
    damaged = marking.marks_file(out, "ana")
    damaged.write_text('{"marker": "ana", "marks": {"complete": {"1.4": {"levels"', encoding="utf-8")
    status, page = post(view, "1.4", 0, {"R1.4a": "4", "comment": "Good.", "go": "next"})
    assert status == 500 and "NOT saved" in page and str(damaged) in page and "role='alert'" in page
    assert damaged.read_text(encoding="utf-8").endswith('"levels"')          # the marker's work is left as it was


def test_a_gradebook_that_cannot_be_written_keeps_the_mark_and_says_so(fresh):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=True)
    (out / "gradebook.csv").mkdir()                     # as good as a file a spreadsheet holds locked
    status, page = post(view, "1.4", 0, {"R1.4a": "4", "comment": "Good.", "go": "next"})
    assert status == 500 and "The mark is saved" in page and "gradebook.csv" in page
    assert marking.read_marks(out)[view.mine("1.4")[0].login]["1.4"]["levels"] == {"R1.4a": 4}


def test_feedback_gives_hints_when_told_where_the_hand_ins_are_without_marking_first(graded, tmp_path, capsys):
    subs, out = graded
    copy = tmp_path / "graded"
    shutil.copytree(out, copy)
    assert not (copy / "marking" / "source.json").exists() or marking.read_marks(copy) == {}
    shutil.rmtree(copy / "marking", ignore_errors=True)
    assert feedback.typed_answers(copy) == {}
    (copy / "marking").mkdir()
    (copy / "marking" / "source.json").write_text("{not json", encoding="utf-8")
    assert feedback.typed_answers(copy) == {}                     # a damaged record: no hints, no traceback
    assert feedback.main([str(copy), "--submissions", str(subs)]) == 0
    assert feedback.typed_answers(copy)["partial"]["m01_q1"]                 # the hand-ins are read for the hints
    assert feedback.main([str(copy), "--submissions", str(tmp_path / "nowhere")]) == 2
    assert "not a folder of hand-ins" in capsys.readouterr().err


def test_answers_typed_in_text_boxes_are_marked_from_the_answers_file(tmp_path):
    """A text box saves the written answer in the answers file at every change, the notebook only when it is
    saved: the marking view shows the answers file's text, as the written-answers pack does."""
    subs = tmp_path / "submissions"
    subs.mkdir()
    shutil.copy(SAMPLE / "complete_01_the_eternaut_case.ipynb", subs / "complete_01_the_eternaut_case.ipynb")
    sheet = "01_the_eternaut_case"
    typed = "Typed in the box: CL25 is **misattributed**."
    (subs / f"complete_01_the_eternaut_case.answers.json").write_text(json.dumps(
        {"sheet": sheet, "answers": {}, "written": {"1.4": {"text": typed, "saved": "2026-03-01T10:00"}}}),
        encoding="utf-8")
    out = tmp_path / "graded"
    assert grade.main([str(subs), str(out)]) == 0
    view = marking.View(marking.load(out, subs), "ana", anonymous=False)
    page = view.answer_page("1.4", 0).decode()
    assert "Typed in the box: CL25 is <strong>misattributed</strong>." in page


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_summative_hand_in_is_marked_under_its_task(fresh, lang):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=True)
    with use_language(lang):
        page = view.answer_page("S", 0).decode()
    folder = ROOT / "exercises" / ("" if lang == "en" else lang)
    task = (folder / "summative_assignment.md").read_text(encoding="utf-8")
    first_line = task.split("\n\n")[2].split("\n")[0]                   # the task's opening sentence
    assert html.escape(first_line.split("*")[0]) in page, first_line
    assert "## " not in page and "<strong>" in page


def test_a_matrix_export_is_one_answer_and_anonymous_marking_hides_the_name_it_carries(tmp_path):
    """The matrix export writes a .md titled with the student's name and a .csv beside it; a memo is signed."""
    subs, out = graded_class(tmp_path, roster=True)
    (subs / "complete_ethical_matrix.csv").unlink()
    (subs / "lindqvistada_101_9001_ethical_matrix_Ada_Lindqvist_20260301-101500.md").write_text(
        "# Ethical matrix: Ada Lindqvist\n\n| Stakeholder | jobs |\n| --- | --- |\n| VFX workers | harmed |\n",
        encoding="utf-8")
    (subs / "lindqvistada_101_9001_ethical_matrix_Ada_Lindqvist_20260301-101500.csv").write_text(
        "stakeholder,value,rating,note\nVFX workers,jobs,harmed,\n", encoding="utf-8")
    (subs / "complete_summative.md").write_text("# Policy memo\n\nBy Lindqvist, Ada. Ada argues; it will rain.\n",
                                                encoding="utf-8")
    assert grade.main([str(subs), str(out), "--roster", str(tmp_path / "roster.csv"), "--force"]) == 0
    cls = marking.load(out, subs)
    assert [a.file for a in cls.answers["5.5"]] == ["lindqvistada_101_9001_ethical_matrix_Ada_Lindqvist_20260301-101500.md"]
    view = marking.View(cls, "ana", anonymous=True)
    for task in ("5.5", "S"):
        page = view.answer_page(task, 0).decode()
        assert "Ada" not in page and "Lindqvist" not in page, task
        assert "Student 0" in page
    assert "it will rain" in view.answer_page("S", 0).decode()                # words that are not the name stay
    assert "<td>VFX workers</td>" in view.answer_page("5.5", 0).decode()     # the export's table, rendered
    named = marking.View(cls, "ana", anonymous=False).answer_page("5.5", 0).decode()
    assert "Ethical matrix: Ada Lindqvist" in named


@pytest.mark.parametrize("lang, words", [("en", "ethical matrix"), ("es", "matriz ética"), ("fr", "matrice éthique")])
def test_the_matrix_export_is_marked_under_its_task(fresh, lang, words):
    subs, out = fresh
    view = marking.View(marking.load(out, subs), "ana", anonymous=True)
    with use_language(lang):
        page = view.answer_page("5.5", 0).decode()
    heading = page.split("<h1>")[1].split("</h1>")[0]
    assert "5.5: " in heading and words in heading.lower(), heading
    assert "<div class='prompt'><p>" in page
