"""The kit runs offline: a download attempt fails, in tests and inside notebook kernels."""

import socket
import urllib.error
import urllib.request

import nbformat
import pytest

from filmkit.tools import offline
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


def test_short_loopback_forms_are_let_through():
    """``127.1`` is loopback, as the C library reads it; the guard used to block it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        for host in ("127.1", "2130706433"):
            with socket.socket() as client:
                client.connect((host, server.getsockname()[1]))


def test_a_localhost_subdomain_is_answered_without_a_dns_query():
    asked = []

    def spy(host, *args, **kwargs):
        asked.append(host)
        return []
    lookup = offline.guarded_lookup(spy, lambda host: offline._is_local(host))
    lookup("x.localhost", 80)
    lookup("a.b.localhost.", 80)
    assert asked == ["localhost", "localhost"], "a *.localhost name reached the resolver (a DNS query)"
    with pytest.raises(NetworkBlocked):
        lookup("example.org", 80)
    assert len(asked) == 2


def test_reverse_lookups_of_outside_addresses_are_blocked():
    with pytest.raises(NetworkBlocked, match="offline"):
        socket.getnameinfo(("192.0.2.1", 80), 0)
    assert socket.getnameinfo(("192.0.2.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV) == ("192.0.2.1", "80")
    socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICSERV)  # local: let through
