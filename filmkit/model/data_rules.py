"""Rules every data file obeys before a single value is read: size, encoding, JSON without
doubled keys, a data package whose schema can be applied, and ids that cannot be confused.

The loader (:mod:`filmkit.model.data`) applies them to every file it opens, and
``filmkit check-env`` to every file of the folder, so both say the same thing in the same words.

Limits, and why:

- a data file is at most :data:`MAX_FILE_BYTES` (5 MB): the kit's tables are kilobytes, and a file
  a hundred times larger is a mistake (a pasted export, a wrong file) that would take minutes and
  gigabytes to load and show;
- an id (a primary key or a unique column) is written in one script, with the digits 0-9, and no
  two ids differ only by look-alike letters (a Cyrillic "а" for a Latin "a").
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from pathlib import Path

from filmkit.i18n import _

#: the largest data file the kit reads, in bytes
MAX_FILE_BYTES = 5_000_000


class DataError(ValueError):
    """A data file is missing, malformed, or breaks its schema."""


def read_limited(file: Path, label: str) -> bytes:
    """The bytes of a data file, refusing one that is too large or cannot be read."""
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):  # a device or a pipe would be read forever, or block
            raise DataError(_("{file} is not a regular file (a device, a pipe or a socket): put the table itself "
                              "there").format(file=label))
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise DataError(_("{file} is {size} MB; a data file of the kit is at most {limit} MB. Check that it "
                              "is the right file (the kit's tables are a few kilobytes).").format(
                file=label, size=f"{size / 1e6:.1f}", limit=f"{MAX_FILE_BYTES / 1e6:g}"))
        return file.read_bytes()
    except OSError as exc:
        raise DataError(cannot_open(label, exc)) from None


def cannot_open(label, exc: OSError) -> str:
    """The message for a data file or folder that cannot be opened."""
    return _("{file} cannot be opened: {reason}").format(file=label, reason=exc.strerror or exc)


def utf8_text(raw: bytes, label: str) -> str:
    """``raw`` decoded as UTF-8 (a byte-order mark allowed), or a DataError naming the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(_("{file}, line {line}: the file is not UTF-8 text (byte {byte} cannot be read). In a "
                          "spreadsheet or editor, save it as \"UTF-8\", then run the cell again.").format(
            file=label, line=line, byte=f"{raw[exc.start]:#04x}")) from None


def _no_doubled_keys(label: str):
    def pairs(items):
        seen = {}
        for key, value in items:
            if key in seen:
                raise DataError(_("{file}: the key {key} appears twice in one object; only one may stay "
                                  "(JSON would silently keep the last)").format(file=label, key=repr(key)))
            seen[key] = value
        return seen
    return pairs


def strict_json(text: str, label: str):
    """Parse JSON, refusing doubled keys, with errors that name ``label``."""
    try:
        return json.loads(text, object_pairs_hook=_no_doubled_keys(label))
    except json.JSONDecodeError as exc:
        raise DataError(_("{file} is not valid JSON (line {line}, column {column}: {reason})").format(
            file=label, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, DataError):
            raise
        # a number with thousands of digits: Python's reason, without its advice for programmers
        reason = _("nested too deeply") if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise DataError(_("{file} cannot be read: {reason}").format(file=label, reason=reason)) from None


def check_descriptor(desc, label: str = "data/datapackage.json") -> None:
    """Raise DataError unless ``desc`` is a data package the loader can apply, table by table."""
    def broken(what: str):
        return DataError(_("{file}: {problem}; restore the kit's own {file}, or fix it as "
                           "docs/translating.md and the Frictionless data package describe").format(
            file=label, problem=what))

    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list) or not desc["resources"]:
        raise broken(_("'resources' should be a list of tables"))
    names = set()
    for i, res in enumerate(desc["resources"], start=1):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not isinstance(res.get("path"), str):
            raise broken(_("table {number} needs a 'name' and a 'path'").format(number=i))
        where = _("table {name}").format(name=repr(res["name"]))
        path = res["path"]
        if Path(path).is_absolute() or ".." in Path(path).parts or os.sep in path.replace("/", ""):
            raise broken(_("{table}: path {path} should be a file name in the data folder").format(
                table=where, path=repr(path)))
        if res["name"] in names:
            raise broken(_("{table} is listed twice").format(table=where))
        names.add(res["name"])
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields or not all(
                isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
            raise broken(_("{table}: 'schema' should hold a list of 'fields', each with a 'name'").format(table=where))
        field_names = [f["name"] for f in fields]
        for key in ("primaryKey",):
            if key in schema and (not isinstance(schema[key], list) or not set(schema[key]) <= set(field_names)):
                raise broken(_("{table}: {key} names a field the table does not have").format(table=where, key=key))
        for field in fields:
            rules = field.get("constraints", {})
            if not isinstance(rules, dict):
                raise broken(_("{table}, field {field}: 'constraints' should be an object").format(
                    table=where, field=repr(field["name"])))
            if "pattern" in rules:
                try:
                    re.compile(rules["pattern"])
                except (re.error, TypeError) as exc:
                    raise broken(_("{table}, field {field}: the pattern {pattern} is not a valid regular "
                                   "expression ({reason})").format(table=where, field=repr(field["name"]),
                                                                   pattern=repr(rules["pattern"]), reason=exc)) from None
            for limit in ("maxLength", "minLength"):
                if limit in rules and (isinstance(rules[limit], bool) or not isinstance(rules[limit], int)
                                       or rules[limit] < 0):
                    raise broken(_("{table}, field {field}: {limit} should be a whole number").format(
                        table=where, field=repr(field["name"]), limit=limit))
            if "enum" in rules and not (isinstance(rules["enum"], list)
                                        and all(isinstance(v, str) for v in rules["enum"])):
                raise broken(_("{table}, field {field}: 'enum' should be a list of texts").format(
                    table=where, field=repr(field["name"])))


# ---- ids that look alike ----------------------------------------------------------------------

#: letters of other scripts drawn like a Latin letter (after case folding)
_LOOK_ALIKE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "γ": "y", "ϲ": "c", "ј": "j",
})


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else ""


def id_problem(value: str) -> str | None:
    """Why an id could be confused with another (mixed scripts, a digit of another script), or None."""
    foreign = [ch for ch in value if ch.isdigit() and not ch.isascii()]
    if foreign:
        return _("{value} has the digit {digit}, from another script: type the digits 0-9").format(
            value=repr(value), digit=repr(foreign[0]))
    scripts = sorted({_script(ch) for ch in value if ch.isalpha()})
    if len(scripts) > 1:
        return _("{value} mixes letters of different scripts ({scripts}): a look-alike letter was probably typed "
                 "or pasted").format(value=repr(value), scripts=", ".join(s.title() for s in scripts))
    return None


def skeleton(value: str) -> str:
    """What an id looks like: case folded, width and look-alike letters made Latin."""
    return unicodedata.normalize("NFKC", value).casefold().translate(_LOOK_ALIKE)


def look_alike_pair(values) -> tuple[str, str] | None:
    """Two different values that look the same, or None."""
    seen: dict[str, str] = {}
    for value in values:
        if not value:
            continue
        key = skeleton(value)
        if key in seen and seen[key] != value:
            return seen[key], value
        seen.setdefault(key, value)
    return None
