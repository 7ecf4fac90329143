"""Turning simulated people and calls into the contract tables (CDR calls and ground truth)."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pyarrow as pa

from vigil.simulate.accounts import POPULATIONS, Accounts, pick_from
from vigil.simulate.calls import MEDIA, CallBatch, edges, expand, style_mix
from vigil.simulate.general import general_pools
from vigil.simulate.network import Network, resolve
from vigil.simulate.timing import Clock, Profile

CALLS_SCHEMA = pa.schema(
    [
        ("call_id", pa.string()),
        ("started_at", pa.timestamp("us", tz="UTC")),
        ("duration_s", pa.int64()),
        ("caller", pa.string()),
        ("callee", pa.string()),
        ("caller_ip", pa.string()),
        ("callee_ip", pa.string()),
        ("media", pa.string()),
    ]
)
TRUTH_SCHEMA = pa.schema(
    [
        ("account", pa.string()),
        ("population", pa.string()),
        ("role", pa.string()),
        ("in_den", pa.bool_()),
        ("sources_met", pa.int64()),
    ]
)


def ensure_active(
    rng: np.random.Generator, acc: Accounts, clock: Clock, calls: CallBatch
) -> CallBatch:
    """Anyone left without a call this week makes one ordinary call, so truth == accounts seen."""
    seen = np.bincount(np.concatenate([calls.caller, calls.callee]), minlength=len(acc)) > 0
    idle = np.flatnonzero(~seen).astype(np.int64)
    if len(idle) == 0:
        return calls
    pools = general_pools(acc)
    other = pick_from(rng, pools, acc.country[idle], avoid=idle)
    anyone = acc.of("general")
    bad = (other < 0) | (other == idle)
    other[bad] = anyone[rng.integers(0, len(anyone), int(bad.sum()))]
    self_call = other == idle  # step to the next general account (there are at least 100)
    other[self_call] = anyone[(np.searchsorted(anyone, other[self_call]) + 1) % len(anyone)]
    e = edges(
        idle,
        other,
        rate=1.0,
        profile=Profile.GENERAL,
        media_p=style_mix(rng, (0.4, 0.2, 0.4), len(idle)),
        median_audio=120.0,
        median_video=300.0,
        p_missed=0.0,
    )
    return CallBatch.concat([calls, expand(rng, acc, clock, e, np.ones(len(e), dtype=np.int64))])


def account_ids(rng: np.random.Generator, n: int) -> list[str]:
    while True:
        raw = rng.integers(0, 1 << 48, n)
        if len(np.unique(raw)) == n:
            return [f"u{x:012x}" for x in raw.tolist()]


def calls_table(
    rng: np.random.Generator,
    acc: Accounts,
    net: Network,
    calls: CallBatch,
    start: datetime,
    ids: list[str],
) -> pa.Table:
    """The CDR contract table, in time order, with each endpoint's IP resolved at call time."""
    caller_ip = resolve(rng, acc, net, calls.caller, calls.t, calls.caller_ctx)
    callee_ip = resolve(rng, acc, net, calls.callee, calls.t, calls.callee_ctx)
    n = len(calls)
    t0 = int(start.timestamp()) * 1_000_000
    micros = t0 + calls.t * 1_000_000 + rng.integers(0, 1000, n) * 1000  # millisecond stamps
    order = np.lexsort((calls.caller, micros))
    micros = micros[order]
    id_arr, ip_arr = pa.array(ids), pa.array(net.ips)
    table = pa.Table.from_arrays(
        [
            pa.array([f"c{i:08d}" for i in range(1, n + 1)]),
            pa.array(micros, type=pa.timestamp("us", tz="UTC")),
            pa.array(calls.dur[order], type=pa.int64()),
            id_arr.take(pa.array(calls.caller[order])),
            id_arr.take(pa.array(calls.callee[order])),
            ip_arr.take(pa.array(caller_ip[order])),
            ip_arr.take(pa.array(callee_ip[order])),
            pa.array(MEDIA).take(pa.array(calls.media[order])),
        ],
        schema=CALLS_SCHEMA,
    )
    return table


def truth_table(acc: Accounts, calls: CallBatch, ids: list[str]) -> pa.Table:
    """One row per account; sources_met counts the distinct sources a consumer had any call with."""
    pop = acc.population
    source, consumer = POPULATIONS.index("source"), POPULATIONS.index("consumer")
    a, b = calls.caller, calls.callee
    pair = (pop[a] == consumer) & (pop[b] == source) | (pop[a] == source) & (pop[b] == consumer)
    con = np.where(pop[a[pair]] == consumer, a[pair], b[pair])
    src = np.where(pop[a[pair]] == source, a[pair], b[pair])
    uniq = np.unique(con * len(acc) + src)
    met = np.bincount(uniq // len(acc), minlength=len(acc)).astype(np.int64)
    role = np.where(pop == source, "source", np.where(pop == consumer, "consumer", "none"))
    return pa.Table.from_arrays(
        [
            pa.array(ids),
            pa.array(POPULATIONS).take(pa.array(pop)),
            pa.array(role),
            pa.array(acc.in_den),
            pa.array(met),
        ],
        schema=TRUTH_SCHEMA,
    )
