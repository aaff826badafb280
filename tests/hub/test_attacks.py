"""A student attacks her classmates and the hub from a code cell of her own notebook; each attempt is refused.

One class hub (run as root, one Unix account per person) with two students and an instructor. Before
anyone else logs in, alice tries to claim the instructor's name and bob's; then, from her kernel, she
tries every row of the table in issue 20: read bob's draft, change bob's answers, read the hub's state
and secrets, read other processes' environments, forge an admin token from the hub's database, stop
bob's server, log in as bob; and reach the instructor's checkout, and use more memory than her share.
Offline (loopback only), about a minute on two cores.
"""

import json
import textwrap

import pytest
import requests

from deploy import classroom
from deploy import hub as hubmod
from filmkit.classroom.release import leaks

from .conftest import ROOT, class_names, start_class_hub, stop_class_hub

pytestmark = pytest.mark.hub

NOTEBOOK = "kit/notebooks/00_start_here.ipynb"
ANSWERS = "kit/notebooks/01_the_eternaut_case.answers.json"


@pytest.fixture(scope="module")
def people():
    return class_names("alice", "bob", "teacher")


@pytest.fixture(scope="module")
def hub(hub_ready, workdir, release_repo, people):
    hub = start_class_hub(workdir / "attack-hub", release_repo, [people["alice"], people["bob"]],
                          admins=[people["teacher"]])
    yield hub
    stop_class_hub(hub)


def _login(hub, name, password):
    """A login through the form: the user name the hub then answers to, or None when refused."""
    with classroom.Student(hub.url, name, password) as student:
        try:
            student.login()
        except classroom.StudentError:
            return None
        return student.http.get(f"{hub.url}/hub/api/user", timeout=30).json()


@pytest.fixture(scope="module")
def claims(hub, people):
    """Alice arrives first and tries to take the instructor's name and bob's, with her own password and others."""
    alice_pw = hub.new_passwords[people["alice"]]
    tries = {}
    for target in ("teacher", "bob"):
        tries[target] = [_login(hub, people[target], guess)
                         for guess in (alice_pw, "password123", people[target], "")]
    return tries


@pytest.fixture(scope="module")
def session(hub, people, claims):
    """Alice and bob log in with their own passwords, start their servers and pull the release; bob writes."""
    out = {}
    for who in ("alice", "bob"):
        student = classroom.Student(hub.url, people[who], hub.new_passwords[people[who]])
        student.login()
        student.start_server()
        student.pull(hub.repo_url, hubmod.BRANCH)
        out[who] = student
    bob = out["bob"]
    for path, text in (("essay.md", "Bob's private draft: the 10x claim has no baseline."),
                       (ANSWERS, json.dumps({"q1": "bob's own answer"}))):
        r = bob.http.put(f"{bob.server}/api/contents/{path}", timeout=60,
                         json={"type": "file", "format": "text", "content": text})
        assert r.status_code in (200, 201), r.text
    out["kernel"] = out["alice"].open_kernel(NOTEBOOK)
    yield out
    for who in ("alice", "bob"):
        out[who].close()


def attack(kernel, code: str) -> dict:
    """Run ``code`` in alice's kernel; it sets ``result`` (a dict), printed back as JSON."""
    reply = kernel.execute(textwrap.dedent(code) + "\nimport json as _j; print(_j.dumps(result))", timeout=240)
    assert reply.status == "ok" and not reply.errors, reply.errors
    return json.loads(classroom.plain_text(reply.outputs)[-1])


TRY = """
def attempt(action):
    try:
        return "DONE: " + repr(action())[:200]
    except Exception as exc:
        return "REFUSED: " + type(exc).__name__
"""


def test_nobody_can_claim_the_instructors_name_or_a_classmates_before_them(hub, people, claims, session):
    assert claims["teacher"] == [None] * 4, "alice logged in under the instructor's name"
    assert claims["bob"] == [None] * 4, "alice logged in under bob's name"
    teacher = _login(hub, people["teacher"], hub.new_passwords[people["teacher"]])
    assert teacher["name"] == people["teacher"] and "instructor" in teacher["roles"]
    assert teacher["admin"] is False, "JupyterHub's admin role (which opens every server) is given to nobody"
    me = session["bob"].http.get(f"{hub.url}/hub/api/user", timeout=30).json()
    assert me["name"] == people["bob"] and me["roles"] == ["user"]


