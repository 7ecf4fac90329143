"""Bar and column charts as plain numbers for inline SVG: no script, no chart library."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH = 360  # pixels of the longest bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    width: float
    y: int


def bars(values: Mapping[str, float], *, scale: float | None = None, limit: int = 15) -> list[Bar]:
    """Bars largest first; `scale` is the value of a full-width bar (default: the largest)."""
    ordered = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    peak = scale or max((v for _, v in ordered), default=1.0) or 1.0
    return [
        Bar(label, value, WIDTH * max(value, 0.0) / peak, 24 * i)
        for i, (label, value) in enumerate(ordered)
    ]


HEIGHT = 120  # pixels of the tallest column
SPAN = 480  # pixels all the columns share


@dataclass(frozen=True)
class Column:
    """One day: video calls at the bottom, other calls stacked on them."""

    label: str
    video: int
    other: int
    x: float
    width: float
    video_h: float
    other_h: float


def columns(days: Sequence[tuple[str, int, int]]) -> list[Column]:
    """Stacked columns of (label, video, other) in the given order, scaled to the tallest."""
    peak = max((v + o for _, v, o in days), default=1) or 1
    step = SPAN / max(len(days), 1)
    width = max(step - 2.0, 1.0)  # a gap between days while there is room for one
    return [
        Column(label, v, o, i * step, width, HEIGHT * v / peak, HEIGHT * o / peak)
        for i, (label, v, o) in enumerate(days)
    ]
