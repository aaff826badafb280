"""A class on a real JupyterHub: three students, each with their own account and password, log in, pull
the student release with nbgitpuller and run module 2.

Everything runs on 127.0.0.1 with free ports, in a temporary folder; the hub runs as root and starts
each server as its student (see conftest.py). About a minute on two cores.
"""

import subprocess
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from deploy import classroom
from deploy import hub as hubmod

from .conftest import GIT, ROOT, class_names, start_class_hub, stop_class_hub

pytestmark = pytest.mark.hub
STUDENTS = list(class_names("student1", "student2", "student3").values())

MODULE_0 = "kit/notebooks/00_start_here.ipynb"
MODULE_2 = "kit/notebooks/02_cost_and_time.ipynb"
SHOTS = "Shots in the sequence"
PRICE = "Generation price (USD per generated second)"


@pytest.fixture(scope="module")
def class_hub(hub_ready, workdir, release_repo):
    hub = start_class_hub(workdir / "class-hub", release_repo, STUDENTS)
    yield hub
    stop_class_hub(hub)


@pytest.fixture(scope="module")
def upstream(class_hub):
    return {"repo": class_hub.repo_url, "path": class_hub.release_repo, "branch": hubmod.BRANCH}


def _session(hub, upstream, name):
    """One student's class: log in, start the server, pull the kit, run module 2, move the explorer."""
    student = classroom.Student(hub.url, name, hub.new_passwords[name])
    student.login()
    student.start_server()
    student.pull(upstream["repo"], upstream["branch"])
    # Every cell runs without error, checked cells print (nbval compares their text with the repository's copy).
    kernel, replies = student.run_notebook(MODULE_2)
    whoami = kernel.execute("import getpass; print(getpass.getuser())")
    explorer = classroom.Explorer(kernel)
    shots = kernel.widgets[explorer.slider(SHOTS)]
    moves = []
    for label, value in ((SHOTS, min(shots["value"] * 2, shots["max"])), (SHOTS, shots["min"]),
                         (PRICE, 1.5)):
        reply, before, after = explorer.move(label, value)
        charts = [cid for cid in reply.updated if cid != explorer.summary
                  and "<img" in str(kernel.widgets[cid].get("value", ""))]
        moves.append({"label": label, "value": value, "before": before, "after": after, "charts": charts,
                      "echo": kernel.widgets[explorer.slider(label)]["value"], "seconds": reply.seconds})
    return {"name": name, "seconds": sum(r.seconds for r in replies.values()), "moves": moves, "student": student,
            "user": classroom.plain_text(whoami.outputs)}


@pytest.fixture(scope="module")
def sessions(class_hub, upstream):
    with ThreadPoolExecutor(len(STUDENTS)) as pool:
        sessions = list(pool.map(lambda n: _session(class_hub, upstream, n), STUDENTS))
    yield sessions
    for s in sessions:
        s["student"].close()


def test_each_student_runs_module_2_in_their_own_server(class_hub, sessions):
    for s in sessions:
        assert s["user"] == [s["name"] + "\n"], f"{s['name']}: the kernel runs as {s['user']}"
        home = class_hub.home(s["name"])
        assert (home / MODULE_2).exists(), f"{s['name']}: the kit was not pulled into their home"
    assert len({str(class_hub.home(s["name"]).resolve()) for s in sessions}) == len(STUDENTS)


def test_explorer_controls_change_the_numbers_and_the_chart(sessions):
    for s in sessions:
        up, down, price = s["moves"]
        for move in s["moves"]:
            assert move["echo"] == pytest.approx(move["value"]), f"{s['name']}: {move['label']} did not take"
            assert move["after"] and move["after"] != move["before"], f"{s['name']}: {move['label']} changed no number"
            assert move["charts"], f"{s['name']}: {move['label']} redrew no chart"
        # More shots cost more; the fewest shots cost less than that.
        assert max(up["after"]) > max(up["before"]), s["name"]
        assert max(down["after"]) < max(up["after"]), s["name"]


def test_wrong_password_and_unknown_student_are_refused(class_hub):
    with pytest.raises(classroom.StudentError, match="login refused"):
        with classroom.Student(class_hub.url, STUDENTS[0], class_hub.new_passwords[STUDENTS[1]]) as wrong:
            wrong.login()
    with pytest.raises(classroom.StudentError, match="login refused"):
        with classroom.Student(class_hub.url, "intruder", class_hub.new_passwords[STUDENTS[0]]) as intruder:
            intruder.login()


def test_link_opens_module_0_and_a_second_click_keeps_the_students_edits(class_hub, upstream, sessions, workdir):
    student = sessions[0]["student"]
    link = hubmod.pull_link(class_hub.url, upstream["repo"], upstream["branch"])
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    assert query["urlpath"] == [f"lab/tree/{MODULE_0}"] and query["targetpath"] == ["kit"]

    # A browser following the link, logged in (cookies only): the hub sends it to the student's nbgitpuller page.
    with requests.Session() as browser:
        browser.cookies.update(student.http.cookies)
        page = browser.get(link, timeout=60)
    assert page.status_code == 200 and f"/user/{student.name}/git-pull" in page.url
    assert (class_hub.home(student.name) / MODULE_0).exists()

    # The student writes a note in module 0; meanwhile the instructor publishes a new file.
    nb = student.notebook(MODULE_0)
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "My notes: the 10x claim needs a baseline."})
    student.put_notebook(MODULE_0, nb)
    clone = workdir / "instructor"
    subprocess.run(GIT + ["clone", "--quiet", "--branch", upstream["branch"], str(upstream["path"]), str(clone)],
                   check=True, capture_output=True, timeout=60)
    (clone / "notebooks" / "announcement.md").write_text("Session 2 starts with module 3.\n")
    for args in (["add", "notebooks/announcement.md"], ["commit", "--quiet", "-m", "Announcement"], ["push", "--quiet"]):
        subprocess.run(GIT + args, cwd=clone, check=True, capture_output=True, timeout=60)

    # Second click: the new file arrives, the note stays.
    student.pull(upstream["repo"], upstream["branch"])
    home = class_hub.home(student.name)
    assert (home / "kit/notebooks/announcement.md").exists()
    cells = student.notebook(MODULE_0)["cells"]
    assert any("My notes: the 10x claim" in "".join(c["source"]) for c in cells)


def test_hub_command_line_prints_the_link_and_reports_readiness(hub_ready):
    out = subprocess.run([sys.executable, str(ROOT / "deploy" / "hub.py"), "link", "--hub-url", "http://hub.example:8000",
                          "--dir", "/srv/class"], capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    assert out.startswith("http://hub.example:8000/hub/user-redirect/git-pull?")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(out).query)
    assert query["repo"] == ["file:///srv/class/release.git"], "the link pulls the student release"
    assert "00_start_here.ipynb" in query["urlpath"][0]
    check = subprocess.run([sys.executable, str(ROOT / "deploy" / "hub.py"), "check"],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
