"""A guard that makes any network access outside this machine fail at once.

The kit promises to work in a classroom without internet. The test suite
installs this guard in its own process and in every notebook kernel it starts,
so an accidental download fails the tests instead of passing quietly.
"""

from __future__ import annotations

import ipaddress
import socket

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkBlocked(ConnectionError):
    """Raised when code tries to reach a host that is not this machine."""


def _is_local(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%")[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    return addr.is_loopback or addr.is_unspecified


def _guarded_connect(original):
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            raise NetworkBlocked(f"the kit runs offline: a connection to {address[0]!r} was blocked")
        return original(self, address)

    return connect


def _guarded_getaddrinfo(original):
    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            raise NetworkBlocked(f"the kit runs offline: a lookup of {host!r} was blocked")
        return original(host, *args, **kwargs)

    return getaddrinfo


def install() -> None:
    """Block non-local connections and name lookups in this process (idempotent)."""
    if getattr(socket, "_filmkit_offline", False):
        return
    socket.socket.connect = _guarded_connect(socket.socket.connect)
    socket.socket.connect_ex = _guarded_connect(socket.socket.connect_ex)
    socket.getaddrinfo = _guarded_getaddrinfo(socket.getaddrinfo)
    socket._filmkit_offline = True
