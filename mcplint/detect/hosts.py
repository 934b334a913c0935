"""Which hosts are this machine: credentials sent to them do not cross a network."""

from __future__ import annotations

import ipaddress

LOCAL_HOSTS = frozenset({"localhost", "host.docker.internal", "gateway.docker.internal", "0.0.0.0", "::", "::1"})


def is_loopback(host: str) -> bool:
    """``localhost``, ``*.localhost``, 127.0.0.0/8, ``::1``, 0.0.0.0 and Docker's host alias."""
    host = host.strip("[]").lower().rstrip(".")
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


# Names reserved for documentation and tests (RFC 2606, RFC 6761): a config naming one is a sample.
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
_RESERVED_DOMAINS = ("example.com", "example.org", "example.net")


def is_remote_host(host: str) -> bool:
    """A host on another machine by a name or address that routes beyond this one: a dotted name
    or an IP address that is not loopback, and not a documentation name (``db.example.com``).

    A bare single-label name (``db``, ``postgres``) is a container or LAN alias, not counted.
    """
    host = host.strip("[]").lower().rstrip(".")
    if not host or is_loopback(host):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return not (address.is_link_local or address.is_multicast or address.is_reserved)
    if "." not in host or host.endswith(_RESERVED_SUFFIXES):
        return False
    return not any(host == domain or host.endswith("." + domain) for domain in _RESERVED_DOMAINS)
