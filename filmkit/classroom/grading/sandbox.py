"""Run one hand-in's code where it can harm nothing, to read the answers it computes.

Only answers a student computed in code need this (an answer field's record, or a plain value
assigned in code, is read as data without running anything). The notebook runs under
`bubblewrap <https://github.com/containers/bubblewrap>`_ (``bwrap``, the sandbox Flatpak uses):

- as user ``nobody`` (65534) in a user namespace of its own, with no capabilities;
- in new mount, PID, network, IPC and UTS namespaces: no network at all, no view of any other
  process (``/proc`` shows only its own), and a file system holding only the system's programs,
  Python and the kit's package and data, all read-only, plus an empty private folder with a
  copy of this one hand-in; the answer key, the tests, the other hand-ins and the output folder
  do not exist there;
- with limits on memory (address space), CPU time, processes, open files and file size, set
  before any of its code runs;
- under a wall-time limit, after which the whole sandbox (every process in it, detached or
  not) is killed: when the sandbox's first process dies, the kernel ends its PID namespace.

What comes back is read as data: a line of JSON values the notebook's variables held, checked
like a record (:func:`filmkit.classroom.grading.records.check_value`) and compared with the key
in the grader's process. Whatever a hand-in prints there is at most what typing it in the
answer field gives: the key is never inside.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from filmkit.i18n import _, ngettext, number

#: the default wall-time limit of one hand-in's run, in seconds
WALL_SECONDS = 60
#: limits inside the sandbox (resource.RLIMIT_*): 1 GiB of address space, 64 processes, 256 files, 32 MiB per file
LIMITS = {"RLIMIT_AS": 1 << 30, "RLIMIT_NPROC": 64, "RLIMIT_NOFILE": 256, "RLIMIT_FSIZE": 32 << 20,
          "RLIMIT_CORE": 0}
MARK = "FILMKIT-VALUES "

#: runs inside the sandbox: limits first, then every code cell in one IPython shell, then the answers' variables
RUNNER = r"""
import json, numbers, os, resource, sys
job = json.loads(sys.argv[1])
for name, value in job["limits"].items():
    resource.setrlimit(getattr(resource, name), (value, value))
out = os.dup(1)
quiet = os.open(os.devnull, os.O_WRONLY)
os.dup2(quiet, 1)
os.dup2(quiet, 2)
with open(job["notebook"], encoding="utf-8") as handle:
    cells = json.load(handle).get("cells", [])
from filmkit.views.answers import restore
for sheet, values in job["restore"].items():
    restore(sheet, values)
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
errors = []
for cell in cells:
    if isinstance(cell, dict) and cell.get("cell_type") == "code":
        source = cell.get("source", "")
        done = shell.run_cell("".join(source) if isinstance(source, list) else str(source), store_history=False)
        if done.error_in_exec is not None:
            errors.append(type(done.error_in_exec).__name__)


def plain(value):
    if value is None or value is Ellipsis or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value[:1000]
    if isinstance(value, numbers.Number):
        return float(value)
    if hasattr(value, "__iter__"):
        return [str(item)[:100] for _i, item in zip(range(100), value)]
    return str(value)[:1000]


values = {}
for qid, variable in job["variables"].items():
    try:
        values[qid] = plain(shell.user_ns.get(variable))
    except BaseException:
        values[qid] = None
os.write(out, (job["mark"] + json.dumps({"values": values, "errors": errors[:5]}) + "\n").encode())
os._exit(0)
"""


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot make a sandbox on this machine."""


def _read_only_binds() -> list[str]:
    import filmkit
    from filmkit.model.data import data_dir

    paths = ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", sys.base_prefix, sys.prefix,
             str(Path(filmkit.__file__).resolve().parent), str(data_dir().resolve())]
    found = []
    for path in dict.fromkeys(paths):
        if os.path.exists(path):
            found += ["--ro-bind", path, path]
    return found


