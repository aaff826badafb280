"""Check that a learner's environment has what the kit needs, and say plainly what is missing."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import metadata

from packaging.requirements import Requirement
from packaging.version import Version

from filmkit.i18n import ENV, LANGUAGES, LanguageError, _, pgettext, use_language

FIX = "python -m pip install -r requirements.txt"
#: Front ends the kit runs in; one of them is enough (VS Code and Colab bring their own).
FRONT_ENDS = ("jupyterlab", "notebook", "voila")


def _declared() -> tuple[list[str], tuple[int, int]]:
    """The kit's own requirements and minimum Python, read from its installed metadata (pyproject.toml)."""
    try:
        meta = metadata.metadata("filmkit")
        needs = metadata.requires("filmkit") or []
    except metadata.PackageNotFoundError:
        return [], (3, 10)
    core = [r for r in needs if Requirement(r).marker is None]
    floor = Requirement("python" + (meta.get("Requires-Python") or ">=3.10")).specifier
    minimum = min((int(s.version.split(".")[0]), int(s.version.split(".")[1])) for s in floor if ">" in s.operator)
    return core, minimum


REQUIRED, MIN_PYTHON = _declared()


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
    if isinstance(required, (str, bytes)) or not all(isinstance(r, str) for r in _iterable(required)):
        raise ValueError(_("required: expected a list of requirements such as {example}").format(
            example=repr(["numpy>=1.26"])))
    if python is not None and (not isinstance(python, (tuple, list)) or len(python) < 2
                               or not all(isinstance(n, int) for n in python)):
        raise ValueError(_("python: expected a version such as {example}").format(example=repr((3, 11, 4))))
    py = python or sys.version_info[:3]
    checks = [Check("python", ">=" + ".".join(map(str, MIN_PYTHON)), ".".join(map(str, py)), tuple(py[:2]) >= MIN_PYTHON)]
    if _installed("filmkit") is None:
        checks.append(Check("filmkit", _("installed"), _("not installed"), False))
    for line in required:
        req = Requirement(line)
        found = _installed(req.name)
        ok = found is not None and req.specifier.contains(Version(found), prereleases=True)
        checks.append(Check(req.name, str(req.specifier) or pgettext("any version", "any"), found or _("not installed"),
                            ok))
    fronts = [f"{name} {_installed(name)}" for name in FRONT_ENDS if _installed(name)]
    # Not required: VS Code, Colab and other front ends run the notebooks without JupyterLab.
    checks.append(Check(_("front end"), pgettext("any front end", "any"),
                        ", ".join(fronts) or _("none here (fine in VS Code or Colab)"), True))
    language_check = _language_check()
    if language_check:
        checks.append(language_check)
    checks.append(_data_check())
    return checks


def _language_check() -> Check | None:
    """$FILMKIT_LANG, when it is set, names a language the kit is written in (else it is English, unsaid)."""
    code = os.environ.get(ENV, "")
    if not code.strip():
        return None
    try:
        with use_language(code):
            return Check(ENV, " ".join(LANGUAGES), code, True)
    except LanguageError as exc:
        return Check(ENV, " ".join(LANGUAGES), _("{value} ({error}); the kit speaks English until it is set to one "
                                                 "of them").format(value=repr(code), error=exc), False)


def _data_check() -> Check:
    """Every data file obeys its schema, the model's parameter set is complete and valid, every preset
    scenario opens, and the model runs at base values. Problems are listed in the loader's words."""
    try:
        from filmkit.model.data import data_problems, load_all
        from filmkit.model.parameters import parameters
        from filmkit.model.scenario import feasibility, run
        from filmkit.model.scenario_io import preset, presets

        problems = data_problems()
        if problems:
            return Check(_("data files"), _("valid"), "\n    ".join(problems), False)
        tables = load_all()
        params = parameters()  # validates every parameter: keys present, ranges in order, divisors above 0
        for name in presets():
            preset(name)
        feasibility(run())
        return Check(_("data files"), _("valid"), _("{tables} tables, {inputs} model inputs").format(
            tables=len(tables), inputs=len(params)), True)
    except ValueError as exc:  # DataError and parameter errors are ValueErrors
        return Check(_("data files"), _("valid"), str(exc), False)
    except Exception as exc:  # noqa: BLE001 - anything else is still reported, never a traceback
        return Check(_("data files"), _("valid"), _("the model could not run: {error}: {detail}").format(
            error=type(exc).__name__, detail=exc), False)


def _iterable(value) -> list:
    try:
        return list(value)
    except TypeError:
        return [None]


def report(checks: list[Check]) -> str:
    """A short text report: a line per item, then what to do if anything failed."""
    if isinstance(checks, (str, bytes)) or not _iterable(checks) or not all(
            isinstance(c, Check) for c in _iterable(checks)):
        raise ValueError(_("checks: expected what check_environment() returns"))
    width = max(len(c.item) for c in checks)
    ok, no = pgettext("environment check", "OK"), pgettext("environment check", "NO")
    mark = max(3, len(ok) + 1, len(no) + 1)
    lines = [_("{mark} {item}  wanted {wanted} found {found}").format(
        mark=(ok if c.ok else no).ljust(mark), item=c.item.ljust(width), wanted=c.wanted.ljust(12), found=c.found)
        for c in checks]
    bad = [c.item for c in checks if not c.ok]
    if bad:
        lines.append("\n" + _("Something is missing or too old: {items}.").format(items=", ".join(bad)))
        if set(bad) - {ENV, _("data files")}:  # those two say what to do on their own line
            lines.append(_("Fix: in a terminal, in the kit's folder, run\n    {command}\nthen restart the kernel "
                           "(Kernel > Restart).").format(command=FIX))
    else:
        lines.append("\n" + _("All {count} checks passed: you are ready to go.").format(count=len(checks)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    argparse.ArgumentParser(prog="filmkit check-env", description=_("Check that this computer has what the kit "
                            "needs: Python, the packages, and valid data files.")).parse_args(argv)
    checks = check_environment()
    print(report(checks))
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
