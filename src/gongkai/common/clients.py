"""Who is asking: the client's address, taken from `X-Forwarded-For` only when the request came through a trusted proxy.

Behind the nginx site gongkai prints (`gongkai manage portal_nginx`), every request reaches Django from nginx's
address; the client is the right-most address in `X-Forwarded-For` that is not itself a trusted proxy. Addresses to
the left of it were written by the client and are never believed. The rate limits and the login throttle key on
`client_ip()`, nothing else reads `REMOTE_ADDR`.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def parse_networks(entries: list[str]) -> tuple[Network, ...]:
    """The networks of a setting such as GONGKAI_TRUSTED_PROXIES (addresses or CIDR ranges); ValueError if bad."""
    return _networks(tuple(entries))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == network.version and address in network for network in networks)


def client_ip(request) -> str:
    """The client's address as a string ("" if unknown)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = parse_networks(list(getattr(settings, "GONGKAI_TRUSTED_PROXIES", [])))
    if not networks or not _trusted(_address(remote), networks):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage written by someone: the last good hop is the best we know
        client = str(address)
        if not _trusted(address, networks):
            break
    return client
