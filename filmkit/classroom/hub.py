"""``filmkit hub``: the classroom JupyterHub in the kit's ``deploy/`` folder.

The hub's code lives in ``deploy/hub.py`` beside its configuration, image and Helm values,
because it deploys a copy of the repository rather than the installed package. This wrapper
finds it in the kit's folder and hands it the arguments.
"""

from __future__ import annotations

import runpy

from filmkit.i18n import _
from filmkit.tools.project import NotAKitCheckout, project_root


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
