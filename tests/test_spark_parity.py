"""One code path, two engines: Spark must produce exactly the flags DuckDB produces."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from vigil.core import MetadataConfig, Pseudonymiser
from vigil.geo import AnonymiserIndex, load_country_table, parse_risk_area
from vigil.metadata import GeoContext, ScanResult, connect, scan_calls
from vigil.simulate import WorldParams, simulate_world, write_world

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]


def _scan(engine: str, paths: list[Path], anonymisers: Path) -> ScanResult:
    geo = GeoContext(
        countries=load_country_table(None),
        risk_areas=[parse_risk_area("PH")],
        anonymisers=AnonymiserIndex.from_files([anonymisers]),
    )
    return scan_calls(
        connect(engine, spark_master="local[2]"),  # type: ignore[arg-type]
        paths,
        geo,
        MetadataConfig(),
        Pseudonymiser(b"parity-key-0123456789abcdef"),
        now=datetime(2026, 11, 1, tzinfo=UTC),
        with_baseline=True,
        with_contact_days=True,
    )


# Three good rows and two bad ones (negative duration and a bad IP; a missing caller), so
# both engines must also agree on rejects. Written here so the test never depends on
# ../shared being beside the checkout.
EXTRA_ROWS = """call_id,started_at,duration_s,caller,callee,caller_ip,callee_ip,media
x1,2026-03-02T10:15:03Z,1260,ana.q,ben.w,112.198.10.4,81.2.69.142,video
x2,2026-03-02T10:40:51Z,95,ben.w,cruz.t,81.2.69.142,8.8.4.4,audio
x3,2026-03-02T11:02:00Z,0,dale.v,ana.q,2001:db8::1,112.198.10.4,chat
x4,2026-03-02T11:05:12Z,-5,eve.z,ben.w,not-an-ip,81.2.69.142,video
x5,2026-03-02T11:09:40Z,600,,ben.w,112.198.10.9,81.2.69.142,video
"""


def test_spark_and_duckdb_flag_the_same_accounts(tmp_path: Path, java: None) -> None:
    pytest.importorskip("pyspark", reason="PySpark is not installed (the 'spark' extra)")
    world = simulate_world(WorldParams(seed=5, general_accounts=4000))
    paths = write_world(world, tmp_path)
    extra = tmp_path / "extra.csv"
    extra.write_text(EXTRA_ROWS)
    inputs = [paths["calls"], extra]
    duck = _scan("duckdb", inputs, paths["anonymisers"])
    spark = _scan("spark", inputs, paths["anonymisers"])

    assert duck.rows_read == spark.rows_read == world.calls.num_rows + 5
    assert duck.rows_rejected == spark.rows_rejected == 2
    assert sorted(duck.rejects["reason"].to_pylist()) == sorted(spark.rejects["reason"].to_pylist())
    assert duck.flags.num_rows > 0
    d, s = duck.candidates.to_pylist(), spark.candidates.to_pylist()
    assert [(r["account"], r["role"], r["rank"], r["patterns"]) for r in d] == [
        (r["account"], r["role"], r["rank"], r["patterns"]) for r in s
    ]
    assert all(abs(a["score"] - b["score"]) < 1e-9 for a, b in zip(d, s, strict=True))
    assert [r["explanation"] for r in d] == [r["explanation"] for r in s]
    assert duck.naive is not None and spark.naive is not None
    assert sorted(duck.naive.to_pylist(), key=str) == sorted(spark.naive.to_pylist(), key=str)
    # The contacts sidecar too, row for row (both are sorted the same way).
    d_side, s_side = duck.contact_sidecar(), spark.contact_sidecar()
    assert d_side is not None and s_side is not None and d_side.num_rows > 0
    assert d_side.equals(s_side)
