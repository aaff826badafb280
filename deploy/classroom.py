"""A scripted student for a JupyterHub: log in, start the server, pull the kit, run a notebook, move widgets.

Used by the hub test (tests/hub) and the class-load benchmark (benchmarks/class_load.py). It talks to the
hub the way a browser does: the login form, then the hub's REST API with the student's own token, the
nbgitpuller API, the Jupyter server's contents and sessions API, and the kernel's websocket through the
hub's proxy. Widget controls are moved as a browser moves them: a comm "update" message to the widget's
model, and the kernel's answer (new summary, new chart) is read back from the same websocket.
"""

from __future__ import annotations

import json
import re
import struct
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

import requests
import websocket

TIMEOUT = 120  # seconds: the longest any single step may take


class StudentError(RuntimeError):
    """A step of a student's session failed (the message says which and why)."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def _decode(frame) -> tuple[dict, list[bytes]]:
    """A kernel message from the server's websocket (JSON text, or the binary frame that carries buffers)."""
    if isinstance(frame, str):
        return json.loads(frame), []
    nbufs = struct.unpack("!I", frame[:4])[0]
    offsets = list(struct.unpack(f"!{nbufs}I", frame[4:4 + 4 * nbufs])) + [len(frame)]
    msg = json.loads(frame[offsets[0]:offsets[1]].decode("utf-8"))
    return msg, [frame[offsets[i]:offsets[i + 1]] for i in range(1, nbufs)]


@dataclass
class Reply:
    """What the kernel sent back for one request."""
    seconds: float
    status: str = "ok"
    errors: list[str] = field(default_factory=list)
    outputs: list[dict] = field(default_factory=list)
    updated: dict = field(default_factory=dict)  # comm_id -> state keys changed by this request


class Kernel:
    """A kernel of a student's server, spoken to over its websocket (through the hub's proxy)."""

    def __init__(self, ws_url: str, token: str, username: str):
        self.session = uuid.uuid4().hex
        self.username = username
        self.ws = websocket.create_connection(f"{ws_url}?session_id={self.session}",
                                              header=[f"Authorization: token {token}"], timeout=TIMEOUT)
        self.widgets: dict[str, dict] = {}  # comm_id -> widget state, kept current from comm messages

    def close(self):
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - closing a broken socket is not an error worth reporting
            pass

    def _send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.username, "session": self.session,
                       "date": _now(), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "buffers": [], "channel": channel,
        }))
        return msg_id

    def _track(self, msg: dict, buffers: list[bytes], reply: Reply | None) -> None:
        kind = msg.get("msg_type") or msg["header"]["msg_type"]
        content = msg.get("content", {})
        if kind not in ("comm_open", "comm_msg"):
            return
        data = content.get("data", {})
        if kind == "comm_open" and content.get("target_name") != "jupyter.widget":
            return
        if kind == "comm_msg" and data.get("method") not in ("update", "echo_update"):
            return
        state = dict(data.get("state", {}))
        for path, buf in zip(data.get("buffer_paths", []), buffers):
            if len(path) == 1:
                state[path[0]] = bytes(buf)
        comm_id = content["comm_id"]
        self.widgets.setdefault(comm_id, {}).update(state)
        if reply is not None:
            reply.updated.setdefault(comm_id, set()).update(state)
        for out in state.get("outputs", []) or []:  # an Output widget that caught an exception
            if isinstance(out, dict) and out.get("output_type") == "error" and reply is not None:
                reply.errors.append(f"{out.get('ename')}: {out.get('evalue')} (inside a widget)")

    def request(self, msg_type: str, content: dict, timeout: float = TIMEOUT) -> Reply:
        """Send one shell request; wait until the kernel is idle again and has replied."""
        start = time.perf_counter()
        msg_id = self._send(msg_type, content)
        reply = Reply(seconds=0.0)
        replied = msg_type == "comm_msg"  # a comm message gets no shell reply, only busy ... idle
        idle = False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StudentError(f"the kernel did not finish a {msg_type} within {timeout} s")
            self.ws.settimeout(remaining)
            try:
                msg, buffers = _decode(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            parent = msg.get("parent_header", {}).get("msg_id")
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            if kind == "status" and msg.get("content", {}).get("execution_state") in ("restarting", "dead"):
                raise StudentError(f"the kernel died during a {msg_type} (killed, e.g. by its memory limit)")
            mine = parent == msg_id
            self._track(msg, buffers, reply if mine else None)
            if not mine:
                continue
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            content_in = msg.get("content", {})
            if kind == "status" and content_in.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
                reply.status = content_in.get("status", "ok")
            elif kind == "error":
                reply.errors.append(f"{content_in.get('ename')}: {content_in.get('evalue')}")
            elif kind in ("execute_result", "display_data", "stream"):
                reply.outputs.append({"type": kind, **content_in})
        reply.seconds = time.perf_counter() - start
        return reply

    def execute(self, code: str, timeout: float = TIMEOUT) -> Reply:
        return self.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False,
                                                "stop_on_error": True}, timeout)

    def find(self, model: str | tuple, **state) -> str:
        """The comm id of the widget of this model whose state has these values."""
        models = (model,) if isinstance(model, str) else model
        for comm_id, st in self.widgets.items():
            if st.get("_model_name") in models and all(st.get(k) == v for k, v in state.items()):
                return comm_id
        raise StudentError(f"no {models} widget with {state}")

    def set_value(self, comm_id: str, value, timeout: float = TIMEOUT) -> Reply:
        """Move a control as a browser does: send the new value, wait until the kernel has redrawn."""
        return self.request("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": {"value": value},
                                                                       "buffer_paths": []}}, timeout)


