"""A synthetic week of call records (CDR contract) with ground truth.

The world mixes a background population, innocent look-alikes that a naive "Filipino on
video with several foreign countries" rule fires on, and planted sources and consumers.
Hidden proportions (how many tutors work in centres, how often pairs repeat, VPN use, ...)
are drawn per world around their defaults, so a detector cannot be tuned to one world.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from vigil.core.errors import ConfigError
from vigil.simulate.accounts import POPULATIONS, Accounts, IntArr, pick_from
from vigil.simulate.calls import MEDIA, CallBatch, EdgeBlock, edges, expand, style_mix
from vigil.simulate.exploitation import ExploitKnobs, build_exploitation
from vigil.simulate.general import build_general, general_pools
from vigil.simulate.lookalikes import build_daters, build_freelancers, build_ofw
from vigil.simulate.network import NetKnobs, Network, build_network, resolve
from vigil.simulate.timing import Clock, Profile
from vigil.simulate.tutors import TutorKnobs, build_tutors

CALLS_SCHEMA = pa.schema([
    ("call_id", pa.string()),
    ("started_at", pa.timestamp("us", tz="UTC")),
    ("duration_s", pa.int64()),
    ("caller", pa.string()),
    ("callee", pa.string()),
    ("caller_ip", pa.string()),
    ("callee_ip", pa.string()),
    ("media", pa.string()),
])
TRUTH_SCHEMA = pa.schema([
    ("account", pa.string()),
    ("population", pa.string()),
    ("role", pa.string()),
    ("in_den", pa.bool_()),
    ("sources_met", pa.int64()),
])


@dataclass(frozen=True)
class WorldParams:
    seed: int = 7
    days: int = 7  # window length; starts Monday 2026-03-02T00:00Z by default
    start: datetime = datetime(2026, 3, 2, tzinfo=UTC)
    general_accounts: int = 20000  # background population, many countries
    tutors: int = 60  # innocent look-alike populations (counts of PH-side accounts)
    ofw_families: int = 150
    freelancers: int = 80
    daters: int = 80
    sources: int = 40  # planted exploitation source accounts (PH side)
    den_share: float = 0.4  # share of sources streaming from a den (shared household IP)
    consumers: int = 120  # foreign consumer accounts
    degree_mean: float = 6.0  # average number of contacts of a general account
    international_share: float = 0.04  # share of general ties that cross a border
    tutor_centre_share: float = 0.3  # tutors working from a shared tutoring-centre IP
    coworking_share: float = 0.2  # freelancers working from a shared coworking IP
    quiet_source_share: float = 0.15  # sources with almost no shows this week
    consumer_vpn_share: float = 0.2
    source_vpn_share: float = 0.03
    general_vpn_share: float = 0.015  # ordinary people abroad who use a VPN
    dynamic_ip_p: float = 0.12  # a home line is renumbered once in the window
    jitter: float = 0.25  # spread of the per-world hidden parameters (0: exactly the defaults)


@dataclass(frozen=True)
class World:
    calls: pa.Table
    truth: pa.Table
    anonymiser_cidrs: list[str] = field(default_factory=list)


def _check(p: WorldParams) -> None:
    counts = ("tutors", "ofw_families", "freelancers", "daters", "sources", "consumers")
    if p.days < 1:
        raise ConfigError("days must be at least 1.")
    if p.general_accounts < 100:
        raise ConfigError("general_accounts must be at least 100.")
    if any(getattr(p, c) < 0 for c in counts):
        raise ConfigError("population counts must not be negative.")
    if (p.sources == 0) != (p.consumers == 0):
        raise ConfigError("sources and consumers must both be zero or both be positive.")
    shares = ("den_share", "tutor_centre_share", "coworking_share", "quiet_source_share",
              "consumer_vpn_share", "source_vpn_share", "general_vpn_share", "dynamic_ip_p")
    if any(not 0.0 <= getattr(p, s) <= 1.0 for s in shares):
        raise ConfigError("shares and probabilities must lie between 0 and 1.")
    if not 0.0 < p.international_share < 1.0 or p.degree_mean <= 0 or p.jitter < 0:
        raise ConfigError("international_share must lie in (0, 1), degree_mean and jitter be positive.")
    if p.start.tzinfo is None:
        raise ConfigError("start must be timezone-aware.")


def _vary(rng: np.random.Generator, x: float, jitter: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return float(np.clip(x * np.exp(rng.normal(0.0, jitter)), lo, hi))


def _ensure_active(rng: np.random.Generator, acc: Accounts, clock: Clock, calls: CallBatch) -> CallBatch:
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
    e = edges(idle, other, rate=1.0, profile=Profile.GENERAL, media_p=style_mix(rng, (0.4, 0.2, 0.4), len(idle)),
              median_audio=120.0, median_video=300.0, p_missed=0.0)
    return CallBatch.concat([calls, expand(rng, acc, clock, e, np.ones(len(e), dtype=np.int64))])


def _account_ids(rng: np.random.Generator, n: int) -> list[str]:
    while True:
        raw = rng.integers(0, 1 << 48, n)
        if len(np.unique(raw)) == n:
            return [f"u{x:012x}" for x in raw.tolist()]


def simulate_world(params: WorldParams) -> World:
    _check(params)
    rng = np.random.default_rng(params.seed)
    j = params.jitter
    start = params.start.astimezone(UTC)
    clock = Clock(params.days, start.weekday(), start.hour * 3600 + start.minute * 60 + start.second)
    acc = Accounts()
    blocks: list[EdgeBlock] = [
        build_general(rng, acc, params.general_accounts, params.degree_mean,
                      _vary(rng, params.international_share, j, 0.005, 0.5), j)
    ]
    pools = general_pools(acc)
    batches: list[CallBatch] = []
    if params.tutors:
        tk = TutorKnobs(
            single_market_share=_vary(rng, 0.4, j), centre_share=_vary(rng, params.tutor_centre_share, j),
            students_mean=_vary(rng, 13.0, j, 4.0, 30.0), skip_p=_vary(rng, 0.07, j, 0.0, 0.3),
            reuse_p=_vary(rng, 0.08, j),
        )
        more, lessons = build_tutors(rng, acc, clock, params.tutors, tk, pools)
        blocks += more
        batches.append(lessons)
    if params.ofw_families:
        blocks += build_ofw(rng, acc, params.ofw_families, pools)
    if params.freelancers:
        blocks += build_freelancers(rng, acc, params.freelancers, _vary(rng, params.coworking_share, j), pools)
    if params.daters:
        blocks += build_daters(rng, acc, params.daters, pools)
    if params.sources:
        ek = ExploitKnobs(
            den_share=params.den_share, den_switch_p=_vary(rng, 0.35, j),
            quiet_share=_vary(rng, params.quiet_source_share, j), zipf_alpha=_vary(rng, 2.2, j, 1.5, 3.5),
            same_den_p=_vary(rng, 0.4, j), oneoff_p=_vary(rng, 0.6, j, 0.2, 0.95),
            chat_before_p=_vary(rng, 0.5, j), show_median_s=_vary(rng, 600.0, j, 180.0, 1800.0),
            show_sigma=_vary(rng, 0.7, j, 0.3, 1.2), consumer_vpn_share=_vary(rng, params.consumer_vpn_share, j),
            source_vpn_share=_vary(rng, params.source_vpn_share, j), family_abroad_p=_vary(rng, 0.15, j),
        )
        more, shows = build_exploitation(rng, acc, clock, params.sources, params.consumers, ek, pools)
        blocks += more
        batches.append(shows)

    net = build_network(rng, acc, clock, NetKnobs(
        dynamic_ip_p=_vary(rng, params.dynamic_ip_p, j), general_vpn_share=_vary(rng, params.general_vpn_share, j),
        ph_cgnat_users_per_ip=_vary(rng, 250.0, j, 50.0, 2000.0), mobile_users_per_ip=_vary(rng, 30.0, j, 5.0, 500.0),
    ))
    batches.append(expand(rng, acc, clock, EdgeBlock.concat(blocks)))
    calls = _ensure_active(rng, acc, clock, CallBatch.concat(batches))
    return _assemble(rng, acc, net, calls, start, _account_ids(rng, len(acc)))


def _assemble(rng: np.random.Generator, acc: Accounts, net: Network, calls: CallBatch, start: datetime,
              ids: list[str]) -> World:
    caller_ip = resolve(rng, acc, net, calls.caller, calls.t, calls.caller_ctx)
    callee_ip = resolve(rng, acc, net, calls.callee, calls.t, calls.callee_ctx)
    n = len(calls)
    t0 = int(start.timestamp()) * 1_000_000
    micros = t0 + calls.t * 1_000_000 + rng.integers(0, 1000, n) * 1000  # millisecond stamps
    order = np.lexsort((calls.caller, micros))
    micros = micros[order]
    id_arr, ip_arr = pa.array(ids), pa.array(net.ips)
    table = pa.Table.from_arrays([
        pa.array([f"c{i:08d}" for i in range(1, n + 1)]),
        pa.array(micros, type=pa.timestamp("us", tz="UTC")),
        pa.array(calls.dur[order], type=pa.int64()),
        id_arr.take(pa.array(calls.caller[order])),
        id_arr.take(pa.array(calls.callee[order])),
        ip_arr.take(pa.array(caller_ip[order])),
        ip_arr.take(pa.array(callee_ip[order])),
        pa.array(MEDIA).take(pa.array(calls.media[order])),
    ], schema=CALLS_SCHEMA)
    return World(table, _truth(acc, calls, ids), net.anonymiser_cidrs)


def _truth(acc: Accounts, calls: CallBatch, ids: list[str]) -> pa.Table:
    pop = acc.population
    source, consumer = POPULATIONS.index("source"), POPULATIONS.index("consumer")
    a, b = calls.caller, calls.callee
    pair = (pop[a] == consumer) & (pop[b] == source) | (pop[a] == source) & (pop[b] == consumer)
    con = np.where(pop[a[pair]] == consumer, a[pair], b[pair])
    src = np.where(pop[a[pair]] == source, a[pair], b[pair])
    uniq = np.unique(con * len(acc) + src)
    met = np.bincount(uniq // len(acc), minlength=len(acc)).astype(np.int64)
    role = np.where(pop == source, "source", np.where(pop == consumer, "consumer", "none"))
    return pa.Table.from_arrays([
        pa.array(ids), pa.array(POPULATIONS).take(pa.array(pop)), pa.array(role),
        pa.array(acc.in_den), pa.array(met),
    ], schema=TRUTH_SCHEMA)


def write_world(world: World, out_dir: Path) -> dict[str, Path]:
    """calls.parquet, truth.csv and anonymisers.txt in `out_dir`; returns name -> path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "calls": out_dir / "calls.parquet",
        "truth": out_dir / "truth.csv",
        "anonymisers": out_dir / "anonymisers.txt",
    }
    pq.write_table(world.calls, paths["calls"])
    pacsv.write_csv(world.truth, paths["truth"], pacsv.WriteOptions(quoting_style="needed"))
    lines = ["# VPN and datacenter exit ranges seen in this simulated world", *world.anonymiser_cidrs]
    paths["anonymisers"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths
