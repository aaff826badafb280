"""Start and stop JupyterLab and Voila on free loopback ports, for the browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The browser students run: Debian's Chromium (benchmarks/browser_latency.py measures with it).
CHROMIUM = "/usr/bin/chromium"
#: The browser the tests drive: Debian's headless build of the same Chromium (package chromium-headless-shell,
#: the same version, engine, layout and accessibility tree, without the desktop browser around them): a page
#: costs about a sixth less processor time, measured on the whole browser suite (465 -> 384 CPU-seconds).
TEST_CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


#: JupyterLab as the tests drive it: no news or update checks (offline), and its application object reachable from
#: the page (``window.jupyterapp``) so a test opens the next notebook inside the page it has (tests/browser/lab.py).
LAB_TEST_OPTIONS = ["--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                    "--LabApp.expose_app_in_browser=True"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def workspace():
    """A throw-away copy of the notebooks, apps and data, removed afterwards, so nothing the browser does
    reaches the repository and nothing is left behind."""
    target = Path(tempfile.mkdtemp(prefix="filmkit-browser-"))
    try:
        for folder in ("notebooks", "apps", "data", "exercises"):
            if (ROOT / folder).exists():
                shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        yield target
    finally:
        shutil.rmtree(target, ignore_errors=True)


class Server:
    """A Jupyter server process in its own process group, stopped by its process id."""

    def __init__(self, args: list[str], url: str, ready_path: str, cwd: Path, log_name: str,
                 log_dir: Path | None = None):
        self.url = url
        self.cwd = cwd
        self.log = open((log_dir or cwd) / log_name, "w")
        env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(args, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True)
        self._wait(url + ready_path)

    def _wait(self, probe: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early: see {self.log.name}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server did not answer {probe} within {timeout} s")

    def stop(self, grace: float = 5) -> None:
        """Ask the server to stop, and end its process group (its kernels) if it has not within ``grace`` s."""
        stop_all([self], grace)

    def _ask_to_stop(self) -> None:
        if self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)

    def _end(self, deadline: float) -> None:
        try:
            self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        # a kernel the server started and did not stop in time: it is in the server's process group
        _signal_group(self.process.pid, signal.SIGKILL)
        if not self.log.closed:
            self.log.close()


def wait_for(condition, what: str, timeout: float = 30) -> None:
    """Wait until ``condition()`` holds (a file written by the kernel, say), or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop_all(servers, grace: float = 5) -> None:
    """Stop several servers at once: every one is asked first, so their shutdowns overlap."""
    servers = list(servers)
    for server in servers:
        server._ask_to_stop()
    deadline = time.monotonic() + grace
    for server in servers:
        server._end(deadline)


def start_lab(cwd: Path) -> Server:
    port, token = free_port(), secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={cwd}",
            "--ServerApp.port_retries=0", *LAB_TEST_OPTIONS]
    server = Server(args, f"http://127.0.0.1:{port}", f"/api/status?token={token}", cwd, "lab.log")
    server.token = token
    return server


def start_app(lang: str, log_dir: Path, idle_minutes: float = 1) -> Server:
    """``filmkit app --lang LANG`` run in the kit's folder: the student release of that edition with the landing
    page at ``/`` (its log, ``voila-LANG.log``, goes to ``log_dir``). A page the tests have left frees its kernel
    after ``idle_minutes`` (some 40 pages are opened per language)."""
    port = free_port()
    args = [sys.executable, "-m", "filmkit", "app", f"--port={port}", "--lang", lang, f"--idle-minutes={idle_minutes}"]
    return Server(args, f"http://127.0.0.1:{port}", "/", ROOT, f"voila-{lang}.log", log_dir=log_dir)


def start_voila(cwd: Path, notebook: str | None = None) -> Server:
    """Voila on one notebook of ``cwd``, or (``notebook=None``) the ``filmkit app`` command itself, run in the
    kit's folder: it serves the student release with the landing page at ``/`` (its log goes to ``cwd``)."""
    port = free_port()
    if notebook is None:
        args = [sys.executable, "-m", "filmkit", "app", f"--port={port}"]
        return Server(args, f"http://127.0.0.1:{port}", "/", ROOT, "voila.log", log_dir=cwd)
    args = [sys.executable, "-m", "voila", notebook, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--ServerApp.port_retries=0"]
    return Server(args, f"http://127.0.0.1:{port}", "/", cwd, "voila.log")


#: Violations caused by upstream widgets, not by the kit's content: (axe rule, part of the element's selector).
KNOWN_UPSTREAM = [
    ("aria-input-field-name", "noUi-handle"),  # ipywidgets slider handles carry no accessible name
]


def axe_violations(page, context):
    """Critical and serious axe-core violations inside ``context``: (the kit's own, known upstream)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    own, upstream = [], []
    for v in results.response["violations"]:
        if v["impact"] not in ("critical", "serious"):
            continue
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            line = f"{v['id']} ({v['impact']}): {target}"
            html = node.get("html", "")
            known = any(v["id"] == rule and (part in target or part in html) for rule, part in KNOWN_UPSTREAM)
            (upstream if known else own).append(line)
    return own, upstream
