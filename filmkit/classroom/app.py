"""``filmkit app``: every module and app as a code-free web app, from one landing page.

Wraps the plain ``voila`` command: it serves the kit's folder with every code cell hidden,
and the landing page ``apps/index.ipynb`` lists the modules and the apps. The same can be
done by hand::

    voila . --no-browser --VoilaExecutor.timeout=300

then open ``/voila/render/apps/index.ipynb`` at the address Voila prints.

``--lang es`` (default: ``$FILMKIT_LANG``) serves the Spanish edition: the landing page is
``apps/es/index.ipynb``, and Voila runs with ``FILMKIT_LANG=es``, which its kernels inherit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import webbrowser

from filmkit.i18n import ENV, _, language
from filmkit.tools.project import NotAKitCheckout, project_root
from filmkit.classroom.release import edition_language, language_argument, speaking

LANDING = "apps/index.ipynb"


def landing(lang: str = "en") -> str:
    """The landing page of an edition, relative to the kit: ``apps/index.ipynb``, ``apps/es/index.ipynb``."""
    lang = edition_language(lang)
    return LANDING if lang == "en" else f"apps/{lang}/index.ipynb"


def voila_command(root, port: int, ip: str = "127.0.0.1") -> list[str]:
    """The ``voila`` command line that serves the kit's folder with code hidden."""
    return [sys.executable, "-m", "voila", str(root), "--no-browser", f"--port={port}", f"--Voila.ip={ip}",
            "--ServerApp.port_retries=0", "--VoilaExecutor.timeout=300", "--VoilaConfiguration.strip_sources=True"]


def voila_environment(code: str, base: dict | None = None) -> dict[str, str]:
    """The environment Voila runs in: ``base`` (default: this one) with ``FILMKIT_LANG=code``; kernels inherit it."""
    env = dict(os.environ if base is None else base)
    env[ENV] = code
    return env


def landing_url(port: int, ip: str = "127.0.0.1", lang: str = "en") -> str:
    return f"http://{ip}:{port}/voila/render/{landing(lang)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="filmkit app",
        description=_("Serve every module and app with the code hidden (Voila), from a landing page listing the "
                      "modules."))
    parser.add_argument("--port", type=int, default=8866, help=_("port to listen on (default 8866)"))
    parser.add_argument("--ip", default="127.0.0.1",
                        help=_("address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 lets a class "
                               "connect)"))
    parser.add_argument("--browser", action="store_true", help=_("open the landing page in the web browser"))
    language_argument(parser, help_text=_("the edition to serve: en, es or fr (default: $FILMKIT_LANG, else en); "
                                          "a region is allowed, e.g. es_AR"))
    args = parser.parse_args(argv)
    with speaking(args.lang):
        inherited = os.environ.get(ENV, "").strip()
        code = args.lang or (inherited if inherited and edition_language(inherited) == language() else language())
        return _serve(args, code, language())


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
    shown_ip = "127.0.0.1" if args.ip == "0.0.0.0" else args.ip
    url = landing_url(args.port, shown_ip, lang)
    print(_("Serving the kit from {root}.\nOpen {url}\nPress Ctrl+C to stop.").format(root=root, url=url), flush=True)
    process = subprocess.Popen(voila_command(root, args.port, args.ip), cwd=root, env=voila_environment(code))
    if args.browser:
        webbrowser.open(url)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=15)
        return 0


if __name__ == "__main__":
    sys.exit(main())
