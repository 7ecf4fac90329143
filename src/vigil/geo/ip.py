"""IP address validation and IP → country lookup.

Countries come from `iptocc`, which embeds the Regional Internet Registries' delegation
files: offline and about ten million lookups a second in batch. The RIRs record where a block
is *assigned*, which agrees with commercial geolocation for roughly 95% of IPv4 addresses.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence

import iptocc

__all__ = ["RIR_PSEUDO_CODES", "countries_of", "country_of", "ip_key", "is_valid_ip"]

# Codes the RIR files use for blocks assigned to a region rather than a country. They are
# no ISO 3166-1 country, so they would count as a "foreign country" of their own downstream.
RIR_PSEUDO_CODES: frozenset[str] = frozenset({"EU", "AP", "ZZ"})

_V4_MAPPED_PREFIX = 0xFFFF << 32
_V4_MAPPED_MASK = ~0xFFFFFFFF & ((1 << 128) - 1)


def is_valid_ip(s: object) -> bool:
    """True when `s` is a string holding one IPv4 or IPv6 address in standard notation.

    Surrounding whitespace, CIDR suffixes and IPv4 octets with leading zeros are invalid,
    as in `ipaddress`, so readers reject exactly what the lookups here cannot resolve.
    """
    if not isinstance(s, str):
        return False
    # inet_pton accepts exactly what ipaddress does (fuzzed), ~10x faster; only IPv6 scope
    # ids ("fe80::1%eth0") need ipaddress itself.
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, s)
        except (OSError, ValueError):  # ValueError: NUL or non-ASCII characters
            continue
        return True
    if "%" not in s:
        return False
    try:
        ipaddress.ip_address(s)
    except ValueError:
        return False
    return True


def countries_of(ips: Sequence[str]) -> list[str | None]:
    """ISO 3166-1 alpha-2 country of each address, in order; None when invalid or unassigned.

    Call it once on the distinct addresses of a batch: the per-call overhead is paid once and
    the lookup itself runs in Rust. IPv4-mapped IPv6 addresses (``::ffff:a.b.c.d``) resolve
    as their IPv4 address; RIR region codes (EU, AP) give None.
    """
    if isinstance(ips, str):
        # A str is a Sequence[str]: without this, one address would be looked up per char.
        raise TypeError("countries_of() takes a sequence of addresses, not one string")
    items = list(ips)
    try:
        codes: list[str | None] = iptocc.country_code(items)
    except TypeError:
        # Non-string items (None, NaN from a dataframe) are invalid addresses, not a crash.
        items = [s if isinstance(s, str) else "" for s in items]
        codes = iptocc.country_code(items)
    if not RIR_PSEUDO_CODES.isdisjoint(codes):
        codes = [_iso_only(c) for c in codes]
    for i in [i for i, c in enumerate(codes) if c is None]:
        mapped = _mapped_ipv4(items[i])
        if mapped is not None:
            codes[i] = _iso_only(iptocc.country_code(mapped))
    return codes


def country_of(ip: str) -> str | None:
    """The country of one address (see `countries_of`; prefer it for many)."""
    return countries_of([ip])[0]


def ip_key(s: object) -> tuple[int, int] | None:
    """(4 or 6, address as an integer) for an address string, None when invalid.

    IPv4-mapped IPv6 addresses become IPv4 so that one list entry matches both spellings.
    `inet_pton` is ~10x faster than `ipaddress` and as strict on the common forms; the
    `ipaddress` fallback only serves rarer spellings (IPv6 scope ids).
    """
    if not isinstance(s, str):
        return None
    try:
        return 4, int.from_bytes(socket.inet_pton(socket.AF_INET, s), "big")
    except (OSError, ValueError):  # ValueError: embedded NUL
        pass
    try:
        value = int.from_bytes(socket.inet_pton(socket.AF_INET6, s), "big")
    except (OSError, ValueError):
        try:
            addr = ipaddress.ip_address(s)
        except ValueError:
            return None
        value = int(addr)
        if addr.version == 4:
            return 4, value
    if value & _V4_MAPPED_MASK == _V4_MAPPED_PREFIX:
        return 4, value & 0xFFFFFFFF
    return 6, value


def _mapped_ipv4(s: str) -> str | None:
    """The dotted IPv4 address inside an IPv4-mapped IPv6 address, else None."""
    if ":" not in s or ("." not in s and "ffff" not in s.lower()):
        return None  # cheap filter: most None results are private or invalid IPv4
    key = ip_key(s)
    if key is None or key[0] != 4:
        return None
    return str(ipaddress.IPv4Address(key[1]))


def _iso_only(code: str | None) -> str | None:
    return None if code in RIR_PSEUDO_CODES else code