def command(folder: Path, argv: list[str]) -> list[str]:
    """The bwrap command line that runs ``argv`` with ``folder`` as its only writable folder (``/sandbox``)."""
    return ["bwrap", *_read_only_binds(), "--bind", str(folder), "/sandbox", "--chdir", "/sandbox",
            "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev",
            "--unshare-all", "--die-with-parent", "--new-session", "--uid", "65534", "--gid", "65534",
            "--clearenv", "--setenv", "HOME", "/sandbox", "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/tmp", "--setenv", "OPENBLAS_NUM_THREADS", "1",
            "--setenv", "PYTHONDONTWRITEBYTECODE", "1", *argv]


@lru_cache(maxsize=1)
def problem() -> str:
    """Why no sandbox can be made here (``""`` when one can)."""
    if not sys.platform.startswith("linux") or shutil.which("bwrap") is None:
        return _("bubblewrap (bwrap) is not installed: on Debian or Ubuntu, sudo apt-get install bubblewrap")
    with tempfile.TemporaryDirectory(prefix="filmkit-probe-") as folder:
        try:
            done = subprocess.run(command(Path(folder), [sys.executable, "-c", "print('ok')"]), capture_output=True,
                                  text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return _("bubblewrap could not start ({error})").format(error=type(exc).__name__)
    if done.stdout.strip() != "ok":
        return _("bubblewrap cannot make a sandbox here ({detail})").format(detail=done.stderr.strip()[-160:])
    return ""


def run(notebook: Path, variables: dict[str, str], restored: dict, work: Path,
        seconds: float = WALL_SECONDS) -> tuple[dict, str]:
    """Run a copy of ``notebook`` in a sandbox; ({qid: value its variable held}, problem or ``""``).

    ``work`` is a folder of the grader's (inside its output folder); the copy, and anything the
    notebook writes, are deleted when the run ends.
    """
    why = problem()
    if why:
        raise SandboxUnavailable(why)
    folder = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    try:
        shutil.copyfile(notebook, folder / "handin.ipynb")
        os.chmod(folder, 0o700)  # nobody else on this machine may change the copy while it runs
        job = {"notebook": "/sandbox/handin.ipynb", "variables": variables, "restore": restored, "mark": MARK,
               "limits": dict(LIMITS, RLIMIT_CPU=int(seconds) + 1)}
        with tempfile.TemporaryFile(dir=work) as output:
            start = time.monotonic()
            proc = subprocess.Popen(command(folder, [sys.executable, "-I", "-c", RUNNER, json.dumps(job)]),
                                    stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            try:
                proc.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # bwrap dies; the kernel ends every process of its namespace
                proc.wait()
                return {}, ngettext("its code did not finish within {seconds} second and was stopped",
                                    "its code did not finish within {seconds} seconds and was stopped",
                                    int(seconds)).format(seconds=number(int(seconds)))
            output.seek(max(0, output.seek(0, os.SEEK_END) - 65536))
            tail = output.read().decode("utf-8", "replace")
        lines = [line for line in tail.splitlines() if line.startswith(MARK)]
        if not lines:
            return {}, _("its code stopped before the end ({seconds} s; out of memory or another limit)").format(
                seconds=number(time.monotonic() - start, 1))
        try:
            found = json.loads(lines[-1][len(MARK):])
            values, errors = dict(found["values"]), [str(e)[:40] for e in found["errors"]][:5]
        except (ValueError, KeyError, TypeError):
            return {}, _("its code gave no readable answers")
        why = _("its code stopped with {errors}").format(errors=", ".join(errors)) if errors else ""
        if "MemoryError" in errors:
            why += " " + _("(the sandbox allows {size} GiB of memory)").format(size=number(LIMITS["RLIMIT_AS"] / (1 << 30)))
        return {qid: values.get(qid) for qid in variables}, why
    finally:
        shutil.rmtree(folder, ignore_errors=True)
