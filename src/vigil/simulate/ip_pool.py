"""Per-country IP pools that really geolocate with iptocc.

iptocc has no range export, so the address space is probed once per process on a fixed
grid (one probe per IPv4 /20 and per few IPv6 /32s under the RIR blocks). A country's
addresses are then drawn at random inside cells whose probe matched and kept only if
iptocc agrees, so every address handed out geolocates to the country it was drawn for.
The grid is seed-independent; the draws use the world's generator, so worlds stay
deterministic per seed.
"""

from __future__ import annotations

from functools import lru_cache

import iptocc
import numpy as np
import numpy.typing as npt

IntArr = npt.NDArray[np.int64]

_CELL_BITS = 12  # IPv4 /20 cells
# RIR IPv6 /16s that hold most allocations (ARIN, APNIC, RIPE, LACNIC, AFRINIC).
_V6_BLOCKS: tuple[int, ...] = (
    0x2001,
    *range(0x2400, 0x2410),
    *range(0x2600, 0x2608),
    *range(0x2800, 0x2804),
    *range(0x2A00, 0x2A10),
    0x2C0F,
)
_V6_STEP = 8


def format_ipv4(values: IntArr) -> list[str]:
    return [f"{x >> 24}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}" for x in values.tolist()]


@lru_cache(maxsize=1)
def _v4_cells() -> dict[str, IntArr]:
    """Country -> /20 cell numbers whose probe address geolocates there (public unicast only)."""
    first, last = 1 << (24 - _CELL_BITS), 224 << (24 - _CELL_BITS)
    cells = np.arange(first, last, dtype=np.int64)
    probes = (cells << _CELL_BITS) + 0x101
    codes = iptocc.country_code(format_ipv4(probes))
    by_cc: dict[str, list[int]] = {}
    for cell, cc in zip(cells.tolist(), codes, strict=True):
        if cc is not None:
            by_cc.setdefault(cc, []).append(cell)
    return {cc: np.array(v, dtype=np.int64) for cc, v in by_cc.items()}


@lru_cache(maxsize=1)
def _v6_prefixes() -> dict[str, IntArr]:
    """Country -> (hi16 << 16 | next16) /32 prefixes whose probe geolocates there."""
    pref = np.array(
        [(b << 16) | x for b in _V6_BLOCKS for x in range(0, 1 << 16, _V6_STEP)], dtype=np.int64
    )
    codes = iptocc.country_code([f"{p >> 16:x}:{p & 0xFFFF:x}::1" for p in pref.tolist()])
    by_cc: dict[str, list[int]] = {}
    for p, cc in zip(pref.tolist(), codes, strict=True):
        if cc is not None:
            by_cc.setdefault(cc, []).append(p)
    return {cc: np.array(v, dtype=np.int64) for cc, v in by_cc.items()}


def has_ipv6(cc: str) -> bool:
    return cc in _v6_prefixes()


def sample_ipv4(rng: np.random.Generator, cc: str, n: int, exclude: set[str]) -> list[str]:
    """n distinct IPv4 addresses in `cc`, none of them in `exclude` (which is updated)."""
    cells = _v4_cells().get(cc)
    if cells is None or n <= 0:
        if n > 0:
            raise ValueError(f"no IPv4 space found for {cc}")
        return []
    out: list[str] = []
    while len(out) < n:
        k = max(64, 2 * (n - len(out)))
        base = rng.choice(cells, k) << _CELL_BITS
        host = rng.integers(0, 1 << _CELL_BITS, k)
        host = np.where((host & 255) == 0, host + 1, host)  # avoid network-looking .0
        host = np.where((host & 255) == 255, host - 1, host)  # and broadcast-looking .255
        cand = format_ipv4(base + host)
        for ip, got in zip(cand, iptocc.country_code(cand), strict=True):
            if got == cc and ip not in exclude:
                exclude.add(ip)
                out.append(ip)
                if len(out) == n:
                    break
    return out


def sample_ipv6(rng: np.random.Generator, cc: str, n: int, exclude: set[str]) -> list[str]:
    """n distinct IPv6 addresses in `cc` (random interface ids under sampled /32s)."""
    prefixes = _v6_prefixes().get(cc)
    if prefixes is None or n <= 0:
        if n > 0:
            raise ValueError(f"no IPv6 space found for {cc}")
        return []
    out: list[str] = []
    while len(out) < n:
        k = max(64, 2 * (n - len(out)))
        pref = rng.choice(prefixes, k).tolist()
        tail = rng.integers(0, 1 << 16, (k, 6)).tolist()
        cand = [
            f"{p >> 16:x}:{p & 0xFFFF:x}:" + ":".join(f"{g:x}" for g in t)
            for p, t in zip(pref, tail, strict=True)
        ]
        for ip, got in zip(cand, iptocc.country_code(cand), strict=True):
            if got == cc and ip not in exclude:
                exclude.add(ip)
                out.append(ip)
                if len(out) == n:
                    break
    return out


def sample_v4_blocks(rng: np.random.Generator, cc: str, n: int, taken: set[int]) -> list[int]:
    """n distinct /24 network numbers (address >> 8) lying wholly in `cc`, e.g. VPN exits."""
    cells = _v4_cells().get(cc)
    if cells is None:
        raise ValueError(f"no IPv4 space found for {cc}")
    out: list[int] = []
    for _ in range(200):
        if len(out) == n:
            break
        net = int(rng.choice(cells)) << (_CELL_BITS - 8) | int(
            rng.integers(0, 1 << (_CELL_BITS - 8))
        )
        if net in taken:
            continue
        # A /24 lies in one RIR delegation; check both ends and the middle to be sure.
        probes = format_ipv4(np.array([net << 8 | h for h in (1, 128, 254)], dtype=np.int64))
        if all(c == cc for c in iptocc.country_code(probes)):
            taken.add(net)
            out.append(net)
    if len(out) < n:
        raise ValueError(f"could not find {n} /24 blocks in {cc}")
    return out
