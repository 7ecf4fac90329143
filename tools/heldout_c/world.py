"""Held-out world C: call metadata (CDRs) with ground truth; metadata only, no content.

Planted sources (Philippine accounts holding paid webcam shows) and their foreign consumers live
among a general public in 33 countries and ten look-alike populations (OFWs, seafarers, English
tutors, virtual assistants, daters, BPO/KYC agents, gamers, students both ways, expats). Every IP
is a public address that iptocc places in the country this world intends.

Usage: python tools/heldout_c/world.py --out DIR --seed N [--accounts 20000] [--days 7]
"""

from __future__ import annotations

import argparse
import csv
import ipaddress
import itertools
import math
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import iptocc
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

# Per country: fixed-line prefixes, m: mobile carriers (one prefix each), o: office blocks,
# IPv6 prefixes. Lower-case keys are VPN / datacenter providers and their exit ranges.
NET = """
PH 49.145.0.0/16 112.200.0.0/16 120.28.0.0/16 122.2.0.0/16 136.158.0.0/16 180.190.0.0/16
PH 222.127.0.0/16 124.104.0.0/16 122.54.0.0/16 m:112.198.0.0/16 m:49.144.0.0/16 m:180.194.0.0/16
PH m:112.204.0.0/16 2001:4450::/32 2001:4451::/32 2001:fd8::/32 2405:8d40::/32
PH o:203.177.0.0/16 o:210.213.0.0/17 o:122.52.0.0/16
US 73.0.0.0/8 24.0.0.0/13 98.192.0.0/10 71.160.0.0/11 108.0.0.0/11 99.0.0.0/10 m:172.56.0.0/14
US 2601::/20 2607:fb90::/32 2600:380::/25
GB 86.128.0.0/10 82.0.0.0/13 m:31.94.0.0/16 2a00:23c0::/26
AU 101.160.0.0/11 49.176.0.0/12 110.174.0.0/16 120.16.0.0/13 m:1.120.0.0/13 2001:8003::/32
CA 99.224.0.0/11 70.24.0.0/13 m:174.88.0.0/13 2607:fea8::/32
NZ 125.236.0.0/14 122.56.0.0/14 m:49.224.0.0/14
DE 79.192.0.0/10 87.128.0.0/10 2003::/19; NL 77.160.0.0/12 84.24.0.0/13 2a02:a400::/26
FR 90.0.0.0/10 86.192.0.0/11 2a01:cb00::/24
SE 83.248.0.0/13 90.224.0.0/12; NO 84.208.0.0/13 88.88.0.0/13; DK 80.160.0.0/13
CH 85.0.0.0/13; IE 86.40.0.0/13; IT 79.0.0.0/11 93.32.0.0/12; ES 83.32.0.0/11 88.0.0.0/11
IL 79.176.0.0/13 84.108.0.0/14; TW 114.32.0.0/12; MY 175.136.0.0/13 115.132.0.0/14
JP 153.128.0.0/9 60.64.0.0/11 m:126.0.0.0/8 2001:268::/32 240b:10::/28 2400:4050::/30
KR 121.128.0.0/10 175.192.0.0/10 m:211.36.0.0/16 2001:e60::/32
HK 223.16.0.0/15 219.77.0.0/16 112.118.0.0/15 m:42.2.0.0/15
SG 116.86.0.0/15 118.189.0.0/16 220.255.0.0/16 m:49.245.0.0/16 2404:e800::/32 2406:3003::/32
CN 39.128.0.0/10 112.96.0.0/13 m:223.64.0.0/11
SA 188.48.0.0/13; AE 94.200.0.0/13 m:5.30.0.0/15; QA 37.210.0.0/15 78.100.0.0/15
KW 37.36.0.0/14; BR 179.96.0.0/13; ID 36.64.0.0/11 m:114.120.0.0/13
IN 117.192.0.0/10 1.38.0.0/15 m:49.32.0.0/12 m:106.192.0.0/11
VN 14.160.0.0/11 113.160.0.0/11 m:171.224.0.0/11; TH 171.96.0.0/13 1.46.0.0/15
TH m:49.228.0.0/14
bigvpn 89.187.160.0/19 143.244.32.0/19 185.236.200.0/22 159.89.0.0/16 139.162.0.0/16
bigvpn 103.253.144.0/22 192.241.128.0/17 2001:ac8::/32
privacy 193.138.218.0/24 185.213.154.0/24 185.65.134.0/24 88.198.0.0/16 146.70.0.0/16
privacy 2a0d:5600::/29
swiss 185.159.156.0/22 195.181.160.0/20 2a07:b944::/32
cheap 167.99.0.0/16 45.76.0.0/16 51.75.0.0/16 85.17.0.0/16 107.181.160.0/20
"""
# UTC offsets in northern winter (offset/weight where a country spans zones).
TZS = """
PH:8 GB:0 NZ:13 DE:1 NL:1 FR:1 SE:1 NO:1 DK:1 CH:1 IE:0 IT:1 ES:1 IL:2 JP:9 KR:9 TW:8 HK:8
SG:8 MY:8 CN:8 SA:3 AE:4 QA:3 KW:3 IN:5.5 VN:7 TH:7 BR:-3 US:-5/47,-6/29,-7/7,-8/17
AU:11/60,10/20,10.5/7,8/13 CA:-5/60,-8/20,-7/12,-6/8 ID:7/70,8/20,9/10
"""
# Weighted choices (weight 1 when omitted); bb = broadband share, v6 = IPv6-capable share.
WEIGHTS = """
pub US:20 GB:6 CA:4 AU:4 NZ:1 DE:5 NL:2 FR:4 SE:1.5 NO DK CH IE IT:3 ES:3 IL JP:6 KR:4 TW:2
pub HK:2 SG:2 MY:3 CN:4 SA:3 AE:3 QA KW IN:8 ID:6 VN:3 TH:3 BR:5
ofw SA:22 AE:16 HK:7 KW:6 QA:6 SG:6 TW:5 JP:4 IT:3 US:5 CA:4 MY:3 GB:2 IL AU:2 DE ES KR:2
rich US:36 GB:12 AU:12 CA:7 DE:6 NL:4 SE:4 NO:3 CH:3 FR:3 DK:2 JP:3 IE:2 NZ:2 IL
esl JP:35 KR:20 CN:14 TW:8 VN:3 SA:4 BR:3 DE:2 FR:2 IT:2 ES:2 TH:2 IL
va US:60 AU:17 GB:10 CA:10 NZ:3
bpo US:60 CA:8 AU:14 GB:14 NZ:2 IE:2
game SG:3 MY:3 ID:2 US:2 AU TH VN
study AU:30 JP:12 CA:17 GB:10 US:14 NZ:6 KR:5 TW:6
intl KR:75 JP:10 CN:8 TW:7
expat US:35 AU:18 GB:14 DE:7 KR:8 JP:5 CA:6 NO:2 SE:2 CH:2 NL
port SG NL CN JP KR US AE DE BR AU IT ES HK TW
ship NO GB US NL SG
bb PH:.5 IN:.4 ID:.45 VN:.6 BR:.65
v6 US:.45 DE:.6 FR:.7 JP:.45 GB:.4 PH:.22 SG:.3 AU:.3
"""
Row = tuple[float, int, int, int, str, str | None, str | None]
Prof = list[float]
Days = frozenset[int]
Rates = tuple[float, float, int]  # chats / day, calls / day, weekend video calls
RT: Rates = (1.2, 0.45, 0)
Sched = tuple[float, float, Days]  # opening hour, closing hour (may wrap), local weekdays
ALL, WEEKDAYS, WEEKEND = frozenset(range(7)), frozenset(range(5)), frozenset({5, 6})
COLUMNS = "call_id started_at duration_s caller callee caller_ip callee_ip media"
OPEN: Sched = (0, 24, ALL)
GULF = {"SA", "AE", "QA", "KW"}
SOC_DEG = {"public": 3.6, "seafarer": 0.0, "intl_student": 1.5, "consumer": 3.0, "source": 3.0}


