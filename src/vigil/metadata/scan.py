"""The weekly metadata scan: read -> validate -> pseudonymise -> features -> patterns -> queue."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import reduce
from pathlib import Path

import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc
from ibis.backends import BaseBackend

from vigil.core import InputError, MetadataConfig, Pseudonymiser
from vigil.metadata.accounts import CHUNK, AccountMap
from vigil.metadata.baseline import naive_rule
from vigil.metadata.engine import materialise, register, release
from vigil.metadata.enrich import GeoContext
from vigil.metadata.explain import build_flags
from vigil.metadata.features import (
    account_features,
    account_ips,
    geo_pairs,
    homes,
    ip_households,
    pair_features,
    with_history,
)
from vigil.metadata.patterns import score_patterns
from vigil.metadata.readers import read_calls
from vigil.metadata.schema import FLAG_COLUMNS, REJECT_COLUMNS
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
    def flagged(self) -> pa.Table:
        """Candidates at or above the flag threshold, with their keys and raw ids."""
        return self.candidates.filter(pc.greater_equal(self.candidates["score"], self.threshold))

    @property
    def flags(self) -> pa.Table:
        """The queue in the flags contract: pseudonyms only."""
        return self.flagged.select(list(FLAG_COLUMNS))


def _union(tables: Sequence[ir.Table]) -> ir.Table:
    return reduce(lambda x, y: x.union(y, distinct=False), tables)


def _distinct(con: BaseBackend, exprs: Sequence[ir.StringColumn]) -> pa.ChunkedArray:
    """Distinct non-null values of the columns, as one Arrow column (no Python list)."""
    tables = [e.name("v").as_table() for e in exprs]
    both = _union(tables)
    return con.to_pyarrow(both.filter(both.v.notnull()).distinct()).column("v")


def _pseudonymise(
    con: BaseBackend, valid: ir.Table, pseudo: Pseudonymiser
) -> tuple[ir.Table, AccountMap]:
    """Replace both account columns by integer keys of keyed pseudonyms before any analysis
    sees them; integer keys also make the joins and group-bys that follow cheaper."""
    accounts = AccountMap.build(_distinct(con, [valid.caller, valid.callee]), pseudo)
    mapping = register(con, accounts.keys_table())
    out = valid
    for side in ("caller", "callee"):
        m = mapping.select(**{side: mapping.raw, f"{side}_key": mapping.key})
        out = out.join(m, side).drop(side)
    return out.rename(caller="caller_key", callee="callee_key"), accounts


def _ip_table(geo: GeoContext, ips: pa.ChunkedArray) -> pa.Table:
    """Geolocate distinct IPs a million at a time (Python lists per chunk, not per input)."""
    parts = [
        geo.ip_table(ips.slice(start, CHUNK).to_pylist(), first_key=start)
        for start in range(0, len(ips), CHUNK)
    ]
    return pa.concat_tables(parts) if parts else geo.ip_table([])


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
    ips = _distinct(
        con,
        [p[c].cast("string") for p in source.parts for c in ("caller_ip", "callee_ip")],
    )
    ipinfo = register(con, _ip_table(geo, ips))

    say("validating rows")
    splits = [split_valid(p, ipinfo, now) for p in source.parts]
    rejects = con.to_pyarrow(_union([r for _, r in splits]))
    if source.prerejected:
        extra = pa.Table.from_pylist(
            source.prerejected, schema=pa.schema([(c, pa.string()) for c in REJECT_COLUMNS])
        )
        rejects = pa.concat_tables([rejects.cast(extra.schema), extra])
    say("pseudonymising accounts")
    # Validated once into a compact table: the distinct-account pass and the key joins read
    # it instead of re-validating the raw records.
    valid = materialise(con, _union([v for v, _ in splits]))
    keyed, accounts = _pseudonymise(con, valid, pseudo)
    # Integer keys only from here on; the raw ids leave the engine with the table dropped.
    calls = materialise(con, keyed)
    release(con, valid)

    say("computing weekly features")
    acct_ips = materialise(con, account_ips(calls, cfg.window_days))
    home = materialise(con, homes(acct_ips, ipinfo))
    raw_pairs = with_history(pair_features(calls, cfg.window_days), cfg.same_slot_tolerance_hours)
    pairs = materialise(con, geo_pairs(raw_pairs, home))
    # Every call appears twice among the pairs, once from each end.
    rows_valid = int(con.execute(pairs.n_calls.sum()) or 0) // 2
    rows_read = rows_valid + rejects.num_rows
    if rows_valid == 0:
        raise InputError(
            f"No valid call records among {rows_read} rows; see the rejects for the reasons."
        )
    acct = materialise(con, account_features(pairs, home))
    households = ip_households(acct_ips)

    say("scoring patterns")
    tables = score_patterns(
        acct, pairs, households, acct_ips, cfg, keep=lambda t: materialise(con, t)
    )
    sources = con.to_pyarrow(tables.sources)
    consumers = con.to_pyarrow(tables.consumers)
    candidates = build_flags(sources, consumers, cfg, accounts)
    naive = None
    if with_baseline:
        naive = con.to_pyarrow(naive_rule(acct, pairs))
        naive = naive.set_column(
            naive.schema.get_field_index("a"),
            "a",
            pa.array([accounts.pid(k) for k in naive["a"].to_pylist()], pa.string()),
        )
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
        result.contacts = con.to_pyarrow(_contacts_by_country(con, pairs, home, result))
    return result


def _contacts_by_country(
    con: BaseBackend, pairs: ir.Table, home: ir.Table, result: ScanResult
) -> ir.Table:
    """Distinct counterparts of each flagged account's role, per counterpart home country."""
    keys = result.flagged.select(["key", "role"]).rename_columns(["a", "role"])
    flagged = register(con, keys)
    p = pairs.join(flagged, "a")
    hb = home.select("win", b="a", cc="cc")
    p = p.left_join(hb, ["win", "b"]).select(p.role, p.b, hb.cc)
    return p.group_by(["role", "cc"]).aggregate(contacts=p.b.nunique())
