"""Load the kit's data tables, checked against ``data/datapackage.json``.

This is the only way notebooks read data. Every value is read as text first
(so nothing silently becomes NaN), then checked field by field against the
Frictionless schema. A problem raises :class:`DataError` naming the file, the
row and the column, so an instructor who edits a CSV sees what to fix. Every file is
first held to :mod:`filmkit.model.data_rules` (at most 5 MB, UTF-8, JSON without doubled
keys, ids that cannot be confused), and every table the kit reads needs at least one row.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import threading
import time
import zlib
from contextlib import ContextDecorator, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
else:
    class _LazyPandas:
        """pandas, imported when a table is first read: ``import filmkit`` runs in every ``filmkit`` command and
        in the app server, most of which read no table, and pandas is about half of such a start."""

        def __getattr__(self, name: str):
            import pandas

            globals()["pd"] = pandas  # from now on the module's ``pd`` is pandas itself
            return getattr(pandas, name)

    pd = _LazyPandas()

from filmkit.i18n import LANGUAGES, _, language
from filmkit.model.data_rules import (
    DataError,
    cannot_open,
    check_descriptor,
    id_problem,
    look_alike_pair,
    read_limited,
    strict_json,
    utf8_text,
)

#: A source checkout keeps the tables in the repository's ``data/`` folder; an installed
#: package carries a copy of them as package data (``filmkit/_data``, added at build time).
_CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "data"
_PACKAGED_DATA = Path(__file__).resolve().parents[1] / "_data"

_configured: Path | None = None


def use_data(folder: str | os.PathLike | None) -> Path | None:
    """Read every table from ``folder`` from now on (``None``: back to the default).

    Instructors who keep their own edited copy of the tables point the kit at it once,
    at the top of a notebook; ``$FILMKIT_DATA`` does the same for a whole session.
    Returns the folder used before, so a caller can restore it.
    """
    global _configured
    before = _configured
    _configured = None if folder is None else _checked(Path(folder))
    return before


@contextmanager
def data_folder(folder: str | os.PathLike):
    """Within the ``with`` block, read the tables from ``folder``."""
    before = use_data(folder)
    try:
        yield _configured
    finally:
        use_data(before)


def _checked(chosen: Path) -> Path:
    try:
        found = (chosen / "datapackage.json").is_file()
    except OSError as exc:  # a folder without read permission
        raise DataError(_("{folder} cannot be read ({reason}): point FILMKIT_DATA (or filmkit.use_data) at a "
                          "folder you may read").format(folder=chosen, reason=exc.strerror or exc)) from None
    if not found:
        raise DataError(
            f"{chosen}/datapackage.json not found: the kit's data folder is missing or incomplete. "
            "Point FILMKIT_DATA (or filmkit.use_data) at a folder with datapackage.json and its tables, "
            "or reinstall the kit."
        )
    return chosen


def data_dir() -> Path:
    """The folder the tables are read from: ``use_data``, else ``$FILMKIT_DATA``, else the kit's own."""
    if _configured is not None:
        return _checked(_configured)
    env = os.environ.get("FILMKIT_DATA")
    if env:
        return _checked(Path(env))
    if (_CHECKOUT_DATA / "datapackage.json").is_file():
        return _CHECKOUT_DATA
    return _checked(_PACKAGED_DATA)


class one_reading(ContextDecorator):
    """Within the block (or the decorated call), the data folder is looked at once.

    A widget answering a change asks for several tables and the parameter registry, each of which
    checks that the data folder has not changed since it was read (:func:`fingerprint`). Inside
    ``one_reading()`` that check is made once, by the first reader, and the others use its answer:
    everything shown for one change comes from one version of the folder. Outside it, and in the next
    block, the folder is looked at again, so an edited CSV is read at the next change. Blocks nest.
    """

    def __enter__(self):
        _reading.depth = getattr(_reading, "depth", 0) + 1
        return self

    def __exit__(self, *exc):
        _reading.depth -= 1
        if not _reading.depth:
            _reading.stamp = None
        return False


_reading = threading.local()


