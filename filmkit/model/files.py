"""Writing files so that a reader never sees half of one, and a learner's file is never lost.

Every file the kit writes goes to a temporary file in the same folder first and is then
moved into place in one step (``os.replace``), so another process reading at the same
moment sees either the old file or the new one, never an empty or torn one. A replaced file
keeps its permissions (a 0644 file stays 0644); a new one gets the usual mode for this user.

Files that two processes may update (a learner's answers, the matrix autosave, a scenario) are
changed inside :func:`locked`: a lock file beside them, so each writer re-reads what the other
wrote before it merges in its own change.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from filmkit.i18n import _


class FileExists(FileExistsError):
    """The target exists and the caller did not allow replacing it."""


#: seconds a writer waits for another writer of the same file before giving up
LOCK_WAIT = 20


class FileBusy(OSError):
    """Another process kept the file locked for longer than :data:`LOCK_WAIT` seconds."""


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of ``path``: a hidden file beside it (``.NAME.lock``)."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


@contextmanager
def locked(path: str | os.PathLike, wait: float = LOCK_WAIT):
    """Within the block, no other process of the kit changes ``path`` (read, merge and write inside it)."""
    folder = Path(path).parent
    if not folder.is_dir():  # the lock library would create it: a missing folder is the caller's error
        raise FileNotFoundError(errno.ENOENT, _("no such folder"), str(folder))
    try:
        with FileLock(str(lock_path(path)), timeout=wait):
            yield Path(path)
    except Timeout:
        raise FileBusy(_("{file} is being saved by another program (another notebook or kernel) and stayed busy "
                         "for {seconds} seconds; try again").format(file=Path(path), seconds=wait)) from None


def _umask() -> int:
    """This process's umask."""
    try:  # Linux says the umask without changing it (changing it would race with other threads)
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        mask = os.umask(0o022)
        os.umask(mask)
        return mask


def _new_file_mode() -> int:
    """The mode ``open()`` gives a new file here: 0666 less the umask."""
    return 0o666 & ~_umask()


def new_folder_beside(target: str | os.PathLike) -> Path:
    """A new, hidden folder beside ``target`` (same file system, so it can be renamed onto it), with the
    mode ``mkdir`` would give (``mkdtemp`` makes it private)."""
    target = Path(target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
    os.chmod(work, 0o777 & ~_umask())
    return work


def atomic_write_text(path: str | os.PathLike, text: str, *, overwrite: bool = True, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically; with ``overwrite=False`` refuse to replace an existing file."""
    return atomic_write_bytes(path, text.encode(encoding), overwrite=overwrite)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (a PDF printed elsewhere, say), keeping the replaced file's mode."""
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExists(_("{file} already exists: choose another name, or confirm that it may be replaced")
                         .format(file=target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, mode)  # mkstemp makes the file 0600; the file it replaces (or a new one) has its own mode
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, for a message: the system's reason and the file it names."""
    failures = exc.args[0] if exc.args and isinstance(exc.args[0], list) else None
    if failures and isinstance(failures[0], tuple) and len(failures[0]) == 3:  # shutil.copytree's list of failures
        return str(failures[0][2])
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{reason}: {exc.filename}" if exc.filename else reason


class FolderRefused(ValueError):
    """An output folder the command may not write into as asked (a file, or holding files it did not write)."""


class OutputFolder:
    """A folder a command writes its files into, without harming anything else in it.

    The command names the files it will write (:meth:`claim`) before writing any. A file that is
    already there is replaced only if this command wrote it before (it is listed in the folder's
    ``.filmkit-written.json``) or the user said ``--force``; nothing is ever deleted. After writing,
    :meth:`record` adds the files to that list, so running the command again refreshes them.
    """

    RECORD = ".filmkit-written.json"

    def __init__(self, folder: str | os.PathLike, command: str, force: bool = False):
        self.folder = Path(folder)
        self.command = command
        self.force = force

    def _written_before(self) -> set[str]:
        import json

        try:
            listed = json.loads((self.folder / self.RECORD).read_text(encoding="utf-8")).get("files", [])
            return {str(name) for name in listed}
        except (OSError, ValueError, AttributeError):
            return set()

    def claim(self, names: list[str]) -> None:
        """Make the folder if needed; refuse if a name would replace a file this command did not write."""
        self.check_place()
        if not self.force:
            ours = self._written_before()
            theirs = sorted(n for n in names if n not in ours and (self.folder / n).exists())
            if theirs:
                shown = ", ".join(theirs[:5]) + (" ..." if len(theirs) > 5 else "")
                raise FolderRefused(_("{folder} already holds {files}, which {command} did not write; nothing was "
                                      "written. Choose another folder, or add --force to replace those files "
                                      "(nothing else in the folder is touched).").format(
                    folder=self.folder, files=shown, command=self.command))
        self.folder.mkdir(parents=True, exist_ok=True)

    def check_place(self) -> None:
        """Refuse a folder that is a file, a link to nowhere, or inside a file (before any work is done)."""
        if self.folder.is_symlink() and not self.folder.exists():
            raise FolderRefused(_("{folder} is a link to a folder that does not exist: give another folder").format(
                folder=self.folder))
        if self.folder.exists() and not self.folder.is_dir():
            raise FolderRefused(_("{folder} is a file, not a folder: give the name of a folder (a new one is made "
                                  "if it does not exist)").format(folder=self.folder))
        for parent in self.folder.parents:
            if parent.exists() and not parent.is_dir():
                raise FolderRefused(_("{folder}: {parent} is a file, not a folder").format(
                    folder=self.folder, parent=parent))

    def record(self, names: list[str]) -> None:
        """Add ``names`` to the folder's list of files this command wrote."""
        import json

        listed = sorted(self._written_before() | set(names))
        atomic_write_text(self.folder / self.RECORD,
                          json.dumps({"written_by": self.command, "files": listed}, indent=1) + "\n")