def plain_text(outputs: list[dict]) -> list[str]:
    """The text/plain of results and displays, and stream text, in order (what nbval-lax compares)."""
    texts = []
    for out in outputs:
        if out.get("type", out.get("output_type")) == "stream":
            texts.append(out.get("text", ""))
        elif "text/plain" in out.get("data", {}):
            text = out["data"]["text/plain"]
            texts.append("".join(text) if isinstance(text, list) else text)
    return texts


class Student:
    """One student's session on the hub, driven through HTTP and websockets."""

    def __init__(self, hub_url: str, name: str, password: str):
        self.hub_url = hub_url.rstrip("/")
        self.name = name
        self.password = password
        self.http = requests.Session()
        self.token: str | None = None
        self.kernels: list[Kernel] = []
        self.times: dict[str, float] = {}

    # --- hub -------------------------------------------------------------------------------------
    def login(self) -> None:
        """The login form, then a token for the API (as the student, with the student's own scopes)."""
        self.http.get(f"{self.hub_url}/hub/login", timeout=TIMEOUT).raise_for_status()
        r = self.http.post(f"{self.hub_url}/hub/login", allow_redirects=False, timeout=TIMEOUT,
                           data={"username": self.name, "password": self.password,
                                 "_xsrf": self.http.cookies.get("_xsrf", "")})
        if r.status_code != 302:
            raise StudentError(f"{self.name}: login refused ({r.status_code})")
        r = self.http.post(f"{self.hub_url}/hub/api/users/{self.name}/tokens", timeout=TIMEOUT,
                           json={"note": "classroom session", "expires_in": 4 * 3600},
                           headers={"X-XSRFToken": self.http.cookies.get("_xsrf", "")})
        if r.status_code != 201:
            raise StudentError(f"{self.name}: no API token ({r.status_code} {r.text[:200]})")
        self.token = r.json()["token"]
        self.http.headers["Authorization"] = f"token {self.token}"

    def start_server(self, timeout: float = 180) -> None:
        """Start the student's server and wait until the hub reports it ready."""
        r = self.http.post(f"{self.hub_url}/hub/api/users/{self.name}/server", timeout=timeout)
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise StudentError(f"{self.name}: server not started ({r.status_code} {r.text[:200]})")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = self.http.get(f"{self.hub_url}/hub/api/users/{self.name}", timeout=TIMEOUT).json()
            server = user.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            if not server and r.status_code == 202:
                raise StudentError(f"{self.name}: the server failed to start (see the hub's log)")
            time.sleep(0.25)
        raise StudentError(f"{self.name}: server not ready within {timeout} s")

    def stop_server(self) -> None:
        for kernel in self.kernels:
            kernel.close()
        self.http.delete(f"{self.hub_url}/hub/api/users/{self.name}/server", timeout=TIMEOUT)

    def close(self) -> None:
        """Close the student's kernel websockets and HTTP connections (the server keeps running)."""
        for kernel in self.kernels:
            kernel.close()
        self.http.close()

    def __enter__(self) -> "Student":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the student's server ----------------------------------------------------------------------
    @property
    def server(self) -> str:
        return f"{self.hub_url}/user/{self.name}"

    def pull(self, repo: str, branch: str, targetpath: str = "kit", timeout: float = TIMEOUT) -> list[str]:
        """What the nbgitpuller link does after login: clone or merge the kit into ~/targetpath."""
        # A streamed answer left before its end keeps its connection: closed by the with block.
        with self.http.get(f"{self.server}/git-pull/api", stream=True, timeout=timeout,
                           params={"repo": repo, "branch": branch, "targetpath": targetpath}) as r:
            return self._pulled(r)

    def _pulled(self, r) -> list[str]:
        r.raise_for_status()
        lines = []
        for raw in r.iter_lines(decode_unicode=True):
            if not raw or not raw.startswith("data:"):
                continue
            event = json.loads(raw[5:])
            lines.append(event.get("output", ""))
            if event.get("phase") == "finished":
                return lines
            if event.get("phase") == "error":
                raise StudentError(f"{self.name}: nbgitpuller failed: {event.get('message')} {event.get('output', '')}")
        raise StudentError(f"{self.name}: nbgitpuller stopped without finishing: {''.join(lines)[-500:]}")

    def notebook(self, path: str) -> dict:
        r = self.http.get(f"{self.server}/api/contents/{path}", params={"content": "1"}, timeout=TIMEOUT)
        r.raise_for_status()
        return r.json()["content"]

    def put_notebook(self, path: str, nb: dict) -> None:
        r = self.http.put(f"{self.server}/api/contents/{path}", timeout=TIMEOUT,
                          json={"type": "notebook", "format": "json", "content": nb})
        r.raise_for_status()

    def open_kernel(self, notebook_path: str) -> Kernel:
        """A kernel session for the notebook, as JupyterLab opens one (its working folder is the notebook's)."""
        r = self.http.post(f"{self.server}/api/sessions", timeout=TIMEOUT,
                           json={"path": notebook_path, "type": "notebook", "name": notebook_path.rsplit("/", 1)[-1],
                                 "kernel": {"name": "python3"}})
        r.raise_for_status()
        kernel_id = r.json()["kernel"]["id"]
        ws = self.server.replace("http://", "ws://").replace("https://", "wss://")
        kernel = Kernel(f"{ws}/api/kernels/{kernel_id}/channels", self.token, self.name)
        kernel.execute("pass")  # wait until the kernel answers
        self.kernels.append(kernel)
        return kernel

    def run_notebook(self, notebook_path: str, check_outputs: bool = False) -> tuple[Kernel, dict]:
        """Run every code cell in order, as Run All does; stop at the first error.

        Returns the kernel and each code cell's reply (seconds, outputs) by cell index. Cells marked
        NBVAL_CHECK_OUTPUT must print something; with check_outputs, the same text as the stored
        notebook (the rule the suite's nbval-lax run applies to the repository's copy).
        """
        nb = self.notebook(notebook_path)
        kernel = self.open_kernel(notebook_path)
        replies = {}
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            reply = kernel.execute(source)
            replies[index] = reply
            if reply.status != "ok" or reply.errors:
                raise StudentError(f"{self.name}: cell {index} of {notebook_path} failed: {reply.errors}")
            if "NBVAL_CHECK_OUTPUT" not in source:
                continue
            got = [_normal(t) for t in plain_text(reply.outputs)]
            if not any(got):
                raise StudentError(f"{self.name}: checked cell {index} of {notebook_path} printed nothing")
            want = [_normal(t) for t in plain_text(cell.get("outputs", []))]
            if check_outputs and want != got:
                raise StudentError(f"{self.name}: cell {index} of {notebook_path} printed something else:\n"
                                   f"stored: {want!r:.400}\ngot:    {got!r:.400}")
        return kernel, replies