def fingerprint() -> tuple:
    """Where the tables are and when each last changed: a cache key that an edited CSV invalidates.

    A file changed in the last few seconds also contributes a checksum of its content, since two
    edits within the file system's clock tick can leave the same time stamp and size. Within
    :class:`one_reading` the folder is looked at once (for one folder and language).
    """
    if not getattr(_reading, "depth", 0):
        return _fingerprint()
    where = (_configured, os.environ.get("FILMKIT_DATA"), language())
    kept = getattr(_reading, "stamp", None)
    if kept is None or kept[0] != where:
        kept = _reading.stamp = (where, _fingerprint())
    return kept[1]


def _fingerprint() -> tuple:
    folder = data_dir()
    now = time.time_ns()
    stamps = []
    try:
        with os.scandir(folder) as entries:
            # every file (a table's path may have any name); the content of recent tables, as said above
            files = sorted((e for e in entries if e.is_file()), key=lambda e: e.name)
        for f in files:
            st = f.stat()
            recent = now - st.st_mtime_ns < 5_000_000_000 and f.name.endswith((".csv", ".json"))
            stamps.append((f.name, st.st_mtime_ns, st.st_size, st.st_ino,
                           zlib.crc32(read_limited(Path(f.path), f"data/{f.name}")) if recent else None))
    except OSError as exc:  # a file made unreadable, or removed, just after an edit
        raise DataError(cannot_open(exc.filename or folder, exc)) from None
    # labels read from the tables are translated, so the language is part of the key
    return (str(folder), tuple(stamps), language())


def descriptor() -> dict:
    """The parsed ``datapackage.json``."""
    return _descriptor(data_dir())


def _descriptor(folder: Path) -> dict:
    label = "data/datapackage.json"
    desc = strict_json(utf8_text(read_limited(folder / "datapackage.json", label), label), label)
    check_descriptor(desc, label)
    return desc


def resource_names() -> list[str]:
    """Names of the tables the data package describes."""
    return [r["name"] for r in descriptor()["resources"]]


def _resource(desc: dict, name: str) -> dict:
    for res in desc["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in desc["resources"])
    raise DataError(f"no table named {name!r} in datapackage.json (known tables: {known})")


def _where(file_label: str, row: int, key: str | None, column: str) -> str:
    ident = f" ({key})" if key else ""
    return f"{file_label}, row {row}{ident}, column '{column}'"


def _convert(value: str, field: dict, where: str):
    """Turn one cell's text into its typed value, or raise DataError."""
    kind = field.get("type", "string")
    if kind == "string":
        return value
    if kind == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", value):
            raise DataError(f"{where}: {value!r} is not a whole number")
        return int(value)
    if kind == "number":
        # digits 0-9 only: Python's float() would also take other scripts' digits and "1_000"
        if not _NUMBER.fullmatch(value):
            raise DataError(f"{where}: {value!r} is not a number")
        number = float(value)
        if not math.isfinite(number):
            raise DataError(f"{where}: {value!r} is not a finite number")
        return number
    if kind == "date":
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return pd.Timestamp(value)
            except ValueError:
                pass
        raise DataError(f"{where}: {value!r} is not a date (YYYY-MM-DD)")
    raise DataError(f"{where}: the schema uses type {kind!r}, which this loader does not support")


_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|infinity|nan)", re.IGNORECASE)


