"""The kit runs offline: a download attempt fails, in tests and inside notebook kernels."""

import socket
import urllib.error
import urllib.request

import nbformat
import pytest

from filmkit.tools.offline import NetworkBlocked
from tests.helpers import run_notebook


def test_outside_connection_is_blocked_in_tests():
    with pytest.raises((NetworkBlocked, urllib.error.URLError)) as info:
        urllib.request.urlopen("http://example.com", timeout=5)
    assert "offline" in str(info.value)


def test_loopback_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.socket()
    try:
        client.connect(server.getsockname())  # would raise if the guard blocked loopback
    finally:
        client.close()
        server.close()


def test_kernels_started_by_the_suite_are_offline():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(
        "import urllib.request\n"
        "try:\n"
        "    urllib.request.urlopen('http://example.com', timeout=5)\n"
        "    print('REACHED')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"))
    nb = run_notebook(nb, timeout=60)
    text = nb.cells[0].outputs[0]["text"]
    assert "REACHED" not in text
    assert "offline" in text
