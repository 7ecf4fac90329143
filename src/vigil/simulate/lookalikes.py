"""Innocent Filipino accounts with foreign video contacts: overseas-worker families,
freelancers and their clients, adults dating foreigners. Each keeps a few stable foreign
counterparts and calls them repeatedly, which is what separates them from one-off shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.simulate.accounts import Accounts, IntArr, attach_foreign
from vigil.simulate.calls import FIXED, EdgeBlock, edges, style_mix
from vigil.simulate.countries import (
    CLIENT_COUNTRIES,
    OFW_COUNTRIES,
    PARTNER_COUNTRIES,
    PH,
    weights,
)
from vigil.simulate.general import home_ties
from vigil.simulate.timing import Profile


@dataclass(frozen=True)
class Counterparts:
    population: str  # of the foreign side
    table: dict[str, float]  # where they live
    k: tuple[int, ...]  # how many each PH account has ...
    k_p: tuple[float, ...]  # ... and how likely each count is
    same_country_p: float  # the next one lives where an earlier one does
    reuse_p: float  # the foreign account already talks to another PH account of this kind


def counterparts(
    rng: np.random.Generator, acc: Accounts, ph: IntArr, spec: Counterparts, jitter: float
) -> tuple[IntArr, IntArr]:
    """Pairs (PH account, foreign counterpart); the counterparts are added to `acc`."""
    c_idx, c_p = weights(spec.table, rng, jitter)
    k_p = np.asarray(spec.k_p) / sum(spec.k_p)
    wanted: list[list[int]] = []
    for _ in range(len(ph)):
        countries: list[int] = []
        for _ in range(int(rng.choice(spec.k, p=k_p))):
            if countries and rng.random() < spec.same_country_p:
                countries.append(countries[int(rng.integers(len(countries)))])
            else:
                countries.append(int(rng.choice(c_idx, p=c_p)))
        wanted.append(countries)
    return attach_foreign(rng, acc, ph, wanted, spec.population, spec.reuse_p)


OFW = Counterparts("ofw_relative", OFW_COUNTRIES, (1, 2, 3, 4), (0.45, 0.3, 0.17, 0.08), 0.3, 0.15)
CLIENTS = Counterparts(
    "client", CLIENT_COUNTRIES, (1, 2, 3, 4, 5), (0.3, 0.3, 0.2, 0.12, 0.08), 0.4, 0.25
)
PARTNERS = Counterparts(
    "dater_partner", PARTNER_COUNTRIES, (2, 3, 4, 5), (0.4, 0.3, 0.2, 0.1), 0.2, 0.12
)


def build_ofw(
    rng: np.random.Generator, acc: Accounts, n: int, pools: dict[int, IntArr], jitter: float
) -> list[EdgeBlock]:
    """Families at home and relatives working abroad: long, recurring video calls."""
    fam = acc.add(rng, np.full(n, PH), "ofw_family")
    a, b = counterparts(rng, acc, fam, OFW, jitter)
    rel = np.unique(b)
    m = len(a)
    ties = edges(
        a,
        b,
        rate=np.clip(rng.lognormal(np.log(3.5), 0.6, m), 0.5, 14.0),
        profile=Profile.FAMILY,
        anchor=b,
        media_p=style_mix(rng, (0.3, 0.6, 0.1), m, 5.0),
        median_audio=900.0 * rng.lognormal(0, 0.4, m),
        median_video=2100.0 * rng.lognormal(0, 0.4, m),
        sigma=0.7,
    )
    return [
        ties,
        home_ties(rng, acc, fam, 3, 10, pools),
        home_ties(rng, acc, rel, 2, 6, pools, country=PH),  # the rest of the family back home
        home_ties(rng, acc, rel, 0, 3, pools),  # co-workers in the host country
    ]


def build_freelancers(
    rng: np.random.Generator,
    acc: Accounts,
    n: int,
    coworking_share: float,
    pools: dict[int, IntArr],
    jitter: float,
) -> list[EdgeBlock]:
    """Remote workers on their clients' office hours, some from a shared coworking IP."""
    free = acc.add(rng, np.full(n, PH), "freelancer")
    acc.share_work_places(rng, free[rng.random(n) < coworking_share], 3, 8)
    a, b = counterparts(rng, acc, free, CLIENTS, jitter)
    clients = np.unique(b)
    m = len(a)
    style = style_mix(rng, (0.55, 0.3, 0.15), n, 4.0)  # some teams meet on video daily
    ties = edges(
        a,
        b,
        rate=np.clip(rng.lognormal(np.log(3.0), 0.6, m), 0.5, 12.0),
        profile=Profile.OFFICE,
        anchor=b,
        media_p=style[np.searchsorted(free, a)],
        median_audio=1200.0 * rng.lognormal(0, 0.4, m),
        median_video=1800.0 * rng.lognormal(0, 0.4, m),
        sigma=0.6,
        ctx_a=FIXED,
        p_missed=0.04,
    )
    return [
        ties,
        home_ties(rng, acc, free, 3, 10, pools),
        home_ties(rng, acc, clients, 2, 8, pools),
    ]


def build_daters(
    rng: np.random.Generator, acc: Accounts, n: int, pools: dict[int, IntArr], jitter: float
) -> list[EdgeBlock]:
    """Adults in long-distance relationships or dating: evening video, long, repeated."""
    dat = acc.add(rng, np.full(n, PH), "dater")
    a, b = counterparts(rng, acc, dat, PARTNERS, jitter)
    partners = np.unique(b)
    m = len(a)
    ties = edges(
        a,
        b,
        rate=np.clip(rng.lognormal(np.log(2.5), 0.8, m), 0.2, 14.0),
        profile=Profile.EVENING,
        anchor=np.where(rng.random(m) < 0.5, a, b),
        media_p=style_mix(rng, (0.15, 0.6, 0.25), m, 5.0),
        median_audio=1200.0 * rng.lognormal(0, 0.4, m),
        median_video=2700.0 * rng.lognormal(0, 0.4, m),
        sigma=0.8,
    )
    return [
        ties,
        home_ties(rng, acc, dat, 3, 10, pools),
        home_ties(rng, acc, partners, 2, 8, pools),
    ]
