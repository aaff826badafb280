"""``filmkit app``: every module and app as a code-free web app, from one landing page.

Wraps the plain ``voila`` command: it serves the kit's folder with every code cell hidden,
and the landing page ``apps/index.ipynb`` lists the modules and the apps. The same can be
done by hand::

    voila . --no-browser --VoilaExecutor.timeout=300

then open ``/voila/render/apps/index.ipynb`` at the address Voila prints.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import webbrowser

from filmkit.tools.project import NotAKitCheckout, project_root

LANDING = "apps/index.ipynb"


def voila_command(root, port: int, ip: str = "127.0.0.1") -> list[str]:
    """The ``voila`` command line that serves the kit's folder with code hidden."""
    return [sys.executable, "-m", "voila", str(root), "--no-browser", f"--port={port}", f"--Voila.ip={ip}",
            "--ServerApp.port_retries=0", "--VoilaExecutor.timeout=300", "--VoilaConfiguration.strip_sources=True"]


def landing_url(port: int, ip: str = "127.0.0.1") -> str:
    return f"http://{ip}:{port}/voila/render/{LANDING}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="filmkit app",
        description="Serve every module and app with the code hidden (Voila), from a landing page listing the modules.")
    parser.add_argument("--port", type=int, default=8866, help="port to listen on (default 8866)")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 lets a class connect)")
    parser.add_argument("--browser", action="store_true", help="open the landing page in the web browser")
    args = parser.parse_args(argv)
    try:
        root = project_root()
    except NotAKitCheckout as exc:
        print(f"filmkit app: {exc}", file=sys.stderr)
        return 2
    try:
        import voila  # noqa: F401
    except ImportError:
        print("filmkit app: Voila is not installed: python -m pip install 'voila>=0.5,<0.6'", file=sys.stderr)
        return 2
    shown_ip = "127.0.0.1" if args.ip == "0.0.0.0" else args.ip
    print(f"Serving the kit from {root}.\nOpen {landing_url(args.port, shown_ip)}\nPress Ctrl+C to stop.", flush=True)
    process = subprocess.Popen(voila_command(root, args.port, args.ip), cwd=root)
    if args.browser:
        webbrowser.open(landing_url(args.port, shown_ip))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=15)
        return 0


if __name__ == "__main__":
    sys.exit(main())
