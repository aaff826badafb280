"""Where the kit's own files are, for the authoring commands.

The authoring commands (run notebooks, build exercises, release) work on a copy of the
kit's repository: the folder that holds ``notebooks/`` and ``exercises/``. It is found
from the current folder upwards, so the commands work from any folder inside a checkout.
"""

from __future__ import annotations

from pathlib import Path

from filmkit.i18n import _


class NotAKitCheckout(RuntimeError):
    """The command needs the kit's repository and none was found."""


def project_root(start: Path | None = None) -> Path:
    """The nearest folder, from ``start`` (default: the current folder) upwards, that holds the kit."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "exercises").is_dir() and (folder / "data").is_dir():
            return folder
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "notebooks").is_dir() and (checkout / "exercises").is_dir():
        return checkout
    raise NotAKitCheckout(_(
        "no copy of the kit found at or above {folder}: run this command inside the kit's folder "
        "(the one with notebooks/, exercises/ and data/)."
    ).format(folder=here))


def shown(path: Path, root: Path | None = None) -> str:
    """``path`` relative to the kit's folder when it is inside it, else as given."""
    try:
        return str(Path(path).resolve().relative_to((root or project_root()).resolve()))
    except (ValueError, NotAKitCheckout):
        return str(path)
