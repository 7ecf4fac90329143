"""Each pattern on a hand-built world small enough to reason about call by call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vigil.core import MetadataConfig, Pseudonymiser
from vigil.geo import AnonymiserIndex, load_country_table, parse_risk_area
from vigil.metadata import GeoContext, ScanResult, connect, scan_calls
from vigil.simulate.ip_pool import sample_ipv4

KEY = Pseudonymiser(b"pattern-key-0123456789abcdef")
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
_rng = np.random.default_rng(3)
_used: set[str] = set()


def ip(cc: str) -> str:
    return sample_ipv4(_rng, cc, 1, _used)[0]


class World:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.ids = count()

    def call(
        self,
        a: str,
        a_ip: str,
        b: str,
        b_ip: str,
        day: int,
        hour: int,
        minutes: int = 15,
        media: str = "video",
    ) -> None:
        self.rows.append(
            {
                "call_id": f"c{next(self.ids)}",
                "started_at": MONDAY + timedelta(days=day, hours=hour),
                "duration_s": minutes * 60,
                "caller": b,
                "callee": a,
                "caller_ip": b_ip,
                "callee_ip": a_ip,
                "media": media,
            }
        )

    def family(self, who: str, who_ip: str, cc: str, n: int = 3) -> None:
        """Ordinary domestic contacts, so nobody is only their suspicious calls."""
        for i in range(n):
            for day in (0, 3):
                self.call(who, who_ip, f"{who}-kin{i}", ip(cc), day, 12, 30, "audio")

    def scan(self, tmp_path: Path, anonymisers: list[Path] | None = None) -> ScanResult:
        path = tmp_path / "calls.parquet"
        pq.write_table(pa.Table.from_pylist(self.rows), path)
        geo = GeoContext(
            countries=load_country_table(None),
            risk_areas=[parse_risk_area("PH")],
            anonymisers=AnonymiserIndex.from_files(anonymisers) if anonymisers else None,
        )
        return scan_calls(
            connect("duckdb"),
            [path],
            geo,
            MetadataConfig(),
            KEY,
            now=datetime(2026, 11, 1, tzinfo=UTC),
        )


def flagged(result: ScanResult) -> dict[str, dict[str, Any]]:
    return {r["account"]: r for r in result.flags.to_pylist()}


def test_one_off_foreign_video_contacts_make_a_source_with_its_figures(tmp_path: Path) -> None:
    w = World()
    src_ip = ip("PH")
    w.family("src", src_ip, "PH")
    for i, cc in enumerate(["US", "GB", "AU", "DE", "US"]):
        buyer = f"buyer{i}"
        w.call("src", src_ip, buyer, ip(cc), day=i, hour=14)
        w.family(buyer, ip(cc), cc)
    flags = flagged(w.scan(tmp_path))
    row = flags[KEY.pseudonym("src")]
    assert row["role"] == "source" and "source" in row["patterns"]
    assert "5 foreign counterparts from 4 wealthier countries" in row["explanation"]
    assert "5 one-off" in row["explanation"]
    assert all(KEY.pseudonym(f"buyer{i}") not in flags for i in range(5))


@pytest.mark.parametrize("weeks", [1, 2])
def test_a_tutor_is_told_apart_by_the_timetable_in_the_history(tmp_path: Path, weeks: int) -> None:
    """One week of one lesson per student looks like one-off contacts; a second week at the
    same hours shows the timetable."""
    w = World()
    tutor_ip = ip("PH")
    w.family("tutor", tutor_ip, "PH")
    for i, cc in enumerate(["JP", "KR", "JP", "KR", "US", "GB"]):
        student, student_ip = f"student{i}", ip(cc)
        for week in range(weeks):
            w.call("tutor", tutor_ip, student, student_ip, 7 * week + i % 5, 10 + i, 25)
        w.family(student, student_ip, cc)
    flags = flagged(w.scan(tmp_path))
    if weeks == 1:
        assert "6 one-off" in flags[KEY.pseudonym("tutor")]["explanation"]
    else:
        assert KEY.pseudonym("tutor") not in flags


def test_den_and_graph_lift_accounts_a_single_contact_would_not(tmp_path: Path) -> None:
    w = World()
    den_ip = ip("PH")
    buyers = [(f"b{i}", cc, ip(cc)) for i, cc in enumerate(["US", "GB", "AU", "SE", "NO", "CA"])]
    for b, cc, b_ip in buyers:
        w.family(b, b_ip, cc)
    # Two streaming accounts behind one household IP, each with several one-off buyers.
    for j, who in enumerate(["d1", "d2"]):
        w.family(who, den_ip, "PH", n=1)
        for b, _, b_ip in [*buyers[j * 3 : j * 3 + 3], buyers[(j + 3) % 6]]:
            w.call(who, den_ip, b, b_ip, day=j + 1, hour=15)
    # A quiet source with one buyer, who also bought from both den accounts.
    quiet_ip = ip("PH")
    w.family("quiet", quiet_ip, "PH")
    w.call("quiet", quiet_ip, buyers[0][0], buyers[0][2], day=5, hour=16)
    w.call("d2", den_ip, buyers[0][0], buyers[0][2], day=6, hour=16)
    flags = flagged(w.scan(tmp_path))
    d1, d2 = flags[KEY.pseudonym("d1")], flags[KEY.pseudonym("d2")]
    assert "den" in d1["patterns"] and "den" in d2["patterns"]
    assert "1 other candidate source" in d1["explanation"]
    buyer = flags[KEY.pseudonym("b0")]
    assert buyer["role"] == "consumer" and "graph" in buyer["patterns"]
    assert "3 candidate sources" in buyer["explanation"]
    quiet = flags.get(KEY.pseudonym("quiet"))
    assert quiet is not None and quiet["patterns"] == ["graph"]


def test_a_diaspora_relative_is_no_consumer_and_no_foreigner(tmp_path: Path) -> None:
    w = World()
    relative, rel_ip = "ofw", ip("SA")
    homes = [(f"home{i}", ip("PH")) for i in range(4)]
    for who, who_ip in homes:
        w.family(who, who_ip, "PH")
        for day in (0, 2, 4):
            w.call(who, who_ip, relative, rel_ip, day=day, hour=20, minutes=60)
    result = w.scan(tmp_path)
    assert result.flags.num_rows == 0


@pytest.mark.parametrize("vpn_only", [True, False])
def test_an_account_seen_only_through_a_vpn_has_no_location(tmp_path: Path, vpn_only: bool) -> None:
    w = World()
    src_ip = ip("PH")
    w.family("src", src_ip, "PH")
    exits = tmp_path / "vpn.txt"
    vpn_ips = [ip("US") for _ in range(5)]
    exits.write_text("\n".join(f"{v}/32" for v in vpn_ips) + "\n")
    for i, cc in enumerate(["US", "GB", "AU", "DE", "SE"]):
        buyer = f"buyer{i}"
        w.call("src", src_ip, buyer, vpn_ips[i], day=i, hour=14)
        if not vpn_only:
            w.family(buyer, ip(cc), cc)  # their own calls from home place them
    result = w.scan(tmp_path, [exits])
    cand = {r["account"]: r for r in result.candidates.to_pylist()}
    if vpn_only:
        assert KEY.pseudonym("src") not in cand
    else:
        assert "5 foreign counterparts" in cand[KEY.pseudonym("src")]["explanation"]
