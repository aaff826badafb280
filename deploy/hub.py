"""A JupyterHub for a class, on one machine: set it up, start it, and make the link students click.

    filmkit hub setup                                 # once, with the network: the students' Python in /opt
    sudo filmkit hub start --students roster.txt --admin teacher    # a hub on http://127.0.0.1:8000
    filmkit hub link --hub-url URL                    # the nbgitpuller link that opens module 0
    sudo filmkit hub remove-accounts --students roster.txt --admin teacher   # end of term
    filmkit hub start --demo                          # one shared password, no accounts: a demo, never a class

Install first (from the repository root):
    python -m pip install -r requirements.txt -e ".[hub]"
    npm ci --prefix deploy                          # configurable-http-proxy, from deploy/package-lock.json

A class hub runs as root (as The Littlest JupyterHub does). For every name of the roster and every
instructor it makes a Unix account (home mode 0700) and a password (deploy/accounts.py); each student's
server and kernels run as that account, in cgroups with a memory, process and CPU limit
(deploy/limits.py), from the students' environment in /opt (deploy/student_env.py). The hub's state
(database, cookie secret, settings, password hashes, log) sits in DIR/state, mode 0700. Students pull
the student release (`filmkit release`, rebuilt at each start into DIR/release.git), never the
instructor's checkout, which the hub closes to other accounts.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy import accounts, limits, student_env  # noqa: E402
from filmkit.classroom import hub as words  # noqa: E402
from filmkit.classroom.release import number_between  # noqa: E402
from filmkit.i18n import _  # noqa: E402

CONFIG = DEPLOY / "jupyterhub_config.py"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
KIT_DIR = "kit"
FIRST_MODULE = "notebooks/00_start_here.ipynb"
DEFAULT_DIR = Path("/srv/filmkit-hub")
RELEASE_REPO = "release.git"
BRANCH = "main"
GIT = ["git", "-c", "user.name=filmkit hub", "-c", "user.email=hub@filmkit.invalid", "-c", "commit.gpgsign=false"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reserve_ports(names, low: int = 20000, high: int = 32000) -> dict[str, int]:
    """One port per person for their server, free now, below Linux's ephemeral range (where kernels' ports are).

    JupyterHub's own choice (a random free port at each start) let two servers starting at once pick the
    same port under load: the hub then routed a student to a classmate's server, which refused them.
    """
    ports, port = {}, low + secrets.randbelow(high - low - 4 * len(names) - 1)
    for name in names:
        while True:
            port += 1
            if port >= high:
                raise HubError("no free ports left between 20000 and 32000 for the students' servers")
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    continue
            ports[name] = port
            break
    return ports


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def singleuser_command() -> str:
    """jupyterhub-singleuser next to this Python (the hub's venv), else on PATH (demo mode)."""
    here = Path(sys.executable).parent / "jupyterhub-singleuser"
    return str(here) if here.exists() else (shutil.which("jupyterhub-singleuser") or "jupyterhub-singleuser")


def missing(demo: bool = False, env: Path = student_env.DEFAULT) -> list[str]:
    """What is not installed for a hub (empty when ready); a class hub also needs the students' environment."""
    reasons = []
    for module, package in (("jupyterhub", "jupyterhub"), ("nbgitpuller", "nbgitpuller"), ("psutil", "psutil")):
        try:
            __import__(module)
        except ImportError:
            reasons.append(f"the Python package {package!r} (python -m pip install -e '.[hub]')")
    if not PROXY.exists():
        reasons.append(f"configurable-http-proxy at {PROXY.relative_to(ROOT)} (npm ci --prefix deploy)")
    if not shutil.which("git"):
        reasons.append("git (nbgitpuller pulls the kit with it)")
    if not demo and not reasons:
        reasons += student_env.missing(env)
    return reasons


def pull_query(repo: str, branch: str = BRANCH, module: str = FIRST_MODULE, kit_dir: str = KIT_DIR) -> str:
    return urllib.parse.urlencode({
        "repo": repo, "branch": branch, "targetpath": kit_dir,
        "urlpath": f"lab/tree/{kit_dir}/{module}",
    })


def pull_link(hub_url: str, repo: str, branch: str = BRANCH, module: str = FIRST_MODULE,
              kit_dir: str = KIT_DIR) -> str:
    """The link students click: log in, start my server, pull the kit into ~/kit, open the module."""
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{pull_query(repo, branch, module, kit_dir)}"


def publish_release(repo: Path, lang: str = "en") -> str:
    """Build the student release and commit it on top of ``repo`` (a bare repository, made if new).

    Each start adds one commit when the release changed, so the students' second click merges it.
    Returns the commit. The repository is readable by every account, writable by root only.
    """
    from filmkit.classroom.release import release

    repo = Path(repo)
    work = Path(tempfile.mkdtemp(prefix="filmkit-release-"))
    try:
        tree = release(work / "release", echo=lambda *a: None, lang=lang)
        if not (repo / "HEAD").exists():
            subprocess.run(["git", "init", "--quiet", "--bare", "-b", BRANCH, str(repo)], check=True,
                           capture_output=True)
        git = GIT + [f"--git-dir={repo}", f"--work-tree={tree}"]
        subprocess.run(git + ["add", "--all", "."], check=True, capture_output=True, cwd=tree)
        changed = subprocess.run(git + ["diff", "--cached", "--quiet"], cwd=tree).returncode != 0
        has_head = subprocess.run(git + ["rev-parse", "--verify", "-q", "HEAD"], capture_output=True).returncode == 0
        if changed or not has_head:
            subprocess.run(git + ["commit", "--quiet", "-m", "Student release"], check=True, capture_output=True,
                           cwd=tree)
        for folder, dirs, files in os.walk(repo):
            for name in [folder, *(os.path.join(folder, n) for n in [*dirs, *files])]:
                os.chmod(name, 0o755 if os.path.isdir(name) else 0o644)
        return subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def close_checkout(root: Path = ROOT) -> bool:
    """Close the kit's checkout (answer key, solutions, rubrics, history) to other accounts; True if it was open."""
    mode = root.stat().st_mode & 0o777
    if mode & 0o077:
        root.chmod(mode & 0o700)
        return True
    return False


def _default_signals() -> None:
    """In the hub's process: Ctrl-C and kill work even when started from a shell that ignores them."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.umask(0o077)  # the database, cookie secret and log: the hub's alone


class HubError(RuntimeError):
    """The hub cannot start as asked (the message says why and what to do)."""


class LocalHub:
    """A JupyterHub process (with its proxy and the students' servers), stopped by process id.

    Class mode (default, root only): ``students`` and ``admins`` get accounts and passwords
    (``new_passwords`` holds the ones made at this start). ``demo=True``: one shared ``password``,
    every server as the current user, homes in DIR/homes.
    """

    def __init__(self, folder: Path | str | None = None, *, demo: bool = False, password: str | None = None,
                 students=(), admins=(), ip: str = "127.0.0.1", port: int | None = None, cull_idle: int = 0,
                 driver_token: str | None = None, env_keep=(), start_timeout: int = 120,
                 active_server_limit: int = 0, concurrent_spawn_limit: int = 100,
                 limits_per_student: limits.Limits = limits.Limits(), env: Path = student_env.DEFAULT,
                 homes: Path | None = None, lang: str = "en", release_repo: Path | None = None):
        if not demo:
            accounts.check_names([*students, *admins])
        if demo and (not password or len(password) < 8):
            raise HubError("the demo's shared password must have at least 8 characters")
        self.demo = demo
        self._own_dir = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="filmkit-hub-")).resolve()
        self.state_dir = self.folder / "state"
        self.release_repo = Path(release_repo or self.folder / RELEASE_REPO).resolve()
        self.port = port or free_port()
        self.ip = ip
        host = "127.0.0.1" if ip in ("", "0.0.0.0") else ip
        self.url = f"http://{host}:{self.port}"
        self.students, self.admins = list(students), list(admins)
        self.password, self.driver_token, self.lang = password, driver_token, lang
        self.new_passwords: dict[str, str] = {}
        self.hub_id = "h" + secrets.token_hex(4)
        self.homes = Path(homes) if homes else None
        self.settings = {
            "mode": "demo" if demo else "class", "root": str(ROOT), "hub_id": self.hub_id,
            "ip": ip, "port": self.port, "hub_port": free_port(), "proxy_api_port": free_port(),
            "state_dir": str(self.state_dir), "homes": str(self.folder / "homes"), "proxy": str(PROXY),
            "singleuser": singleuser_command() if demo else str(student_env.singleuser(env)),
            "python": sys.executable, "allow_root": is_root(),
            "students": self.students, "admins": self.admins,
            "logins": str(self.state_dir / "logins.json"), "password_file": str(self.state_dir / "class-password"),
            "driver_token_file": str(self.state_dir / "driver-token") if driver_token else None,
            "release_repo": str(self.release_repo), "gitconfig": str(self.folder / "gitconfig"), "cull_idle": int(cull_idle), "env_keep": list(env_keep),
            "start_timeout": int(start_timeout), "kit_dir": KIT_DIR, "limits": limits_per_student.as_dict(),
            "active_server_limit": int(active_server_limit), "concurrent_spawn_limit": int(concurrent_spawn_limit),
        }
        self.env = env
        self.process: subprocess.Popen | None = None
        self.log_path = self.state_dir / "jupyterhub.log"

    @property
    def repo_url(self) -> str:
        return self.release_repo.as_uri()

    @property
    def handout(self) -> Path:
        """The instructor's list of new passwords (mode 0600)."""
        return self.state_dir / "passwords.csv"

    def home(self, name: str) -> Path:
        if self.demo:
            return self.folder / "homes" / name
        return Path(pwd.getpwnam(name).pw_dir)

    def prepare(self) -> None:
        """Everything before JupyterHub starts: folders, accounts, passwords, the release, the checkout closed."""
        reasons = missing(self.demo, self.env)
        if reasons:
            raise HubError("cannot start the hub, missing: " + "; ".join(reasons))
        if not self.demo:
            if not is_root():
                raise HubError(_(words.NEEDS_ROOT))
            if not self.students:
                raise HubError(_(words.NEEDS_ROSTER))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)  # students reach DIR/release.git, nothing else
        self.state_dir.mkdir(mode=0o700, exist_ok=True)
        self.state_dir.chmod(0o700)
        if self.driver_token:
            accounts.write_private(self.state_dir / "driver-token", self.driver_token)
        if self.demo:
            (self.folder / "homes").mkdir(exist_ok=True)
            accounts.write_private(Path(self.settings["password_file"]), self.password)
        else:
            for name in [*self.admins, *self.students]:
                accounts.ensure_account(name, self.homes)
            self.settings["ports"] = reserve_ports([*self.admins, *self.students])
            self.new_passwords = accounts.issue_passwords([*self.admins, *self.students],
                                                          Path(self.settings["logins"]), self.handout)
            limits.weigh_class(self.hub_id, len(self.students) + len(self.admins))
            if close_checkout(ROOT):
                print(_(words.CHECKOUT_CLOSED).format(folder=ROOT), flush=True)
        if not (self.release_repo / "HEAD").exists() or self.release_repo == (self.folder / RELEASE_REPO).resolve():
            publish_release(self.release_repo, self.lang)
        gitconfig = Path(self.settings["gitconfig"])
        gitconfig.write_text(f"[include]\n\tpath = /etc/gitconfig\n[safe]\n\tdirectory = {self.release_repo}\n")
        gitconfig.chmod(0o644)
        closed = None if self.demo else student_env.closed_to_others(self.release_repo)
        if closed:
            raise HubError(f"students cannot reach the release: {closed}; choose a --dir outside the kit's folder "
                           f"(default {DEFAULT_DIR})")
        accounts.write_private(self.state_dir / "hub-settings.json", json.dumps(self.settings, indent=1))

    def start(self, timeout: float = 120) -> "LocalHub":
        self.prepare()
        env = dict(os.environ, FILMKIT_HUB_SETTINGS=str(self.state_dir / "hub-settings.json"), PYTHONUNBUFFERED="1")
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        self._log = os.fdopen(os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
        groups = [] if self.demo else limits.hub_group(self.hub_id, len(self.students) + len(self.admins))

        def preexec():
            _default_signals()
            limits.join(groups)
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                                        cwd=self.state_dir, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True, preexec_fn=preexec)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(f"JupyterHub exited at start, see {self.log_path}:\n{self.log_tail()}")
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
            _gone, alive = psutil.wait_procs(left, timeout=10)
            for proc in alive:
                try:
                    proc.kill()
                except psutil.NoSuchProcess:
                    pass
            psutil.wait_procs(alive, timeout=10)
        if getattr(self, "_log", None):
            self._log.close()
        if not self.demo and is_root():
            limits.remove(self.hub_id)
        if remove if remove is not None else self._own_dir:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _names(arg: str | None) -> list[str]:
    return accounts.read_roster(Path(arg)) if arg else []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="filmkit hub", description="A JupyterHub for a class, on one machine.")
    sub = parser.add_subparsers(dest="command", required=True)

    setup = sub.add_parser("setup", help="make the students' Python environment (once, needs the network)")
    setup.add_argument("--env", type=Path, default=student_env.DEFAULT)

    check = sub.add_parser("check", help="report what is missing to run the hub")
    check.add_argument("--demo", action="store_true")
    check.add_argument("--env", type=Path, default=student_env.DEFAULT)

    start = sub.add_parser("start", help="start the hub in the foreground (Ctrl-C stops it and every server)")
    start.add_argument("--dir", type=Path, default=DEFAULT_DIR,
                       help=f"the hub's folder: private state, the release students pull (default {DEFAULT_DIR})")
    start.add_argument("--ip", default="127.0.0.1", help="address to listen on; 0.0.0.0 for a lab network")
    start.add_argument("--port", type=number_between(1, 65535, whole=True), default=8000)
    start.add_argument("--students", help="the roster: a file with one name per line (required for a class)")
    start.add_argument("--admin", action="append", default=[], help="an instructor's name (repeatable)")
    start.add_argument("--lang", default="en", help="the edition students get: en, es, fr or all")
    start.add_argument("--memory-mb", type=number_between(64, 1_000_000, whole=True), default=limits.Limits.memory_mb, help="memory per student")
    start.add_argument("--cpu-cores", type=number_between(0.1, 1024), default=limits.Limits.cpu_cores, help="most cores per student")
    start.add_argument("--env", type=Path, default=student_env.DEFAULT, help="the students' Python environment")
    start.add_argument("--cull-idle", type=number_between(0, 10_000_000, whole=True), default=3600,
                       help="stop servers idle this many seconds (0: never; needs jupyterhub-idle-culler)")
    start.add_argument("--max-servers", type=number_between(0, 100_000, whole=True), default=0, help="most servers running at once (0: no limit)")
    start.add_argument("--demo", action="store_true",
                       help="a demo, never a class: one shared password (FILMKIT_HUB_PASSWORD), every server as you")

    link = sub.add_parser("link", help="print the nbgitpuller link that pulls the release and opens a module")
    link.add_argument("--hub-url", default="http://127.0.0.1:8000")
    link.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    link.add_argument("--repo", help="repository students pull (default: DIR/release.git)")
    link.add_argument("--branch", default=BRANCH)
    link.add_argument("--module", default=FIRST_MODULE, help="notebook to open, relative to the kit")

    remove = sub.add_parser("remove-accounts", help="remove the accounts (and homes) the hub made for a roster")
    remove.add_argument("--students", required=True)
    remove.add_argument("--admin", action="append", default=[])

    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except (HubError, accounts.AccountError) as exc:
        print(_("filmkit hub: {error}").format(error=exc), file=sys.stderr)
        return 2


