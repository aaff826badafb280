"""Save and load scenarios as small JSON files a learner can keep and an instructor can hand out.

    {"kit": "filmkit", "format": 1, "name": "...", "description": "...", "values": {"shots": 4, ...}}

``values`` may list only the parameters that differ from the base; the others take
their base value when loaded.
"""

from __future__ import annotations

import json
from pathlib import Path

from filmkit.model.parameters import validate

FORMAT = 1


def scenario_dict(values: dict, name: str = "", description: str = "") -> dict:
    """The JSON-ready form of a scenario (values checked first)."""
    clean = validate(values)
    return {"kit": "filmkit", "format": FORMAT, "name": str(name), "description": str(description),
            "values": {k: clean[k] for k in sorted(values)}}


def save_scenario(file, values: dict, name: str = "", description: str = "") -> Path:
    """Write a scenario to ``file``; only the given values are stored."""
    target = Path(file)
    if target.suffix != ".json":
        raise ValueError(f"file: {str(target)!r} should end in .json")
    text = json.dumps(scenario_dict(values, name, description), indent=2, sort_keys=False)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def parse_scenario(text: str, label: str = "scenario") -> tuple[str, dict[str, float]]:
    """Read a scenario from JSON text: (name, full set of values). Errors name what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{label} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        raise ValueError(f"{label}: expected an object with a 'values' object of parameter names and numbers")
    if data.get("format", FORMAT) != FORMAT:
        raise ValueError(f"{label}: format {data.get('format')!r} is not supported (this kit reads format {FORMAT})")
    extra = sorted(set(data) - {"kit", "format", "name", "description", "values"})
    if extra:
        raise ValueError(f"{label}: unknown scenario key(s) {', '.join(map(repr, extra))} "
                         "(allowed: kit, format, name, description, values)")
    try:
        values = validate(data["values"])
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}") from None
    return str(data.get("name", "")), values


def load_scenario(file) -> tuple[str, dict[str, float]]:
    """Read a scenario file: (name, full set of values)."""
    source = Path(file)
    if not source.is_file():
        raise ValueError(f"scenario file {str(source)!r} not found")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"scenario file {str(source)!r} is not a text file") from None
    return parse_scenario(text, f"scenario file {source.name!r}")
