"""The background population: ordinary accounts in many countries calling mostly at home."""

from __future__ import annotations

import numpy as np

from vigil.simulate.accounts import Accounts, IntArr, pick_from
from vigil.simulate.calls import EdgeBlock, dedupe_pairs, edges, style_mix
from vigil.simulate.countries import COUNTRIES, OFW_COUNTRIES, PH, weights
from vigil.simulate.timing import Profile

_COMMUNITY = 40  # people in one neighbourhood/friend circle; most ties stay inside it


def _country_counts(rng: np.random.Generator, n: int, w: np.ndarray) -> IntArr:
    k = len(w)
    floor = min(8, n // (2 * k))  # every country gets a few people, so any role has neighbours
    return floor + rng.multinomial(n - floor * k, w).astype(np.int64)


def build_general(
    rng: np.random.Generator,
    acc: Accounts,
    n: int,
    degree_mean: float,
    intl_share: float,
    jitter: float,
) -> EdgeBlock:
    """Add `n` general accounts and their relationships (domestic and a few abroad)."""
    w = np.array([c.general for c in COUNTRIES]) * rng.lognormal(0, jitter, len(COUNTRIES))
    counts = _country_counts(rng, n, w / w.sum())
    country = np.repeat(np.arange(len(COUNTRIES)), counts)
    idx = acc.add(rng, country, "general")
    starts = idx[0] + np.concatenate([[0], np.cumsum(counts)[:-1]])

    # Each person starts some ties, the other side gets them too: degree ~ 2 * stubs.
    r = 1.5
    stubs = rng.negative_binomial(r, r / (r + degree_mean / 2), n)
    a = np.repeat(idx, stubs)
    ca = acc.country[a]
    pos = a - starts[ca]
    size = counts[ca]
    in_comm = rng.random(len(a)) < 0.65
    comm_start = (pos // _COMMUNITY) * _COMMUNITY
    comm_size = np.minimum(_COMMUNITY, size - comm_start)
    local = np.where(
        in_comm,
        comm_start + (rng.random(len(a)) * comm_size).astype(np.int64),
        (rng.random(len(a)) * size).astype(np.int64),
    )
    b = starts[ca] + local

    # A minority of people keep ties abroad; Filipinos mostly with the diaspora.
    abroad_share = rng.beta(0.6, 0.6 * (1 - intl_share) / intl_share, n)
    abroad = rng.random(len(a)) < abroad_share[a - idx[0]]
    gen_idx, gen_p = np.arange(len(COUNTRIES)), w / w.sum()
    ofw_idx, ofw_p = weights(OFW_COUNTRIES, rng, jitter)
    dest = np.where(
        ca == PH, rng.choice(ofw_idx, len(a), p=ofw_p), rng.choice(gen_idx, len(a), p=gen_p)
    )
    dest_pos = (rng.random(len(a)) * counts[dest]).astype(np.int64)
    b = np.where(abroad, starts[dest] + dest_pos, b)
    a, b = dedupe_pairs(a, b)
    intl = acc.country[a] != acc.country[b]
    m = len(a)

    rate = np.clip(rng.lognormal(np.log(1.1), 0.95, m), 0.1, 30.0)
    media = style_mix(rng, (0.42, 0.23, 0.35), m, 6.0)
    media_intl = style_mix(rng, (0.3, 0.45, 0.25), m, 6.0)
    return edges(
        a,
        b,
        rate=np.where(intl, rate * 0.7, rate),
        profile=np.where(intl, int(Profile.FAMILY), int(Profile.GENERAL)),
        anchor=np.where(rng.random(m) < 0.5, a, b),
        media_p=np.where(intl[:, None], media_intl, media),
        median_audio=np.where(intl, 600.0, 150.0) * rng.lognormal(0, 0.4, m),
        median_video=np.where(intl, 1200.0, 420.0) * rng.lognormal(0, 0.4, m),
        sigma=rng.uniform(0.75, 1.1, m),
        p_a_calls=rng.uniform(0.2, 0.8, m),
        p_missed=rng.uniform(0.03, 0.15, m),
    )


def general_pools(acc: Accounts) -> dict[int, IntArr]:
    """General accounts by country: where every role finds its ordinary contacts."""
    return acc.by_country("general")


def home_ties(
    rng: np.random.Generator,
    acc: Accounts,
    members: IntArr,
    low: int,
    high: int,
    pools: dict[int, IntArr],
    country: int | IntArr | None = None,
) -> EdgeBlock:
    """low..high everyday ties (family, friends, colleagues) per role account, to general
    accounts at home or, when `country` is given, in that country (per member or for all)."""
    k = rng.integers(low, high + 1, len(members))
    a = np.repeat(members, k)
    where = acc.country[members] if country is None else np.broadcast_to(country, members.shape)
    b = pick_from(rng, pools, np.repeat(where, k), avoid=a)
    a, b = a[b >= 0], b[b >= 0]  # (self-loops are dropped by `edges`)
    domestic = country is None
    m = len(a)
    return edges(
        a,
        b,
        rate=np.clip(rng.lognormal(np.log(1.2), 0.9, m), 0.15, 20.0),
        profile=Profile.GENERAL if domestic else Profile.FAMILY,
        media_p=style_mix(rng, (0.42, 0.23, 0.35), m, 6.0),
        median_audio=150.0 * rng.lognormal(0, 0.4, m),
        median_video=420.0 * rng.lognormal(0, 0.4, m),
        sigma=rng.uniform(0.75, 1.1, m),
        p_a_calls=rng.uniform(0.2, 0.8, m),
    )
