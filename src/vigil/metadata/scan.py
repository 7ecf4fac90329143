"""The weekly metadata scan: read -> validate -> pseudonymise -> features -> patterns -> queue."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import reduce
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from vigil.core import InputError, MetadataConfig, Pseudonymiser
from vigil.metadata.baseline import naive_rule
from vigil.metadata.engine import materialise, register
from vigil.metadata.enrich import GeoContext
from vigil.metadata.explain import build_flags
from vigil.metadata.features import (
    account_features,
    account_ips,
    half_edges,
    ip_households,
    pair_features,
    with_history,
)
from vigil.metadata.patterns import score_patterns
from vigil.metadata.readers import read_calls
from vigil.metadata.schema import REJECT_COLUMNS
from vigil.metadata.validate import split_valid

Progress = Callable[[str], None]


@dataclass
class ScanResult:
    """Ranked candidates (flagged or not), the rejects and the counts behind them."""

    candidates: pa.Table
    rejects: pa.Table
    rows_read: int
    rows_valid: int
    threshold: float
    warnings: list[str] = field(default_factory=list)
    naive: pa.Table | None = None
    contacts: pa.Table | None = None

    @property
    def rows_rejected(self) -> int:
        return int(self.rejects.num_rows)

    @property
    def flags(self) -> pa.Table:
        """The queue: candidates at or above the flag threshold."""
        mask = [s >= self.threshold for s in self.candidates.column("score").to_pylist()]
        return self.candidates.filter(pa.array(mask, pa.bool_())).drop_columns(["raw_account"])


def _union(tables: Sequence[ir.Table]) -> ir.Table:
    return reduce(lambda x, y: x.union(y, distinct=False), tables)


def _distinct_strings(con: BaseBackend, exprs: Sequence[ir.StringColumn]) -> list[str]:
    tables = [e.name("v").as_table() for e in exprs]
    col = con.to_pyarrow(_union(tables).distinct()).column("v")
    return [v for v in col.to_pylist() if v is not None]


def _pseudonymise(
    con: BaseBackend, valid: ir.Table, pseudo: Pseudonymiser
) -> tuple[ir.Table, dict[str, str]]:
    """Replace both account columns by keyed pseudonyms before any analysis sees them."""
    raw = _distinct_strings(con, [valid.caller, valid.callee])
    pids = pseudo.many(raw)
    mapping = register(con, pa.table({"raw": raw, "pid": pids}))
    out = valid
    for side in ("caller", "callee"):
        m = mapping.select(**{side: mapping.raw, f"{side}_pid": mapping.pid})
        out = out.join(m, side)
    out = out.drop("caller", "callee").rename(caller="caller_pid", callee="callee_pid")
    return out, dict(zip(pids, raw, strict=True))


def scan_calls(
    con: BaseBackend,
    paths: Sequence[Path],
    geo: GeoContext,
    cfg: MetadataConfig,
    pseudo: Pseudonymiser,
    *,
    column_mapping: dict[str, str] | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    with_baseline: bool = False,
    with_contacts: bool = False,
) -> ScanResult:
    """Scan call records on any Ibis backend and return the ranked queue."""
    say = progress or (lambda _msg: None)
    now = now or datetime.now(UTC)
    warnings = [
        f"No region database: risk area {a.country}:{a.region} applies to all of {a.country}."
        for a in geo.region_fallback
    ]

    say("reading calls")
    source = read_calls(con, paths, column_mapping)
    say("geolocating distinct IPs")
    ips = _distinct_strings(
        con,
        [p[c].cast("string") for p in source.parts for c in ("caller_ip", "callee_ip")],
    )
    ipinfo = register(con, geo.ip_table(ips))

    say("validating rows")
    splits = [split_valid(p, ipinfo, now) for p in source.parts]
    rejects = con.to_pyarrow(_union([r for _, r in splits]))
    if source.prerejected:
        extra = pa.Table.from_pylist(
            source.prerejected, schema=pa.schema([(c, pa.string()) for c in REJECT_COLUMNS])
        )
        rejects = pa.concat_tables([rejects.cast(extra.schema), extra])
    say("pseudonymising accounts")
    calls, reveal_map = _pseudonymise(con, _union([v for v, _ in splits]), pseudo)

    say("computing weekly features")
    edges = half_edges(calls, cfg.window_days)
    pairs = materialise(con, with_history(pair_features(edges), cfg.same_slot_tolerance_hours))
    # Every call appears twice among the pairs, once from each end.
    rows_valid = int(con.execute(pairs.n_calls.sum()) or 0) // 2
    rows_read = rows_valid + rejects.num_rows
    if rows_valid == 0:
        raise InputError(
            f"No valid call records among {rows_read} rows; see the rejects for the reasons."
        )
    acct = materialise(con, account_features(pairs))
    acct_ips = materialise(con, account_ips(edges))
    households = ip_households(acct_ips)

    say("scoring patterns")
    tables = score_patterns(acct, pairs, households, acct_ips, cfg)
    sources = con.to_pyarrow(tables.sources)
    consumers = con.to_pyarrow(tables.consumers)
    candidates = build_flags(sources, consumers, cfg, reveal_map)
    naive = con.to_pyarrow(naive_rule(acct, pairs)) if with_baseline else None
    result = ScanResult(
        naive=naive,
        candidates=candidates,
        rejects=rejects,
        rows_read=rows_read,
        rows_valid=rows_valid,
        threshold=cfg.flag_threshold,
        warnings=warnings,
    )
    if with_contacts:
        result.contacts = con.to_pyarrow(_contacts_by_country(con, edges, result.flags))
    return result


def _contacts_by_country(con: BaseBackend, edges: ir.Table, flags: pa.Table) -> ir.Table:
    """Distinct counterparts of each flagged account's role, per counterpart country."""
    flagged = register(con, flags.select(["account", "role"]).rename_columns(["a", "role"]))
    e = edges.join(flagged, "a")
    return e.group_by(["role", e.b_cc.name("cc")]).aggregate(contacts=e.b.nunique())


def window_start(win: int, window_days: int) -> datetime:
    epoch_monday = datetime(1970, 1, 5, tzinfo=UTC)
    return epoch_monday + timedelta(days=win * window_days)


__all__: list[Any] = ["ScanResult", "scan_calls", "window_start"]
