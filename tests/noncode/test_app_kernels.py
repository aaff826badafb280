"""``filmkit app`` on a class's machine: every page opened starts a kernel (a Python process of 150 MB or more),
and Voila's own request to stop it when the page closes is refused, so a class reloading pages would fill the
machine. The kernel of a page nobody has open is stopped after ``--idle-minutes``; a page still open keeps its
kernel, however long the student reads."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IDLE_MINUTES = 0.05  # 3 seconds: culled at the first check after that


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kernel_running(kernel_id: str) -> bool:
    """Whether a kernel process with this id is alive on the machine (its connection file names it)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if f"kernel-{kernel_id}.json".encode() in handle.read():
                    with open(f"/proc/{pid}/stat") as stat:
                        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            continue
    return False


def _open_page(url: str) -> str:
    """Render a page as a browser would ask for it; the id of the kernel the page was given."""
    with urllib.request.urlopen(url, timeout=120) as response:
        page = response.read().decode()
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page)
    assert found, f"no kernel id in {url}"
    return found.group(1)


def _wait(condition, what: str, timeout: float = 40) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"after {timeout:.0f} s: {what}")
        time.sleep(0.3)
    return time.monotonic() - start


def _on_a_loop_of_its_own(coroutine_function) -> None:
    """Run a coroutine to its end on a new event loop in another thread (a test before this one in the same
    worker may have left an event loop running in this thread)."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coroutine_function())
        except BaseException as exc:  # handed back to the test's thread
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    if not sys.platform.startswith("linux"):
        pytest.skip("counts kernel processes through /proc")
    pytest.importorskip("voila", reason="the app view needs the lab extra")
    port = _free_port()
    log = (tmp_path_factory.mktemp("app") / "app.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "filmkit", "app", f"--port={port}",
                                f"--idle-minutes={IDLE_MINUTES}"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        # Listening is enough: a page asked for now waits for its kernel, and a request given up half-way would
        # leave its socket open.
        assert process.poll() is None, f"filmkit app stopped: see {log.name}"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                return True
        except OSError:
            return False

    try:
        _wait(ready, "filmkit app did not answer", timeout=120)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_a_closed_page_frees_its_kernel_and_an_open_one_keeps_it(app_server):
    from tornado.websocket import websocket_connect

    page = f"{app_server}/voila/render/notebooks/00_start_here.ipynb"
    kept, left = _open_page(page), _open_page(page)  # the same page, by two students
    assert kept != left and _kernel_running(kept) and _kernel_running(left)

    async def student_reading() -> None:
        # The open page: its kernel channel stays connected while the other page's kernel is stopped.
        socket_ = await websocket_connect(f"{app_server.replace('http', 'ws')}/api/kernels/{kept}/channels")
        try:
            await asyncio.to_thread(_wait, lambda: not _kernel_running(left), "the left page's kernel still runs")
            await asyncio.sleep(IDLE_MINUTES * 60 * 3)  # three more checks of the culler
            assert _kernel_running(kept), "the kernel of a page still open was stopped"
        finally:
            socket_.close()

    _on_a_loop_of_its_own(student_reading)
    # Closed now: its kernel goes too.
    _wait(lambda: not _kernel_running(kept), "the kernel of the page closed last still runs")
