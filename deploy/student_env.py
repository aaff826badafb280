"""The Python environment the students' servers run in: one every student's account can execute.

The hub runs each student's server as that student's own Unix user, so the Python it starts must be
readable and executable by every account. A virtual environment made from a Python under /root (pyenv,
for instance; /root is mode 0700) cannot be run by them. ``setup`` makes one from the system's Python
(Debian's /usr/bin/python3) under /opt, with the kit, JupyterLab, the single-user server (the hub's own
JupyterHub version) and nbgitpuller, and makes it readable by all. It needs the network (PyPI) once;
the hub then starts offline.
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: where ``filmkit hub setup`` puts the students' environment (override: FILMKIT_STUDENT_ENV)
DEFAULT = Path(os.environ.get("FILMKIT_STUDENT_ENV", "/opt/filmkit-hub"))
SYSTEM_PYTHON = "/usr/bin/python3"


def singleuser(prefix: Path = DEFAULT) -> Path:
    return Path(prefix) / "bin" / "jupyterhub-singleuser"


def _hub_version() -> str:
    import jupyterhub
    return jupyterhub.__version__


def closed_to_others(path: Path) -> str | None:
    """Why another account cannot reach ``path`` (a folder on its way is closed to them), or None."""
    for folder in [*reversed(Path(path).parents), Path(path)]:
        try:
            mode = folder.stat().st_mode
        except OSError:
            return f"{folder} does not exist"
        if folder.is_dir() and not mode & stat.S_IXOTH:
            return f"{folder} is closed to other accounts (mode {stat.filemode(mode)})"
    return None


def _others_can_run(path: Path) -> str | None:
    """Why another account cannot execute ``path``, or None."""
    closed = closed_to_others(Path(path).parent) or (None if Path(path).exists() else f"{path} does not exist")
    if closed:
        return closed
    return None if Path(path).stat().st_mode & stat.S_IXOTH else f"{path} is not executable by other accounts"


def _python_of(prefix: Path) -> Path | None:
    """The real interpreter behind the environment's python (a venv's ``home`` in pyvenv.cfg)."""
    cfg = Path(prefix) / "pyvenv.cfg"
    if not cfg.is_file():
        return None
    for line in cfg.read_text().splitlines():
        key, _sep, value = line.partition("=")
        if key.strip() == "home":
            return Path(value.strip()) / "python3"
    return None


def missing(prefix: Path = DEFAULT) -> list[str]:
    """What keeps the students' servers from starting with this environment (empty when ready)."""
    fix = "run `filmkit hub setup` (needs the network once)"
    server = singleuser(prefix)
    if not server.exists():
        return [f"the students' environment {server} ({fix})"]
    reasons = [r for r in (_others_can_run(server), _others_can_run(_python_of(prefix) or server)) if r]
    version = subprocess.run([str(Path(prefix) / "bin" / "python"), "-c",
                              "import jupyterhub, nbgitpuller, filmkit; print(jupyterhub.__version__)"],
                             capture_output=True, text=True, timeout=60)
    if version.returncode != 0:
        reasons.append(f"the students' environment {prefix} lacks jupyterhub, nbgitpuller or filmkit ({fix})")
    elif version.stdout.strip() != _hub_version():
        reasons.append(f"the students' environment has JupyterHub {version.stdout.strip()}, the hub "
                       f"{_hub_version()} ({fix})")
    return [f"{r}: students could not run it" if "closed" in r or "not executable" in r else r for r in reasons]


def setup(prefix: Path = DEFAULT, python: str = SYSTEM_PYTHON, echo=print) -> float:
    """Make (or update) the students' environment; returns the seconds it took."""
    start = time.monotonic()
    prefix = Path(prefix)
    if not Path(python).exists():
        raise RuntimeError(f"{python} not found: install the system's Python (apt-get install python3 python3-venv)")
    if not (prefix / "bin" / "python").exists():
        subprocess.run([python, "-m", "venv", str(prefix)], check=True)
    pip = [str(prefix / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    echo(f"installing the kit, JupyterLab, JupyterHub {_hub_version()} and nbgitpuller into {prefix} ...")
    subprocess.run(pip + [f"{ROOT}[lab]", f"jupyterhub=={_hub_version()}", "nbgitpuller>=1.2,<2"], check=True)
    for folder, dirs, files in os.walk(prefix):  # readable by every account, writable by none but root
        for name in [*dirs, *files]:
            path = Path(folder, name)
            if not path.is_symlink():
                mode = path.stat().st_mode
                path.chmod((mode | stat.S_IRGRP | stat.S_IROTH | (0o011 if mode & 0o100 else 0)) & ~0o022)
    prefix.chmod(0o755)
    seconds = time.monotonic() - start
    echo(f"the students' environment is ready in {prefix} ({seconds:.0f} s)")
    return seconds

