"""The account registry: one row per simulated person, held as growing numpy columns.

Population builders add accounts in blocks and then set the columns that concern them
(household, work place, VPN use); the network stage fills in the rest.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from vigil.simulate.countries import COUNTRIES, offsets_table

IntArr = npt.NDArray[np.int64]
FloatArr = npt.NDArray[np.float64]
BoolArr = npt.NDArray[np.bool_]

POPULATIONS: tuple[str, ...] = (
    "general",
    "tutor",
    "student",
    "ofw_family",
    "ofw_relative",
    "freelancer",
    "client",
    "dater",
    "dater_partner",
    "source",
    "consumer",
)
POP: dict[str, int] = {p: i for i, p in enumerate(POPULATIONS)}


class Accounts:
    """Columns: country, tz (hours), population, in_den, household, work_group, shares."""

    def __init__(self) -> None:
        self.country = np.zeros(0, dtype=np.int64)
        self.tz = np.zeros(0, dtype=np.float64)
        self.population = np.zeros(0, dtype=np.int64)
        self.in_den = np.zeros(0, dtype=bool)
        self.household = np.zeros(0, dtype=np.int64)  # -1: assigned by the network stage
        self.work_group = np.zeros(0, dtype=np.int64)  # -1: works from home (if at all)
        self.mobile_share = np.zeros(0, dtype=np.float64)  # NaN: drawn by the network stage
        self.vpn_share = np.zeros(0, dtype=np.float64)
        self.n_households = 0
        self.n_work_groups = 0
        self.household_switch_p: dict[int, float] = {}  # per-household override of IP churn
        self._offsets, self._shares = offsets_table()

    def __len__(self) -> int:
        return len(self.country)

    def add(self, rng: np.random.Generator, country: IntArr, population: str) -> IntArr:
        """Append accounts living in `country` (one entry each); returns their indices."""
        n = len(country)
        start = len(self)
        tz = np.empty(n, dtype=np.float64)
        for c in np.unique(country).tolist():
            sel = country == c
            tz[sel] = rng.choice(self._offsets[c], int(sel.sum()), p=self._shares[c])
        self.country = np.concatenate([self.country, country.astype(np.int64)])
        self.tz = np.concatenate([self.tz, tz])
        self.population = np.concatenate([self.population, np.full(n, POP[population])])
        self.in_den = np.concatenate([self.in_den, np.zeros(n, dtype=bool)])
        self.household = np.concatenate([self.household, np.full(n, -1, dtype=np.int64)])
        self.work_group = np.concatenate([self.work_group, np.full(n, -1, dtype=np.int64)])
        self.mobile_share = np.concatenate([self.mobile_share, np.full(n, np.nan)])
        self.vpn_share = np.concatenate([self.vpn_share, np.zeros(n)])
        return np.arange(start, start + n, dtype=np.int64)

    def new_household(self, members: IntArr, switch_p: float | None = None) -> int:
        h = self.n_households
        self.n_households += 1
        self.household[members] = h
        if switch_p is not None:
            self.household_switch_p[h] = switch_p
        return h

    def share_work_places(
        self, rng: np.random.Generator, members: IntArr, low: int, high: int
    ) -> None:
        """Split `members` into work places of low..high people, each behind one IP."""
        while len(members) >= 2:
            size = min(len(members), int(rng.integers(low, high + 1)))
            self.work_group[members[:size]] = self.n_work_groups
            self.n_work_groups += 1
            members = members[size:]

    def of(self, population: str, country: int | None = None) -> IntArr:
        sel = self.population == POP[population]
        if country is not None:
            sel &= self.country == country
        return np.flatnonzero(sel).astype(np.int64)

    def by_country(self, population: str) -> dict[int, IntArr]:
        idx = self.of(population)
        return {c: idx[self.country[idx] == c] for c in range(len(COUNTRIES))}


def pick_from(
    rng: np.random.Generator, pools: dict[int, IntArr], country: IntArr, avoid: IntArr | None = None
) -> IntArr:
    """For each requested country, a random member of that country's pool.

    `avoid` (same length) names an account that must not be picked for that row; a clash
    is redrawn once and otherwise left to the caller's self-loop filter.
    """
    out = np.full(len(country), -1, dtype=np.int64)
    for c in np.unique(country).tolist():
        pool = pools.get(c)
        if pool is None or len(pool) == 0:
            continue
        sel = np.flatnonzero(country == c)
        out[sel] = pool[rng.integers(0, len(pool), len(sel))]
        if avoid is not None:
            clash = sel[out[sel] == avoid[sel]]
            out[clash] = pool[rng.integers(0, len(pool), len(clash))]
    return out


def attach_foreign(
    rng: np.random.Generator,
    acc: Accounts,
    people: IntArr,
    countries: list[list[int]],
    population: str,
    reuse_p: float,
) -> tuple[IntArr, IntArr]:
    """Give each person one foreign counterpart per listed country; returns the pairs.

    A counterpart is new, or (with `reuse_p`) one already attached to an earlier person in
    that country: a parent abroad with two children at home, a client with several
    freelancers, a student with two tutors.
    """
    new_country: list[int] = []
    by_country: dict[int, list[int]] = {}
    a: list[int] = []
    b: list[int] = []  # placeholders into new_country until the accounts exist
    for person, wanted in zip(people.tolist(), countries, strict=True):
        mine: list[int] = []
        for c in wanted:
            earlier = by_country.get(c, [])
            if earlier and rng.random() < reuse_p:
                pick = earlier[int(rng.integers(len(earlier)))]
                if pick not in mine:
                    mine.append(pick)
                    continue
            mine.append(len(new_country))
            new_country.append(c)
        for p in mine:
            by_country.setdefault(new_country[p], []).append(p)
            a.append(person)
            b.append(p)
    foreign = acc.add(rng, np.array(new_country, dtype=np.int64), population)
    return np.array(a, dtype=np.int64), foreign[np.array(b, dtype=np.int64)]
