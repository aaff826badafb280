"""What `filmkit hub` does before JupyterHub starts, checked without starting it (no root needed):
the roster, the passwords (hashes only, files only their owner reads), the refusals, the release it
serves, the checkout it closes, and the limits it applies."""

import json
import subprocess

import pytest

from deploy import accounts, limits, student_env
from deploy import hub as hubmod

from .conftest import ROOT


def test_a_roster_is_one_valid_name_per_line(tmp_path):
    roster = tmp_path / "roster.txt"
    roster.write_text("# class of 2026\nana\n\nbruno_2\nclara-m\n")
    assert accounts.read_roster(roster) == ["ana", "bruno_2", "clara-m"]
    for text, complaint in (("ana\nRoot Admin\n", "not a valid account name"), ("ana\nana\n", "listed twice"),
                            ("# nobody\n", "names no student"), ("ana\n../etc\n", "not a valid account name")):
        roster.write_text(text)
        with pytest.raises(accounts.AccountError, match=complaint) as info:
            accounts.read_roster(roster)
        assert str(roster) in str(info.value)
    with pytest.raises(accounts.AccountError, match="cannot read the roster"):
        accounts.read_roster(tmp_path / "missing.txt")


def test_passwords_are_kept_as_hashes_and_handed_out_once(tmp_path):
    logins, handout = tmp_path / "logins.json", tmp_path / "passwords.csv"
    fresh = accounts.issue_passwords(["ana", "bruno"], logins, handout)
    assert set(fresh) == {"ana", "bruno"} and fresh["ana"] != fresh["bruno"] and len(fresh["ana"]) == 14
    stored = json.loads(logins.read_text())
    assert all(fresh[n] not in logins.read_text() for n in fresh), "a clear password is kept next to the hashes"
    assert accounts.check_password(fresh["ana"], stored["ana"])
    assert not accounts.check_password(fresh["bruno"], stored["ana"]) and not accounts.check_password("", stored["ana"])
    assert handout.read_text().splitlines() == ["name,password", f"ana,{fresh['ana']}", f"bruno,{fresh['bruno']}"]
    for path in (logins, handout):
        assert path.stat().st_mode & 0o077 == 0, f"{path.name} is readable by others"
    # A second start gives a password only to a new name; the old ones stay valid.
    again = accounts.issue_passwords(["ana", "bruno", "clara"], logins, handout)
    assert list(again) == ["clara"]
    assert accounts.check_password(fresh["ana"], json.loads(logins.read_text())["ana"])


def test_the_hub_refuses_a_class_without_root_or_without_a_roster(tmp_path, monkeypatch, capsys):
    roster = tmp_path / "roster.txt"
    roster.write_text("ana\n")
    monkeypatch.setattr(hubmod, "is_root", lambda: False)
    assert hubmod.main(["start", "--students", str(roster), "--dir", str(tmp_path / "hub")]) == 2
    err = capsys.readouterr().err
    assert "needs root" in err and "--demo" in err
    monkeypatch.setattr(hubmod, "is_root", lambda: True)
    assert hubmod.main(["start", "--dir", str(tmp_path / "hub")]) == 2
    assert "needs a roster" in capsys.readouterr().err
    monkeypatch.delenv("FILMKIT_HUB_PASSWORD", raising=False)
    with pytest.raises(SystemExit):  # the demo needs its password, and says so
        hubmod.main(["start", "--demo", "--dir", str(tmp_path / "hub")])
    assert "FILMKIT_HUB_PASSWORD" in capsys.readouterr().err
    assert not (tmp_path / "hub").exists(), "nothing is made when the hub refuses"


def test_the_hub_serves_the_student_release_with_one_commit_per_change(tmp_path):
    repo = tmp_path / "release.git"
    first = hubmod.publish_release(repo)
    assert hubmod.publish_release(repo) == first, "an unchanged release adds no commit"
    files = subprocess.run(["git", f"--git-dir={repo}", "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True,
                           text=True, check=True).stdout.split()
    assert "notebooks/02_cost_and_time.ipynb" in files and "README.md" in files
    assert not [f for f in files if f.startswith(("instructors/", "tests/", "deploy/", "docs/instructor_guide"))]
    assert all(p.stat().st_mode & 0o004 for p in repo.rglob("*")), "students could not read the release"
    link = hubmod.pull_link("http://hub:8000", repo.as_uri())
    assert "repo=file%3A%2F%2F" in link and str(ROOT) not in link


def test_closing_the_checkout_leaves_it_to_its_owner(tmp_path):
    checkout = tmp_path / "kit"
    checkout.mkdir(mode=0o755)
    checkout.chmod(0o755)
    assert hubmod.close_checkout(checkout) is True
    assert checkout.stat().st_mode & 0o777 == 0o700
    assert hubmod.close_checkout(checkout) is False


def test_limits_per_student_are_the_capacity_reports_and_a_class_env_is_checked(tmp_path):
    capacity = json.loads((ROOT / "deploy" / "capacity.json").read_text())
    assert f"{limits.Limits().memory_mb}M" == capacity["capacity"]["z2jh"]["memory_limit"]
    assert limits.Limits().cpu_cores == capacity["capacity"]["z2jh"]["cpu_limit"]
    assert limits.mode() in ("v2", "v1", "rlimit")
    reasons = student_env.missing(tmp_path / "no-env")
    assert reasons and "filmkit hub setup" in reasons[0]
    assert student_env.closed_to_others(tmp_path / "no-env") is not None


def test_the_demo_hub_takes_its_shared_password_and_says_what_it_is(tmp_path, capsys, monkeypatch):
    """The one mode left without accounts: one shared password, a warning, never a class."""
    if hubmod.missing(demo=True):
        pytest.skip("demo hub cannot start: missing " + "; ".join(hubmod.missing(demo=True)))
    from deploy import classroom
    from filmkit.classroom import hub as words

    hub = hubmod.LocalHub(tmp_path / "demo", demo=True, password="demo-password-1", students=["ana"],
                          release_repo=tmp_path / "release.git")
    try:
        hub.start()
        with classroom.Student(hub.url, "ana", "demo-password-1") as student:
            student.login()
            assert student.http.get(f"{hub.url}/hub/api/user", timeout=30).json()["name"] == "ana"
        with pytest.raises(classroom.StudentError, match="login refused"):
            with classroom.Student(hub.url, "ana", "not-the-password") as wrong:
                wrong.login()
        settings = (hub.state_dir / "hub-settings.json").read_text()
        assert "demo-password-1" not in settings, "the shared password sits in the settings file"
    finally:
        hub.stop(remove=True)
    assert "DEMO MODE" in words.DEMO_WARNING and "Never use it for a class" in words.DEMO_WARNING
    with pytest.raises(hubmod.HubError, match="8 characters"):
        hubmod.LocalHub(tmp_path / "short", demo=True, password="short")
