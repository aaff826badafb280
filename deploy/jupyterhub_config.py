# JupyterHub configuration for a class on one machine, written for `filmkit hub start` (deploy/hub.py).
#
# Everything that changes between runs (ports, folders, roster, limits) is read from the settings file
# deploy/hub.py writes in the hub's private folder; its path is in FILMKIT_HUB_SETTINGS.
#
# Class mode (the default; the hub runs as root, as The Littlest JupyterHub does): every student's
# server and kernels run as the student's own Unix account, in cgroups with a memory, process and CPU
# limit; logins are the roster's names with one password each (hashes only, in the private folder);
# instructors are admins from the start, and admins manage servers without opening them.
# Demo mode (--demo): one shared password, every server runs as the user who started the hub.
import asyncio
import json
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

S = json.loads(Path(os.environ["FILMKIT_HUB_SETTINGS"]).read_text())
state = Path(S["state_dir"])
sys.path.insert(0, S["root"])  # deploy.accounts, deploy.limits

# --- Network: the public proxy port, the hub and the proxy API on loopback only -------------------
c.JupyterHub.ip = S["ip"]
c.JupyterHub.port = S["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = S["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{S['proxy_api_port']}"
c.ConfigurableHTTPProxy.command = [S["proxy"]]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.ConfigurableHTTPProxy.should_start = True

# --- State: database and cookie secret in the hub's private folder (mode 0700) --------------------
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True

# --- The students' servers -------------------------------------------------------------------------
kit_dir = S["kit_dir"]
c.Spawner.cmd = [S["singleuser"]]
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = S["start_timeout"]
c.Spawner.http_timeout = S["start_timeout"]
c.JupyterHub.concurrent_spawn_limit = S["concurrent_spawn_limit"]
c.JupyterHub.active_server_limit = S["active_server_limit"]

if S["mode"] == "class":
    import pwd

    from jupyterhub.auth import Authenticator
    from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid

    from deploy import accounts, limits

    LIMITS = limits.Limits(**S["limits"])

    class ClassSpawner(LocalProcessSpawner):
        """Each server as its student's own account, in the student's cgroups (or under rlimits), on the
        student's own port (chosen by deploy/hub.py: no two servers starting at once can take the same)."""

        async def start(self):
            self.port = S["ports"][self.user.name]
            return await super().start()

        def make_preexec_fn(self, name):
            become = set_user_setuid(name)
            groups = limits.prepare(S["hub_id"], name, LIMITS)

            def preexec():
                limits.enter(groups, LIMITS)
                os.umask(0o077)  # files a student makes are the student's alone
                become()
            return preexec

    c.JupyterHub.spawner_class = ClassSpawner
    # Kernels talk to their server over Unix sockets in the student's own runtime folder, not TCP ports:
    # no port another account could knock on, and no two kernels starting at once can race for a port
    # (under load, a kernel that lost the race died before answering).
    c.Spawner.args = ["--ServerApp.ip=127.0.0.1", "--KernelManager.transport=ipc"]
    # Nothing of the hub's own environment (its PATH, its venv under /root) reaches a student.
    c.Spawner.env_keep = ["LANG", "LC_ALL"] + S["env_keep"]
    c.Spawner.environment = {
        "PATH": f"{Path(S['singleuser']).parent}:/usr/local/bin:/usr/bin:/bin",
        # The notebooks and the filmkit package pulled together into ~/KIT always match each other.
        "PYTHONPATH": lambda spawner: str(Path(pwd.getpwnam(spawner.user.name).pw_dir) / kit_dir),
        # The release's repository belongs to root; git trusts it by name from this file (which also
        # includes /etc/gitconfig); git ignores the same setting given in the environment for a local clone.
        "GIT_CONFIG_SYSTEM": S["gitconfig"],
        "MPLBACKEND": "Agg",
    }

    class RosterAuthenticator(Authenticator):
        """The roster's names, each with its own password (checked against the scrypt hashes)."""

        async def authenticate(self, handler, data):
            name = self.normalize_username((data or {}).get("username", ""))
            try:
                stored = json.loads(Path(S["logins"]).read_text()).get(name)
            except (OSError, ValueError):
                return None
            # scrypt is slow on purpose: check it off the hub's event loop, which serves everyone else meanwhile
            password = (data or {}).get("password", "")
            if stored and await asyncio.to_thread(accounts.check_password, password, stored):
                return name
            return None

    c.JupyterHub.authenticator_class = RosterAuthenticator
    c.Authenticator.allowed_users = set(S["students"]) | set(S["admins"])
    # Instructors get their role at start (no one can claim it by logging in first). They see who is on
    # and start and stop servers in the admin page, but cannot open a student's server: no page a student
    # serves ever runs in an instructor's browser (JupyterHub's advice for users who share a domain).
    # JupyterHub's own "admin" role would include opening every server, so nobody has it.
    instructor_scopes = ["self", "admin-ui", "list:users", "read:users", "admin:servers", "read:hub"]
    roles = [{"name": "instructor", "description": "the class's instructors", "users": S["admins"],
              "scopes": instructor_scopes}] if S["admins"] else []
else:  # demo: one account for everyone, one shared password
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(Path(S["homes"]) / "{username}")
    c.Spawner.args = ["--ServerApp.ip=127.0.0.1"] + (["--allow-root"] if S["allow_root"] else [])
    c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "VIRTUAL_ENV", "JUPYTERHUB_SINGLEUSER_APP"] + S["env_keep"]
    c.Spawner.environment = {"PYTHONPATH": lambda spawner: str(Path(spawner.home_dir) / kit_dir)}
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = Path(S["password_file"]).read_text().strip()
    if S["students"]:
        c.Authenticator.allowed_users = set(S["students"])
    else:
        c.Authenticator.allow_all = True
    roles = []

# --- Services: an optional driver token (tests, benchmark) and idle culling ------------------------
services = []
if S.get("driver_token_file"):
    services.append({"name": "classroom-driver", "api_token": Path(S["driver_token_file"]).read_text().strip()})
    roles.append({"name": "classroom-driver", "services": ["classroom-driver"],
                  "scopes": ["admin:users", "admin:servers", "access:servers", "tokens", "read:hub"]})
if S["cull_idle"]:
    services.append({"name": "idle-culler",
                     "command": [S["python"], "-m", "jupyterhub_idle_culler", f"--timeout={S['cull_idle']}"]})
    roles.append({"name": "idle-culler", "services": ["idle-culler"],
                  "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles
