"""``filmkit app`` on a class's machine: every page opened starts a kernel (a Python process of 150 MB or more),
and Voila's own request to stop it when the page closes is refused, so a class reloading pages would fill the
machine. The kernel of a page nobody has open is stopped after ``--idle-minutes``; a page still open keeps its
kernel, however long the student reads."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.servers import start_app, wait_for

IDLE_MINUTES = 0.05  # 3 seconds: culled at the first check after that


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


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    if not sys.platform.startswith("linux"):
        pytest.skip("counts kernel processes through /proc")
    pytest.importorskip("voila", reason="the app view needs the lab extra")
    server = start_app("en", tmp_path_factory.mktemp("app"), idle_minutes=IDLE_MINUTES)
    yield server.url
    server.stop()


def test_a_closed_page_frees_its_kernel_and_an_open_one_keeps_it(app_server):
    from tornado.websocket import websocket_connect

    page = f"{app_server}/voila/render/notebooks/00_start_here.ipynb"
    kept, left = _open_page(page), _open_page(page)  # the same page, by two students
    assert kept != left and _kernel_running(kept) and _kernel_running(left)

    async def student_reading() -> None:
        # The open page: its kernel channel stays connected while the other page's kernel is stopped.
        socket_ = await websocket_connect(f"{app_server.replace('http', 'ws')}/api/kernels/{kept}/channels")
        try:
            await asyncio.to_thread(wait_for, lambda: not _kernel_running(left), "the left page's kernel to stop",
                                    timeout=40)
            await asyncio.sleep(IDLE_MINUTES * 60 * 3)  # three more checks of the culler
            assert _kernel_running(kept), "the kernel of a page still open was stopped"
        finally:
            socket_.close()

    # On an event loop of its own thread: a test before this one in the same worker may have left one running here.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, student_reading()).result()
    # Closed now: its kernel goes too.
    wait_for(lambda: not _kernel_running(kept), "the kernel of the page closed last to stop", timeout=40)
