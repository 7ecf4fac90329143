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

from vigil.core import EngineError, InputError, MetadataConfig, Pseudonymiser
from vigil.metadata.accounts import (
    CHUNK,
    AccountMap,
    high_of,
    ip_key,
    key_high,
    key_secret,
    surrogate_key,
)
from vigil.metadata.baseline import naive_rule
from vigil.metadata.contacts import contact_days, contacts_table
from vigil.metadata.engine import epoch_seconds, materialise, register, release
from vigil.metadata.enrich import GeoContext
from vigil.metadata.explain import build_flags
from vigil.metadata.features import (
    account_features,
    account_ips,
    cross_border,
    geo_pairs,
    homes,
    ip_geo,
    pair_features,
    pair_homes,
    timed,
    window_span,
    with_history,
)
from vigil.metadata.graph import score_patterns
from vigil.metadata.patterns import den_ips
from vigil.metadata.readers import CallSource, read_calls
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
    # Per (flagged account key a, counterpart country cc, day) figures; see `contact_sidecar`.
    contact_days: pa.Table | None = None

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

    def contact_sidecar(self, *, reveal_ids: bool = False) -> pa.Table | None:
        """The flags' contacts sidecar, accounts named as in the flags (pseudonyms, or raw
        ids when revealed); None when the scan was not asked for it."""
        if self.contact_days is None:
            return None
        names = self.flagged["raw_account" if reveal_ids else "account"].combine_chunks()
        return contacts_table(self.contact_days, self.flagged["key"].combine_chunks(), names)


def _union(tables: Sequence[ir.Table]) -> ir.Table:
    return reduce(lambda x, y: x.union(y, distinct=False), tables)


def _distinct(con: BaseBackend, exprs: Sequence[ir.StringColumn]) -> pa.ChunkedArray:
    """Distinct non-null values of the columns, as one Arrow column (no Python list)."""
    tables = [e.name("v").as_table() for e in exprs]
    both = _union(tables)
    return con.to_pyarrow(both.filter(both.v.notnull()).distinct()).column("v")


def _account_map(
    con: BaseBackend, parts: Sequence[ir.Table], keys: pa.Array, pseudo: Pseudonymiser
) -> AccountMap:
    """Raw ids and pseudonyms of the keys that reach the output, looked up in the input."""
    uniq = pa.table({"k": pa.array(keys, pa.int64())}).group_by("k").aggregate([])
    if uniq.num_rows == 0:
        return AccountMap(pids={}, raws={})
    highs = pa.array([high_of(k) for k in uniq["k"].to_pylist()], pa.int64())
    wanted = register(con, uniq.append_column("h", highs))
    found = []
    for part in parts:
        for side in ("caller", "callee"):
            raw = part.select(raw=part[side].cast("string"))
            # One hash picks the few candidates; the whole key is computed only for them.
            secret = key_secret(pseudo)
            near = raw.filter(key_high(raw.raw, secret).isin(wanted.h))
            t = near.mutate(k=surrogate_key(near.raw, secret))
            found.append(t.filter(t.k.isin(wanted.k)).select("k", "raw"))
    rows = con.to_pyarrow(_union(found).distinct())
    return AccountMap.build(rows["k"].combine_chunks(), rows["raw"].combine_chunks(), pseudo)


def _rejects(
    con: BaseBackend, source: CallSource, rejects: Sequence[ir.Table], rows_valid: int
) -> pa.Table:
    """The rejected rows with their reasons; when every row read is valid (counts from the
    file's metadata for Parquet) the pass that would find none is skipped."""
    everything = _union(rejects)
    rows = sum(int(con.execute(p.count())) for p in source.parts)
    if rows == rows_valid:
        found = con.to_pyarrow(everything.limit(0))
    else:
        found = con.to_pyarrow(everything)
    if not source.prerejected:
        return found
    extra = pa.Table.from_pylist(
        source.prerejected, schema=pa.schema([(c, pa.string()) for c in REJECT_COLUMNS])
    )
    return pa.concat_tables([found.cast(extra.schema), extra])


def _unique_keys(con: BaseBackend, ipinfo: ir.Table) -> None:
    """Refuse distinct IPs that share a key (odds about 2^-62 a pair)."""
    if int(con.execute(ipinfo.ip_key.nunique())) != int(con.execute(ipinfo.count())):
        raise EngineError(
            "Two IP addresses share one internal 64-bit key, so the scan cannot tell them "
            "apart; please report this input."
        )


