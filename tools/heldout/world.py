"""Held-out world: an independent simulator of call metadata with ground truth.

Written independently of vigil's own simulator and detectors (without reading them), as a
held-out check that the metadata detector generalises to a world someone else wrote. It models
who calls whom, when, for how long, from which IP address: no content of any kind.

    python tools/heldout/world.py --out DIR --seed N [--accounts 20000] [--days 7]
        [--sources 40] [--consumers 120]

writes DIR/calls.parquet (the CDR contract of DESIGN.md), DIR/truth.csv and
DIR/anonymisers.txt. Every IP address is a real public address that `iptocc` places in the
country intended (VPN exits in the exit's country).

Populations: the general public of ~40 countries; in the Philippines online English tutors (some
in tutoring centres sharing an office line) with regular East-Asian students, families of
overseas workers with their relatives abroad (some Gulf relatives in shared dormitories, many
on VPNs), freelancers with foreign clients (some clients hire several), adults dating
foreigners (some foreigners date several), foreign expats living there, foreign travellers
passing through; and planted sources (role "source"), some in dens sharing a line, with their
foreign consumers (role "consumer"). Mobile users sit behind carrier NAT pools and change
address every few hours; home lines keep an address for days (Philippine lines re-lease more
often); offices, internet cafes and dormitories share one line among many accounts.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from iptocc import country_code

RISK = "PH"
DAY = 86400.0

# code: (weight in the general public, [(utc offset h, weight)], home-broadband share,
#        IPv6 share on mobile, mean days a home address lasts, base video share)
COUNTRIES: dict[str, tuple[float, list[tuple[float, float]], float, float, float, float]] = {
    "PH": (18.0, [(8, 1)], 0.55, 0.08, 2.5, 0.45),
    "US": (14.0, [(-5, 0.47), (-6, 0.29), (-7, 0.07), (-8, 0.17)], 0.9, 0.45, 30, 0.3),
    "CA": (2.5, [(-5, 0.6), (-6, 0.06), (-7, 0.14), (-8, 0.2)], 0.9, 0.2, 30, 0.3),
    "MX": (3.0, [(-6, 0.8), (-7, 0.2)], 0.6, 0.1, 10, 0.35),
    "BR": (5.0, [(-3, 1)], 0.65, 0.3, 6, 0.4),
    "AR": (1.0, [(-3, 1)], 0.65, 0.1, 8, 0.35),
    "CO": (1.0, [(-5, 1)], 0.6, 0.1, 8, 0.35),
    "GB": (4.0, [(0, 1)], 0.9, 0.3, 40, 0.3),
    "IE": (0.4, [(0, 1)], 0.9, 0.2, 40, 0.3),
    "DE": (4.0, [(1, 1)], 0.9, 0.35, 1, 0.25),
    "FR": (3.0, [(1, 1)], 0.9, 0.4, 40, 0.3),
    "NL": (1.2, [(1, 1)], 0.95, 0.2, 60, 0.3),
    "IT": (2.5, [(1, 1)], 0.85, 0.1, 20, 0.3),
    "ES": (2.5, [(1, 1)], 0.85, 0.1, 20, 0.3),
    "CH": (0.6, [(1, 1)], 0.95, 0.3, 60, 0.25),
    "SE": (0.7, [(1, 1)], 0.95, 0.2, 60, 0.3),
    "NO": (0.4, [(1, 1)], 0.95, 0.2, 60, 0.3),
    "DK": (0.4, [(1, 1)], 0.95, 0.2, 60, 0.3),
    "FI": (0.4, [(2, 1)], 0.95, 0.2, 60, 0.3),
    "PL": (1.5, [(1, 1)], 0.8, 0.1, 20, 0.3),
    "RU": (2.0, [(3, 0.7), (5, 0.15), (7, 0.15)], 0.75, 0.05, 20, 0.3),
    "TR": (1.5, [(3, 1)], 0.7, 0.05, 10, 0.35),
    "EG": (1.2, [(2, 1)], 0.6, 0.02, 5, 0.35),
    "NG": (1.5, [(1, 1)], 0.3, 0.02, 5, 0.3),
    "ZA": (1.0, [(2, 1)], 0.5, 0.05, 10, 0.3),
    "SA": (1.5, [(3, 1)], 0.7, 0.2, 10, 0.4),
    "AE": (1.2, [(4, 1)], 0.8, 0.3, 20, 0.4),
    "QA": (0.3, [(3, 1)], 0.8, 0.2, 20, 0.4),
    "KW": (0.3, [(3, 1)], 0.8, 0.2, 20, 0.4),
    "IN": (8.0, [(5.5, 1)], 0.45, 0.5, 4, 0.4),
    "PK": (2.0, [(5, 1)], 0.4, 0.05, 4, 0.4),
    "BD": (1.5, [(6, 1)], 0.35, 0.05, 4, 0.4),
    "ID": (5.0, [(7, 0.75), (8, 0.2), (9, 0.05)], 0.45, 0.1, 3, 0.4),
    "VN": (2.0, [(7, 1)], 0.55, 0.2, 3, 0.4),
    "TH": (1.5, [(7, 1)], 0.6, 0.2, 5, 0.4),
    "MY": (1.0, [(8, 1)], 0.7, 0.3, 10, 0.4),
    "SG": (0.7, [(8, 1)], 0.95, 0.2, 60, 0.35),
    "HK": (0.7, [(8, 1)], 0.95, 0.2, 60, 0.35),
    "TW": (1.0, [(8, 1)], 0.9, 0.1, 20, 0.35),
    "CN": (2.0, [(8, 1)], 0.8, 0.3, 10, 0.35),
    "JP": (4.0, [(9, 1)], 0.9, 0.4, 30, 0.25),
    "KR": (2.5, [(9, 1)], 0.95, 0.1, 30, 0.35),
    "AU": (2.0, [(11, 0.6), (10, 0.2), (10.5, 0.07), (8, 0.13)], 0.9, 0.3, 30, 0.3),
    "NZ": (0.4, [(13, 1)], 0.9, 0.2, 30, 0.3),
}
# Countries whose public use this world's international edges favour (diaspora ties).
DIASPORA: dict[str, dict[str, float]] = {
    "PH": {
        "US": 25,
        "SA": 10,
        "AE": 10,
        "CA": 7,
        "JP": 5,
        "AU": 5,
        "HK": 5,
        "SG": 5,
        "KR": 3,
        "QA": 3,
        "KW": 3,
        "IT": 3,
        "GB": 3,
        "TW": 3,
        "MY": 2,
    },
    "IN": {"AE": 20, "US": 20, "SA": 10, "GB": 10, "CA": 8, "QA": 5, "KW": 5, "SG": 4, "AU": 5},
    "PK": {"SA": 20, "AE": 20, "GB": 15, "US": 8, "QA": 5},
    "BD": {"SA": 20, "AE": 10, "MY": 10, "GB": 6, "QA": 5, "KW": 5, "SG": 4},
    "MX": {"US": 60, "ES": 5},
    "EG": {"SA": 20, "AE": 10, "KW": 8, "QA": 5, "IT": 3},
    "SA": {"IN": 20, "PK": 20, "EG": 15, "BD": 10, "PH": 10},
    "AE": {"IN": 30, "PK": 15, "PH": 12, "BD": 6, "EG": 5, "GB": 5},
    "QA": {"IN": 20, "PH": 12, "BD": 10, "PK": 8, "EG": 8},
    "KW": {"IN": 20, "EG": 15, "PH": 12, "BD": 8, "PK": 6},
    "ID": {"MY": 15, "SA": 10, "SG": 8, "HK": 6, "TW": 6, "JP": 4},
    "VN": {"US": 10, "JP": 10, "KR": 8, "TW": 8, "AU": 5},
    "TR": {"DE": 25, "NL": 5, "FR": 5, "GB": 3},
    "PL": {"GB": 15, "DE": 15, "IE": 5, "NL": 5, "NO": 4},
    "US": {"MX": 10, "CA": 10, "GB": 5, "IN": 5, "PH": 4, "DE": 3},
    "GB": {"IE": 8, "US": 10, "AU": 6, "IN": 6, "PL": 5, "ES": 4},
}
GULF = ("SA", "AE", "QA", "KW")
WEALTHY = (
    "US",
    "GB",
    "AU",
    "CA",
    "DE",
    "NL",
    "SE",
    "NO",
    "DK",
    "FI",
    "CH",
    "FR",
    "NZ",
    "IE",
    "IT",
    "ES",
    "JP",
    "KR",
)
STUDENT_CC = {
    "JP": 40,
    "KR": 16,
    "CN": 14,
    "TW": 10,
    "VN": 5,
    "SA": 3,
    "BR": 3,
    "TR": 3,
    "RU": 3,
    "TH": 3,
}
RELATIVE_CC = {
    "SA": 18,
    "AE": 15,
    "HK": 9,
    "SG": 7,
    "KW": 5,
    "QA": 5,
    "US": 10,
    "CA": 5,
    "IT": 4,
    "JP": 5,
    "TW": 5,
    "KR": 3,
    "GB": 3,
    "AU": 2,
    "MY": 2,
    "NZ": 1,
}
CLIENT_CC = {
    "US": 45,
    "AU": 15,
    "GB": 10,
    "CA": 8,
    "NZ": 3,
    "DE": 4,
    "NL": 3,
    "SG": 4,
    "AE": 3,
    "IE": 2,
    "HK": 2,
}
PARTNER_CC = {
    "US": 30,
    "GB": 10,
    "AU": 14,
    "CA": 7,
    "DE": 5,
    "NO": 3,
    "SE": 3,
    "NL": 3,
    "NZ": 3,
    "DK": 2,
    "CH": 2,
    "JP": 6,
    "KR": 4,
    "IT": 2,
    "FR": 2,
    "FI": 1,
    "IE": 1,
}
CONSUMER_CC = {
    "US": 28,
    "GB": 12,
    "AU": 12,
    "CA": 6,
    "DE": 6,
    "NL": 4,
    "SE": 3,
    "NO": 3,
    "DK": 2,
    "FI": 1,
    "CH": 2,
    "FR": 3,
    "NZ": 2,
    "IT": 2,
    "JP": 3,
    "KR": 1,
    "IE": 2,
    "ES": 2,
    "SG": 1,
    "AE": 1,
}
EXPAT_CC = {
    "US": 30,
    "GB": 15,
    "AU": 20,
    "DE": 8,
    "CA": 8,
    "KR": 8,
    "JP": 5,
    "NO": 2,
    "SE": 2,
    "CH": 2,
}
TRAVELLER_CC = {
    "US": 25,
    "KR": 20,
    "JP": 12,
    "AU": 10,
    "GB": 8,
    "CA": 6,
    "DE": 5,
    "CN": 8,
    "TW": 4,
    "SG": 2,
}
VPN_EXIT_CC = ("NL", "US", "DE", "GB", "SG", "SE", "CH", "JP", "HK", "CA", "FR")

# Hour-of-day weights in local time.
_H = np.array
PROFILES: dict[str, np.ndarray] = {
    "gen": _H(
        [
            1.0,
            0.5,
            0.3,
            0.2,
            0.2,
            0.3,
            0.8,
            1.5,
            2,
            2,
            2,
            2.2,
            2.8,
            2.5,
            2.2,
            2.2,
            2.5,
            3,
            4,
            5,
            5.5,
            5,
            3.5,
            2,
        ]
    ),
    "late": _H(
        [
            2.5,
            1.5,
            0.7,
            0.3,
            0.2,
            0.3,
            0.8,
            1.5,
            2,
            2,
            2,
            2.2,
            2.8,
            2.5,
            2.2,
            2.2,
            2.5,
            3,
            4,
            5,
            5.5,
            5.5,
            5,
            4,
        ]
    ),
    "work": _H(
        [0, 0, 0, 0, 0, 0, 0, 0.3, 2, 3, 3, 2.5, 1.5, 2.5, 3, 3, 2.5, 1.5, 0.3, 0, 0, 0, 0, 0]
    ),
    "night": _H(
        [
            3,
            2,
            1,
            0.5,
            0.2,
            0.2,
            0.2,
            0.3,
            0.4,
            0.5,
            0.6,
            0.7,
            0.8,
            0.8,
            0.8,
            0.9,
            1,
            1.5,
            2.5,
            4,
            5,
            5.5,
            5,
            4,
        ]
    ),
    "open": _H(
        [1, 0.9, 0.7, 0.4, 0.3, 0.3, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    ),
    "off": _H(
        [
            0.8,
            0.3,
            0.1,
            0.1,
            0.2,
            1.2,
            2,
            1.2,
            0.3,
            0.2,
            0.2,
            0.4,
            1.5,
            1,
            0.3,
            0.3,
            0.5,
            1.2,
            2.5,
            3.5,
            4,
            4,
            3.5,
            2,
        ]
    ),
    "flat": np.ones(24),
}
PROF_IDS = {name: i for i, name in enumerate(PROFILES)}
PROF_CDF = np.stack([np.cumsum(p) / p.sum() for p in PROFILES.values()])
PROF_ACC = np.stack([p / p.max() for p in PROFILES.values()])
# Weekday (Mon..Sun) acceptance weights.
WEEKS: dict[str, np.ndarray] = {
    "any": _H([0.9, 0.9, 0.9, 0.9, 1, 1, 0.95]),
    "weekdays": _H([1, 1, 1, 1, 0.95, 0.05, 0.02]),
    "weekend": _H([0.7, 0.7, 0.7, 0.75, 1, 1, 0.9]),
}
WEEK_IDS = {name: i for i, name in enumerate(WEEKS)}
WEEK_ACC = np.stack(list(WEEKS.values()))

MEDIA = ("video", "audio", "chat")
VIDEO, AUDIO, CHAT = 0, 1, 2
NORMAL, WORK, SESSION = 0, 1, 2  # call context for one end: which line it is likely made on


def pick(rng: np.random.Generator, weights: dict[str, float], n: int) -> list[str]:
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    return [keys[i] for i in rng.choice(len(keys), n, p=w / w.sum())]


def jitter(rng: np.random.Generator, x: float, sigma: float = 0.25) -> float:
    """x scaled by a per-seed log-normal factor, so worlds differ in their proportions."""
    return float(x * np.exp(rng.normal(0.0, sigma)))


def sized_groups(
    rng: np.random.Generator, items: list[int], sizes: dict[int, float]
) -> list[list[int]]:
    keys = list(sizes)
    w = np.array([sizes[k] for k in keys], dtype=float)
    w /= w.sum()
    out: list[list[int]] = []
    i = 0
    while i < len(items):
        k = int(keys[rng.choice(len(keys), p=w)])
        out.append(items[i : i + k])
        i += k
    return out


def bipartite(
    rng: np.random.Generator,
    left: list[int],
    right: list[int],
    deg_left: dict[int, float],
    deg_right: dict[int, float],
) -> list[tuple[int, int]]:
    """Random bipartite pairs with the given degree distributions (every node gets >= 1)."""

    def degs(nodes: list[int], dist: dict[int, float]) -> list[int]:
        keys = list(dist)
        w = np.array([dist[k] for k in keys], dtype=float)
        return [
            nodes[j]
            for j, k in enumerate(rng.choice(keys, len(nodes), p=w / w.sum()))
            for _ in range(int(k))
        ]

    ls, rs = degs(left, deg_left), degs(right, deg_right)
    rng.shuffle(ls)
    rng.shuffle(rs)
    pairs: set[tuple[int, int]] = set()
    n = min(len(ls), len(rs))
    for a, b in zip(ls[:n], rs[:n], strict=True):
        pairs.add((a, b))
    got_l = {a for a, _ in pairs}
    got_r = {b for _, b in pairs}
    for a in left:
        if a not in got_l:
            pairs.add((a, right[int(rng.integers(len(right)))]))
    for b in right:
        if b not in got_r:
            pairs.add((left[int(rng.integers(len(left)))], b))
    return sorted(pairs)


# --------------------------------------------------------------------------- addresses


def _v4(x: int) -> str:
    return f"{x >> 24}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}"


@dataclass
class Pool:
    """A set of /24 prefixes (and optionally IPv6 /32 prefixes) of one country."""

    cc: str
    v4: list[int]
    v6: list[int] = field(default_factory=list)

    def draw(self, rng: np.random.Generator, v6_share: float = 0.0) -> str:
        if self.v6 and rng.random() < v6_share:
            p = self.v6[int(rng.integers(len(self.v6)))]
            g = rng.integers(0, 65536, 6)
            return (
                f"{p >> 16:x}:{p & 0xFFFF:x}:{g[0]:x}:{g[1]:x}:{g[2]:x}:{g[3]:x}:{g[4]:x}:{g[5]:x}"
            )
        return _v4(self.v4[int(rng.integers(len(self.v4)))] + int(rng.integers(1, 255)))


class AddressSpace:
    """Real, country-verified prefixes: mobile carriers, fixed ISPs, VPN exits."""

    def __init__(self, rng: np.random.Generator, need: dict[str, int]) -> None:
        self.rng = rng
        hits: dict[str, list[int]] = {c: [] for c in need}
        for _ in range(3):
            cand = rng.integers(1 << 24, 224 << 24, 1_500_000, dtype=np.int64)
            cand = cand & ~np.int64(255)
            for x, c in zip(
                cand.tolist(), country_code([_v4(int(v) + 1) for v in cand]), strict=True
            ):
                if c in hits:
                    hits[c].append(int(x))
            if min(len(v) for v in hits.values()) >= 60:
                break
        v6hits: dict[str, list[int]] = {c: [] for c in need}
        base = rng.choice([0x2400, 0x2600, 0x2A00, 0x2800], 300_000)
        p6 = (base.astype(np.int64) << 16) + rng.integers(0, 1 << 20, 300_000)
        for x, c in zip(
            p6.tolist(),
            country_code([f"{x >> 16:x}:{x & 0xFFFF:x}::1" for x in p6.tolist()]),
            strict=True,
        ):
            if c in v6hits and len(v6hits[c]) < 6:
                v6hits[c].append(int(x))
        self.mobile: dict[str, list[Pool]] = {}
        self.fixed: dict[str, list[Pool]] = {}
        for c, n_acc in need.items():
            seeds = hits[c]
            rng.shuffle(seeds)
            # Pool sizes grow with the accounts in the country: carrier NAT pools are big, but
            # the accounts here are a small sample of a carrier's subscribers.
            per_pool = int(np.clip(n_acc / 30, 3, 300))
            n_mob, n_fix = (3, 3) if n_acc > 300 else (2, 2)
            pools = self._prefixes(c, seeds, (n_mob + n_fix) * per_pool)
            chunks = [pools[i :: n_mob + n_fix] for i in range(n_mob + n_fix)]
            v6 = v6hits[c]
            self.mobile[c] = [Pool(c, ch, v6[i::n_mob]) for i, ch in enumerate(chunks[:n_mob])]
            self.fixed[c] = [Pool(c, ch) for ch in chunks[n_mob:]]
        # VPN / hosting exits: a few providers, each with one to three ranges.
        self.vpn: list[list[tuple[int, int, str]]] = []
        exits = {c: [] for c in VPN_EXIT_CC}
        for c, v in zip(VPN_EXIT_CC, (self._exit_hits(c) for c in VPN_EXIT_CC), strict=True):
            exits[c] = v
        for _ in range(int(rng.integers(10, 16))):
            ranges: list[tuple[int, int, str]] = []
            for _ in range(int(rng.integers(1, 4))):
                c = VPN_EXIT_CC[int(rng.integers(len(VPN_EXIT_CC)))]
                if exits[c]:
                    base24, plen = exits[c].pop()
                    ranges.append((base24, plen, c))
            if ranges:
                self.vpn.append(ranges)
        self.decoys: list[tuple[int, int, str]] = []
        for c in VPN_EXIT_CC:
            if exits[c] and rng.random() < 0.5:
                self.decoys.append((*exits[c].pop(), c))

    def _prefixes(self, cc: str, seeds: list[int], want: int) -> list[int]:
        """Verified /24 prefixes near the seed hits, every host of which maps to cc."""
        cand: list[int] = []
        for s in seeds:
            run = int(self.rng.integers(1, 9))
            cand.extend(s + (k << 8) for k in range(run))
            if len(cand) >= want * 2:
                break
        cand = sorted(set(cand))
        hosts = [_v4(p + h) for p in cand for h in range(1, 255)]
        codes = country_code(hosts)
        good = [p for i, p in enumerate(cand) if all(codes[i * 254 + h] == cc for h in range(254))]
        if not good:
            raise RuntimeError(f"no address space found for {cc}")
        self.rng.shuffle(good)
        return good[:want] if len(good) >= want else good

    def _exit_hits(self, cc: str) -> list[tuple[int, int]]:
        seeds = self.fixed[cc][0].v4 if cc in self.fixed else []
        cand = self.rng.integers(1 << 24, 224 << 24, 200_000, dtype=np.int64) & ~np.int64(1023)
        codes = country_code([_v4(int(v) + 1) for v in cand])
        mine = [int(v) for v, c in zip(cand.tolist(), codes, strict=True) if c == cc]
        out: list[tuple[int, int]] = []
        for b in mine[:40]:
            plen = 24 if self.rng.random() < 0.6 else 22
            size = 1 << (32 - plen)
            hs = [_v4(b + h) for h in range(1, size - 1)]
            if b in seeds or not all(c == cc for c in country_code(hs)):
                continue
            out.append((b, plen))
            if len(out) >= 8:
                break
        return out

    def vpn_exit(self, provider: int) -> str:
        ranges = self.vpn[provider % len(self.vpn)]
        b, plen, _ = ranges[int(self.rng.integers(len(ranges)))]
        return _v4(b + int(self.rng.integers(1, (1 << (32 - plen)) - 1)))


# --------------------------------------------------------------------------- the world


@dataclass
class Account:
    pop: str
    cc: str  # where the account physically is
    tz: float
    household: int = -1
    office: int = -1
    den: int = -1
    carrier: int = 0
    p_home: float = 0.8
    vpn_any: float = 0.0
    vpn_session: float = 0.0
    vpn_provider: int = 0
    trip: tuple[int, int] | None = None
    degree: float = 5.0


@dataclass
class Line:
    """A fixed line (home, den, office, cafe, dormitory): an address per day."""

    cc: str
    ips: list[str]


@dataclass
class Calls:
    a: list[np.ndarray] = field(default_factory=list)
    b: list[np.ndarray] = field(default_factory=list)
    t: list[np.ndarray] = field(default_factory=list)
    dur: list[np.ndarray] = field(default_factory=list)
    media: list[np.ndarray] = field(default_factory=list)
    ctx_a: list[np.ndarray] = field(default_factory=list)
    ctx_b: list[np.ndarray] = field(default_factory=list)

    def add(
        self,
        a: np.ndarray,
        b: np.ndarray,
        t: np.ndarray,
        dur: np.ndarray,
        media: np.ndarray,
        ctx_a: np.ndarray | int,
        ctx_b: np.ndarray | int,
    ) -> None:
        n = len(a)
        if n == 0:
            return
        self.a.append(np.asarray(a, dtype=np.int64))
        self.b.append(np.asarray(b, dtype=np.int64))
        self.t.append(np.asarray(t, dtype=float))
        self.dur.append(np.asarray(dur, dtype=np.int64))
        self.media.append(np.asarray(media, dtype=np.int64))
        self.ctx_a.append(np.broadcast_to(np.asarray(ctx_a, dtype=np.int64), (n,)).copy())
        self.ctx_b.append(np.broadcast_to(np.asarray(ctx_b, dtype=np.int64), (n,)).copy())


class World:
    def __init__(
        self, seed: int, n_accounts: int, days: int, n_sources: int, n_consumers: int
    ) -> None:
        self.rng = np.random.default_rng(seed)
        self.days = days
        self.horizon = days * DAY
        # Mondays in Jan-Feb 2026: no daylight-saving change inside the window.
        self.t0 = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(weeks=int(seed % 6))
        self.accounts: list[Account] = []
        self.lines: list[Line] = []
        self.calls = Calls()
        self.dens: list[list[int]] = []
        self.sources: list[int] = []
        self.consumers: list[int] = []
        self._build(n_accounts, n_sources, n_consumers)

    # ---- accounts

    def _tz(self, cc: str) -> float:
        opts = COUNTRIES[cc][1]
        w = np.array([x[1] for x in opts])
        return float(opts[int(self.rng.choice(len(opts), p=w / w.sum()))][0])

    def _new(self, pop: str, cc: str, n: int, degree: float = 5.0) -> list[int]:
        start = len(self.accounts)
        for _ in range(n):
            self.accounts.append(
                Account(
                    pop, cc, self._tz(cc), degree=float(self.rng.lognormal(np.log(degree), 0.6))
                )
            )
        return list(range(start, start + n))

    def _new_in(
        self, pop: str, weights: dict[str, float], n: int, degree: float = 5.0
    ) -> list[int]:
        out: list[int] = []
        for cc in pick(self.rng, weights, n):
            out += self._new(pop, cc, 1, degree)
        return out

    def _build(self, n_accounts: int, n_sources: int, n_consumers: int) -> None:
        rng = self.rng
        n = n_accounts
        share = {
            "tutor": jitter(rng, 0.009),
            "ofw_family": jitter(rng, 0.03),
            "freelancer": jitter(rng, 0.012),
            "dater": jitter(rng, 0.009),
            "expat": jitter(rng, 0.003),
            "traveller": jitter(rng, 0.003),
        }
        counts = {k: max(3, round(v * n)) for k, v in share.items()}
        self.sources = self._new("source", RISK, n_sources, degree=4.0)
        self.consumers = self._new_in("consumer", CONSUMER_CC, n_consumers, degree=6.0)
        tutors = self._new("tutor", RISK, counts["tutor"])
        students = self._new_in("student", STUDENT_CC, round(counts["tutor"] * 5.5))
        families = self._new("ofw_family", RISK, counts["ofw_family"])
        relatives = self._new_in("ofw_relative", RELATIVE_CC, round(counts["ofw_family"] / 2.2))
        freelancers = self._new("freelancer", RISK, counts["freelancer"])
        clients = self._new_in("client", CLIENT_CC, round(counts["freelancer"] * 0.6))
        daters = self._new("dater", RISK, counts["dater"])
        partners = self._new_in("dater_partner", PARTNER_CC, round(counts["dater"] * 0.9))
        expats = self._new("expat", RISK, counts["expat"])
        nationality = pick(rng, EXPAT_CC, len(expats))
        travellers = self._new_in("traveller", TRAVELLER_CC, counts["traveller"])
        rest = n - len(self.accounts)
        if rest < 100:
            raise SystemExit("--accounts too small for the special populations")
        cw = {c: jitter(rng, v[0], 0.15) for c, v in COUNTRIES.items()}
        self._new_in("general", cw, rest)
        for i in travellers:
            start = int(rng.integers(0, self.days))
            self.accounts[i].trip = (start, min(self.days, start + int(rng.integers(2, 7))))
        for i in expats:
            self.accounts[i].degree = 3.0
        self.prepare_addresses()

        # Lines (households first, so special groups can share theirs).
        self._dens_and_sources()
        self._ofw_households(families, relatives)
        self._centres(tutors, kind_share=jitter(rng, 0.35, 0.3), sizes={3: 2, 5: 2, 8: 2, 12: 1})
        self._centres(freelancers, kind_share=jitter(rng, 0.2, 0.3), sizes={2: 2, 4: 2, 8: 1})
        self._households()
        self._workplaces()
        self._cafes()
        self._mobility_and_vpn()

        # Who calls whom.
        self._general_edges(nationality, expats)
        self._tutoring(tutors, students)
        self._ofw(families, relatives)
        self._freelancing(freelancers, clients)
        self._dating(daters, partners)
        self._exploitation()

    def _line(self, cc: str, lease_days: float | None = None) -> int:
        """A fixed line whose address is re-leased every ~lease_days (None: the country's)."""
        mean = COUNTRIES[cc][4] if lease_days is None else lease_days
        isp = self.addresses.fixed[cc][int(self.rng.integers(len(self.addresses.fixed[cc])))]
        ips: list[str] = []
        ip = isp.draw(self.rng)
        left = self.rng.exponential(mean) * self.rng.random()  # phase of the current lease
        for _ in range(self.days):
            if left <= 0:
                ip = isp.draw(self.rng)
                left = self.rng.exponential(mean)
            ips.append(ip)
            left -= 1
        self.lines.append(Line(cc, ips))
        return len(self.lines) - 1

    def prepare_addresses(self) -> None:
        need: dict[str, int] = {}
        for a in self.accounts:
            need[a.cc] = need.get(a.cc, 0) + 1
        for c in COUNTRIES:
            need.setdefault(c, 10)
        self.addresses = AddressSpace(self.rng, need)

    def _dens_and_sources(self) -> None:
        rng = self.rng
        src = list(self.sources)
        rng.shuffle(src)
        n_den = round(len(src) * rng.uniform(0.3, 0.6))
        groups = sized_groups(rng, src[:n_den], {2: 0.4, 3: 0.3, 4: 0.2, 5: 0.1})
        for g in groups:
            if len(g) < 2:  # a lone leftover works from home like the others
                continue
            d = len(self.dens)
            self.dens.append(g)
            line = self._line(RISK, lease_days=3.0)
            second = self._line(RISK, lease_days=3.0) if rng.random() < 0.3 else -1
            for i in g:
                acc = self.accounts[i]
                acc.den, acc.household, acc.p_home = d, line, 0.9
                if second >= 0 and rng.random() < 0.5:
                    acc.office = second  # the den's second line
        # Family-run sources: a household line shared with ordinary family members.
        general_ph = [i for i, a in enumerate(self.accounts) if a.pop == "general" and a.cc == RISK]
        rng.shuffle(general_ph)
        k = 0
        for i in src:
            acc = self.accounts[i]
            if acc.den >= 0:
                continue
            if rng.random() < 0.6:
                acc.household = self._line(RISK)
                acc.p_home = float(rng.uniform(0.5, 0.95))
                for _ in range(int(rng.integers(0, 3))):
                    if k < len(general_ph):
                        self.accounts[general_ph[k]].household = acc.household
                        k += 1

    def _ofw_households(self, families: list[int], relatives: list[int]) -> None:
        rng = self.rng
        self.ofw_links: list[tuple[int, int, bool]] = []  # (relative, family, is_spouse)
        fam = list(families)
        rng.shuffle(fam)
        groups = sized_groups(rng, fam, {1: 0.25, 2: 0.35, 3: 0.25, 4: 0.15})
        for gi, g in enumerate(groups):
            line = self._line(RISK) if rng.random() < 0.6 else -1
            for i in g:
                self.accounts[i].household = line
            r = relatives[gi % len(relatives)]
            for j, i in enumerate(g):
                self.ofw_links.append((r, i, j == 0))
            if rng.random() < 0.3:  # a second relative abroad (a sibling, a parent)
                r2 = relatives[int(rng.integers(len(relatives)))]
                for i in g[: int(rng.integers(1, len(g) + 1))]:
                    self.ofw_links.append((r2, i, False))
        # Gulf relatives: some live in shared dormitories with one line.
        gulf = [r for r in relatives if self.accounts[r].cc in GULF]
        rng.shuffle(gulf)
        dorm = gulf[: int(len(gulf) * rng.uniform(0.2, 0.4))]
        for g in sized_groups(rng, dorm, {3: 1, 5: 1, 8: 1}):
            line = self._line(self.accounts[g[0]].cc, lease_days=20.0)
            for i in g:
                if self.accounts[i].cc == self.lines[line].cc:
                    self.accounts[i].household = line
                    self.accounts[i].p_home = 0.9

    def _centres(self, members: list[int], kind_share: float, sizes: dict[int, float]) -> None:
        """Tutoring centres / coworking spaces: one static office line for several people."""
        rng = self.rng
        m = list(members)
        rng.shuffle(m)
        for g in sized_groups(rng, m[: int(len(m) * min(kind_share, 0.9))], sizes):
            line = self._line(RISK, lease_days=365.0)
            for i in g:
                self.accounts[i].office = line

    def _households(self) -> None:
        rng = self.rng
        by_cc: dict[str, list[int]] = {}
        for i, a in enumerate(self.accounts):
            if a.household < 0 and a.den < 0 and a.pop not in ("ofw_family", "source"):
                by_cc.setdefault(a.cc, []).append(i)
        for cc, ids in by_cc.items():
            rng.shuffle(ids)
            big = cc in (RISK, "IN", "PK", "BD", "ID", "VN", "EG", "NG")
            sizes = {1: 0.4, 2: 0.3, 3: 0.2, 4: 0.1} if big else {1: 0.6, 2: 0.3, 3: 0.1}
            broadband = COUNTRIES[cc][2]
            for g in sized_groups(rng, ids, sizes):
                if rng.random() >= broadband:
                    continue  # mobile-only household
                line = self._line(cc)
                for i in g:
                    self.accounts[i].household = line
                    self.accounts[i].p_home = float(rng.uniform(0.55, 0.95))

    def _workplaces(self) -> None:
        """Corporate NAT: many colleagues behind one address on weekdays."""
        rng = self.rng
        by_cc: dict[str, list[int]] = {}
        for i, a in enumerate(self.accounts):
            if (
                a.office < 0
                and a.pop in ("general", "consumer", "client", "dater_partner", "student")
                and rng.random() < 0.25
            ):
                by_cc.setdefault(a.cc, []).append(i)
        for cc, ids in by_cc.items():
            rng.shuffle(ids)
            for g in sized_groups(rng, ids, {3: 1, 8: 1, 20: 1, 40: 0.5}):
                line = self._line(cc, lease_days=365.0)
                for i in g:
                    self.accounts[i].office = line

    def _cafes(self) -> None:
        """Internet cafes (piso-net) in the Philippines, used by mobile-only accounts."""
        rng = self.rng
        ids = [
            i
            for i, a in enumerate(self.accounts)
            if a.cc == RISK and a.household < 0 and a.office < 0 and rng.random() < 0.12
        ]
        rng.shuffle(ids)
        self.cafe_users: set[int] = set(ids)
        for g in sized_groups(rng, ids, {6: 1, 12: 1, 25: 1}):
            line = self._line(RISK, lease_days=30.0)
            for i in g:
                self.accounts[i].office = line

    def _mobility_and_vpn(self) -> None:
        rng = self.rng
        n_prov = len(self.addresses.vpn)
        general_vpn = jitter(rng, 0.03, 0.3)
        consumer_vpn = min(0.6, jitter(rng, 0.22, 0.3))
        for a in self.accounts:
            a.carrier = int(rng.integers(len(self.addresses.mobile[a.cc])))
            a.vpn_provider = int(rng.integers(n_prov))
            if a.pop == "consumer":
                if rng.random() < consumer_vpn:
                    a.vpn_session = float(rng.uniform(0.6, 1.0))
                    a.vpn_any = float(rng.uniform(0.0, 0.4))
            elif a.pop == "ofw_relative" and a.cc in GULF:
                if rng.random() < 0.45:
                    a.vpn_any = float(rng.uniform(0.5, 1.0))
            elif a.pop == "freelancer":
                if rng.random() < 0.1:
                    a.vpn_any = float(rng.uniform(0.3, 0.9))
            elif a.pop == "source":
                if rng.random() < 0.04:
                    a.vpn_session = float(rng.uniform(0.3, 0.8))
            elif rng.random() < general_vpn:
                a.vpn_any = float(rng.uniform(0.2, 0.9))

    # ---- time sampling

    def sample_times(
        self,
        tz_a: np.ndarray,
        prof_a: np.ndarray,
        week_a: np.ndarray,
        tz_b: np.ndarray,
        prof_b: np.ndarray,
    ) -> np.ndarray:
        """Start times (s from t0): hour from a's local profile, accepted by b's profile."""
        rng = self.rng
        n = len(tz_a)
        out = np.full(n, np.nan)
        todo = np.arange(n)
        for _ in range(80):
            if len(todo) == 0:
                break
            m = len(todo)
            day = rng.integers(-1, self.days + 1, m)
            cdf = PROF_CDF[prof_a[todo]]
            hour = (rng.random(m)[:, None] > cdf).sum(axis=1).clip(0, 23)
            local = day * DAY + hour * 3600.0 + rng.random(m) * 3600.0
            t = local - tz_a[todo] * 3600.0
            wd = np.floor(local / DAY).astype(np.int64) % 7
            ok = (t >= 0) & (t < self.horizon)
            ok &= rng.random(m) < WEEK_ACC[week_a[todo], wd]
            hb = np.floor(((t + tz_b[todo] * 3600.0) % DAY) / 3600.0).astype(np.int64)
            ok &= rng.random(m) < PROF_ACC[prof_b[todo], hb.clip(0, 23)]
            out[todo[ok]] = t[ok]
            todo = todo[~ok]
        if len(todo):
            out[todo] = rng.random(len(todo)) * self.horizon
        return out

    def emit_pairs(
        self,
        pairs: np.ndarray,
        counts: np.ndarray,
        prof_a: str,
        week_a: str,
        prof_b: str,
        media_p: np.ndarray,
        dur_median: np.ndarray,
        dur_sigma: float,
        ctx_a: int = NORMAL,
        ctx_b: int = NORMAL,
        p_a_calls: float = 0.5,
    ) -> None:
        """Calls on pairs (a, b): counts[k] calls on pair k, hours from a's then b's profile.

        media_p: (k, 3) per-pair probabilities of video/audio/chat; dur_median: (k, 3)."""
        rng = self.rng
        if len(pairs) == 0:
            return
        idx = np.repeat(np.arange(len(pairs)), counts)
        if len(idx) == 0:
            return
        a = pairs[idx, 0]
        b = pairs[idx, 1]
        tz = np.array([x.tz for x in self.accounts])
        n = len(idx)
        t = self.sample_times(
            tz[a],
            np.full(n, PROF_IDS[prof_a]),
            np.full(n, WEEK_IDS[week_a]),
            tz[b],
            np.full(n, PROF_IDS[prof_b]),
        )
        cum = np.cumsum(media_p[idx], axis=1)
        media = (rng.random(n)[:, None] > cum).sum(axis=1).clip(0, 2)
        med = dur_median[idx, media]
        dur = np.rint(rng.lognormal(np.log(np.maximum(med, 1.0)), dur_sigma)).astype(np.int64)
        dur = dur.clip(5, 6 * 3600)
        chat = media == CHAT
        dur[chat] = np.where(
            rng.random(chat.sum()) < 0.7,
            0,
            rng.lognormal(np.log(90), 1.0, chat.sum()).astype(np.int64),
        )
        self._emit_with_failures(a, b, t, dur, media, ctx_a, ctx_b, p_a_calls)

    def _emit_with_failures(
        self,
        a: np.ndarray,
        b: np.ndarray,
        t: np.ndarray,
        dur: np.ndarray,
        media: np.ndarray,
        ctx_a: int | np.ndarray,
        ctx_b: int | np.ndarray,
        p_a_calls: float,
        fail_p: float = 0.07,
    ) -> None:
        rng = self.rng
        n = len(a)
        ca = np.broadcast_to(np.asarray(ctx_a), (n,))
        cb = np.broadcast_to(np.asarray(ctx_b), (n,))
        flip = rng.random(n) >= p_a_calls
        caller = np.where(flip, b, a)
        callee = np.where(flip, a, b)
        cx_caller = np.where(flip, cb, ca)
        cx_callee = np.where(flip, ca, cb)
        self.calls.add(caller, callee, t, dur, media, cx_caller, cx_callee)
        # Unanswered attempts shortly before some calls (duration 0).
        f = (media != CHAT) & (rng.random(n) < fail_p)
        if f.any():
            back = rng.uniform(20, 900, f.sum())
            tt = np.maximum(t[f] - back, 0.0)
            self.calls.add(
                caller[f],
                callee[f],
                tt,
                np.zeros(f.sum(), dtype=np.int64),
                media[f],
                cx_caller[f],
                cx_callee[f],
            )

    # ---- populations' calls

    def _general_edges(self, nationality: list[str], expats: list[int]) -> None:
        rng = self.rng
        by_cc: dict[str, list[int]] = {}
        for i, a in enumerate(self.accounts):
            by_cc.setdefault(a.cc, []).append(i)
        community: dict[tuple[str, int], list[int]] = {}
        comm_of: dict[int, tuple[str, int]] = {}
        for cc, ids in by_cc.items():
            perm = [ids[j] for j in rng.permutation(len(ids))]
            size = int(rng.integers(80, 250))
            for j, i in enumerate(perm):
                key = (cc, j // size)
                comm_of[i] = key
                community.setdefault(key, []).append(i)
        size_w = {c: v[0] for c, v in COUNTRIES.items()}
        edges: set[tuple[int, int]] = set()
        intl: set[tuple[int, int]] = set()
        for i, a in enumerate(self.accounts):
            p_intl = 0.35 if a.cc in GULF else (0.1 if a.cc == RISK else 0.06)
            if a.pop == "traveller":
                p_intl = 0.0
            for _ in range(int(rng.poisson(a.degree / 2))):
                if rng.random() < p_intl:
                    w = dict(size_w)
                    w.pop(a.cc, None)
                    for k, v in DIASPORA.get(a.cc, {}).items():
                        w[k] = w.get(k, 0) + v
                    cc = pick(rng, w, 1)[0]
                    j = by_cc[cc][int(rng.integers(len(by_cc[cc])))]
                    intl.add((min(i, j), max(i, j)))
                    continue
                pool = community[comm_of[i]] if rng.random() < 0.75 else by_cc[a.cc]
                j = pool[int(rng.integers(len(pool)))]
                if j != i:
                    edges.add((min(i, j), max(i, j)))
        # Household members call each other now and then too.
        by_line: dict[int, list[int]] = {}
        for i, a in enumerate(self.accounts):
            if a.household >= 0:
                by_line.setdefault(a.household, []).append(i)
        for ids in by_line.values():
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    edges.add((ids[x], ids[y]))
        # Expats: family and friends back home, and a local partner.
        general_ph = by_cc[RISK]
        for i, cc in zip(expats, nationality, strict=True):
            for _ in range(int(rng.integers(2, 7))):
                j = by_cc[cc][int(rng.integers(len(by_cc[cc])))]
                intl.add((min(i, j), max(i, j)))
            j = general_ph[int(rng.integers(len(general_ph)))]
            edges.add((min(i, j), max(i, j)))
        for es, is_intl in ((edges, False), (intl, True)):
            if not es:
                continue
            pairs = np.array(sorted(es), dtype=np.int64)
            k = len(pairs)
            rate = rng.gamma(0.6, 2.3, k) * (1.4 if is_intl else 1.0)
            counts = rng.poisson(rate * self.days / 7)
            vb = np.array([COUNTRIES[self.accounts[int(x)].cc][5] for x in pairs[:, 0]])
            v = np.clip(vb + (0.2 if is_intl else 0.0) + rng.normal(0, 0.1, k), 0.02, 0.9)
            c = np.clip(rng.beta(2, 6, k), 0, 1 - v)
            media_p = np.stack([v, 1 - v - c, c], axis=1)
            scale = 2.0 if is_intl else 1.0
            med = np.stack(
                [np.full(k, 420.0 * scale), np.full(k, 160.0 * scale), np.zeros(k)], axis=1
            ) * rng.lognormal(0, 0.4, (k, 1))
            self.emit_pairs(
                pairs, counts, "gen", "any", "gen" if not is_intl else "late", media_p, med, 1.0
            )

    def _tutoring(self, tutors: list[int], students: list[int]) -> None:
        """Lessons of 25 or 50 minutes at the student's regular slots, mostly video."""
        rng = self.rng
        pairs = bipartite(
            rng,
            tutors,
            students,
            {4: 1, 6: 2, 8: 2, 10: 2, 14: 1, 18: 0.5},
            {1: 5, 2: 3, 3: 1.5, 4: 0.5},
        )
        a_l: list[int] = []
        b_l: list[int] = []
        t_l: list[float] = []
        d_l: list[int] = []
        m_l: list[int] = []
        for tut, stu in pairs:
            s = self.accounts[stu]
            kind = rng.choice(4, p=[0.25, 0.5, 0.15, 0.1])  # morning, evening, kid, weekend
            n_slots = int(rng.integers(1, 4))
            length = 1500 if rng.random() < 0.7 else 3000
            video = rng.random() < 0.85
            for _ in range(n_slots):
                if kind == 3:
                    wd, hour = int(rng.integers(5, 7)), float(rng.integers(9, 17))
                else:
                    wd = int(rng.integers(0, 5))
                    hour = float(
                        [rng.integers(6, 8), rng.integers(19, 23), rng.integers(16, 20)][int(kind)]
                    )
                hour += float(rng.choice([0.0, 0.5]))
                for week in range((self.days + 6) // 7 + 1):
                    local = (week * 7 + wd) * DAY + hour * 3600
                    t = local - s.tz * 3600 + rng.normal(0, 90)
                    if not 0 <= t < self.horizon or rng.random() > 0.9:
                        continue
                    a_l.append(tut)
                    b_l.append(stu)
                    t_l.append(t)
                    d_l.append(
                        int(max(60, length + rng.normal(-30, 60)))
                        if rng.random() > 0.05
                        else int(rng.integers(60, length))
                    )
                    m_l.append(VIDEO if video or rng.random() < 0.1 else AUDIO)
        # Trial lessons: one-off students each week.
        for tut in tutors:
            for _ in range(int(rng.poisson(1.2 * self.days / 7))):
                stu = students[int(rng.integers(len(students)))]
                t = float(
                    self.sample_times(
                        np.array([self.accounts[stu].tz]),
                        np.array([PROF_IDS["night"]]),
                        np.array([WEEK_IDS["any"]]),
                        np.array([8.0]),
                        np.array([PROF_IDS["gen"]]),
                    )[0]
                )
                a_l.append(tut)
                b_l.append(stu)
                t_l.append(t)
                d_l.append(1500 + int(rng.normal(0, 60)))
                m_l.append(VIDEO)
        if a_l:
            self._emit_with_failures(
                np.array(a_l),
                np.array(b_l),
                np.array(t_l),
                np.array(d_l),
                np.array(m_l),
                WORK,
                NORMAL,
                p_a_calls=0.3,
                fail_p=0.04,
            )

    def _ofw(self, families: list[int], relatives: list[int]) -> None:
        """Long calls with relatives abroad; the spouse at a near-daily habitual hour."""
        rng = self.rng
        habitual = [x for x in self.ofw_links if x[2]]
        other = [x for x in self.ofw_links if not x[2]]
        a_l: list[int] = []
        b_l: list[int] = []
        t_l: list[float] = []
        for r, f, _ in habitual:
            tz = self.accounts[r].tz
            hour = float(rng.choice([6.0, 12.5, 20.0, 21.0, 22.0], p=[0.15, 0.1, 0.3, 0.3, 0.15]))
            p_day = rng.uniform(0.4, 0.95)
            for d in range(-1, self.days + 1):
                if rng.random() < p_day:
                    t = (d * DAY + hour * 3600 - tz * 3600) + rng.normal(0, 2400)
                    if 0 <= t < self.horizon:
                        a_l.append(r)
                        b_l.append(f)
                        t_l.append(t)
        n = len(a_l)
        if n:
            media = rng.choice(3, n, p=[0.7, 0.2, 0.1])
            dur = np.rint(rng.lognormal(np.log(1800), 0.8, n)).astype(np.int64).clip(30, 4 * 3600)
            dur[media == CHAT] = 0
            self._emit_with_failures(
                np.array(a_l),
                np.array(b_l),
                np.array(t_l),
                dur,
                media,
                NORMAL,
                NORMAL,
                p_a_calls=0.6,
                fail_p=0.1,
            )
        if other:
            pairs = np.array([(r, f) for r, f, _ in other], dtype=np.int64)
            k = len(pairs)
            counts = rng.poisson(rng.gamma(1.5, 1.0, k) * self.days / 7)
            media_p = np.tile([0.6, 0.25, 0.15], (k, 1))
            med = np.tile([1200.0, 600.0, 0.0], (k, 1))
            self.emit_pairs(pairs, counts, "off", "any", "late", media_p, med, 0.9)

    def _freelancing(self, freelancers: list[int], clients: list[int]) -> None:
        rng = self.rng
        pairs = np.array(
            bipartite(
                rng,
                freelancers,
                clients,
                {1: 4.5, 2: 3, 3: 1.5, 4: 1},
                {1: 6, 2: 2, 3: 1, 4: 0.5, 6: 0.5},
            ),
            dtype=np.int64,
        )
        k = len(pairs)
        counts = rng.poisson(rng.uniform(0.5, 5, k) * self.days / 7)
        v = rng.uniform(0.2, 0.6, k)
        media_p = np.stack([v, 0.85 - v, np.full(k, 0.15)], axis=1)
        med = np.tile([1200.0, 900.0, 0.0], (k, 1))
        # Rows are (freelancer, client): hours follow the client's office day.
        swapped = pairs[:, ::-1].copy()
        self.emit_pairs(
            swapped,
            counts,
            "work",
            "weekdays",
            "flat",
            media_p,
            med,
            0.7,
            ctx_a=WORK,
            ctx_b=WORK,
            p_a_calls=0.6,
        )

    def _dating(self, daters: list[int], partners: list[int]) -> None:
        rng = self.rng
        pairs = np.array(
            bipartite(
                rng, daters, partners, {1: 6, 2: 2.5, 3: 1, 4: 0.5}, {1: 7.5, 2: 1.8, 3: 0.7}
            ),
            dtype=np.int64,
        )
        k = len(pairs)
        new = rng.random(k) < 0.3
        rate = np.where(new, rng.uniform(0.5, 1.5, k), rng.gamma(2.0, 2.0, k))
        counts = rng.poisson(rate * self.days / 7)
        media_p = np.tile([0.65, 0.1, 0.25], (k, 1))
        med = np.stack([np.where(new, 600.0, 1800.0), np.full(k, 900.0), np.zeros(k)], axis=1)
        swapped = pairs[:, ::-1].copy()  # hours from the partner's evening
        self.emit_pairs(
            swapped, counts, "gen", "weekend", "late", media_p, med, 0.9, p_a_calls=0.55
        )

    def _exploitation(self) -> None:
        """Consumers video-call sources at their own evening; some come back; some chat first."""
        rng = self.rng
        src = self.sources
        pop_w = rng.lognormal(0, 0.8, len(src))
        for j, s in enumerate(src):
            if self.accounts[s].den >= 0:
                pop_w[j] *= 1.5
        pop_w /= pop_w.sum()
        want = rng.choice(
            np.arange(1, 8), len(self.consumers), p=[0.52, 0.22, 0.11, 0.06, 0.04, 0.03, 0.02]
        )
        chosen: list[list[int]] = [[] for _ in self.consumers]
        order = rng.permutation(len(self.consumers))
        for j, s in enumerate(rng.permutation(len(src))):  # every source has a consumer
            chosen[int(order[j % len(order)])].append(int(s))
        for c in range(len(self.consumers)):
            while len(chosen[c]) < want[c]:
                last = chosen[c][-1] if chosen[c] else -1
                den = self.accounts[src[last]].den if last >= 0 else -1
                if den >= 0 and rng.random() < 0.4:
                    mates = [src.index(x) for x in self.dens[den] if src.index(x) not in chosen[c]]
                    if mates:
                        chosen[c].append(mates[int(rng.integers(len(mates)))])
                        continue
                s = int(rng.choice(len(src), p=pop_w))
                if s not in chosen[c]:
                    chosen[c].append(s)
                elif len(set(chosen[c])) >= len(src):
                    break
        median = rng.uniform(600, 1300)
        tz = np.array([x.tz for x in self.accounts])
        a_l: list[int] = []
        b_l: list[int] = []
        t_l: list[float] = []
        d_l: list[int] = []
        m_l: list[int] = []
        first = True
        for ci, picks in enumerate(chosen):
            con = self.consumers[ci]
            for s_idx in picks:
                s = src[s_idx]
                n = 1 + int(rng.poisson(0.6 * self.days / 7))
                ts = self.sample_times(
                    np.full(n, tz[con]),
                    np.full(n, PROF_IDS["night"]),
                    np.full(n, WEEK_IDS["weekend"]),
                    np.full(n, tz[s]),
                    np.full(n, PROF_IDS["open"]),
                )
                for t in np.sort(ts):
                    # chat before the session, sometimes
                    if rng.random() < 0.55:
                        for _ in range(int(rng.integers(1, 5))):
                            a_l.append(con)
                            b_l.append(s)
                            t_l.append(max(0.0, t - rng.uniform(60, 2400)))
                            d_l.append(0)
                            m_l.append(CHAT)
                    d = int(np.clip(rng.lognormal(np.log(median), 0.6), 90, 5400))
                    a_l.append(con)
                    b_l.append(s)
                    t_l.append(float(t))
                    d_l.append(d)
                    m_l.append(VIDEO if first or rng.random() < 0.95 else AUDIO)
                    first = False
                first = True
                for _ in range(int(rng.poisson(0.8 * self.days / 7))):  # follow-up chats
                    a_l.append(s)
                    b_l.append(con)
                    t_l.append(float(rng.uniform(0, self.horizon)))
                    d_l.append(0)
                    m_l.append(CHAT)
            # Some consumers also chat with a further source without ever calling.
            if rng.random() < 0.25:
                s = src[int(rng.integers(len(src)))]
                if src.index(s) not in picks:
                    for _ in range(int(rng.integers(1, 5))):
                        a_l.append(con)
                        b_l.append(s)
                        t_l.append(float(rng.uniform(0, self.horizon)))
                        d_l.append(0)
                        m_l.append(CHAT)
        a = np.array(a_l)
        b = np.array(b_l)
        # Direction: the consumer mostly places the call; chats run both ways.
        flip = rng.random(len(a)) < 0.3
        caller = np.where(flip, b, a)
        callee = np.where(flip, a, b)
        self._emit_with_failures(
            caller,
            callee,
            np.array(t_l),
            np.array(d_l, dtype=np.int64),
            np.array(m_l),
            SESSION,
            SESSION,
            p_a_calls=1.0,
            fail_p=0.1,
        )

    # ---- addresses per call end

    def address(self, i: int, t: float, ctx: int, cache: dict[tuple[int, int], str]) -> str:
        rng = self.rng
        a = self.accounts[i]
        day = min(int(t // DAY), self.days - 1)
        local_h = ((t / 3600.0) + a.tz) % 24
        weekday = int(((t + a.tz * 3600) // DAY) % 7)
        p_vpn = a.vpn_session if ctx == SESSION and a.vpn_session > 0 else a.vpn_any
        if p_vpn > 0 and rng.random() < p_vpn:
            key = (i, -1 - day)
            if key not in cache or rng.random() < 0.3:
                cache[key] = self.addresses.vpn_exit(a.vpn_provider)
            return cache[key]
        if a.trip is not None and a.trip[0] <= day < a.trip[1] and rng.random() < 0.85:
            key = (i, -1000 - day)
            if key not in cache:
                cache[key] = (
                    self.addresses.mobile[RISK][0].draw(rng)
                    if rng.random() < 0.5
                    else self.addresses.fixed[RISK][0].draw(rng)
                )
            return cache[key]
        if ctx == SESSION and a.den >= 0:
            if a.office >= 0 and rng.random() < 0.5:
                return self.lines[a.office].ips[day]
            if rng.random() < 0.9:
                return self.lines[a.household].ips[day]
        if a.office >= 0:
            line = self.lines[a.office]
            if ctx == WORK and rng.random() < 0.95:
                return line.ips[day]
            if i in self.cafe_users:
                if 9 <= local_h < 23 and rng.random() < 0.3:
                    return line.ips[day]
            elif weekday < 5 and 9 <= local_h < 17.5 and rng.random() < 0.7 and a.den < 0:
                return line.ips[day]
        if a.household >= 0:
            at_home = a.p_home if (local_h >= 18 or local_h < 8 or weekday >= 5) else 0.4
            if rng.random() < at_home:
                return self.lines[a.household].ips[day]
        # Mobile data behind carrier NAT: a new address every few hours.
        key = (i, int(t // (3 * 3600 + (i % 5) * 1800)))
        if key not in cache:
            v6 = COUNTRIES[a.cc][3]
            cache[key] = self.addresses.mobile[a.cc][a.carrier].draw(rng, v6)
        return cache[key]

    # ---- output

    def write(self, out: Path) -> dict[str, int]:
        rng = self.rng
        c = self.calls
        a = np.concatenate(c.a)
        b = np.concatenate(c.b)
        t = np.concatenate(c.t)
        dur = np.concatenate(c.dur)
        media = np.concatenate(c.media)
        cxa = np.concatenate(c.ctx_a)
        cxb = np.concatenate(c.ctx_b)
        keep = (a != b) & (t >= 0) & (t < self.horizon)
        a, b, t, dur, media, cxa, cxb = (x[keep] for x in (a, b, t, dur, media, cxa, cxb))
        order = np.argsort(t, kind="stable")
        a, b, t, dur, media, cxa, cxb = (x[order] for x in (a, b, t, dur, media, cxa, cxb))
        cache: dict[tuple[int, int], str] = {}
        ip_a = [
            self.address(int(i), float(s), int(x), cache) for i, s, x in zip(a, t, cxa, strict=True)
        ]
        ip_b = [
            self.address(int(i), float(s), int(x), cache) for i, s, x in zip(b, t, cxb, strict=True)
        ]
        self._verify(ip_a, a)
        self._verify(ip_b, b)
        # Opaque account names that carry nothing about the population.
        names = [f"u{x:010x}" for x in rng.choice(1 << 40, len(self.accounts), replace=False)]
        start_us = int(self.t0.timestamp() * 1_000_000)
        ts = start_us + np.rint(t * 1_000_000).astype(np.int64)
        table = pa.table(
            {
                "call_id": pa.array([f"h{k:08d}" for k in range(len(a))], pa.string()),
                "started_at": pa.array(ts, pa.timestamp("us", tz="UTC")),
                "duration_s": pa.array(dur, pa.int64()),
                "caller": pa.array([names[i] for i in a], pa.string()),
                "callee": pa.array([names[i] for i in b], pa.string()),
                "caller_ip": pa.array(ip_a, pa.string()),
                "callee_ip": pa.array(ip_b, pa.string()),
                "media": pa.array([MEDIA[m] for m in media], pa.string()),
            }
        )
        out.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, out / "calls.parquet")
        # Ground truth.
        src = set(self.sources)
        met: dict[int, set[int]] = {}
        for x, y, m, d in zip(a.tolist(), b.tolist(), media.tolist(), dur.tolist(), strict=True):
            if m == VIDEO and d > 0:
                if x in src and self.accounts[y].pop == "consumer":
                    met.setdefault(y, set()).add(x)
                elif y in src and self.accounts[x].pop == "consumer":
                    met.setdefault(x, set()).add(y)
        rows = ['"account","population","role","in_den","sources_met"']
        n_roles = {"source": 0, "consumer": 0}
        for i, acc in enumerate(self.accounts):
            role = "none"
            if acc.pop == "source":
                role = "source"
            elif acc.pop == "consumer" and met.get(i):
                role = "consumer"
            if role != "none":
                n_roles[role] += 1
            in_den = "true" if acc.den >= 0 else "false"
            rows.append(f'"{names[i]}","{acc.pop}","{role}",{in_den},{len(met.get(i, ()))}')
        (out / "truth.csv").write_text("\n".join(rows) + "\n")
        # Anonymiser list: most, not all, of the VPN ranges in use, plus some idle ones.
        lines = ["# VPN and hosting ranges (held-out world; partial coverage, as in practice)"]
        used = [r for prov in self.addresses.vpn for r in prov]
        listed = [r for r in used if rng.random() < 0.85] + self.addresses.decoys
        for base, plen, cc in listed:
            lines.append(
                f"{_v4(base)}/{plen}  # {cc}" if rng.random() < 0.2 else f"{_v4(base)}/{plen}"
            )
        (out / "anonymisers.txt").write_text("\n".join(lines) + "\n")
        return {
            "calls": len(a),
            "accounts": len(self.accounts),
            **n_roles,
            "dens": len(self.dens),
            "anonymiser_ranges_listed": len(listed),
            "vpn_ranges_used": len(used),
        }

    def _verify(self, ips: list[str], who: np.ndarray) -> None:
        """Every address must be placed by iptocc; a stray v6 address falls back to v4."""
        codes = country_code(ips)
        for k, code in enumerate(codes):
            acc = self.accounts[int(who[k])]
            if code is None or (":" in ips[k] and code != acc.cc):
                ips[k] = self.addresses.mobile[acc.cc][acc.carrier].draw(self.rng, 0.0)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--accounts", type=int, default=20000)
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--sources", type=int, default=40)
    p.add_argument("--consumers", type=int, default=120)
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    w = World(args.seed, args.accounts, args.days, args.sources, args.consumers)
    stats = w.write(args.out)
    stats_s = " ".join(f"{k}={v}" for k, v in stats.items())
    sys.stdout.write(f"{args.out}: {stats_s} in {time.perf_counter() - t0:.1f}s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
