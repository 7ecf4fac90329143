"""Enrichment of distinct IPs: validity, country, region, anonymiser, risk and income rank.

Geolocation runs once per distinct IP in Python (iptocc is ~10M lookups/s in batch) and the
result joins back as a small table, so no engine runs a per-row UDF.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from vigil.geo import (
    AnonymiserIndex,
    CountryTable,
    RegionDB,
    RiskArea,
    countries_of,
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

    def ip_table(self, ips: Sequence[str | None], first_key: int = 0) -> pa.Table:
        """One row per distinct IP string, including invalid ones (ip_ok false); keys are
        consecutive from `first_key`."""
        uniq = [ip for ip in dict.fromkeys(ips) if ip is not None]
        ok = [is_valid_ip(ip) for ip in uniq]
        valid = [ip for ip, good in zip(uniq, ok, strict=True) if good]
        cc_valid = countries_of(valid)
        region_valid = self.regions.regions_of(valid) if self.regions else [None] * len(valid)
        anon_valid = self.anonymisers.labels_of(valid) if self.anonymisers else [None] * len(valid)
        cc: list[str | None] = []
        region: list[str | None] = []
        anon: list[str | None] = []
        it = iter(zip(cc_valid, region_valid, anon_valid, strict=True))
        for good in ok:
            c, r, a = next(it) if good else (None, None, None)
            cc.append(c)
            region.append(r)
            anon.append(a)
        # Risk and rank depend on the country (and region) only: computed once per value.
        risk_of = {k: self._is_risk(*k) for k in set(zip(cc, region, strict=True))}
        rank_of = {c: self.countries.rank(c) if c else None for c in set(cc)}
        risk = [a is None and risk_of[(c, r)] for c, r, a in zip(cc, region, anon, strict=True)]
        rank = [rank_of[c] for c in cc]
        off_of = {c: self._offset_hours(c) for c in set(cc)}
        off = [off_of[c] for c in cc]
        keys = list(range(first_key, first_key + len(uniq)))
        return pa.table([uniq, keys, ok, cc, region, anon, risk, rank, off], schema=IPINFO_SCHEMA)

    def _offset_hours(self, cc: str | None) -> int | None:
        minutes = self.utc_offsets.get(cc) if cc else None
        return None if minutes is None else round(minutes / 60)

    @property
    def region_fallback(self) -> list[RiskArea]:
        """Region entries applied country-wide because no region database was given."""
        if self.regions is not None:
            return []
        return [a for a in self.risk_areas if a.region is not None]
