"""The kit as a real package: a wheel carries its data, and runs from any folder without the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _source_copy(dest: Path) -> Path:
    """The kit's tracked files copied to ``dest``: a build writes ``build/`` and ``filmkit.egg-info`` beside the
    sources, and in the checkout those would shadow the installed metadata other tests read."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    names = [n for n in listed.stdout.decode().split("\0") if n] if listed.returncode == 0 else []
    if not names:  # not a git checkout (an unpacked archive): everything but what builds and runs leave
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
            ".git", ".ci-venv", ".venv", "node_modules", "build", "*.egg-info", "__pycache__", "test-artifacts"))
        return dest
    for name in names:
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    source = _source_copy(tmp_path_factory.mktemp("source"))
    # No build isolation: the test runs offline, with the setuptools the test extra declares.
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-q",
                           "-w", str(out), str(source)], capture_output=True, text=True, cwd=out)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("filmkit-*.whl")
    return built


def test_the_wheel_carries_every_data_table(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tables = sorted(p.name for p in (ROOT / "data").glob("*.csv"))
    assert "filmkit/_data/datapackage.json" in names
    for table in tables:
        assert f"filmkit/_data/{table}" in names, table
    assert not any("/staging/" in n for n in names)


def test_installed_kit_loads_data_and_runs_the_model_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("from filmkit.model import data, scenario; t = data.load_all(); r = scenario.run(); "
            "print(data.data_dir()); print(len(t)); print(round(r['traditional'].total_cost))")
    env = {k: v for k, v in os.environ.items() if k != "FILMKIT_DATA"}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    where, count, cost = done.stdout.split()
    assert Path(where) == site / "filmkit" / "_data"
    assert int(count) == len(list((ROOT / "data").glob("*.csv")))
    assert float(cost) > 0


def test_an_instructors_own_data_folder_wins(tmp_path):
    from filmkit.model import data

    with pytest.raises(data.DataError, match="datapackage.json not found"):
        with data.data_folder(tmp_path):
            pass
    env = {**os.environ, "FILMKIT_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", "from filmkit.model import data; data.load('claims')"],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode != 0 and "FILMKIT_DATA" in done.stderr and str(tmp_path) in done.stderr


def test_an_installed_kit_speaks_every_language(wheel, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("es", "fr"):
        assert f"filmkit/locale/{lang}/LC_MESSAGES/filmkit.po" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import filmkit; from filmkit.i18n import _; from filmkit.model import data; filmkit.set_language('es'); "
            "print(_('n/a')); print(data.load('timeline').set_index('id').loc['T01', 'event'])")
    env = {k: v for k, v in os.environ.items() if k not in ("FILMKIT_DATA", "FILMKIT_LANG")}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    shown_na, event = done.stdout.splitlines()
    from filmkit.i18n import use_language

    with use_language("es"):
        from filmkit.i18n import _

        assert shown_na == _("n/a")
        from filmkit.model import data

        assert event == data.load("timeline").set_index("id").loc["T01", "event"]
    with use_language("en"):
        assert event != data.load("timeline").set_index("id").loc["T01", "event"]
