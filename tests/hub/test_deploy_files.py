"""The files for running a class elsewhere: Kubernetes (Zero to JupyterHub), the students' image, Binder.

None of these can be deployed here; what can be checked is checked: they parse, every key of the
Kubernetes config is one the chart's values schema knows, with the type it asks for (recorded from the
chart's own schema for the version the config names: z2jh_values_schema_4.3.3.json), students are kept
apart there too, the image is the one this repository builds, the resource numbers are the class-load
benchmark's (deploy/capacity.json), and the Binder build needs nothing outside the repository.
"""

import json
import os
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CONFIG = DEPLOY / "z2jh" / "config.yaml"
DOCKERFILE = DEPLOY / "image" / "Dockerfile"
SCHEMA = Path(__file__).with_name("z2jh_values_schema_4.3.3.json")
JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number",
              type(None): "null"}


def _version() -> str:
    return re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)


def _build_arg(name: str) -> str:
    return re.search(rf'^ARG {name}="([^"]+)"', DOCKERFILE.read_text(), re.M).group(1)


def _hub_extra() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["hub"]


def _hub_requirement(package: str) -> str:
    for line in _hub_extra():
        if re.match(rf"{re.escape(package)}\b", line):
            return line.strip()
    raise AssertionError(f"{package} not in the [hub] extra of pyproject.toml")


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load(CONFIG.read_text())


@pytest.fixture(scope="module")
def capacity():
    return json.loads((DEPLOY / "capacity.json").read_text())


def test_capacity_report_is_a_full_class_without_failures(capacity):
    run = capacity["class"]
    assert run["students"] >= 30 and run["failures"] == 0 and run["finished"] == run["students"]
    assert capacity["settings"]["notebook"] == "notebooks/02_cost_and_time.ipynb"
    for key in ("ready_s", "notebook_run_s", "latency_ms"):
        assert run[key]["p50"] <= run[key]["p95"]
    assert capacity["capacity"]["assumptions"], "a capacity estimate states its assumptions"


def test_z2jh_resources_are_the_benchmarks(config, capacity):
    z2jh = capacity["capacity"]["z2jh"]
    single = config["singleuser"]
    assert single["cpu"] == {"guarantee": z2jh["cpu_guarantee"], "limit": z2jh["cpu_limit"]}
    assert single["memory"] == {"guarantee": z2jh["memory_guarantee"], "limit": z2jh["memory_limit"]}


def test_z2jh_runs_the_image_this_repository_builds(config):
    build = (DEPLOY / "image" / "build.sh").read_text()
    default_image = re.search(r'IMAGE="\$\{FILMKIT_IMAGE:-([^}]+)\}"', build).group(1)
    assert config["singleuser"]["image"] == {"name": default_image, "tag": _version()}
    assert "deploy/image/Dockerfile" in build


def _settings(tree, path=()):
    """Every key path the config sets, with its value (lists are values)."""
    for key, value in tree.items():
        yield path + (key,), value
        if isinstance(value, dict):
            yield from _settings(value, path + (key,))


def _fits(value, entry) -> bool:
    if "enum" in entry:
        return value in entry["enum"]
    types = entry.get("type", [])
    types = [types] if isinstance(types, str) else types
    kind = JSON_TYPES[type(value)]
    return kind in types or (kind == "integer" and "number" in types)


def test_z2jh_config_sets_only_keys_the_charts_schema_knows_with_their_types(config):
    schema = json.loads(SCHEMA.read_text())
    assert f"--version {schema['chart_version']}" in CONFIG.read_text(), "the config names another chart version"
    assert schema["source"].endswith(f"/{schema['chart_version']}/jupyterhub/values.schema.yaml")
    keys = schema["keys"]
    unchecked, wrong = [], []
    for path, value in _settings(config):
        dotted = ".".join(path)
        if any(keys.get(".".join(path[:i]), {}).get("free_form_below") for i in range(1, len(path))):
            continue  # the chart passes these through (JupyterHub's own configuration, environment, hooks)
        entry = keys.get(dotted)
        if entry is None:
            unchecked.append(dotted)
        elif not entry.get("free_form") and not _fits(value, entry):
            wrong.append(f"{dotted} = {value!r} (schema: {entry})")
    assert unchecked == [], f"keys the recorded chart schema does not have (a typo, or record them): {unchecked}"
    assert wrong == []


