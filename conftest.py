"""Test-wide set-up: no network for tests or notebook kernels, and what nbval compares."""

import os
import tempfile
from pathlib import Path

import matplotlib

from filmkit.tools import offline

matplotlib.use("Agg")

# Block the network in this process ...
offline.install()

# ... and in every kernel nbval starts: IPython runs the startup files of the
# profile in IPYTHONDIR before the first cell.
_ipython_dir = Path(tempfile.mkdtemp(prefix="filmkit-ipython-"))
_startup = _ipython_dir / "profile_default" / "startup"
_startup.mkdir(parents=True)
(_startup / "00-filmkit-offline.py").write_text("import filmkit.tools.offline\nfilmkit.tools.offline.install()\n")
os.environ["IPYTHONDIR"] = str(_ipython_dir)
os.environ["MPLBACKEND"] = "Agg"


def pytest_collectstart(collector):
    """In checked cells, compare the plain text (tables, numbers), not HTML markup or images."""
    if getattr(collector, "skip_compare", None) is not None:
        collector.skip_compare = tuple(collector.skip_compare) + ("text/html",)



# Sample hand-ins for the grading tests (one is corrupt on purpose): graded by tests/course, not run by nbval.
collect_ignore_glob = ["tests/course/submissions/*"]
