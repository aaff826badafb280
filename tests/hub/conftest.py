"""Fixtures for the class hub tests: a real JupyterHub on loopback, one Unix account per student.

A class hub runs as root (it makes accounts and starts each server as its student). Outside CI the
tests skip with a clear message when not root or when JupyterHub, nbgitpuller, the proxy or the
students' environment (``filmkit hub setup``) are missing; under CI=true each of those is a failure,
never a silent skip. Accounts are named ``fk-<random>-<name>`` (nothing on a real machine is called
that) and removed, with their homes, when the module's hub stops.
"""

import os
import secrets
import subprocess
import sys
import tempfile
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy import accounts  # noqa: E402
from deploy import hub as hubmod  # noqa: E402

GIT = ["git", "-c", "user.name=filmkit tests", "-c", "user.email=tests@filmkit.invalid", "-c", "init.defaultBranch=main"]


def pytest_configure(config):
    config.addinivalue_line("markers", "hub: starts a local JupyterHub with student servers (root, deploy/ installed)")


def _skip_or_fail(message: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def hub_ready():
    if not hubmod.is_root():
        _skip_or_fail("class hub tests skipped: they need root (the hub makes one Unix account per student and "
                      "starts each server as its student); CI runs them as root")
    reasons = hubmod.missing()
    if reasons:
        _skip_or_fail("class hub tests cannot run: missing " + "; ".join(reasons))


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="filmkit-hubtest-"))
    path.chmod(0o755)  # the students reach the release inside it
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def release_repo(hub_ready, workdir):
    """The student release, built once for the session's hubs, as `filmkit hub start` builds it."""
    repo = workdir / "release.git"
    hubmod.publish_release(repo)
    return repo


def class_names(*names: str) -> dict[str, str]:
    """Account names for a test's people that no real account has: ``alice`` -> ``fk-3f9a-alice``."""
    tag = secrets.token_hex(2)
    return {name: f"fk-{tag}-{name}" for name in names}


def start_class_hub(folder: Path, release_repo: Path, students, admins=(), **options):
    """A class hub, started; its accounts are removed by ``stop_class_hub`` even when the start fails."""
    hub = hubmod.LocalHub(folder, students=students, admins=admins, release_repo=release_repo,
                          start_timeout=120, **options)
    try:
        hub.start()
    except BaseException:
        stop_class_hub(hub)
        raise
    return hub


def stop_class_hub(hub) -> None:
    import psutil

    spawned = psutil.Process(hub.process.pid).children(recursive=True) if hub.process and \
        hub.process.poll() is None else []
    hub.stop(remove=True)
    for name in [*hub.students, *hub.admins]:
        accounts.remove_account(name)
    left = [p.pid for p in spawned if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not left, f"processes left after the hub stopped: {left}"
    assert not hub.folder.exists()
    assert not [n for n in [*hub.students, *hub.admins] if accounts.is_ours(n)], "test accounts left behind"


def git(*args, cwd=None):
    subprocess.run(GIT + list(args), cwd=cwd, check=True, capture_output=True, timeout=60)
