"""Check that a learner's environment has what the kit needs, and say plainly what is missing."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata

from packaging.requirements import Requirement
from packaging.version import Version

#: Must agree with requirements.txt (a test keeps the two in step).
REQUIRED = [
    "jupyterlab>=4.2,<5",
    "ipywidgets>=8.1,<9",
    "matplotlib>=3.8,<4",
    "numpy>=1.26,<3",
    "pandas>=2.1,<4",
]
MIN_PYTHON = (3, 10)
FIX = "python -m pip install -r requirements.txt"


@dataclass
class Check:
    """One line of the environment report."""

    item: str
    wanted: str
    found: str
    ok: bool


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def check_environment(required=REQUIRED, python=None) -> list[Check]:
    """One :class:`Check` per requirement, plus Python itself and the data files."""
    py = python or sys.version_info[:3]
    checks = [Check("python", ">=" + ".".join(map(str, MIN_PYTHON)), ".".join(map(str, py)), tuple(py[:2]) >= MIN_PYTHON)]
    for line in required:
        req = Requirement(line)
        found = _installed(req.name)
        ok = found is not None and req.specifier.contains(Version(found), prereleases=True)
        checks.append(Check(req.name, str(req.specifier), found or "not installed", ok))
    try:
        from .data import load_all

        tables = load_all()
        checks.append(Check("data files", "valid", f"{len(tables)} tables", True))
    except ValueError as exc:  # DataError is a ValueError
        checks.append(Check("data files", "valid", str(exc), False))
    return checks


def report(checks: list[Check]) -> str:
    """A short text report: a line per item, then what to do if anything failed."""
    width = max(len(c.item) for c in checks)
    lines = [f"{'OK ' if c.ok else 'NO '} {c.item:<{width}}  wanted {c.wanted:<12} found {c.found}" for c in checks]
    bad = [c.item for c in checks if not c.ok]
    if bad:
        lines.append(f"\nSomething is missing or too old: {', '.join(bad)}.")
        lines.append(f"Fix: in a terminal, in the kit's folder, run\n    {FIX}\nthen restart the kernel (Kernel > Restart).")
    else:
        lines.append(f"\nAll {len(checks)} checks passed: you are ready to go.")
    return "\n".join(lines)
