"""Mutation score of the model and data layers (filmkit/model), measured with mutmut.

    python benchmarks/mutation.py                 # every module of filmkit/model
    python benchmarks/mutation.py data scenario   # only these modules (names as in filmkit/model)
    python benchmarks/mutation.py --survivors     # also list the mutants no test caught

mutmut copies the package, changes one small thing at a time in filmkit/model (a ``+`` into a
``-``, a ``<=`` into a ``<``, a string into another ...) and runs the model tests
(tests/model, on the fixture data in tests/fixtures/data) against each change. A mutant is
*killed* when a test fails. The score is killed / (killed + survived + no tests + timeouts).
The settings are the ``[tool.mutmut]`` section of pyproject.toml.

The run happens in a temporary copy of the repository, so it neither writes ``mutants/``
into the working tree nor sees edits made while it runs. Needs the ``mutation`` extra
(``pip install -e ".[test,mutation]"``). It is slow (minutes), so it is not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ["pyproject.toml", "filmkit", "tests/__init__.py", "tests/model", "tests/fixtures"]


def _copy_repo(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", "_data")
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _mutmut(work: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("FILMKIT_DATA", None)
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=work, env=env, check=check,
                          text=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules of filmkit/model to mutate (default: all)")
    parser.add_argument("--survivors", action="store_true", help="list the mutants no test caught")
    parser.add_argument("--max-children", type=int, default=2, help="parallel test runs (default 2)")
    parser.add_argument("--keep", metavar="DIR", help="run in DIR and keep it (to inspect a mutant: "
                        "cd DIR && python -m mutmut show NAME)")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="filmkit-mutation-"))
    try:
        if not (work / "pyproject.toml").exists():
            _copy_repo(work)
        names = [f"filmkit.model.{m}.*" for m in args.modules]
        started = time.monotonic()
        run = _mutmut(work, "run", "--max-children", str(args.max_children), *names, check=False)
        seconds = time.monotonic() - started
        if run.returncode != 0:
            print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
            print(f"mutmut run failed (exit {run.returncode})")
            return 1
        results = _mutmut(work, "results", "--all", "true", check=False).stdout.splitlines()
        prefixes = tuple(n[:-1] for n in names) or ("filmkit.model.",)
        rows = [r.strip() for r in results if r.strip().startswith(prefixes)]
        stats = _count(rows)
        tested = stats["killed"] + stats["survived"] + stats["no_tests"] + stats["timeout"] + stats["suspicious"]
        score = stats["killed"] / tested if tested else float("nan")
        scope = ", ".join(args.modules) if args.modules else "all of filmkit/model"
        print(f"Mutation testing of {scope} with tests/model ({seconds:.0f} s)")
        for key in ("total", "killed", "survived", "no_tests", "timeout", "suspicious", "skipped"):
            print(f"  {key:<11}{stats[key]:>6}")
        print(f"  kill rate  {score:>7.1%}  (killed / (killed + survived + no tests + timeout + suspicious))")
        if args.survivors:
            for row in rows:
                if row.endswith(("survived", "no tests", "timeout", "suspicious")):
                    print("  " + row)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _count(rows: list[str]) -> dict[str, int]:
    stats = dict.fromkeys(["total", "killed", "survived", "no_tests", "timeout", "suspicious", "skipped"], 0)
    kinds = {"killed": "killed", "survived": "survived", "no tests": "no_tests", "timeout": "timeout",
             "suspicious": "suspicious", "skipped": "skipped", "segfault": "suspicious"}
    for row in rows:
        status = row.rsplit(":", 1)[-1].strip()
        if status in kinds:
            stats[kinds[status]] += 1
            stats["total"] += 1
    return stats


if __name__ == "__main__":
    sys.exit(main())
