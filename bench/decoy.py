"""Benchmark: the decoy runtime with many concurrent conversations in one process.

In-process transport (no sockets), real evidence store (fsync'd JSONL in a temp folder):
  1. memory: open ``--conversations`` conversations (two partner lines each), RSS delta;
  2. concurrency: every partner goes on with its script at once, with a random think time
     between lines, all conversations live in one process; decision latency (the engine's
     ``on_message`` inside the runtime) and end-to-end latency (partner line delivered ->
     reply handed to the transport, evidence written) as p50/p99;
  3. saturation: lines pushed as fast as the runtime takes them, against an echo loop on the
     same transport (no engine, no evidence) -> messages/s and their ratio;
  baseline: one Hyperscan scan of the same partner lines (the content matcher the engine
     and guard use), per line, as a ratio to the decision latency.
Then over a real local ngircd: ``--irc-conversations`` partner connections (in a child
process, raw asyncio sockets) talk to one decoy connection.

The machines are shared and noisy; compare ratios across runs, not absolute figures.

    python bench/decoy.py [--conversations 10000] [--irc-conversations 500] [--think 20]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

from vigil.decoy import DecoyRuntime, EvidenceStore, Incoming, InProcessTransport, build_engine
from vigil.decoy.adapters.irc import IrcTransport

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # inside the persona's active hours
# Short clinical partner lines only: a question, a request, an offer, an identifier.
SUSPECT = [
    "hi",
    "how old are you",
    "where are you from",
    "do you have cam",
    "i send money if you show on cam",
    "my skype is partner{n}.test",
]
BENIGN = ["hello", "what games do you play", "do you like school", "what is your pet", "bye"]


def script(n: int) -> list[str]:
    lines = SUSPECT if n % 3 == 0 else BENIGN
    return [line.format(n=n) for line in lines]


def rss_mb() -> float:
    resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def machine() -> str:
    return f"{os.cpu_count()}-core {platform.machine()} {platform.python_version()}"


# --------------------------------------------------------------------------- in-process
async def loop_lag(lags: list[float], period: float = 0.01) -> None:
    """How late a 10 ms timer fires: what every other conversation, the console and the
    evidence flusher wait while the loop is busy."""
    while True:
        started = time.perf_counter()
        await asyncio.sleep(period)
        lags.append((time.perf_counter() - started - period) * 1000)


async def in_process(
    conversations: int,
    think: float,
    evidence: Path,
    retrieval: str,
    engine_thread: bool | None = None,
) -> dict[str, Any]:
    engine = build_engine(retrieval=retrieval, pace="instant", rng_seed=1)
    delivered: dict[str, float] = {}
    e2e: list[float] = []
    replied: dict[str, asyncio.Event] = {}

    def on_send(target: str, _text: str) -> None:
        started = delivered.pop(target, None)
        if started is not None:
            e2e.append((time.perf_counter() - started) * 1000)
        event = replied.get(target)
        if event is not None:
            event.set()

    transport = InProcessTransport("bench", keep=0, on_send=on_send)
    clock_ticks = iter(range(10**9))
    runtime = DecoyRuntime(
        engine,
        EvidenceStore(evidence),
        clock=lambda: T0 + timedelta(milliseconds=next(clock_ticks)),
        idle_tick_s=0,
        measure=True,
        engine_thread=engine_thread,
    )
    runtime.add(transport)
    await runtime.start()
    await runtime.ready()

    # 1. memory: open every conversation (two lines each), straight through handle().
    engine.on_message("warm-up", "bench", "hello there", T0)  # loads a lazy model, if any
    engine.forget("warm-up", "bench")
    gc.collect()
    before = rss_mb()
    for n in range(conversations):
        for text in script(n)[:2]:
            await runtime.handle(transport, Incoming("private", f"p{n}", text))
    await runtime.evidence.sync()
    gc.collect()
    per_conversation_kb = (rss_mb() - before) * 1000 / conversations
    runtime.stats.latencies_ms.clear()
    e2e.clear()

    # 2. all partners go on at once, each waiting for the reply before its next line.
    async def partner(n: int) -> None:
        name = f"p{n}"
        event = replied[name] = asyncio.Event()
        rng = random.Random(n)
        for text in script(n)[2:]:
            await asyncio.sleep(rng.uniform(0, think))
            event.clear()
            delivered[name] = time.perf_counter()
            transport.deliver(name, text)
            await asyncio.wait_for(event.wait(), 60)

    lags: list[float] = []
    ticker = asyncio.get_running_loop().create_task(loop_lag(lags))
    started = time.perf_counter()
    await asyncio.gather(*(partner(n) for n in range(conversations)))
    elapsed = time.perf_counter() - started
    ticker.cancel()
    signed = runtime.evidence.heads_signed
    decisions = list(runtime.stats.latencies_ms)
    live = len(runtime.conversations())
    await runtime.stop()

    # 3. saturation: the runtime against an echo loop, same transport and lines.
    lines = [(f"s{n}", text) for n in range(conversations) for text in script(n)[:3]]
    runtime_rate = await saturate_runtime(engine, lines, evidence / "sat")
    echo_rate = await saturate_echo(lines)

    # Baseline: the bare matcher scan of each partner line, one line at a time.
    scan = []
    for _name, text in lines[:20000]:
        t = time.perf_counter()
        engine.matcher.scan(pa.array([text], pa.string()))
        scan.append((time.perf_counter() - t) * 1000)
    return {
        "retrieval": engine.bank.retriever.name,
        "engine_thread": runtime.engine_thread,
        "conversations": conversations,
        "live_conversations": live,
        "messages": len(decisions),
        "seconds": round(elapsed, 1),
        "offered_messages_per_s": round(len(decisions) / elapsed),
        "memory_per_conversation_kb": round(per_conversation_kb, 1),
        "decision_ms_p50": round(pct(decisions, 0.5), 3),
        "decision_ms_p99": round(pct(decisions, 0.99), 3),
        "decision_ms_max": round(max(decisions), 2),
        "e2e_ms_p50": round(pct(e2e, 0.5), 3),
        "e2e_ms_p99": round(pct(e2e, 0.99), 3),
        "loop_lag_ms_p50": round(pct(lags, 0.5), 3),
        "loop_lag_ms_p99": round(pct(lags, 0.99), 3),
        "loop_lag_ms_max": round(max(lags), 2),
        "signed_heads_load_step": signed,
        "saturation_messages_per_s": round(runtime_rate),
        "echo_messages_per_s": round(echo_rate),
        "saturation_ratio_to_echo": round(runtime_rate / echo_rate, 4),
        "baseline_scan_ms_p50": round(pct(scan, 0.5), 4),
        "baseline_scan_ms_p99": round(pct(scan, 0.99), 4),
        "decision_to_scan_ratio_p50": round(pct(decisions, 0.5) / pct(scan, 0.5), 1),
        "decision_to_scan_ratio_p99": round(pct(decisions, 0.99) / pct(scan, 0.99), 1),
    }


async def saturate_runtime(engine: Any, lines: list[tuple[str, str]], root: Path) -> float:
    transport = InProcessTransport("sat", keep=0)
    runtime = DecoyRuntime(engine, EvidenceStore(root), idle_tick_s=0)
    runtime.add(transport)
    await runtime.start()
    await runtime.ready()
    started = time.perf_counter()
    for name, text in lines:
        transport.deliver(name, text)
    while runtime.stats.received < len(lines):
        await asyncio.sleep(0.01)
    rate = len(lines) / (time.perf_counter() - started)
    await runtime.stop()
    return rate


async def saturate_echo(lines: list[tuple[str, str]]) -> float:
    transport = InProcessTransport("echo", keep=0)
    await transport.connect()
    started = time.perf_counter()
    for name, text in lines:
        transport.deliver(name, text)
    done = 0
    async for event in transport.incoming():
        await transport.send(event.sender, event.text)
        done += 1
        if done == len(lines):
            break
    return len(lines) / (time.perf_counter() - started)


# --------------------------------------------------------------------------- ngircd
NGIRCD_CONF = """[Global]
Name = irc.vigil.bench
Info = vigil bench
AdminInfo1 = bench
AdminInfo2 = loopback
AdminEMail = bench@vigil.invalid
Listen = 127.0.0.1
Ports = {port}
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxPenaltyTime = 0
PingTimeout = 600
PongTimeout = 120
[Options]
PAM = no
Ident = no
DNS = no
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def over_irc(count: int, think: float, root: Path) -> dict[str, Any]:
    binary = shutil.which("ngircd") or "/usr/sbin/ngircd"
    if not os.access(binary, os.X_OK):
        return {"skipped": "ngircd is not installed (apt-get install ngircd)"}
    port = free_port()
    (root / "ngircd.conf").write_text(NGIRCD_CONF.format(port=port))
    server = subprocess.Popen(
        [binary, "-n", "-f", str(root / "ngircd.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        engine = build_engine(retrieval="keyword", pace="instant", rng_seed=1)
        runtime = DecoyRuntime(engine, EvidenceStore(root / "evidence"), idle_tick_s=0)
        runtime.measure = True
        runtime.add(IrcTransport("127.0.0.1", port, "lily10"), ["#kids"])
        await runtime.start()
        await runtime.ready()
        partners = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--role", "irc-partners", "--port", str(port),
            "--irc-conversations", str(count), "--think", str(think),
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await partners.communicate()
        result: dict[str, Any] = json.loads(out)
        decisions = list(runtime.stats.latencies_ms)
        result["decoy_decision_ms_p50"] = round(pct(decisions, 0.5), 3)
        result["decoy_decision_ms_p99"] = round(pct(decisions, 0.99), 3)
        result["decoy_conversations"] = len(runtime.conversations())
        await runtime.stop()
        return result
    finally:
        server.terminate()
        server.wait(10)


async def irc_partners(port: int, count: int, think: float) -> dict[str, Any]:
    """``count`` raw IRC clients, each one conversation with the decoy (child process)."""
    latencies: list[float] = []
    failures: list[str] = []

    async def partner(n: int) -> None:
        nick = f"bp{n}"
        await asyncio.sleep(n * 0.004)  # a gentle ramp: registration bursts are not the test
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"NICK {nick}\r\nUSER {nick} 0 * :{nick}\r\n".encode())

        async def line() -> str:
            while True:
                raw = (await reader.readline()).decode("utf-8", "replace").rstrip("\r\n")
                if not raw:
                    raise ConnectionError("closed")
                if raw.startswith("PING"):
                    writer.write(("PONG" + raw[4:] + "\r\n").encode())
                    continue
                return raw

        while " 001 " not in await line():
            pass
        rng = random.Random(n)
        for text in script(n):
            await asyncio.sleep(rng.uniform(0, think))
            started = time.perf_counter()
            writer.write(f"PRIVMSG lily10 :{text}\r\n".encode())
            while not (got := await line()).startswith(":lily10!") or " PRIVMSG " not in got:
                pass
            latencies.append((time.perf_counter() - started) * 1000)
        writer.write(b"QUIT :bye\r\n")
        writer.close()

    async def guarded(n: int) -> None:
        try:
            await asyncio.wait_for(partner(n), 120)
        except (OSError, ConnectionError, TimeoutError) as exc:
            failures.append(f"{n}: {exc!r}")

    started = time.perf_counter()
    await asyncio.gather(*(guarded(n) for n in range(count)))
    return {
        "connections": count,
        "completed_conversations": count - len(failures),
        "failures": failures[:5],
        "messages": len(latencies),
        "seconds": round(time.perf_counter() - started, 1),
        "e2e_ms_p50": round(pct(latencies, 0.5), 2),
        "e2e_ms_p99": round(pct(latencies, 0.99), 2),
        "e2e_ms_mean": round(statistics.fmean(latencies), 2) if latencies else None,
    }


# --------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--irc-conversations", type=int, default=500)
    parser.add_argument("--think", type=float, default=20.0, help="max seconds between lines")
    parser.add_argument(
        "--retrieval", default="keyword", choices=("keyword", "semantic", "auto"),
        help="keyword, semantic or auto (use fewer conversations for semantic, e.g. 500)",
    )  # fmt: skip
    parser.add_argument(
        "--engine-thread", default="auto", choices=("auto", "on", "off"),
        help="engine on a worker thread: auto (when semantic), on or off",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--role", default="main", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "irc-partners":
        print(json.dumps(asyncio.run(irc_partners(args.port, args.irc_conversations, args.think))))
        return
    report: dict[str, Any] = {"date": datetime.now(UTC).isoformat(timespec="minutes")}
    report["machine"] = machine()
    with tempfile.TemporaryDirectory(prefix="vigil-bench-decoy-") as tmp:
        report["in_process"] = asyncio.run(
            in_process(
                args.conversations,
                args.think,
                Path(tmp) / "ev",
                args.retrieval,
                {"auto": None, "on": True, "off": False}[args.engine_thread],
            )
        )
        print(json.dumps({"in_process": report["in_process"]}, indent=1), flush=True)
        if args.irc_conversations:
            report["ngircd"] = asyncio.run(
                over_irc(args.irc_conversations, min(args.think, 5.0), Path(tmp))
            )
            print(json.dumps({"ngircd": report["ngircd"]}, indent=1), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "decoy.json").write_text(json.dumps(report, indent=1) + "\n")
    print(f"written to {args.out / 'decoy.json'}")


if __name__ == "__main__":
    main()
