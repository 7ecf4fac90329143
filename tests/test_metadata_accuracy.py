"""Accuracy on simulated worlds with innocent look-alikes, beside the article's naive rule.

The floors here sit a little under what vigil measures on worlds its rules were not tuned
on (seed 29 with more look-alikes, seed 13 over two weeks) and on one that was (seed 11);
the issue's targets and every measured figure are in the README. A source with one or two
foreign contacts in the week whose buyers met no other source, outside any den, leaves
nothing in the metadata: those cap recall near 0.9 (see the README).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from vigil.cli.metadata_cmd import evaluate_result
from vigil.core import MetadataConfig, Pseudonymiser
from vigil.geo import AnonymiserIndex, load_country_table, parse_risk_area
from vigil.metadata import GeoContext, RoleMetrics, connect, scan_calls
from vigil.simulate import WorldParams, simulate_world, write_world

KEY = Pseudonymiser(b"accuracy-key-0123456789abcdef")


def _evaluate(params: WorldParams, tmp_path: Path) -> dict[str, dict[str, RoleMetrics]]:
    world = simulate_world(params)
    paths = write_world(world, tmp_path)
    geo = GeoContext(
        countries=load_country_table(None),
        risk_areas=[parse_risk_area("PH")],
        anonymisers=AnonymiserIndex.from_files([paths["anonymisers"]]),
    )
    result = scan_calls(
        connect("duckdb"),
        [paths["calls"]],
        geo,
        MetadataConfig(),
        KEY,
        now=datetime(2026, 11, 1, tzinfo=UTC),
        with_baseline=True,
    )
    metrics = evaluate_result(result, world.truth, KEY)
    return {d: {m.role: m for m in rows} for d, rows in metrics.items()}


@pytest.mark.parametrize(
    "params",
    [
        WorldParams(seed=11),
        WorldParams(seed=29, tutors=90, daters=120, ofw_families=100, sources=30, consumers=100),
    ],
    ids=["seed11", "seed29-more-lookalikes"],
)
def test_one_week_beats_the_naive_rule(params: WorldParams, tmp_path: Path) -> None:
    m = _evaluate(params, tmp_path)
    ours, naive = m["vigil"], m["naive"]
    assert ours["source"].precision_at_k >= 0.82
    assert ours["source"].recall >= 0.78
    assert ours["source"].precision_at_k >= 2.5 * naive["source"].precision_at_k
    assert ours["source"].flagged_precision >= 0.85
    assert ours["source"].flagged_precision >= 3.5 * naive["source"].flagged_precision
    assert ours["consumer"].precision_at_k >= 0.88
    assert ours["consumer"].recall >= 0.88
    assert ours["consumer"].flagged_precision >= 0.75


def test_two_weeks_of_history_separate_lessons_from_shows(tmp_path: Path) -> None:
    m = _evaluate(WorldParams(seed=13, days=14), tmp_path)
    ours, naive = m["vigil"], m["naive"]
    assert ours["source"].precision_at_k >= 0.8
    assert ours["source"].recall >= 0.8
    assert ours["consumer"].precision_at_k >= 0.9
    assert ours["consumer"].recall >= 0.9
    assert ours["source"].flagged_precision >= 4 * naive["source"].flagged_precision
