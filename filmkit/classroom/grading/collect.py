"""Every file in a submissions folder, in exactly one place: a hand-in to grade, an attachment, or not graded.

The folder is walked without following links. A notebook becomes a :class:`Submission` (with the
``SHEET.answers.json`` beside it, if any); a document (PDF, Word, a matrix export...) is an
attachment listed for the marker; anything else is not graded, with the reason. Then each
student's latest hand-in of a module counts and earlier ones are listed (a Canvas ``-N``
resubmission, or one student's folder and flat file for the same module).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from filmkit.classroom.grading.records import Answer
from filmkit.classroom.grading.roster import Handin, Roster, parse_name
from filmkit.i18n import _
from filmkit.tools.project import project_root
from filmkit.tools.question import REGISTRY

#: documents a student may hand in beside their notebooks, listed for the marker
ATTACHMENTS = {".pdf", ".docx", ".doc", ".odt", ".rtf", ".md", ".txt", ".csv", ".json", ".html", ".htm", ".png",
               ".jpg", ".jpeg", ".xlsx", ".ods", ".pptx", ".odp"}
SIDECAR = ".answers.json"
#: a notebook larger than this is not read (a hand-in is well under 1 MB)
MAX_BYTES = 20 << 20


@dataclass
class Submission:
    path: Path
    student_id: str = ""
    student_name: str = ""   # from the roster, never from what the student typed
    module: str = ""         # "m01"
    scores: dict[str, float] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    problem: str = ""        # why its checks were not graded
    notes: list[str] = field(default_factory=list)
    rel: str = ""
    typed_name: str = ""
    late: bool = False
    attempt: int = 0
    superseded: str = ""     # the file that counts instead of this one
    wrong_module: bool = False
    answers: dict[str, Answer] = field(default_factory=dict)
    sidecar: Path | None = None
    language: str = "en"
    nb: dict | None = None


@dataclass
class Folder:
    """What a submissions folder holds, sorted."""

    notebooks: list[Submission] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)   # (file, student)
    not_graded: list[tuple[str, str]] = field(default_factory=list)    # (file, reason)
    sidecars: dict[str, Path] = field(default_factory=dict)            # rel -> path (paired later)


def module_stems() -> dict[str, str]:
    """{"m01": "01_the_eternaut_case", ...}: the sheets of the kit's exercises."""
    folder = project_root() / "instructors" / "exercises"
    return {f"m{p.name[:2]}": p.stem for p in sorted(folder.glob("*.ipynb"))}


def walk(root: Path) -> Folder:
    found = Folder()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                found.not_graded.append((str((here / name).relative_to(root)),
                                         _("a link to another folder, not a folder: ask for the files themselves")))
        for name in sorted(filenames):
            path = here / name
            rel = str(path.relative_to(root))
            if ".ipynb_checkpoints" in path.relative_to(root).parts:
                found.not_graded.append((rel, _("a copy Jupyter saves by itself (checkpoint), not a hand-in")))
            elif path.is_symlink() or not path.is_file():
                found.not_graded.append((rel, _("a link or a special file, not a file: ask for the file itself")))
            elif name.startswith("."):
                found.not_graded.append((rel, _("a hidden system file, not a hand-in")))
            elif name.endswith(SIDECAR):
                found.sidecars[rel] = path
            elif path.suffix.lower() == ".ipynb":
                found.notebooks.append(Submission(path, rel=rel))
            elif path.suffix.lower() in ATTACHMENTS:
                found.attachments.append((rel, ""))
            else:
                found.not_graded.append((rel, _("not a notebook or a document the kit lists ({kind})").format(
                    kind=path.suffix or _("no extension"))))
    return found


def read(sub: Submission) -> dict | None:
    """The notebook as data (JSON), or None with ``sub.problem`` saying why."""
    try:
        if sub.path.stat().st_size > MAX_BYTES:
            sub.problem = _("larger than 20 MB: not read; ask the student to clear the outputs and hand it in again")
            return None
        with open(sub.path, encoding="utf-8") as handle:
            nb = json.load(handle)
        if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or nb.get("nbformat") != 4:
            raise ValueError("not a notebook")
    except (OSError, ValueError, UnicodeDecodeError, RecursionError) as exc:
        sub.problem = _("cannot be read as a notebook ({error}); ask the student to hand it in again").format(
            error=type(exc).__name__)
        return None
    return nb


def _asked(nb: dict) -> set[str]:
    """The modules whose questions the notebook's code asks (``ask("m01_q1")``, ``check("m01_q1")``)."""
    text = "\n".join("".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
                     for c in nb["cells"] if isinstance(c, dict) and c.get("cell_type") == "code")
    return {m[:3] for m in re.findall(r"""(?:ask|check)\(\s*["'](m\d\d)_q\d+["']""", text)}


