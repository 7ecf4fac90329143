"""The independently written checks in tools/: three call worlds (tools/heldout/world.py,
tools/heldout_b/world.py, tools/heldout_c/world.py) and eleven chat partner sets
(tools/heldout_partners/), written by other hands without sight of vigil's detectors or
its own simulators.

All but the third world were looked at to find what vigil missed (lessons booked in clock
slots, a family's shared relatives, call centres, pressing words, grooming steps,
identifier forms), so they are regression checks now, not held-out figures: the README
reports each set's first run and fresh seeds of the world generators measured only. The
floors sit below the figures measured on 2026-11-22/23 so that seed noise does not fail
them, and far above what the same detectors scored before those fixes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.csv as pcsv
import pytest

from vigil.core import MetadataConfig, Pseudonymiser
from vigil.geo import AnonymiserIndex, load_country_table, parse_risk_area
from vigil.metadata import GeoContext, connect, scan_calls

TOOLS = Path(__file__).resolve().parents[1] / "tools"


# (set, confirmed floor %, benign past possible ceiling %, identifier recall floor %). Sets
# A-G meet the targets since their fixes; H-K are held at floors just under the
# figures of 2026-11-23, which do not meet them (I was written to break keyword lists).
PARTNER_FLOORS = [
    ("partners.toml", 95.0, 2.0, 90.0),
    ("partners_b.toml", 95.0, 2.0, 90.0),
    ("partners_c.toml", 95.0, 2.0, 90.0),
    ("partners_d.toml", 95.0, 2.0, 90.0),
    ("partners_e.toml", 95.0, 2.0, 90.0),
    ("partners_f.toml", 95.0, 2.0, 90.0),
    ("partners_g.toml", 95.0, 2.0, 90.0),
    ("partners_h.toml", 85.0, 2.0, 90.0),
    ("partners_i.toml", 77.5, 2.0, 90.0),
    ("partners_j.toml", 82.5, 2.0, 87.5),
    ("partners_k.toml", 82.5, 2.0, 90.0),
    # L to O: after their fixes (their first runs are in the README); L's two benign
    # escalations (a sibling's and an aunt's secrets) are open.
    ("partners_l.toml", 95.0, 3.4, 95.0),
    ("partners_m.toml", 95.0, 2.0, 92.5),
    ("partners_n.toml", 95.0, 2.0, 92.5),
    # O: its first run was 90.0 / 3.3 / 92.5 (README); after its fixes.
    ("partners_o.toml", 97.5, 2.0, 92.5),
    # P: its first run was 90.0 / 3.3 / 95.6 (README); after its fixes (2026-11-23).
    ("partners_p.toml", 97.5, 2.0, 95.0),
    # Q: its first run was 82.5 / 15.0 / 79.9 (README); after its fixes. The one benign
    # escalation left is a brother's secret from mama and "bilhan kita diamonds" (a gift).
    ("partners_q.toml", 97.5, 2.0, 97.5),
    # R: its first run was 90.0 / 15.0 / 91.6 (README); after its fixes. Four benign
    # partners stay escalated: a sibling's and a child's secrets, a grandmother's and an
    # aunt's calls that show things abroad (open).
    ("partners_r.toml", 97.5, 6.7, 91.5),
    # S: its first run was 85.0 / 8.3 / 95.0 (README); after its fixes.
    ("partners_s.toml", 97.5, 3.4, 95.0),
    # T: its first run was 95.0 / 16.7 / 92.2 (README); after secret_from_other and the
    # trust and phrasings of stop 15.
    ("partners_t.toml", 97.5, 10.0, 92.0),
    # U: its first run was 82.5 / 15.0 / 81.5 (README, stop 14); after stop 15's trust and
    # phrasings.
    ("partners_u.toml", 92.5, 5.0, 81.5),
    # V and W (stop 15): first runs 75.0 / 8.3 / 88.2 and 97.5 / 8.3 / 92.0 (README);
    # after their fixes.
    ("partners_v.toml", 97.5, 1.7, 91.5),
    ("partners_w.toml", 100.0, 1.7, 92.0),
    # X and Y (stop 15): first runs on c25a377 85.0 / 3.3 / 94.7 and 95.0 / 5.0 / 88.3
    # (README); after their fixes.
    ("partners_x.toml", 100.0, 0.0, 94.5),
    ("partners_y.toml", 100.0, 2.0, 88.0),
    # Z and AA (stop 15): first runs on 130a44a 92.5 / 8.3 / 94.3 and 95.0 / 3.3 / 94.8
    # (README); after their fixes.
    ("partners_z.toml", 95.0, 2.0, 94.0),
    ("partners_aa.toml", 100.0, 2.0, 94.5),
    # AB and AC (stop 15): first runs on 85fdcf2 85.0 / 8.3 / 92.7 and 90.0 / 10.0 / 98.2
    # (README); after their fixes (benign only; their missed suspects are left as evidence).
    ("partners_ab.toml", 85.0, 5.0, 92.5),
    ("partners_ac.toml", 90.0, 5.0, 98.0),
    # AD and AE (stop 15): measured only, their first runs on the final rules (2c8229a),
    # held there.
    ("partners_ad.toml", 97.5, 1.7, 95.5),
    ("partners_ae.toml", 85.0, 5.0, 92.5),
]


@pytest.mark.parametrize(("partners", "confirmed", "benign", "recall"), PARTNER_FLOORS)
def test_held_out_partners_keep_their_floors(
    tmp_path: Path, partners: str, confirmed: float, benign: float, recall: float
) -> None:
    figures_path = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(TOOLS / "heldout_partners" / "run.py"), "--quiet", "--json",
         str(figures_path), "--partners", str(TOOLS / "heldout_partners" / partners)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    figures = json.loads(figures_path.read_text(encoding="utf-8"))
    print(f"held-out partners: {json.dumps({k: figures[k] for k in list(figures)[:12]})}")
    assert figures["suspects"] >= 30 and figures["benign"] >= 50
    assert figures["suspects_confirmed_pct"] >= confirmed
    assert figures["benign_past_possible_pct"] <= benign
    assert figures["identifier_recall_pct"] >= recall
    assert figures["unsafe_decoy_lines"] == 0 and figures["unsafe"] == []


def _precision_at_k(result_rows: list[dict], truth: dict[str, dict], role: str) -> float:  # type: ignore[type-arg]
    best: dict[str, float] = {}
    for row in result_rows:
        if row["role"] == role:
            best[row["raw_account"]] = max(best.get(row["raw_account"], 0.0), row["score"])
    if role == "source":
        positives = {a for a, t in truth.items() if t["role"] == "source"}
        neutral: set[str] = set()
    else:
        positives = {
            a for a, t in truth.items() if t["role"] == "consumer" and t["sources_met"] >= 2
        }
        neutral = {a for a, t in truth.items() if t["role"] == "consumer" and t["sources_met"] < 2}
    order = [a for a in sorted(best, key=lambda a: (-best[a], a)) if a not in neutral]
    k = len(positives)
    return sum(a in positives for a in order[:k]) / k


# (generator, source P@k floor, consumer P@k floor) on seed 1.
# tools/heldout: measured 0.800 and 0.930 (2026-11-23); 0.400 and 0.579 before booked slots
# were read. tools/heldout_b, by a third hand (call-centre agents phoning foreign customers
# all day and on video with a few; sellers and streamers on video mostly with people at
# home): measured 0.657 and 0.930; 0.000 and 0.000 before the office hours were read over
# all voice calls, phone links capped, relatives' vouching halved and the crowd discount.
# tools/heldout_c, by a fourth hand after every change of stop 12 and never tuned on:
# measured 0.872 and 0.827 (stop 11's rules: 0.718 and 0.692).
WORLD_FLOORS = [("heldout", 0.75, 0.85), ("heldout_b", 0.55, 0.8), ("heldout_c", 0.8, 0.75)]


@pytest.mark.xdist_group("heldout_world")
@pytest.mark.parametrize(("tool", "source_floor", "consumer_floor"), WORLD_FLOORS)
def test_independently_written_call_worlds_are_ranked_far_above_the_naive_rule(
    tmp_path: Path, tool: str, source_floor: float, consumer_floor: float
) -> None:
    out = tmp_path / "world"
    done = subprocess.run(
        [sys.executable, str(TOOLS / tool / "world.py"), "--out", str(out), "--seed", "1"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    geo = GeoContext(
        countries=load_country_table(None),
        risk_areas=[parse_risk_area("PH")],
        anonymisers=AnonymiserIndex.from_files([out / "anonymisers.txt"]),
    )
    result = scan_calls(
        connect("duckdb"), [out / "calls.parquet"], geo, MetadataConfig(), Pseudonymiser.demo()
    )
    truth = {r["account"]: r for r in pcsv.read_csv(out / "truth.csv").to_pylist()}
    rows = result.candidates.to_pylist()
    sources, consumers = (_precision_at_k(rows, truth, role) for role in ("source", "consumer"))
    print(f"{tool} seed 1: source P@k {sources:.3f}, consumer P@k {consumers:.3f}")
    assert sources >= source_floor
    assert consumers >= consumer_floor
