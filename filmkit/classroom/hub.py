"""``filmkit hub``: the classroom JupyterHub in the kit's ``deploy/`` folder.

The hub's code lives in ``deploy/hub.py`` beside its configuration, image and Helm values,
because it deploys a copy of the repository rather than the installed package. This wrapper
finds it in the kit's folder and hands it the arguments; the sentences the hub says to an
instructor are here, where the catalogs find them.
"""

from __future__ import annotations

import runpy

from filmkit.i18n import N_, _, ngettext
from filmkit.tools.project import NotAKitCheckout, project_root

#: what ``filmkit hub start`` tells the instructor (shown in the language in use)
NEEDS_ROOT = N_("a class hub needs root: each student's server and kernels run as the student's own Unix account, "
                "which only root can start. Run it with sudo, or try the hub alone with --demo (one shared "
                "password, every server runs as you: not for a class).")
NEEDS_ROSTER = N_("a class hub needs a roster: --students FILE, one name per line (each gets an account and a "
                  "password of their own).")
DEMO_WARNING = N_("DEMO MODE: one shared password, and every server runs as {user}: anyone who logs in can read "
                  "and change everyone's work and can log in under any name. Never use it for a class.")
CHECKOUT_CLOSED = N_("closed the kit's folder {folder} to other accounts: it holds the answer key and the solutions.")
RELEASE_SERVED = N_("students pull the student release from {repo} (no solutions, key or rubrics).")
ACCOUNTS_REMOVED = N_("removed the accounts the hub made: {names}")
DIR_IS_A_FILE = N_("--dir {folder} is a file: give the hub a folder of its own (default {default}).")


def passwords_written(count: int, file) -> str:
    """What the instructor reads once the new passwords are in the file only root can read."""
    return ngettext("{count} new password written to {file} (only root can read it): hand it out, then delete the "
                    "file.",
                    "{count} new passwords written to {file} (only root can read it): hand them out, then delete the "
                    "file.", count).format(count=count, file=file)


def main(argv: list[str] | None = None) -> int:
    try:
        script = project_root() / "deploy" / "hub.py"
    except NotAKitCheckout as exc:
        print(_("filmkit hub: {error}").format(error=exc))
        return 2
    if not script.is_file():
        print(_("filmkit hub: {script} not found: the hub needs a full copy of the kit's repository.").format(
            script=script))
        return 2
    hub = runpy.run_path(str(script), run_name="filmkit_hub")
    return int(hub["main"](argv) or 0)
