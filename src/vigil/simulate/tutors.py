"""Online English tutors in the Philippines and their foreign students.

A student books a fixed weekly timetable (same local hour on several weekdays), so the same
pairs meet at the same weekday-hour slots every week. A tutor cannot teach two lessons at
once; some tutors work from a tutoring centre (several tutors behind one IP).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.simulate.accounts import Accounts, IntArr, attach_foreign
from vigil.simulate.calls import AUDIO, FIXED, PERSONAL, VIDEO, CallBatch, EdgeBlock, edges
from vigil.simulate.countries import INDEX, PH, STUDENT_COUNTRIES, TUTOR_MARKETS, weights
from vigil.simulate.general import home_ties
from vigil.simulate.timing import Clock, Profile, slot_times

_WEEK_MIN = 7 * 24 * 60
_EVENING = np.array([17, 18, 19, 20, 21, 22, 23])
_EVENING_W = np.array([0.6, 1.2, 2.0, 2.2, 2.0, 1.3, 0.5])


@dataclass(frozen=True)
class TutorKnobs:
    single_market_share: float  # tutors on a platform serving one country
    centre_share: float  # tutors working from a shared tutoring-centre IP
    students_mean: float
    skip_p: float  # a booked lesson is missed or cancelled
    reuse_p: float  # a student also books a second tutor
    jitter: float  # spread of the per-world country mix


def _timetable(rng: np.random.Generator, busy: set[int], tz: float) -> list[tuple[int, int, int]]:
    """A student's weekly lessons as (local weekday, local second of day, minutes)."""
    minutes = 25 if rng.random() < 0.65 else 50
    k = int(rng.choice([1, 2, 3, 4, 5], p=[0.1, 0.3, 0.3, 0.15, 0.15]))
    for _ in range(30):
        weekend = rng.random() < 0.15
        if weekend:
            days = rng.choice([5, 6], min(k, 2), replace=False)
            hour = int(rng.integers(8, 18))
        else:
            days = rng.choice(5, min(k, 5), replace=False)
            hour = int(rng.choice(_EVENING, p=_EVENING_W / _EVENING_W.sum()))
        minute = int(rng.choice([0, 30]))
        lessons = [(int(d), hour * 3600 + minute * 60, minutes) for d in days]
        slots: set[int] = set()
        for d, sod, mins in lessons:
            utc_min = (d * 1440 + sod // 60 - round(tz * 60)) % _WEEK_MIN
            slots.update(((utc_min + m) % _WEEK_MIN) // 30 for m in range(0, mins, 30))
        if not slots & busy:
            busy.update(slots)
            return lessons
        k = max(1, k - 1) if rng.random() < 0.3 else k
    return []


def build_tutors(
    rng: np.random.Generator,
    acc: Accounts,
    clock: Clock,
    n: int,
    knobs: TutorKnobs,
    pools: dict[int, IntArr],
) -> tuple[list[EdgeBlock], CallBatch]:
    tutors = acc.add(rng, np.full(n, PH), "tutor")
    acc.share_work_places(rng, tutors[rng.random(n) < knobs.centre_share], 3, 10)

    s_idx, s_p = weights(STUDENT_COUNTRIES, rng, knobs.jitter)
    markets = np.array([INDEX[c] for c in TUTOR_MARKETS])
    wanted: list[list[int]] = []
    for _ in range(n):
        k = int(np.clip(3 + rng.negative_binomial(2, 2 / (2 + knobs.students_mean - 3)), 3, 35))
        if rng.random() < knobs.single_market_share:
            market = int(rng.choice(markets, p=[0.5, 0.3, 0.12, 0.08]))
            cs = np.where(rng.random(k) < 0.92, market, rng.choice(s_idx, k, p=s_p))
        else:
            cs = rng.choice(s_idx, k, p=s_p)
        wanted.append(cs.tolist())
    tut_of, stu_of = attach_foreign(rng, acc, tutors, wanted, "student", knobs.reuse_p)

    rows: list[tuple[int, int, int, int]] = []  # tutor, student, start, duration
    pairs: list[tuple[int, int]] = []
    busy: set[int] = set()  # the current tutor's taken half-hours of the week (UTC)
    for i, (tutor, student) in enumerate(zip(tut_of.tolist(), stu_of.tolist(), strict=True)):
        if i and tut_of[i - 1] != tutor:
            busy = set()
        tz = float(acc.tz[student])
        timetable = _timetable(rng, busy, tz)
        if timetable:
            pairs.append((tutor, student))
        for d, sod, mins in timetable:
            for start in slot_times(clock, d, sod, tz):
                if rng.random() < knobs.skip_p:
                    continue
                length = mins * 60 + rng.normal(0, 45)
                if rng.random() < 0.04:  # dropped line, cut short
                    length *= rng.uniform(0.1, 0.8)
                late = int(rng.integers(0, 180))
                rows.append((tutor, student, start + late, max(int(length), 0)))
    return _lessons(rng, acc, tutors, np.unique(stu_of), rows, pairs, pools)


def _lessons(
    rng: np.random.Generator,
    acc: Accounts,
    tutors: IntArr,
    students: IntArr,
    rows: list[tuple[int, int, int, int]],
    pairs: list[tuple[int, int]],
    pools: dict[int, IntArr],
) -> tuple[list[EdgeBlock], CallBatch]:
    """Lesson calls (tutor on the fixed line), booking chats and both sides' ordinary ties."""
    cols = np.array(rows, dtype=np.int64).reshape(-1, 4)
    tut, stu, t, dur = cols[:, 0], cols[:, 1], cols[:, 2], cols[:, 3]
    tutor_calls = rng.random(len(t)) < 0.75
    video_p = rng.uniform(0.8, 0.98, len(tutors))[np.searchsorted(tutors, tut)]
    lessons = CallBatch(
        t=t,
        dur=dur,
        caller=np.where(tutor_calls, tut, stu),
        callee=np.where(tutor_calls, stu, tut),
        media=np.where(rng.random(len(t)) < video_p, VIDEO, AUDIO),
        caller_ctx=np.where(tutor_calls, FIXED, PERSONAL),
        callee_ctx=np.where(tutor_calls, PERSONAL, FIXED),
    )
    pair_cols = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    pa, pb = pair_cols[:, 0], pair_cols[:, 1]
    booking = edges(  # short chats to book, move or cancel lessons
        pa,
        pb,
        rate=rng.uniform(0.1, 1.0, len(pa)),
        profile=Profile.EVENING,
        anchor=pb,
        media_p=(0.0, 0.0, 1.0),
        median_audio=60.0,
        median_video=60.0,
        ctx_a=FIXED,
    )
    blocks = [booking]
    blocks += [
        home_ties(rng, acc, tutors, 3, 10, pools),
        home_ties(rng, acc, students, 2, 8, pools),
    ]
    return blocks, lessons
