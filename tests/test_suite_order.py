"""The suite starts its slowest files first (conftest.py, tests/file_costs.json), so its workers finish together."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST, SLOW = "tests/test_ethics.py", "tests/browser/test_lab_notebooks.py"


def collected_files(*args: str) -> list[str]:
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:randomly", *args],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    files = []
    for line in run.stdout.splitlines():
        if "::" in line:
            path = line.split("::", 1)[0]
            if not files or files[-1] != path:
                files.append(path)
    return files


def test_the_recorded_costs_name_files_with_seconds():
    costs = json.loads((ROOT / "tests" / "file_costs.json").read_text(encoding="utf-8"))
    assert costs and all(isinstance(v, (int, float)) and v >= 0 for v in costs.values())
    assert costs[SLOW] > costs[FAST], "the browser file is the slower one in the recorded figures"


def test_a_slow_file_named_last_is_collected_first_and_a_files_tests_stay_together():
    files = collected_files(FAST, SLOW)
    assert files == [SLOW, FAST], files  # each file once: its tests (a notebook's cells) in one run, in order
