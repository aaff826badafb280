"""Who handed in what: the class roster, and the names learning platforms give downloaded hand-ins.

A roster (``filmkit grade --roster FILE``) is one of

- Canvas's gradebook export (columns ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``);
- a Moodle export: the assignment's grading worksheet (``Identifier`` "Participant 4242", ``Full name``,
  ``Email address``) or the participants/gradebook export (``First name``, ``Last name``, ``Username`` or
  ``ID number``, ``Email address``);
- a plain CSV of ``login,name`` (with or without that header line).

Bulk downloads name each file or folder after the student:

- Canvas: ``login[_LATE]_userid_submissionid_original-name[-N].ext``, where ``login`` is the sortable
  name run together (``lovelaceada``), ``userid`` Canvas's ``ID`` and ``-N`` a resubmission;
- Moodle: a folder ``Full Name_participant_assignsubmission_file_/`` holding the student's files.

The name shown in the grades always comes from the roster; what a student typed in their
notebook is never used as their identity.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from filmkit.i18n import _

CANVAS_FILE = re.compile(r"^(?P<login>[a-z0-9]+)(?P<late>_LATE)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<rest>.+)$")
MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<participant>\d+)_assign(?:submission|feedback)_[a-z]+_?$")
_RESUBMISSION = re.compile(r"^(?P<stem>.+?)-(?P<n>\d+)$")


class RosterError(ValueError):
    """The roster file cannot be read; the message names the file and what to do."""


@dataclass
class Student:
    login: str
    name: str
    lms_id: str = ""          # Canvas "ID" (the number in a bulk-download file name)
    sis_user_id: str = ""
    section: str = ""
    participant: str = ""     # Moodle's participant number (the number in a bulk-download folder name)
    aliases: set[str] = field(default_factory=set)


def slug(text: str) -> str:
    """A name as a bulk download writes it: lower-case letters and digits only (``Lovelace, Ada`` -> ``lovelaceada``)."""
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())


@dataclass
class Handin:
    """What a hand-in's path says about its author."""

    key: str                  # the student id found in the name (a login, a number or the name itself)
    name: str = ""            # the name the platform wrote (Moodle's folder), never the student's typing
    lms_id: str = ""
    participant: str = ""
    late: bool = False
    attempt: int = 0          # Canvas's -N: a later resubmission has a higher number
    rest: str = ""            # the file's own name, without the platform's prefix


def parse_name(parts: tuple[str, ...]) -> Handin:
    """The author of a file at ``parts`` (its path inside the submissions folder, as parts)."""
    top = parts[0]
    stem, suffix = Path(parts[-1]).stem, Path(parts[-1]).suffix
    if len(parts) > 1:
        moodle = MOODLE_FOLDER.match(top)
        if moodle:
            return Handin(key=moodle["participant"], name=moodle["name"].strip(), participant=moodle["participant"],
                          rest=parts[-1])
        return Handin(key=top, rest=parts[-1])
    canvas = CANVAS_FILE.match(stem)
    if canvas:
        rest, attempt = canvas["rest"], 0
        again = _RESUBMISSION.match(rest)
        if again:
            rest, attempt = again["stem"], int(again["n"])
        return Handin(key=canvas["login"], lms_id=canvas["user"], late=bool(canvas["late"]), attempt=attempt,
                      rest=rest + suffix)
    return Handin(key="", rest=parts[-1])


class Roster:
    """The class list: find the student a hand-in belongs to."""

    def __init__(self, students: list[Student], source: str = ""):
        self.students = students
        self.source = source
        self._index: dict[str, Student] = {}
        for s in students:
            for alias in (s.login, f"id:{s.lms_id}", f"participant:{s.participant}", f"slug:{slug(s.name)}",
                          f"slug:{_sortable(s.name)}", *s.aliases):
                if alias and not alias.endswith(":"):
                    self._index.setdefault(alias.lower(), s)

    def find(self, handin: Handin) -> Student | None:
        keys = [f"id:{handin.lms_id}" if handin.lms_id else "", f"participant:{handin.participant}"
                if handin.participant else "", handin.key, f"slug:{slug(handin.name)}" if handin.name else "",
                f"slug:{handin.key}"]
        for key in keys:
            if key and key.lower() in self._index:
                return self._index[key.lower()]
        return None


def _sortable(name: str) -> str:
    """Canvas's login part of a file name: the sortable name ("Lovelace, Ada") or, for "Ada Lovelace", last + first."""
    if "," in name:
        return slug(name)
    words = name.split()
    return slug(" ".join(words[-1:] + words[:-1])) if words else ""


def _rows(text: str) -> list[list[str]]:
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]


def read_roster(path: str | Path) -> Roster:
    """Read a Canvas, Moodle or plain ``login,name`` roster; a :class:`RosterError` says what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(_("{file}: the roster cannot be read ({error}); export it from your platform as CSV "
                            "(UTF-8).").format(file=path, error=type(exc).__name__)) from None
    rows = _rows(text)
    if not rows:
        raise RosterError(_("{file}: the roster is empty.").format(file=path))
    header = [h.strip() for h in rows[0]]
    lowered = [h.lower() for h in header]
    students = []

    def column(row, *names):
        for name in names:
            if name.lower() in lowered and lowered.index(name.lower()) < len(row):
                return row[lowered.index(name.lower())].strip()
        return ""

    if "student" in lowered and ("sis login id" in lowered or "id" in lowered):          # Canvas
        for row in rows[1:]:
            name = column(row, "Student")
            if not name or "points possible" in name.lower() or name.lower() == "student, test":
                continue
            students.append(Student(login=column(row, "SIS Login ID") or column(row, "ID"), name=name,
                                    lms_id=column(row, "ID"), sis_user_id=column(row, "SIS User ID"),
                                    section=column(row, "Section")))
    elif "full name" in lowered or "first name" in lowered:                                  # Moodle
        for row in rows[1:]:
            name = column(row, "Full name") or " ".join(filter(None, [column(row, "First name"),
                                                                      column(row, "Last name")]))
            email = column(row, "Email address")
            login = column(row, "Username") or column(row, "ID number") or email
            participant = re.sub(r"\D", "", column(row, "Identifier"))
            if name and login:
                students.append(Student(login=login, name=name, sis_user_id=column(row, "ID number"),
                                        participant=participant, aliases={email.split("@")[0]} if email else set()))
    else:                                                                                     # login,name
        body = rows[1:] if lowered[:2] == ["login", "name"] else rows
        for row in body:
            if len(row) < 2 or not row[0].strip():
                raise RosterError(_("{file}: every line needs a login and a name (login,name); this one does not: "
                                    "{line}").format(file=path, line=",".join(row)[:80]))
            students.append(Student(login=row[0].strip(), name=row[1].strip()))
    if not students:
        raise RosterError(_("{file}: no students found; expected a Canvas gradebook export, a Moodle export or "
                            "lines of login,name.").format(file=path))
    logins = [s.login.lower() for s in students]
    twice = sorted({x for x in logins if logins.count(x) > 1})
    if twice:
        raise RosterError(_("{file}: these logins appear more than once: {logins}").format(
            file=path, logins=", ".join(twice)[:200]))
    return Roster(students, str(path))
