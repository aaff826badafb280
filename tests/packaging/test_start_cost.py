"""What a process of the kit loads before it does anything: every ``filmkit`` command, JupyterLab and the app
view start with these imports, and a class starts hundreds of them. Each test runs a fresh Python, as a
learner's command does, and names the module that came in."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _modules_after(code: str, wanted: list[str]) -> list[str]:
    """Which of ``wanted`` a fresh Python has imported after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {wanted!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_reading_a_notebook_builds_no_iri_grammar():
    # jsonschema 4.25+ imports rfc3987-syntax, which compiles some 35 parsers at import: about 1.3 s of CPU in
    # every process that reads a notebook (pyproject.toml keeps jsonschema below 4.25).
    loaded = _modules_after("import nbformat\nnbformat.validate(nbformat.v4.new_notebook())",
                            ["rfc3987_syntax", "lark"])
    assert loaded == [], f"reading a notebook imports {loaded}: see the jsonschema pin in pyproject.toml"


@pytest.mark.parametrize("entry", ["import filmkit", "import filmkit.cli",
                                   "import filmkit.cli, contextlib, io\n"
                                   "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
                                   "    filmkit.cli.main(['--help'])"])
def test_the_command_starts_without_tables_or_charts(entry):
    # pandas and matplotlib are loaded by what reads a table or draws; `filmkit --help`, `filmkit check-env`
    # or the app server's start need neither.
    loaded = _modules_after(entry, ["pandas", "matplotlib"])
    assert loaded == [], f"{entry.splitlines()[0]} loads {loaded}"


def test_a_table_still_reads_after_the_lazy_start():
    code = ("from filmkit.model import data\n"
            "table = data.load('sources')\n"
            "assert type(table).__module__.startswith('pandas'), type(table)\n"
            "assert len(table) > 0\n"
            "from filmkit.model.data import partial_date\n"
            "assert str(partial_date('2025-07')[0].date()) == '2025-07-01'")
    assert _modules_after(code, ["pandas"]) == ["pandas"]
