"""Held-out world B: simulated call metadata (CDRs) with planted ground truth.

Who calls whom, when, for how long, from which IP, over which media; no content of any kind.
Plants Philippine "sources" (paid webcam shows on video for foreign customers) and their foreign
"consumers" among a public of 36 countries and innocent Philippine look-alike populations.

    .venv/bin/python tools/heldout_b/world.py --out DIR --seed N [--accounts 20000] [--days 7]

Writes DIR/calls.parquet, DIR/truth.csv and DIR/anonymisers.txt. Every address is a public one
that iptocc places in the country intended for it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import sys
import time
import zoneinfo
from pathlib import Path
from typing import Any

import iptocc
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

Arr = npt.NDArray[Any]
AUTO, HOME, MOB, SITE, VPN = -1, 0, 1, 2, 3  # where an endpoint connects from (4, 5: IPv6)
AUDIO, VIDEO, CHAT = 0, 1, 2
CTRY = (  # code:weight in the public:mobile-first:IPv6 share:time zones (zone*weight)
    "PH:30:1:.15:Asia/Manila US:14:0:.4:America/New_York*4,America/Chicago*3,America/Denver,"
    "America/Los_Angeles*2 GB:4:0:.3:Europe/London DE:3:0:.4:Europe/Berlin"
    " FR:2:0:.4:Europe/Paris IT:2:0:.1:Europe/Rome ES:2:0:.1:Europe/Madrid"
    " NL:1:0:.3:Europe/Amsterdam SE:1:0:.2:Europe/Stockholm NO:.6:0:.3:Europe/Oslo"
    " CH:.6:0:.3:Europe/Zurich IE:.4:0:.1:Europe/Dublin PL:1:0:.1:Europe/Warsaw"
    " TR:1.5:1:.05:Europe/Istanbul CA:2:0:.3:America/Toronto*5,America/Vancouver*2"
    ",America/Edmonton AU:2:0:.3:Australia/Sydney*4,Australia/Melbourne*3,Australia/Brisbane*2"
    ",Australia/Perth NZ:.5:0:.2:Pacific/Auckland JP:4:0:.35:Asia/Tokyo KR:3:0:.1:Asia/Seoul"
    " CN:4:1:.3:Asia/Shanghai TW:1:0:.3:Asia/Taipei HK:1:0:.1:Asia/Hong_Kong"
    " SG:1:0:.2:Asia/Singapore MY:1.5:1:.3:Asia/Kuala_Lumpur ID:4:1:.1:Asia/Jakarta"
    " VN:2:1:.3:Asia/Ho_Chi_Minh TH:2:1:.3:Asia/Bangkok IN:6:1:.5:Asia/Kolkata"
    " AE:1:1:.1:Asia/Dubai SA:1:1:.1:Asia/Riyadh QA:.3:1:0:Asia/Qatar KW:.3:1:0:Asia/Kuwait"
    " BR:3:1:.3:America/Sao_Paulo MX:2:1:.3:America/Mexico_City NG:1:1:0:Africa/Lagos"
    " ZA:1:1:.05:Africa/Johannesburg"
)
DIASPORA = (  # international family ties (and their reverse, at half weight)
    "PH:US,AE,SA,SG,HK,JP,CA,AU,IT,QA,KW IN:AE,SA,US,GB,QA,KW,SG,CA,AU MX:US CN:US,CA,AU,SG,JP,HK"
    " VN:US,AU,TW,KR,JP TR:DE,NL PL:GB,DE,IE,NL NG:GB,US ID:MY,SA,SG BR:US,JP,IT KR:US,CA,JP"
    " ZA:GB,AU IE:GB,US,AU ES:FR,GB IT:DE,FR,CH"
)
RICH = "US:28 GB:12 AU:12 DE:7 CA:7 NL:4 SE:4 NO:3 JP:4 KR:3 CH:2 FR:2 IE:1 NZ:2 IT:2 ES:1 SG:1"
PH_POPS = (  # Philippine populations: share of all accounts, lo-hi
    "bpo_agent:.012:.02 virtual_assistant:.004:.008 esl_tutor:.006:.012 ofw_family:.025:.04"
    " dater:.004:.008 retiree_in_ph:.002:.004 church_group:.01:.02 online_seller:.003:.006"
    " gamer:.01:.02 streamer:.001:.003"
)
ABROAD = {  # population: (countries, the PH population it goes with, relative size lo, hi)
    "va_client": ("US:50 AU:18 GB:12 CA:10 NZ:3 DE:3 NL:2 SG:2", "virtual_assistant", 2.5, 3.6),
    "esl_student": ("JP:50 KR:25 CN:20 TW:5", "esl_tutor", 4.5, 10),
    "dating_partner": (RICH, "dater", 1.4, 2.1),
    "nurse_abroad": ("US:30 GB:20 SA:12 AE:8 AU:8 CA:8 IE:5 DE:4 SG:5", "ofw_family", 0.06, 0.12),
}
OFW = "AE:20 SA:20 QA:6 KW:5 HK:12 SG:10 US:8 IT:6 JP:4 TW:5 CA:4"
RETIREE = "US:30 GB:15 AU:15 DE:10 CA:8 NO:4 SE:4 CH:4 JP:5 KR:5"
PROVIDERS = (  # VPN / hosting prefixes (registry country); a few /24s of each are the exits
    "104.131.0.0/16:US 45.76.0.0/16:US 198.44.128.0/18:US 128.199.0.0/16:GB 143.244.32.0/19:GB"
    " 88.198.0.0/16:DE 185.220.100.0/22:DE 139.162.0.0/16:NL 5.79.64.0/18:NL 139.59.0.0/16:SG"
    " 160.16.0.0/16:JP 133.242.0.0/16:JP 185.65.132.0/22:SE 45.83.220.0/22:SE"
    " 185.159.156.0/22:CH 51.38.0.0/16:FR 146.70.0.0/16:RO"
)
LEGACY = {6, 7, 11, 19, 21, 22, 25, 26, 28, 29, 30, 33, 48, 53, 55, 56, 214, 215}  # not ISPs
V6 = ((0x2001, 16, 0.3), (0x2400, 12, 0.3), (0x2600, 12, 0.15), (0x2A00, 12, 0.2))


def nums(s: str) -> Arr:
    return np.array([float(x) for x in s.split()])


def prof(s: str) -> Arr:
    p = nums(s)
    return np.asarray(p / p.sum())


# relative intensity by local hour 0..23
GEN = prof("2 1 .4 .4 .4 .4 .8 1.5 3 4 4.5 5 5.5 5 5 5 5.5 6.5 7.5 8.5 9 8 6 3.5")
EVE = prof("6 3 1.2 .2 .2 .2 .2 .2 .2 .2 .2 .2 .6 .6 .7 .8 1 1.5 2.5 4 6 8.5 10 9")
WORK = prof(".1 .1 .1 .1 .1 .1 .1 .1 2 5 6 6 3 5 6 6 5 2.5 1 .1 .1 .1 .1 .1")
NIGHT = prof("7 5 3 1.5 .3 .3 .3 .3 .3 .3 .3 .3 .3 .3 1 1.5 2 2 2.5 3 5 7 8 8")
DATE = prof("2 .3 .3 .3 .3 .3 2 3 2 .3 .3 .3 1 .3 .3 .3 .3 .3 3 5 7 8 7 5")
SELL = prof(".3 .3 .3 .3 .3 .3 .3 .3 .3 2 4 5 5 5 6 6 6 6 7 8 9 8 5 2")
FLAT = prof("1 1 1 1 1 1 1 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2")
AWAKE = prof("1 1 .6 .4 .3 .4 .6 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")
# population, partner pool, partners lo-hi, calls a pair-week lo-hi, hours, media (audio, video,
# chat), median seconds (audio, video), sigma, hours on the partner's clock
PAIRS = (
    ("nurse_abroad", "ph", 2, 4, 1.5, 4, FLAT, (0.35, 0.5, 0.15), (600, 1500), 0.8, False),
    ("retiree_in_ph", "origin", 2, 4, 0.8, 2.5, GEN, (0.45, 0.45, 0.1), (900, 1800), 0.8, True),
    ("retiree_in_ph", "ph", 1, 2, 2, 7, GEN, (0.6, 0.15, 0.25), (240, 600), 1.0, False),
    ("online_seller", "ph", 17, 68, 0.3, 1.2, SELL, (0.05, 0.7, 0.25), (90, 150), 0.8, False),
    ("online_seller", "diaspora", 3, 12, 0.3, 1.2, SELL, (0.05, 0.7, 0.25), (90, 150), 0.8, False),
    ("streamer", "fans", 5, 15, 0.5, 2, NIGHT, (0.2, 0.6, 0.2), (600, 900), 0.9, False),
)
_CC: dict[str, str | None] = {}


def lookup(addrs: list[str]) -> list[str | None]:
    """iptocc country codes, cached."""
    if miss := list({a for a in addrs if a not in _CC}):
        _CC.update(zip(miss, iptocc.country_code(miss), strict=True))
    return [_CC[a] for a in addrs]


def v4str(x: Arr) -> list[str]:
    parts = [((np.asarray(x, np.int64) >> s) & 255).tolist() for s in (24, 16, 8, 0)]
    return [f"{a}.{b}.{c}.{d}" for a, b, c, d in zip(*parts, strict=True)]


def wts(spec: str) -> dict[str, float]:
    return {k: float(v) for k, v in (p.split(":") for p in spec.split())}


def mix(*xs: Arr | int) -> Arr:
    """splitmix64 of the arguments, elementwise: stable per-key randomness."""
    h = np.zeros(np.broadcast(*[np.asarray(x) for x in xs]).shape, np.uint64)
    for x in xs:
        h = h ^ (np.asarray(x, dtype=np.int64).astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15))
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        h = h ^ (h >> np.uint64(31))
    return h


def mixmod(m: Arr | int, *xs: Arr | int) -> Arr:
    return (mix(*xs) % np.asarray(m).astype(np.uint64)).astype(np.int64)


class Net:
    """Addresses by country: ISPs are IPv4 /16s and IPv6 /32s found by sampling iptocc."""

    def __init__(self, rng: np.random.Generator, ccs: list[str]) -> None:
        self.rng, self.used = rng, set[str]()
        u = np.random.default_rng(20240611)  # fixed: the address universe is the same every seed
        x = u.integers(1 << 24, 224 << 24, 1_200_000)
        x = x[~np.isin(x >> 24, list(LEGACY))]
        code = {c: i for i, c in enumerate(ccs)}
        ci = np.array([code.get(c or "", -1) for c in lookup(v4str(x))])
        ok = ci >= 0
        keys, hits = np.unique(np.stack([x[ok] >> 16, ci[ok]]), axis=1, return_counts=True)
        self.pfx, self.w, self.cc = keys[0], hits.astype(float), np.array(ccs, object)[keys[1]]
        self.v6: dict[str, list[int]] = {c: [] for c in ccs}
        for base, bits, share in V6:
            p32 = ((base << 16) + u.integers(0, 1 << (32 - bits), int(300_000 * share))).tolist()
            s = [f"{p >> 16:x}:{p & 0xFFFF:x}:{p % 9973:x}::1" for p in p32]
            for p, c in zip(p32, lookup(s), strict=True):
                if c in code and p not in self.v6[c]:
                    self.v6[c].append(p)
        self.vpn: list[tuple[int, str]] = []
        for net, c in (spec.split(":") for spec in PROVIDERS.split()):
            n24 = ipaddress.ip_network(net)
            first, count = int(n24.network_address) >> 8, n24.num_addresses >> 8
            for b in rng.choice(count, min(count, 3), replace=False):
                base = (first + int(b)) << 8
                if set(lookup(v4str(base + np.array([1, 128, 254])))) == {c}:
                    self.vpn.append((base, c))
        self.w[np.isin(self.pfx, [b >> 16 for b, _ in self.vpn])] = 0  # hosting: no homes

    def isp(self, cc: str, n: int) -> Arr:
        """n ISPs of a country, by size."""
        ok = np.nonzero((self.cc == cc) & (self.w > 0))[0]
        return self.rng.choice(ok, n, p=self.w[ok] / self.w[ok].sum())

    def v4(self, isp: Arr) -> list[str]:
        """A fresh, verified address in each given ISP (or, failing that, its country)."""
        isp, out, todo = np.array(isp, dtype=int), [""] * len(isp), np.arange(len(isp))
        for attempt in range(80):
            if attempt and attempt % 20 == 0:
                isp[todo] = [self.isp(self.cc[i], 1)[0] for i in isp[todo]]
            x = (self.pfx[isp[todo]] << 16) | self.rng.integers(0, 256, len(todo)) << 8
            s = v4str(x | self.rng.integers(1, 255, len(todo)))
            left = []
            for j, a, c in zip(todo, s, lookup(s), strict=True):
                if c == self.cc[isp[j]] and a not in self.used:
                    out[j] = a
                    self.used.add(a)
                else:
                    left.append(j)
            if not (todo := np.array(left, dtype=int)).size:
                return out
        raise RuntimeError("could not place addresses")


class World:
    def __init__(self, n: int, days: int, seed: int) -> None:
        self.rng, self.n, self.days, self.T = np.random.default_rng(seed), n, days, days * 86400
        self.salt, week = seed * 7919, int(self.rng.integers(0, 100))
        self.t0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(weeks=week)  # a Monday
        self.ct: dict[str, tuple[float, bool, float, list[str], Arr]] = {}
        for c, w, mf, v6, zs in (spec.split(":") for spec in CTRY.split()):
            z = [[*q.split("*"), "1"][:2] for q in zs.split(",")]
            zw = np.array([float(b) for _, b in z])
            self.ct[c] = (float(w), mf == "1", float(v6), [a for a, _ in z], zw / zw.sum())
        self.dias: dict[str, dict[str, float]] = {c: {} for c in self.ct}
        for a, bs in (item.split(":") for item in DIASPORA.split()):
            for b in bs.split(","):
                self.dias[a][b] = self.dias[a].get(b, 0) + 2.0
                self.dias[b][a] = self.dias[b].get(a, 0) + 1.0
        self.acc: list[tuple[str, str, int, str]] = []  # population, country, UTC offset, role
        self.calls: list[tuple[Arr, ...]] = []
        self._zoff: dict[str, int] = {}

    def u(self, a: float, b: float) -> float:
        return float(self.rng.uniform(a, b))

    def zoff(self, zone: str) -> int:
        if zone not in self._zoff:
            off = zoneinfo.ZoneInfo(zone).utcoffset(self.t0 + dt.timedelta(days=self.days / 2))
            self._zoff[zone] = int(off.total_seconds()) if off else 0
        return self._zoff[zone]

    def choose(self, w: dict[str, float], k: int) -> Arr:
        return self.rng.choice(list(w), k, p=np.array(list(w.values())) / sum(w.values()))

    def add(self, pop: str, where: str | dict[str, float], k: int, role: str = "none") -> Arr:
        for c in self.choose({where: 1.0} if isinstance(where, str) else where, k):
            zones, zw = self.ct[c][3], self.ct[c][4]
            zone = zones[self.rng.choice(len(zones), p=zw)]
            self.acc.append((pop, str(c), self.zoff(zone), role))
        return np.arange(len(self.acc) - k, len(self.acc))

    def freeze(self) -> None:
        pop, cc, off, role = zip(*self.acc, strict=True)
        self.pop, self.cc, self.role = (np.array(x, dtype=object) for x in (pop, cc, role))
        self.off, self.N = np.array(off), len(off)
        self.soc_cc, (self.p_soc, self.p_vpn, self.p_site) = self.cc.copy(), np.zeros((3, self.N))
        self.line, self.nl, self.site, self.vblk, self.carrier = np.full((5, self.N), -1)
        self.site_h, self.site_len = np.zeros(self.N, int), np.full(self.N, 24)
        self.mobm, self.nohome, self.in_den = np.ones(self.N), *np.zeros((2, self.N), bool)
        self.lines: list[str] = []
        self.sites: list[tuple[str, int]] = []  # country, addresses

    def res(self, cc: str | list[str], free: bool = True) -> Arr:
        """Residents of countries (free: with no planted role)."""
        m = np.isin(self.cc, [cc] if isinstance(cc, str) else cc)
        return np.nonzero(m & (self.role == "none") if free else m)[0]

    def pick(self, pool: Arr, k: int, w: Arr | None = None) -> Arr:
        return self.rng.choice(pool, k, p=None if w is None else w / w.sum())

    def link(self, left: Arr, right: Arr, k: Arr) -> tuple[Arr, Arr]:
        """left[i] gets k[i] partners from right; every right gets at least one."""
        a, b = np.repeat(left, k), self.rng.choice(right, int(np.sum(k)))
        m = min(len(a), len(right))
        b[self.rng.permutation(len(a))[:m]] = self.rng.permutation(right)[:m]
        ab = np.unique(np.stack([a, b]), axis=1)
        return ab[0], ab[1]

    def groups(self, idx: Arr, lo: int, hi: int) -> list[Arr]:
        idx, out, i = self.rng.permutation(idx), [], 0
        while i < len(idx):
            out.append(idx[i : (i := i + int(self.rng.integers(lo, hi + 1)))])
        return out

    def house(self, members: Arr, nl: int = 1) -> None:
        self.line[members], self.nl[members] = len(self.lines), nl
        self.lines += [self.cc[members[0]]] * nl

    def place(self, g: Arr, nips: int, p: float, h: int = 0, hours: int = 24) -> None:
        """A shared site: an office (weekdays from local hour h), internet cafe or dormitory."""
        self.site[g], self.p_site[g], self.site_h[g] = len(self.sites), p, h
        self.site_len[g] = hours
        self.sites.append((self.cc[g[0]], nips))

    def vpn(self, g: Arr, p: Arr | float, exits: list[str] | None = None) -> None:
        """A VPN exit for each of g (own country's, else one of exits) used with probability p."""
        self.p_vpn[g] = p
        for i in g:
            own = [self.cc[i]] if any(c == self.cc[i] for _, c in self.net.vpn) else None
            ok = [j for j, (_, c) in enumerate(self.net.vpn) if c in (exits or own or ["US", "NL"])]
            self.vblk[i] = self.rng.choice(ok or [0])

    # ---- calls
    def draw_t(self, acc: Arr, p: Arr, wk: float = 1.15) -> Arr:
        rng, n, dd = self.rng, len(acc), np.arange(-1, self.days + 1)
        dw = np.array([1, 1, 1, 1, 1.05, wk, wk])[dd % 7]
        d = rng.choice(dd, n, p=dw / dw.sum())
        h = rng.choice(24, n, p=p) * 3600 + rng.integers(0, 3600, n)
        return np.asarray(d * 86400 + h - self.off[acc])

    def lh(self, acc: Arr, t: Arr) -> Arr:
        return np.asarray(((t + self.off[acc]) // 3600) % 24)

    def vid(self, n: int, p: float) -> Arr:
        return np.where(self.rng.random(n) < p, VIDEO, AUDIO)

    def emit(self, a: Arr, b: Arr, t: Arr, d: Any, m: Any, ha: Any = AUTO, hb: Any = AUTO,
             p_ab: float = 1.0) -> None:  # fmt: skip
        """Record calls; with probability 1 - p_ab the b side is the caller."""
        cols = [np.asarray(x, np.int64) for x in (a, b, t, d, m, ha, hb)]
        a, b, t, d, m, ha, hb = np.broadcast_arrays(*cols)
        sw = self.rng.random(len(t)) >= p_ab
        a, b = np.where(sw, b, a), np.where(sw, a, b)
        ha, hb = np.where(sw, hb, ha), np.where(sw, ha, hb)
        self.calls.append((a, b, t, d, m, ha, hb))

    def dur(self, m: Arr, med: Any, sig: float, lo: float = 5, hi: float = 14400) -> Arr:
        """Heavy-tailed durations; chat sessions are short; some calls fail at ring."""
        rng, n = self.rng, len(m)
        med = np.array(med)[np.minimum(m, 1)] if isinstance(med, tuple) else med
        d = np.clip(rng.lognormal(np.log(med), sig, n), lo, hi)
        d[m == CHAT] = np.clip(rng.lognormal(np.log(50), 1.1, int(np.sum(m == CHAT))), 1, 1800)
        f = (m != CHAT) & (rng.random(n) < 0.07)
        d[f] = rng.integers(0, 16, int(f.sum()))
        return d.astype(np.int64)

    def pairs(self, a: Arr, b: Arr, rate: Any, p: Arr, media: Any, med: Any, sig: float, *,
              tz_b: bool = False, fit: Arr | None = GEN, p_ab: float = 0.5, ha: Any = AUTO,
              lo: float = 5, wk: float = 1.15) -> None:  # fmt: skip
        """Poisson(rate a week) calls per pair at hours p of one side, fitted to the other's."""
        rng = self.rng
        k = rng.poisson(np.broadcast_to(np.asarray(rate, dtype=float), a.shape) * self.days / 7)
        ix = np.repeat(np.arange(len(a)), k)
        a, b, side = a[ix], b[ix], b[ix] if tz_b else a[ix]
        t = self.draw_t(side, p, wk)
        for _ in range(3 * (fit is not None)):
            f = GEN if fit is None else fit
            bad = rng.random(len(t)) * f.max() > f[self.lh(a if tz_b else b, t)]
            t[bad] = self.draw_t(side[bad], p, wk)
        mp = np.asarray(media)
        m = (rng.random(len(t))[:, None] > np.cumsum(mp[ix] if mp.ndim == 2 else mp, -1)).sum(-1)
        ha = np.asarray(ha)[ix] if np.ndim(ha) else ha
        self.emit(a, b, t, self.dur(m, med, sig, lo), m, ha, AUTO, p_ab)

    def weekly(self, tz: Arr, nd: Arr, hour: Arr, minute: Arr, dw: str = "1 1 1 1 1 1 1",
               skip: float = 0.08, jit: tuple[int, int] = (60, 60)) -> tuple[Arr, Arr]:  # fmt: skip
        """Recurring slots: nd weekdays per row at a fixed local time; returns (row, start)."""
        rng = self.rng
        key = rng.random((len(tz), 7)) ** (1 / nums(dw))
        chosen = np.argsort(np.argsort(-key, 1), 1) < nd[:, None]
        rows = [np.nonzero(chosen[:, d % 7])[0] for d in range(-1, self.days + 1)]
        d = np.concatenate([np.full(len(r), i - 1) for i, r in enumerate(rows)])
        r = np.concatenate(rows)
        r, d = r[keep := rng.random(len(r)) > skip], d[keep]
        j = rng.normal(*jit, len(r)) + (rng.random(len(r)) < 0.05) * rng.integers(300, 1500, len(r))
        return r, d * 86400 + hour[r] * 3600 + minute[r] * 60 - self.off[tz[r]] + j.astype(int)

    def sessions(self, host: Arr, mem: list[Arr], g: Arr, t: Arr, length: Arr, media: list[float],
                 attend: float) -> None:  # fmt: skip
        """Group calls: each session (group g at t) is a leg between host and each attendee."""
        rng, ix = self.rng, np.repeat(np.arange(len(g)), [len(mem[i]) for i in g])
        who = np.concatenate([mem[i] for i in g] + [np.zeros(0, int)])
        ix, who = ix[keep := rng.random(len(ix)) < attend], who[keep]
        join = rng.exponential(200, len(ix)).astype(int)
        d = np.maximum(length[ix] - join - rng.exponential(400, len(ix)), 30).astype(int)
        self.emit(host[g[ix]], who, t[ix] + join, d, rng.choice(3, len(ix), p=media), p_ab=0.5)

    # ---- populations and where they connect from
    def build(self) -> None:
        rng, n, u = self.rng, self.n, self.u
        self.net = Net(rng, list(self.ct))
        ns = max(30, round(n * u(0.0015, 0.0025)))
        ps = {"source": self.add("source", "PH", ns, "source")}
        ps["consumer"] = self.add("consumer", wts(RICH), round(ns * u(4, 7) / 2.28), "consumer")
        for k, lo, hi in (spec.split(":") for spec in PH_POPS.split()):
            ps[k] = self.add(k, "PH", max(10, round(n * u(float(lo), float(hi)))))
        fams = self.groups(ps["ofw_family"], 1, 3)
        relk = rng.choice([1, 2], len(fams), p=[0.7, 0.3])
        ps["ofw_abroad"] = self.add("ofw_abroad", wts(OFW), int(relk.sum()))
        for name, (where, base, x, y) in ABROAD.items():
            ps[name] = self.add(name, wts(where), max(10, round(len(ps[base]) * u(x, y))))
        rest = n - len(self.acc)
        assert rest > n * 0.4, "too few accounts for the populations"
        ps["public"] = self.add("public", {c: v[0] for c, v in self.ct.items()}, rest)
        self.freeze()
        ret, ab = ps["retiree_in_ph"], np.concatenate([ps["ofw_abroad"], ps["nurse_abroad"]])
        self.soc_cc[ret], self.p_soc[ret] = self.choose(wts(RETIREE), len(ret)), 0.5
        self.soc_cc[ab], self.p_soc[ab] = "PH", 0.7
        self.wire(ps, fams)
        self.social()
        self.shows(ps["source"], ps["consumer"])
        self.bpo(ps["bpo_agent"])
        self.assistants(ps["virtual_assistant"], ps["va_client"])
        self.tutors(ps["esl_tutor"], ps["esl_student"])
        self.families(fams, np.split(ps["ofw_abroad"], np.cumsum(relk)[:-1]))
        self.others(ps)

    def wire(self, ps: dict[str, Arr], fams: list[Arr]) -> None:
        rng, u, na = self.rng, self.u, self.N
        pub = rng.permutation(np.intersect1d(ps["public"], self.res("PH")))
        spare, dorm = list(pub[len(pub) // 20 :]), pub[: len(pub) // 20]
        self.nohome[dorm] = True
        for g in self.groups(dorm, 20, 60):  # student dormitories
            self.place(g, int(rng.integers(1, 3)), 0.85)
        src = rng.permutation(ps["source"])
        nden = round(len(src) * u(0.3, 0.5))
        for g in self.groups(src[:nden], 2, 6):  # dens: sources (and family) on one to three lines
            fam = [spare.pop() for _ in range(rng.integers(0, 3))]
            nl = int(rng.choice(3, p=[0.65, 0.25, 0.1])) + 1
            self.house(np.concatenate([g, fam]).astype(int), nl)
            self.in_den[g], self.mobm[g] = len(g) > 1, 0.4
        for s in src[nden:]:
            self.house(np.array([s] + [spare.pop() for _ in range(rng.integers(0, 4))]))
        for f in fams:
            self.house(f)
        gm, lone = ps["gamer"], src[nden:]
        cafe = [*lone[rng.random(len(lone)) < 0.12], *rng.choice(spare, len(spare) // 30)]
        for g in self.groups(np.unique([*cafe, *gm[rng.random(len(gm)) < 0.35]]), 8, 20):
            self.place(g, 1, u(0.2, 0.6))  # internet cafes
        zones = ["America/New_York", "America/Los_Angeles", "Australia/Sydney", "Europe/London"]
        self.mk, self.moff, self.mstart = np.full((3, na), -1)
        for g in self.groups(ps["bpo_agent"], 25, 120):  # BPO sites; shifts in customers' day
            z, sh = int(rng.choice(4, p=[0.55, 0.2, 0.12, 0.13])), int(rng.integers(7, 11))
            self.mk[g], self.moff[g], self.mstart[g] = z, self.zoff(zones[z]), sh
            wfh, ph_h = rng.random(len(g)) < 0.15, (sh * 3600 - self.moff[g[0]] + self.off[g[0]])
            self.place(g[~wfh], int(rng.choice([1, 2, 4])), 0.95, ph_h // 3600 % 24, 10)
            self.vpn(g[wfh], 0.0, ["GB" if z == 3 else "US"])  # corporate VPN from home
        va, tut = ps["virtual_assistant"], rng.permutation(ps["esl_tutor"])
        for g in self.groups(va[rng.random(len(va)) < 0.1], 4, 12):  # co-working spaces
            self.place(g, 1, 0.8, 20, 10)
        for g in self.groups(tut[: len(tut) // 2], 8, 40):  # tutoring centres
            self.place(g, int(rng.integers(1, 3)), 0.9, 17, 9)
        for c in self.ct:  # ordinary workplaces
            w = np.intersect1d(ps["public"], self.res(c))
            for g in self.groups(w[(self.site[w] < 0) & (rng.random(len(w)) < 0.12)], 5, 60):
                self.place(g, int(rng.integers(1, 3)), 0.8, int(rng.integers(7, 10)), 9)
        ab = ps["ofw_abroad"]
        for c, lo, hi in (("AE", 0.4, 0.9), ("QA", 0.4, 0.9), ("SA", 0.2, 0.5), ("KW", 0.1, 0.3)):
            m = ab[self.cc[ab] == c]  # VoIP is blocked in parts of the Gulf: workers use VPNs
            self.vpn(m, rng.uniform(lo, hi, len(m)), ["SG", "NL", "US", "GB"])
        gm = gm[rng.random(len(gm)) < 0.25]
        self.vpn(gm, rng.uniform(0.2, 0.6, len(gm)), ["SG", "JP", "US"])
        cons, self.show_vpn = ps["consumer"], np.zeros(na)
        self.show_vpn[cons] = (rng.random(len(cons)) < u(0.25, 0.45)) * rng.uniform(
            0.3, 1, len(cons)
        )
        self.vpn(cons[self.show_vpn[cons] > 0], 0.15)
        anyone = np.nonzero((rng.random(na) < 0.03) & (self.vblk < 0))[0]
        self.vpn(anyone, rng.uniform(0.1, 0.6, len(anyone)))
        self.wire_lines()

    def wire_lines(self) -> None:
        """Home lines (leases, IPv6), mobile carriers (NAT pools) and site ISPs."""
        rng, na, net = self.rng, self.N, self.net
        mf = np.array([self.ct[c][1] for c in self.cc])
        want = (self.line < 0) & ~self.nohome & (rng.random(na) > np.where(mf, 0.35, 0.12))
        for c in self.ct:
            for g in self.groups(np.nonzero(want & (self.cc == c))[0], 1, 3 + self.ct[c][1]):
                self.house(g)
        self.p_mob = np.where(self.line >= 0, np.clip(rng.beta(2, 4, na) + 0.2 * mf, 0, 1), 1)
        self.p_mob *= self.mobm
        lc = np.array(self.lines, dtype=object)
        nl, self.line_isp, self.l6 = len(lc), np.zeros(len(lc), int), np.full(len(lc), -1)
        lease = rng.choice([30, 5, 3, 2, 1], nl, p=[0.55, 0.15, 0.12, 0.08, 0.1]) * 86400
        self.lease = (lease * rng.uniform(0.8, 1.2, nl)).astype(int)
        self.phase = rng.integers(0, 30 * 86400, nl)
        car: list[list[int]] = [[], []]  # (ISP, NAT pool size, NAT period), IPv6 /32
        for c, (_, _, v6s, _, _) in self.ct.items():
            m, v6 = np.nonzero(lc == c)[0], net.v6[c]
            self.line_isp[m] = net.isp(c, len(m))
            on = rng.random(len(m)) < v6s * (len(v6) >= 3)
            self.l6[m] = np.where(on, rng.choice(v6 or [0], len(m)), -1)
            subs, cars = np.nonzero(self.cc == c)[0], np.unique(net.isp(c, 3))
            own = rng.choice(len(cars), len(subs), p=rng.dirichlet(np.ones(len(cars)) * 3))
            for j, isp in enumerate(cars):
                self.carrier[subs[own == j]] = len(car[1])
                six = len(v6) >= 3 and rng.random() < v6s * 1.3
                car[0] += [
                    isp,
                    max(3, int(np.sum(own == j) / self.u(4, 14))),
                    int(self.u(1.5, 6) * 3600),
                ]
                car[1].append(int(rng.choice(v6)) if six else -1)
        self.car_isp, self.car_pool, self.car_per = np.array(car[0]).reshape(-1, 3).T
        self.car6 = np.array(car[1])
        self.site_isp = np.array([net.isp(c, 1)[0] for c, _ in self.sites])
        self.site_n = np.array([k for _, k in self.sites])

    # ---- behaviour
    def social(self) -> None:
        """Mostly domestic contacts, clustered along a ring; some international family ties."""
        rng, na = self.rng, self.N
        mult = {"consumer": 0.8, "retiree_in_ph": 0.7, "gamer": 1.2, "church_group": 1.2}
        deg = rng.lognormal(np.log(3.2), 0.75, na) * np.array([mult.get(p, 1.0) for p in self.pop])
        own = np.repeat(np.arange(na), np.clip(np.round(deg), 1, 80).astype(int))
        tc = np.where(rng.random(len(own)) < self.p_soc[own], self.soc_cc[own], self.cc[own])
        intl = rng.random(len(own)) < np.array([0.06 if self.dias[c] else 0.025 for c in tc])
        tc2 = tc.copy()
        for c in self.ct:
            d = self.dias[c] or {k: v[0] for k, v in self.ct.items()}
            m = np.nonzero(intl & (tc == c))[0]
            tc2[m] = self.choose(d, len(m))
        tgt, local = np.full(len(own), -1), (tc2 == self.cc[own]) & ~intl
        for c in self.ct:
            ring, pool, pos = rng.permutation(self.res(c, False)), self.res(c), np.zeros(na, int)
            pos[ring] = np.arange(len(ring))
            j = np.nonzero(local & (self.cc[own] == c))[0]  # neighbours on the ring: clustering
            step = (1 + rng.geometric(1 / 25, len(j))) * rng.choice([-1, 1], len(j))
            tgt[j] = ring[(pos[own[j]] + step) % len(ring)]
            j = np.nonzero(~local & (tc2 == c))[0]
            tgt[j] = self.pick(pool, len(j)) if len(pool) else -1
        ok = (tgt >= 0) & (tgt != own)
        a, b = np.unique(np.sort(np.stack([own[ok], tgt[ok]]), axis=0), axis=1)
        xi = self.cc[a] != self.cc[b]
        rate = np.clip(rng.lognormal(np.log(0.9), 1.1, len(a)) * np.where(xi, 0.7, 1), 0.05, 30)
        v = np.array([0.34 if self.ct[c][1] else 0.22 for c in self.cc])
        v = (v[a] + v[b]) / 2 + 0.12 * xi
        mp = rng.gamma(6 * np.stack([0.7 - v, v, np.full(len(a), 0.3)], 1))
        self.pairs(a, b, rate, GEN, mp / mp.sum(1, keepdims=True), (150, 420), 1.1, lo=3)

    def shows(self, src: Arr, cons: Arr) -> None:
        """Paid shows: the consumer's evening, short-to-medium video, irregular minutes."""
        rng, u = self.rng, self.u
        w = rng.lognormal(0, 0.8, len(src)) * np.where(rng.random(len(src)) < u(0.15, 0.3), 0.12, 1)
        w, den, links = w / w.sum(), np.where(self.in_den[src], self.line[src], -1), set()
        for c in cons:  # a consumer buys from 1-6 sources, often den-mates of one he knows
            kc, got = rng.choice(6, p=prof("42 24 14 9 6 5")) + 1, [rng.choice(len(src), p=w)]
            for _ in range(40):
                mates = np.nonzero((den == den[got[-1]]) & (den >= 0))[0]
                mate = len(mates) > 1 and rng.random() < 0.45
                j = rng.choice(mates) if mate else rng.choice(len(src), p=w)
                got += [j] if j not in got and len(got) < kc else []
            links |= {(int(src[j]), int(c)) for j in got}
        for s in set(src.tolist()) - {s for s, _ in links}:
            links.add((s, int(rng.choice(cons))))
        ls, lc = np.array(sorted(links)).T
        lam = np.zeros(self.N)
        lam[cons] = rng.uniform(0.2, 1.5, len(cons))
        ix = np.repeat(np.arange(len(ls)), np.minimum(1 + rng.poisson(lam[lc] * self.days / 7), 6))
        s, c = ls[ix], lc[ix]
        t = self.draw_t(c, EVE, 1.3)
        for _ in range(6):  # inside the window, and (weakly) the source's waking hours
            bad = rng.random(len(t)) > AWAKE[self.lh(s, t)] / AWAKE.max()
            bad |= (t < 600) | (t > self.T - 4000)
            t[bad] = self.draw_t(c[bad], EVE, 1.3)
        t, med = np.clip(t, 600, self.T - 4000), rng.uniform(600, 1100, self.N)
        d = np.clip(rng.lognormal(np.log(med[s]), 0.55), 150, 3600)
        ch = np.where(rng.random(len(t)) < self.show_vpn[c], VPN, AUTO)
        sh = np.where(rng.random(len(t)) < 0.85, HOME, AUTO)
        self.emit(c, s, t, d, VIDEO, ch, sh, 0.6)
        m, f = rng.random(len(t)) < 0.6, rng.random(len(t)) < 0.15  # chat first; missed attempt
        tm, tf = t[m] - rng.integers(60, 1500, m.sum()), t[f] - rng.integers(20, 300, f.sum())
        self.emit(c[m], s[m], tm, rng.lognormal(4, 1, m.sum()) + 5, CHAT, ch[m], sh[m], 0.7)
        self.emit(c[f], s[f], tf, rng.integers(0, 12, f.sum()), VIDEO, ch[f], sh[f])
        self.pairs(lc, ls, 1.0, EVE, (0, 0, 1), 60, 1, p_ab=0.7)  # chat between shows
        shop = self.pick(self.res(list(wts(RICH))), len(src) * 2)  # window shoppers: chat only
        self.pairs(shop, np.repeat(src, 2), rng.uniform(0, 2, len(shop)), EVE, (0, 0, 1), 60, 1)

    def bpo(self, ag: Arr) -> None:
        """Call-centre agents: many short audio calls with customers in their office hours."""
        rng = self.rng
        pools = [self.res(x.split()) for x in ("US CA", "US CA", "AU NZ", "GB IE")]
        pw = [rng.pareto(1.2, len(p)) + 0.05 for p in pools]  # a few customers call often
        rate, dayoff = rng.uniform(6, 14, len(ag)), rng.integers(0, 7, len(ag))
        hint = np.where(self.site[ag] >= 0, SITE, VPN)
        for d in range(-1, self.days + 1):
            ix = np.repeat(np.arange(len(ag)), rng.poisson(rate * ((d - dayoff) % 7 >= 2)))
            a, b = ag[ix], np.zeros(len(ix), int)
            t = d * 86400 + self.mstart[a] * 3600 - self.moff[a] + rng.integers(0, 32400, len(a))
            for z, (p, w) in enumerate(zip(pools, pw, strict=True)):
                b[self.mk[a] == z] = self.pick(p, int(np.sum(self.mk[a] == z)), w)
            m = rng.choice(3, len(ix), p=[0.9, 0.03, 0.07])
            self.emit(a, b, t, self.dur(m, 240, 0.8, 15, 3600), m, hint[ix], AUTO, 0.6)

    def assistants(self, vas: Arr, clients: Arr) -> None:
        """Virtual assistants: stand-ups in the client's morning, ad-hoc calls, chat."""
        rng = self.rng
        va, cl = self.link(vas, clients, rng.integers(2, 6, len(vas)))
        for i in vas[rng.random(len(vas)) < 0.15]:  # working via a VPN in the client's country
            self.vpn(np.array([i]), 0.0, [self.cc[cl[va == i][0]]])
        vh, k = np.where(self.site[va] >= 0, SITE, np.where(self.vblk[va] >= 0, VPN, HOME)), len(va)
        hour, mins = (
            rng.choice(nums("8 9 10 11 13 14 16"), k),
            rng.choice(nums("0 0 0 30 30 15 45"), k),
        )
        r, t = self.weekly(
            cl, rng.integers(3, 6, k), hour, mins, "1 1 1 1 1 .03 .02", 0.1, (60, 90)
        )
        d = np.clip(rng.lognormal(np.log(1500), 0.45, len(r)), 300, 5400)
        self.emit(va[r], cl[r], t, d, self.vid(len(r), 0.8), vh[r], AUTO, 0.4)
        kw: dict[str, Any] = {"tz_b": True, "fit": None, "ha": vh, "wk": 0.2}
        self.pairs(va, cl, rng.uniform(1, 4, k), WORK, (0.45, 0.35, 0.2), (420, 900), 0.9, **kw)
        self.pairs(va, cl, rng.uniform(4, 12, k), WORK, (0, 0, 1), 60, 1, **kw)

    def tutors(self, tutors: Arr, students: Arr) -> None:
        """ESL tutors: 25/50-minute lessons on the hour or half hour; students return weekly."""
        rng = self.rng
        tu, st = self.link(tutors, students, rng.integers(6, 17, len(tutors)))
        k = len(tu)
        hour = rng.choice(nums("6 7 8 12 19 20 21 22"), k, p=prof("8 10 4 4 15 24 22 13"))
        mins = np.where(rng.random(k) < 0.9, rng.choice([0, 0, 30], k), rng.integers(1, 12, k) * 5)
        nd = rng.choice([1, 2, 3], k, p=[0.5, 0.35, 0.15])
        r, t = self.weekly(st, nd, hour, mins, jit=(45, 45))
        d = np.where(rng.random(k) < 0.7, 1500, 3000)[r] + rng.normal(0, 50, len(r))
        th = np.where(self.site[tu] >= 0, SITE, HOME)[r]
        self.emit(tu[r], st[r], t, np.maximum(d, 60), self.vid(len(r), 0.88), th, AUTO, 0.7)
        self.pairs(tu, st, 0.6, GEN, (0, 0, 1), 60, 1, tz_b=True)

    def families(self, fams: list[Arr], rels: list[Arr]) -> None:
        """OFW families: long recurring video with relatives abroad (Friday off in the Gulf)."""
        rng = self.rng
        fr = zip(fams, rels, strict=True)
        pr = [(r, m, j == 0) for f, rs in fr for r in rs for j, m in enumerate(f)]
        a, b, main = (np.array(x) for x in zip(*pr, strict=True))
        k = len(a)
        nd = np.where(main, rng.integers(2, 6, k), rng.integers(0, 2, k))
        hour, mins = rng.choice(nums("20 21 22 12 13"), k), rng.integers(0, 60, k)
        r, t = self.weekly(a, nd, hour, mins, "1 1 1 1 2.5 1.3 1", 0.1, (0, 1200))
        m = rng.choice(3, len(r), p=[0.2, 0.72, 0.08])
        self.emit(a[r], b[r], t, self.dur(m, 2400, 0.7, 60), m, p_ab=0.55)
        rate = np.where(main, self.u(1, 3), 0.6)
        self.pairs(a, b, rate, GEN, (0.35, 0.35, 0.3), (300, 1200), 0.9)

    def squads(self, pop: Arr, lo: int, hi: int, extra: Arr, most: int) -> tuple[Arr, list[Arr]]:
        host, mem = [], []
        for g in self.groups(pop, lo, hi):
            host.append(g[0])
            mem.append(
                np.concatenate([g[1:], self.pick(extra, int(self.rng.integers(0, most + 1)))])
            )
        return np.array(host), mem

    def others(self, ps: dict[str, Arr]) -> None:
        """Dating, church groups, gamer squads, and the partner-pool populations of PAIRS."""
        rng = self.rng
        dp = ps["dater"]  # one to four foreign partners; romance scammers: more, mostly chat
        scam = rng.random(len(dp)) < 0.1
        kd = np.where(scam, rng.integers(4, 8, len(dp)), rng.choice([1, 1, 1, 2, 2, 3, 4], len(dp)))
        a, b = self.link(dp, ps["dating_partner"], kd)
        sc = np.isin(a, dp[scam])
        rv = np.where(sc, rng.uniform(0.3, 1.2, len(a)), rng.uniform(1.5, 5, len(a)))
        self.pairs(a, b, rv, DATE, (0.15, 0.7, 0.15), (900, 2100), 0.8, tz_b=True, fit=None)
        rc = np.where(sc, 14, 8) * rng.uniform(0.5, 1.5, len(a))
        self.pairs(a, b, rc, GEN, (0, 0, 1), 60, 1, tz_b=True)
        abroad = np.concatenate([ps["ofw_abroad"], ps["nurse_abroad"]])
        host, mem = self.squads(ps["church_group"], 6, 25, abroad, 3)  # weekly video meetings
        ng = len(host)
        hour, mins = rng.choice(nums("9 10 16 19 20"), ng), rng.choice([0, 0, 0, 30], ng)
        nd = rng.choice([1, 2], ng)
        r, t = self.weekly(host, nd, hour, mins, ".5 .5 1.2 .5 1 .6 4", 0.1, (0, 30))
        self.sessions(host, mem, r, t, rng.uniform(3600, 7200, len(r)), [0.15, 0.85, 0], 0.75)
        mates = self.res(["SG", "MY", "ID", "TH", "VN", "US", "AU", "JP", "KR"])
        host, mem = self.squads(ps["gamer"], 3, 6, mates, 2)  # late-night voice sessions
        g = np.repeat(np.arange(len(host)), rng.poisson(self.u(2, 6) * self.days / 7, len(host)))
        length = np.clip(rng.lognormal(np.log(5400), 0.6, len(g)), 900, 21600)
        self.sessions(host, mem, g, self.draw_t(host[g], NIGHT), length, [0.85, 0.15, 0], 0.7)
        ph = np.concatenate([ps["public"], ps["ofw_family"], ps["church_group"]])
        fans, dias = (
            ["US", "AU", "GB", "SG", "MY", "JP", "KR"],
            ["US", "AE", "SA", "SG", "HK", "JP"],
        )
        pools = {"ph": np.intersect1d(self.res("PH"), ph), "fans": self.res(fans)}
        pools["diaspora"] = np.concatenate([ps["ofw_abroad"], self.res(dias)])
        for pop, pool, klo, khi, rlo, rhi, hours, media, med, sig, tz_b in PAIRS:
            a = np.repeat(ps[pop], rng.integers(klo, khi + 1, len(ps[pop])))
            cc = self.soc_cc[a] if pool == "origin" else np.full(len(a), "")
            b = np.zeros(len(a), int)
            for c in np.unique(cc):
                b[cc == c] = self.pick(self.res(str(c)) if c else pools[pool], int(np.sum(cc == c)))
            self.pairs(a, b, rng.uniform(rlo, rhi, len(a)), hours, media, med, sig, tz_b=tz_b)

    # ---- addresses and output
    def resolve(self, acc: Arr, t: Arr, hint: Arr) -> Arr:
        """The address of each endpoint: home line, carrier NAT, site or VPN; some IPv6."""
        s, slot, day = self.salt, t // 7200, (t + self.off[acc]) // 86400
        u0, u1, u2, u3 = ((mix(s + i, acc, slot) >> np.uint64(11)) / 2.0**53 for i in range(4))
        home, st, vb, car = self.line[acc] >= 0, self.site[acc], self.vblk[acc], self.carrier[acc]
        ctx = np.where(home & (u0 >= self.p_mob[acc]), HOME, MOB)
        win = (self.lh(acc, t) - self.site_h[acc]) % 24 < self.site_len[acc]
        win &= (self.site_len[acc] >= 24) | (day % 7 < 5)
        ctx = np.where((st >= 0) & win & (u1 < self.p_site[acc]), SITE, ctx)
        ctx = np.where((vb >= 0) & (u2 < self.p_vpn[acc]), VPN, ctx)
        ctx = np.where(hint >= 0, hint, ctx)
        bad = ((ctx == HOME) & ~home) | ((ctx == SITE) & (st < 0)) | ((ctx == VPN) & (vb < 0))
        ctx = np.where(bad, np.where(home, HOME, MOB), ctx)
        ln = np.where(home, self.line[acc] + mixmod(np.maximum(self.nl[acc], 1), s, acc, slot), 0)
        ep = (t + self.phase[ln]) // self.lease[ln]
        cep = (t + mixmod(86400, s, acc)) // self.car_per[car]
        h6 = (ctx == HOME) & (self.l6[ln] >= 0) & (u3 < 0.7)
        m6 = (ctx == MOB) & (self.car6[car] >= 0) & (u3 < 0.7)
        nat, sip = mixmod(self.car_pool[car], s, acc, cep), mixmod(self.site_n[st], s, acc, day)
        c1 = np.select([ctx == HOME, ctx == MOB, ctx == SITE], [ln, car, st], vb)
        c2 = np.select([ctx == HOME, m6, ctx == MOB, ctx == SITE], [ep, acc, nat, sip], 0)
        c2 += (ctx == VPN) * mixmod(48, s, acc, t // 10800)
        c0, c3 = np.select([h6, m6], [4, 5], ctx), np.select([h6, m6], [acc, cep], 0)
        keys = np.stack([c0, c1, c2, c3, np.where(h6, day, 0)], 1)
        keys, inv = np.unique(keys, axis=0, return_inverse=True)
        return self.addresses(keys)[inv.ravel()]

    def addresses(self, keys: Arr) -> Arr:
        """Addresses for unique endpoint keys (kind, entity, ...), checked against iptocc."""
        net, s, (k0, e1, e2, e3, e4) = self.net, self.salt, keys.T
        out, want = np.empty(len(keys), object), np.empty(len(keys), object)
        for kd, isp in ((HOME, self.line_isp), (MOB, self.car_isp), (SITE, self.site_isp)):
            m = k0 == kd
            out[m], want[m] = net.v4(isp[e1[m]]), net.cc[isp[e1[m]]]
        m = k0 == VPN
        out[m] = v4str(np.array([b for b, _ in net.vpn])[e1[m]] + 10 + e2[m])
        want[m] = np.array([c for _, c in net.vpn], object)[e1[m]]
        u64 = np.uint64
        h6 = (mix(s, e1, e2) & u64(0xFFFFFF)) << u64(8) | mix(s, e1) % u64(4)  # /56, a subnet
        for kd, p32, isp, sub, iid in (
            (4, self.l6, self.line_isp, h6, mix(s, e3, e4)),
            (5, self.car6, self.car_isp, mix(s, e2, e3) >> u64(32), mix(s, e3, e2)),
        ):
            m = np.nonzero(k0 == kd)[0]
            x = zip(p32[e1[m]].tolist(), sub[m].tolist(), iid[m].tolist(), strict=True)
            out[m] = [ipaddress.IPv6Address(p << 96 | b << 64 | i).compressed for p, b, i in x]
            want[m] = net.cc[isp[e1[m]]]
            bad = m[np.array(lookup(list(out[m])), object) != want[m]]
            out[bad] = net.v4(isp[e1[bad]])  # the rare IPv6 miss: IPv4 instead
        assert (np.array(lookup(list(out)), object) == want).all(), "address outside its country"
        return out

    def uids(self, k: int, prefix: str, width: int) -> Arr:
        x = self.rng.permutation(np.unique(self.rng.integers(0, 16**width, 2 * k, np.uint64)))
        return np.array([f"{prefix}{v:0{width}x}" for v in x[:k].tolist()], dtype=object)

    def write(self, out: Path) -> dict[str, Any]:
        a, b, t, d, m, ha, hb = (np.concatenate(c) for c in zip(*self.calls, strict=True))
        o = np.nonzero((t >= 0) & (t < self.T) & (a != b) & (d >= 0))[0]
        o = o[np.argsort(t[o], kind="stable")]
        a, b, t, d, m, ha, hb = (x[o] for x in (a, b, t, d, m, ha, hb))
        n, ids = len(t), self.uids(self.N, "u", 12)
        ips = self.resolve(np.concatenate([a, b]), np.concatenate([t, t]), np.concatenate([ha, hb]))
        us = (int(self.t0.timestamp()) + t) * 10**6 + self.rng.integers(0, 10**6, n)
        cols = {"call_id": self.uids(n, "", 16), "started_at": us, "duration_s": d}
        cols |= {"caller": ids[a], "callee": ids[b], "caller_ip": ips[:n], "callee_ip": ips[n:]}
        cols["media"] = np.array(["audio", "video", "chat"])[m]
        types = {"started_at": pa.timestamp("us", tz="UTC"), "duration_s": pa.int64()}
        tbl = pa.table(
            {k: pa.array(v.tolist(), types.get(k, pa.string())) for k, v in cols.items()}
        )
        pq.write_table(tbl, out / "calls.parquet")
        v = m == VIDEO
        cv, sv = np.concatenate([a[v], b[v]]), np.concatenate([b[v], a[v]])
        sel = (self.role[cv] == "consumer") & (self.role[sv] == "source")
        met = np.bincount(np.unique(np.stack([cv[sel], sv[sel]]), axis=1)[0], minlength=self.N)
        den = np.where(self.in_den, "true", "false")
        rows = [f"{ids[i]},{self.pop[i]},{self.role[i]},{den[i]},{met[i]}\n" for i in range(self.N)]
        (out / "truth.csv").write_text(
            "account,population,role,in_den,sources_met\n" + "".join(sorted(rows))
        )
        exits = {
            f"{v4str(np.array([self.net.vpn[i][0]]))[0]}/24\n" for i in self.vblk[self.vblk >= 0]
        }
        (out / "anonymisers.txt").write_text(
            "# VPN / hosting exits in this world\n" + "".join(sorted(exits))
        )
        pops = dict(zip(*np.unique(self.pop, return_counts=True), strict=True))
        return {"calls": n, "accounts": self.N, "sources": int(np.sum(self.role == "source")),
                "in_den": int(self.in_den.sum()), "consumers_met_ge2": int(np.sum(met >= 2)),
                "populations": {str(k): int(c) for k, c in pops.items()}}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description="Held-out world B: simulated CDRs with ground truth.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--days", type=int, default=7)
    args = ap.parse_args()
    start = time.time()
    world = World(args.accounts, args.days, args.seed)
    world.build()
    args.out.mkdir(parents=True, exist_ok=True)
    stats = world.write(args.out)
    sys.stdout.write(f"{stats} wall_s={time.time() - start:.1f}\n")


if __name__ == "__main__":
    main()
