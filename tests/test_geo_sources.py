"""vigil.geo: user-supplied sources, region databases (.mmdb) and anonymiser lists."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mmdb_writer import MMDBWriter
from netaddr import IPSet

from vigil.core.errors import ReferenceDataError
from vigil.geo import AnonymiserIndex, RegionDB

# --- region databases --------------------------------------------------------------------

CITY_RECORDS: list[tuple[list[str], dict[str, Any]]] = [
    (
        ["112.198.0.0/16"],
        {
            "country": {"iso_code": "PH", "names": {"en": "Philippines"}},
            "subdivisions": [
                {"iso_code": "07", "names": {"en": "Central Visayas", "de": "Zentral-Visayas"}},
                {"iso_code": "CEB", "names": {"en": "Cebu"}},
            ],
        },
    ),
    (["49.144.0.0/16"], {"country": {"iso_code": "PH"}, "subdivisions": [{"iso_code": "11"}]}),
    (["81.2.69.0/24"], {"country": {"iso_code": "GB"}}),  # no subdivision
    (["2001:4450::/32"], {"subdivisions": [{"names": {"en": "Metro Manila"}}]}),
]


def _mmdb(path: Path, records: list[tuple[list[str], dict[str, Any]]], version: int = 6) -> Path:
    writer = MMDBWriter(ip_version=version, ipv4_compatible=version == 6, database_type="Test-City")
    for networks, record in records:
        writer.insert_network(IPSet(networks), record)
    writer.to_db_file(str(path))
    return path


def test_region_db_city_layout(tmp_path: Path) -> None:
    path = _mmdb(tmp_path / "city.mmdb", CITY_RECORDS)
    with RegionDB.open(path) as db:
        assert db.database_type == "Test-City"
        got = db.regions_of(
            ["112.198.10.4", "49.144.1.1", "81.2.69.142", "2001:4450::1", "8.8.8.8", "bad", ""]
        )
    assert got == ["Central Visayas", "11", None, "Metro Manila", None, None, None]


def test_region_db_language(tmp_path: Path) -> None:
    path = _mmdb(tmp_path / "city.mmdb", CITY_RECORDS)
    with RegionDB.open(path, language="de") as db:
        assert db.regions_of(["112.198.10.4", "2001:4450::1"]) == [
            "Zentral-Visayas",
            "Metro Manila",
        ]


def test_region_db_flat_layout_ipv4_only(tmp_path: Path) -> None:
    records: list[tuple[list[str], dict[str, Any]]] = [
        (["112.198.0.0/16"], {"region": "Central Visayas"}),
        (["1.0.0.0/24"], {"x": 1}),
    ]
    path = _mmdb(tmp_path / "flat.mmdb", records, version=4)
    db = RegionDB.open(str(path))
    try:
        # An IPv6 question to an IPv4-only database has no answer rather than an error.
        assert db.regions_of(["112.198.255.255", "1.0.0.1", "2001:4450::1"]) == [
            "Central Visayas",
            None,
            None,
        ]
    finally:
        db.close()


def test_region_db_missing(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"does not exist\.$"):
        RegionDB.open(tmp_path / "none.mmdb")
    with pytest.raises(ReferenceDataError, match="is not a file"):
        RegionDB.open(tmp_path)


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_region_db_corrupt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.mmdb"
    path.write_bytes(content)
    with pytest.raises(ReferenceDataError, match=r"broken\.mmdb is not a valid MaxMind") as err:
        RegionDB.open(path)
    assert "\n" not in str(err.value)


# --- anonymiser lists --------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_anonymiser_lists(tmp_path: Path) -> None:
    tor = _write(
        tmp_path / "tor-exits.txt",
        "# Tor exits\n185.220.101.1\n\n2a0b:f4c2::/40  # a v6 block\n203.0.113.7\n",
    )
    vpn = _write(
        tmp_path / "hosting.csv",
        "label,cidr\nvpn-acme,198.51.100.0/24\n10.0.0.0/8,datacenter\n192.0.2.0/24\n",
    )
    idx = AnonymiserIndex.from_files([tor, vpn])
    assert len(idx) == 6
    assert idx.labels == {"tor-exits", "vpn-acme", "datacenter", "hosting"}
    got = idx.labels_of(
        ["185.220.101.1", "185.220.101.2", "2a0b:f4c2:1::9", "198.51.100.77", "10.200.0.1",
         "192.0.2.1", "8.8.8.8", "::ffff:185.220.101.1", "not-an-ip", ""]
    )  # fmt: skip
    assert got == ["tor-exits", None, "tor-exits", "vpn-acme", "datacenter", "hosting",
                   None, "tor-exits", None, None]  # fmt: skip


def test_anonymiser_labels_given_for_files(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.txt", "203.0.113.0/24\n")
    idx = AnonymiserIndex.from_files([("tor", path), ("vpn", str(path))])
    # The same network in two lists: the first list named wins.
    assert idx.labels_of(["203.0.113.5"]) == ["tor"]


@pytest.mark.parametrize(
    ("network", "inside", "outside"),
    [
        ("203.0.113.0/24", ["203.0.113.0", "203.0.113.255"], ["203.0.112.255", "203.0.114.0"]),
        ("198.51.100.7/32", ["198.51.100.7"], ["198.51.100.6", "198.51.100.8"]),
        ("0.0.0.0/1", ["0.0.0.0", "127.255.255.255"], ["128.0.0.0", "255.255.255.255"]),
        (
            "2001:db8:1::/48",
            ["2001:db8:1::", "2001:db8:1:ffff:ffff:ffff:ffff:ffff"],
            ["2001:db8:0:ffff:ffff:ffff:ffff:ffff", "2001:db8:2::", "32.1.13.184"],
        ),
        ("::/0", ["::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"], ["1.2.3.4"]),
    ],
)
def test_anonymiser_boundaries(network: str, inside: list[str], outside: list[str]) -> None:
    idx = AnonymiserIndex([("x", network)])
    assert idx.labels_of(inside) == ["x"] * len(inside)
    assert idx.labels_of(outside) == [None] * len(outside)


def test_anonymiser_most_specific_wins() -> None:
    idx = AnonymiserIndex([("dc", "10.0.0.0/8"), ("tor", "10.1.2.0/24"), ("vpn", "10.1.2.128/25")])
    got = idx.labels_of(["10.0.0.0", "10.1.1.255", "10.1.2.0", "10.1.2.127", "10.1.2.128",
                         "10.1.2.255", "10.1.3.0", "10.255.255.255", "11.0.0.0"])  # fmt: skip
    assert got == ["dc", "dc", "tor", "tor", "vpn", "vpn", "dc", "dc", None]


def test_anonymiser_host_bits_and_mapped_networks() -> None:
    idx = AnonymiserIndex([("a", "192.0.2.9/24"), ("b", "::ffff:198.51.100.0/120")])
    assert idx.labels_of(["192.0.2.200", "198.51.100.1", "::ffff:198.51.100.1"]) == ["a", "b", "b"]


@pytest.mark.parametrize(
    "line", ["10.0.0.300", "example.com", "10.0.0.0/33", "a,b", "1.2.3.4,5.6.7.8", "1.2.3.4 tor"]
)
def test_anonymiser_bad_line(tmp_path: Path, line: str) -> None:
    path = _write(tmp_path / "vpn.txt", f"# header\n1.2.3.4\n{line}\n")
    with pytest.raises(ReferenceDataError, match=r"vpn\.txt, line 3: ") as err:
        AnonymiserIndex.from_files([path])
    assert "\n" not in str(err.value)


def test_anonymiser_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="does not exist"):
        AnonymiserIndex.from_files([tmp_path / "gone.txt"])


def test_anonymiser_empty_index() -> None:
    assert AnonymiserIndex().labels_of(["1.2.3.4", "::1"]) == [None, None]
    with pytest.raises(TypeError):
        AnonymiserIndex().labels_of("1.2.3.4")


_v4_nets = st.builds(
    lambda a, p: ipaddress.ip_network((a, p), strict=False),
    st.integers(0, 2**32 - 1),
    st.integers(0, 32),
)
_v6_nets = st.builds(
    lambda a, p: ipaddress.ip_network((a, p), strict=False),
    st.integers(0, 2**128 - 1),
    st.integers(0, 128),
)


@settings(max_examples=200, deadline=None)
@given(
    nets=st.lists(st.tuples(st.sampled_from("abc"), st.one_of(_v4_nets, _v6_nets)), max_size=30),
    probes=st.lists(st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)), max_size=30),
)
def test_anonymiser_matches_naive_scan(
    nets: list[tuple[str, ipaddress.IPv4Network | ipaddress.IPv6Network]],
    probes: list[ipaddress.IPv4Address | ipaddress.IPv6Address],
) -> None:
    # Probe also each network's edges, where off-by-one errors live.
    probes = [
        *probes,
        *(n.network_address for _, n in nets),
        *(n.broadcast_address for _, n in nets),
    ]
    idx = AnonymiserIndex((label, str(net)) for label, net in nets)

    def as_v4(net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> Any:
        mapped = net.network_address.ipv4_mapped if net.version == 6 else None
        if mapped is None or net.prefixlen < 96:
            return net
        return ipaddress.ip_network(f"{mapped}/{net.prefixlen - 96}")

    def naive(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        if ip.version == 6 and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        hits = [(i, label, as_v4(n)) for i, (label, n) in enumerate(nets) if ip in as_v4(n)]
        if not hits:
            return None
        # Most specific network; among identical ones, the first listed.
        return min(hits, key=lambda h: (-h[2].prefixlen, h[0]))[1]

    assert idx.labels_of([str(p) for p in probes]) == [naive(p) for p in probes]
