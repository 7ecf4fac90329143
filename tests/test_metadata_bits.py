"""Bit sets read back as the min/max aggregates they replace."""

from __future__ import annotations

import random

import ibis
import pyarrow as pa
import pytest

from vigil.metadata import connect
from vigil.metadata.bits import hours_within, packed_or, unpack


def _spread(hours: list[int]) -> int:
    """The spread of a pair's video hours as min/max gave it: on the clock or turned 12 h."""
    turned = [(h + 12) % 24 for h in hours]
    return min(max(hours) - min(hours), max(turned) - min(turned))


@pytest.mark.parametrize("spread", [0, 1, 3, 6])
def test_hours_within_matches_the_min_max_spread(spread: int) -> None:
    rng = random.Random(spread)
    sets = [[h] for h in range(24)] + [[0, 23], [11, 12], [22, 1, 2], [5, 6, 7, 8]]
    sets += [rng.sample(range(24), rng.randint(1, 5)) for _ in range(400)]
    masks = [sum(1 << h for h in set(s)) for s in sets]
    t = ibis.memtable(pa.table({"m": pa.array([*masks, 0], pa.int64())}))
    got = connect("duckdb").to_pyarrow(t.select(ok=hours_within(t.m, spread)))["ok"]
    want = [*(_spread(s) <= spread for s in sets), False]
    assert got.to_pylist() == want


def test_packed_sets_come_back_as_separate_masks() -> None:
    rows = pa.table(
        {
            "g": pa.array([1, 1, 1, 2], pa.int64()),
            "hour": pa.array([3, 23, 5, 0], pa.int8()),
            "day": pa.array([0, 6, 2, 4], pa.int8()),
            "video": [True, False, True, False],
            "voice": [True, True, False, True],
        }
    )
    t = ibis.memtable(rows)
    sets = {
        "voice_hours": (24, t.voice, t.hour),
        "video_hours": (24, t.video, t.hour),
        "voice_days": (7, t.voice, t.day),
        "video_days": (7, t.video, t.day),
    }
    # Two 24-bit sets and two 7-bit ones share one 63-bit word; 40-bit ones take three.
    aggs, layout = packed_or(sets, "m")
    assert list(aggs) == ["m0"]
    wide, _ = packed_or({k: (40, c, v) for k, (_, c, v) in sets.items()}, "m")
    assert list(wide) == ["m0", "m1", "m2", "m3"]
    g = t.group_by("g").aggregate(**aggs)
    out = connect("duckdb").to_pyarrow(g.select("g", **unpack(g, layout)).order_by("g"))
    assert out.to_pylist() == [
        {
            "g": 1,
            "voice_hours": (1 << 3) | (1 << 23),
            "video_hours": (1 << 3) | (1 << 5),
            "voice_days": (1 << 0) | (1 << 6),
            "video_days": (1 << 0) | (1 << 2),
        },
        {"g": 2, "voice_hours": 1, "video_hours": 0, "voice_days": 1 << 4, "video_days": 0},
    ]