def _w(vals: list[str], sep: str = ":") -> dict[str, float]:
    return {v.split(sep)[0]: float(v.split(sep)[1]) if sep in v else 1.0 for v in vals}


GEO: dict[str, dict[str, tuple[str, ...]]] = {}
for _line in NET.replace(";", "\n").strip().splitlines():
    _key, *_vals = _line.split()
    for _v in _vals:
        _kind = {"m:": "mob", "o:": "off"}.get(_v[:2], "v6" if ":" in _v else "fix")
        _g = GEO.setdefault(_key, {})
        _g[_kind] = (*_g.get(_kind, ()), _v[2:] if _v[1] == ":" else _v)
VPNS = {k: (*v.get("fix", ()), *v.get("v6", ())) for k, v in GEO.items() if k.islower()}
for _k in VPNS:
    GEO.pop(_k)
TZ = {c: _w(o.split(","), "/") for c, o in (x.split(":") for x in TZS.split())}
W: dict[str, dict[str, float]] = {}
for _line in WEIGHTS.strip().splitlines():
    W.setdefault(_line.split()[0], {}).update(_w(_line.split()[1:]))


def geo(cc: str, kind: str) -> tuple[str, ...]:
    return GEO[cc].get(kind, ())


def _prof(*peaks: tuple[float, float, float], floor: float = 0.05) -> Prof:
    """Cumulative weights of a 24-hour local-time profile made of circular Gaussian bumps."""

    def bump(x: float, c: float, s: float) -> float:
        d = abs(x - c) % 24
        return math.exp(-0.5 * (min(d, 24 - d) / s) ** 2)

    w = [floor + sum(h * bump(x + 0.5, c, s) for c, s, h in peaks) for x in range(24)]
    return list(itertools.accumulate(w))


P_DAY = _prof((12.5, 1.5, 1.0), (20.5, 2.0, 2.5), (8, 1.5, 0.6), floor=0.08)
P_NIGHT = _prof((22.5, 2.0, 2.5), (15, 2.5, 0.8), floor=0.1)
P_EVE = _prof((20.5, 1.5, 2.5), (12.5, 1.0, 0.7), floor=0.04)
P_SHOW = _prof((22.0, 1.8, 3.0), (1.0, 1.5, 1.0), (15.0, 2.0, 0.6), floor=0.1)
P_DATE = _prof((7.0, 1.0, 1.2), (21.5, 1.5, 3.0), (13, 2, 0.5), floor=0.05)
P_WORK = _prof((10.5, 2.0, 2.0), (15.0, 2.0, 2.0), floor=0.02)


@dataclass(slots=True)
class Acct:
    pop: str
    cc: str
    tz: float
    line: int  # home line id, -1 = mobile only
    pmob: float  # chance of being on mobile data rather than on the home line
    site: int = -1  # office / cafe / dorm / ship, used while open with chance sitep
    sitep: float = 0.0
    vpn: float = 0.0
    vprov: str = "bigvpn"
    v6: bool = False
    rot: float = 4.0  # hours between carrier-NAT address changes
    car: int = 0
    role: str = "none"
    den: bool = False
    sea: list[tuple[float, float, str]] | None = None


