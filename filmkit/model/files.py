"""Writing files so that a reader never sees half of one, and a learner's file is never lost.

Every file the kit writes goes to a temporary file in the same folder first and is then
moved into place in one step (``os.replace``), so another process reading at the same
moment sees either the old file or the new one, never an empty or torn one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from filmkit.i18n import _


class FileExists(FileExistsError):
    """The target exists and the caller did not allow replacing it."""


def atomic_write_text(path: str | os.PathLike, text: str, *, overwrite: bool = True, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically; with ``overwrite=False`` refuse to replace an existing file."""
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExists(_("{file} already exists: choose another name, or confirm that it may be replaced")
                         .format(file=target))
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite:
            # Another writer may have created the file meanwhile: link fails rather than replacing it.
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise FileExists(_("{file} already exists: choose another name, or confirm that it may be replaced")
                                 .format(file=target)) from None
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def free_name(path: str | os.PathLike) -> Path:
    """``path`` if it does not exist, else the first free ``stem-2.ext``, ``stem-3.ext`` ... beside it."""
    target = Path(path)
    if not target.exists():
        return target
    n = 2
    while True:
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
