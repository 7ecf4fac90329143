"""GeoContext.ip_table, vectorised, against a per-address reference on random input.

The scan joins this table to every call: a wrong country, anonymiser label or risk flag here
moves accounts in or out of the queue, so the fast path must agree with the plain per-IP
definition row for row: valid and invalid IPv4, IPv6, nested anonymiser networks, regions.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mmdb_writer import MMDBWriter
from netaddr import IPSet

from vigil.geo import (
    AnonymiserIndex,
    RegionDB,
    RiskArea,
    country_of,
    dotted_ipv4,
    is_valid_ip,
    load_country_table,
    load_utc_offsets,
    parse_risk_area,
)
from vigil.metadata import GeoContext
from vigil.metadata.enrich import IPINFO_SCHEMA

COUNTRIES = load_country_table(None)
OFFSETS = load_utc_offsets()

# Blocks with known answers: PH (two regions in the test database), GB, US, an RIR "EU"
# block (no country), private space, and IPv6 blocks in PH and the documentation range.
V4_BLOCKS = [
    ipaddress.IPv4Network(n)
    for n in (
        "112.198.0.0/16",
        "81.2.69.0/24",
        "8.8.0.0/16",
        "145.218.0.0/16",
        "10.0.0.0/8",
    )
]
V6_BLOCKS = [ipaddress.IPv6Network(n) for n in ("2001:4450::/32", "2001:db8::/32")]
REGIONS: list[tuple[str, dict[str, Any]]] = [
    ("112.198.0.0/17", {"subdivisions": [{"names": {"en": "Central Visayas"}}]}),
    ("112.198.128.0/17", {"region": "Metro Manila"}),
    ("81.2.69.0/25", {"region": "England"}),
    ("2001:4450::/33", {"region": "central  visayas"}),  # folds to the configured name
]
AREAS = ["PH", "PH:Central Visayas", "GB", "US:Texas", "DE"]


@pytest.fixture(scope="module")
def region_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("mmdb") / "regions.mmdb"
    writer = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type="Test-City")
    for network, record in REGIONS:
        writer.insert_network(IPSet([network]), record)
    writer.to_db_file(str(path))
    with RegionDB.open(path) as db:
        yield db


# --- input strategies --------------------------------------------------------------------

_in_v4_block = st.sampled_from(V4_BLOCKS).flatmap(lambda n: st.ip_addresses(network=n))
_in_v6_block = st.sampled_from(V6_BLOCKS).flatmap(lambda n: st.ip_addresses(network=n))
_v4 = st.one_of(_in_v4_block, _in_v4_block, st.ip_addresses(v=4)).map(str)
_v6 = st.one_of(_in_v6_block, st.ip_addresses(v=6)).flatmap(
    lambda a: st.sampled_from([str(a), a.exploded, str(a).upper(), f"{a}%eth0"])
)
_mapped = _v4.flatmap(
    lambda s: st.sampled_from([f"::ffff:{s}", f"::FFFF:{s}", f"0:0:0:0:0:ffff:{s}"])
)
_bad_octet = st.sampled_from(
    ["", "00", "01", "007", "256", "999", "1000", "-1", "+1", " 1", "0x1", "١", "１", "a"]
)


@st.composite
def _near_v4(draw: st.DrawFn) -> str:
    """A dotted quad with one octet spoilt, or one too few or too many."""
    octets = draw(_v4).split(".")
    how = draw(st.sampled_from(["spoil", "drop", "add"]))
    if how == "spoil":
        octets[draw(st.integers(0, 3))] = draw(_bad_octet)
    elif how == "drop":
        octets.pop()
    else:
        octets.append(draw(st.integers(0, 255).map(str)))
    return ".".join(octets)


_padded_v4 = _v4.flatmap(
    lambda s: st.sampled_from([f" {s}", f"{s} ", f"{s}\n", f"{s}/32", s + "\0"])
)
IP_TEXT = st.one_of(
    _v4,
    _v4,
    _v6,
    _mapped,
    _near_v4(),
    _padded_v4,
    st.text(max_size=12),
)
IP_ITEM = st.one_of(IP_TEXT, IP_TEXT, st.none())


def _network_text(net: ipaddress.IPv4Network | ipaddress.IPv6Network, mapped: bool) -> str:
    if mapped and net.version == 4:
        return f"::ffff:{net.network_address}/{96 + net.prefixlen}"
    return str(net)


def _as_text(addr: int, version: int, mapped: bool) -> str:
    if version == 4:
        v4 = str(ipaddress.IPv4Address(addr % 2**32))
        return f"::ffff:{v4}" if mapped else v4
    return str(ipaddress.IPv6Address(addr % 2**128))


@st.composite
def _case(draw: st.DrawFn) -> tuple[list[tuple[str, str]], list[str | None]]:
    """Anonymiser networks inside the blocks the addresses come from, so that they nest,
    and addresses: random ones, ones inside the networks and the networks' edges (where
    off-by-one errors live), with repeats."""
    nets: list[tuple[str, str]] = []
    probes: list[str | None] = []
    blocks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = [*V4_BLOCKS, *V6_BLOCKS]
    for _ in range(draw(st.integers(0, 8))):
        block = draw(st.sampled_from([*blocks, V4_BLOCKS[0]]))
        addr = draw(st.ip_addresses(network=block))
        prefix = draw(st.integers(block.prefixlen, block.max_prefixlen))
        net = ipaddress.ip_network((addr, prefix), strict=False)
        label = draw(st.sampled_from(["tor", "vpn", "hosting"]))
        nets.append((label, _network_text(net, draw(st.booleans()))))
        probes.append(str(draw(st.ip_addresses(network=net))))
        first, last = int(net.network_address), int(net.broadcast_address)
        for edge in (first - 1, first, last, last + 1):
            probes.append(_as_text(edge, net.version, draw(st.booleans())))
    items = draw(st.lists(st.one_of(IP_ITEM, st.sampled_from(probes or [None])), max_size=40))
    if items:
        items += draw(st.lists(st.sampled_from(items), max_size=20))  # repeats
    return nets, draw(st.permutations(items))


# --- the per-address reference -------------------------------------------------------------


def _naive_label(nets: list[tuple[str, str]], ip: str) -> str | None:
    """Most specific listed network holding `ip`, the first listed among equals."""

    def v4_view(net: Any) -> Any:
        mapped = net.network_address.ipv4_mapped if net.version == 6 else None
        return net if mapped is None else ipaddress.ip_network(f"{mapped}/{net.prefixlen - 96}")

    addr: Any = ipaddress.ip_address(ip)
    if addr.version == 6 and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    hits = []
    for order, (label, text) in enumerate(nets):
        net = v4_view(ipaddress.ip_network(text, strict=False))
        if net.version == addr.version and int(net[0]) <= int(addr) <= int(net[-1]):
            hits.append((-net.prefixlen, order, label))
    return min(hits)[2] if hits else None


def _reference(
    ips: list[Any], areas: list[RiskArea], regions: RegionDB | None, nets: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    if regions is None:  # region entries fall back to their country
        areas = [RiskArea(a.country) for a in areas]
    rows = []
    for key, ip in enumerate(x for x in dict.fromkeys(ips) if x is not None):
        ok = is_valid_ip(ip)
        cc = country_of(ip) if ok else None
        region = regions.region_of(ip) if ok and regions is not None else None
        anon = _naive_label(nets, ip) if ok and nets else None
        minutes = OFFSETS.get(cc) if cc else None
        rows.append(
            {
                "ip": ip.decode() if isinstance(ip, bytes) else ip,
                "ip_key": key,
                "ip_ok": ok,
                "cc": cc,
                "region": region,
                "anon": anon,
                "risk": anon is None and any(a.matches(cc, region) for a in areas),
                "rank": COUNTRIES.rank(cc) if cc else None,
                "utc_off": None if minutes is None else round(minutes / 60),
            }
        )
    return rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=_case(),
    areas=st.lists(st.sampled_from(AREAS), min_size=1, max_size=3),
    use_regions=st.booleans(),
    form=st.sampled_from(["list", "array", "chunked", "distinct"]),
    bytes_at=st.integers(0, 20),
)
@example(  # a region entry with a region database; nested networks; the edge of one
    case=(
        [("vpn", "112.198.0.0/24"), ("tor", "112.198.0.7"), ("dc", "::ffff:81.2.69.0/120")],
        [
            *("112.198.10.4", "112.198.200.7", "112.198.0.7", "112.198.0.255"),
            *("::ffff:81.2.69.9", "2001:4450::1", "145.218.1.91", "01.2.3.4", None),
            *("81.2.69.142", "112.198.10.4"),
        ],
    ),
    areas=["PH:Central Visayas", "GB"],
    use_regions=True,
    form="array",
    bytes_at=0,
)
def test_ip_table_matches_the_per_address_reference(
    region_db: RegionDB,
    case: tuple[list[tuple[str, str]], list[str | None]],
    areas: list[str],
    use_regions: bool,
    form: str,
    bytes_at: int,
) -> None:
    nets, ips = case
    risk_areas = [parse_risk_area(a) for a in areas]
    regions = region_db if use_regions else None
    geo = GeoContext(
        countries=COUNTRIES,
        risk_areas=risk_areas,
        regions=regions,
        anonymisers=AnonymiserIndex(nets) if nets else None,
    )
    given_ips: Any = ips
    if form == "list" and bytes_at < len(ips) and isinstance(ips[bytes_at], str):
        # Typed input says str, but a bytes item must still come out invalid, as before.
        given_ips = [*ips, ips[bytes_at].encode()]  # type: ignore[union-attr]
    elif form == "array":
        given_ips = pa.array(ips, pa.string())
    elif form == "chunked":
        half = len(ips) // 2
        given_ips = pa.chunked_array([ips[:half], ips[half:]], pa.string())
    elif form == "distinct":
        given_ips = pa.array(list(dict.fromkeys(ips)), pa.string())
    table = geo.ip_table(given_ips, first_key=0, distinct=form == "distinct")
    assert table.schema == IPINFO_SCHEMA
    want = _reference(list(given_ips) if form == "list" else ips, risk_areas, regions, nets)
    assert table.to_pylist() == want


def test_ip_table_keys_start_where_asked_and_empty_input_keeps_the_schema() -> None:
    geo = GeoContext(countries=COUNTRIES, risk_areas=[parse_risk_area("PH")])
    table = geo.ip_table(["112.198.10.4", "bad", "112.198.10.4", None], first_key=5)
    assert table.column("ip_key").to_pylist() == [5, 6]
    assert table.column("ip_ok").to_pylist() == [True, False]
    for empty in ([], pa.array([], pa.string()), [None]):
        assert geo.ip_table(empty).schema == IPINFO_SCHEMA
        assert geo.ip_table(empty).num_rows == 0


@given(st.lists(st.one_of(_v4, _near_v4(), _padded_v4, st.none())))
def test_dotted_ipv4_takes_only_valid_dotted_quads_and_reads_them_right(
    ips: list[str | None],
) -> None:
    mask, values = dotted_ipv4(pa.array(ips, pa.string()))
    for ip, fast in zip(ips, mask.tolist(), strict=True):
        # Anything left unmasked goes the per-address way, so only false positives break.
        assert not fast or is_valid_ip(ip)
        if ip is not None and is_valid_ip(ip) and "." in ip and ":" not in ip:
            assert fast, ip  # every plain dotted quad takes the fast path
    expected = [int(ipaddress.IPv4Address(ip)) for ip, m in zip(ips, mask, strict=True) if m]
    assert values.dtype == np.int64 and values.tolist() == expected


def test_anonymiser_labels_of_ipv4_agree_with_the_string_lookup() -> None:
    idx = AnonymiserIndex(
        [("a", "10.0.0.0/8"), ("b", "10.1.0.0/16"), ("c", "10.1.2.3"), ("d", "::ffff:9.0.0.0/104")]
    )
    probes = ["0.0.0.0", "9.255.255.255", "10.0.0.0", "10.1.0.0", "10.1.2.3", "10.1.2.4"]
    probes += ["10.1.255.255", "10.2.0.0", "10.255.255.255", "11.0.0.0", "255.255.255.255"]
    values = np.array([int(ipaddress.IPv4Address(p)) for p in probes], np.int64)
    assert idx.labels_of_ipv4(values).to_pylist() == idx.labels_of(probes)
    assert idx.labels_of_ipv4(values).to_pylist()[1:5] == ["d", "a", "b", "c"]
    assert AnonymiserIndex().labels_of_ipv4(values).null_count == len(probes)