def identify(sub: Submission, nb: dict, stems: dict[str, str], handin: Handin) -> None:
    """The hand-in's module (from its name and its content, which must agree) and its language."""
    meta = nb.get("metadata", {}).get("filmkit") if isinstance(nb.get("metadata"), dict) else None
    meta = meta if isinstance(meta, dict) else {}
    named = [m for m, stem in stems.items() if stem in handin.rest or stem in sub.rel]
    content = set()
    try:
        if meta.get("module") is not None:
            content.add(f"m{int(meta['module']):02d}")
    except (TypeError, ValueError):
        pass
    content |= {m for m, stem in stems.items() if meta.get("sheet") == stem} | (_asked(nb) & set(stems))
    sub.language = str(meta.get("language") or "en")[:5]
    if not content:
        sub.problem = _("not one of the kit's exercise notebooks (no exercise sheet in its content)")
    elif len(content) > 1:
        sub.problem = _("holds questions of several modules ({modules}): hand in one exercise sheet per "
                        "notebook").format(modules=", ".join(sorted(content)))
    elif named and content != set(named[:1]):
        sub.wrong_module = True
        sub.problem = _("wrong module: named for module {named} but it is the module {found} exercise sheet").format(
            named=int(named[0][1:]), found=int(next(iter(content))[1:]))
    sub.module = next(iter(content)) if len(content) == 1 else ""


def student_of(sub: Submission, handin: Handin, stems: dict[str, str], roster: Roster | None) -> None:
    """The student a hand-in belongs to: from the roster when there is one, else from the file's name."""
    if not handin.key:  # a flat file: ID_SHEET.ipynb
        stem = sub.path.stem
        for sheet in stems.values():
            stem = stem.replace(sheet, "")
        handin.key = stem.strip("_-. ") or sub.path.stem
    sub.late, sub.attempt = handin.late, handin.attempt
    if roster is None:
        sub.student_id = handin.key
        return
    student = roster.find(handin)
    if student is None:
        sub.student_id = handin.key
        sub.problem = sub.problem or _("unknown student: {who} is not on the roster").format(
            who=handin.name or handin.key)
        return
    sub.student_id, sub.student_name = student.login, student.name


def pair_sidecars(found: Folder, stems: dict[str, str]) -> None:
    """Give each notebook the ``.answers.json`` saved beside it; a file that pairs with none is not graded."""
    for sub in found.notebooks:
        if not sub.module:
            continue
        here = Path(sub.rel).parent
        folder_layout = len(Path(sub.rel).parts) > 1
        for name in (f"{sub.path.stem}{SIDECAR}", *([f"{stems[sub.module]}{SIDECAR}"] if folder_layout else [])):
            rel = str(here / name)
            if rel in found.sidecars and sub.sidecar is None:
                sub.sidecar = found.sidecars[rel]
    used = {str(s.sidecar) for s in found.notebooks if s.sidecar}
    for rel, path in sorted(found.sidecars.items()):
        if str(path) not in used:
            found.not_graded.append((rel, _("an answers file without its notebook: hand it in with the notebook")))


def latest_counts(subs: list[Submission]) -> None:
    """One hand-in per student and module counts: the highest resubmission number, then the newest file."""
    groups: dict[tuple[str, str], list[Submission]] = {}
    for sub in subs:
        if not sub.problem:
            groups.setdefault((sub.student_id, sub.module), []).append(sub)
    for items in groups.values():
        items.sort(key=lambda s: (s.attempt, s.path.stat().st_mtime, s.rel))
        for earlier in items[:-1]:
            earlier.superseded = items[-1].rel
            earlier.problem = _("an earlier hand-in of module {module} by {student}; {file} counts").format(
                module=int(earlier.module[1:]), student=earlier.student_id, file=items[-1].rel)


def attachment_owner(rel: str, ids: set[str], roster: Roster | None) -> str:
    """The student an attachment belongs to (its folder, its platform name, or a known id it starts with)."""
    handin = parse_name(Path(rel).parts)
    if roster is not None:
        student = roster.find(handin) if handin.key else None
        if student:
            return student.login
    if handin.key:
        return handin.key
    stem = Path(rel).stem
    return next((i for i in sorted(ids, key=len, reverse=True) if i and re.match(rf"{re.escape(i)}[_\-. ]", stem)), "")


def module_questions(module: str) -> list[str]:
    return sorted(q for q in REGISTRY if q.startswith(module + "_"))
