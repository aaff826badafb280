"""Regression cases for hostile input (issue 10): each test names the bad input it replays.

Tests that edit data work on a copy of the data folder in a temporary directory.
"""

import shutil

import pytest

from filmkit.model.data import data_dir, data_folder


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the data tables; the kit reads it inside the test."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("staging", "scenarios"))
    with data_folder(target):
        yield target


def replace_in(file, old, new, count=1):
    """Edit one data file, failing loudly if the text to replace is not there."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file.name}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")
