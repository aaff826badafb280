"""Make the student release: what students get, and nothing else.

    filmkit release OUT [--lang en|es|fr|all]

OUT (a new folder) gets the teaching notebooks, the Voila apps, the exercise notebooks and the
summative assignment, the data, the ``filmkit`` package and what installs it, the glossary and a
short students' README (``docs/students_readme.md``), and becomes a git repository with one
commit, ready to push or to serve to nbgitpuller. ``--lang`` chooses the edition (English by
default): ``es`` gives ``notebooks/es/``, ``apps/es/``, ``exercises/es/`` and ``docs/es/glossary.md``
(the editions' own layout, so their links work) and ``docs/es/students_readme.md`` as the README;
``all`` gives every edition, the English README first with links to ``README.es.md`` and
``README.fr.md``. It never gets the instructors' folder (solutions in any language, answer key,
rubrics, lesson plans), a model answer in any language, the instructor guide, the tests or the
authoring files; the command checks that before it commits, and refuses to write into a folder
that is not empty.

The helpers at the top (:func:`edition_folder`, :func:`language_argument`, :func:`speaking`) are
how every command that reads an edition (``app``, ``slides``, ``handouts``, ``grade``) finds it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import posixpath
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from filmkit.i18n import LANGUAGES, N_, LanguageError, _, language, ngettext, use_language
from filmkit.model.files import atomic_write_text, new_folder_beside, os_reason
from filmkit.tools.project import NotAKitCheckout, project_root

# ---- the editions' layout --------------------------------------------------------------------
#
# English sits at the top of each folder; an edition in a subfolder named by its language:
# notebooks/es/, apps/es/, exercises/es/, instructors/solutions/es/, docs/es/.

#: ``--lang all``: every edition
ALL = "all"
#: the folders that hold one edition per language
EDITION_FOLDERS = ("notebooks", "apps", "exercises")


def edition_language(code: str) -> str:
    """The language of a code: ``"es"`` for ``es``, ``es_AR`` or ``es-AR``."""
    return code.strip().split(".")[0].replace("-", "_").split("_")[0].lower()


def edition_folder(root: Path, folder: str, lang: str) -> Path:
    """``root/folder`` for English, ``root/folder/<lang>`` for an edition."""
    lang = edition_language(lang)
    return Path(root) / folder if lang == "en" else Path(root) / folder / lang


def edition_file(root: Path, folder: str, name: str, lang: str) -> Path:
    """``docs/glossary.md`` for English, ``docs/es/glossary.md`` for Spanish."""
    return edition_folder(root, folder, lang) / name


def languages_of(choice: str | None) -> list[str]:
    """The editions a ``--lang`` value names: every one for ``all``, the language in use for None."""
    if choice is None:
        return [language()]
    if choice == ALL:
        return list(LANGUAGES)
    return [edition_language(choice)]


def _language_type(allow_all: bool):
    def checked(value: str) -> str:
        text = value.strip()
        if allow_all and text.lower() == ALL:
            return ALL
        try:
            with use_language(text):
                pass
        except LanguageError:
            choices = ", ".join([*LANGUAGES, *([ALL] if allow_all else [])])
            raise argparse.ArgumentTypeError(
                _("{code!r} is not one of the kit's languages: choose one of {choices}").format(
                    code=value, choices=choices)) from None
        return text
    checked.__name__ = "language"
    return checked


def number_between(low: float, high: float, whole: bool = False):
    """An argparse type: a number from ``low`` to ``high`` (a whole one if ``whole``), or a message naming the
    range; NaN, infinity and 400 digits are refused here, never deep in the command."""
    def checked(text: str):
        shown = text if len(text) <= 24 else text[:20] + "..."
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            value = None
        if value is None or (not whole and not math.isfinite(value)) or not low <= value <= high:
            kind = _("a whole number") if whole else _("a number")
            raise argparse.ArgumentTypeError(_("{value!r} is not allowed: give {kind} from {low} to {high}").format(
                value=shown, kind=kind, low=low, high=high))
        return value
    checked.__name__ = "number"
    return checked


def language_argument(parser: argparse.ArgumentParser, *, allow_all: bool = False, default: str | None = None,
                      help_text: str | None = None) -> None:
    """Add ``--lang`` to a command. ``default`` None means the language in use ($FILMKIT_LANG)."""
    choices = "|".join([*LANGUAGES, *([ALL] if allow_all else [])])
    parser.add_argument("--lang", type=_language_type(allow_all), default=default, metavar=choices,
                        help=help_text or _("the edition to use (default: $FILMKIT_LANG, else en); "
                                            "a region is allowed, e.g. es_MX for a decimal point"))


def printed_output_arguments(parser: argparse.ArgumentParser) -> None:
    """``--lang`` (one edition, or all of them) and ``--force``, for the commands that print a folder of files."""
    language_argument(parser, allow_all=True, help_text=_(
        "the edition: en, es, fr, or all (one subfolder per language); default: $FILMKIT_LANG, else en"))
    parser.add_argument("--force", action="store_true",
                        help=_("replace files in OUT that this command did not write (nothing is ever deleted)"))


@contextmanager
def speaking(code: str | None):
    """Within the block, show everything in ``code`` (None: the language in use stays)."""
    if code is None or code == ALL:
        yield language()
        return
    with use_language(code):
        yield language()


# ---- what a release holds -------------------------------------------------------------------

#: (folder, what to leave out): copied edition by edition
EDITIONS = [
    ("notebooks", ["*.answers.json"]),
    ("apps", []),
    ("exercises", ["*.answers.json", "*_20[0-9][0-9]*.json"]),
]
#: (path in the kit, what to leave out): copied whatever the language
COMMON = [
    ("data", ["staging", "*.tmp"]),
    ("filmkit", ["_data"]),
    ("pyproject.toml", []), ("setup.py", []), ("MANIFEST.in", []), ("requirements.txt", []),
    ("LICENSE", []), ("LICENSE-CONTENT", []), ("CITATION.cff", []),
]
#: (folder, file) of each edition's documents: the glossary goes in the release, the README on top of it
GLOSSARY = ("docs", "glossary.md")
STUDENTS_README = ("docs", "students_readme.md")
ALWAYS_OUT = ["__pycache__", ".ipynb_checkpoints", "*.pyc", ".DS_Store", ".*.lock"]

#: what must never be in a release: file names, and text found in any file
FORBIDDEN_NAMES = ["answer_key.py", "rubrics.csv", "lesson_plans.csv", "instructor_guide.md", "solutions", "instructors"]
FORBIDDEN_TEXT = ["### BEGIN SOLUTION", "<!-- BEGIN SOLUTION", "**Model answer.**", "OK_FORMAT"]
#: the cell metadata (under ``filmkit``) that marks a model answer, in any language
MODEL_ANSWER_KEY = "model_answer"
#: code shorter than this is too common to say it came from a solution
SOLUTION_CODE_MIN = 30

GITIGNORE = "__pycache__/\n.ipynb_checkpoints/\n*.egg-info/\nbuild/\n.venv/\n"
OTHER_LANGUAGES = "\n## Other languages\n\n"  # part of the English README (a document, not a message)
#: the commit message of a release (students read it in ``git log``)
COMMIT_MESSAGE = N_("Course copy of the teaching kit (student release)")


class ReleaseError(RuntimeError):
    """The release cannot be made (the folder is in use, or something forbidden would be in it)."""


def forbidden_text() -> list[str]:
    """The markers no file of a release may hold: solution markers, and "Model answer" in every language."""
    try:
        from filmkit.tools.exercises import model_answer_markers
    except ImportError:  # an older exercise builder: its English marker is in FORBIDDEN_TEXT
        return list(FORBIDDEN_TEXT)
    return list(dict.fromkeys([*FORBIDDEN_TEXT, *(m for m in model_answer_markers() if m and m.strip())]))


def _ignore(leave_out: list[str], top: str | None):
    """shutil's ignore for a copy; with ``top``, also the editions' subfolders of that folder (English only)."""
    patterns = shutil.ignore_patterns(*leave_out, *ALWAYS_OUT)

    def ignore(directory, names):
        ignored = set(patterns(directory, names))
        if top is not None and str(directory) == top:
            ignored |= {n for n in names if n in LANGUAGES and n != "en" and Path(directory, n).is_dir()}
        return ignored
    return ignore


def _copy(source: Path, target: Path, leave_out: list[str], skip_editions: bool = False) -> None:
    if source.is_dir():
        shutil.copytree(source, target, ignore=_ignore(leave_out, str(source) if skip_editions else None))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def edition_sources(root: Path, lang: str) -> list[Path]:
    """What the release of one edition copies: its notebooks, apps, exercises, glossary and README."""
    return [*(edition_folder(root, folder, lang) for folder, _leave in EDITIONS),
            edition_file(root, *GLOSSARY, lang), edition_file(root, *STUDENTS_README, lang)]


_LINK = re.compile(r"(\]\(|src=\"|href=\")([^)\"#\s]+)(#[^)\"\s]*)?")


def readme_text(root: Path, lang: str) -> str:
    """An edition's students' README as it reads at the top of a release.

    The README is written in ``docs/`` (``docs/<lang>/``), so its links are relinked to the release's
    top folder; in an edition, the folders it names in code (``notebooks/``, ``apps/``,
    ``exercises/``, ``docs/glossary.md``) become the edition's.
    """
    path = edition_file(root, *STUDENTS_README, lang)
    here = path.parent.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")

    def relinked(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(here, target))
        return match.group(0) if resolved.startswith("..") else match.group(1) + resolved + (match.group(3) or "")

    text = _LINK.sub(relinked, text)
    lang = edition_language(lang)
    if lang != "en":
        text = re.sub(rf"(?<![\w./-])({'|'.join(EDITION_FOLDERS)})/(?!{lang}/)", rf"\1/{lang}/", text)
        text = re.sub(rf"(?<![\w./-]){GLOSSARY[0]}/{re.escape(GLOSSARY[1])}", f"{GLOSSARY[0]}/{lang}/{GLOSSARY[1]}", text)
    return text


def _solution_marks(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """({file digest: solution}, {solution-only code: solution}) over instructors/solutions, every language."""
    solutions = root / "instructors" / "solutions"
    digests: dict[str, str] = {}
    code: dict[str, str] = {}
    if not solutions.is_dir():
        return digests, code
    learners = set()
    for folder in EDITION_FOLDERS:  # code students get anyway is no leak
        for path in (root / folder).rglob("*.ipynb"):
            learners |= {c for c, _cell in _code_cells(path)}
    for path in sorted(p for p in solutions.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        digests.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), rel)
        if path.suffix == ".ipynb":
            for source, _cell in _code_cells(path):
                if len(source) >= SOLUTION_CODE_MIN and source not in learners:
                    code.setdefault(source, rel)
    return digests, code


def _cells(nb_json) -> list[dict]:
    cells = nb_json.get("cells", []) if isinstance(nb_json, dict) else []
    return [c for c in cells if isinstance(c, dict)]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else str(source)).strip()


def _code_cells(path: Path) -> list[tuple[str, dict]]:
    try:
        nb_json = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    return [(_source(c), c) for c in _cells(nb_json) if c.get("cell_type") == "code"]


def leaks(folder: Path, root: Path | None = None) -> list[str]:
    """Every file in ``folder`` that a release must not hold, with the reason.

    Instructor files by name; solution and model-answer markers in any language; any cell marked
    ``filmkit.model_answer``; a copy of a file of ``instructors/solutions/`` (any language), or a
    notebook holding code that only a solution has (``root`` is the kit's folder; default: this one).
    """
    folder = Path(folder)
    try:
        digests, solution_code = _solution_marks(Path(root) if root else project_root())
    except NotAKitCheckout:
        digests, solution_code = {}, {}
    markers = forbidden_text()
    found = []
    for path in sorted(folder.rglob("*")):
        if ".git" in path.relative_to(folder).parts:
            continue
        rel = path.relative_to(folder)
        if path.name in FORBIDDEN_NAMES:
            found.append(_("{path}: instructor material").format(path=rel))
        if not path.is_file():
            continue
        if digests:
            copied = digests.get(hashlib.sha256(path.read_bytes()).hexdigest())
            if copied:
                found.append(_("{path}: a copy of {solution}").format(path=rel, solution=copied))
        # the kit's own tools name these markers (they build and grade exercises); content files must not hold them
        if path.suffix in (".ipynb", ".md", ".csv", ".json", ".txt", ".html"):
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            for marker in markers:
                if marker in text:
                    found.append(_("{path}: contains {marker!r}").format(path=rel, marker=marker))
            if path.suffix == ".ipynb":
                found += _notebook_leaks(rel, text, solution_code)
    return found


def _notebook_leaks(rel: Path, text: str, solution_code: dict[str, str]) -> list[str]:
    try:
        nb_json = json.loads(text)
    except ValueError:
        return []
    found = []
    for index, cell in enumerate(_cells(nb_json)):
        meta = (cell.get("metadata") or {}).get("filmkit") or {}
        if isinstance(meta, dict) and meta.get(MODEL_ANSWER_KEY):
            found.append(_("{path}: cell {number} is a model answer").format(path=rel, number=index + 1))
        if cell.get("cell_type") == "code" and _source(cell) in solution_code:
            found.append(_("{path}: cell {number} holds solution code from {solution}").format(
                path=rel, number=index + 1, solution=solution_code[_source(cell)]))
    return found


def release(out: Path, echo=print, lang: str = "en") -> Path:
    """Write the release of the edition ``lang`` (``"en"``, ``"es"``, ``"fr"`` or ``"all"``) to ``out``."""
    root = project_root()
    out = Path(out)
    langs = list(LANGUAGES) if lang == ALL else [edition_language(lang)]
    unknown = [code for code in langs if code not in LANGUAGES]
    if unknown:
        raise ReleaseError(_("{code!r} is not one of the kit's languages: choose one of {choices}").format(
            code=lang, choices=", ".join([*LANGUAGES, ALL])))
    if out.is_symlink() and not out.exists():
        raise ReleaseError(_("{folder} is a link to a folder that does not exist: choose a new folder.").format(
            folder=out))
    if out.exists() and not out.is_dir():
        raise ReleaseError(_("{folder} is a file, not a folder: choose a new folder.").format(folder=out))
    if out.exists() and any(out.iterdir()):
        raise ReleaseError(_("{folder} exists and is not empty: choose a new folder (a release never overwrites one).")
                           .format(folder=out))
    if out.resolve().is_relative_to(root.resolve()):
        raise ReleaseError(_("{folder} is inside the kit's own folder: make the release outside it "
                             "(e.g. ../filmkit-class).").format(folder=out))
    missing = [p.relative_to(root).as_posix() for code in langs for p in edition_sources(root, code) if not p.exists()]
    if missing:
        raise ReleaseError(ngettext("the edition is not complete; missing: {files}. Build the editions first "
                                    "(filmkit translate build).",
                                    "the editions are not complete; missing: {files}. Build the editions first "
                                    "(filmkit translate build).", len(langs)).format(files=", ".join(missing)))
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written into a hidden folder beside OUT, then renamed to OUT in one step: a full disk or a refusal
    # half-way leaves nothing behind, and the next run finds OUT as it was.
    work = new_folder_beside(out)
    try:
        files = _write(work, root, langs, lang)
        if out.exists():
            out.rmdir()  # empty, as checked above
        os.rename(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    echo(ngettext("wrote the student release to {folder} ({count} file, one commit on branch main)",
                  "wrote the student release to {folder} ({count} files, one commit on branch main)",
                  files).format(folder=out, count=files))
    return out


def _write(out: Path, root: Path, langs: list[str], lang: str) -> int:
    """Copy the editions' files into ``out`` (``lang`` as asked, e.g. a region), check them, commit them;
    returns how many files it holds."""
    for folder, leave_out in EDITIONS:
        for code in langs:
            source = edition_folder(root, folder, code)
            _copy(source, out / source.relative_to(root), leave_out, skip_editions=code == "en")
    if lang not in (ALL, *LANGUAGES):  # a region (es_MX): the notebooks write numbers its way
        from filmkit.tools.editions import name_region

        for folder, _leave_out in EDITIONS:
            name_region(out / edition_folder(root, folder, langs[0]).relative_to(root), lang.strip())
    for code in langs:
        glossary = edition_file(root, *GLOSSARY, code)
        _copy(glossary, out / glossary.relative_to(root), [])
    for rel, leave_out in COMMON:
        if (root / rel).exists():
            _copy(root / rel, out / rel, leave_out)
    readme = readme_text(root, langs[0])
    if len(langs) > 1:
        readme = readme.rstrip("\n") + "\n" + OTHER_LANGUAGES + "".join(
            f"- [{LANGUAGES[code]}](README.{code}.md)\n" for code in langs[1:])
        for code in langs[1:]:
            atomic_write_text(out / f"README.{code}.md", readme_text(root, code))
    atomic_write_text(out / "README.md", readme)
    atomic_write_text(out / ".gitignore", GITIGNORE)
    problems = leaks(out, root)
    if problems:
        raise ReleaseError(_("the release would hold instructor material; nothing was committed:\n  {problems}")
                           .format(problems="\n  ".join(problems)))
    git = ["git", "-C", str(out), "-c", "user.name=filmkit release", "-c", "user.email=release@filmkit.invalid",
           "-c", "commit.gpgsign=false"]
    try:
        subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True, capture_output=True)
        subprocess.run(git + ["add", "."], check=True, capture_output=True)
        subprocess.run(git + ["commit", "-q", "-m", _(COMMIT_MESSAGE)], check=True, capture_output=True)
    except FileNotFoundError:
        raise ReleaseError(_("git is not installed: the folder was written but is not a git repository.")) from None
    except subprocess.CalledProcessError as exc:
        raise ReleaseError(_("git failed: {error}").format(error=exc.stderr.decode(errors="replace").strip())) from None
    return sum(1 for p in out.rglob("*") if p.is_file() and ".git" not in p.relative_to(out).parts)


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="filmkit release", description=_(
        "Make the student release: notebooks, exercises, data and the package, without solutions, answer key, "
        "hidden tests or rubrics; a git repository ready to push or to serve to nbgitpuller."))
    cli.add_argument("out", help=_("a new folder outside the kit (e.g. ../filmkit-class)"))
    language_argument(cli, allow_all=True, default="en",
                      help_text=_("the edition the students get: en (default), es, fr, or all of them"))
    args = cli.parse_args(argv)
    try:
        release(Path(args.out), lang=args.lang)
    except (ReleaseError, NotAKitCheckout) as exc:
        print(_("filmkit release: {error}").format(error=exc), file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a folder without write permission
        print(_("filmkit release: could not write {folder} ({reason}); nothing was left there. Free some space "
                "or choose a folder you may write to, then run the command again.").format(
            folder=args.out, reason=os_reason(exc)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