def _ip_table(geo: GeoContext, ips: pa.ChunkedArray) -> pa.Table:
    """Geolocate distinct IPs a million at a time, as Arrow slices (bounded memory)."""
    parts = [
        geo.ip_table(ips.slice(start, CHUNK), first_key=start, distinct=True)
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
    with_contact_days: bool = False,
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
    # IPs are keyed in the engine like accounts, so validation and features never join
    # every row against the IP table by string.
    table = _ip_table(geo, ips)
    info = register(con, table)
    ipinfo = info.mutate(ip_key=ip_key(info.ip, con.name))
    _unique_keys(con, ipinfo)
    # Only what the homes read is stored: the IP strings and the rest of the IP table would
    # take the memory the passes over the calls need (a gigabyte at 100M rows).
    located, countries = (materialise(con, t) for t in ip_geo(ipinfo))
    # Usually every distinct IP parses, and then no row needs checking against them.
    all_ok = table.num_rows == 0 or pc.all(table["ip_ok"]).as_py()
    bad_ips = None if all_ok else info.filter(~info.ip_ok).select("ip")

    say("validating rows")
    splits = [split_valid(p, bad_ips, now, con.name) for p in source.parts]
    # Validated once into a compact table with integer account keys in place of the raw ids:
    # every later stage reads it, and no raw id is stored in the engine.
    valid = _union([v for v, _ in splits])
    secret = key_secret(pseudo)
    keyed = valid.mutate(
        caller=surrogate_key(valid.caller, secret), callee=surrogate_key(valid.callee, secret)
    )
    calls = materialise(
        con,
        timed(
            keyed,
            cfg.window_days,
            cfg.slot_minutes,
            cfg.slot_grace_minutes,
            epoch_seconds(con.name),
        ),
    )

    # Every valid call is in the table once, so it counts them.
    rows_valid = int(con.execute(calls.count()))
    rejects = _rejects(con, source, [r for _, r in splits], rows_valid)
    rows_read = rows_valid + rejects.num_rows
    if rows_valid == 0:
        raise InputError(
            f"No valid call records among {rows_read} rows; see the rejects for the reasons."
        )

    say("computing weekly features")
    span = con.to_pyarrow(window_span(calls)).to_pylist()[0]
    several = span["first"] != span["last"]
    # Within one window (a weekly scan) the window is no grouping key.
    window = None if several else span["first"]
    acct_ips = materialise(con, account_ips(calls, window))
    home = materialise(con, homes(acct_ips, located, countries))
    # Each stored table is let go once nothing reads it: at 100M rows they outgrow the
    # memory limit, and what is kept spills to disk. Past the homes, the accounts' IPs are
    # read only for dens, which only risk-area accounts' IPs can hold.
    for table_read in (located, countries):
        release(con, table_read)
    shared_ips = materialise(con, den_ips(acct_ips, home))
    release(con, acct_ips)
    raw_pairs = with_history(
        pair_features(calls, cfg.window_days, window),
        cfg.same_slot_tolerance_hours,
        several_windows=several,
    )
    # Stored once per unordered pair; each reader turns them to face both ways. The homes
    # join in a query of their own: after the aggregation in one query, DuckDB's joins ran
    # out of memory at 100M rows instead of spilling.
    raw_pairs = materialise(con, raw_pairs)
    if not with_contact_days:
        release(con, calls)
    upairs = materialise(con, pair_homes(raw_pairs, home))
    release(con, raw_pairs)
    pairs = geo_pairs(upairs)
    # Only accounts with a voice pair between countries can be scored: features for them
    # alone, and the patterns' foreign-wealthier voice pairs from their (few) pairs.
    cross = materialise(con, geo_pairs(cross_border(upairs)))
    acct = materialise(con, account_features(pairs, cross, home, cfg.show_minutes))
    fw_pairs = materialise(con, cross.filter(cross.fv == 1))
    release(con, cross)
    naive = con.to_pyarrow(naive_rule(acct, pairs)) if with_baseline else None
    if not with_contacts:
        release(con, upairs)

    say("scoring patterns")
    tables = score_patterns(acct, fw_pairs, shared_ips, cfg, keep=lambda t: materialise(con, t))
    sources = con.to_pyarrow(tables.sources)
    consumers = con.to_pyarrow(tables.consumers)
    out_keys = [sources["a"], consumers["a"]] + ([naive["a"]] if naive is not None else [])
    say("pseudonymising flagged accounts")
    accounts = _account_map(
        con, source.parts, pa.concat_arrays([k.combine_chunks() for k in out_keys]), pseudo
    )
    candidates = build_flags(sources, consumers, cfg, accounts)
    if naive is not None:
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
    if with_contact_days:
        # One extra aggregation over the flagged accounts' own calls: the pairs no longer
        # know the day of each call.
        keys = pa.table({"k": pc.unique(result.flagged["key"].combine_chunks())})
        flagged = register(con, keys.cast(pa.schema([("k", pa.int64())])))
        result.contact_days = con.to_pyarrow(contact_days(calls, home, flagged))
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
