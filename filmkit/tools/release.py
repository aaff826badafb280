"""Make the student release: what students get, and nothing else.

    filmkit release OUT

OUT (a new folder) gets the teaching notebooks, the Voila apps, the exercise notebooks and the
summative assignment, the data, the ``filmkit`` package and what installs it, the glossary and a
short students' README, and becomes a git repository with one commit, ready to push or to serve
to nbgitpuller. It never gets the instructors' folder (solutions, answer key, rubrics, lesson
plans), the instructor guide, the tests or the authoring files; the command checks that before
it commits, and refuses to write into a folder that is not empty.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from filmkit.model.files import atomic_write_text
from filmkit.tools.project import project_root

#: (path in the kit, what to leave out) copied into the release
INCLUDE = [
    ("notebooks", ["*.answers.json"]),
    ("apps", []),
    ("exercises", ["*.answers.json", "*_20[0-9][0-9]*.json"]),
    ("data", ["staging", "*.tmp"]),
    ("filmkit", ["_data"]),
    ("docs/glossary.md", []),
    ("pyproject.toml", []), ("setup.py", []), ("MANIFEST.in", []), ("requirements.txt", []),
    ("LICENSE", []), ("LICENSE-CONTENT", []), ("CITATION.cff", []),
]
ALWAYS_OUT = ["__pycache__", ".ipynb_checkpoints", "*.pyc", ".DS_Store"]

#: what must never be in a release: file names, and text found in any file
FORBIDDEN_NAMES = ["answer_key.py", "rubrics.csv", "lesson_plans.csv", "instructor_guide.md", "solutions", "instructors"]
FORBIDDEN_TEXT = ["### BEGIN SOLUTION", "<!-- BEGIN SOLUTION", "**Model answer.**", "OK_FORMAT"]

README = """# Generative AI in film production: the Eternaut case (course copy)

In its Q2 2025 earnings interview (17 July 2025) Netflix said that a building-collapse sequence in
its Argentine series *The Eternaut* was its first generative-AI final footage, completed "10x
faster". This kit turns that claim into a case: what such numbers mean and how anyone could check
them, who does the work, what the 2023 strikes won, and consent, credit and disclosure.

## Start

Install once (Python 3.10 or newer), then open the first notebook:

```
python -m pip install -r requirements.txt
jupyter lab notebooks/00_start_here.ipynb
```

On a JupyterHub the kit is already installed: open `notebooks/00_start_here.ipynb`.

## What is here

| Folder | What it holds |
| --- | --- |
| `notebooks/` | the modules, 00 to 05: read them top to bottom |
| `exercises/` | one exercise notebook per module, and the summative assignment ([how to answer](exercises/README.md)) |
| `apps/` | the scenario explorer as an app without code (`voila apps/scenario_explorer.ipynb`) |
| `data/` | every table the kit uses, each row with its source |
| `docs/glossary.md` | the terms |

Answer the exercises in their fields, save the notebook, and hand in the `.ipynb` file as your
instructor asks. Nothing in the kit uses the internet once it is installed.

Code is under the MIT licence (`LICENSE`); text, notebooks, exercises and data are under CC BY 4.0
(`LICENSE-CONTENT`).
"""

GITIGNORE = "__pycache__/\n.ipynb_checkpoints/\n*.egg-info/\nbuild/\n.venv/\n"


class ReleaseError(RuntimeError):
    """The release cannot be made (the folder is in use, or something forbidden would be in it)."""


def _copy(source: Path, target: Path, leave_out: list[str]) -> None:
    if source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(*leave_out, *ALWAYS_OUT))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def leaks(folder: Path) -> list[str]:
    """Every file in ``folder`` that a release must not hold, with the reason."""
    found = []
    for path in sorted(folder.rglob("*")):
        if ".git" in path.relative_to(folder).parts:
            continue
        rel = path.relative_to(folder)
        if path.name in FORBIDDEN_NAMES:
            found.append(f"{rel}: instructor material")
        # the kit's own tools name these markers (they build and grade exercises); content files must not hold them
        if path.is_file() and path.suffix in (".ipynb", ".md", ".csv", ".json", ".txt", ".html"):
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            for marker in FORBIDDEN_TEXT:
                if marker in text:
                    found.append(f"{rel}: contains {marker!r}")
    return found


def release(out: Path, echo=print) -> Path:
    root = project_root()
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ReleaseError(f"{out} exists and is not empty: choose a new folder (a release never overwrites one).")
    if out.resolve().is_relative_to(root.resolve()):
        raise ReleaseError(f"{out} is inside the kit's own folder: make the release outside it (e.g. ../filmkit-class).")
    out.mkdir(parents=True, exist_ok=True)
    for rel, leave_out in INCLUDE:
        if (root / rel).exists():
            _copy(root / rel, out / rel, leave_out)
    atomic_write_text(out / "README.md", README)
    atomic_write_text(out / ".gitignore", GITIGNORE)
    problems = leaks(out)
    if problems:
        raise ReleaseError("the release would hold instructor material; nothing was committed:\n  " + "\n  ".join(problems))
    git = ["git", "-C", str(out), "-c", "user.name=filmkit release", "-c", "user.email=release@filmkit.invalid",
           "-c", "commit.gpgsign=false"]
    try:
        subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True, capture_output=True)
        subprocess.run(git + ["add", "."], check=True, capture_output=True)
        subprocess.run(git + ["commit", "-q", "-m", "Course copy of the teaching kit (student release)"],
                       check=True, capture_output=True)
    except FileNotFoundError:
        raise ReleaseError("git is not installed: the folder was written but is not a git repository.") from None
    except subprocess.CalledProcessError as exc:
        raise ReleaseError(f"git failed: {exc.stderr.decode(errors='replace').strip()}") from None
    files = sum(1 for p in out.rglob("*") if p.is_file() and ".git" not in p.relative_to(out).parts)
    echo(f"wrote the student release to {out} ({files} files, one commit on branch main)")
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    cli = argparse.ArgumentParser(prog="filmkit release", description="Make the student release: notebooks, "
                                  "exercises, data and the package, without solutions, answer key, hidden tests "
                                  "or rubrics; a git repository ready to push or to serve to nbgitpuller.")
    cli.add_argument("out", help="a new folder outside the kit (e.g. ../filmkit-class)")
    args = cli.parse_args(argv)
    try:
        release(Path(args.out))
    except ReleaseError as exc:
        print(f"filmkit release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
