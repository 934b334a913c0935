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
