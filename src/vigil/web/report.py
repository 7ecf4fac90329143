"""A self-contained HTML report: the fused queue with each method's contribution, the metadata
flags, charts of contacts by country and of the methods behind the queue, and for the top of the
queue each account's own charts (as on the console's account page); no message text."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jinja2
import pyarrow as pa

from vigil.fusion import QueueRow
from vigil.web.charts import Bar, bars
from vigil.web.contacts import ContactCharts, by_account, contact_charts

CHARTED = 10  # accounts at the top of the queue that get their own charts

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


@dataclass(frozen=True)
class AccountCharts:
    """One queue account's charts: calls by counterpart country, calls per day."""

    row: QueueRow
    countries: list[Bar]
    contacts: ContactCharts


def _account_charts(
    queue: Sequence[QueueRow], contact_days: Iterable[Mapping[str, Any]], limit: int
) -> list[AccountCharts]:
    """The first ``limit`` accounts of the queue that have contact figures, in rank order
    (content- or decoy-only accounts have no call records to chart)."""
    per_account = by_account(contact_days)
    found: list[AccountCharts] = []
    for row in queue:
        if len(found) == limit:
            break
        charts = contact_charts(per_account.get(row.account, ()))
        # Without a sidecar, a flags file's own contacts_by_country column still gives the bars.
        countries = charts.countries or bars(dict(row.contacts_by_country))
        if countries:
            found.append(AccountCharts(row, countries, charts))
    return found


def render_report(
    flags: pa.Table,
    contacts: pa.Table,
    *,
    counts: dict[str, int],
    title: str = "vigil metadata queue",
    content: pa.Table | None = None,
    queue: Sequence[QueueRow] | None = None,
    contact_days: Iterable[Mapping[str, Any]] = (),
    charted: int = CHARTED,
) -> str:
    """Render the report; `contacts` has columns role, cc, contacts for flagged accounts.

    ``content`` (optional) is a content-scores table; its flagged conversations get a section.
    ``queue`` (optional) is the fused queue: a section and a chart of the methods behind it,
    and per-account charts for its top ``charted`` accounts from ``contact_days`` (the rows of
    the flags' contacts sidecar).
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
        accounts=_account_charts(queue or (), contact_days, charted),
    )
