"""Run ``filmkit`` commands in one process and say how each ended (used by test_cli_fuzz.py).

    python -m tests.reliability.cli_fuzz_driver CASES.json RESULTS.json

Each case is {"argv": [...], "env": {...}, "cwd": "..."}. Each result: the exit status, what was
printed, and the traceback if the command raised (``FILMKIT_DEBUG=1`` lets errors through the
command's last line of defence, so a bug is seen here rather than hidden).
"""

import contextlib
import io
import json
import os
import signal
import sys
import time
import traceback

SECONDS = 30


class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang()


def run_case(case: dict) -> dict:
    from filmkit import cli

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(case.get("env", {}))
    os.environ["FILMKIT_DEBUG"] = "1"
    result = {"argv": case["argv"], "env": case.get("env", {}), "status": None, "traceback": ""}
    started = time.monotonic()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS)
    try:
        os.chdir(case.get("cwd") or saved_cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                result["status"] = cli.main(list(case["argv"]))
            except SystemExit as exc:  # argparse's usage errors
                result["status"] = exc.code if isinstance(exc.code, int) else 1
    except Hang:
        result["traceback"] = f"no answer within {SECONDS} s"
    except BaseException:  # noqa: BLE001 - recorded: this is what the fuzz test looks for
        result["traceback"] = traceback.format_exc()
    finally:
        signal.alarm(0)
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    result.update(stdout=out.getvalue()[-2000:], stderr=err.getvalue()[-2000:],
                  seconds=round(time.monotonic() - started, 2))
    return result


def main(cases_file: str, results_file: str) -> int:
    with open(cases_file, encoding="utf-8") as handle:
        cases = json.load(handle)
    results = [run_case(case) for case in cases]
    with open(results_file, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