def test_alice_cannot_read_or_change_bobs_work(hub, people, session):
    bob_home = hub.home(people["bob"])
    result = attack(session["kernel"], TRY + f"""
result = {{
    "read essay": attempt(lambda: open({str(bob_home / 'essay.md')!r}).read()),
    "list home": attempt(lambda: __import__("os").listdir({str(bob_home)!r})),
    "write answers": attempt(lambda: open({str(bob_home / ANSWERS)!r}, "w").write('{{"q1": "alice"}}')),
    "own home": attempt(lambda: __import__("os").listdir(".")),
    "transport": __import__("ipykernel.kernelapp").kernelapp.IPKernelApp.instance().transport,
}}""")
    assert result["transport"] == "ipc", "kernels listen on TCP ports other accounts can reach"
    assert result["read essay"] == "REFUSED: PermissionError"
    assert result["list home"] == "REFUSED: PermissionError"
    assert result["write answers"] == "REFUSED: PermissionError"
    assert result["own home"].startswith("DONE"), "the attack code did not run as alice"
    assert "bob's own answer" in (bob_home / ANSWERS).read_text()
    assert oct(bob_home.stat().st_mode & 0o777) == "0o700"


def test_alice_cannot_read_the_hubs_state_or_any_password(hub, session):
    state = hub.state_dir
    files = ["hub-settings.json", "jupyterhub.sqlite", "jupyterhub_cookie_secret", "logins.json", "passwords.csv",
             "jupyterhub.log"]
    for name in files:
        assert (state / name).exists(), name
    result = attack(session["kernel"], TRY + f"""
import os
result = {{name: attempt(lambda name=name: open(os.path.join({str(state)!r}, name), "rb").read())
          for name in {files!r}}}
result["list"] = attempt(lambda: os.listdir({str(state)!r}))
""")
    assert result == {name: "REFUSED: PermissionError" for name in [*files, "list"]}
    for name in files:
        assert oct((state / name).stat().st_mode & 0o077) == "0o0", f"{name} is open to others"


def test_alice_reads_no_other_processs_environment(hub, people, session):
    result = attack(session["kernel"], """
import os, re
me = os.getuid()
result = {"own": 0, "others": [], "secrets": []}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        env = open(f"/proc/{pid}/environ", "rb").read().decode(errors="replace")
        owner = os.stat(f"/proc/{pid}").st_uid
    except OSError:
        continue
    if owner == me:
        result["own"] += 1
    else:
        result["others"].append(pid)
    for key in ("CONFIGPROXY_AUTH_TOKEN", "JPY_COOKIE_SECRET", "JUPYTERHUB_CRYPT_KEY"):
        if key in env:
            result["secrets"].append(key)
    user = re.search(r"JUPYTERHUB_USER=([^\\x00]+)", env)
    if user and user.group(1) != os.environ["JUPYTERHUB_USER"]:
        result["secrets"].append("token of " + user.group(1))
""")
    assert result["own"] >= 2, "alice's own server and kernel should be readable (the check would be empty)"
    assert result["others"] == [] and result["secrets"] == [], result


