"""A JupyterHub for a class, on one machine: start it, stop it, and make the link students click.

    python deploy/hub.py check                      # is everything installed?
    python deploy/hub.py start --password ...       # a hub on http://127.0.0.1:8000 (Ctrl-C stops it)
    python deploy/hub.py link --hub-url URL         # the nbgitpuller link that opens module 0

Install first (from the repository root):
    python -m pip install -r requirements.txt -e ".[hub]"
    npm ci --prefix deploy                          # configurable-http-proxy, from deploy/package-lock.json

Every student gets a home folder under DIR/homes/NAME. The link pulls the kit into ~/kit with
nbgitpuller and opens module 0; a second click merges new upstream commits and keeps the student's
edits. Kernels import the filmkit package from the student's own ~/kit, so notebooks and package
always come from the same commit.

This spawner runs every student's server as the user who started the hub, isolated by folder only:
fine for a class on a lab machine; for a public machine use TLJH or Kubernetes (docs/running_a_class.md).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
CONFIG = DEPLOY / "jupyterhub_config.py"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
KIT_DIR = "kit"
FIRST_MODULE = "notebooks/00_start_here.ipynb"
AUTHENTICATORS = ("first-use", "shared-password")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def singleuser_command() -> str:
    """jupyterhub-singleuser next to this Python (the hub's venv), else on PATH."""
    here = Path(sys.executable).parent / "jupyterhub-singleuser"
    return str(here) if here.exists() else (shutil.which("jupyterhub-singleuser") or "jupyterhub-singleuser")


def missing(auth: str = "shared-password") -> list[str]:
    """What is not installed for a hub with this authenticator (empty when ready)."""
    reasons = []
    for module, package in (("jupyterhub", "jupyterhub"), ("nbgitpuller", "nbgitpuller"), ("psutil", "psutil")):
        try:
            __import__(module)
        except ImportError:
            reasons.append(f"the Python package {package!r} (python -m pip install -e '.[hub]')")
    if auth == "first-use":
        try:
            __import__("firstuseauthenticator")
        except ImportError:
            reasons.append("the Python package 'jupyterhub-firstuseauthenticator' (the [hub] extra: pip install -e '.[hub]')")
    if not PROXY.exists():
        reasons.append(f"configurable-http-proxy at {PROXY.relative_to(ROOT)} (npm ci --prefix deploy)")
    if not shutil.which("git"):
        reasons.append("git (nbgitpuller pulls the kit with it)")
    return reasons


def default_repo() -> str:
    """Until the student release exists, students pull this repository (offline: from this machine)."""
    return ROOT.as_uri()


def default_branch() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "branch", "--show-current"], capture_output=True, text=True,
                             timeout=10)
        return out.stdout.strip() or "main"
    except (OSError, subprocess.SubprocessError):
        return "main"


def pull_query(repo: str, branch: str, module: str = FIRST_MODULE, kit_dir: str = KIT_DIR) -> str:
    return urllib.parse.urlencode({
        "repo": repo, "branch": branch, "targetpath": kit_dir,
        "urlpath": f"lab/tree/{kit_dir}/{module}",
    })


def pull_link(hub_url: str, repo: str, branch: str, module: str = FIRST_MODULE, kit_dir: str = KIT_DIR) -> str:
    """The link students click: log in, start my server, pull the kit into ~/kit, open the module."""
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{pull_query(repo, branch, module, kit_dir)}"