def partial_date(text: str) -> tuple[pd.Timestamp, str]:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into (first day, precision).

    >>> partial_date("2025-07")
    (Timestamp('2025-07-01 00:00:00'), 'month')
    """
    precision = {4: "year", 7: "month", 10: "day"}.get(len(text))
    if precision is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    padded = text + {"year": "-01-01", "month": "-01", "day": ""}[precision]
    try:
        return pd.Timestamp(padded), precision
    except ValueError:
        raise ValueError(f"{text!r} is not a real calendar date") from None


def _check_constraints(value, text: str, field: dict, where: str) -> None:
    rules = field.get("constraints", {})
    if "enum" in rules and text not in rules["enum"]:
        allowed = ", ".join(rules["enum"])
        raise DataError(f"{where}: {text!r} is not allowed (allowed: {allowed})")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], text):
        raise DataError(f"{where}: {text!r} does not match the pattern {rules['pattern']!r}")
    # Partial dates are strings in the schema; check that they are real dates too.
    if field["name"] == "date" and field.get("type", "string") == "string":
        try:
            partial_date(text)
        except ValueError as exc:
            raise DataError(f"{where}: {exc}") from None
    if "maxLength" in rules and len(text) > rules["maxLength"]:
        raise DataError(_("{where}: {length} characters, more than the {limit} the schema allows (maxLength); "
                          "shorten it").format(where=where, length=len(text), limit=rules["maxLength"]))
    if "minLength" in rules and len(text) < rules["minLength"]:
        raise DataError(_("{where}: {length} characters, fewer than the {limit} the schema asks for (minLength)")
                        .format(where=where, length=len(text), limit=rules["minLength"]))
    if "minimum" in rules and value < rules["minimum"]:
        raise DataError(f"{where}: {text} is below the minimum {rules['minimum']}")
    if "maximum" in rules and value > rules["maximum"]:
        raise DataError(f"{where}: {text} is above the maximum {rules['maximum']}")


def _read_rows(file: Path, label: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the data rows of a CSV file as text: [(line number, {column: text})].

    Read with the ``csv`` module rather than pandas, so a row with a field too many is
    reported as such (pandas would silently take the first column as the index and
    blame the wrong column), and a file that is not UTF-8 is reported by line.
    """
    raw = read_limited(file, label)
    try:
        text = raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark: accept it
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(
            f"{label}, line {line}: the file is not UTF-8 text (byte {raw[exc.start]:#04x} cannot be read). "
            "In a spreadsheet, save it as \"CSV UTF-8\" (File > Save As), then run the cell again."
        ) from None
    if not text.strip():
        raise DataError(f"{label} is empty: it needs at least the header row")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict]] = []
    try:
        header = next(reader)
        width = len(header)
        doubled = sorted({c for c in header if header.count(c) > 1})
        if doubled:
            raise DataError(f"{label}, line 1: column(s) {', '.join(map(repr, doubled))} appear more than once in the header")
        for record in reader:
            if not record:
                continue  # a blank line
            number = len(rows) + 1
            line = reader.line_num
            if len(record) > width:
                raise DataError(
                    f"{label}, row {number} (line {line}) has more fields than the header ({len(record)} against "
                    f"{width}): a comma inside a value needs the whole value in double quotes"
                )
            if len(record) < width:
                raise DataError(
                    f"{label}, row {number} (line {line}) has fewer fields than the header ({len(record)} against "
                    f"{width}): a value or a comma is missing"
                )
            rows.append((line, dict(zip(header, record))))
    except csv.Error as exc:
        raise DataError(f"{label}, line {reader.line_num}: cannot be read as CSV ({exc})") from None
    return header, rows


def _read_table(folder: Path, res: dict) -> pd.DataFrame:
    file = folder / res["path"]
    label = f"data/{res['path']}"
    if not file.is_file():
        raise DataError(f"{label} is missing (datapackage.json lists it as table {res['name']!r})")
    try:
        columns, records = _read_rows(file, label)
    except OSError as exc:
        raise DataError(f"{label} cannot be opened: {exc.strerror or exc}") from None

    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    missing = [c for c in expected if c not in columns]
    if missing:
        raise DataError(
            f"{label}: column(s) {', '.join(repr(c) for c in missing)} missing; "
            f"the header has {', '.join(repr(c) for c in columns)}"
        )
    extra = [c for c in columns if c not in expected]
    if extra:
        raise DataError(f"{label}: unexpected column(s) {', '.join(repr(c) for c in extra)} (not in datapackage.json)")

    key_col = res["schema"].get("primaryKey", [expected[0]])[0]
    typed: dict[str, list] = {name: [] for name in expected}
    for i, (_line, record) in enumerate(records, start=1):
        key = record.get(key_col) or None
        for field in fields:
            name = field["name"]
            text = record[name]
            where = _where(label, i, key, name)
            if text != text.strip():
                raise DataError(f"{where}: {text!r} has leading or trailing spaces")
            if text == "":
                if field.get("constraints", {}).get("required"):
                    raise DataError(f"{where}: value is empty but required")
                typed[name].append(None if field.get("type", "string") != "string" else "")
                continue
            value = _convert(text, field, where)
            _check_constraints(value, text, field, where)
            typed[name].append(value)
    table = pd.DataFrame(typed, columns=expected)

    if not records and not res["name"].startswith("translations_"):
        raise DataError(_("{file} has a header but no rows; the kit needs its rows. Restore the kit's own {file}, "
                          "or add at least one row.").format(file=label))
    for field in fields:
        if field.get("constraints", {}).get("unique"):
            _check_unique(table, [field["name"]], label)
    if "primaryKey" in res["schema"]:
        _check_unique(table, res["schema"]["primaryKey"], label)
    _check_ids(table, res, label)
    return table


