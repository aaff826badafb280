"""Save and load scenarios as small JSON files a learner can keep and an instructor can hand out.

    {"kit": "filmkit", "format": 1, "name": "...", "description": "...", "values": {"shots": 4, ...}}

``values`` may list only the parameters that differ from the base; the others take
their base value when loaded. A preset may also carry ``rationale`` (parameter name ->
why this value) and ``sources`` (a list of source ids from data/sources.csv).

Files are written atomically, and never over an existing file unless the caller says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from filmkit.model.files import FileExists, atomic_write_text
from filmkit.model.parameters import validate

FORMAT = 1
KEYS = ("kit", "format", "name", "description", "values", "rationale", "sources")


class ScenarioFileExists(FileExists, ValueError):
    """Saving would replace an existing scenario file (pass ``overwrite=True`` to allow it)."""


def scenario_dict(values: dict, name: str = "", description: str = "", rationale: dict | None = None,
                  sources: list | None = None) -> dict:
    """The JSON-ready form of a scenario (values checked first)."""
    clean = validate(values)
    out = {"kit": "filmkit", "format": FORMAT, "name": str(name), "description": str(description),
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
        raise ValueError(f"file: {str(target)!r} should end in .json")
    if target.is_dir():
        raise ValueError(f"file: {str(target)!r} is a folder; give a file name ending in .json")
    text = json.dumps(scenario_dict(values, name, description, rationale, sources), indent=2, sort_keys=False)
    try:
        return atomic_write_text(target, text + "\n", overwrite=overwrite)
    except FileExists:
        raise ScenarioFileExists(f"{target} already exists and was not replaced: choose another name, "
                                 "or pass overwrite=True to replace it") from None


def _check_extras(data: dict, label: str) -> None:
    rationale = data.get("rationale", {})
    if not isinstance(rationale, dict) or not all(isinstance(v, str) for v in rationale.values()):
        raise ValueError(f"{label}: 'rationale' should be an object of parameter names and texts")
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(v, str) for v in sources):
        raise ValueError(f"{label}: 'sources' should be a list of source ids (texts)")
    for key in ("name", "description"):
        if not isinstance(data.get(key, ""), str):
            raise ValueError(f"{label}: {key!r} should be a text")


def parse_scenario(text: str, label: str = "scenario") -> tuple[str, dict[str, float]]:
    """Read a scenario from JSON text: (name, full set of values). Errors name what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{label} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:  # a number with thousands of digits, nesting thousands deep
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise ValueError(f"{label} cannot be read: {reason}") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        raise ValueError(f"{label}: expected an object with a 'values' object of parameter names and numbers")
    if data.get("format", FORMAT) != FORMAT:
        raise ValueError(f"{label}: format {data.get('format')!r} is not supported (this kit reads format {FORMAT})")
    extra = sorted(set(data) - set(KEYS))
    if extra:
        raise ValueError(f"{label}: unknown scenario key(s) {', '.join(map(repr, extra))} "
                         f"(allowed: {', '.join(KEYS)})")
    _check_extras(data, label)
    try:
        values = validate(data["values"])
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}") from None
    return str(data.get("name", "")), values


def load_scenario(file) -> tuple[str, dict[str, float]]:
    """Read a scenario file: (name, full set of values)."""
    source = Path(file)
    if source.is_dir():
        raise ValueError(f"scenario file {str(source)!r} is a folder, not a file")
    if not source.is_file():
        raise ValueError(f"scenario file {str(source)!r} not found")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"scenario file {str(source)!r} is not a text file (or not UTF-8)") from None
    except OSError as exc:  # no permission, a folder, a device that went away
        raise ValueError(f"scenario file {str(source)!r} cannot be read: {exc.strerror or exc}") from None
    return parse_scenario(text, f"scenario file {source.name!r}")


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
        raise ValueError(f"preset: {name!r} is not one of {', '.join(known)} (files in data/scenarios/)")
    return load_scenario(data_dir() / "scenarios" / f"{name}.json")


def preset_description(name: str) -> str:
    """The written rationale at the top of a preset file: whose reasoning it is and why."""
    from filmkit.model.data import data_dir

    preset(name)  # checks the name and the file
    return str(json.loads((data_dir() / "scenarios" / f"{name}.json").read_text(encoding="utf-8")).get("description", ""))
