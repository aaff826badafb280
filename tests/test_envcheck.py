"""The environment check tells a learner clearly what is missing."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from filmkit.tools import envcheck

ROOT = Path(__file__).resolve().parent.parent


def test_all_checks_pass_here():
    checks = envcheck.check_environment()
    assert all(c.ok for c in checks), envcheck.report(checks)
    assert "ready to go" in envcheck.report(checks)


def test_missing_package_is_named_with_the_fix():
    checks = envcheck.check_environment(required=["surely-not-installed-pkg>=1"])
    bad = [c for c in checks if not c.ok]
    assert [c.item for c in bad] == ["surely-not-installed-pkg"]
    text = envcheck.report(checks)
    assert "not installed" in text and envcheck.FIX in text


def test_too_old_python_and_too_old_package_fail():
    checks = envcheck.check_environment(required=["pandas>=999"], python=(3, 8, 0))
    assert {c.item for c in checks if not c.ok} == {"python", "pandas"}


def test_the_check_reads_the_ranges_declared_in_pyproject():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    def canonical(line):
        req = Requirement(line)
        return req.name, req.specifier

    assert sorted(map(canonical, envcheck.REQUIRED), key=str) == sorted(map(canonical, declared), key=str)
    assert envcheck.MIN_PYTHON == (3, 10)


def test_requirements_file_only_points_at_the_package():
    lines = [l.strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    assert [l for l in lines if l and not l.startswith("#")] == ["-e .[lab]"]
