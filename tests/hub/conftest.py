"""Fixtures for the class hub test: a real JupyterHub on loopback with three students.

Outside CI the test skips with a clear message when JupyterHub, nbgitpuller or the proxy are missing;
under CI=true a missing piece is a failure, never a silent skip.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy import hub as hubmod  # noqa: E402

STUDENTS = ["student1", "student2", "student3"]
GIT = ["git", "-c", "user.name=filmkit tests", "-c", "user.email=tests@filmkit.invalid", "-c", "init.defaultBranch=main"]


def pytest_configure(config):
    config.addinivalue_line("markers", "hub: starts a local JupyterHub with student servers (needs deploy/ installed)")


def _git(*args, cwd=None):
    subprocess.run(GIT + list(args), cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def hub_ready():
    reasons = hubmod.missing("shared-password")
    if reasons:
        message = "class hub test cannot run: missing " + "; ".join(reasons)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="filmkit-hubtest-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def upstream(hub_ready, workdir):
    """A bare copy of the kit's committed state, standing in for the student release the link pulls."""
    bare = workdir / "kit.git"
    if (ROOT / ".git").exists():
        _git("clone", "--bare", "--quiet", str(ROOT), str(bare))
        branch = subprocess.run(["git", "-C", str(ROOT), "branch", "--show-current"], capture_output=True,
                                text=True, timeout=30).stdout.strip() or "main"
    else:  # a source tree without git history: commit its files once
        src = workdir / "src"
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", "venv", "node_modules", "__pycache__",
                                                                  "test-artifacts", "*.egg-info", ".pytest_cache"))
        _git("init", "--quiet", cwd=src)
        _git("add", "-A", cwd=src)
        _git("commit", "--quiet", "-m", "kit", cwd=src)
        _git("clone", "--bare", "--quiet", str(src), str(bare))
        branch = "main"
    return {"repo": bare.as_uri(), "path": bare, "branch": branch}


@pytest.fixture(scope="session")
def class_hub(hub_ready, workdir):
    """JupyterHub with a shared class password, three allowed students, kernels kept offline."""
    import psutil

    password = secrets.token_urlsafe(12)
    hub = hubmod.LocalHub(workdir / "hub", auth="shared-password", password=password, students=STUDENTS,
                          env_keep=["IPYTHONDIR", "MPLBACKEND"], start_timeout=90)
    hub.start()
    hub.test_password = password
    yield hub
    spawned = psutil.Process(hub.process.pid).children(recursive=True) if hub.process.poll() is None else []
    hub.stop(remove=True)
    left = [p.pid for p in spawned if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not left, f"processes left after the hub stopped: {left}"
    assert not hub.state_dir.exists()
