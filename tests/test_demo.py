"""The main job: `vigil demo` simulates, scans, writes the report and prints the queue."""

from __future__ import annotations

import json
import re
from pathlib import Path

from vigil_cli import run_vigil


def test_demo_writes_report_flags_and_prints_the_queue(tmp_path: Path) -> None:
    done = run_vigil(
        "demo",
        "--out",
        str(tmp_path),
        env={"VIGIL_HOME": str(tmp_path / "home"), "COLUMNS": "120"},
        drop=("VIGIL_PSEUDONYM_KEY",),  # the demo needs no configured key
    )
    assert done.returncode == 0, done.stderr
    assert "flagged accounts" in done.stdout and "report:" in done.stdout
    flags = [json.loads(line) for line in (tmp_path / "flags.jsonl").read_text().splitlines()]
    assert len(flags) >= 20
    assert {f["role"] for f in flags} == {"source", "consumer"}
    html = (tmp_path / "report.html").read_text()
    # The chart: one bar row per country, sources' and consumers' contacts.
    countries = re.findall(r'<text x="0" y="\d+">([A-Z]{2}|unknown)</text>', html)
    assert "PH" in countries and len(countries) >= 5
    assert html.count('class="src"') >= len(countries)
    # The queue: every flag with its explanation, and no raw account id anywhere.
    assert html.count("<tr><td") == len(flags)
    assert flags[0]["explanation"].split(";")[0] in html
    world_ids = {
        line.split(",")[0].strip('"')
        for line in (tmp_path / "world" / "truth.csv").read_text().splitlines()[1:50]
    }
    assert not any(raw in html for raw in world_ids)
    # The content step: every conversation scored, flagged ones in the report, no text.
    scores = [
        json.loads(line) for line in (tmp_path / "content-scores.jsonl").read_text().splitlines()
    ]
    assert len(scores) == 400 and any(s["flagged"] for s in scores)
    assert "Content: flagged conversations" in html
    chat_words = {"gcash", "cebuana", "padala"}
    written = (tmp_path / "content-scores.jsonl").read_text().lower()
    assert not any(word in written for word in chat_words)