def test_alice_cannot_forge_an_admin_token_nor_use_the_hub_api_beyond_herself(hub, people, session):
    bob = people["bob"]
    result = attack(session["kernel"], TRY + f"""
import os, urllib.request
def forge():
    from jupyterhub import orm
    db = orm.new_session_factory("sqlite:///{hub.state_dir / 'jupyterhub.sqlite'}")()
    return orm.User.find(db, {people['teacher']!r}).new_api_token()
def api(method, path, body=None):
    request = urllib.request.Request({hub.url!r} + "/hub/api" + path, method=method, data=body,
                                     headers={{"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]}})
    return urllib.request.urlopen(request, timeout=30).status
result = {{
    "forge": attempt(forge),
    "list users": attempt(lambda: api("GET", "/users")),
    "stop bob": attempt(lambda: api("DELETE", "/users/{bob}/server")),
    "token for bob": attempt(lambda: api("POST", "/users/{bob}/tokens", b"{{}}")),
}}""")
    assert result["forge"].startswith("REFUSED"), result["forge"]
    for key in ("list users", "stop bob", "token for bob"):
        assert result[key] == "REFUSED: HTTPError", (key, result[key])
    # The same with alice's own login token, from outside: refused, and bob's server is still up.
    alice = session["alice"].http
    assert alice.delete(f"{hub.url}/hub/api/users/{bob}/server", timeout=30).status_code in (403, 404)
    listed = alice.get(f"{hub.url}/hub/api/users", timeout=30)
    assert listed.status_code == 403 or [u["name"] for u in listed.json()] == [people["alice"]]
    assert alice.post(f"{hub.url}/hub/api/shares/{people['alice']}/", json={"user": bob},
                      timeout=30).status_code in (403, 404), "alice could share her server (and its pages) with bob"
    bob_view = session["bob"].http.get(f"{hub.url}/hub/api/user", timeout=30).json()
    assert bob_view["servers"][""]["ready"], "bob's server was stopped"
    assert alice.get(f"{session['bob'].server}/api/contents", timeout=30,
                     allow_redirects=False).status_code in (302, 403)


def test_the_instructor_manages_servers_but_never_opens_a_students(hub, people, session):
    with classroom.Student(hub.url, people["teacher"], hub.new_passwords[people["teacher"]]) as teacher:
        teacher.login()
        users = teacher.http.get(f"{hub.url}/hub/api/users", timeout=30)
        opened = teacher.http.get(f"{session['alice'].server}/api/contents", timeout=30, allow_redirects=False)
    assert users.status_code == 200 and people["alice"] in [u["name"] for u in users.json()]
    assert opened.status_code in (302, 403), "an instructor's browser could run a page alice serves"


def test_students_get_the_release_and_cannot_reach_the_instructors_checkout(hub, people, session):
    home = hub.home(people["alice"])
    assert leaks(home / "kit", ROOT) == [], "the release a student pulled holds instructor material"
    assert not (home / "kit" / "instructors").exists()
    key = ROOT / "instructors" / "answer_key.py"
    assert key.exists()
    result = attack(session["kernel"], TRY + f"""
import os
result = {{
    "answer key": attempt(lambda: open({str(key)!r}).read()),
    "checkout": attempt(lambda: os.listdir({str(ROOT)!r})),
    "history": attempt(lambda: os.listdir({str(ROOT / '.git')!r})),
}}""")
    assert set(result.values()) == {"REFUSED: PermissionError"}, result


def test_a_runaway_allocation_is_stopped_and_bob_works_on(hub, session):
    result = attack(session["kernel"], """
import subprocess, sys
grow = "x = []\\nfor i in range(80):\\n    x.append(b'x' * 50_000_000)\\nprint('NOT LIMITED')"
done = subprocess.run([sys.executable, "-c", grow], capture_output=True, text=True, timeout=200)
result = {"returncode": done.returncode, "out": done.stdout[-200:], "err": done.stderr[-200:]}
""")
    assert "NOT LIMITED" not in result["out"], "4 GB allocated past the 1 GB limit per student"
    assert result["returncode"] != 0, result
    bob_kernel = session["bob"].open_kernel(NOTEBOOK)
    reply = bob_kernel.execute("print(6 * 7)")
    assert classroom.plain_text(reply.outputs) == ["42\n"]


def test_logging_in_as_bob_needs_bobs_password(hub, people, session):
    assert _login(hub, people["bob"], hub.new_passwords[people["alice"]]) is None
    assert _login(hub, people["bob"], hub.new_passwords[people["bob"]])["name"] == people["bob"]
    assert _login(hub, "intruder", hub.new_passwords[people["alice"]]) is None
    assert requests.get(f"{hub.url}/hub/api/users", timeout=30).status_code == 403
