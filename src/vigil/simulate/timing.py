"""When calls happen: local-hour profiles turned into UTC offsets inside the window.

Every call is placed in the local time of one "anchor" party (the person whose day decides
when the call can happen: the client for a freelancer, the consumer for a show), then
shifted to UTC with that party's offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from vigil.simulate.countries import weekend_matrix

IntArr = npt.NDArray[np.int64]
FloatArr = npt.NDArray[np.float64]

DAY = 86_400
WEEK = 7 * DAY


class Profile(IntEnum):
    GENERAL = 0  # awake hours, evening peak
    EVENING = 1  # after work, into the night
    LATE = 2  # late evening and night (paid shows on the consumer's side)
    OFFICE = 3  # weekday working hours
    FAMILY = 4  # evenings and rest days


# Relative call rate per local hour 0..23.
# fmt: off
_HOURS: dict[Profile, list[float]] = {
    Profile.GENERAL: [1.0, .5, .3, .2, .2, .3, .8, 1.5, 2, 2.2, 2.3, 2.5,
                      2.8, 2.5, 2.3, 2.3, 2.5, 3, 3.5, 4, 4.2, 4, 3, 2],
    Profile.EVENING: [1.5, .6, .2, .1, .1, .1, .3, .6, .6, .6, .7, .8,
                      1, .8, .7, .7, .9, 1.5, 3, 4, 4.5, 4.5, 4, 3],
    Profile.LATE: [3.5, 2.5, 1.5, .6, .2, .1, .1, .2, .3, .4, .5, .6,
                   .7, .7, .7, .8, .9, 1.2, 1.8, 2.8, 3.8, 4.5, 4.8, 4.5],
    Profile.OFFICE: [0, 0, 0, 0, 0, 0, .1, .6, 2.5, 4, 4, 3.5,
                     2, 3.5, 4, 4, 3.5, 2, .5, .2, .1, 0, 0, 0],
    Profile.FAMILY: [1.2, .5, .2, .1, .1, .2, .6, 1, 1.2, 1.3, 1.4, 1.5,
                     1.7, 1.5, 1.4, 1.5, 1.8, 2.5, 3.5, 4, 4.2, 4, 3.2, 2.2],
}
# fmt: on
# (working-day weight, rest-day weight)
_DAYS: dict[Profile, tuple[float, float]] = {
    Profile.GENERAL: (1.0, 1.1),
    Profile.EVENING: (1.0, 1.2),
    Profile.LATE: (1.0, 1.5),
    Profile.OFFICE: (1.0, 0.04),
    Profile.FAMILY: (1.0, 2.2),
}


@dataclass(frozen=True)
class Clock:
    """The window: its length in days and where its start falls in the week and day."""

    days: int
    start_weekday: int  # Mon=0
    start_second_of_day: int

    @property
    def seconds(self) -> int:
        return self.days * DAY

    def wrap(self, t: IntArr) -> IntArr:
        # A local-time draw may land just outside the window; folding it back by whole days
        # keeps its local hour.
        return np.mod(t, self.seconds)


def _cdf_tables() -> tuple[FloatArr, FloatArr]:
    hours = np.array([_HOURS[p] for p in Profile], dtype=np.float64)
    hours = np.cumsum(hours / hours.sum(axis=1, keepdims=True), axis=1)
    weekend = weekend_matrix()  # (country, weekday)
    wd = np.array([_DAYS[p][0] for p in Profile])[:, None, None]
    we = np.array([_DAYS[p][1] for p in Profile])[:, None, None]
    day_w = np.where(weekend[None, :, :], we, wd)  # (profile, country, weekday)
    return hours, day_w


_HOUR_CDF, _DAY_W = _cdf_tables()


def _pick(rng: np.random.Generator, cdf: FloatArr) -> IntArr:
    """Row-wise categorical draw from cumulative rows."""
    u = rng.random(cdf.shape[0]) * cdf[:, -1]
    picked: IntArr = np.minimum((u[:, None] > cdf).sum(axis=1), cdf.shape[1] - 1)
    return picked.astype(np.int64)


def sample_times(
    rng: np.random.Generator,
    clock: Clock,
    profile: IntArr,
    tz_hours: FloatArr,
    country: IntArr,
) -> IntArr:
    """Seconds since window start (UTC) for calls drawn from each row's local profile."""
    n = len(profile)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    # Local weekday of each window day; weekdays absent from a short window get no weight.
    occurrences = np.bincount((clock.start_weekday + np.arange(clock.days)) % 7, minlength=7)
    day_w = _DAY_W[profile, country] * (occurrences > 0)
    weekday = _pick(rng, np.cumsum(day_w, axis=1))
    first = (weekday - clock.start_weekday) % 7
    count = np.maximum(occurrences[weekday], 1)
    day = first + 7 * (rng.random(n) * count).astype(np.int64)
    hour = _pick(rng, _HOUR_CDF[profile])
    local = day * DAY + hour * 3600 + rng.integers(0, 3600, n)
    utc = local - np.round(tz_hours * 3600).astype(np.int64) - clock.start_second_of_day
    return clock.wrap(utc)


def slot_times(clock: Clock, weekday: int, second_of_day: int, tz_hours: float) -> list[int]:
    """Every occurrence in the window of a weekly local slot (e.g. Tue 19:30 in Tokyo)."""
    local_in_week = weekday * DAY + second_of_day - round(tz_hours * 3600)
    first = (local_in_week - clock.start_weekday * DAY - clock.start_second_of_day) % WEEK
    return list(range(first, clock.seconds, WEEK))
