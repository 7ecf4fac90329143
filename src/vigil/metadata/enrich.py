"""Enrichment of distinct IPs: validity, country, region, anonymiser, risk and income rank.

Geolocation runs once per distinct IP, vectorised over Arrow arrays (iptocc is ~10M
lookups/s in batch), and the result joins back as a small table, so no engine runs a
per-row UDF.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from vigil.geo import (
    AnonymiserIndex,
    CountryTable,
    RegionDB,
    RiskArea,
    country_codes,
    dotted_ipv4,
    is_valid_ip,
    load_utc_offsets,
)

IPINFO_SCHEMA = pa.schema(
    [
        ("ip", pa.string()),
        ("ip_key", pa.int64()),
        ("ip_ok", pa.bool_()),
        ("cc", pa.string()),
        ("region", pa.string()),
        ("anon", pa.string()),
        ("risk", pa.bool_()),
        ("rank", pa.int64()),
        # The country's UTC offset in whole hours (standard time), for local hours of day.
        ("utc_off", pa.int64()),
    ]
)


@dataclass(frozen=True)
class GeoContext:
    """What the enrichment needs; regions and anonymisers are optional user files."""

    countries: CountryTable
    risk_areas: Sequence[RiskArea]
    regions: RegionDB | None = None
    anonymisers: AnonymiserIndex | None = None
    # ISO alpha-2 -> UTC offset in minutes; the shipped table unless a caller gives one.
    utc_offsets: Mapping[str, int] = field(default_factory=load_utc_offsets)

    def _is_risk(self, cc: str | None, region: str | None) -> bool:
        for area in self.risk_areas:
            if self.regions is None and area.region is not None:
                # A region entry cannot be checked without a region database: it falls back
                # to its country, which the scan reports as a warning.
                area = RiskArea(area.country)
            if area.matches(cc, region):
                return True
        return False

    def ip_table(
        self,
        ips: Sequence[str | None] | pa.Array | pa.ChunkedArray,
        first_key: int = 0,
        *,
        distinct: bool = False,
    ) -> pa.Table:
        """One row per distinct IP string in order of first appearance, including invalid
        ones (ip_ok false); keys are consecutive from `first_key`. `distinct=True` promises
        that no value repeats (as after SQL DISTINCT) and skips the hash pass.

        Vectorised: dotted IPv4 is parsed and its anonymiser labels found with Arrow and
        numpy; only other spellings (IPv6, junk) go address by address, and regions when a
        region database is given. Risk, rank and offset are computed once per country.
        """
        uniq, is_str = _distinct_strings(ips, distinct)
        n = len(uniq)
        fast, values = dotted_ipv4(uniq)
        if is_str is not None:
            values = values[is_str[fast]]  # non-str items (bytes) are never valid
            fast &= is_str
        slow = np.flatnonzero(~fast)
        slow_ips = uniq.take(pa.array(slow, pa.int64())).to_pylist()
        slow_ok = np.array([is_valid_ip(ip) for ip in slow_ips], np.bool_)
        if is_str is not None:
            slow_ok &= is_str[slow]
        ok = fast.copy()
        ok[slow] = slow_ok
        valid_rows = np.flatnonzero(ok)
        valid = uniq if len(valid_rows) == n else uniq.take(pa.array(valid_rows, pa.int64()))
        cc = _spread(n, [(valid_rows, country_codes(valid))])
        region = pa.nulls(n, pa.string())
        if self.regions is not None:
            found = self.regions.regions_of(valid.to_pylist())
            region = _spread(n, [(valid_rows, pa.array(found, pa.string()))])
        anon = pa.nulls(n, pa.string())
        if self.anonymisers is not None:
            others = [ip for ip, good in zip(slow_ips, slow_ok.tolist(), strict=True) if good]
            anon = _spread(
                n,
                [
                    (np.flatnonzero(fast), self.anonymisers.labels_of_ipv4(values)),
                    (slow[slow_ok], pa.array(self.anonymisers.labels_of(others), pa.string())),
                ],
            )
        cc_idx, cc_values = _codes(cc)
        rank = pa.array([self.countries.rank(c) if c else None for c in cc_values], pa.int64())
        off = pa.array([self._offset_hours(c) for c in cc_values], pa.int64())
        risk = self._risk(cc_idx, cc_values, region)
        risk &= anon.is_null().to_numpy(zero_copy_only=False)
        keys = np.arange(first_key, first_key + n, dtype=np.int64)
        columns = [uniq, keys, ok, cc, region, anon, risk, rank.take(cc_idx), off.take(cc_idx)]
        return pa.table(columns, schema=IPINFO_SCHEMA)

    def _risk(
        self, cc_idx: pa.Array, cc_values: list[str | None], region: pa.Array
    ) -> npt.NDArray[np.bool_]:
        """`_is_risk` of each row, evaluated once per distinct (country, region) pair."""
        rg_idx, rg_values = _codes(region)
        cci = np.asarray(cc_idx.to_numpy(zero_copy_only=False), np.int64)
        if len(rg_values) <= 1:  # no region database, or one region throughout
            rg = rg_values[0] if rg_values else None
            return np.array([self._is_risk(c, rg) for c in cc_values], np.bool_)[cci]
        rgi = np.asarray(rg_idx.to_numpy(zero_copy_only=False), np.int64)
        pairs, inverse = np.unique(cci * len(rg_values) + rgi, return_inverse=True)
        risk_of = [
            self._is_risk(cc_values[p // len(rg_values)], rg_values[p % len(rg_values)])
            for p in pairs.tolist()
        ]
        per_row: npt.NDArray[np.bool_] = np.array(risk_of, np.bool_)[inverse.reshape(-1)]
        return per_row

    def _offset_hours(self, cc: str | None) -> int | None:
        minutes = self.utc_offsets.get(cc) if cc else None
        return None if minutes is None else round(minutes / 60)

    @property
    def region_fallback(self) -> list[RiskArea]:
        """Region entries applied country-wide because no region database was given."""
        if self.regions is not None:
            return []
        return [a for a in self.risk_areas if a.region is not None]


def _distinct_strings(
    ips: Sequence[str | None] | pa.Array | pa.ChunkedArray, distinct: bool
) -> tuple[pa.StringArray, npt.NDArray[np.bool_] | None]:
    """Distinct non-null values in order of first appearance, as one string array, and for
    Python input which items were str (a bytes item is stored as text but never valid)."""
    if isinstance(ips, pa.ChunkedArray | pa.Array):
        arr = ips if pa.types.is_string(ips.type) else ips.cast(pa.string())
        uniq = (arr if distinct else pc.unique(arr)).drop_null()
        return (uniq.combine_chunks() if isinstance(uniq, pa.ChunkedArray) else uniq), None
    items = [ip for ip in (ips if distinct else dict.fromkeys(ips)) if ip is not None]
    is_str = np.fromiter((isinstance(ip, str) for ip in items), np.bool_, len(items))
    return pa.array(items, pa.string()), (None if is_str.all() else is_str)


def _codes(column: pa.Array) -> tuple[pa.Array, list[str | None]]:
    """Each row's index into the column's distinct values (None among them, if present)."""
    enc = pc.dictionary_encode(column, null_encoding="encode")
    return enc.indices, enc.dictionary.to_pylist()


def _spread(n: int, parts: Sequence[tuple[npt.NDArray[np.intp], pa.Array]]) -> pa.Array:
    """A string column of `n` rows with each part's values at its rows, null elsewhere."""
    if len(parts) == 1 and len(parts[0][0]) == n:
        return parts[0][1]  # distinct rows covering all n: they are 0..n-1 in order
    where = np.full(n, -1, np.int64)
    start = 0
    for rows, values in parts:
        where[rows] = np.arange(start, start + len(values))
        start += len(values)
    values = pa.concat_arrays([v.cast(pa.string()) for _, v in parts])
    return values.take(pa.array(where, mask=where < 0))
