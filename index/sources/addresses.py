"""Which addresses a page may be fetched from: the public internet, plus networks the config allows."""

from __future__ import annotations

import ipaddress

Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def networks(allowed: tuple[str, ...]) -> Networks:
    """``allowed_networks`` parsed (``ValueError`` names a bad one)."""
    return tuple(ipaddress.ip_network(text, strict=False) for text in allowed)


def may_fetch_from(address: str, allowed: Networks = ()) -> bool:
    """True for an address on the public internet, or in one of the ``allowed`` networks."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed):
        return True
    return ip.is_global and not ip.is_multicast
