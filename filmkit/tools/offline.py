"""A guard that makes any network access outside this machine fail at once: a test aid, not a sandbox.

The kit promises to work in a classroom without internet. The test suite
installs this guard in its own process and in every notebook kernel it starts,
so an accidental download fails the tests instead of passing quietly.

It only replaces functions of Python's ``socket`` module in one process: code that wants
the network can still get it (``_socket``, ``ctypes``, a subprocess such as ``curl``, a
process started without the guard). It catches the kit's own mistakes; it keeps no one out.
What keeps a class's students apart is the class hub's separate accounts
(``docs/running_a_class.md``); what proves the suite offline is CI's network namespace.

Covered: TCP and UDP ``connect``, UDP ``sendto`` and ``sendmsg`` to an address, and
name lookups (``getaddrinfo``, ``gethostbyname``, ``gethostbyname_ex``, ``gethostbyaddr``,
``getnameinfo``). Let through: every loopback form (``localhost``, ``localhost.``,
``x.localhost``, ``127.x.y.z`` and its short forms such as ``127.1``, ``::1``,
``::ffff:127.0.0.1``), the unspecified address, Unix sockets, and this machine's own name
and addresses. A ``*.localhost`` name is answered as ``localhost`` (from the hosts file),
so it never becomes a DNS query; ``getnameinfo`` of an outside address is blocked unless it
asks for numbers only.
"""

from __future__ import annotations

import ipaddress
import socket

from filmkit.i18n import N_, _

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", ""}
_INET = (socket.AF_INET, socket.AF_INET6)


class NetworkBlocked(ConnectionError):
    """Raised when code tries to reach a host that is not this machine."""


def _own_names() -> set[str]:
    names = set()
    for name in (socket.gethostname(),):
        if name:
            names.add(name.lower().rstrip("."))
            names.add(name.lower().split(".")[0])
    return names


_OWN: dict[str, set] = {}


def _own_addresses(original_getaddrinfo) -> set[str]:
    """Addresses this machine's own name resolves to (looked up once, locally)."""
    if "addresses" not in _OWN:
        found = set()
        try:
            for info in original_getaddrinfo(socket.gethostname(), None):
                found.add(str(info[4][0]).split("%")[0])
        except OSError:
            pass
        _OWN["addresses"] = found
    return _OWN["addresses"]


def _is_local(host, original_getaddrinfo=None) -> bool:
    """Is ``host`` (a name or an address, text or bytes) this machine?

    >>> [_is_local(h) for h in ("localhost.", "127.0.0.2", "::1", "::ffff:127.0.0.1", "example.org", "8.8.8.8")]
    [True, True, True, True, False, False]
    """
    if host is None:
        return True
    host = _text(host)
    name = host.rstrip(".")
    if name in _LOCAL_NAMES or name.endswith(".localhost") or name in _own_names():
        return True
    addr = _address(host)
    if addr is None:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.is_loopback or addr.is_unspecified:
        return True
    return original_getaddrinfo is not None and str(addr) in _own_addresses(original_getaddrinfo)


def _text(host) -> str:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    return str(host).strip().strip("[]").split("%")[0].lower()


def _address(host: str):
    """``host`` as an IP address, IPv4 short forms included (``127.1``, as the C library reads them), else None.

    >>> [str(_address(h)) for h in ("127.1", "::1", "2130706433", "example.org")]
    ['127.0.0.1', '::1', '127.0.0.1', 'None']
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and all(ch in "0123456789abcdefx." for ch in host) and host[0].isdigit():
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except (OSError, ValueError):
            return None
    return None


def _resolvable(host):
    """The name to resolve for ``host``: ``localhost`` for any ``*.localhost`` (never a DNS query).

    >>> [_resolvable(h) for h in ("x.localhost", "a.b.localhost.", "localhost", "example.org")]
    ['localhost', 'localhost', 'localhost', 'example.org']
    """
    if host is None:
        return host
    name = _text(host).rstrip(".")
    return "localhost" if name.endswith(".localhost") else host


#: what was blocked, one whole sentence each (``{host}`` is the host it was for)
CONNECTION = N_("the kit runs offline: a connection to {host} was blocked")
DATAGRAM = N_("the kit runs offline: a datagram to {host} was blocked")
MESSAGE = N_("the kit runs offline: a message to {host} was blocked")
LOOKUP = N_("the kit runs offline: a lookup of {host} was blocked")


def _blocked(what: str, host) -> NetworkBlocked:
    """The error for a blocked attempt; ``what`` is one of the sentences above, shown in the language in use."""
    return NetworkBlocked(_(what).format(host=repr(host)))


def guarded_lookup(original, local):
    """``original`` (a name lookup) that refuses outside hosts and answers ``*.localhost`` as ``localhost``."""
    def lookup(host, *args, **kwargs):
        if not local(host):
            raise _blocked(LOOKUP, host)
        return original(_resolvable(host), *args, **kwargs)
    lookup.__name__ = getattr(original, "__name__", "lookup")
    return lookup


def install() -> None:
    """Block non-local connections, datagrams and name lookups in this process (idempotent)."""
    if getattr(socket, "_filmkit_offline", False):
        return
    original_getaddrinfo = socket.getaddrinfo

    def local(host) -> bool:
        return _is_local(host, original_getaddrinfo)

    def guard_address(sock, address, what):
        if sock.family in _INET and isinstance(address, tuple) and address and not local(address[0]):
            raise _blocked(what, address[0])

    def wrap_connect(original):
        def connect(self, address):
            guard_address(self, address, CONNECTION)
            return original(self, address)
        return connect

    original_sendto = socket.socket.sendto
    original_sendmsg = socket.socket.sendmsg

    def sendto(self, data, *args):
        guard_address(self, args[-1] if args else None, DATAGRAM)
        return original_sendto(self, data, *args)

    def sendmsg(self, buffers, *args):
        if len(args) >= 3:
            guard_address(self, args[2], MESSAGE)
        return original_sendmsg(self, buffers, *args)

    original_getnameinfo = socket.getnameinfo

    def getnameinfo(sockaddr, flags):
        numeric = flags & socket.NI_NUMERICHOST
        if not numeric and isinstance(sockaddr, tuple) and sockaddr and not local(sockaddr[0]):
            raise _blocked(LOOKUP, sockaddr[0])
        return original_getnameinfo(sockaddr, flags)

    socket.socket.connect = wrap_connect(socket.socket.connect)
    socket.socket.connect_ex = wrap_connect(socket.socket.connect_ex)
    socket.socket.sendto = sendto
    socket.socket.sendmsg = sendmsg
    socket.getaddrinfo = guarded_lookup(original_getaddrinfo, local)
    for name in ("gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, guarded_lookup(getattr(socket, name), local))
    socket.getnameinfo = getnameinfo
    socket._filmkit_offline = True
