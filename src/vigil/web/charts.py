"""Horizontal bar charts as plain numbers for inline SVG: no script, no chart library."""

from __future__ import annotations

from collections.abc import Mapping
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