class Ips:
    """Verified public address pools; every issued address remembers its intended country."""

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.buf: dict[tuple[str, ...], list[str]] = {}
        self.issued: dict[str, str] = {}
        self.vpn_cc: dict[str, str] = {}
        for c in itertools.chain(*VPNS.values()):
            net = ipaddress.ip_network(c)
            got = Counter(iptocc.country_code([self._rand(net) for _ in range(64)]))
            cc, k = got.most_common(1)[0]
            if cc and k >= 60:
                self.vpn_cc[c] = cc

    def _rand(self, net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> str:
        return str(net.network_address + self.r.randrange(1, net.num_addresses - 1))

    def draw(self, cidrs: tuple[str, ...], cc: str) -> str:
        buf = self.buf.setdefault((cc, *cidrs), [])
        nets = [ipaddress.ip_network(c) for c in cidrs]
        for _ in range(40):
            if buf:
                break
            cand = [self._rand(self.r.choice(nets)) for _ in range(128)]
            cand = [c for c in cand if ":" in c or not c.endswith((".0", ".255"))]
            got = iptocc.country_code(cand)
            buf.extend(ip for ip, g in zip(cand, got, strict=True) if g == cc)
        if not buf:
            raise ValueError(f"no {cc} address in {cidrs}")
        ip = buf.pop()
        self.issued[ip] = cc
        return ip

    def block(self, cidrs: tuple[str, ...], cc: str, bits: int, k: int) -> list[str]:
        """k addresses inside one random /bits of cidrs: a carrier-NAT or office NAT pool."""
        for _ in range(60):
            net = ipaddress.ip_network(self.r.choice(cidrs))
            if net.version == 6 or net.prefixlen >= bits:
                return [self.draw(cidrs, cc) for _ in range(k)]
            sub = net.network_address + (self.r.randrange(2 ** (bits - net.prefixlen)) << 32 - bits)
            if iptocc.country_code(str(sub + 7)) == cc:
                return list(dict.fromkeys(self.draw((f"{sub}/{bits}",), cc) for _ in range(k)))
        raise ValueError(f"no {cc} block in {cidrs}")


class World:
    def __init__(self, seed: int, n: int, days: int) -> None:
        self.r, self.g = random.Random(seed), np.random.default_rng(seed)
        self.n, self.days = n, days
        week = self.r.choice([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12])  # winter, no Christmas weeks
        self.M = 1731888000 + week * 7 * 86400  # a Monday 00:00 UTC (2024-11-18 + weeks)
        self.T0 = self.M - 8 * 3600  # Monday 00:00 in Manila
        self.T1 = self.T0 + days * 86400
        self.ips = Ips(self.r)
        self.acc: list[Acct] = []
        self.lines: list[tuple[str, float, float]] = []  # cc, lease hours, phase hours
        self.sites: list[tuple[str, list[str], float, Sched]] = []  # cc, addresses, tz, hours
        self.pools: dict[tuple[str, int], list[str]] = {}
        self.cache: dict[tuple[object, ...], str] = {}
        self.rows: list[Row] = []
        pops = ("ofw", "esl", "va", "date", "bpo", "game", "sea", "study", "intl", "expat")
        self.k = {p: self.r.uniform(0.7, 1.3) for p in pops}

    # ------------------------------------------------------------ accounts and networks
    def p(self, x: float) -> bool:
        return self.r.random() < x

    def pick(self, table: str | dict[str, float]) -> str:
        w = W[table] if isinstance(table, str) else table
        return self.r.choices(list(w), weights=list(w.values()))[0]

    def pois(self, lam: float) -> int:
        return int(self.g.poisson(max(lam, 0.0)))

    def count(self, base: float, key: str) -> int:
        return round(self.n * base * self.k[key] * self.r.uniform(0.75, 1.25))

    def new_line(self, cc: str, p: float = 2.0) -> int:
        if not self.p(W["bb"].get(cc, 0.85) if p > 1 else p):
            return -1
        lease = {"PH": self.r.uniform(20, 170), "DE": 24.0}.get(cc) or self.r.uniform(150, 900)
        self.lines.append((cc, lease, self.r.uniform(0, lease)))
        return len(self.lines) - 1

    def new_site(self, cc: str, kmax: int, sch: Sched = OPEN, src: str = "fix", n: int = 1) -> int:
        """n sites (office, cafe, dorm, ship) with 1..kmax NAT addresses each; the last one's id."""
        for _ in range(max(1, n)):
            ips = self.ips.block(geo(cc, src), cc, 26, self.r.randint(1, kmax))
            self.sites.append((cc, ips, float(next(iter(TZ[cc]))), sch))
        return len(self.sites) - 1

    def some(self, last: int, n: int) -> int:
        """A random one of the n sites created last."""
        return last - self.r.randrange(max(1, n))

    def add(self, pop: str, cc: str, line: int = -2, **kw: float) -> int:
        r = self.r
        tz = float(self.pick(TZ[cc]))
        line = self.new_line(cc) if line == -2 else line
        a = Acct(pop, cc, tz, line, 0.45 if cc == "PH" else 0.3)
        for key, val in kw.items():
            setattr(a, key, type(getattr(a, key))(val))
        a.car = r.randrange(max(1, len(geo(cc, "mob"))))
        a.vprov = r.choice(list(VPNS))
        a.v6 = bool(geo(cc, "v6")) and self.p(W["v6"].get(cc, 0.15))
        a.rot = r.uniform(1, 6) if cc in ("PH", "IN", "ID") else r.uniform(4, 48)
        self.acc.append(a)
        return len(self.acc) - 1

    def household(self, pop: str, cc: str, size: int, p_same: float = 1.0) -> list[int]:
        line = self.new_line(cc)
        lines = [line if i == 0 or self.p(p_same) else self.new_line(cc, 0.5) for i in range(size)]
        return [self.add(pop, cc, ln) for ln in lines]

    def mobile_ip(self, i: int, cc: str, t: float) -> str:
        a = self.acc[i]
        key: tuple[object, ...] = ("m", i, int((t + i * 977) / (a.rot * 3600)), cc)
        if key not in self.cache:
            car = a.car if cc == a.cc else 0
            if a.v6 and cc in ("US", "PH", "JP") and self.p(0.6):
                self.cache[key] = self.ips.draw(geo(cc, "v6"), cc)
            elif (cc, car) in self.pools:
                self.cache[key] = self.r.choice(self.pools[(cc, car)])
            else:  # a carrier-grade NAT pool: few addresses, many subscribers
                src = geo(cc, "mob") or geo(cc, "fix")
                k = self.r.randint(80, 240) if cc == "PH" else self.r.randint(250, 600)
                self.pools[(cc, car)] = self.ips.block((src[car % len(src)],), cc, 21, k)
                return self.mobile_ip(i, cc, t)
        return self.cache[key]

    def home_ip(self, i: int, t: float) -> str:
        a = self.acc[i]
        cc, lease, phase = self.lines[a.line]
        ep = int((t / 3600 + phase) / lease)
        key: tuple[object, ...] = ("h6" if a.v6 else "h", a.line, ep // 4 if a.v6 else ep)
        if key not in self.cache:  # a delegated IPv6 prefix outlives the IPv4 lease
            self.cache[key] = self.ips.draw(geo(cc, "v6" if a.v6 else "fix"), cc)
        if not a.v6:
            return self.cache[key]
        iid = ("i", i, int((t - self.T0) // 86400))  # privacy address, new every day
        if iid not in self.cache:
            self.cache[iid] = str(self.r.getrandbits(63) | 1)
        net = int(ipaddress.IPv6Address(self.cache[key])) >> 64 << 64
        ip = str(ipaddress.IPv6Address(net | int(self.cache[iid])))
        self.ips.issued[ip] = cc
        return ip

    def vpn_ip(self, i: int, t: float) -> str:
        key: tuple[object, ...] = ("v", i, int(t // 7200))
        if key not in self.cache:
            exits = [c for c in VPNS[self.acc[i].vprov] if c in self.ips.vpn_cc]
            cidr = exits[(i * 7) % len(exits)] if self.p(0.7) else self.r.choice(exits)
            if (cidr, -1) not in self.pools:
                k, cc = self.r.randint(6, 24), self.ips.vpn_cc[cidr]
                self.pools[(cidr, -1)] = [self.ips.draw((cidr,), cc) for _ in range(k)]
            self.cache[key] = self.r.choice(self.pools[(cidr, -1)])
        return self.cache[key]

    def site_open(self, s: int, t: float) -> bool:
        _, _, tz, (o, c, wd) = self.sites[s]
        lh = (t - self.M) / 3600 + tz
        h, d = lh % 24, int(lh // 24) % 7
        if o <= c:
            return o <= h < c and d in wd
        return (h >= o and d in wd) or (h < c and (d - 1) % 7 in wd)

    def ip(self, i: int, t: float, ov: str | None) -> str:
        a = self.acc[i]
        if a.sea:  # at sea on the ship's satellite link, in port on a local SIM
            seg = next((s for s in a.sea if s[0] <= t < s[1]), a.sea[-1])
            return self.sites[a.site][1][0] if seg[2] == "ship" else self.mobile_ip(i, seg[2], t)
        key: tuple[object, ...] = ("a", i, int(t // 1800))
        mode = ov or self.cache.get(key)
        if mode is None:
            day = 8 <= ((t - self.M) / 3600 + a.tz) % 24 < 18
            if a.site >= 0 and self.site_open(a.site, t) and self.p(a.sitep):
                mode = "site"
            elif self.p(a.vpn):
                mode = "vpn"
            elif a.line < 0 or self.p(a.pmob * (1.3 if day else 0.7)):
                mode = "mob"
            else:
                mode = "home"
            self.cache[key] = mode
        if mode == "site" and a.site >= 0:
            ips = self.sites[a.site][1]
            return ips[(i + int(t // 3600)) % len(ips)]
        if mode == "vpn":
            return self.vpn_ip(i, t)
        if mode == "home" and a.line >= 0:
            return self.home_ip(i, t)
        return self.mobile_ip(i, a.cc, t)

    # ------------------------------------------------------------ time and calls
    def at(self, tz: float, day: int, hour: float) -> float:
        return self.M + day * 86400 + (hour - tz) * 3600

    def when(self, tz: float, pf: Prof, n: int = 1, wd: Days = ALL, dr: int = -1) -> list[float]:
        """n start times inside the window from a local-time profile; dr >= 0: from that day."""
        lo, hi = (dr, dr + 1) if dr >= 0 else (-1, self.days + 1)
        out: list[float] = []
        for _ in range(60 * n):
            if len(out) >= n:
                break
            d = self.r.randrange(lo, hi)
            t = self.at(tz, d, self.r.choices(range(24), cum_weights=pf)[0] + self.r.random())
            if d % 7 in wd and self.T0 <= t < self.T1:
                out.append(t)
        return out

    def call(self, t: float, a: int, b: int, m: str, med: float = 0, sig: float = 0.9) -> None:
        r = self.r
        if m == "chat":
            d = 0 if self.p(0.35) else int(r.lognormvariate(math.log(med or 40), 1.1))
        else:
            med = med or (150 if m == "audio" else 420)
            d = max(1, min(18000, int(r.lognormvariate(math.log(med), sig))))
            if self.p(0.07):  # unanswered or rejected
                d = 0 if self.p(0.7) else r.randint(2, 25)
        if self.T0 <= t < self.T1:
            self.rows.append((t, d, a, b, m, None, None))

    def talk(self, t: float, a: int, b: int, m: str, med: float = 0, pa_: float = 0.5) -> None:
        self.call(t, *((a, b) if self.p(pa_) else (b, a)), m, med)

    def group(self, t: float, host: int, others: list[int], med: float, m: str = "video") -> None:
        d = int(self.r.lognormvariate(math.log(med), 0.5))
        for o in others:  # one leg per participant; some leave early
            end = max(60, d - self.r.randint(0, d // 2))
            self.rows.append((t + self.r.uniform(0, 60), end, host, o, m, None, None))

    def ties(self, a: int, fam: list[int], tz: float, pf: Prof, rt: Rates = RT) -> None:
        """Family or partner contact: chats, calls, and long weekend video calls."""
        chat, talk, wk = rt
        for f in fam:
            for t in self.when(tz, pf, self.pois(chat * self.days)):
                self.talk(t, a, f, "chat")
            for t in self.when(tz, pf, self.pois(talk * self.days)):
                m = self.r.choice(["video", "video", "audio"])
                self.talk(t, a, f, m, self.r.choice([300, 900, 1800]), 0.6)
            for t in self.when(tz, P_DAY, self.r.randint(0, wk), wd=WEEKEND):
                self.talk(t, a, f, "video", 3000, 0.5)

    # ------------------------------------------------------------ populations
    def ofw(self) -> None:
        camps: dict[str, list[int]] = {}
        for _ in range(self.count(0.045, "ofw")):
            cc = self.pick("ofw")
            dh, camp = cc in GULF | {"HK", "SG", "MY", "IT"}, cc in GULF | {"TW", "KR", "JP"}
            kind = self.r.choices(["dh", "camp", "pro"], [4 if dh else 1, 4 if camp else 0.3, 2])[0]
            vpn = (0.5 if kind == "camp" else 0.3) if cc in GULF else 0.03  # Gulf VoIP blocks
            if kind == "camp":  # company accommodation: many workers behind one address
                cs = camps.setdefault(cc, [])
                if not cs or self.p(0.08):
                    cs.append(self.new_site(cc, 3))
                w = self.add("ofw", cc, -1, site=self.r.choice(cs), sitep=0.8, vpn=vpn, pmob=0.5)
            else:
                w = self.add("ofw", cc, vpn=vpn, pmob=0.5 if kind == "dh" else 0.3)
            k = self.r.choices([1, 2, 3, 4], [3, 3.5, 2, 1.5])[0]
            fam, tz = self.household("ofw_family", "PH", k, 0.7), self.acc[w].tz
            self.ties(w, fam[:1], tz, P_EVE, (2.0, self.r.uniform(0.7, 1.7), 0))
            self.ties(w, fam[1:], tz, P_EVE, (0.4, self.r.uniform(0.15, 0.6), 0))
            off = frozenset({4 if cc in GULF else 6})  # Friday in the Gulf, Sunday elsewhere
            for t in self.when(tz, P_DAY, self.pois(0.8 * self.days / 7 + 0.3), wd=off):
                self.group(t, w, fam[: self.r.randint(1, 3)], 3600)

    def seafarers(self) -> None:
        ship, crew = -1, 0
        for _ in range(self.count(0.008, "sea")):
            if crew <= 0:
                ship, crew = self.new_site(self.pick("ship"), 1), self.r.randint(1, 4)
            crew -= 1
            s = self.add("seafarer", "PH", -1, site=ship)
            segs, t, at_sea = [], self.T0 - self.r.uniform(0, 3) * 86400, self.p(0.7)
            while t < self.T1:
                span = (self.r.uniform(2, 6) if at_sea else self.r.uniform(0.4, 2)) * 86400
                segs.append((t, t + span, "ship" if at_sea else self.pick("port")))
                t, at_sea = t + span, not at_sea
            self.acc[s].sea = segs
            fam = self.household("seafarer_family", "PH", self.r.choice([1, 1, 2, 2, 3]), 0.7)
            for t in self.when(8, P_DAY, self.pois(4 * self.days)):
                f = fam[0] if self.p(0.7) else self.r.choice(fam)
                if next(x[2] for x in segs if x[0] <= t < x[1]) != "ship" and self.p(0.6):
                    self.talk(t, s, f, "video", 2400, 0.7)  # in port: long video calls
                else:
                    self.talk(t, s, f, "audio" if self.p(0.3) else "chat", 240, 0.8)

    def esl(self) -> None:
        n_hub = self.count(0.0012, "esl")
        hub = self.new_site("PH", 3, (5, 24, ALL), "off", n_hub)
        tutors: list[int] = []
        for _ in range(self.count(0.018, "esl")):
            x = self.r.random()
            if x < 0.35:  # tutor hub: many tutors behind one office address
                tutors.append(self.add("esl_tutor", "PH", site=self.some(hub, n_hub), sitep=0.95))
            elif x < 0.45 and tutors:  # siblings tutoring on one home line
                tutors.append(self.add("esl_tutor", "PH", self.acc[tutors[-1]].line, pmob=0.2))
            else:
                tutors.append(self.add("esl_tutor", "PH", pmob=0.6 if x > 0.85 else 0.25))
        pop_w = [self.r.paretovariate(1.5) for _ in tutors]
        booked: set[tuple[int, int]] = set()
        adult = [6.0, 6.5, 7.0, 19.0, 20.0, 20.5, 21.0, 21.5, 22.0]
        for _ in range(self.count(0.045, "esl")):
            st = self.add("esl_student", self.pick("esl"))
            slots = [16.5, 17.0, 17.5, 18.0] if self.p(0.3) else adult  # children after school
            k = self.r.choice([1] * 7 + [2, 2, 3])
            for tu in set(self.r.choices(tutors, pop_w, k=k)):
                slot, lessons = self.r.choice(slots), self.r.sample(range(7), self.r.randint(1, 5))
                length = self.r.choices([1500, 3000, 2400], [7, 2, 1])[0]
                for d in range(-1, self.days + 1):
                    t = self.at(self.acc[st].tz, d, slot)
                    if d % 7 not in lessons or (tu, int(t // 1800)) in booked:
                        continue  # the tutor already teaches someone in that slot
                    booked.update((tu, int(t // 1800) + j) for j in range(length // 1800 + 1))
                    t += self.r.uniform(-90, 120)
                    if self.p(0.35):
                        self.call(t - self.r.uniform(60, 900), st, tu, "chat", 10)
                    m, d0 = "video" if self.p(0.85) else "audio", length - self.r.randint(-60, 90)
                    if self.T0 <= t < self.T1:  # 4% no-shows
                        self.rows.append((t, d0 if self.p(0.96) else 0, tu, st, m, None, None))

    def va(self) -> None:
        n_cow = self.count(0.0008, "va")
        cow = self.new_site("PH", 2, (18, 9, WEEKDAYS), "off", n_cow)
        vas: list[int] = []
        for _ in range(self.count(0.02, "va")):
            x = self.r.random()
            site = self.some(cow, n_cow) if x < 0.22 else -1  # coworking space, night shift
            vas.append(self.add("va", "PH", site=site, sitep=0.9))
            if 0.22 <= x < 0.34:  # a VPN with a US exit, as some clients' tools demand
                self.acc[vas[-1]].vpn, self.acc[vas[-1]].vprov = 0.6, "cheap"
        for _ in range(self.count(0.011, "va")):
            c = self.add("va_client", self.pick("va"), pmob=0.2)
            k = self.r.choices([1, 2, 3, 4, 5, 6], [55, 25, 9, 5, 4, 2])[0]
            mine, s = self.r.sample(vas, k), -1
            if k >= 3 and self.p(0.6):  # an agency with a team in one coworking space
                s = self.acc[mine[0]].site
            mates = [v for v in vas if s >= 0 and self.acc[v].site == s][: k - 1]
            mine, tz = list(dict.fromkeys(mine[:1] + mates)) if mates else mine, self.acc[c].tz
            for v in mine:
                stand = self.p(0.6)
                for d in range(self.days + 1):
                    if d % 7 > 4:
                        continue
                    if stand and self.p(0.85):  # the daily stand-up on video
                        t = self.at(tz, d, self.r.choice([9.0, 9.25, 9.5, 10.0]))
                        self.call(t + self.r.uniform(-60, 300), c, v, "video", 780, 0.5)
                    for t in self.when(tz, P_WORK, self.pois(5), dr=d):
                        self.talk(t, c, v, "chat")
                for t in self.when(tz, P_WORK, 1, WEEKDAYS):
                    self.talk(t, c, v, "video", 2700, 0.7)
                for t in self.when(tz, P_WORK, self.pois(2), WEEKDAYS):
                    self.talk(t, c, v, "audio", 300, 0.55)

    def daters(self) -> None:
        ph = [self.add("dater_ph", "PH", pmob=0.55) for _ in range(self.count(0.015, "date"))]
        cap = [self.r.choice([1, 1, 2, 2, 3]) for _ in ph]
        for _ in range(self.count(0.017, "date")):
            f = self.add("dater_foreign", self.pick("rich"), vpn=0.6 if self.p(0.07) else 0)
            tz = self.acc[f].tz
            k = self.r.choices([1, 2, 3, 4], [60, 25, 10, 5])[0]
            for p in set(self.r.choices(ph, cap, k=k)):
                if not self.p(0.4):  # an established long-distance couple
                    self.ties(f, [p], tz, P_DATE, (3, 0, 0))
                    for t in self.when(tz, P_DATE, self.pois(0.6 * self.days)):
                        self.talk(t, f, p, "video", 3000, 0.6)
                    for t in self.when(tz, P_DATE, self.pois(0.2 * self.days)):
                        self.talk(t, f, p, "audio", 1200, 0.6)
                    continue
                s = self.r.randrange(self.days)  # a new match: chats, maybe audio, video checks
                for d in range(s, self.days):
                    for t in self.when(tz, P_DATE, self.pois(4), dr=d):
                        self.talk(t, f, p, "chat")
                steps = ((0, 0.2, "audio", 400), (self.r.randint(0, 2), 0.65, "video", 300))
                for o, pr, m, med in (*steps, (self.r.randint(1, 4), 0.5, "video", 2400)):
                    for t in self.when(tz, P_DATE, int(self.p(pr)), dr=min(s + o, self.days - 1)):
                        self.talk(t, f, p, m, med, 0.7)

    def bpo(self) -> None:
        shifts = {"night": (21, 7, "US CA"), "day": (6, 16, "AU NZ"), "mid": (15, 24, "GB IE")}
        sites: list[tuple[int, str, bool, list[int]]] = []
        n_agents = self.count(0.02, "bpo")
        while sum(len(s[3]) for s in sites) < n_agents:
            sh = self.r.choices(list(shifts), [7, 1.5, 1.5])[0] if sites else "night"
            o, c, _ = shifts[sh]
            s = self.new_site("PH", 4, (o, c, frozenset(range(6))), "off")
            kyc = self.p(0.25) or not sites  # a video identity-verification desk
            size = self.r.randint(10, 30) if kyc else self.r.randint(25, 120)
            ag = [self.add("bpo_agent", "PH", site=s, sitep=0.97) for _ in range(size)]
            sites.append((s, sh, kyc, ag))
        for _ in range(self.count(0.05, "bpo")):
            cc = self.pick("bpo")
            c, verified = self.add("bpo_customer", cc), False
            for t in self.when(self.acc[c].tz, P_WORK, min(6, 1 + int(self.g.geometric(0.55)))):
                for rep in range(1 + self.p(0.25)):  # sometimes a callback from another agent
                    ok = [x for x in sites if cc in shifts[x[1]][2] and self.site_open(x[0], t)]
                    kyc_ok = [x for x in ok if x[2]]
                    if kyc_ok and not verified and self.p(0.35):
                        ok, verified = kyc_ok, rep == 0 and self.p(0.8)
                    else:
                        ok = [x for x in ok if not x[2]] or ok
                    if not ok:
                        break
                    _, _, kyc, ag = self.r.choice(ok)
                    m = "video" if kyc and self.p(0.85) else "audio"
                    self.talk(t, c, self.r.choice(ag), m, 480 if kyc else 420, 0.6)
                    t += self.r.uniform(600, 5400)

    def gamers(self) -> None:
        n_cafe = self.count(0.0015, "game")
        cafe = self.new_site("PH", 1, (8, 2, ALL), n=n_cafe)
        gs: list[int] = []
        for _ in range(self.count(0.03, "game")):
            if self.p(0.1):
                gs.append(self.add("gamer", self.pick("game")))
            else:
                cafe = self.some(cafe, n_cafe) if self.p(0.45) else -1
                gs.append(self.add("gamer", "PH", site=cafe, sitep=0.8, pmob=0.5))
        ph = [g for g in gs if self.acc[g].cc == "PH"]
        for _ in range(len(gs) // 3):  # squads: long group voice sessions at night
            sq = self.r.sample(ph, self.r.randint(2, 5))
            sq = list(dict.fromkeys(sq + ([self.r.choice(gs)] if self.p(0.3) else [])))
            for t in self.when(8, P_NIGHT, self.r.randint(1, 6)):
                self.group(t, sq[0], sq[1:], 5400, "video" if self.p(0.06) else "audio")
                for _c in range(self.r.randint(0, 4)):
                    x, y = self.r.sample(sq, 2)
                    self.talk(t - self.r.uniform(0, 3600), x, y, "chat")

    def abroad_ties(self) -> None:
        """Students abroad, foreign students in PH academies, foreign retirees in PH."""
        homes = [a.line for a in self.acc if a.cc == "PH" and a.line >= 0]
        dorms: dict[str, list[int]] = {}
        for pop, key in (("student_abroad", "study"), ("intl_student", "intl"), ("expat", "expat")):
            fam_pop = pop.split("_")[0] + "_family"
            for _ in range(self.count(0.0075, key)):
                cc = self.pick(key)
                here = cc if pop == "student_abroad" else "PH"
                ds = dorms.setdefault(here if pop != "expat" else "", [])
                if pop != "expat" and (not ds or self.p(0.15)):
                    ds.append(self.new_site(here, 2))
                if pop == "expat":  # often living with a Filipino family; streams home TV by VPN
                    line = self.r.choice(homes) if homes and self.p(0.6) else -2
                    s = self.add(pop, "PH", line, pmob=0.25, vpn=0.5 if self.p(0.2) else 0)
                    fam = [self.add(fam_pop, cc) for _ in range(self.r.randint(1, 4))]
                else:
                    s = self.add(pop, here, -1, site=self.r.choice(ds), sitep=0.8)
                    fam_cc, k = ("PH", 3) if pop == "student_abroad" else (cc, 2)
                    fam = self.household(fam_pop, fam_cc, self.r.randint(1, k), 0.7)
                tz = self.acc[s].tz if pop == "student_abroad" else float(next(iter(TZ[cc])))
                self.ties(s, fam, tz, P_DAY if pop == "expat" else P_EVE, (1.2, 0.45, 2))

    def public(self, n_left: int) -> None:
        n_ph = int(n_left * self.r.uniform(0.45, 0.6))
        piso = self.new_site("PH", 1, n=n_ph // 150)  # coin-operated "piso wifi" machines
        ccs = self.r.choices(list(W["pub"]), list(W["pub"].values()), k=n_left - n_ph)
        for cc, cnt in Counter(["PH"] * n_ph + ccs).items():
            sizes: dict[str, float] = {"1": 5, "2": 3} if cc != "PH" else {"1": 3, "2": 3, "3": 2}
            sizes.update({"4": 1.2, "5": 0.8} if cc == "PH" else {"3": 1.2})
            while cnt > 0:
                hh = self.household("public", cc, min(cnt, int(self.pick(sizes))))
                cnt -= len(hh)
                if cc == "PH" and self.p(0.1):
                    site = self.some(piso, n_ph // 150)
                    for i in hh:
                        self.acc[i].site, self.acc[i].sitep = site, 0.5

    def sources(self) -> list[int]:
        n_src = max(30, round(self.n * self.r.uniform(0.0016, 0.0024)))
        n_den = round(n_src * self.r.uniform(0.3, 0.55))  # accounts in dens
        srcs, den_of = list[int](), dict[int, list[int]]()
        while len(srcs) < n_src:
            if len(srcs) < n_den - 1:  # a den: several accounts on one home line
                line, k = self.new_line("PH", 1.0), min(n_den - len(srcs), self.r.randint(2, 4))
                den = [self.add("source", "PH", line, pmob=0.15, den=1) for _ in range(k)]
                den_of.update((a, den) for a in den)
                srcs += den
            else:
                srcs.append(self.add("source", "PH", pmob=self.r.choice([0.3, 0.6, 0.9])))
        for a in srcs:
            self.acc[a].role = "source"
        q, vpn, audio = (self.r.uniform(0.2, 0.45) for _ in range(3))  # vary by seed
        quiet = {a for a in srcs if not self.acc[a].den and self.p(q)}
        cap = {a: self.r.randint(1, 2) if a in quiet else self.r.randint(3, 9) for a in srcs}
        cons: list[int] = []
        while sum(cap.values()) > 0:
            c = self.add("consumer", self.pick("rich"))
            self.acc[c].role, audio_first = "consumer", self.p(audio)
            if self.p(vpn):
                self.acc[c].vpn = 0.9 if self.p(0.35) else 0.15
            cons.append(c)
            mine: list[int] = []
            for _ in range(self.r.choices([1, 2, 3, 4, 5, 6], [50, 25, 13, 6, 4, 2])[0]):
                avail = [s for s in srcs if cap[s] > 0 and s not in mine]
                same = [s for s in den_of.get(mine[-1], []) if s in avail] if mine else []
                if same and self.p(0.6):  # a second child in the same den
                    s = self.r.choice(same)
                elif avail:
                    s = self.r.choices(avail, [cap[x] for x in avail])[0]
                else:
                    break
                cap[s] -= 1
                mine.append(s)
            for s in mine:
                n = 1 if s in quiet else self.r.choices([1, 2, 3, 4], [5, 3, 1.3, 0.7])[0]
                self.shows(c, s, n, audio_first)
        ofws = [i for i, a in enumerate(self.acc) if a.pop == "ofw"]
        for s in srcs:  # ordinary lives too: a relative working abroad
            if ofws and self.p(0.3):
                w = self.r.choice(ofws)
                self.ties(w, [s], self.acc[w].tz, P_EVE, (0.5, 0.3, 0))
        return cons

    def shows(self, c: int, s: int, n: int, audio_first: bool) -> None:
        vpn, den = self.acc[c].vpn > 0, self.acc[s].den
        for k, t in enumerate(self.when(self.acc[c].tz, P_SHOW, max(1, n * self.days // 7))):
            for _ in range(self.r.randint(1, 4)):  # arranging it by chat
                x, y = self.r.sample([c, s], 2)
                self.call(t - self.r.uniform(300, 4 * 3600), x, y, "chat", 25)
            if audio_first and (k == 0 or self.p(0.5)):
                self.call(t - self.r.uniform(120, 1200), c, s, "audio", 180, 0.6)
            oc = "vpn" if vpn and self.p(0.85) else None
            os_ = "home" if den and self.p(0.85) else None
            if self.p(0.2):  # a failed first attempt
                self.rows.append((t - self.r.uniform(40, 200), 0, c, s, "video", oc, os_))
            d = max(180, min(3600, int(self.r.lognormvariate(math.log(900), 0.55))))
            show = (t, d, c, s, "video", oc, os_)
            self.rows.append(show if self.p(0.65) else (t, d, s, c, "video", os_, oc))
            if self.p(0.5):
                self.call(t + d + self.r.uniform(30, 1800), c, s, "chat", 15)

    def social(self) -> None:
        """Everyone's ordinary life: friends and relatives in the country they live in."""
        by_cc: dict[str, list[int]] = {}
        for i, a in enumerate(self.acc):
            if not a.sea:
                by_cc.setdefault(a.cc, []).append(i)
        pairs: set[tuple[int, int]] = set()
        for cc, members in by_cc.items():
            boost = 1.2 if cc == "PH" else 1.0
            stubs: list[int] = []
            for i in members:
                stubs += [i] * self.pois(SOC_DEG.get(self.acc[i].pop, 2.2) * boost)
            self.r.shuffle(stubs)
            for x, y in zip(stubs[::2], stubs[1::2], strict=False):
                if x != y:
                    pairs.add((min(x, y), max(x, y)))
        abroad = [i for i, x in enumerate(self.acc) if x.pop == "public" and x.cc != "PH"]
        for i in by_cc.get("PH", []):
            if self.acc[i].pop == "public" and abroad and self.p(0.06):
                pairs.add((i, self.r.choice(abroad)))
        for u, v in sorted(pairs):
            for _ in range(self.pois(self.r.lognormvariate(math.log(2.4), 1.0) * self.days / 7)):
                x, y = (u, v) if self.p(0.5) else (v, u)
                mix = (0.42, 0.26, 0.32) if self.acc[x].cc == "PH" else (0.52, 0.33, 0.15)
                for t in self.when(self.acc[x].tz, P_DAY):
                    self.call(t, x, y, self.r.choices(["chat", "audio", "video"], mix)[0])

    # ------------------------------------------------------------ output
    def build(self) -> list[int]:
        for step in (self.ofw, self.seafarers, self.esl, self.va, self.daters, self.bpo):
            step()
        self.gamers()
        self.abroad_ties()
        cons = self.sources()
        if self.n - len(self.acc) < self.n // 5:
            raise SystemExit(f"--accounts {self.n} leaves too few accounts for the general public")
        self.public(self.n - len(self.acc))
        self.social()
        out: list[Row] = []
        for t, d, a, b, m, oa, ob in self.rows:  # brownouts, flaky wifi: a long call drops
            ph = "PH" in (self.acc[a].cc, self.acc[b].cc)
            if m != "chat" and d > 300 and ph and self.p(0.05):
                cut = int(d * self.r.uniform(0.1, 0.9))
                out.append((t + cut + self.r.uniform(10, 90), d - cut, a, b, m, oa, ob))
                d = cut
            out.append((t, d, a, b, m, oa, ob))
        self.rows = sorted(x for x in out if self.T0 <= x[0] < self.T1)
        return cons

    def write(self, out: Path, cons: list[int]) -> dict[str, int]:
        out.mkdir(parents=True, exist_ok=True)
        names = [f"u{x:011x}" for x in self.r.sample(range(16**11), len(self.acc))]
        cols: list[list[object]] = [[] for _ in range(8)]
        met: dict[int, set[int]] = {c: set() for c in cons}
        for t, d, a, b, m, oa, ob in self.rows:
            cid, us = f"{self.r.getrandbits(80):020x}", int(t * 1e6) + self.r.randrange(1000)
            row = (cid, us, d, names[a], names[b], self.ip(a, t, oa), self.ip(b, t, ob), m)
            for col, v in zip(cols, row, strict=True):
                col.append(v)
            ra, rb = self.acc[a].role, self.acc[b].role
            if m == "video" and d > 0 and {ra, rb} == {"source", "consumer"}:
                met[a if ra == "consumer" else b].add(b if ra == "consumer" else a)
        issued = list(self.ips.issued.items())
        got = iptocc.country_code([ip for ip, _ in issued])
        bad = [(ip, cc, g) for (ip, cc), g in zip(issued, got, strict=True) if g != cc]
        if bad:
            raise SystemExit(f"iptocc disagrees on {len(bad)} addresses, e.g. {bad[:3]}")
        s, ts = pa.string(), pa.timestamp("us", tz="UTC")
        names_ = COLUMNS.split()
        types = (s, pa.int64(), pa.int64(), s, s, s, s, s)
        arrays = [pa.array(col, typ) for col, typ in zip(cols, types, strict=True)]
        arrays[1] = arrays[1].cast(ts)
        pq.write_table(pa.table(dict(zip(names_, arrays, strict=True))), out / "calls.parquet")
        with (out / "truth.csv").open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["account", "population", "role", "in_den", "sources_met"])
            for i, x in enumerate(self.acc):
                w.writerow([names[i], x.pop, x.role, str(x.den).lower(), len(met.get(i, ()))])
        used = {c for c, k in self.pools if k == -1}
        lines = ["# VPN and datacenter exits used in this world"]
        for p, cs in VPNS.items():
            mine = [c for c in cs if c in used]
            lines += (
                [f"# {p}: " + " ".join(self.ips.vpn_cc[c] for c in mine), *mine] if mine else []
            )
        (out / "anonymisers.txt").write_text("\n".join(lines) + "\n")
        stats = Counter(a.pop for a in self.acc)
        stats.update({"_calls": len(self.rows), "_accounts": len(self.acc)})
        stats.update({"_in_den": sum(a.den for a in self.acc), "_consumers": len(cons)})
        stats["_consumers_met2"] = sum(len(v) >= 2 for v in met.values())
        return dict(stats)


def main() -> None:
    ap = argparse.ArgumentParser(description="Held-out world C: CDRs with ground truth.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--accounts", type=int, default=20000)
    ap.add_argument("--days", type=int, default=7)
    args = ap.parse_args()
    t0 = time.time()
    world = World(args.seed, args.accounts, args.days)
    stats = world.write(args.out, world.build())
    for k, v in sorted(stats.items()):
        sys.stdout.write(f"{k:18s} {v}\n")
    sys.stdout.write(f"wall_s             {time.time() - t0:.1f}\n")


if __name__ == "__main__":
    main()
