"""Issue 21: every ``filmkit`` subcommand, given bad arguments and paths, says what is wrong and exits non-zero.

Bad inputs are drawn at random (seed ``$FILMKIT_FUZZ_SEED``, default 21; the seed is in every failure)
from pools of missing paths, files given for folders, folders given for files, read-only folders
(read-only even for root: a bind mount in a private namespace), links to nowhere, odd characters,
damaged data folders, and huge, negative and non-numbers. Most cases run ``filmkit``'s ``main()``
in one process (cli_fuzz_driver.py); a sample runs the real command in its own process.

The hub and the app view are fuzzed where they check arguments before starting anything (ports, limits,
``--dir``, the roster file): a case never gets as far as making an account or a server. The kit's own
folder is read-only inside the namespace, so a case that a command took as valid can never change the
checkout.
"""

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import in_namespace
from .damage import DAMAGES, damaged_copy

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("FILMKIT_FUZZ_SEED", "21"))
ODD = ["ñandú ☃", "a b;c|d&e", "-rf", "$(touch x)", "'\"", "..", "x" * 300, "日本語", "tab\there", "\u202eevil"]
NUMBERS = ["-5", "-1", "0", "1e309", "nan", "inf", "9" * 400, "-" + "9" * 400, "abc", "", "0x10", "1,5"]


def _places(tmp: Path) -> dict[str, str]:
    """The bad paths the cases draw from (the test makes them; ``ro`` is mounted read-only)."""
    (tmp / "notes.txt").write_text("my notes")
    (tmp / "dangling").symlink_to(tmp / "gone")
    (tmp / "empty").mkdir()
    (tmp / "busy").mkdir()
    (tmp / "busy" / "mine.txt").write_text("keep")
    (tmp / "garbage.ipynb").write_text("not json")
    (tmp / "garbage").mkdir()
    (tmp / "garbage" / "sheet.ipynb").write_text('{"cells": 3}')
    (tmp / "ro").mkdir()
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", tmp / "ro" / "copy.ipynb")
    odd = tmp / "ñandú ☃ a;b"
    odd.mkdir()
    return {"missing": str(tmp / "nope" / "deeper"), "file": str(tmp / "notes.txt"), "dangling": str(tmp / "dangling"),
            "empty": str(tmp / "empty"), "busy": str(tmp / "busy"), "garbage_nb": str(tmp / "garbage.ipynb"),
            "garbage_dir": str(tmp / "garbage"), "ro": str(tmp / "ro"), "ro_new": str(tmp / "ro" / "new"),
            "ro_nb": str(tmp / "ro" / "copy.ipynb"), "odd": str(odd), "odd_missing": str(tmp / rng_free_odd()),
            "inside_kit": str(ROOT / "filmkit-release-here"), "file_child": str(tmp / "notes.txt" / "sub")}


def rng_free_odd() -> str:
    return "ñ ☃ ;|&$(x)"


