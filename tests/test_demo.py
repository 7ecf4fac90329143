"""The main job: `vigil demo` simulates a week, runs every detector, fuses the queue, then
serves the console with demo users, or with --no-serve writes the static report."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyarrow.parquet as pq

from vigil_cli import run_vigil


def _raw_ids(folder: Path) -> set[str]:
    """Every raw account id of the simulated week: calls, chat senders."""
    world = (folder / "world" / "truth.csv").read_text().splitlines()[1:]
    chats = (folder / "chats" / "accounts.csv").read_text().splitlines()[1:]
    return {line.split(",")[0].strip('"') for line in world + chats}


def test_demo_no_serve_writes_the_fused_report_without_text_or_raw_ids(tmp_path: Path) -> None:
    done = run_vigil(
        "demo",
        "--no-serve",
        "--out",
        str(tmp_path),
        env={"VIGIL_HOME": str(tmp_path / "home"), "COLUMNS": "120"},
        drop=("VIGIL_PSEUDONYM_KEY",),  # the demo needs no configured key
    )
    assert done.returncode == 0, done.stderr
    assert "accounts in the fused queue" in done.stdout and "report:" in done.stdout
    assert not (tmp_path / "vigil-home").exists()  # no users without a console
    flags = [json.loads(line) for line in (tmp_path / "flags.jsonl").read_text().splitlines()]
    assert len(flags) >= 20
    assert {f["role"] for f in flags} == {"source", "consumer"}
    # The contacts sidecar beside the flags: the flagged accounts' pseudonyms, no raw id.
    contacts = pq.read_table(tmp_path / "flags.contacts.parquet")
    assert set(contacts["account"].to_pylist()) == {f["account"] for f in flags}
    assert not set(contacts["account"].to_pylist()) & _raw_ids(tmp_path)
    html = (tmp_path / "report.html").read_text()
    # The chart: one bar row per country, sources' and consumers' contacts.
    countries = re.findall(r'<text x="0" y="\d+">([A-Z]{2}|unknown)</text>', html)
    assert "PH" in countries and len(countries) >= 5
    assert html.count('class="src"') >= len(countries)
    # The metadata flags: every flag with its explanation.
    assert html.count("<tr><td") == len(flags)
    assert flags[0]["explanation"].split(";")[0] in html
    # The fused queue: every method contributes, and some accounts carry all three.
    fused = re.findall(r'<tr class="fused">(.*?)</tr>', html, re.S)
    assert len(fused) > len(flags)
    all_three = [r for r in fused if all(f'class="m-{m}"' in r for m in ("metadata", "content",
                                                                       "decoy"))]  # fmt: skip
    assert len(all_three) >= 5
    assert "metadata + content + decoy" in html  # the chart of methods behind the queue
    # No raw account id, no identifier value a partner disclosed, no message text.
    assert not any(raw in html for raw in _raw_ids(tmp_path))
    dossiers = [json.loads(x) for x in (tmp_path / "dossiers.jsonl").read_text().splitlines()]
    assert any(d["level"] == "confirmed" for d in dossiers)
    values = {v for d in dossiers for vs in d["identifiers"].values() for v in vs if len(v) > 5}
    assert values and not any(v in html for v in values)
    texts = [
        json.loads(line)["text"]
        for line in (tmp_path / "chats" / "messages.jsonl").read_text().splitlines()
    ]
    assert not any(t in html for t in texts if len(t) >= 12)
    # The content step: every conversation scored, flagged ones in the report, no text.
    scores = [
        json.loads(line) for line in (tmp_path / "content-scores.jsonl").read_text().splitlines()
    ]
    assert len(scores) == 400 and any(s["flagged"] for s in scores)
    assert "Content: flagged conversations" in html
    chat_words = {"gcash", "cebuana", "padala"}
    written = (tmp_path / "content-scores.jsonl").read_text().lower()
    assert not any(word in written for word in chat_words)


def test_demo_serves_the_console_with_demo_users_and_a_case(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "120", "VIGIL_HOME": str(tmp_path / "elsewhere")}
    env.pop("VIGIL_PSEUDONYM_KEY", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from vigil.cli.main import main; main()", "demo", "--out",
         str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("console: http://127.0.0.1:"):
                break
        printed = "".join(lines)
        assert "accounts in the fused queue" in printed, printed
        url = re.search(r"console: (http://127\.0\.0\.1:\d+/)", printed)
        assert url, printed
        assert "analyst-demo-pw" in printed and "investigator-demo-pw" in printed
        assert "demo case: " in printed
        # Only the demo's own home holds the users; the configured one is untouched.
        assert (tmp_path / "vigil-home" / "cases.db").exists()
        assert not (tmp_path / "elsewhere").exists()
        with httpx.Client(base_url=url.group(1), timeout=10) as c:
            for _ in range(100):
                try:
                    page = c.get("/login")
                    break
                except httpx.ConnectError:
                    time.sleep(0.1)
            csrf = re.search(r'name="csrf" value="([^"]*)"', page.text)
            assert csrf
            c.post("/login", data={"username": "analyst", "password": "analyst-demo-pw",
                                   "csrf": csrf.group(1)})  # fmt: skip
            queue = c.get("/queue")
            assert queue.status_code == 200 and "decoy" in queue.text
            cases = c.get("/cases")
            assert cases.status_code == 200 and "Demo: queue rank" in cases.text
            # A flagged account's page charts its contacts from the sidecar.
            first = json.loads((tmp_path / "flags.jsonl").read_text().splitlines()[0])
            account = c.get(f"/queue/{first['account']}")
            assert account.status_code == 200
            assert 'aria-label="calls over time"' in account.text
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
