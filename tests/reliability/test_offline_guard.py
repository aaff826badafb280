"""Item 14: the offline guard covers name lookups and datagrams, and lets every loopback form through.

The suite's conftest installs the guard in this process.
"""

import socket

import pytest

from filmkit.tools.offline import NetworkBlocked


@pytest.mark.parametrize("lookup", [socket.gethostbyname, socket.gethostbyname_ex, socket.gethostbyaddr,
                                    lambda h: socket.getaddrinfo(h, 80)])
def test_item14_name_lookups_of_outside_hosts_are_blocked(lookup):
    host = "8.8.8.8" if lookup is socket.gethostbyaddr else "example.org"
    with pytest.raises(NetworkBlocked, match="offline"):
        lookup(host)


def test_item14_a_udp_datagram_to_an_outside_address_is_blocked():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        with pytest.raises(NetworkBlocked, match="datagram"):
            s.sendto(b"x", ("192.0.2.1", 53))
        with pytest.raises(NetworkBlocked, match="datagram"):
            s.sendto(b"x", 0, ("192.0.2.1", 53))
        with pytest.raises(NetworkBlocked):
            s.sendmsg([b"x"], [], 0, ("192.0.2.1", 53))


def test_a_udp_connect_to_an_outside_address_is_blocked():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s, pytest.raises(NetworkBlocked):
        s.connect(("192.0.2.1", 53))


def let_through(action):
    """Run ``action``: the guard must not block it (the machine itself may still refuse or not resolve)."""
    try:
        action()
    except NetworkBlocked:
        raise
    except OSError:
        pass


@pytest.mark.parametrize("host", ["localhost", "localhost.", "LOCALHOST", "127.0.0.1", "127.1.2.3"])
def test_item14_every_ipv4_loopback_form_is_let_through(host):
    let_through(lambda: socket.gethostbyname(host))
    let_through(lambda: socket.getaddrinfo(host, 80))
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            let_through(lambda: client.connect((host, server.getsockname()[1])))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        let_through(lambda: udp.sendto(b"x", (host, 9)))


def test_item14_ipv6_loopback_forms_are_let_through():
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    try:
        server = socket.socket(socket.AF_INET6)
        server.bind(("::", 0))
    except OSError:
        pytest.skip("cannot bind IPv6 here")
    with server:
        server.listen(2)
        for host in ("::1", "::ffff:127.0.0.1"):
            with socket.socket(socket.AF_INET6) as client:
                try:
                    client.connect((host, server.getsockname()[1]))
                except NetworkBlocked:
                    raise
                except OSError:
                    pass  # the machine may not route this form; the guard let it through


def test_item14_a_lookup_of_this_machines_own_name_is_let_through():
    name = socket.gethostname()
    try:
        socket.gethostbyname(name)
        socket.getaddrinfo(name, None)
    except NetworkBlocked:
        raise
    except OSError:
        pass  # the name may not resolve here; the guard let it through


def test_a_udp_datagram_to_loopback_is_delivered():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as rx, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as tx:
        rx.bind(("127.0.0.1", 0))
        rx.settimeout(2)
        tx.sendto(b"ping", ("127.0.0.1", rx.getsockname()[1]))
        assert rx.recvfrom(16)[0] == b"ping"
