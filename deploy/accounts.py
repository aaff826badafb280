"""One Unix account per student, and the class's logins: a roster, one password per person, hashed.

The hub (running as root) makes an account for every name of the roster and every instructor, with a
home folder only its owner can open (mode 0700). It marks the accounts it makes (their comment field
says ``filmkit class hub``), never touches an account it did not make, and removes only those.

Each person gets a password of their own, generated once: the hub keeps only its scrypt hash (in the
hub's private folder) and writes the clear list once, to a file only the instructor (root) can read,
for handing out. Nobody can log in under a name that is not on the roster, and an instructor's name is
an admin from the hub's first start: no one can claim it by logging in first.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import pwd
import re
import secrets
import subprocess
from pathlib import Path

#: the comment field of every account the hub makes (and the only accounts it will remove)
MARK = "filmkit class hub"
#: a Unix user name: lowercase letters, digits, - and _, starting with a letter, at most 32 characters
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
#: letters and digits that cannot be mistaken for one another when read aloud or copied from paper
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class AccountError(RuntimeError):
    """A roster or an account cannot be used (the message says which and what to do)."""


def read_roster(path: Path) -> list[str]:
    """The names in a roster file (one per line; blank lines and ``#`` comments ignored), checked."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AccountError(f"cannot read the roster {path}: {exc}") from None
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    bad = [n for n in names if not NAME.match(n)]
    if bad:
        raise AccountError(f"{path}: not a valid account name: {', '.join(bad[:5])} (lowercase letters, digits, "
                           "- and _, starting with a letter, at most 32 characters)")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise AccountError(f"{path}: listed twice: {', '.join(repeated)}")
    if not names:
        raise AccountError(f"{path}: the roster names no student")
    return names


def check_names(names) -> None:
    bad = [n for n in names if not NAME.match(n)]
    if bad:
        raise AccountError(f"not a valid account name: {', '.join(bad[:5])}")


def _entry(name: str):
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def is_ours(name: str) -> bool:
    entry = _entry(name)
    return entry is not None and entry.pw_gecos == MARK


def ensure_account(name: str, homes: Path | None = None) -> Path:
    """Make the Unix account ``name`` (home mode 0700) unless the hub made it before; return its home."""
    entry = _entry(name)
    if entry is not None and entry.pw_gecos != MARK:
        raise AccountError(f"the account {name!r} already exists on this machine and was not made by the class "
                           "hub: rename the student in the roster (the hub never takes over an existing account)")
    if entry is None:
        cmd = ["useradd", "--create-home", "--comment", MARK, "--shell", "/bin/bash", "--user-group",
               "--key", "UMASK=0077"]
        if homes:
            cmd += ["--base-dir", str(homes)]
        done = subprocess.run(cmd + [name], capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise AccountError(f"useradd {name} failed: {done.stderr.strip()}")
        entry = pwd.getpwnam(name)
    home = Path(entry.pw_dir)
    home.chmod(0o700)
    return home


def remove_account(name: str) -> bool:
    """Remove an account the hub made (and its home, and its processes); False if it was not one."""
    if not is_ours(name):
        return False
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True, timeout=30)
    done = subprocess.run(["userdel", "--force", "--remove", name], capture_output=True, text=True, timeout=60)
    if done.returncode not in (0, 12):  # 12: the home folder could not be removed (already gone)
        raise AccountError(f"userdel {name} failed: {done.stderr.strip()}")
    return True


# ---- passwords ---------------------------------------------------------------------------------

def new_password() -> str:
    """Twelve characters in three groups, easy to copy from paper: ``k7wq-3nfa-xm2p``."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return "-".join(chars[i:i + 4] for i in range(0, 12, 4))


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2 ** 14, r=8, p=1)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_password(password: str, stored: str) -> bool:
    try:
        kind, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=2 ** 14, r=8, p=1)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, atomically."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def issue_passwords(names, logins: Path, handout: Path) -> dict[str, str]:
    """Give a password to every name that has none yet; return the new ones (name -> password).

    ``logins`` keeps the hashes (read by the hub); ``handout`` gets one ``name,password`` line per new
    password, appended, mode 0600: the instructor hands them out, then may delete the file.
    """
    stored = json.loads(logins.read_text()) if logins.exists() else {}
    fresh = {name: new_password() for name in names if name not in stored}
    if fresh:
        stored.update({name: hash_password(pw) for name, pw in fresh.items()})
        write_private(logins, json.dumps(stored, indent=1))
        old = handout.read_text(encoding="utf-8") if handout.exists() else "name,password\n"
        write_private(handout, old + "".join(f"{n},{pw}\n" for n, pw in fresh.items()))
    return fresh