def _default_signals() -> None:
    """In the hub's process: Ctrl-C and kill work even when started from a shell that ignores them."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class LocalHub:
    """A JupyterHub process (with its proxy and the students' servers), stopped by process id."""

    def __init__(self, state_dir: Path | str | None = None, *, auth: str = "shared-password",
                 password: str | None = None, students=(), admins=(), ip: str = "127.0.0.1",
                 port: int | None = None, cull_idle: int = 0, driver_token: str | None = None,
                 env_keep=(), start_timeout: int = 120, active_server_limit: int = 0,
                 concurrent_spawn_limit: int = 100, testing: bool = False):
        if auth == "dummy" and not testing:
            raise ValueError("the dummy authenticator is for tests only")
        if auth == "shared-password" and (not password or len(password) < 8):
            raise ValueError("a shared password of at least 8 characters is required")
        self._own_dir = state_dir is None
        self.state_dir = Path(state_dir or tempfile.mkdtemp(prefix="filmkit-hub-")).resolve()
        self.homes = self.state_dir / "homes"
        self.port = port or free_port()
        self.ip = ip
        host = "127.0.0.1" if ip in ("", "0.0.0.0") else ip
        self.url = f"http://{host}:{self.port}"
        self.password = password
        self.driver_token = driver_token
        self.settings = {
            "ip": ip, "port": self.port, "hub_port": free_port(), "proxy_api_port": free_port(),
            "state_dir": str(self.state_dir), "homes": str(self.homes), "proxy": str(PROXY),
            "singleuser": singleuser_command(), "python": sys.executable,
            "allow_root": hasattr(os, "geteuid") and os.geteuid() == 0,
            "auth": auth, "password": password, "students": list(students), "admins": list(admins),
            "driver_token": driver_token, "cull_idle": int(cull_idle), "env_keep": list(env_keep),
            "start_timeout": int(start_timeout), "kit_dir": KIT_DIR,
            "active_server_limit": int(active_server_limit), "concurrent_spawn_limit": int(concurrent_spawn_limit),
        }
        self.process: subprocess.Popen | None = None
        self.log_path = self.state_dir / "jupyterhub.log"

    def home(self, name: str) -> Path:
        return self.homes / name

    def start(self, timeout: float = 90) -> "LocalHub":
        reasons = missing(self.settings["auth"])
        if reasons:
            raise RuntimeError("cannot start the hub, missing: " + "; ".join(reasons))
        self.homes.mkdir(parents=True, exist_ok=True)
        settings_file = self.state_dir / "hub-settings.json"
        settings_file.write_text(json.dumps(self.settings, indent=1))
        settings_file.chmod(0o600)  # holds the class password
        env = dict(os.environ, FILMKIT_HUB_SETTINGS=str(settings_file), PYTHONUNBUFFERED="1")
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                                        cwd=self.state_dir, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True, preexec_fn=_default_signals)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited at start, see {self.log_path}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/hub/api/", timeout=3) as response:
                    if response.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"JupyterHub did not answer within {timeout} s, see {self.log_path}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 30, remove: bool | None = None) -> None:
        """Stop the hub (which stops the proxy and every student's server), then anything left, by pid."""
        if self.process is not None and self.process.poll() is None:
            import psutil
            try:
                left = psutil.Process(self.process.pid).children(recursive=True)
            except psutil.NoSuchProcess:
                left = []
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            _, alive = psutil.wait_procs(left, timeout=10)
            for proc in alive:
                try:
                    proc.kill()
                except psutil.NoSuchProcess:
                    pass
            psutil.wait_procs(alive, timeout=10)
        if getattr(self, "_log", None):
            self._log.close()
        if remove if remove is not None else self._own_dir:
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _students(arg: str | None) -> list[str]:
    if not arg:
        return []
    path = Path(arg)
    text = path.read_text() if path.exists() else arg.replace(",", "\n")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="filmkit hub", description="A JupyterHub for a class, on one machine.")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="report what is missing to run the hub")
    check.add_argument("--auth", choices=AUTHENTICATORS, default="first-use")

    start = sub.add_parser("start", help="start the hub in the foreground (Ctrl-C stops it and every server)")
    start.add_argument("--dir", type=Path, default=Path("class-hub"),
                       help="the hub's folder: database, logs and students' homes (default ./class-hub)")
    start.add_argument("--ip", default="127.0.0.1", help="address to listen on; 0.0.0.0 for a lab network")
    start.add_argument("--port", type=int, default=8000)
    start.add_argument("--auth", choices=AUTHENTICATORS, default="first-use",
                       help="first-use: each name's first login sets its password; "
                            "shared-password: one class password (FILMKIT_HUB_PASSWORD or --password)")
    start.add_argument("--password", default=os.environ.get("FILMKIT_HUB_PASSWORD"),
                       help="the class password for shared-password (at least 8 characters)")
    start.add_argument("--students", help="file with one name per line, or names separated by commas "
                                          "(default: anyone may log in)")
    start.add_argument("--admin", action="append", default=[], help="an instructor's name (repeatable)")
    start.add_argument("--repo", default=default_repo(), help="repository students pull (default: this one)")
    start.add_argument("--branch", default=default_branch())
    start.add_argument("--cull-idle", type=int, default=3600,
                       help="stop servers idle this many seconds (0: never; needs jupyterhub-idle-culler)")
    start.add_argument("--max-servers", type=int, default=0, help="most servers running at once (0: no limit)")

    link = sub.add_parser("link", help="print the nbgitpuller link that pulls the kit and opens a module")
    link.add_argument("--hub-url", default="http://127.0.0.1:8000")
    link.add_argument("--repo", default=default_repo())
    link.add_argument("--branch", default=default_branch())
    link.add_argument("--module", default=FIRST_MODULE, help="notebook to open, relative to the kit")

    args = parser.parse_args(argv)
    if args.command == "check":
        reasons = missing(args.auth)
        for reason in reasons:
            print("missing:", reason)
        if not reasons:
            print("ready: jupyterhub, nbgitpuller, configurable-http-proxy and git are installed")
        return 1 if reasons else 0
    if args.command == "link":
        print(pull_link(args.hub_url, args.repo, args.branch, args.module))
        return 0

    if args.auth == "shared-password" and (not args.password or len(args.password) < 8):
        parser.error("shared-password needs --password or FILMKIT_HUB_PASSWORD, at least 8 characters")
    args.dir.mkdir(parents=True, exist_ok=True)
    hub = LocalHub(args.dir, auth=args.auth, password=args.password, students=_students(args.students),
                   admins=args.admin, ip=args.ip, port=args.port, cull_idle=args.cull_idle,
                   active_server_limit=args.max_servers)
    def _stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, _stop)  # kill PID stops the hub as Ctrl-C does
    signal.signal(signal.SIGINT, _stop)
    hub.start()
    public = hub.url if args.ip in ("127.0.0.1", "localhost") else f"http://<this machine's address>:{args.port}"
    print(f"JupyterHub is up: {public} (log: {hub.log_path})")
    print("Students click:")
    print("  " + pull_link(public, args.repo, args.branch))
    print(f"Ctrl-C (or kill {os.getpid()}) stops the hub and every student's server.", flush=True)
    try:
        while hub.process.poll() is None:
            time.sleep(1)
        print(f"JupyterHub exited, see {hub.log_path}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        hub.stop()


if __name__ == "__main__":
    sys.exit(main())
