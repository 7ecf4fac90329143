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
    )


def test_spark_and_duckdb_flag_the_same_accounts(
    tmp_path: Path, java: None, examples: Path
) -> None:
    pytest.importorskip("pyspark", reason="PySpark is not installed (the 'spark' extra)")
    world = simulate_world(WorldParams(seed=5, general_accounts=4000))
    paths = write_world(world, tmp_path)
    inputs = [paths["calls"], examples / "calls.csv"]
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