def _normal(text: str) -> str:
    """Text as nbval-lax compares it: without widget model ids and trailing spaces."""
    text = re.sub(r"model_id='?[0-9a-f]{32}'?", "model_id", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


SLIDERS = ("IntSliderModel", "FloatSliderModel")


def summary_numbers(html: str) -> list[float]:
    """The numbers in the explorer's summary table, in order."""
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)
    numbers = []
    for cell in cells:
        for token in re.findall(r"-?\d[\d,]*\.?\d*", re.sub(r"<[^>]+>", " ", cell)):
            numbers.append(float(token.replace(",", "")))
    return numbers


class Explorer:
    """The scenario explorer of module 2 as the kernel drew it: its sliders, summary and charts."""

    SUMMARY_MARK = "The three workflows"

    def __init__(self, kernel: Kernel):
        self.kernel = kernel
        self.summary = next((cid for cid, st in kernel.widgets.items()
                             if st.get("_model_name") == "HTMLModel" and self.SUMMARY_MARK in str(st.get("value", ""))),
                            None)
        if self.summary is None:
            raise StudentError("the explorer's summary table is not among the kernel's widgets")

    def slider(self, label: str) -> str:
        return self.kernel.find(SLIDERS, description=label)

    def summary_html(self) -> str:
        return self.kernel.widgets[self.summary]["value"]

    def move(self, label: str, value) -> tuple[Reply, list[float], list[float]]:
        """Set a slider; return the kernel's reply and the summary numbers before and after."""
        before = summary_numbers(self.summary_html())
        reply = self.kernel.set_value(self.slider(label), value)
        if reply.errors:
            raise StudentError(f"moving {label!r} to {value} raised: {reply.errors}")
        return reply, before, summary_numbers(self.summary_html())
