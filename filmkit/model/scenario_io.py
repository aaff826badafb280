"""Save and load scenarios as small JSON files a learner can keep and an instructor can hand out.

    {"kit": "filmkit", "format": 1, "name": "...", "description": "...", "values": {"shots": 4, ...}}

``values`` may list only the parameters that differ from the base; the others take
their base value when loaded. A preset may also carry ``rationale`` (parameter name ->
why this value) and ``sources`` (a list of source ids from data/sources.csv).

Files are written atomically, and never over an existing file unless the caller says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from filmkit.i18n import _
from filmkit.model.data_rules import MAX_FILE_BYTES, strict_json
from filmkit.model.files import FileExists, atomic_write_text, locked
from filmkit.model.parameters import validate

FORMAT = 1
KIT = "filmkit"
KEYS = ("kit", "format", "name", "description", "values", "rationale", "sources")


class ScenarioFileExists(FileExists, ValueError):
    """Saving would replace an existing scenario file (pass ``overwrite=True`` to allow it)."""


def scenario_dict(values: dict, name: str = "", description: str = "", rationale: dict | None = None,
                  sources: list | None = None) -> dict:
    """The JSON-ready form of a scenario (values checked first)."""
    clean = validate(values)
    out = {"kit": KIT, "format": FORMAT, "name": str(name), "description": str(description),
           "values": {k: clean[k] for k in sorted(values)}}
    if rationale:
        out["rationale"] = {str(k): str(v) for k, v in rationale.items()}
    if sources:
        out["sources"] = [str(s) for s in sources]
    return out


def save_scenario(file, values: dict, name: str = "", description: str = "", *, overwrite: bool = False,
                  rationale: dict | None = None, sources: list | None = None) -> Path:
    """Write a scenario to ``file`` atomically; only the given values are stored.

    An existing file is never replaced unless ``overwrite=True``: the error says so, and
    :func:`filmkit.model.files.free_name` gives a free name beside it.
    """
    target = Path(file)
    if target.suffix != ".json":
        raise ValueError(_("file: {file} should end in .json").format(file=repr(str(target))))
    if target.is_dir():
        raise ValueError(_("file: {file} is a folder; give a file name ending in .json").format(file=repr(str(target))))
    text = json.dumps(scenario_dict(values, name, description, rationale, sources), indent=2, sort_keys=False)
    try:
        with locked(target):  # two kernels saving the same scenario: one after the other
            return atomic_write_text(target, text + "\n", overwrite=overwrite)
    except FileExists:
        raise ScenarioFileExists(_("{file} already exists and was not replaced: choose another name, "
                                   "or pass overwrite=True to replace it").format(file=target)) from None


def _check_extras(data: dict, label: str) -> None:
    rationale = data.get("rationale", {})
    if not isinstance(rationale, dict) or not all(isinstance(v, str) for v in rationale.values()):
        raise ValueError(_("{label}: 'rationale' should be an object of parameter names and texts").format(label=label))
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(v, str) for v in sources):
        raise ValueError(_("{label}: 'sources' should be a list of source ids (texts)").format(label=label))
    for key in ("name", "description"):
        if not isinstance(data.get(key, ""), str):
            raise ValueError(_("{label}: {key} should be a text").format(label=label, key=repr(key)))


def parse_scenario(text: str, label: str | None = None) -> tuple[str, dict[str, float]]:
    """Read a scenario from JSON text: (name, full set of values). Errors name what is wrong.

    ``label`` names the text in those errors (default: "scenario", in the language in use).
    """
    if label is None:
        label = _("scenario")
    data = strict_json(text, label)  # doubled keys are refused, not silently the last one
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        raise ValueError(_("{label}: expected an object with a 'values' object of parameter names and numbers")
                         .format(label=label))
    if data.get("kit", KIT) != KIT:
        raise ValueError(_("{label}: 'kit' is {kit}; a scenario saved by this kit says {expected}").format(
            label=label, kit=repr(data.get("kit")), expected=repr(KIT)))
    version = data.get("format", FORMAT)
    if isinstance(version, bool) or not isinstance(version, int) or version != FORMAT:
        raise ValueError(_("{label}: format {format} is not supported (this kit reads format {supported})").format(
            label=label, format=repr(data.get("format")), supported=FORMAT))
    extra = sorted(set(data) - set(KEYS))
    if extra:
        raise ValueError(_("{label}: unknown scenario key(s) {keys} (allowed: {allowed})").format(
            label=label, keys=", ".join(map(repr, extra)), allowed=", ".join(KEYS)))
    _check_extras(data, label)
    try:
        values = validate(data["values"])
    except ValueError as exc:
        raise ValueError(_("{label}: {error}").format(label=label, error=exc)) from None
    return str(data.get("name", "")), values


def load_scenario(file) -> tuple[str, dict[str, float]]:
    """Read a scenario file: (name, full set of values)."""
    if not isinstance(file, (str, os.PathLike)):
        raise ValueError(_("file: expected the name of a scenario file (text), got {kind}").format(
            kind=type(file).__name__))
    source = Path(file)
    where = repr(str(source))
    try:
        if source.is_dir():
            raise ValueError(_("scenario file {file} is a folder, not a file").format(file=where))
        if not source.is_file():
            raise ValueError(_("scenario file {file} not found").format(file=where))
    except OSError as exc:  # a name too long, a folder without permission
        raise ValueError(_("scenario file {file} cannot be read: {reason}").format(
            file=where, reason=exc.strerror or exc)) from None
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(_("scenario file {file} is {size} MB; a scenario is a few hundred bytes: check that it is "
                               "the right file").format(file=where, size=f"{source.stat().st_size / 1e6:.1f}"))
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(_("scenario file {file} is not a text file (or not UTF-8)").format(file=where)) from None
    except OSError as exc:  # no permission, a folder, a device that went away
        raise ValueError(_("scenario file {file} cannot be read: {reason}").format(
            file=where, reason=exc.strerror or exc)) from None
    name, values = parse_scenario(text, _("scenario file {file}").format(file=repr(source.name)))
    return _preset_name(source, name), values


def _preset_name(source: Path, name: str) -> str:
    """A preset shipped with the kit is named in the reader's language; a learner's own file as saved."""
    from filmkit.model.data import SCENARIOS, data_dir, scenario_text

    try:
        if source.resolve().parent == (data_dir() / SCENARIOS).resolve():
            return scenario_text(source.stem, "name", name)
    except OSError:
        pass
    return name


def presets() -> list[str]:
    """Names of the preset scenarios in the data folder (``data/scenarios/*.json``), sorted."""
    from filmkit.model.data import data_dir

    return sorted(p.stem for p in (data_dir() / "scenarios").glob("*.json"))


def preset(name: str) -> tuple[str, dict[str, float]]:
    """A preset scenario by file name (e.g. ``"middle_case"``): its title and its values.

    >>> preset("twenty_shots")[1]["shots"]
    20.0
    """
    from filmkit.model.data import data_dir

    known = presets()
    if name not in known:
        raise ValueError(_("preset: {name} is not one of {known} (files in {folder})").format(
            name=repr(name), known=", ".join(known), folder="data/scenarios/"))
    return load_scenario(data_dir() / "scenarios" / f"{name}.json")


def preset_description(name: str) -> str:
    """The written rationale at the top of a preset file: whose reasoning it is and why."""
    from filmkit.model.data import data_dir

    preset(name)  # checks the name and the file
    from filmkit.model.data import scenario_text

    text = str(json.loads((data_dir() / "scenarios" / f"{name}.json").read_text(encoding="utf-8")).get("description", ""))
    return scenario_text(name, "description", text)