def _cases(places: dict[str, str], data_folders: list[str], rng: random.Random) -> list[dict]:
    p = places
    pick = rng.choice
    out_places = ["file", "dangling", "busy", "ro", "ro_new", "file_child"]
    in_places = ["missing", "file", "dangling", "empty", "garbage_nb", "odd", "odd_missing"]
    new = lambda: str(Path(p["empty"]) / f"new-{rng.randrange(10**6)}")  # noqa: E731
    candidates = [
        [pick(["--lang", "--lang=", "--lang=xx"]), *rng.sample(["check-env", "run", "release", "x"], 1)],
        [pick(["nosuch", "", "-x", "--", "RUN", "check_env", pick(ODD)])],
        ["check-env", pick(["--bogus", "extra", pick(ODD), pick(NUMBERS)])],
        ["run", p[pick(["missing", "dangling", "empty", "garbage_nb", "file", "odd", "ro_nb", "file_child"])]],
        ["run", p["garbage_nb"], p[pick(in_places)]],
        ["run", "--timeout", pick(NUMBERS)],
        ["exercises", pick(["--bogus", "extra", "--check=1", pick(ODD)])],
        ["progress", p[pick(["missing", "file", "dangling", "empty", "garbage_dir", "odd", "file_child"])]],
        ["progress", p["empty"], p["empty"]],
        ["release", p[pick(out_places + ["inside_kit"])]],
        ["release", new(), "--lang", pick(["xx", "", "e" * 500, "../es", "es/fr", "al", pick(ODD)])],
        ["release"],
        ["grade", p[pick(in_places)], new()],
        ["grade", p["garbage_dir"], p[pick(["file", "busy", "ro"])]],
        ["grade", p["garbage_dir"], new(), "--time-limit", pick(["abc", "", "1,5"])],
        ["grade", p["garbage_dir"], new(), "--roster", p[pick(["missing", "empty", "garbage_nb", "dangling"])]],
        ["app", "--port", pick(["abc", "", "1.5", "1e3", "0x50"])],
        ["app", "--lang", pick(["xx", "", pick(ODD)])],
        ["slides", p[pick(out_places)], p[pick(["garbage_nb", "missing"])]],
        ["slides", p[pick(["file", "dangling", "file_child"])]],
        ["slides", new(), p[pick(["missing", "garbage_nb", "empty", "dangling", "file"])]],
        ["slides", new(), "--lang", pick(["xx", "", "al", "e" * 300])],
        ["handouts", p[pick(["file", "dangling", "file_child"])]],
        ["handouts", new(), "--lang", pick(["xx", "", pick(ODD)])],
        ["handouts", new(), "--only"],
        ["translate", pick(["", "nosuch", "--bogus", pick(ODD)])],
        ["translate", pick(["build", "check", "extract", "status"]), pick(["--bogus", "extra", "--only=x"])],
        ["translate", "extract", "--only", pick(["bogus", ""])],
        ["hub", pick(["nosuch", "", pick(ODD)])],
        ["hub", "start", pick(["--port", "--memory-mb", "--cull-idle", "--max-servers"]), pick(["abc", "", "1.5"])],
        ["hub", "start", "--cpu-cores", pick(["abc", ""])],
        # once a traceback or a wrong answer: tried on every run
        ["grade", p["garbage_dir"], p["file_child"]],
        ["grade", p["garbage_dir"], p["ro_new"]],
        ["grade", p["garbage_dir"], p["dangling"]],
        ["grade", p["garbage_dir"], new(), "--time-limit", "9" * 400],
        ["grade", p["garbage_dir"], new(), "--time-limit", pick(["-5", "0", "nan", "inf", "1e309"])],
        ["app", "--port", "-5"],
        ["app", "--port", "99999999999"],
        ["app", "--port", pick(NUMBERS)],
        ["app", "--idle-minutes", pick(["abc", "", "0", "-5", "0.01", "1441", "nan", "inf", "1e309", "9" * 400])],
        ["mark", p["empty"], "--port", pick(["-5", "99999999999", "9" * 400])],
        ["mark", p[pick(["missing", "file", "dangling", "empty", "file_child", "odd"])]],
        ["mark", p["empty"], "--part", pick(["0/0", "2/1", "abc", "9" * 400, "1/2/3"])],
        ["feedback", p[pick(["missing", "file", "dangling", "empty", "file_child", "odd"])]],
        ["hub", "link", "--dir", p["file"]],
        ["hub", "start", "--port", "-5"],
        ["hub", "start", "--port", pick(NUMBERS)],
        ["hub", "start", "--dir", p["file"]],
        ["hub", "start", "--students", p[pick(["missing", "dangling", "empty"])]],
        ["hub", "start", pick(["--memory-mb", "--cull-idle", "--max-servers", "--cpu-cores"]),
         pick(["-5", "nan", "inf", "9" * 400])],
    ]
    cases = [{"argv": argv} for argv in candidates]
    for folder in data_folders:  # check-env and a data-reading command on a damaged data folder
        cases.append({"argv": ["check-env"], "env": {"FILMKIT_DATA": folder}})
    for key in ("missing", "file", "dangling", "empty", "garbage_dir"):
        cases.append({"argv": ["check-env"], "env": {"FILMKIT_DATA": p[key]}})
    cases.append({"argv": ["check-env"], "env": {"FILMKIT_LANG": pick(["xx", "e" * 300, pick(ODD)])}})
    rng.shuffle(cases)
    return cases


def _verdict(result: dict) -> str | None:
    said = (result["stdout"] + result["stderr"]).strip()
    if result["traceback"]:
        return "raised:\n" + result["traceback"][-1500:]
    if "Traceback (most recent call last)" in said:
        return "printed a traceback:\n" + said[-1500:]
    if result["status"] in (0, None):
        return f"exited {result['status']} (accepted bad input): {said[-300:]}"
    if not said:
        return "exited non-zero without a message"
    return None


@pytest.fixture(scope="module")
def fuzz_results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    places = _places(tmp)
    rng = random.Random(SEED)
    data = []
    for i, damage in enumerate(rng.sample(DAMAGES, 6)):
        data.append(str(damaged_copy(ROOT / "data", tmp / f"data-{damage.__name__}", damage, SEED + i)))
    cases = _cases(places, data, rng)
    (tmp / "cases.json").write_text(json.dumps(cases))
    chromium = tmp / "chromium"  # if a case ever got as far as printing, it prints nothing real
    chromium.write_text("#!/bin/sh\nexit 1\n")
    chromium.chmod(0o755)
    env = {**os.environ, "FILMKIT_CHROMIUM": str(chromium), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FILMKIT_DATA", None)
    done = in_namespace([sys.executable, "-m", "tests.reliability.cli_fuzz_driver", str(tmp / "cases.json"),
                         str(tmp / "results.json")], read_only=[places["ro"], ROOT], cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return places, json.loads((tmp / "results.json").read_text()), env


def test_every_subcommand_answers_bad_arguments_with_a_message_and_a_non_zero_status(fuzz_results):
    _places_, results, _env = fuzz_results
    problems = [f"{r['argv']} env={r['env']}: {_verdict(r)}" for r in results if _verdict(r)]
    assert not problems, f"seed {SEED}, {len(problems)} of {len(results)} cases:\n\n" + "\n\n".join(problems)
    assert len(results) >= 40
    assert sum(r["seconds"] for r in results) < 120


def test_a_sample_in_separate_processes_prints_no_traceback(fuzz_results, tmp_path):
    places, results, env = fuzz_results
    rng = random.Random(SEED)
    sample = rng.sample(results, 4) + [
        {"argv": ["release", places["ro_new"]], "env": {}}, {"argv": ["check-env"], "env": {"FILMKIT_DATA": places["file"]}}]
    for case in sample:
        done = in_namespace([sys.executable, "-m", "filmkit", *case["argv"]], read_only=[places["ro"], ROOT], cwd=ROOT,
                            env={**env, **case["env"]}, timeout=120)
        said = done.stdout + done.stderr
        assert done.returncode != 0 and said.strip(), (SEED, case, said[-800:])
        assert "Traceback" not in said, (SEED, case, said[-1500:])
