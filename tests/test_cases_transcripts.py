"""Decoy transcripts into the case vault: only the lines of named accounts inside an approved
window are recorded, the gate judges both ends, and a damaged folder records nothing.

Partner lines are placeholders ("line N"), never a description.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from test_cases_service import DAY, T0, World, password
from vigil.core import RecordingRefusedError
from vigil.decoy import EvidenceStore, read_evidence
from vigil_cli import audit_entries, run_vigil

NETWORK = "irc:test-net"


def _folder(root: Path, lines: list[tuple[str, datetime]]) -> Path:
    """A decoy evidence folder with one exchange per (partner, time)."""
    store = EvidenceStore(root)
    for n, (partner, at) in enumerate(lines):
        store.record(network=NETWORK, partner=partner, sender="partner", text=f"line {n}", at=at)
        store.record(
            network=NETWORK,
            partner=partner,
            sender="decoy",
            text="hi",
            at=at + timedelta(seconds=5),
        )
    asyncio.run(store.close())
    return root


def _lines(root: Path, partner: str) -> list[tuple[datetime, str]]:
    return [
        (datetime.fromisoformat(x.at), x.to_json())
        for x in read_evidence(root).conversations
        if x.partner == partner
    ]


def test_only_lines_inside_the_window_are_recorded(tmp_path: Path) -> None:
    world = World(tmp_path / "home")
    case = world.authorised_case()  # acct:a named, window T0+1d .. T0+11d
    before, inside = T0 + timedelta(hours=12), T0 + DAY + timedelta(hours=2)
    root = _folder(tmp_path / "ev", [("acct:a", before), ("acct:a", inside)])
    lines = _lines(root, "acct:a")

    done = world.service.record_lines(
        world.ivy,
        case,
        account="acct:a",
        lines=lines,
        media_type="application/jsonl",
        description="decoy transcript",
        now=inside + timedelta(hours=1),
    )
    assert (done.kept, done.outside) == (2, 2)
    assert "2 of 4 line(s) recorded" in done.item.description
    body = world.service.read_item(world.ivy, done.item.item_id, "check", inside + DAY)
    recorded = [json.loads(x) for x in body.decode().splitlines()]
    # The chain's own lines, unchanged, and only those captured inside the window.
    assert [r["text"] for r in recorded] == ["line 1", "hi"]
    assert all(datetime.fromisoformat(r["at"]) >= T0 + DAY for r in recorded)
    assert recorded[0]["prev"] == json.loads(lines[1][1])["hash"]


def test_a_transcript_outside_every_window_is_refused_and_audited(tmp_path: Path) -> None:
    world = World(tmp_path / "home")
    case = world.authorised_case()
    root = _folder(tmp_path / "ev", [("acct:b", T0 + DAY + timedelta(hours=2))])
    with pytest.raises(RecordingRefusedError, match="acct:b"):
        world.service.record_lines(
            world.ivy,
            case,
            account="acct:b",  # on the case, but not named in the authorisation
            lines=_lines(root, "acct:b"),
            media_type="application/jsonl",
            description="decoy transcript",
            now=T0 + DAY + timedelta(hours=3),
        )
    refused = [e for e in audit_entries(tmp_path / "home") if e["action"] == "evidence.record"]
    assert [e["outcome"] for e in refused] == ["refused"]
    assert world.service.view(world.ivy, case, T0 + DAY)[0].accounts  # case unharmed


def test_a_line_after_the_window_cannot_ride_in_on_an_early_one(tmp_path: Path) -> None:
    """The gate judges the last line too: a forged, longer window that would choose a span
    past the genuine one gets the whole offer refused, not just its tail."""
    world = World(tmp_path / "home")
    case = world.authorised_case(start=T0, days=1)
    with world.store.transaction() as tx:
        auth = tx.authorisations(case)[0]
    with world.store.transaction() as tx:
        # Carries the genuine signature over a longer window.
        tx.add_authorisation(replace(auth, auth_id="auth-forged", ends_at=T0 + 5 * DAY))
    lines = [(T0 + timedelta(hours=1), '{"n":1}'), (T0 + 3 * DAY, '{"n":2}')]
    with pytest.raises(RecordingRefusedError, match=re.escape((T0 + 3 * DAY).isoformat())):
        world.service.record_lines(
            world.ivy,
            case,
            account="acct:a",
            lines=lines,
            media_type="application/jsonl",
            description="decoy transcript",
            now=T0 + timedelta(hours=12),
        )
    with world.store.transaction() as tx:
        assert tx.evidence(case) == []


def test_cli_moves_the_named_partners_transcripts_into_the_vault(tmp_path: Path) -> None:
    home = tmp_path / "home"
    world = World(home)
    case = world.authorised_case()
    now = T0 + DAY + timedelta(hours=3)
    root = _folder(
        tmp_path / "ev",
        [
            ("acct:a", T0 + timedelta(hours=12)),
            ("acct:a", T0 + DAY + timedelta(hours=1)),
            ("stranger", T0 + DAY + timedelta(hours=1)),
        ],
    )
    token = world.service.login("ivy", password("ivy"), now)
    session = home / "session-ivy"
    session.write_text(json.dumps({"username": "ivy", "token": token}))
    env = {
        "VIGIL_HOME": str(home),
        "VIGIL_SESSION": str(session),
        "VIGIL_NOW": now.isoformat(),
        "VIGIL_CASES__SESSION_HOURS": "168",
        "COLUMNS": "300",
    }
    done = run_vigil("case", "record-transcripts", case, str(root), env=env)
    assert done.returncode == 0, done.stderr
    assert "acct:a on irc:test-net, 2 line(s) (2 outside the authorised window" in done.stdout
    assert "stranger" not in done.stdout
    with world.store.transaction() as tx:
        assert [i.account for i in tx.evidence(case)] == ["acct:a"]

    # A damaged folder: one sentence naming the file, nothing recorded.
    transcript = next(p for p in root.glob("*.jsonl") if "heads" not in p.name)
    text = transcript.read_text().replace("line 1", "line 9")
    transcript.write_text(text)
    before = len(audit_entries(home))
    bad = run_vigil("case", "record-transcripts", case, str(root), env=env)
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr
    assert bad.stderr.startswith("error:") and transcript.name in bad.stderr
    assert len(audit_entries(home)) == before
