"""The package's layers: import-linter contracts hold, and no module imports itself through others."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
    assert done.stdout.count("KEPT") >= 3


def _cycles(graph, modules):
    """Every module that can reach itself by following imports inside the package."""
    found = []
    for module in modules:
        seen, stack = set(), list(graph.find_modules_directly_imported_by(module))
        while stack:
            current = stack.pop()
            if current == module:
                found.append(module)
                break
            if current in seen or not current.startswith("filmkit"):
                continue
            seen.add(current)
            stack.extend(graph.find_modules_directly_imported_by(current))
    return found


def test_no_import_cycles():
    graph = grimp.build_graph("filmkit")
    modules = sorted(m for m in graph.modules if m.startswith("filmkit."))
    assert _cycles(graph, modules) == []


@pytest.mark.parametrize("layer", ["model", "views", "tools", "course", "classroom"])
def test_each_layer_is_a_package_with_a_docstring(layer):
    init = ROOT / "filmkit" / layer / "__init__.py"
    assert init.is_file()
    assert init.read_text().startswith('"""')
