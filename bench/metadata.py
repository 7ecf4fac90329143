"""Benchmark: a weekly metadata scan of N simulated call records on DuckDB.

Prints records/s, peak RSS, and the ratio to a bare DuckDB count(distinct) group-by over
the same file, measured in the same run (the machines are shared and noisy, so only the
ratio is comparable across runs), in wall seconds and in CPU seconds (steadier when other
work shares the cores). Each step runs in its own process so its peak RSS is its
own. It also times the floor: the three bare passes over the calls any scan for the issue's
patterns needs (distinct IPs, account IPs, pairs), against the same baseline.

    python bench/metadata.py [--rows 100000000] [--out bench/out]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from vigil.core import MetadataConfig, Pseudonymiser
from vigil.geo import AnonymiserIndex, load_country_table, parse_risk_area
from vigil.metadata import GeoContext, connect, scan_calls
from vigil.simulate import WorldParams, simulate_world, write_world

MEMORY_LIMIT = "5GB"


def build_calls(rows: int, out: Path) -> Path:
    """Tile one simulated week until it holds `rows` calls: each tile gets its own accounts
    and shifts the third octet of IPv4 addresses, so distinct accounts and IPs grow too."""
    target = out / f"calls-{rows}.parquet"
    if target.exists():
        return target
    world_dir = out / "world"
    paths = write_world(simulate_world(WorldParams(seed=101)), world_dir)
    con = duckdb.connect()
    con.execute("SET threads = 2")
    # Streaming COPY: no LIMIT and no insertion order, or DuckDB buffers the whole output.
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    base = con.execute(f"SELECT count(*) FROM read_parquet('{paths['calls']}')").fetchone()
    assert base is not None
    # Whole tiles only (so each tile is a full world); the total rounds up to them.
    tiles = -(-rows // int(base[0]))
    shift = (
        "CASE WHEN {c} LIKE '%.%.%.%' THEN split_part({c}, '.', 1) || '.' || "
        "split_part({c}, '.', 2) || '.' || ((split_part({c}, '.', 3)::INT + t.i) % 256)::VARCHAR "
        "|| '.' || split_part({c}, '.', 4) ELSE {c} END"
    )
    con.execute(
        f"""
        COPY (
          SELECT call_id || '-' || t.i AS call_id, started_at, duration_s,
                 caller || '-' || t.i AS caller, callee || '-' || t.i AS callee,
                 {shift.format(c="caller_ip")} AS caller_ip,
                 {shift.format(c="callee_ip")} AS callee_ip, media
          FROM read_parquet('{paths["calls"]}') w, range({tiles}) t(i)
          LIMIT {rows}
        ) TO '{target}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)
        """
    )
    return target


def run_baseline(calls: Path) -> dict[str, float]:
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    start = time.perf_counter()
    n = con.execute(
        f"SELECT count(*) FROM (SELECT caller, count(DISTINCT callee) "
        f"FROM read_parquet('{calls}') GROUP BY caller)"
    ).fetchone()
    return {"seconds": time.perf_counter() - start, "groups": float(n[0] if n else 0)}


# The passes over the calls that any scan for the patterns needs at the least, as bare
# SQL on the raw file: the distinct IPs (to geolocate them), each account's IPs (homes, dens)
# and the pair aggregation (who calls whom, how often, on video, on which days). No
# validation, keying, geolocation, features or scoring: their sum is a floor under any scan,
# reported as a ratio to the same baseline, to show what ratio the method allows.
FLOOR_QUERIES = {
    "distinct_ips": "SELECT count(*) FROM (SELECT caller_ip FROM read_parquet('{f}') "
    "UNION SELECT callee_ip FROM read_parquet('{f}'))",
    "account_ips": "SELECT count(*) FROM (SELECT DISTINCT a, ip FROM (SELECT caller a, "
    "caller_ip ip FROM read_parquet('{f}') UNION ALL SELECT callee, callee_ip "
    "FROM read_parquet('{f}')))",
    "pairs": "SELECT count(*) FROM (SELECT least(caller, callee) lo, greatest(caller, callee) "
    "hi, count(*) n, sum((media = 'video')::INT) nv, sum(duration_s) s, "
    "bit_or(1::BIGINT << (epoch(started_at) // 86400 % 7)::INT) dmask "
    "FROM read_parquet('{f}') GROUP BY 1, 2)",
}


def run_floor(calls: Path) -> dict[str, float]:
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    figures: dict[str, float] = {}
    for name, sql in FLOOR_QUERIES.items():
        start = time.perf_counter()
        con.execute(sql.format(f=calls)).fetchall()
        figures[name] = time.perf_counter() - start
    figures["seconds"] = sum(figures.values())
    return figures


def run_scan(calls: Path, anonymisers: Path) -> dict[str, float]:
    geo = GeoContext(
        countries=load_country_table(None),
        risk_areas=[parse_risk_area("PH")],
        anonymisers=AnonymiserIndex.from_files([anonymisers]),
    )
    con = connect("duckdb", memory_limit=MEMORY_LIMIT)
    start = time.perf_counter()
    result = scan_calls(con, [calls], geo, MetadataConfig(), Pseudonymiser.demo())
    return {
        "seconds": time.perf_counter() - start,
        "rows": float(result.rows_read),
        "flags": float(result.flags.num_rows),
    }


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def child(step: str, calls: Path, anonymisers: Path) -> dict[str, float]:
    """Run one step in a fresh process and add its peak RSS and CPU time (all threads)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_maxrss
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--step",
            step,
            "--calls",
            str(calls),
            "--anon",
            str(anonymisers),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures["peak_rss_gb"] = max(after.ru_maxrss, before) / 1024 / 1024
    # CPU seconds are steadier than wall seconds while other work shares the cores.
    figures["cpu_seconds"] = _cpu(after) - _cpu(usage)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--step", choices=["baseline", "scan", "floor"])
    parser.add_argument("--calls", type=Path)
    parser.add_argument("--anon", type=Path)
    args = parser.parse_args()
    if args.step == "baseline":
        print(json.dumps(run_baseline(args.calls)))
        return
    if args.step == "floor":
        print(json.dumps(run_floor(args.calls)))
        return
    if args.step == "scan":
        print(json.dumps(run_scan(args.calls, args.anon)))
        return

    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    calls = build_calls(args.rows, args.out)
    anonymisers = args.out / "world" / "anonymisers.txt"
    size_gb = calls.stat().st_size / 1e9
    print(f"data: {calls} ({size_gb:.1f} GB, built in {time.perf_counter() - t0:.0f} s)")
    # The scan runs first: RUSAGE_CHILDREN keeps the largest child, and the scan's is larger.
    scan = child("scan", calls, anonymisers)
    base = child("baseline", calls, anonymisers)
    floor = child("floor", calls, anonymisers)
    rate = scan["rows"] / scan["seconds"]
    ratio = scan["seconds"] / base["seconds"]
    report = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores",
        "rows": int(scan["rows"]),
        "scan_seconds": round(scan["seconds"], 1),
        "records_per_second": round(rate),
        "scan_peak_rss_gb": round(scan["peak_rss_gb"], 2),
        "baseline_seconds": round(base["seconds"], 1),
        "ratio_to_count_distinct": round(ratio, 2),
        "scan_cpu_seconds": round(scan["cpu_seconds"], 1),
        "baseline_cpu_seconds": round(base["cpu_seconds"], 1),
        "cpu_ratio_to_count_distinct": round(scan["cpu_seconds"] / base["cpu_seconds"], 2),
        "floor_seconds": round(floor["seconds"], 1),
        "floor_ratio_to_count_distinct": round(floor["seconds"] / base["seconds"], 2),
        "floor_passes_seconds": {k: round(floor[k], 1) for k in FLOOR_QUERIES},
        "flags": int(scan["flags"]),
    }
    print(json.dumps(report, indent=2))
    targets = rate >= 1e6, ratio <= 3, scan["peak_rss_gb"] <= 8
    print(
        "targets (>= 1M rec/s, ratio <= 3, peak <= 8 GB):",
        ["met" if t else "MISSED" for t in targets],
    )


if __name__ == "__main__":
    main()