def _check_ids(table: pd.DataFrame, res: dict, label: str) -> None:
    """Ids (a one-column primary key, a unique column) in one script, none a look-alike of another."""
    key = res["schema"].get("primaryKey", [])
    columns = dict.fromkeys([*(key if len(key) == 1 else []),
                             *(f["name"] for f in res["schema"]["fields"] if f.get("constraints", {}).get("unique"))])
    for column in columns:
        values = [v for v in table[column] if isinstance(v, str)]
        for row, value in enumerate(values, start=1):
            problem = id_problem(value)
            if problem:
                raise DataError(f"{_where(label, row, None, column)}: {problem}")
        pair = look_alike_pair(values)
        if pair:
            raise DataError(_("{file}, column '{column}': {first} and {second} look the same but are different "
                              "text (a letter or digit of another script); keep one spelling").format(
                file=label, column=column, first=repr(pair[0]), second=repr(pair[1])))


def _check_unique(table: pd.DataFrame, columns: list[str], label: str) -> None:
    dupes = table[table.duplicated(columns, keep="first")]
    if not dupes.empty:
        row = int(dupes.index[0]) + 1
        value = tuple(dupes.iloc[0][columns]) if len(columns) > 1 else dupes.iloc[0][columns[0]]
        raise DataError(f"{label}, row {row}, column(s) {', '.join(columns)}: {value!r} appears more than once")


def _check_foreign_keys(name: str, table: pd.DataFrame, res: dict, desc: dict, folder: Path, seen: dict) -> None:
    for fk in res["schema"].get("foreignKeys", []):
        target_name = fk["reference"]["resource"]
        target = seen[target_name] if target_name in seen else _load(target_name, desc, folder, seen)
        for here, there in zip(fk["fields"], fk["reference"]["fields"]):
            known = set(target[there])
            for i, value in enumerate(table[here], start=1):
                if value and value not in known:
                    raise DataError(
                        f"{_where('data/' + res['path'], i, None, here)}: {value!r} is not an id "
                        f"in data/{_resource(desc, target_name)['path']} (column '{there}')"
                    )


def _load(name: str, desc: dict, folder: Path, seen: dict) -> pd.DataFrame:
    res = _resource(desc, name)
    table = _read_table(folder, res)
    seen[name] = table
    _check_foreign_keys(name, table, res, desc, folder, seen)
    return table


def load(name: str) -> pd.DataFrame:
    """Load one table by its datapackage name, checked, with its references resolved.

    A table is read and checked once per version of the data folder (:func:`fingerprint`): an
    edited file is read again at the next load.

    Fields the data package marks ``"filmkit:translate"`` come in the language in use
    (:mod:`filmkit.i18n`); ids, keys and categories never change with the language.

    >>> load("claims").columns[:3].tolist()
    ['id', 'date', 'speaker']
    """
    stamp = fingerprint()
    kept = (name, stamp) if isinstance(name, str) else None  # any other name is refused below, by the loader
    table = _TABLE_CACHE.get(kept) if kept else None
    if table is None:
        folder = data_dir()
        desc = _descriptor(folder)
        table = _localised(name, _load(name, desc, folder, {}), desc)
        if any(key[1] != stamp for key in _TABLE_CACHE):  # the folder or the language changed: start again
            _TABLE_CACHE.clear()
        if kept:
            _TABLE_CACHE[kept] = table
    return table.copy()  # the caller's own: changing it never changes what the next load returns


#: tables as :func:`load` returns them, for one version of the data folder: {(name, fingerprint): table}.
#: A table that does not load is not kept, so its problem is reported on every load until it is fixed.
_TABLE_CACHE: dict = {}


