"""The main job: `vigil demo` simulates a week, runs every detector, fuses the queue, then
serves the console (test_demo_live), or with --no-serve writes the static report."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

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
    overview = html[: html.index("<h2>Fused review queue")]
    countries = re.findall(r'<text x="0" y="\d+">([A-Z]{2}|unknown)</text>', overview)
    assert "PH" in countries and len(countries) >= 5
    assert html.count('class="src"') >= len(countries)
    _assert_account_charts(html, contacts.to_pylist())
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
    # No raw account id, no identifier value a partner disclosed, no message text, anywhere on
    # the page: the queue, the tables and every chart.
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


def _assert_account_charts(html: str, contacts: list[dict[str, Any]]) -> None:
    """The top ten accounts of the queue with call records each get the account page's two
    charts, with the sidecar's figures: countries and days, counts only."""
    section = html[html.index('<section id="account-charts">') : html.index("</section>")]
    fused = re.findall(r'<tr class="fused"><td class="num">(\d+)</td><td><code>([^<]+)<', html)
    recorded = {r["account"] for r in contacts}
    expected = [(rank, acct) for rank, acct in fused if acct in recorded][:10]
    blocks = re.findall(r'<div class="account" id="account-(\d+)">(.*?)</div>', section, re.S)
    shown = [(rank, re.findall(r"<code>([^<]+)</code>", block)[0]) for rank, block in blocks]
    assert len(shown) == 10 and shown == expected
    for (_, acct), (_, block) in zip(expected, blocks, strict=True):
        rows = [r for r in contacts if r["account"] == acct]
        video = sum(r["video_calls"] for r in rows)
        assert f"{sum(r['calls'] for r in rows)} calls, {video} on video." in block
        by_country, _, over_time = block.partition('aria-label="calls over time"')
        assert 'aria-label="contacts by country"' in by_country and over_time
        labels = set(re.findall(r'<text x="0" y="\d+">([^<]+)</text>', by_country))
        assert labels and labels <= {r["country"] for r in rows}  # country codes and "??"
        days = re.findall(r"<title>\d{4}-\d{2}-\d{2}: (\d+) video calls</title>", over_time)
        assert sum(int(n) for n in days) == video
