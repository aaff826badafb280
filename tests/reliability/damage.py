"""Ways to damage a copy of the data folder, as an editing instructor or a broken copy might (issue 21).

Each damage takes the folder and a random generator and changes one thing; ``DAMAGES`` names them all.
"""

import csv
import io
import json
import random
import shutil
from pathlib import Path

TABLES_WITH_NUMBERS = {"scenario_parameters": ["low", "base", "high", "min", "max"],
                       "roles": ["wage_factor_low", "wage_factor_base", "wage_factor_high"],
                       "production_tiers": ["budget_usd_base", "vfx_share_base"]}
BAD_NUMBERS = ["1e308", "-1", "nan", "inf", "", "١٢", "1_000", "0x10", " 3", "3 ", "9" * 400, "-0", "1e-320"]


def _tables(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv"))


def _rows(file: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"), newline="")))


def _write_rows(file: Path, rows) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    file.write_text(out.getvalue(), encoding="utf-8")


def remove_table(folder, rng):
    rng.choice(_tables(folder)).unlink()


def header_only(folder, rng):
    # a translation table may be empty (the data then shows in English): only a table the kit needs rows from
    f = rng.choice([t for t in _tables(folder) if not t.name.startswith("translations_")])
    f.write_text(f.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def binary_garbage(folder, rng):
    rng.choice(_tables(folder)).write_bytes(bytes(rng.randrange(256) for _ in range(300)))


def empty_file(folder, rng):
    rng.choice([*_tables(folder), folder / "datapackage.json"]).write_bytes(b"")


def bad_number(folder, rng):
    name = rng.choice(sorted(TABLES_WITH_NUMBERS))
    f = folder / f"{name}.csv"
    rows = _rows(f)
    column = rows[0].index(rng.choice(TABLES_WITH_NUMBERS[name]))
    rows[rng.randrange(1, len(rows))][column] = rng.choice(BAD_NUMBERS)
    _write_rows(f, rows)


def drop_column(folder, rng):
    f = rng.choice(_tables(folder))
    rows = _rows(f)
    column = rng.randrange(len(rows[0]))
    _write_rows(f, [r[:column] + r[column + 1:] for r in rows])


def duplicate_row(folder, rng):
    f = rng.choice([t for t in _tables(folder) if len(_rows(t)) > 1])
    rows = _rows(f)
    _write_rows(f, rows + [rows[rng.randrange(1, len(rows))]])


def look_alike_id(folder, rng):
    f = rng.choice([t for t in _tables(folder) if len(_rows(t)) > 2 and not t.name.startswith("translations")])
    rows = _rows(f)
    copy = list(rows[1])
    copy[0] = copy[0].replace("a", "а").replace("e", "е").replace("o", "о").replace("c", "с") + rng.choice(["", "٣"])
    _write_rows(f, rows + [copy])


def huge_file(folder, rng):
    f = rng.choice(_tables(folder))
    lines = f.read_text(encoding="utf-8").splitlines()
    f.write_text("\n".join(lines + lines[1:2] * (6_000_000 // max(1, len(lines[1])) + 1)) + "\n", encoding="utf-8")


def table_is_a_folder(folder, rng):
    f = rng.choice(_tables(folder))
    f.unlink()
    f.mkdir()


def dangling_link(folder, rng):
    f = rng.choice(_tables(folder))
    f.unlink()
    f.symlink_to(folder / "gone.csv")


def datapackage_text(folder, rng):
    (folder / "datapackage.json").write_text(rng.choice(["{}", "[]", "null", '{"resources": {}}', '{"resources": []}',
                                                         '{"resources": [null]}', '{"resources": [{"name": 1}]}',
                                                         "{", '{"a": 1, "a": 2}']), encoding="utf-8")


def datapackage_schema(folder, rng):
    f = folder / "datapackage.json"
    desc = json.loads(f.read_text(encoding="utf-8"))
    res = rng.choice(desc["resources"])
    field = rng.choice(res["schema"]["fields"])
    change = rng.randrange(6)
    if change == 0:
        field.setdefault("constraints", {})["pattern"] = rng.choice(["[a-", "(", "*x", "\\"])
    elif change == 1:
        field["type"] = rng.choice(["datetime", "boolean", "any", 3])
    elif change == 2:
        res["path"] = rng.choice(["../outside.csv", "/etc/passwd", "nope.csv", ""])
    elif change == 3:
        field.setdefault("constraints", {})["maxLength"] = rng.choice([-1, "400", 1.5, 0])
    elif change == 4:
        res["schema"]["primaryKey"] = rng.choice([["nope"], "id", []])
    else:
        field.setdefault("constraints", {})["enum"] = rng.choice([[1, 2], "a", []])
    f.write_text(json.dumps(desc), encoding="utf-8")


def datapackage_latin1(folder, rng):
    f = folder / "datapackage.json"
    f.write_bytes(f.read_text(encoding="utf-8").replace("Sources", "Fuentes ñ").encode("latin-1"))


def preset_damage(folder, rng):
    presets = sorted((folder / "scenarios").glob("*.json"))
    if not presets:
        return
    rng.choice(presets).write_text(rng.choice(["{", "[]", '{"values": {"shots": 1e999}}', '{"format": 2, "values": {}}',
                                               '{"values": {"shots": 3, "shots": 4}}', '{"kit": "x", "values": {}}']),
                                   encoding="utf-8")


DAMAGES = [remove_table, header_only, binary_garbage, empty_file, bad_number, drop_column, duplicate_row, look_alike_id,
           huge_file, table_is_a_folder, dangling_link, datapackage_text, datapackage_schema, datapackage_latin1,
           preset_damage]


def damaged_copy(source: Path, target: Path, damage, seed: int) -> Path:
    """A copy of the data folder ``source`` at ``target``, with ``damage`` applied (seeded)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("staging"))
    damage(target, random.Random(seed))
    return target
