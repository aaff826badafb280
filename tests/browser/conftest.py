"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, JupyterLab and Voila servers.

Outside CI the tests skip with a clear message when Chromium or Playwright is missing;
under CI=true a missing browser is a failure, never a silent skip. Servers run on a throw-away
copy of the kit that is removed at the end (their logs are kept in test-artifacts/browser).
"""

import json
import os
import re
import secrets
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from . import lab as jl
from .servers import (CHROMIUM_ARGS, TEST_CHROMIUM, LAB_TEST_OPTIONS, ROOT, Server, free_port, start_app, start_lab,
                      stop_all, workspace)

ARTIFACTS = ROOT / "test-artifacts" / "browser"


def _missing() -> str | None:
    if not Path(TEST_CHROMIUM).exists():
        return f"{TEST_CHROMIUM} not found (Debian package 'chromium-headless-shell'; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed (python -m pip install -e '.[browser]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=TEST_CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def kit_copy(browser, artifacts):
    """One throw-away copy of the kit for every server of the session."""
    with workspace() as folder:
        yield folder
        for log in folder.glob("*.log"):
            shutil.copy2(log, artifacts / log.name)


@pytest.fixture(scope="session")
def lab(kit_copy):
    server = start_lab(kit_copy)
    yield server
    server.stop()


def readme_command() -> list[str]:
    """The README's first command, after the install: ``jupyter lab <start notebook> <options>``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"&& (jupyter lab [^\n`]+)", text).group(1)
    return shlex.split(line)


@pytest.fixture(scope="session")
def readme_lab(kit_copy, tmp_path_factory):
    """JupyterLab started in the kit's folder with the README's arguments (plus a port and a token), with a
    Jupyter data folder of its own, so a notebook is trusted only if a test signs it there. Every cell is kept
    in the page (JupyterLab otherwise drops cells scrolled out of a 768-pixel view), so the whole notebook is
    searched and a running cell is seen wherever it is."""
    words = readme_command()
    assert words[:2] == ["jupyter", "lab"] and words[2] == "notebooks/00_start_here.ipynb", words
    data_dir = tmp_path_factory.mktemp("jupyter-data")
    settings = kit_copy / "lab-settings"
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyter", "lab", *words[2:], "--no-browser", f"--port={port}",
            f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={kit_copy / 'lab-workspaces'}",
            "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", "--allow-root",
            "--ServerApp.port_retries=0", *LAB_TEST_OPTIONS]
    saved = os.environ.get("JUPYTER_DATA_DIR")
    os.environ["JUPYTER_DATA_DIR"] = str(data_dir)
    try:
        server = Server(args, f"http://127.0.0.1:{port}", f"/api/status?token={token}", kit_copy,
                        "readme-lab.log")
    finally:
        if saved is None:
            os.environ.pop("JUPYTER_DATA_DIR", None)
        else:
            os.environ["JUPYTER_DATA_DIR"] = saved
    server.token, server.data_dir = token, data_dir
    yield server
    server.stop()


#: a student's laptop screen, and the same screen at 200 % zoom (half as many CSS pixels each way)
SCREEN = {"width": 1366, "height": 768}
ZOOMED = {"width": 683, "height": 384}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.filmkit_failed = True
    return report


@pytest.fixture
def screen(browser):
    """A fresh page at the size asked for, its pixels as dense as the full screen's (screenshots look like the
    student's): ``screen(SCREEN)`` or ``screen(ZOOMED)``."""
    contexts = []

    def make(viewport):
        context = browser.new_context(viewport=viewport, device_scale_factor=1366 / viewport["width"])
        contexts.append(context)
        page = context.new_page()
        page.js_errors = []
        page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def _lab_pages(browser):
    pages = {}
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture
def lab_tab(browser, _lab_pages, request):
    """The worker's JupyterLab page for a server: ``lab_tab(server, viewport=SCREEN)``.

    Loading JupyterLab costs a few seconds of processor time; so one page per server is kept from test to test,
    and each test opens its notebooks inside it (``jl.open_notebook``: every document closed, every kernel ended
    first). The page's script errors are counted from the start of each test. A page a test failed on, or left
    with a dialog open, is thrown away: the next test loads JupyterLab anew.
    """
    used = []

    def get(server, viewport=SCREEN):
        page = _lab_pages.get(server.url)
        if page is None or page.is_closed():
            page = browser.new_context(viewport=viewport).new_page()
            page.js_errors = []
            page.on("pageerror", lambda exc, errors=page.js_errors: errors.append(str(exc)))
            _lab_pages[server.url] = page
        page.set_viewport_size(viewport)
        page.js_errors.clear()
        used.append((server, page))
        return page

    yield get
    for server, page in used:
        try:
            if getattr(request.node, "filmkit_failed", False) or not jl.in_app(page, server):
                raise RuntimeError("start the next test on a fresh page")
            page.evaluate(jl.CLOSE_ALL)
        except Exception:
            _lab_pages.pop(server.url, None)
            if not page.is_closed():
                page.context.close()


@pytest.fixture(scope="session")
def app_server(kit_copy):
    """``filmkit app --lang LANG`` (the student release of one edition, every notebook under Voila, code hidden),
    started the first time a test asks for that language and kept for every later test of the worker."""
    servers = {}

    def serve(lang: str) -> Server:
        if lang not in servers:
            servers[lang] = start_app(lang, log_dir=kit_copy)
        return servers[lang]

    yield serve
    stop_all(servers.values())


@pytest.fixture(scope="session")
def voila_app(app_server):
    """The kit served as ``filmkit app`` serves it, in English: every notebook under Voila, code hidden."""
    return app_server("en")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def student(browser):
    """A page the size of a student's laptop screen (1366x768) that keeps the page's script errors."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
    yield page
    context.close()
