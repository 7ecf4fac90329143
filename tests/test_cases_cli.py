"""The two-phase workflow as users meet it: `vigil login|user|case|audit` in subprocesses.

One long test walks a case from a detection flag to a referral bundle, with the refusals
that matter on the way (self-approval, recording an unnamed account, a wrong password), then
tampers with the database and expects `vigil audit verify` to name the entry.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vigil.cases import Verifier
from vigil.cases.referral import verify_manifest
from vigil_cli import run_vigil

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASSWORDS = {
    "root": "root-password-0001",
    "ana": "analyst-password-01",
    "sup": "supervisor-password-1",
    "leo": "legal-password-0001",
    "inv": "investigator-pass-01",
}
ROLES = {"ana": "analyst", "sup": "supervisor", "leo": "legal_officer", "inv": "investigator"}
# Variables a developer's shell might hold that would change what the commands do.
OUTSIDE = ("VIGIL_MASTER_KEY", "VIGIL_PASSWORD", "VIGIL_SESSION", "VIGIL_NOW", "VIGIL_CONFIG")


class Desk:
    """Several people on one case store: each has their own session file."""

    def __init__(self, home: Path, cwd: Path) -> None:
        self.home = home
        self.cwd = cwd

    def run(
        self,
        user: str | None,
        *args: str,
        at: datetime = T0,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full = {
            "VIGIL_HOME": str(self.home),
            "VIGIL_NOW": at.isoformat(),
            # A week-long login, so one session spans the moves of the clock below.
            "VIGIL_CASES__SESSION_HOURS": "168",
            "COLUMNS": "200",
            **(env or {}),
        }
        if user is not None:
            full["VIGIL_SESSION"] = str(self.home / f"session-{user}")
        drop = tuple(v for v in OUTSIDE if v not in full)
        return run_vigil(*args, env=full, cwd=self.cwd, stdin=stdin, drop=drop)

    def ok(
        self,
        user: str | None,
        *args: str,
        at: datetime = T0,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> str:
        done = self.run(user, *args, at=at, stdin=stdin, env=env)
        assert done.returncode == 0, f"{args}: {done.stderr}"
        assert "Traceback" not in done.stderr
        return done.stdout

    def refused(
        self,
        user: str | None,
        *args: str,
        at: datetime = T0,
        env: dict[str, str] | None = None,
    ) -> str:
        """A refused command: non-zero exit and one sentence, never a traceback."""
        done = self.run(user, *args, at=at, env=env)
        assert done.returncode != 0, f"{args} was accepted: {done.stdout}"
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("error:"), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        return done.stderr.strip()

    def audit_rows(self) -> list[dict[str, object]]:
        with sqlite3.connect(self.home / "cases.db") as con:
            rows = con.execute("SELECT body FROM audit_entries ORDER BY seq").fetchall()
        return [json.loads(body) for (body,) in rows]


@pytest.mark.parametrize(
    "args",
    [
        ("login",),
        ("user", "add"),
        ("case",),
        ("case", "open"),
        ("case", "authorise"),
        ("case", "refer"),
        ("audit", "verify"),
        ("audit", "show"),
    ],
)
def test_workflow_commands_have_help(args: tuple[str, ...]) -> None:
    done = run_vigil(*args, "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout


def _findings(tmp: Path) -> tuple[Path, Path]:
    flags = tmp / "flags.jsonl"
    flags.write_text(
        json.dumps(
            {
                "account": "p_src1",
                "role": "source",
                "score": 0.91,
                "rank": 1,
                "patterns": ["seed", "den"],
                "window_start": "2026-02-23",
                "explanation": "video calls with 4 foreigners from 3 countries",
            }
        )
        + "\n"
        + json.dumps(
            {
                "account": "p_other",
                "role": "consumer",
                "score": 0.4,
                "rank": 2,
                "patterns": ["consumer"],
                "window_start": "2026-02-23",
                "explanation": "unrelated",
            }
        )
        + "\n"
    )
    scores = tmp / "scores.jsonl"
    lines = [
        {
            "account": "p_src1",
            "flagged": True,
            "score": 0.8,
            "categories": {"payment": 2, "sexual_request": 1},
            "explanation": "request with payment",
            # Never carried into a case, even if a file holds it.
            "spans": ["placeholder span"],
        },
        {"account": "p_other", "flagged": False, "score": 0.1, "categories": {}},
    ]
    scores.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return flags, scores


def test_a_case_from_flag_to_referral_then_tampering_is_caught(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "home", tmp_path)

    # Without any login, only the bootstrap admin can be made; other commands say why not.
    assert "Not logged in" in desk.refused("nobody", "case", "list")
    out = desk.ok(
        None,
        "user",
        "add",
        "root",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORDS["root"] + "\n",
    )
    assert "bootstrap" in out
    desk.ok("root", "login", "root", env={"VIGIL_PASSWORD": PASSWORDS["root"]})
    session = tmp_path / "home" / "session-root"
    assert session.stat().st_mode & 0o777 == 0o600
    assert set(json.loads(session.read_text())) == {"username", "token"}
    for user, role in ROLES.items():
        desk.ok(
            "root",
            "user",
            "add",
            user,
            "--role",
            role,
            "--password-stdin",
            stdin=PASSWORDS[user] + "\n",
        )
        desk.ok(user, "login", user, "--password-stdin", stdin=PASSWORDS[user] + "\n")

    # A wrong password: one sentence, non-zero, and the failed login is audited.
    message = desk.refused("ana", "login", "ana", env={"VIGIL_PASSWORD": "not-the-password"})
    assert message == "error: Login failed: unknown user, wrong password or disabled account."

    # Detection phase: open with findings (only the case's rows), review, ask for a warrant.
    flags, scores = _findings(tmp_path)
    out = desk.ok(
        "ana",
        "case",
        "open",
        "p_src1",
        "p_src2",
        "--origin",
        "metadata",
        "--summary",
        "Seed red flag: PH source with foreign callers",
        "--findings",
        str(flags),
        "--findings",
        str(scores),
    )
    found = re.search(r"opened (case-[0-9a-f]+) \(2 accounts, 2 findings\)", out)
    assert found, out
    case = found.group(1)
    desk.ok("ana", "case", "review", case)
    desk.ok("ana", "case", "request-authorisation", case, "--reason", "strong flag")

    # Four eyes: the legal officer enters it, cannot approve it, a supervisor does.
    start, end = T0, T0 + timedelta(days=2)
    out = desk.ok(
        "leo",
        "case",
        "authorise",
        case,
        "--authority",
        "Regional Trial Court",
        "--reference",
        "CW-2026-017",
        "--account",
        "p_src1",
        "--start",
        start.isoformat(),
        "--end",
        end.isoformat(),
        "--scope",
        "video calls of the named account",
    )
    assert f"vigil case approve {case}" in out
    assert "cannot also approve" in desk.refused("leo", "case", "approve", case)
    out = desk.ok("sup", "case", "approve", case)
    assert "now identification" in out

    # Identification: inside the window for a named account only.
    recording = tmp_path / "rec1.bin"
    recording.write_bytes(b"placeholder recording 1")
    during = T0 + timedelta(hours=1)
    out = desk.ok(
        "inv",
        "case",
        "record",
        case,
        str(recording),
        "--account",
        "p_src1",
        "--captured-at",
        (T0 + timedelta(minutes=30)).isoformat(),
        "--media-type",
        "video/mp4",
        at=during,
    )
    item = re.search(r"recorded (item-[0-9a-f]+)", out)
    assert item, out
    item_id = item.group(1)
    message = desk.refused(
        "inv",
        "case",
        "record",
        case,
        str(recording),
        "--account",
        "p_src2",
        "--captured-at",
        during.isoformat(),
        "--media-type",
        "video/mp4",
        at=during,
    )
    assert "Recording refused" in message and "p_src2" in message
    assert "not an ISO-8601" in desk.refused(
        "inv",
        "case",
        "record",
        case,
        str(recording),
        "--account",
        "p_src1",
        "--captured-at",
        "2026-13-01",
        "--media-type",
        "video/mp4",
    )

    # The window ends; the clock moves the case to evaluation.
    later = T0 + timedelta(days=3)
    assert f"case {case}: expire window" in desk.ok("inv", "case", "tick", at=later)
    desk.ok("inv", "case", "mark", item_id, "--evidence", "--reason", "shows abuse", at=later)
    # Identifiers found under the authorisation (an identification scan's output).
    found = tmp_path / "scan.identifiers.jsonl"
    found.write_text(
        json.dumps({"message_id": "m1", "kind": "email", "value": "x@example.org"})
        + "\n"
        + json.dumps({"message_id": "m2", "kind": "email", "value": "x@example.org"})
        + "\n"
    )
    iplog = tmp_path / "iplog.csv"
    iplog.write_text("ip,country,at\n203.0.113.7,PH,2026-03-01T10:00:00Z\n")
    assert "attached 2 identifier" in desk.ok(
        "inv", "case", "attach", case, str(found), str(iplog), at=later
    )
    iplog.write_text("ip,country,at\nnot-an-ip,PH,2026-03-01T10:00:00Z\n")
    assert "not an IP address" in desk.refused("inv", "case", "attach", case, str(iplog), at=later)
    out = desk.ok("inv", "case", "show", case, at=later)
    assert "state: evaluation" in out and "evaluation deadline" in out
    assert f"item {item_id}: evidence" in out

    # Referral: requested by the investigator, approved by a supervisor, then exported.
    out = desk.ok("inv", "case", "refer", case, "--to", "PH", at=later)
    assert "supervisor" in out and "vigil case approve" in out
    assert "now referred" in desk.ok("sup", "case", "approve", case, at=later)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x")
    assert "not empty" in desk.refused(
        "inv", "case", "refer", case, "--to", "PH", "--out", str(busy), at=later
    )
    bundle = tmp_path / "referral"
    out = desk.ok(
        "inv",
        "case",
        "refer",
        case,
        "--to",
        "PH",
        "--out",
        str(bundle),
        "--provider",
        "Example VoIP Ltd",
        "--urgency",
        "high",
        at=later,
    )
    assert "1 evidence items" in out
    files = {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }
    assert set(files) == {
        "bundle.jsonld",
        "summary.json",
        "summary.md",
        "dossier.json",
        "manifest.json",
        f"evidence/{item_id}",
    }
    assert files[f"evidence/{item_id}"] == b"placeholder recording 1"
    verifier = Verifier.from_pem((tmp_path / "home" / "keys" / "signing.pub.pem").read_bytes())
    assert verify_manifest(json.loads(files["manifest.json"]), files, verifier) == []
    dossier = json.loads(files["dossier.json"])
    assert [f["account"] for f in dossier["metadata_flags"]] == ["p_src1"]
    assert [s["account"] for s in dossier["content_scores"]] == ["p_src1"]
    assert "spans" not in dossier["content_scores"][0]
    assert "CW-2026-017" in dossier["legal_basis"]
    assert dossier["provider"] == "Example VoIP Ltd"
    assert [(i["kind"], i["value"]) for i in dossier["identifiers"]] == [("email", "x@example.org")]
    assert [loc["ip"] for loc in dossier["locations"]] == ["203.0.113.7"]
    assert "203.0.113.7" in files["summary.md"].decode()

    # The audit log holds the refusals and verifies.
    rows = desk.audit_rows()
    refused = {(r["actor"], r["action"]) for r in rows if r["outcome"] == "refused"}
    assert {("ana", "login"), ("leo", "case.approve"), ("inv", "evidence.record")} <= refused
    out = desk.ok("sup", "audit", "show", "--action", "evidence.record", at=later)
    assert "refused" in out and "p_src2" in out
    assert desk.audit_rows()[-1]["action"] == "audit.view"
    out = desk.ok(None, "audit", "verify", "--entry", "3", at=later)
    assert "audit log intact" in out and "inclusion: entry 3" in out

    # Someone with the database file rewrites a refusal as a success: verify names it.
    seq = next(
        r["seq"]
        for r in desk.audit_rows()
        if r["action"] == "evidence.record" and r["outcome"] == "refused"
    )
    with sqlite3.connect(tmp_path / "home" / "cases.db") as con:
        # The append-only trigger stops casual edits; an attacker drops it first.
        con.execute("DROP TRIGGER audit_entries_no_update")
        (body,) = con.execute("SELECT body FROM audit_entries WHERE seq = ?", (seq,)).fetchone()
        forged = body.replace('"outcome":"refused"', '"outcome":"ok"')
        assert forged != body
        con.execute("UPDATE audit_entries SET body = ? WHERE seq = ?", (forged, seq))
    done = desk.run(None, "audit", "verify", at=later)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"Entry {seq} does not match" in " ".join(done.stderr.split())
    assert "intact" not in done.stdout


def test_bad_clock_and_unknown_state_are_one_sentence(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "home", tmp_path)
    done = desk.run(None, "whoami", env={"VIGIL_NOW": "yesterday"})
    assert done.returncode != 0
    assert "VIGIL_NOW 'yesterday' is not an ISO-8601" in " ".join(done.stderr.split())
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert "Unknown case state" in desk.refused(None, "case", "list", "--state", "open")
