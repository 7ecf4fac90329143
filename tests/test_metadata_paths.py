"""The scan's fast paths give exactly what the general ones give."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from vigil.core import MetadataConfig, Pseudonymiser
from vigil.geo import AnonymiserIndex, load_country_table, parse_risk_area
from vigil.metadata import GeoContext, ScanResult, connect, features, scan_calls
from vigil.simulate import WorldParams, simulate_world, write_world

KEY = Pseudonymiser(b"paths-key-0123456789abcdef")


def _scan(paths: dict[str, Path]) -> ScanResult:
    geo = GeoContext(
        countries=load_country_table(None),
        risk_areas=[parse_risk_area("PH")],
        anonymisers=AnonymiserIndex.from_files([paths["anonymisers"]]),
    )
    return scan_calls(
        connect("duckdb"),
        [paths["calls"]],
        geo,
        MetadataConfig(),
        KEY,
        now=datetime(2026, 11, 1, tzinfo=UTC),
        with_baseline=True,
    )


@pytest.mark.parametrize("days", [7, 14])
def test_day_masks_count_days_as_the_per_day_aggregation_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, days: int
) -> None:
    world = simulate_world(WorldParams(seed=11, days=days, general_accounts=3000))
    paths = write_world(world, tmp_path)
    masked = _scan(paths)
    # No window short enough for a mask: every pair goes through the per-day aggregation.
    monkeypatch.setattr(features, "MAX_MASK_DAYS", 0)
    daily = _scan(paths)
    assert masked.flags.num_rows > 0
    assert masked.candidates.drop(["key"]).to_pylist() == daily.candidates.drop(["key"]).to_pylist()
    assert masked.naive is not None and daily.naive is not None
    assert sorted(masked.naive.to_pylist(), key=str) == sorted(daily.naive.to_pylist(), key=str)


def test_outputs_carry_pseudonyms_and_never_raw_ids(tmp_path: Path) -> None:
    world = simulate_world(WorldParams(seed=5, general_accounts=3000))
    paths = write_world(world, tmp_path)
    result = _scan(paths)
    raw_ids = set(world.calls["caller"].to_pylist()) | set(world.calls["callee"].to_pylist())
    candidates = result.candidates.to_pylist()
    assert result.flags.num_rows > 0
    for row in candidates:
        # The pseudonym is the HMAC of the raw id the key stands for.
        assert row["raw_account"] in raw_ids
        assert row["account"] == KEY.pseudonym(row["raw_account"])
    for row in result.flags.to_pylist():
        assert row["account"] not in raw_ids
        assert not any(raw in row["explanation"] for raw in raw_ids)
