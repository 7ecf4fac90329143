"""Where each account connects from: households, work places, mobile CGNAT, VPN exits.

Every call endpoint is resolved against this at the call's time: a fixed-line context uses
the work or home IP (home IPs may be renumbered once in the window), a personal context may
instead go out over the mobile carrier (Philippine carriers put thousands of unrelated
people behind a handful of public IPs) or a VPN exit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.simulate.accounts import Accounts, FloatArr, IntArr
from vigil.simulate.calls import PERSONAL
from vigil.simulate.countries import CODES, IPV6_HOME, PH, VPN_COUNTRIES, weights
from vigil.simulate.ip_pool import format_ipv4, has_ipv6, sample_ipv4, sample_ipv6, sample_v4_blocks
from vigil.simulate.timing import Clock

_PH_CARRIERS = np.array([0.5, 0.4, 0.1])  # three mobile networks of very different size
_VPN_HOSTS = 24  # exit servers used per /24 block


@dataclass(frozen=True)
class NetKnobs:
    dynamic_ip_p: float  # a home connection is renumbered once in the window
    general_vpn_share: float  # ordinary people abroad who use a VPN
    ph_cgnat_users_per_ip: float
    mobile_users_per_ip: float
    jitter: float  # spread of the per-world VPN country mix


@dataclass
class Network:
    ips: list[str]
    home1: IntArr  # per household
    home2: IntArr
    switch_t: IntArr
    work_ip: IntArr  # per work group
    mobile_start: IntArr  # per account: a slice of `ips`
    mobile_size: IntArr
    vpn_start: IntArr
    anonymiser_cidrs: list[str]


class _Table:
    """Address table that hands out indices; `taken` keeps every address unique."""

    def __init__(self) -> None:
        self.ips: list[str] = []
        self.taken: set[str] = set()

    def extend(self, addrs: list[str]) -> IntArr:
        start = len(self.ips)
        self.ips.extend(addrs)
        return np.arange(start, len(self.ips), dtype=np.int64)


def _households(rng: np.random.Generator, acc: Accounts) -> None:
    """Group the remaining accounts of each country into households sharing a line."""
    for c in np.unique(acc.country).tolist():
        free = rng.permutation(np.flatnonzero((acc.household < 0) & (acc.country == c)))
        if len(free) == 0:
            continue
        sizes = 1 + rng.poisson(0.9 if c == PH else 0.4, len(free))
        owner = np.repeat(np.arange(len(free)), sizes)[: len(free)]
        acc.household[free] = acc.n_households + owner
        acc.n_households += int(owner[-1]) + 1


def _home_ips(rng: np.random.Generator, table: _Table, cc: str, n: int) -> IntArr:
    v6 = int(rng.binomial(n, IPV6_HOME.get(cc, 0.0))) if has_ipv6(cc) else 0
    out = np.concatenate(
        [
            table.extend(sample_ipv4(rng, cc, n - v6, table.taken)),
            table.extend(sample_ipv6(rng, cc, v6, table.taken)),
        ]
    )
    return rng.permutation(out)


def build_network(
    rng: np.random.Generator, acc: Accounts, clock: Clock, knobs: NetKnobs
) -> Network:
    n = len(acc)
    unset = np.isnan(acc.mobile_share)
    ph = acc.country == PH
    acc.mobile_share[unset & ph] = rng.beta(2.2, 1.8, int((unset & ph).sum()))
    acc.mobile_share[unset & ~ph] = rng.beta(1.3, 3.0, int((unset & ~ph).sum()))
    _households(rng, acc)
    table = _Table()
    vpn_starts, cidrs = _vpn_blocks(rng, table, knobs.jitter)

    h_country = np.zeros(acc.n_households, dtype=np.int64)
    h_country[acc.household] = acc.country
    switch_p = np.full(acc.n_households, knobs.dynamic_ip_p)
    for h, p in acc.household_switch_p.items():
        switch_p[h] = p
    switches = rng.random(acc.n_households) < switch_p
    home1 = np.zeros(acc.n_households, dtype=np.int64)
    home2 = np.zeros(acc.n_households, dtype=np.int64)
    for c in np.unique(h_country).tolist():
        sel = np.flatnonzero(h_country == c)
        ips = _home_ips(rng, table, CODES[c], len(sel) + int(switches[sel].sum()))
        home1[sel] = ips[: len(sel)]
        home2[sel] = home1[sel]
        home2[sel[switches[sel]]] = ips[len(sel) :]
    switch_t = np.where(
        switches, rng.integers(1, clock.seconds, acc.n_households), clock.seconds + 1
    )

    w_country = np.zeros(acc.n_work_groups, dtype=np.int64)
    has_work = acc.work_group >= 0
    w_country[acc.work_group[has_work]] = acc.country[has_work]
    work_ip = np.zeros(acc.n_work_groups, dtype=np.int64)
    for c in np.unique(w_country).tolist():
        sel = np.flatnonzero(w_country == c)
        work_ip[sel] = table.extend(sample_ipv4(rng, CODES[c], len(sel), table.taken))

    mobile_start = np.zeros(n, dtype=np.int64)
    mobile_size = np.zeros(n, dtype=np.int64)
    for c in np.unique(acc.country).tolist():
        members = np.flatnonzero(acc.country == c)
        if c == PH:
            carrier = rng.choice(len(_PH_CARRIERS), len(members), p=_PH_CARRIERS)
            per_ip = knobs.ph_cgnat_users_per_ip
        else:
            carrier = np.zeros(len(members), dtype=np.int64)
            per_ip = knobs.mobile_users_per_ip
        for k in np.unique(carrier).tolist():
            users = members[carrier == k]
            size = max(3, round(len(users) / per_ip))
            mobile_start[users] = table.extend(sample_ipv4(rng, CODES[c], size, table.taken))[0]
            mobile_size[users] = size

    vpn_start = _vpn_users(rng, acc, vpn_starts, knobs.general_vpn_share)
    return Network(
        table.ips, home1, home2, switch_t, work_ip, mobile_start, mobile_size, vpn_start, cidrs
    )


def _vpn_blocks(rng: np.random.Generator, table: _Table, jitter: float) -> tuple[IntArr, list[str]]:
    """VPN/datacenter exit /24s, reserved whole so no home or mobile address lands in one."""
    v_idx, v_p = weights(VPN_COUNTRIES, rng, jitter)
    taken: set[int] = set()
    nets: list[int] = []
    for c in rng.choice(v_idx, int(rng.integers(8, 21)), p=v_p).tolist():
        nets.extend(sample_v4_blocks(rng, CODES[c], 1, taken))
    starts = np.zeros(len(nets), dtype=np.int64)
    for i, net in enumerate(nets):
        table.taken.update(format_ipv4((net << 8) + np.arange(256, dtype=np.int64)))
        hosts = np.sort(rng.choice(np.arange(1, 255, dtype=np.int64), _VPN_HOSTS, replace=False))
        starts[i] = table.extend(format_ipv4((net << 8) + hosts))[0]
    cidrs = [f"{format_ipv4(np.array([net << 8], dtype=np.int64))[0]}/24" for net in nets]
    return starts, cidrs


def _vpn_users(rng: np.random.Generator, acc: Accounts, starts: IntArr, share: float) -> IntArr:
    """Each VPN user (roles set theirs; some ordinary people abroad too) gets one provider."""
    privacy = (acc.country != PH) & (acc.vpn_share == 0) & (rng.random(len(acc)) < share)
    acc.vpn_share[privacy] = rng.uniform(0.3, 1.0, int(privacy.sum()))
    users = acc.vpn_share > 0
    vpn_start = np.zeros(len(acc), dtype=np.int64)
    vpn_start[users] = starts[rng.integers(0, len(starts), int(users.sum()))]
    return vpn_start


def resolve(
    rng: np.random.Generator, acc: Accounts, net: Network, account: IntArr, t: IntArr, ctx: IntArr
) -> IntArr:
    """Index into `net.ips` of the address each endpoint used at its call time."""
    n = len(account)
    personal = ctx == PERSONAL
    vpn_share: FloatArr = acc.vpn_share[account]
    use_vpn = personal & (rng.random(n) < vpn_share)
    use_mobile = personal & ~use_vpn & (rng.random(n) < acc.mobile_share[account])
    h = acc.household[account]
    home = np.where(t >= net.switch_t[h], net.home2[h], net.home1[h])
    wg = acc.work_group[account]
    fixed = home
    if len(net.work_ip):
        fixed = np.where(~personal & (wg >= 0), net.work_ip[np.maximum(wg, 0)], home)
    mobile = net.mobile_start[account] + (rng.random(n) * net.mobile_size[account]).astype(np.int64)
    vpn = net.vpn_start[account] + rng.integers(0, _VPN_HOSTS, n)
    return np.select([use_vpn, use_mobile], [vpn, mobile], fixed)
