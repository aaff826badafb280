"""``filmkit app``: every module and app as a code-free web app, from one landing page.

Serves the student release (what ``filmkit release`` makes: notebooks, apps, exercises and data,
never ``instructors/``, a solution, the key or a rubric) from a temporary folder, with Voila and
every code cell hidden. The landing page (``apps/index.ipynb``, listing the modules and the apps)
is at ``/``; Voila's file tree is not shown, so ``--ip 0.0.0.0`` lets a class connect without
showing them the instructor's checkout.

``--lang es`` (default: ``$FILMKIT_LANG``) serves the Spanish edition: the landing page is
``apps/es/index.ipynb``, and Voila runs with ``FILMKIT_LANG=es``, which its kernels inherit.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import webbrowser
from pathlib import Path

import nbformat

from filmkit.i18n import ENV, _, language
from filmkit.model.files import atomic_write_text
from filmkit.tools.notebook_meta import drop_note
from filmkit.tools.project import NotAKitCheckout, project_root
from filmkit.classroom.release import (ReleaseError, edition_language, language_argument, number_between, release,
                                       speaking)

LANDING = "apps/index.ipynb"


def landing(lang: str = "en") -> str:
    """The landing page of an edition, relative to the kit: ``apps/index.ipynb``, ``apps/es/index.ipynb``."""
    lang = edition_language(lang)
    return LANDING if lang == "en" else f"apps/{lang}/index.ipynb"


#: the argument that makes ``python -m filmkit.classroom.app`` run Voila itself (with the landing page at ``/``)
VOILA = "--voila"


#: minutes after which the kernel of a page that was closed (or lost its connection) is stopped
IDLE_MINUTES = 10


def voila_command(folder, port: int, ip: str = "127.0.0.1", lang: str = "en",
                  idle_minutes: float = IDLE_MINUTES) -> list[str]:
    """The command line that serves ``folder`` with code hidden and the edition's landing page at ``/``.

    Every page opened starts a kernel. Voila's request to stop it when the page closes is refused (its
    ``sendBeacon`` carries no XSRF token: voila-dashboards/voila#1458), so without culling a class that reloads
    pages leaves a kernel per visit running until the server stops. A kernel with no page connected is stopped
    after ``idle_minutes`` without activity; a page still open keeps its kernel however long it waits.
    """
    idle = max(1, round(idle_minutes * 60))
    return [sys.executable, "-m", "filmkit.classroom.app", VOILA, str(folder), "--no-browser", f"--port={port}",
            f"--Voila.ip={ip}", "--ServerApp.port_retries=0", "--VoilaExecutor.timeout=300",
            "--VoilaConfiguration.strip_sources=True", f"--LandingVoila.landing={landing(lang)}",
            f"--HTMLExporter.language_code={edition_language(lang)}",  # <html lang>: read aloud in its language
            f"--MappingKernelManager.cull_idle_timeout={idle}", f"--MappingKernelManager.cull_interval={min(60, idle)}",
            "--MappingKernelManager.cull_connected=False"]


def run_voila(argv: list[str]) -> int:
    """Voila over a folder, with ``/`` and its file tree sent to the landing page (no listing of folders)."""
    from tornado.web import RedirectHandler
    from traitlets import Unicode
    from voila.app import Voila
    from voila.utils import url_path_join

    class LandingVoila(Voila):
        landing = Unicode(LANDING, config=True, help="the page ``/`` opens, relative to the folder")

        def init_handlers(self):
            target = url_path_join(self.server_url, "voila/render", self.landing)
            home = [(self.server_url, RedirectHandler, {"url": target}),
                    (url_path_join(self.server_url, r"/voila/tree(?:/.*)?"), RedirectHandler, {"url": target})]
            return home + super().init_handlers()

    LandingVoila.launch_instance(argv)
    return 0


def student_folder(root: Path, lang: str) -> Path:
    """The student release of the edition ``lang``, written to a new temporary folder (the caller removes it)."""
    folder = Path(tempfile.mkdtemp(prefix="filmkit-app-"))
    try:
        release(folder / "kit", echo=lambda *args: None, lang=lang)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    shutil.rmtree(folder / "kit" / ".git", ignore_errors=True)
    _as_pages(folder / "kit")
    return folder / "kit"


def page_title(nb) -> str | None:
    """The title a page shows in the browser's tab: the first heading of its first cell, as plain words
    (in the edition's language), or None when the notebook has no heading."""
    cells = [c for c in nb.cells if c.cell_type == "markdown"]
    for line in (cells[0].source.splitlines() if cells else []):
        if line.startswith("#"):
            words = re.sub(r"[*_`]", "", line.lstrip("#")).strip()
            return re.sub(r"[ \t]+", " ", words) or None
    return None


def _as_pages(kit: Path) -> None:
    """Each notebook of the release as a page: titled with its own heading (not its file name), and without
    the modules' "Run All Cells" note, which is for JupyterLab (a page here is already run, with no code)."""
    for folder in ("notebooks", "apps"):
        for path in (kit / folder).rglob("*.ipynb"):
            nb = nbformat.read(path, as_version=4)
            changed = drop_note(nb) if folder == "notebooks" else False
            title = page_title(nb)
            if title and nb.metadata.get("title") != title:
                nb.metadata["title"] = title  # Voila's page template puts it in <title>
                changed = True
            if changed:
                atomic_write_text(path, nbformat.writes(nb) + "\n")


def voila_environment(code: str, base: dict | None = None) -> dict[str, str]:
    """The environment Voila runs in: ``base`` (default: this one) with ``FILMKIT_LANG=code``; kernels inherit it."""
    env = dict(os.environ if base is None else base)
    env[ENV] = code
    return env


def landing_url(port: int, ip: str = "127.0.0.1") -> str:
    """Where the landing page is: the server's ``/``."""
    return f"http://{ip}:{port}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="filmkit app",
        description=_("Serve every module and app with the code hidden (Voila), from a landing page listing the "
                      "modules."))
    parser.add_argument("--port", type=number_between(1, 65535, whole=True), default=8866,
                        help=_("port to listen on (default 8866)"))
    parser.add_argument("--ip", default="127.0.0.1",
                        help=_("address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 lets a class "
                               "connect)"))
    parser.add_argument("--browser", action="store_true", help=_("open the landing page in the web browser"))
    parser.add_argument("--idle-minutes", type=number_between(0.05, 1440), default=IDLE_MINUTES,
                        help=_("stop the kernel of a page that was closed, or lost its connection, after this many "
                               "minutes without activity (default {minutes}); a page still open keeps its kernel")
                        .format(minutes=IDLE_MINUTES))
    language_argument(parser, help_text=_("the edition to serve: en, es or fr (default: $FILMKIT_LANG, else en); "
                                          "a region is allowed, e.g. es_MX for a decimal point"))
    args = parser.parse_args(argv)
    with speaking(args.lang):
        inherited = os.environ.get(ENV, "").strip()
        code = args.lang or (inherited if inherited and edition_language(inherited) == language() else language())
        return _serve(args, code, language())


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _serve(args, code: str, lang: str) -> int:
    try:
        root = project_root()
    except NotAKitCheckout as exc:
        print(_("filmkit app: {error}").format(error=exc), file=sys.stderr)
        return 2
    if not (root / landing(lang)).is_file():
        print(_("filmkit app: the landing page {page} is not here: build the {language} edition first "
                "(filmkit translate build).").format(page=landing(lang), language=lang), file=sys.stderr)
        return 2
    try:
        import voila  # noqa: F401
    except ImportError:
        print(_("filmkit app: Voila is not installed: {command}").format(
            command="python -m pip install 'voila>=0.5,<0.6'"), file=sys.stderr)
        return 2
    try:
        folder = student_folder(root, lang)
    except ReleaseError as exc:
        print(_("filmkit app: {error}").format(error=exc), file=sys.stderr)
        return 2
    shown_ip = "127.0.0.1" if args.ip == "0.0.0.0" else args.ip
    url = landing_url(args.port, shown_ip)
    print(_("Serving the student release of the kit (no solutions, answer key or rubrics).\nOpen {url}\n"
            "Press Ctrl+C to stop.").format(url=url), flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops Voila and removes the copy, as Ctrl+C does
    try:
        process = subprocess.Popen(voila_command(folder, args.port, args.ip, lang, args.idle_minutes), cwd=folder,
                                   env=voila_environment(code))
        if args.browser:
            webbrowser.open(url)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            process.wait(timeout=15)
            return 0
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(run_voila(sys.argv[2:]) if sys.argv[1:2] == [VOILA] else main())