def _run(parser, args) -> int:
    if args.command == "setup":
        student_env.setup(args.env)
        return 0
    if args.command == "check":
        reasons = missing(args.demo, args.env)
        for reason in reasons:
            print("missing:", reason)
        if not reasons:
            print("ready: jupyterhub, nbgitpuller, configurable-http-proxy, git and the students' environment")
        return 1 if reasons else 0
    if args.command in ("link", "start") and args.dir.exists() and not args.dir.is_dir():
        raise HubError(_(words.DIR_IS_A_FILE).format(folder=args.dir, default=DEFAULT_DIR))
    if args.command == "link":
        print(pull_link(args.hub_url, args.repo or (args.dir.resolve() / RELEASE_REPO).as_uri(), args.branch,
                        args.module))
        return 0
    if args.command == "remove-accounts":
        names = [n for n in [*args.admin, *_names(args.students)] if accounts.remove_account(n)]
        print(_(words.ACCOUNTS_REMOVED).format(names=", ".join(names) or "-"))
        return 0

    students = _names(args.students)  # a roster that cannot be read is named before any account is made
    password = os.environ.get("FILMKIT_HUB_PASSWORD")
    if args.demo:
        if not password or len(password) < 8:
            parser.error("--demo needs FILMKIT_HUB_PASSWORD, at least 8 characters")
        print(_(words.DEMO_WARNING).format(user=pwd.getpwuid(os.getuid()).pw_name), file=sys.stderr, flush=True)
    elif not is_root():
        raise HubError(_(words.NEEDS_ROOT))
    elif not args.students:
        raise HubError(_(words.NEEDS_ROSTER))
    hub = LocalHub(args.dir, demo=args.demo, password=password, students=students, admins=args.admin,
                   ip=args.ip, port=args.port, cull_idle=args.cull_idle, active_server_limit=args.max_servers,
                   limits_per_student=limits.Limits(memory_mb=args.memory_mb, cpu_cores=args.cpu_cores),
                   env=args.env, lang=args.lang)

    def _stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, _stop)  # kill PID stops the hub as Ctrl-C does
    signal.signal(signal.SIGINT, _stop)
    hub.start()
    if hub.new_passwords:
        count = len(hub.new_passwords)
        print(words.passwords_written(count, hub.handout))
    print(_(words.RELEASE_SERVED).format(repo=hub.repo_url))
    public = hub.url if args.ip in ("127.0.0.1", "localhost") else f"http://<this machine's address>:{args.port}"
    print(f"JupyterHub is up: {public} (log: {hub.log_path})")
    print("Students click:")
    print("  " + pull_link(public, hub.repo_url))
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
