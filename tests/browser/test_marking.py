"""The marking view from the keyboard only: a marker marks three students' answers, the command is
stopped and started again, the marks are found, the gradebook and the feedback files carry them, and
anonymous mode shows no name. Screenshots of the view and of one feedback file, in English and Spanish,
are kept in test-artifacts/browser/ for a person to look at."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.course.test_marking import ROSTER, graded_class, live_markup

from .servers import free_port

LEVELS = {"R1.4a": 4, "R1.4b": 3, "R1.4c": 2}   # what the marker picks for each criterion
COMMENTS = ["First: cite the ledger id.", "Second: a fair check.", "Third: say why it is doubtful."]


class Marking:
    """``filmkit mark`` as an instructor runs it, in its own process."""

    def __init__(self, out, *args):
        self.port = free_port()
        self.process = subprocess.Popen([sys.executable, "-m", "filmkit", "mark", str(out), "--port", str(self.port),
                                         *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}/"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=2).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(f"filmkit mark stopped: {self.process.stdout.read()}")
                time.sleep(0.3)
        self.stop()
        raise AssertionError("filmkit mark did not answer within 60 s")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()  # its pipe, closed here rather than left to the garbage collector


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus (what a keyboard user does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def mark_one(page, level_by_criterion: dict[str, int], comment: str) -> None:
    for criterion, level in level_by_criterion.items():
        tab_to(page, f"input[name='{criterion}']")
        page.keyboard.press("Space")                       # the first level (Exemplary) ...
        for _ in range(4 - level):
            page.keyboard.press("ArrowRight")              # ... then one step down per arrow
    tab_to(page, "#comment")
    page.keyboard.type(comment)
    tab_to(page, "button[value='next']")
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=status]")


def shows_no_name(page) -> None:
    """Nothing on the page or in its title names a student of the roster (their login or full name)."""
    text = page.inner_text("body") + " " + page.title() + " " + page.content()
    for login, name in ROSTER.items():
        assert name not in text, f"anonymous mode shows {name} on {page.url}"
        assert f"{login}_" not in text and f">{login}<" not in text and f"- {login}" not in text, \
            f"anonymous mode shows the login {login} on {page.url}"


def go_to_a_written_answer(page, url: str, task: str = "1.4") -> None:
    """The first answer of ``task`` with words in it (a screenshot of an empty answer shows little)."""
    for position in range(len(ROSTER)):
        page.goto(f"{url}task/{task}?at={position}")
        if not page.query_selector(".answer > em"):
            return
    raise AssertionError(f"no written answer to {task}")


def marked_login(out) -> str:
    """A student whose first task was marked in the first test (their feedback has a rubric to show)."""
    return next(login for login in ROSTER
                if COMMENTS[0] in (out / "feedback" / f"{login}_feedback.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory, browser):
    return graded_class(tmp_path_factory.mktemp("marking-browser"), roster=True)


def test_marking_three_students_from_the_keyboard_survives_a_restart(graded, page, artifacts):
    subs, out = graded
    server = Marking(out, "--submissions", str(subs), "--anonymous", "--marker", "ana")
    try:
        page.goto(server.url)
        shows_no_name(page)
        tab_to(page, "a[href='/task/1.4']")
        page.keyboard.press("Enter")
        page.wait_for_selector("h2#who")
        marked = []
        for comment in COMMENTS:
            shows_no_name(page)
            marked.append(page.inner_text("h2#who"))
            mark_one(page, LEVELS, comment)
        shows_no_name(page)
        # every answer of every task, the summative hand-in (a file full of markup) included: no name, no script
        for task in ("1.4", "1.5", "1.6", "5.5", "S"):
            for position in range(len(ROSTER)):
                page.goto(f"{server.url}task/{task}?at={position}")
                shows_no_name(page)
                assert not live_markup(page.content()) and page.evaluate("window.pwned") is None, (task, position)
                if task == "S" and page.query_selector("a[href^='/file/']"):
                    page.screenshot(path=str(artifacts / "marking_file_hand_in_anonymous_en.png"), full_page=True)
        go_to_a_written_answer(page, server.url)
        page.screenshot(path=str(artifacts / "marking_view_en.png"), full_page=True)
    finally:
        server.stop()

    server = Marking(out, "--anonymous", "--marker", "ana")          # a new run: only the saved files remain
    try:
        for position, comment in enumerate(COMMENTS):
            page.goto(f"{server.url}task/1.4?at={position}")
            assert page.inner_text("h2#who") == marked[position]
            for criterion, level in LEVELS.items():
                assert page.is_checked(f"input[name='{criterion}'][value='{level}']"), (position, criterion)
            assert page.input_value("#comment") == comment
        page.goto(server.url + "task/1.4")                            # resumes at the first answer not marked
        assert page.inner_text("h2#who").endswith(f"({len(COMMENTS) + 1}/{len(ROSTER)})")
    finally:
        server.stop()

    done = subprocess.run([sys.executable, "-m", "filmkit", "feedback", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    points = 3 + 2 + 1                                         # R1.4: 3 pt each, levels 4/3/2 earn 3/2/1
    assert sorted(r["Exercise 1.4"] for r in rows) == sorted([str(points)] * 3 + [""] * (len(ROSTER) - 3))
    carried = [(out / "feedback" / f"{login}_feedback.html").read_text(encoding="utf-8") for login in ROSTER]
    for comment in COMMENTS:
        assert sum(comment in text for text in carried) == 1, comment
    page.goto((out / "feedback" / f"{marked_login(out)}_feedback.html").as_uri())
    page.screenshot(path=str(artifacts / "feedback_en.png"), full_page=True)


def test_spanish_marking_view_and_feedback(graded, page, artifacts):
    subs, out = graded
    server = Marking(out, "--submissions", str(subs), "--lang", "es", "--marker", "ben")
    try:
        go_to_a_written_answer(page, server.url)
        assert "Ejemplar" in page.inner_text("body")
        page.screenshot(path=str(artifacts / "marking_view_es.png"), full_page=True)
    finally:
        server.stop()
    done = subprocess.run([sys.executable, "-m", "filmkit", "feedback", str(out), "--lang", "es", "--pdf"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    login = marked_login(out)
    assert (out / "feedback" / f"{login}_feedback.pdf").read_bytes().startswith(b"%PDF")
    page.goto((out / "feedback" / f"{login}_feedback.html").as_uri())
    assert "Ejemplar" in page.inner_text("body") or "Competente" in page.inner_text("body")
    assert page.evaluate("document.documentElement.lang") == "es"
    page.screenshot(path=str(artifacts / "feedback_es.png"), full_page=True)
