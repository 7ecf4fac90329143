"""An account's contact figures, from the flags' contacts sidecar, as the account page's two
charts: calls by counterpart country, and calls per day (video and other)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from vigil.core import InputError
from vigil.web.charts import Bar, Column, bars, columns

MAX_DAYS = 92  # the latest days shown; a longer history would make columns too thin

ContactRows = Mapping[str, Sequence[Mapping[str, Any]]]


@dataclass(frozen=True)
class ContactCharts:
    countries: list[Bar] = field(default_factory=list)
    days: list[Column] = field(default_factory=list)
    calls: int = 0
    video_calls: int = 0


def by_account(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    out: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        out[str(row["account"])].append(row)
    return dict(out)


def _day(value: object) -> date:
    # Parquet gives dates; JSON or CSV copies of the sidecar give ISO text.
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"A contacts row has no valid day: {value!r}.") from None


def contact_charts(rows: Sequence[Mapping[str, Any]]) -> ContactCharts:
    """The charts of one account's sidecar rows; empty charts when it has none."""
    if not rows:
        return ContactCharts()
    per_cc: dict[str, float] = defaultdict(float)
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        calls, video = int(r["calls"]), int(r["video_calls"])
        per_cc[str(r["country"])] += calls
        day = per_day[_day(r["day"])]
        day[0] += video
        day[1] += calls - video
    last = max(per_day)
    first = max(min(per_day), last - timedelta(days=MAX_DAYS - 1))
    span = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    zero = [0, 0]
    days = [(d.isoformat(), per_day.get(d, zero)[0], per_day.get(d, zero)[1]) for d in span]
    return ContactCharts(
        countries=bars(per_cc),
        days=columns(days),
        calls=int(sum(per_cc.values())),
        video_calls=sum(v for v, _ in per_day.values()),
    )
