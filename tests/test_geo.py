"""vigil.geo: IP validation and countries, the shipped country table, risk areas."""

from __future__ import annotations

import csv
import ipaddress
import random
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.core.errors import ConfigError, ReferenceDataError
from vigil.geo import (
    INCOME_GROUPS,
    RiskArea,
    countries_of,
    country_of,
    is_valid_ip,
    load_country_table,
    parse_risk_area,
    parse_risk_areas,
)

# --- IP validation and country lookup --------------------------------------------------


def _ipaddress_valid(s: str) -> bool:
    try:
        ipaddress.ip_address(s)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "ip", ["8.8.8.8", "0.0.0.0", "2001:db8::1", "::", "::ffff:8.8.8.8", "fe80::1%eth0"]
)
def test_is_valid_ip_accepts(ip: str) -> None:
    assert is_valid_ip(ip)


@pytest.mark.parametrize(
    "ip",
    ["", "not-an-ip", " 8.8.8.8", "8.8.8.8\n", "8.8.8.8/32", "01.2.3.4", "256.1.1.1", "1.2.3",
     "1::2::3", "8.8.8.8\x00", "١.٢.٣.٤", None, 42],
)  # fmt: skip
def test_is_valid_ip_rejects(ip: object) -> None:
    assert not is_valid_ip(ip)


@given(st.text(alphabet="0123456789abcdefABCDEF:.%/ x", max_size=45))
def test_is_valid_ip_agrees_with_ipaddress(s: str) -> None:
    assert is_valid_ip(s) == _ipaddress_valid(s)


@given(st.text(alphabet="0123456789abcdefABCDEF:.%/ x", max_size=45))
def test_countries_only_for_valid_addresses(s: str) -> None:
    if not is_valid_ip(s):
        assert country_of(s) is None


@given(st.ip_addresses())
def test_is_valid_ip_accepts_every_address(
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> None:
    assert is_valid_ip(str(addr))


def test_countries_of_known_addresses() -> None:
    ips = ["112.198.10.4", "81.2.69.142", "8.8.4.4", "2001:db8::1", "not-an-ip"]
    assert countries_of(ips) == ["PH", "GB", "US", None, None]


def test_countries_of_private_and_odd_input() -> None:
    assert countries_of([]) == []
    assert countries_of(["10.0.0.1", "192.168.1.1", "::1", ""]) == [None] * 4
    # Dataframes hand over None/NaN for missing cells: invalid, not a crash.
    assert countries_of(["8.8.4.4", None, float("nan")]) == ["US", None, None]  # type: ignore[list-item]
    assert countries_of(("8.8.4.4",)) == ["US"]


def test_countries_of_ipv4_mapped_ipv6() -> None:
    assert countries_of(["::ffff:112.198.10.4", "::ffff:8.8.4.4"]) == ["PH", "US"]


def test_countries_of_is_iso_only() -> None:
    # Some RIR blocks are registered to "EU"; that is no country, so no answer.
    table = load_country_table()
    r = random.Random(7)
    ips = [str(ipaddress.IPv4Address(r.getrandbits(32))) for _ in range(100_000)]
    codes = {c for c in countries_of(ips) if c is not None}
    assert len(codes) > 150
    assert codes <= {c.iso2 for c in table}


def test_countries_of_rejects_a_single_string() -> None:
    with pytest.raises(TypeError):
        countries_of("8.8.8.8")


def test_country_of_single() -> None:
    assert country_of("112.198.10.4") == "PH"
    assert country_of("nope") is None


# --- the shipped country table ---------------------------------------------------------


def _packaged_rows() -> list[dict[str, str]]:
    text = (resources.files("vigil.geo") / "data" / "countries.csv").read_text("utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def test_shipped_table_known_groups() -> None:
    t = load_country_table()
    assert t.income_group("PH") == "LM"
    for cc in ("US", "GB", "DE", "AU", "JP"):
        assert t.income_group(cc) == "H", cc
    assert t.rank("PH") == 1 and t.rank("US") == 3 and t.rank("AF") == 0
    assert t.is_wealthier("US", "PH") and not t.is_wealthier("PH", "US")
    assert not t.is_wealthier("US", "VE")  # Venezuela is unclassified: no comparison
    assert t.name("PH") == "Philippines"
    assert t.income_group("ph") == "LM"
    assert t.income_group("ZZ") is None and t.rank(None) is None


def test_shipped_table_rows_are_valid_and_unique() -> None:
    rows = _packaged_rows()
    assert set(rows[0]) == {"iso2", "iso3", "name", "income_group"}
    for row in rows:
        assert re.fullmatch(r"[A-Z]{2}", row["iso2"]), row
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]), row
        assert row["name"].strip(), row
        assert row["income_group"] in ("", *INCOME_GROUPS), row
    for col in ("iso2", "iso3", "name"):
        values = [r[col] for r in rows]
        assert len(values) == len(set(values)), col
    assert len(rows) >= 249  # every ISO 3166-1 country, plus Kosovo


