# JupyterHub configuration for a class on one machine, written for `python deploy/hub.py start`.
#
# Everything that changes between runs (ports, folders, authenticator, password, students) is read
# from the JSON settings file that deploy/hub.py writes; its path is in FILMKIT_HUB_SETTINGS.
# Run JupyterHub with this file only through deploy/hub.py (it also checks the proxy is installed).
import json
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

S = json.loads(Path(os.environ["FILMKIT_HUB_SETTINGS"]).read_text())
state = Path(S["state_dir"])

# --- Network: the public proxy port, the hub and the proxy API on loopback only -------------------
c.JupyterHub.ip = S["ip"]
c.JupyterHub.port = S["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = S["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{S['proxy_api_port']}"
c.ConfigurableHTTPProxy.command = [S["proxy"]]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.ConfigurableHTTPProxy.should_start = True

# --- State: database and cookie secret in the hub's own folder -------------------------------------
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True

# --- One home folder per student; the student's copy of the kit is what the kernels import ---------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(Path(S["homes"]) / "{username}")
c.Spawner.cmd = [S["singleuser"]]
c.Spawner.args = ["--ServerApp.ip=127.0.0.1"] + (["--allow-root"] if S["allow_root"] else [])
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = S["start_timeout"]
c.Spawner.http_timeout = S["start_timeout"]
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "VIRTUAL_ENV", "JUPYTERHUB_SINGLEUSER_APP"] + S["env_keep"]
kit_dir = S["kit_dir"]
c.Spawner.environment = {
    # The notebooks and the filmkit package pulled together into ~/KIT always match each other.
    "PYTHONPATH": lambda spawner: str(Path(spawner.home_dir) / kit_dir),
}
c.JupyterHub.concurrent_spawn_limit = S["concurrent_spawn_limit"]
c.JupyterHub.active_server_limit = S["active_server_limit"]

# --- Who may log in -------------------------------------------------------------------------------
auth = S["auth"]
if auth == "shared-password":
    # Built into JupyterHub 5+. Anyone with the class password may log in under any (non-admin) name.
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = S["password"]
elif auth == "first-use":
    # jupyterhub-firstuseauthenticator: the first login under a name sets that name's password.
    c.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
    c.FirstUseAuthenticator.create_users = True
    c.FirstUseAuthenticator.dbm_path = str(state / "passwords.dbm")
    c.FirstUseAuthenticator.min_password_length = 8
elif auth == "dummy":
    # Tests only (deploy/hub.py refuses it outside tests): any password, or the one given.
    c.JupyterHub.authenticator_class = "dummy"
    if S.get("password"):
        c.DummyAuthenticator.password = S["password"]
else:
    sys.exit(f"unknown authenticator {auth!r}")
if S["students"]:
    c.Authenticator.allowed_users = set(S["students"])
else:
    c.Authenticator.allow_all = True
if S["admins"]:
    c.Authenticator.admin_users = set(S["admins"])

# --- Services: an optional driver token (tests, benchmark) and idle culling ------------------------
services, roles = [], []
if S.get("driver_token"):
    services.append({"name": "classroom-driver", "api_token": S["driver_token"]})
    roles.append({"name": "classroom-driver", "services": ["classroom-driver"],
                  "scopes": ["admin:users", "admin:servers", "access:servers", "tokens", "read:hub"]})
if S["cull_idle"]:
    services.append({"name": "idle-culler",
                     "command": [S["python"], "-m", "jupyterhub_idle_culler", f"--timeout={S['cull_idle']}"]})
    roles.append({"name": "idle-culler", "services": ["idle-culler"],
                  "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles
