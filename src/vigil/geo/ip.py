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
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "RIR_PSEUDO_CODES",
    "countries_of",
    "country_codes",
    "country_of",
    "dotted_ipv4",
    "ip_key",
    "is_valid_ip",
]

# Codes the RIR files use for blocks assigned to a region rather than a country. They are
# no ISO 3166-1 country, so they would count as a "foreign country" of their own downstream.
RIR_PSEUDO_CODES: frozenset[str] = frozenset({"EU", "AP", "ZZ"})

# Exactly what inet_pton(AF_INET) accepts: four decimal octets, no leading zeros, no sign or
# space; values above 255 are checked after parsing. RE2's [0-9] is ASCII only and \z is the
# very end (no final newline).
_DOTTED_QUAD = r"\A(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}\z"

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


def country_codes(ips: pa.StringArray) -> pa.StringArray:
    """`countries_of` for an Arrow array of valid addresses, answered as an Arrow array.

    iptocc still wants Python strings, but the RIR-code and IPv4-mapped corrections run
    vectorised, the latter per address only for the few IPv6 rows left without a country.
    """
    codes = pa.array(iptocc.country_code(ips.to_pylist()), pa.string())
    pseudo = pc.is_in(codes, value_set=pa.array(sorted(RIR_PSEUDO_CODES), pa.string()))
    codes = pc.if_else(pseudo, pa.scalar(None, pa.string()), codes)
    unknown = np.flatnonzero(codes.is_null().to_numpy(zero_copy_only=False))
    colon = pc.match_substring(ips.take(pa.array(unknown, pa.int64())), ":")
    rows = unknown[np.asarray(colon.to_numpy(zero_copy_only=False), np.bool_)]
    if rows.size == 0:
        return codes
    fixed = codes.to_pylist()
    for i in rows.tolist():
        mapped = _mapped_ipv4(ips[i].as_py())
        if mapped is not None:
            fixed[i] = _iso_only(iptocc.country_code(mapped))
    return pa.array(fixed, pa.string())


def dotted_ipv4(ips: pa.StringArray) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """Which strings are IPv4 addresses in dotted-quad form, and their values, vectorised.

    Returns (mask over `ips`, value of each masked string in order). A masked string is
    valid by `is_valid_ip`; the rest (IPv6, other spellings, junk, nulls) are for the per
    address path. The shape check is one RE2 pass; the octets it leaves are split and cast
    by Arrow.
    """
    shaped = pc.match_substring_regex(ips, _DOTTED_QUAD).fill_null(False)
    mask = np.array(shaped.to_numpy(zero_copy_only=False), dtype=np.bool_)  # writable
    octets = pc.cast(pc.split_pattern(ips.filter(shaped), ".").flatten(), pa.int16())
    o = octets.to_numpy().reshape(-1, 4).astype(np.int64)
    values = (o[:, 0] << 24) | (o[:, 1] << 16) | (o[:, 2] << 8) | o[:, 3]
    small = (o <= 255).all(axis=1)
    if not small.all():  # "256.1.1.1": shaped like an address but invalid; per address
        mask[np.flatnonzero(mask)[~small]] = False
        values = values[small]
    return mask, values


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
