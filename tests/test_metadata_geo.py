"""Risk areas, regions and anonymisers as the scan applies them."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.geo import (
    AnonymiserIndex,
    RegionDB,
    load_country_table,
    load_utc_offsets,
    parse_risk_area,
)
from vigil.metadata import GeoContext

mmdb_writer = pytest.importorskip("mmdb_writer")

PH_CEBU = "112.198.10.4"
PH_OTHER = "112.198.200.7"
GB = "81.2.69.142"


def _region_db(path: Path) -> RegionDB:
    from netaddr import IPSet

    writer = mmdb_writer.MMDBWriter(ip_version=4, database_type="vigil-test")
    writer.insert_network(
        IPSet([f"{PH_CEBU}/32"]),
        {"subdivisions": [{"iso_code": "07", "names": {"en": "Central Visayas"}}]},
    )
    writer.insert_network(
        IPSet([f"{PH_OTHER}/32"]),
        {"subdivisions": [{"iso_code": "00", "names": {"en": "Metro Manila"}}]},
    )
    writer.to_db_file(str(path))
    return RegionDB.open(path)


def test_region_entries_apply_with_a_region_database(tmp_path: Path) -> None:
    geo = GeoContext(
        countries=load_country_table(None),
        risk_areas=[parse_risk_area("PH:Central Visayas")],
        regions=_region_db(tmp_path / "regions.mmdb"),
    )
    rows = {r["ip"]: r for r in geo.ip_table([PH_CEBU, PH_OTHER, GB]).to_pylist()}
    assert rows[PH_CEBU]["risk"] and rows[PH_CEBU]["region"] == "Central Visayas"
    assert not rows[PH_OTHER]["risk"]
    assert not rows[GB]["risk"]
    assert geo.region_fallback == []


def test_region_entries_fall_back_to_the_country_without_a_database() -> None:
    geo = GeoContext(
        countries=load_country_table(None), risk_areas=[parse_risk_area("PH:Central Visayas")]
    )
    rows = {r["ip"]: r for r in geo.ip_table([PH_CEBU, PH_OTHER, GB]).to_pylist()}
    assert rows[PH_CEBU]["risk"] and rows[PH_OTHER]["risk"] and not rows[GB]["risk"]
    assert [str(a) for a in geo.region_fallback] == ["PH:Central Visayas"]


def test_anonymised_endpoints_carry_no_location_weight(tmp_path: Path) -> None:
    vpn = tmp_path / "vpn.txt"
    vpn.write_text("# test exits\n112.198.10.0/24\n")
    geo = GeoContext(
        countries=load_country_table(None),
        risk_areas=[parse_risk_area("PH")],
        anonymisers=AnonymiserIndex.from_files([vpn]),
    )
    rows = {r["ip"]: r for r in geo.ip_table([PH_CEBU, PH_OTHER, "not-an-ip", None]).to_pylist()}
    assert rows[PH_CEBU]["anon"] == "vpn" and not rows[PH_CEBU]["risk"]
    assert rows[PH_OTHER]["risk"] and rows[PH_OTHER]["anon"] is None
    assert not rows["not-an-ip"]["ip_ok"] and rows["not-an-ip"]["cc"] is None
    assert rows[PH_OTHER]["rank"] == load_country_table(None).rank("PH")


def test_each_country_carries_a_utc_offset_in_whole_hours() -> None:
    """Local hours of day (office hours or not) come from one offset per country."""
    offsets = load_utc_offsets()
    assert offsets["PH"] == 480 and offsets["GB"] == 0 and offsets["IN"] == 330
    assert offsets["US"] == -360  # several zones: the population median's (Central)
    geo = GeoContext(countries=load_country_table(None), risk_areas=[parse_risk_area("PH")])
    rows = {r["ip"]: r for r in geo.ip_table([PH_OTHER, GB, "not-an-ip"]).to_pylist()}
    assert rows[PH_OTHER]["utc_off"] == 8 and rows[GB]["utc_off"] == 0
    assert rows["not-an-ip"]["utc_off"] is None
