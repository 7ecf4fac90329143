"""Row validation as Ibis expressions: each row is either a typed call or a reject with a reason."""

from __future__ import annotations

import operator
from datetime import datetime, timedelta
from functools import reduce

import ibis
import ibis.expr.types as ir

from vigil.core import CDR_COLUMNS
from vigil.metadata.accounts import ip_key
from vigil.metadata.schema import (
    EARLIEST_CALL,
    FUTURE_SLACK_S,
    MAX_DURATION_S,
    MEDIA,
    REQUIRED_TEXT,
)


def _blank(col: ir.StringValue) -> ir.BooleanValue:
    # No trimming on the hot path: DuckDB's trim with a character set costs ~1 us a value,
    # and Ibis compiles strip() for Spark as trim(x, ' \t\n\rvf'), which eats v and f.
    return col.isnull() | (col == "")


def _checked(
    part: ir.Table, bad_ips: ir.Table | None, now: datetime
) -> tuple[ir.Table, list[tuple[ir.BooleanValue, str]]]:
    t = part.mutate(
        **{c: part[c].cast("string") for c in REQUIRED_TEXT},
        ts_=part.started_at.try_cast("timestamp('UTC')"),
        dur_=part.duration_s.try_cast("int64"),
    )
    t = t.mutate(media=t.media.lower())
    latest = now + timedelta(seconds=FUTURE_SLACK_S)
    checks: list[tuple[ir.BooleanValue, str]] = [
        (_blank(t[c]), f"missing {c}") for c in REQUIRED_TEXT if c != "media"
    ]
    checks += [
        (t.started_at.isnull(), "missing started_at"),
        (t.duration_s.isnull(), "missing duration_s"),
        (_blank(t.media), "missing media"),
        (t.started_at.notnull() & t.ts_.isnull(), "started_at is not a timestamp"),
        (t.ts_ < ibis.literal(EARLIEST_CALL), "started_at is before 2000"),
        (t.ts_ > ibis.literal(latest), "started_at is in the future"),
        (t.duration_s.notnull() & t.dur_.isnull(), "duration_s is not an integer"),
        (t.dur_ < 0, "duration_s is negative"),
        (t.dur_ > MAX_DURATION_S, "duration_s exceeds 48 hours"),
    ]
    if bad_ips is not None:
        # A semi-join against the (few) invalid distinct IPs, not a join of every row.
        checks += [
            (~_blank(t[c]) & t[c].isin(bad_ips.ip), f"{c} is not an IP address")
            for c in ("caller_ip", "callee_ip")
        ]
    checks += [
        (~_blank(t.media) & ~t.media.isin(MEDIA), "media is not audio, video or chat"),
        (t.caller == t.callee, "caller and callee are the same account"),
    ]
    # NULL comparisons (an unparsed value) must count as failed checks, not as unknown.
    return t, [(cond.fill_null(False), reason) for cond, reason in checks]


def split_valid(
    part: ir.Table, bad_ips: ir.Table | None, now: datetime, engine: str = ""
) -> tuple[ir.Table, ir.Table]:
    """Return (typed valid calls with both sides' IP keys, rejects as text with a reason).

    `bad_ips` holds the distinct IP strings that are not IP addresses (column ip); None
    when there are none, which spares every row the two look-ups. `engine` picks the IP
    keys (`ip_key`), as for the IP table.
    """
    t, checks = _checked(part, bad_ips, now)
    bad_row = reduce(operator.or_, [cond for cond, _ in checks])
    valid = t.filter(~bad_row).select(
        t.ts_.name("started_at"),
        t.dur_.name("duration_s"),
        "caller",
        "callee",
        "media",
        ip_key(t.caller_ip, engine).name("caller_ipk"),
        ip_key(t.callee_ip, engine).name("callee_ipk"),
    )
    # Every failed check is named, so one fix per reason is enough to repair a row.
    reason = reduce(
        operator.add, [ibis.cases((cond, f"{text}; "), else_="") for cond, text in checks]
    )
    bad = t.filter(bad_row)
    rejects = bad.select(
        *[bad[c].cast("string").name(c) for c in CDR_COLUMNS],
        "source_file",
        reason.re_replace(r";\s*$", "").name("reason"),
    )
    return valid, rejects
