"""Tables are read once per version of the data folder, and never served stale.

A widget answering a change reads several tables; reading and checking them again on every change
was most of what module 5's comparison cases cost. ``load`` keeps each table for one version of the
folder (its fingerprint), and ``one_reading`` looks at the folder once per change. What a learner or
an instructor must still see: an edited CSV is read at the next load (even an edit that keeps the
file's size and time stamp), and a broken CSV gives the loader's own message every time, also after
a good version of it was kept.
"""

import json
import os

import pytest

from filmkit.model import data
from filmkit.model.data import DataError

ID = {"name": "id", "type": "string"}
SIZE = {"name": "size", "type": "integer"}


def package(folder, rows, name="things"):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.csv").write_text("\n".join(["id,size", *rows]) + "\n", encoding="utf-8")
    desc = {"name": "test", "resources": [{"name": name, "path": f"{name}.csv",
                                           "schema": {"fields": [ID, SIZE], "primaryKey": ["id"]}}]}
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return folder


@pytest.fixture
def reads(monkeypatch):
    """How many times each table file was read and checked."""
    counted = {}
    real = data._read_table

    def counting(folder, res):
        counted[res["name"]] = counted.get(res["name"], 0) + 1
        return real(folder, res)

    monkeypatch.setattr(data, "_read_table", counting)
    return counted


def test_a_table_is_read_once_while_the_folder_does_not_change(tmp_path, reads):
    package(tmp_path, ["a,1", "b,2"])
    old = 1_000_000_000 * 10**9  # a time stamp long past: no checksum needed, only the file's stamp
    for f in tmp_path.iterdir():
        os.utime(f, ns=(old, old))
    with data.data_folder(tmp_path):
        for _ in range(5):
            assert data.load("things")["size"].tolist() == [1, 2]
    assert reads == {"things": 1}


def test_an_edited_csv_is_read_again_at_the_next_load(tmp_path, reads):
    package(tmp_path, ["a,1", "b,2"])
    with data.data_folder(tmp_path):
        assert data.load("things")["size"].tolist() == [1, 2]
        (tmp_path / "things.csv").write_text("id,size\na,1\nb,3\n", encoding="utf-8")
        assert data.load("things")["size"].tolist() == [1, 3]


def test_an_edit_that_keeps_the_size_and_time_stamp_is_still_seen(tmp_path):
    """Two saves within the file system's clock tick: same size, same time stamp, other content."""
    package(tmp_path, ["a,1", "b,2"])
    table = tmp_path / "things.csv"
    with data.data_folder(tmp_path):
        assert data.load("things")["size"].tolist() == [1, 2]
        stamp = table.stat().st_mtime_ns
        table.write_text("id,size\na,1\nb,9\n", encoding="utf-8")
        os.utime(table, ns=(stamp, stamp))
        assert table.stat().st_size == len("id,size\na,1\nb,2\n")
        assert data.load("things")["size"].tolist() == [1, 9]


def test_a_broken_csv_gives_its_message_every_time_even_after_a_good_version_was_kept(tmp_path):
    package(tmp_path, ["a,1", "b,2"])
    table = tmp_path / "things.csv"
    with data.data_folder(tmp_path):
        assert data.load("things")["size"].tolist() == [1, 2]
        table.write_text("id,size\na,1\nb,two\n", encoding="utf-8")
        for _ in range(2):  # the problem is not kept as an answer either: asked again, said again
            with pytest.raises(DataError, match=r"^data/things.csv, row 2 \(b\), column 'size': 'two' is not a whole"):
                data.load("things")
        table.write_bytes(b"id,size\na,1\nb,\xff\n")  # not UTF-8
        with pytest.raises(DataError, match=r"^data/things.csv, line 3: the file is not UTF-8 text"):
            data.load("things")
        table.write_text("id,size\na,1\nb,4\n", encoding="utf-8")
        assert data.load("things")["size"].tolist() == [1, 4]


def test_a_caller_changing_its_table_does_not_change_the_next_load(tmp_path):
    package(tmp_path, ["a,1", "b,2"])
    with data.data_folder(tmp_path):
        mine = data.load("things")
        mine.loc[0, "size"] = 100
        mine["extra"] = "x"
        again = data.load("things")
        assert again["size"].tolist() == [1, 2] and "extra" not in again


def test_another_folder_gives_its_own_tables(tmp_path):
    first = package(tmp_path / "one", ["a,1"])
    second = package(tmp_path / "two", ["a,2"])
    with data.one_reading():
        with data.data_folder(first):
            assert data.load("things")["size"].tolist() == [1]
        with data.data_folder(second):
            assert data.load("things")["size"].tolist() == [2]


def test_one_reading_looks_at_the_folder_once_and_the_next_change_sees_an_edit(tmp_path, monkeypatch):
    package(tmp_path, ["a,1"])
    looked = []
    real = data._fingerprint
    monkeypatch.setattr(data, "_fingerprint", lambda: looked.append(1) or real())
    with data.data_folder(tmp_path):
        with data.one_reading():
            for _ in range(4):
                data.load("things")
                data.fingerprint()
        assert len(looked) == 1
        (tmp_path / "things.csv").write_text("id,size\na,5\n", encoding="utf-8")

        @data.one_reading()
        def a_change():
            return data.load("things")["size"].tolist()

        assert a_change() == [5]
        assert len(looked) == 2
        data.load("things")
        assert len(looked) == 3, "outside a change, every load looks at the folder"


def test_a_name_that_is_not_text_is_refused_by_the_loader_not_the_cache(tmp_path):
    package(tmp_path, ["a,1"])
    with data.data_folder(tmp_path):
        for name in ([], None, 3):
            with pytest.raises(DataError, match=r"^no table named .* in datapackage.json \(known tables: things\)"):
                data.load(name)
        assert data.load("things")["size"].tolist() == [1]
