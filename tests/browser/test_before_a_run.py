"""A module opened in JupyterLab before anything has run, in each language, at 1366x768.

JupyterLab draws a saved widget only in a notebook it trusts; otherwise it shows the output's plain
text. The kit saves a sentence there ("The sliders, menus and charts appear here once you choose
Run › Run All Cells."), in the notebook's language, never ``VBox(children=(IntSlider(...``, and an
edition's folded language switch shows no code.

Trusting the notebooks (``jupyter trust``) is not the way out, and the README does not do it: the
second test shows that a trusted notebook draws its saved widgets before a run, but cut off from any
kernel (every control marked with a broken-link sign, and moving one computes nothing) until the
student runs all cells anyway. The sentence says the same thing without controls that do nothing.
"""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from filmkit.i18n import LANGUAGES, _, use_language
from filmkit.tools.notebooks import BEFORE_A_RUN

from . import lab as jl
from .servers import Server, free_port

REPR = re.compile(r"VBox\(|HBox\(|IntSlider\(|FloatSlider\(|children=\(")
MODULE = "02_cost_and_time.ipynb"


def _path(lang: str, name: str = MODULE) -> str:
    return f"notebooks/{name}" if lang == "en" else f"notebooks/{lang}/{name}"


@pytest.fixture(scope="module")
def fresh_lab(kit_copy, tmp_path_factory):
    """JupyterLab in the kit's folder, with a Jupyter data folder of its own (so a notebook is trusted only
    if this test signs it), every cell kept in the page."""
    data_dir = tmp_path_factory.mktemp("jupyter-data")
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={kit_copy}",
            f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={settings / 'workspaces'}",
            "--ServerApp.port_retries=0", "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    saved = os.environ.get("JUPYTER_DATA_DIR")
    os.environ["JUPYTER_DATA_DIR"] = str(data_dir)
    try:
        server = Server(args, f"http://127.0.0.1:{port}", f"/api/status?token={token}", kit_copy,
                        "before-a-run-lab.log")
    finally:
        if saved is None:
            os.environ.pop("JUPYTER_DATA_DIR", None)
        else:
            os.environ["JUPYTER_DATA_DIR"] = saved
    server.token, server.data_dir = token, data_dir
    yield server
    server.stop()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_before_a_run_a_widgets_place_says_how_to_bring_it_up(fresh_lab, student, artifacts, lang):
    page = student
    jl.open_notebook(page, fresh_lab, _path(lang))
    with use_language(lang):
        sentence = _(BEFORE_A_RUN)
    said = jl.notebook_panel(page).get_by_text(sentence, exact=True)
    expect(said.first).to_be_visible(timeout=30_000)
    said.first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"before-a-run-{lang}-module2.png"))
    text = jl.notebook_panel(page).inner_text()
    assert REPR.findall(text) == [], f"{lang}: a widget is shown as Python before a run"
    assert jl.notebook_panel(page).get_by_role("slider").count() == 0
    folded = [t for t in jl.notebook_panel(page).locator(".jp-InputPlaceholder").all_inner_texts() if re.search(r"\w", t)]
    assert folded == [], f"{lang}: a folded cell shows code: {folded[:3]}"
    assert page.js_errors == []


def test_a_trusted_notebook_draws_its_saved_widgets_cut_off_from_the_kernel(fresh_lab, student, artifacts):
    """Why the README does not trust the notebooks: the widgets drawn are disconnected until a run."""
    page = student
    path = _path("en", "04_work_and_jobs.ipynb")
    signed = subprocess.run([sys.executable, "-m", "jupyter", "trust", path], cwd=fresh_lab.cwd, capture_output=True,
                            text=True, env=dict(os.environ, JUPYTER_DATA_DIR=str(fresh_lab.data_dir),
                                                JUPYTER_PLATFORM_DIRS="1"))
    assert signed.returncode == 0, signed.stderr
    jl.open_notebook(page, fresh_lab, path)
    sliders = jl.notebook_panel(page).get_by_role("slider")
    expect(sliders.first).to_be_attached(timeout=30_000)
    sliders.first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "before-a-run-trusted-module4.png"))
    cut_off = page.locator(".jupyter-widgets-disconnected").count()
    assert cut_off > 0, "the saved widgets now connect to the kernel: trusting the notebooks may be worth doing"
