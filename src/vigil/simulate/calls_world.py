"""A synthetic week of call records (CDR contract) with ground truth.

The world mixes a background population, innocent look-alikes that a naive "Filipino on
video with several foreign countries" rule fires on, and planted sources and consumers.
Hidden proportions (how many tutors work in centres, how often pairs repeat, VPN use, ...)
are drawn per world around their defaults, so a detector cannot be tuned to one world.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from vigil.core.errors import ConfigError
from vigil.simulate.accounts import Accounts
from vigil.simulate.calls import CallBatch, EdgeBlock, expand
from vigil.simulate.exploitation import ExploitKnobs, build_exploitation
from vigil.simulate.general import build_general, general_pools
from vigil.simulate.lookalikes import build_daters, build_freelancers, build_ofw
from vigil.simulate.network import NetKnobs, build_network
from vigil.simulate.records import account_ids, calls_table, ensure_active, truth_table
from vigil.simulate.timing import Clock
from vigil.simulate.tutors import TutorKnobs, build_tutors


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
    anonymiser_cidrs: list[str]


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
    shares = (
        "den_share",
        "tutor_centre_share",
        "coworking_share",
        "quiet_source_share",
        "consumer_vpn_share",
        "source_vpn_share",
        "general_vpn_share",
        "dynamic_ip_p",
    )
    if any(not 0.0 <= getattr(p, s) <= 1.0 for s in shares):
        raise ConfigError("shares and probabilities must lie between 0 and 1.")
    if not 0.0 < p.international_share < 1.0 or p.degree_mean <= 0 or p.jitter < 0:
        raise ConfigError(
            "international_share must lie in (0, 1), degree_mean be positive, jitter not negative."
        )
    if p.start.tzinfo is None:
        raise ConfigError("start must be timezone-aware.")


def _vary(
    rng: np.random.Generator, x: float, jitter: float, lo: float = 0.0, hi: float = 1.0
) -> float:
    return float(np.clip(x * np.exp(rng.normal(0.0, jitter)), lo, hi))


def simulate_world(params: WorldParams) -> World:
    """Simulate one window of calls; the same params (seed included) give the same world."""
    _check(params)
    rng = np.random.default_rng(params.seed)
    j = params.jitter
    start = params.start.astimezone(UTC)
    clock = Clock(
        params.days, start.weekday(), start.hour * 3600 + start.minute * 60 + start.second
    )
    acc = Accounts()
    blocks: list[EdgeBlock] = [
        build_general(
            rng,
            acc,
            params.general_accounts,
            params.degree_mean,
            _vary(rng, params.international_share, j, 0.005, 0.5),
            j,
        )
    ]
    pools = general_pools(acc)
    batches: list[CallBatch] = []
    if params.tutors:
        tk = TutorKnobs(
            single_market_share=_vary(rng, 0.4, j),
            centre_share=_vary(rng, params.tutor_centre_share, j),
            students_mean=_vary(rng, 13.0, j, 4.0, 30.0),
            skip_p=_vary(rng, 0.07, j, 0.0, 0.3),
            reuse_p=_vary(rng, 0.08, j),
            jitter=j,
        )
        more, lessons = build_tutors(rng, acc, clock, params.tutors, tk, pools)
        blocks += more
        batches.append(lessons)
    if params.ofw_families:
        blocks += build_ofw(rng, acc, params.ofw_families, pools, j)
    if params.freelancers:
        blocks += build_freelancers(
            rng, acc, params.freelancers, _vary(rng, params.coworking_share, j), pools, j
        )
    if params.daters:
        blocks += build_daters(rng, acc, params.daters, pools, j)
    if params.sources:
        ek = ExploitKnobs(
            den_share=params.den_share,
            den_switch_p=_vary(rng, 0.35, j),
            quiet_share=_vary(rng, params.quiet_source_share, j),
            zipf_alpha=_vary(rng, 2.3, j, 1.8, 3.5),
            same_den_p=_vary(rng, 0.4, j),
            oneoff_p=_vary(rng, 0.6, j, 0.2, 0.95),
            chat_before_p=_vary(rng, 0.5, j),
            show_median_s=_vary(rng, 600.0, j, 180.0, 1800.0),
            show_sigma=_vary(rng, 0.7, j, 0.3, 1.2),
            consumer_vpn_share=_vary(rng, params.consumer_vpn_share, j),
            source_vpn_share=_vary(rng, params.source_vpn_share, j),
            family_abroad_p=_vary(rng, 0.15, j),
            jitter=j,
        )
        more, shows = build_exploitation(
            rng, acc, clock, params.sources, params.consumers, ek, pools
        )
        blocks += more
        batches.append(shows)

    net = build_network(
        rng,
        acc,
        clock,
        NetKnobs(
            dynamic_ip_p=_vary(rng, params.dynamic_ip_p, j),
            general_vpn_share=_vary(rng, params.general_vpn_share, j),
            ph_cgnat_users_per_ip=_vary(rng, 250.0, j, 50.0, 2000.0),
            mobile_users_per_ip=_vary(rng, 30.0, j, 5.0, 500.0),
            jitter=j,
        ),
    )
    batches.append(expand(rng, acc, clock, EdgeBlock.concat(blocks)))
    calls = ensure_active(rng, acc, clock, CallBatch.concat(batches))
    ids = account_ids(rng, len(acc))
    return World(
        calls_table(rng, acc, net, calls, start, ids),
        truth_table(acc, calls, ids),
        net.anonymiser_cidrs,
    )


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
    lines = [
        "# VPN and datacenter exit ranges seen in this simulated world",
        *world.anonymiser_cidrs,
    ]
    paths["anonymisers"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths
