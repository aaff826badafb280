"""Why the README does not trust the notebooks (``jupyter trust``).

JupyterLab draws a saved widget only in a notebook it trusts; otherwise it shows the output's plain text. The
kit saves a sentence there ("The sliders, menus and charts appear here once you choose Run › Run All Cells."),
in the notebook's language; tests/browser/test_walkthrough.py finds it in module 2 of every edition before
the student's first run, never ``VBox(children=(IntSlider(...``.

Trusting the notebooks is not the way out: a trusted notebook draws its saved widgets before a run, but cut off
from any kernel (every control marked with a broken-link sign, and moving one computes nothing) until the
student runs all cells anyway. The sentence says the same thing without controls that do nothing. The
README's JupyterLab (``readme_lab``) has a Jupyter data folder of its own, so only this test signs a notebook.
"""

import os
import subprocess
import sys

from playwright.sync_api import expect

from . import lab as jl


def test_a_trusted_notebook_draws_its_saved_widgets_cut_off_from_the_kernel(readme_lab, lab_tab, artifacts):
    page = lab_tab(readme_lab)
    path = "notebooks/04_work_and_jobs.ipynb"
    signed = subprocess.run([sys.executable, "-m", "jupyter", "trust", path], cwd=readme_lab.cwd,
                            capture_output=True, text=True,
                            env=dict(os.environ, JUPYTER_DATA_DIR=str(readme_lab.data_dir), JUPYTER_PLATFORM_DIRS="1"))
    assert signed.returncode == 0, signed.stderr
    jl.open_notebook(page, readme_lab, path)
    sliders = jl.notebook_panel(page).get_by_role("slider")
    expect(sliders.first).to_be_attached(timeout=30_000)
    sliders.first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "before-a-run-trusted-module4.png"))
    cut_off = page.locator(".jupyter-widgets-disconnected").count()
    assert cut_off > 0, "the saved widgets now connect to the kernel: trusting the notebooks may be worth doing"