def test_shipped_table_covers_the_world_bank_list() -> None:
    t = load_country_table()
    classified = t.classified()
    assert len(classified) >= 200
    # FY2026: 26 L, 50 LM, 54 UM, 87 H economies; the Channel Islands count as JE and GG.
    counts = {g: sum(c.income_group == g for c in classified) for g in INCOME_GROUPS}
    assert counts == {"L": 26, "LM": 50, "UM": 54, "H": 88}


def test_shipped_table_provenance() -> None:
    t = load_country_table()
    assert t.source is not None and "World Bank" in t.source and "CLASS" in t.source
    assert t.fiscal_year == "FY2026"
    assert t.as_of is not None and t.as_of.isoformat() == "2025-07-01"
    assert any("vigil geo import-income" in n for n in t.notes)


def test_to_arrow() -> None:
    arrow = load_country_table().to_arrow()
    assert arrow.column_names == ["iso2", "iso3", "name", "income_group", "income_rank"]
    assert str(arrow.schema.field("income_rank").type) == "int8"
    rows = {r["iso2"]: r for r in arrow.to_pylist()}
    assert rows["PH"]["income_rank"] == 1 and rows["PH"]["iso3"] == "PHL"
    assert rows["VE"]["income_group"] is None and rows["VE"]["income_rank"] is None


def test_table_file_round_trip(tmp_path: Path) -> None:
    t = load_country_table()
    path = tmp_path / "countries.csv"
    t.write(path)
    again = load_country_table(path)
    assert list(again) == list(t)
    assert again.metadata == t.metadata and again.notes == t.notes


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("iso2,iso3,name\nPH,PHL,Philippines\n", "lacks the column(s) income_group"),
        ("iso2,iso3,name,income_group\nPH,PHL,Philippines,LM\nPH,PHX,Again,H\n", "line 3: PH"),
        ("iso2,iso3,name,income_group\nPHL,PHL,Philippines,LM\n", "line 2"),
        ("iso2,iso3,name,income_group\nPH,PHL,Philippines,Lower\n", "line 2"),
        ("# only a comment\n", "no header"),
    ],
)
def test_bad_country_table(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=re.escape(message)):
        load_country_table(path)


def test_missing_country_table(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="does not exist"):
        load_country_table(tmp_path / "nope.csv")


# --- risk areas --------------------------------------------------------------------------


def test_parse_risk_area() -> None:
    assert parse_risk_area("PH") == RiskArea("PH")
    assert parse_risk_area(" ph : Central  Visayas ") == RiskArea("PH", "Central Visayas")
    for text in ("PH", "PH:Central Visayas"):
        assert str(parse_risk_area(text)) == text


@pytest.mark.parametrize("text", ["", "PHL", "P1", ":Cebu", "PH:", "PH:  "])
def test_parse_risk_area_rejects(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_risk_area(text)


def test_parse_risk_area_checks_codes_against_a_table() -> None:
    t = load_country_table()
    assert parse_risk_area("PH", t) == RiskArea("PH")
    with pytest.raises(ConfigError, match="UK"):
        parse_risk_area("UK", t)


def test_risk_area_matches() -> None:
    country = RiskArea("PH")
    region = RiskArea("PH", "Central Visayas")
    assert country.matches("PH") and country.matches("ph", "Davao Region")
    assert not country.matches("US") and not country.matches(None)
    assert region.matches("PH", "central visayas") and region.matches("PH", "Central  Visayas")
    assert not region.matches("PH", "Davao Region") and not region.matches("PH", None)


def test_parse_risk_areas_dedupes_in_order() -> None:
    areas = parse_risk_areas(["PH", "ph", "PH:Cebu", "TH"])
    assert areas == (RiskArea("PH"), RiskArea("PH", "Cebu"), RiskArea("TH"))


def test_risk_area_value_checks() -> None:
    with pytest.raises(ValueError):
        RiskArea("Philippines")