def load_all() -> dict[str, pd.DataFrame]:
    """Every table of the data package, each checked (used by the environment check and tests)."""
    folder = data_dir()
    desc = _descriptor(folder)
    seen: dict[str, pd.DataFrame] = {}
    for res in desc["resources"]:
        if res["name"] not in seen:
            _load(res["name"], desc, folder, seen)
    return {name: _localised(name, table, desc) for name, table in seen.items()}


def data_problems() -> list[str]:
    """Every problem of the data folder, each in the loader's own words (what ``check-env`` lists)."""
    try:
        folder = data_dir()
        desc = _descriptor(folder)
    except DataError as exc:
        return [str(exc)]
    problems: list[str] = []
    seen: dict[str, pd.DataFrame] = {}
    for res in desc["resources"]:
        try:
            if res["name"] not in seen:
                _load(res["name"], desc, folder, seen)
        except DataError as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
    return problems


# ---- translations of the kit's own words in the tables -------------------------------------
#
# ``data/translations_<lang>.csv`` holds, for each language other than English, one row per
# translated cell: (table, id, field, english, text). ``english`` is the text that was
# translated: when the English cell changes, the row no longer applies (English shows, and
# ``filmkit translate check`` reports it) until a translator updates it. Rows whose table is
# ``*`` translate a category value wherever it is shown (field = the column, id = the value).
#
# A field marked ``"filmkit:translate": "replace"`` is shown translated. One marked ``"beside"``
# is a quotation: it stays as written, and a column ``<field>_translation`` gives it in the
# reader's language (empty when the quotation is already in that language).

TRANSLATION_TABLE = "translations_{lang}"
VOCABULARY = "*"


def translation_problems(wanted: list[dict], have: list[dict], file_label: str) -> list[str]:
    """Rows of ``wanted`` (table, id, field, english) with no current translation among ``have`` (rows of a
    translation table): untranslated, or translated from an English text that has since changed."""
    found = {(r["table"], r["id"], r["field"]): r for r in have}
    problems = []
    for row in wanted:
        key = (row["table"], row["id"], row["field"])
        where = f"{file_label}: {'/'.join(key)}"
        match = found.get(key)
        if match is None or not match["text"]:
            problems.append(f"{where}: untranslated")
        elif match["english"] != row["english"]:
            problems.append(f"{where}: stale (the English changed to {row['english'][:60]!r})")
    return problems


def translation_resource(lang: str) -> str:
    return TRANSLATION_TABLE.format(lang=lang)


def row_key(record, key_fields: list[str]) -> str:
    """The id of a row in the translation tables: its primary key, parts joined by ``|``."""
    return "|".join(str(record[k]) for k in key_fields)


def key_fields(res: dict) -> list[str]:
    return list(res["schema"].get("primaryKey", [res["schema"]["fields"][0]["name"]]))


def _translations(lang: str) -> tuple[dict, dict]:
    """The ``lang`` translation table as ({(table, id, field): (english, text)}, {(field, value): text}),
    read once per version of the data folder (every load and every table shown asks for it)."""
    if lang == "en":
        return {}, {}
    stamp = fingerprint()
    cached = _TRANSLATION_CACHE.get((lang, stamp))
    if cached is None:
        folder, name = data_dir(), translation_resource(lang)
        desc = _descriptor(folder)
        cells: dict = {}
        if any(r["name"] == name for r in desc["resources"]):
            table = _load(name, desc, folder, {})
            cells = {(r.table, r.id, r.field): (r.english, r.text) for r in table.itertuples(index=False) if r.text}
        words = {(field, english): text for (table, _i, field), (english, text) in cells.items() if table == VOCABULARY}
        cached = (cells, words)
        _TRANSLATION_CACHE.clear()
        _TRANSLATION_CACHE[(lang, stamp)] = cached
    return cached


_TRANSLATION_CACHE: dict = {}


def quote_rows(res: dict, field: dict, table: pd.DataFrame) -> pd.Series:
    """Which rows of a ``beside`` field are quotations (``filmkit:quoteWhen`` narrows it to some rows)."""
    when = field.get("filmkit:quoteWhen")
    if not when:
        return pd.Series(True, index=table.index)
    mask = pd.Series(True, index=table.index)
    for column, value in when.items():
        mask &= table[column] == value
    return mask


