"""A self-contained HTML report: the fused queue with each method's contribution, the metadata
flags, charts of contacts by country and of the methods behind the queue, no message text."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import jinja2
import pyarrow as pa

from vigil.fusion import QueueRow
from vigil.web.charts import Bar, bars

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("vigil.web", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
)


def _chart(contacts: pa.Table, limit: int = 15) -> list[dict[str, Any]]:
    """Bars per country: distinct contacts of flagged sources and of flagged consumers."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: {"source": 0, "consumer": 0})
    for row in contacts.to_pylist():
        totals[row["cc"] or "unknown"][row["role"]] += int(row["contacts"])
    ordered = sorted(totals.items(), key=lambda kv: -(kv[1]["source"] + kv[1]["consumer"]))[:limit]
    peak = max((v["source"] + v["consumer"] for _, v in ordered), default=1)
    return [
        {
            "cc": cc,
            "source": v["source"],
            "consumer": v["consumer"],
            "source_w": 400 * v["source"] / peak,
            "consumer_w": 400 * v["consumer"] / peak,
        }
        for cc, v in ordered
    ]


def _method_mix(queue: Sequence[QueueRow]) -> list[Bar]:
    """Accounts per combination of methods: how much of the queue rests on more than one."""
    return bars(Counter(" + ".join(r.methods) for r in queue))


def render_report(
    flags: pa.Table,
    contacts: pa.Table,
    *,
    counts: dict[str, int],
    title: str = "vigil metadata queue",
    content: pa.Table | None = None,
    queue: Sequence[QueueRow] | None = None,
) -> str:
    """Render the report; `contacts` has columns role, cc, contacts for flagged accounts.

    ``content`` (optional) is a content-scores table; its flagged conversations get a section.
    ``queue`` (optional) is the fused queue: a section and a chart of the methods behind it.
    """
    rows = flags.to_pylist()
    return _ENV.get_template("report.html").render(
        title=title,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        rows=rows,
        bars=_chart(contacts),
        counts=counts,
        content_rows=(
            [r for r in content.to_pylist() if r["flagged"]] if content is not None else None
        ),
        content_total=content.num_rows if content is not None else 0,
        queue=list(queue) if queue is not None else None,
        mix=_method_mix(queue or ()),
    )
