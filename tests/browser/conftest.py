"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, JupyterLab and Voila servers.

Outside CI the tests skip with a clear message when Chromium or Playwright is missing;
under CI=true a missing browser is a failure, never a silent skip. Servers run on a throw-away
copy of the kit that is removed at the end (their logs are kept in test-artifacts/browser).
"""

import os
import shutil
from pathlib import Path

import pytest

from .servers import CHROMIUM, CHROMIUM_ARGS, ROOT, Server, start_app, start_lab, stop_all, workspace

ARTIFACTS = ROOT / "test-artifacts" / "browser"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (Debian package 'chromium'; .ci/run installs it)"
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
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
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