def text_language(field: dict, table: pd.DataFrame) -> pd.Series:
    """The language each row's text is written in (``filmkit:languageField``, else English)."""
    column = field.get("filmkit:languageField")
    if column and column in table:
        return table[column].where(table[column].astype(bool), "en")
    return pd.Series("en", index=table.index)


def _localised(name: str, table: pd.DataFrame, desc: dict) -> pd.DataFrame:
    res = _resource(desc, name)
    marked = [f for f in res["schema"]["fields"] if f.get("filmkit:translate")]
    if not marked:
        return table
    lang = language()
    rows = _translations(lang)[0]
    keys = [row_key(r, key_fields(res)) for r in table.to_dict("records")] if rows else []
    table = table.copy()
    for field in marked:
        column = field["name"]
        quotes = quote_rows(res, field, table) if field["filmkit:translate"] == "beside" else \
            pd.Series(False, index=table.index)
        translated = table[column].copy()
        if rows:
            for i, (key, english) in enumerate(zip(keys, table[column])):
                found = rows.get((name, key, column))
                if english and found and found[0] == english:
                    translated.iat[i] = found[1]
        if field["filmkit:translate"] == "beside":
            written_in = text_language(field, table)
            beside = pd.Series("", index=table.index, dtype=object)
            foreign = quotes & (written_in != lang)
            if lang == "en" and field.get("filmkit:englishField"):
                beside[foreign] = table.loc[foreign, field["filmkit:englishField"]]
            else:
                beside[foreign] = translated[foreign].where(translated[foreign] != table.loc[foreign, column], "")
            table[column + "_translation"] = beside
            table[column] = table[column].where(quotes, translated)  # only the kit's own words are replaced
        else:
            table[column] = translated
    return table


def vocabulary() -> dict[tuple[str, str], str]:
    """``{(field, English value): shown text}`` for category values, in the language in use ({} in English)."""
    return _translations(language())[1]


SCENARIOS = "scenarios"


def scenario_texts() -> list[tuple[str, str, str]]:
    """(preset, field, English) for the words of every preset scenario file: its name, description and
    the rationale of each value (``rationale:<key>``). They are translated like table cells."""
    found = []
    for path in sorted((data_dir() / SCENARIOS).glob("*.json")):
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a broken preset is reported when it is opened
        for field in ("name", "description"):
            if content.get(field):
                found.append((path.stem, field, str(content[field])))
        for key, text in (content.get("rationale") or {}).items():
            if text:
                found.append((path.stem, f"rationale:{key}", str(text)))
    return found


def scenario_text(preset: str, field: str, english: str) -> str:
    """The words of a preset scenario in the reader's language (``english`` when not translated)."""
    lang = language()
    if lang == "en" or not english:
        return english
    found = _translations(lang)[0].get((SCENARIOS, preset, field))
    return found[1] if found and found[0] == english else english


def term(field: str, value: str) -> str:
    """A category value (``status``, ``evidence_level``, ...) as the reader's language names it.

    >>> term("evidence_level", "primary")  # English: the value as written
    'primary'
    """
    return vocabulary().get((field, value), value)


def translated_languages() -> list[str]:
    """The languages other than English that the data package has translation tables for."""
    names = set(resource_names())
    return [lang for lang in LANGUAGES if lang != "en" and translation_resource(lang) in names]


def with_sources(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its source's publisher, evidence level and URL, joined on ``source_id``."""
    sources = load("sources")[["id", "publisher", "evidence_level", "url"]].rename(columns={"id": "source_id"})
    return table.merge(sources, on="source_id", how="left", validate="many_to_one")


def check_choice(name: str, value, allowed) -> None:
    """Raise ValueError naming the argument, the value and what is allowed (``None`` always passes)."""
    if value is not None and value not in allowed:
        raise ValueError(f"{name}: {value!r} is not one of {', '.join(map(str, allowed))}")


def source_ids_used(tables: dict[str, pd.DataFrame]) -> set[str]:
    """Every source id that any table refers to (columns whose name ends in ``source_id``)."""
    used: set[str] = set()
    for name, table in tables.items():
        if name == "sources":
            continue
        for column in table.columns:
            if column.endswith("source_id"):
                used.update(v for v in table[column] if v)
    return used
