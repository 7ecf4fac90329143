"""Benchmark: the content lexicon stage over N simulated chat messages on 2 worker processes.

Prints messages/s, MB/s and peak RSS of the lexicon stage (Parquet batches -> fold ->
joined buffer -> Hyperscan -> attribution of hits to messages -> merged evidence counts),
and the ratio to raw Hyperscan (``HyperscanMatcher.scan_buffer``, same database) over the
same bytes already in memory, measured in the same run: the machines are shared and noisy,
so only the ratio is comparable across runs. Each step runs in its own process (so its peak
RSS is its own) and fans out to ``--workers`` processes over row groups; the clock starts
once every worker has finished its setup (matcher load; for the baseline, the buffers).

The semantic stage (``bench/content_semantic.py``) runs last when the `semantic` extra is
installed.

    python bench/content.py [--rows 10000000] [--workers 2] [--out bench/out] [--no-semantic]
    python bench/content.py --profile   # cProfile of batch_hits over a few row groups
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import itertools
import json
import multiprocessing as mp
import os
import platform
import pstats
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vigil.content.lexicon import load_lexicon
from vigil.content.matcher import HyperscanMatcher, joined_buffer
from vigil.content.obfuscation import fold_array
from vigil.content.scan import batch_hits
from vigil.content.scoring import MessageEvidence
from vigil.simulate import ConversationParams, simulate_conversations

COLUMNS = ["conversation_id", "sender", "message_id", "text"]
ROW_GROUP = 256 * 1024
STEPS = ("lexicon", "baseline")
Evidence = Callable[
    [pa.RecordBatch, HyperscanMatcher], tuple[list[MessageEvidence] | pa.Table, pa.Table]
]


# --------------------------------------------------------------------------- data


def build_messages(rows: int, out: Path, seed: int, conversations: int, row_group: int) -> Path:
    """Tile one simulated corpus until it holds `rows` messages. Each tile prefixes the
    conversation and message ids and suffixes the senders, so conversations and accounts stay
    distinct; row groups hold `row_group` rows. Reused when the same parameters built it."""
    target = out / f"messages-{rows}-s{seed}-c{conversations}-rg{row_group}.parquet"
    if target.exists():
        return target
    base = simulate_conversations(ConversationParams(seed=seed, conversations=conversations))
    corpus = base.messages.select(
        ["conversation_id", "sender", "message_id", "sent_at", "text", "lang"]
    ).combine_chunks()
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    pending: list[pa.Table] = []
    held = written = 0
    with pq.ParquetWriter(partial, corpus.schema) as writer:
        for tile in itertools.count():
            if written + held >= rows:
                break
            prefix, suffix = pa.scalar(f"t{tile:05d}-"), pa.scalar(f"-t{tile}")
            piece = corpus.set_column(
                0, "conversation_id", pc.binary_join_element_wise(prefix, corpus[0], "")
            )
            piece = piece.set_column(1, "sender", pc.binary_join_element_wise(piece[1], suffix, ""))
            piece = piece.set_column(
                2, "message_id", pc.binary_join_element_wise(prefix, piece[2], "")
            )
            piece = piece.slice(0, rows - written - held)
            pending.append(piece)
            held += piece.num_rows
            # Whole row groups only, except the last one.
            while held >= row_group or (held and written + held >= rows):
                table = pa.concat_tables(pending).combine_chunks()
                size = min(row_group, table.num_rows)
                writer.write_table(table.slice(0, size), row_group_size=size)
                written += size
                rest = table.slice(size)
                pending, held = ([rest] if rest.num_rows else []), rest.num_rows
    partial.replace(target)
    return target


# --------------------------------------------------------------------------- optimised helper


# --------------------------------------------------------------------------- workers


def _batches(path: Path, groups: Sequence[int], row_group: int) -> Iterator[pa.RecordBatch]:
    if not groups:
        return iter(())
    return pq.ParquetFile(path).iter_batches(
        batch_size=row_group, row_groups=list(groups), columns=COLUMNS, use_threads=False
    )


def _lexicon_work(
    path: Path, groups: Sequence[int], row_group: int, matcher: HyperscanMatcher, fn: Evidence
) -> dict[str, Any]:
    """Read, match and merge evidence counts: what a content-scan worker does per batch."""
    term_hits = np.zeros(len(matcher.lexicon.terms), np.int64)
    messages = hit_messages = participant_rows = 0
    for batch in _batches(path, groups, row_group):
        evidence, participants = fn(batch, matcher)
        messages += batch.num_rows
        participant_rows += participants.num_rows
        if isinstance(evidence, pa.Table):
            hit_messages += evidence.num_rows
            found = pc.list_flatten(evidence.column("terms")).to_numpy()
        else:
            hit_messages += len(evidence)
            found = np.fromiter(
                itertools.chain.from_iterable(item.terms for item in evidence), np.int64
            )
        term_hits += np.bincount(found, minlength=len(term_hits))
    return {
        "messages": messages,
        "hit_messages": hit_messages,
        "participant_rows": participant_rows,
        "term_hits": term_hits.tolist(),
    }


def _worker(
    step: str, path: Path, groups: list[int], row_group: int, barrier: Any, queue: Any
) -> None:
    # One core each: no Arrow thread pools competing with the other worker.
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    matcher = HyperscanMatcher(load_lexicon())
    buffers: list[tuple[bytes, int]] = []
    if step == "baseline":
        for batch in _batches(path, groups, row_group):
            buffer, _ = joined_buffer(fold_array(batch.column("text")))
            buffers.append((buffer, batch.num_rows))
    fn = batch_hits
    barrier.wait()
    start = time.perf_counter()
    if step == "baseline":
        matches = 0
        for buffer, _ in buffers:
            ends, _ids = matcher.scan_buffer(buffer)
            matches += len(ends)
        figures: dict[str, Any] = {
            "messages": sum(n for _, n in buffers),
            "bytes": sum(len(b) for b, _ in buffers),
            "matches": matches,
        }
    else:
        figures = _lexicon_work(path, groups, row_group, matcher, fn)
    figures["seconds"] = time.perf_counter() - start
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(figures)


def run_step(step: str, path: Path, workers: int) -> dict[str, Any]:
    """Fan out over row groups (round robin) and time from the moment all workers are ready."""
    meta = pq.ParquetFile(path).metadata
    row_group = meta.row_group(0).num_rows
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(workers + 1)
    queue = ctx.Queue()
    shares = [list(range(meta.num_row_groups))[i::workers] for i in range(workers)]
    procs = [
        ctx.Process(target=_worker, args=(step, path, share, row_group, barrier, queue))
        for share in shares
    ]
    for proc in procs:
        proc.start()
    barrier.wait(timeout=600)
    start = time.perf_counter()
    results = [queue.get() for _ in procs]
    seconds = time.perf_counter() - start
    for proc in procs:
        proc.join()
    merged: dict[str, Any] = {"seconds": seconds}
    for key in results[0]:
        if key == "term_hits":
            merged[key] = np.sum([r[key] for r in results], axis=0).tolist()
        elif key not in ("seconds", "peak_rss_mb"):
            merged[key] = sum(r[key] for r in results)
    merged["worker_seconds"] = [round(r["seconds"], 2) for r in results]
    merged["worker_peak_rss_mb"] = [round(r["peak_rss_mb"]) for r in results]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    merged["peak_rss_mb"] = own + sum(r["peak_rss_mb"] for r in results)
    return merged


def run_semantic(texts: int, threads: int) -> dict[str, Any]:
    from vigil.content.semantic import available

    if not available():
        return {"skipped": "the 'semantic' extra is not installed (pip install -e '.[semantic]')"}
    spec = importlib.util.spec_from_file_location(
        "content_semantic", Path(__file__).with_name("content_semantic.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        figures: dict[str, Any] = module.bench_semantic(texts, threads=threads)
    except Exception as exc:  # a broken install is a skip with its reason, not a crash
        return {"skipped": f"{type(exc).__name__}: {exc}"}
    if not figures:
        return {"skipped": "bench_semantic returned nothing"}
    figures["texts"] = texts
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def profile(path: Path, groups: int) -> None:
    """cProfile of batch_hits over the first row groups, in this process."""
    pa.set_cpu_count(1)
    matcher = HyperscanMatcher(load_lexicon())
    row_group = pq.ParquetFile(path).metadata.row_group(0).num_rows
    profiler = cProfile.Profile()
    profiler.enable()
    _lexicon_work(path, list(range(groups)), row_group, matcher, batch_hits)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


# --------------------------------------------------------------------------- driver


def child(args: list[str]) -> dict[str, Any]:
    """Run one step in a fresh process; its last stdout line is its JSON."""
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"step {args} failed with exit status {done.returncode}")
    lines = done.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line)
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "host": platform.node(),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--conversations", type=int, default=20_000, help="per tile")
    parser.add_argument("--row-group", type=int, default=ROW_GROUP)
    parser.add_argument("--repeats", type=int, default=1, help="interleaved; best of each")
    parser.add_argument("--no-semantic", action="store_true")
    parser.add_argument("--semantic-texts", type=int, default=1000)
    parser.add_argument("--profile", type=int, nargs="?", const=4, metavar="ROW_GROUPS")
    parser.add_argument("--step", choices=[*STEPS, "semantic"])
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.step == "semantic":
        print(json.dumps(run_semantic(args.semantic_texts, args.workers)))
        return
    if args.step:
        print(json.dumps(run_step(args.step, args.data, args.workers)))
        return

    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    data = build_messages(args.rows, args.out, args.seed, args.conversations, args.row_group)
    meta = pq.ParquetFile(data).metadata
    print(
        f"data: {data} ({data.stat().st_size / 1e9:.2f} GB, {meta.num_rows} rows in "
        f"{meta.num_row_groups} row groups, ready in {time.perf_counter() - t0:.0f} s)"
    )
    if args.profile:
        profile(data, args.profile)
        return
    host = machine()
    common = ["--data", str(data), "--workers", str(args.workers)]
    # Interleaved repeats, best of each: other processes share the cores.
    steps: dict[str, dict[str, Any]] = {}
    for _ in range(args.repeats):
        for step in STEPS:
            figures = child(["--step", step, *common])
            if step not in steps or figures["seconds"] < steps[step]["seconds"]:
                steps[step] = figures
    semantic: dict[str, Any] = {"skipped": "--no-semantic"}
    if not args.no_semantic:
        semantic = child(
            [
                "--step",
                "semantic",
                "--workers",
                str(args.workers),
                "--semantic-texts",
                str(args.semantic_texts),
            ]
        )
        if "skipped" in semantic:
            print(f"content-semantic: skipped, {semantic['skipped']}")

    base = steps["baseline"]
    size_mb = base["bytes"] / 1e6
    rows: dict[str, dict[str, Any]] = {}
    for step, fig in steps.items():
        rows[step] = {
            "rows": fig["messages"],
            "seconds": round(fig["seconds"], 2),
            "messages_per_s": round(fig["messages"] / fig["seconds"]),
            "mb_per_s": round(size_mb / fig["seconds"], 1),
            "peak_rss_mb": round(fig["peak_rss_mb"]),
            "ratio": round(base["seconds"] / fig["seconds"], 3),
            "worker_seconds": fig["worker_seconds"],
            "worker_peak_rss_mb": fig["worker_peak_rss_mb"],
        }
    lexicon = steps["lexicon"]
    lex = load_lexicon()
    categories: dict[str, int] = {}
    for term, count in zip(lex.terms, lexicon["term_hits"], strict=True):
        categories[term.category] = categories.get(term.category, 0) + count
    report = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": host,
        "workers": args.workers,
        "repeats": args.repeats,
        "data": {
            "path": str(data),
            "rows": meta.num_rows,
            "row_groups": meta.num_row_groups,
            "scanned_mb": round(size_mb, 1),
        },
        "steps": rows,
        "hits": {
            "hit_messages": lexicon["hit_messages"],
            "hit_share": round(lexicon["hit_messages"] / lexicon["messages"], 3),
            "baseline_matches": base["matches"],
            "term_hits_by_category": categories,
        },
        "semantic": semantic,
    }
    (args.out / "content.json").write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    rate = rows["lexicon"]["messages_per_s"]
    ratio = rows["lexicon"]["ratio"]
    targets = rate >= 1e6, ratio >= 0.5
    print(
        "targets (lexicon >= 1M msg/s, ratio >= 0.5):",
        ["met" if t else "MISSED" for t in targets],
    )
    print(f"written: {args.out / 'content.json'}")


def print_table(report: dict[str, Any]) -> None:
    host = report["machine"]
    print(
        f"\n{report['date']}  {host['host']}: {host['nproc']} cores, {host['cpu']}, "
        f"load {host['load_average']}; {report['workers']} workers; "
        f"{report['data']['scanned_mb']} MB of text; "
        f"{report['hits']['hit_share']:.0%} of messages hit"
    )
    header = ("step", "rows", "seconds", "messages/s", "MB/s", "peak RSS MB", "ratio")
    lines = [header]
    for step, row in report["steps"].items():
        lines.append(
            (
                step,
                f"{row['rows']:,}",
                f"{row['seconds']:.2f}",
                f"{row['messages_per_s']:,}",
                f"{row['mb_per_s']:.1f}",
                f"{row['peak_rss_mb']:,}",
                f"{row['ratio']:.3f}",
            )
        )
    semantic = report["semantic"]
    if "skipped" not in semantic:
        lines.append(
            (
                "semantic",
                f"{semantic['texts']:,}",
                "",
                f"{semantic['candidates_per_s']:,.0f}",
                "",
                f"{semantic['peak_rss_mb']:,.0f}",
                f"{semantic['ratio_to_encode']:.3f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(line, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(
        "ratio: baseline seconds / step seconds (raw scan_buffer over the same bytes); "
        "semantic: candidates/s, ratio to bare encode"
    )


if __name__ == "__main__":
    main()
