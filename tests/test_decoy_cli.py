"""`vigil decoy run|report|attach` as investigators and scripts meet them."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_decoy_irc import CHANNEL, IrcPartner, ngircd_server
from vigil.decoy import DecoyRuntime, EvidenceStore, InProcessTransport, build_engine
from vigil_cli import run_vigil

SCRIPT = ["hi", "how old are you", "i send money if you show on cam", "my skype is test.partner99"]
WIDE = {"COLUMNS": "500"}  # rich wraps long paths at the terminal width
FIELDS = {
    "partner",
    "network",
    "level",
    "identifiers",
    "first_seen",
    "last_seen",
    "messages_in",
    "messages_out",
}


@pytest.mark.parametrize(
    "args", [("decoy",), ("decoy", "run"), ("decoy", "report"), ("decoy", "attach")]
)
def test_every_decoy_command_has_help(args: tuple[str, ...]) -> None:
    done = run_vigil(*args, "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout


def make_evidence(root: Path) -> None:
    engine = build_engine(retrieval="keyword", pace="instant", rng_seed=2)

    async def main() -> None:
        transport = InProcessTransport("irc:example:6667/lily")
        runtime = DecoyRuntime(engine, EvidenceStore(root), idle_tick_s=0)
        runtime.add(transport)
        await runtime.start()
        for partner in ("bob", "eve"):
            for text in SCRIPT if partner == "bob" else SCRIPT[:1]:
                transport.deliver(partner, text)
                await transport.next_line(partner)
        await runtime.stop()

    asyncio.run(main())


def test_report_writes_one_dossier_per_partner(tmp_path: Path) -> None:
    make_evidence(tmp_path / "ev")
    out = tmp_path / "dossiers.jsonl"
    done = run_vigil("decoy", "report", str(tmp_path / "ev"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "chains intact" in done.stdout and "2 partners" in done.stdout
    assert "signed heads verified" in done.stdout
    rows = {r["partner"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(rows) == {"bob", "eve"}
    assert set(rows["bob"]) >= FIELDS
    assert rows["bob"]["level"] == "confirmed"
    assert rows["bob"]["identifiers"] == {"handle": ["skype:test.partner99"]}
    assert (rows["bob"]["messages_in"], rows["bob"]["messages_out"]) == (4, 4)
    assert rows["eve"]["network"] == "irc:example:6667/lily"


def test_report_names_a_tampered_line_in_one_sentence(tmp_path: Path) -> None:
    make_evidence(tmp_path / "ev")
    path = tmp_path / "ev" / "irc_example_6667_lily.jsonl"
    rows = path.read_text().splitlines()
    row = json.loads(rows[3])
    row["text"] = "ok"
    rows[3] = json.dumps(row)
    path.write_text("\n".join(rows) + "\n")
    done = run_vigil(
        "decoy", "report", str(tmp_path / "ev"), "--out", str(tmp_path / "d.jsonl"), env=WIDE
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    message = " ".join(done.stderr.split())
    assert "irc_example_6667_lily.jsonl line 4 breaks the hash chain" in message
    assert not (tmp_path / "d.jsonl").exists()


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("--evidence", "EV"), "give --irc HOST:PORT or --xmpp JID"),
        (("--evidence", "EV", "--irc", "localhost", "--nick", "x"), "--irc must be HOST:PORT"),
        (("--evidence", "EV", "--irc", "h:1", "--nick", "x", "--pace", "slow"), "--pace must"),
        (("--evidence", "EV", "--xmpp", "a@b"), "--xmpp needs --password"),
    ],
)
def test_run_refuses_bad_options_in_one_sentence(
    args: tuple[str, ...], sentence: str, tmp_path: Path
) -> None:
    args = tuple(str(tmp_path / "ev") if a == "EV" else a for a in args)
    done = run_vigil("decoy", "run", *args, env=WIDE, drop=("VIGIL_XMPP_PASSWORD",))
    assert done.returncode == 2, done.stderr
    assert sentence in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr


def test_report_and_attach_refuse_a_folder_without_a_decoy(tmp_path: Path) -> None:
    done = run_vigil("decoy", "report", str(tmp_path), "--out", str(tmp_path / "d.jsonl"), env=WIDE)
    assert done.returncode == 2 and "holds no transcript files" in done.stderr
    done = run_vigil("decoy", "attach", str(tmp_path), env=WIDE)
    assert done.returncode == 2 and "no decoy is running" in " ".join(done.stderr.split())


def test_run_on_ngircd_with_an_attached_console_then_sigterm(tmp_path: Path) -> None:
    evidence = tmp_path / "ev"
    with ngircd_server(tmp_path) as port:
        decoy = subprocess.Popen(
            [sys.executable, "-c", "from vigil.cli.main import main; main()", "decoy", "run",
             "--irc", f"127.0.0.1:{port}", "--channel", CHANNEL, "--nick", "lily10",
             "--evidence", str(evidence), "--pace", "instant", "--retrieval", "keyword"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while not (evidence / "operator.sock").exists():
                assert decoy.poll() is None, decoy.communicate()[1]
                assert time.monotonic() < deadline, "the decoy did not start"
                time.sleep(0.1)
            replies = asyncio.run(asyncio.wait_for(partner_talks(port), 20))
            assert len(replies) == len(SCRIPT)
            done = run_vigil("decoy", "attach", str(evidence), stdin="list\nquit\n")
            assert done.returncode == 0, done.stderr
            assert "conv irc:127.0.0.1" in done.stdout and "bob77 level=confirmed" in done.stdout
        finally:
            decoy.send_signal(signal.SIGTERM)
            _stdout, stderr = decoy.communicate(timeout=20)
    assert decoy.returncode == 0, stderr
    assert "dossiers in" in stderr
    (row,) = [json.loads(x) for x in (evidence / "dossiers.jsonl").read_text().splitlines()]
    assert row["partner"] == "bob77" and row["identifiers"] == {"handle": ["skype:test.partner99"]}
    assert not (evidence / "operator.sock").exists()


async def partner_talks(port: int) -> list[str]:
    partner = IrcPartner("bob77")
    await partner.connect(port)
    replies = []
    for line in SCRIPT:
        partner.conn.privmsg("lily10", line)
        replies.append((await partner.expect("privmsg", "lily10")).text)
    partner.close()
    return replies


def test_report_names_a_cut_transcript_in_one_sentence(tmp_path: Path) -> None:
    make_evidence(tmp_path / "ev")
    path = tmp_path / "ev" / "irc_example_6667_lily.jsonl"
    rows = path.read_text().splitlines()
    last = json.loads(rows[-1])["partner"]
    path.write_text("\n".join(rows[:-1]) + "\n")  # a valid hash chain, one line short
    done = run_vigil(
        "decoy", "report", str(tmp_path / "ev"), "--out", str(tmp_path / "d.jsonl"), env=WIDE
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    message = " ".join(done.stderr.split())
    assert (
        f"irc_example_6667_lily.jsonl is shorter than its signed head for partner {last!r}"
        in message
    )
    assert not (tmp_path / "d.jsonl").exists()
