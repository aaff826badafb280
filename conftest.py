"""Test-wide set-up: no network for tests or notebook kernels, and what nbval compares."""

import os
import tempfile
from pathlib import Path

import matplotlib
import pytest

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


# --- Order: the slowest files first ---------------------------------------------------------------------------
# The suite runs on every core with `--dist loadfile --no-loadscope-reorder`: each worker takes the next file in
# collection order when it runs out of work. Started last, one slow file (a browser test of a few minutes) keeps
# one worker busy while the others wait; started first, the short files fill in around it and the workers finish
# together. tests/file_costs.json holds each file's seconds (setup, call and teardown of its tests) from a run
# of the whole suite; `python -m pytest --write-file-costs` refreshes it. A file it does not know yet is taken
# to be as slow as the slowest, so it starts early rather than holding up the end.
FILE_COSTS = Path(__file__).resolve().parent / "tests" / "file_costs.json"


def pytest_addoption(parser):
    parser.addoption("--write-file-costs", action="store_true", default=False,
                     help=f"after the run, write each file's seconds into {FILE_COSTS.name} (the order of the next runs)")


def _file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _file_costs() -> dict[str, float]:
    import json

    try:
        costs = json.loads(FILE_COSTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in costs.items() if isinstance(v, (int, float))} if isinstance(costs, dict) else {}


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Every worker orders its collection from the controller's figures: the same order on every worker."""
    node.workerinput["file_costs"] = _file_costs()


def pytest_collection_modifyitems(config, items):
    workerinput = getattr(config, "workerinput", None)
    costs = workerinput["file_costs"] if workerinput and "file_costs" in workerinput else _file_costs()
    unknown = max(costs.values(), default=0.0)
    first_seen: dict[str, int] = {}
    for item in items:
        first_seen.setdefault(_file_of(item.nodeid), len(first_seen))
    # a stable sort: the tests of one file (a notebook's cells) keep their order
    items.sort(key=lambda item: (-costs.get(_file_of(item.nodeid), unknown), first_seen[_file_of(item.nodeid)]))


_measured: dict[str, float] = {}


def pytest_runtest_logreport(report):
    """Every test's setup, call and teardown, added up by file (on the controller, the workers' reports too)."""
    path = _file_of(report.nodeid)
    _measured[path] = _measured.get(path, 0.0) + report.duration


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if not config.getoption("write_file_costs", False) or hasattr(config, "workerinput") or not _measured:
        return
    import json

    from filmkit.model.files import atomic_write_text

    costs = _file_costs()
    costs.update({path: round(seconds, 1) for path, seconds in _measured.items()})
    root = Path(config.rootpath)
    costs = {path: seconds for path, seconds in costs.items() if (root / path).exists()}  # files since removed
    atomic_write_text(FILE_COSTS, json.dumps(dict(sorted(costs.items())), indent=1) + "\n")
