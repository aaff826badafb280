"""Regression cases for hostile input (issue 10): each test names the bad input it replays.

Tests that edit data work on a copy of the data folder in a temporary directory.
"""

import shutil

import pytest

from filmkit.model.data import data_dir, data_folder


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the data tables; the kit reads it inside the test."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("staging", "scenarios"))
    with data_folder(target):
        yield target


def replace_in(file, old, new, count=1):
    """Edit one data file, failing loudly if the text to replace is not there."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file.name}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def needs(reason: str | None) -> None:
    """Skip with ``reason`` outside CI; fail in CI, where everything a test needs is installed."""
    import os

    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"cannot run in CI: {reason}")
        pytest.skip(reason)


def in_namespace(command: list[str], *, read_only=(), tmpfs=(), cwd=None, env=None, timeout=120):
    """Run ``command`` in a private mount namespace where the folders ``read_only`` are read-only (even for
    root) and each (folder, size) of ``tmpfs`` is a small, fresh file system: a full disk on demand."""
    import shlex
    import shutil as sh
    import subprocess

    if not sh.which("unshare"):
        needs("unshare (util-linux) is not installed")
    steps = [f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(str(folder))}" for folder, size in tmpfs]
    steps += [f"mount --bind {shlex.quote(str(f))} {shlex.quote(str(f))} && "
              f"mount -o remount,bind,ro {shlex.quote(str(f))}" for f in read_only]
    script = " && ".join([*steps, "exec " + shlex.join(command)])
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        needs(f"user and mount namespaces are not available here: {probe.stderr.decode().strip()}")
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout)
