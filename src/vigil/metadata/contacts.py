"""Contact figures of flagged accounts for the console's charts: calls per (account,
counterpart country, UTC day).

Aggregates only: the counterpart is reduced to its home country (the same home the patterns
read, so a VPN does not move anybody), and no counterpart id or IP leaves the engine.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

UNKNOWN_COUNTRY = "??"  # a counterpart with no home: seen only through anonymisers
CONTACT_COLUMNS = ("account", "country", "day", "calls", "video_calls", "minutes")

CONTACTS_SCHEMA = pa.schema(
    [
        ("account", pa.string()),
        ("country", pa.string()),
        ("day", pa.date32()),
        ("calls", pa.int64()),
        ("video_calls", pa.int64()),
        ("minutes", pa.float64()),
    ]
)


def contact_days(calls: ir.Table, home: ir.Table, keys: ir.Table) -> ir.Table:
    """Per (account key a, counterpart country cc, day): calls, video calls, seconds, for
    the accounts in `keys` (column k). `calls` are the timed, keyed calls of the scan."""
    mine = calls.caller.isin(keys.k) | calls.callee.isin(keys.k)
    t = calls.filter(mine).select("win", "day", "caller", "callee", "video", "duration_s")
    # Each call from both ends, then only the flagged ends: a call between two flagged
    # accounts counts for each of them.
    c = t.mutate(side_=ibis.range(0, 2).unnest())
    first = c.side_ == 0
    c = c.select(
        "win",
        "day",
        "video",
        "duration_s",
        a=ibis.ifelse(first, c.caller, c.callee),
        b=ibis.ifelse(first, c.callee, c.caller),
    )
    c = c.filter(c.a.isin(keys.k))
    h = home.select("win", b="a", cc="cc")
    j = c.left_join(h, ["win", "b"]).select(
        c.a, c.day, c.video, c.duration_s, cc=h.cc.fill_null(UNKNOWN_COUNTRY)
    )
    return j.group_by(["a", "cc", "day"]).aggregate(
        calls=j.count().cast("int64"),
        video_calls=j.video.cast("int64").sum(),
        seconds=j.duration_s.cast("int64").sum(),
    )


def contacts_table(days: pa.Table, keys: pa.Array, names: pa.Array) -> pa.Table:
    """The sidecar: `contact_days` rows with each key replaced by its output name (pseudonym,
    or raw id when revealed), days as dates and minutes to 0.1, in a stable order."""
    at = pc.index_in(days["a"], value_set=keys)
    out = pa.table(
        {
            "account": pc.take(names, at),
            "country": days["cc"],
            "day": pc.cast(days["day"], pa.int32()).cast(pa.date32()),
            "calls": pc.cast(days["calls"], pa.int64()),
            "video_calls": pc.cast(days["video_calls"], pa.int64()),
            "minutes": pc.round(pc.divide(pc.cast(days["seconds"], pa.float64()), 60.0), 1),
        }
    ).cast(CONTACTS_SCHEMA)
    return out.sort_by([("account", "ascending"), ("day", "ascending"), ("country", "ascending")])