def test_z2jh_keeps_students_apart_and_logs_in_through_the_institution(config):
    single = config["singleuser"]
    assert single["networkPolicy"]["enabled"] is True
    assert single["networkPolicy"]["egressAllowRules"]["privateIPs"] is False, "students' pods could reach each other"
    assert single["storage"]["type"] == "dynamic", "one volume per student"
    hub = config["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] == "generic-oauth"
    assert hub["GenericOAuthenticator"].get("allowed_users") or hub["GenericOAuthenticator"].get("allowed_groups")
    assert "SharedPasswordAuthenticator" not in hub and "Authenticator" not in hub, "no shared password, no allow_all"
    instructor = config["hub"]["loadRoles"]["instructor"]
    assert "access:servers" not in instructor["scopes"] and "admin" not in instructor["scopes"]
    text = CONFIG.read_text().lower()
    assert "dummy" not in text and "client_secret:" not in text and "admin_users" not in text


def test_z2jh_pulls_the_release_opens_lab_and_culls_idle_servers(config):
    single = config["singleuser"]
    assert single["defaultUrl"] == "/lab"
    hook = " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "gitpuller" in hook and " kit" in hook and "filmkit-class" in hook, "students pull the student release"
    assert single["extraEnv"]["PYTHONPATH"] == "/home/jovyan/kit"
    assert config["cull"]["enabled"] is True and 600 <= config["cull"]["timeout"] <= 4 * 3600


def test_image_definition_installs_the_kit_and_matches_the_hub(config):
    text = DOCKERFILE.read_text()
    assert re.search(r"^FROM python:3\.\d+", text, re.M)
    assert '"/opt/filmkit[lab]"' in text and "COPY" in text
    assert re.search(r"^USER 1000$", text, re.M)
    assert re.search(r'^CMD \["jupyterhub-singleuser"\]', text, re.M)
    # Zero to JupyterHub chart 4.x runs JupyterHub 5: the image's singleuser must be 5 too.
    assert _build_arg("JUPYTERHUB_SPEC") == "jupyterhub>=5.2,<6"
    assert _build_arg("NBGITPULLER_SPEC") == _hub_requirement("nbgitpuller")
    ignore = (DEPLOY / "image" / "Dockerfile.dockerignore").read_text().split()
    assert "**/node_modules" in ignore and ".venv" in ignore and ".git" in ignore


def test_binder_builds_from_the_repository_alone():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", runtime)
    minimum = re.search(r'requires-python\s*=\s*">=3\.(\d+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert int(runtime.split(".")[1]) >= int(minimum)
    image_python = re.search(r"^FROM python:(3\.\d+)", DOCKERFILE.read_text(), re.M).group(1)
    assert runtime == f"python-{image_python}", "Binder and the class image use the same Python"
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK) and post.read_text().startswith("#!")
    assert 'pip install --no-cache-dir ".[lab]"' in post.read_text()
    assert "http" not in post.read_text()
    assert re.search(r"^lab = \[", (ROOT / "pyproject.toml").read_text(), re.M), "the [lab] extra exists"
    assert sorted(p.name for p in (ROOT / "binder").iterdir()) == ["postBuild", "runtime.txt"]


def test_hub_dependencies_are_declared_with_ranges():
    for line in _hub_extra():
        assert ">=" in line and "<" in line.replace("<=", ""), f"no version range: {line}"
    package = json.loads((DEPLOY / "package.json").read_text())
    assert "configurable-http-proxy" in package["dependencies"]
    lock = json.loads((DEPLOY / "package-lock.json").read_text())
    assert "node_modules/configurable-http-proxy" in lock["packages"]


def test_the_guide_quotes_the_measured_capacity(capacity):
    guide = (ROOT / "docs" / "running_a_class.md").read_text()
    cap = capacity["capacity"]
    for figure in (cap["students_per_core"], cap["students_per_gb"], capacity["class"]["students"],
                   capacity["class"]["latency_ms"]["p95"]):
        assert f"{figure:g}" in guide, f"docs/running_a_class.md does not quote {figure}"
    for command in ("filmkit hub start", "npm ci --prefix deploy", "helm upgrade --install",
                    "deploy/image/build.sh", "python benchmarks/class_load.py", "mybinder.org", "tljh"):
        assert command in guide, f"docs/running_a_class.md lacks {command!r}"
