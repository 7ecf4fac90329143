"""`vigil content scan|evaluate` as users and scripts meet them."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from vigil_cli import audit_entries, run_vigil

KEY = "test-key-0123456789abcdef"


def vigil(
    *args: str, tmp: Path, stdin: str | None = None, key: str = KEY
) -> subprocess.CompletedProcess[str]:
    env = {"VIGIL_PSEUDONYM_KEY": key, "VIGIL_HOME": str(tmp / "home")}
    return run_vigil(*args, env=env, cwd=tmp, stdin=stdin)


@pytest.mark.parametrize(
    "args",
    [("content",), ("content", "scan"), ("content", "evaluate"), ("simulate", "conversations")],
)
def test_every_content_command_has_help(args: tuple[str, ...], tmp_path: Path) -> None:
    done = vigil(*args, "--help", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout


def test_the_example_file_gives_scores_and_rejects_with_reasons(
    tmp_path: Path, examples: Path
) -> None:
    out = tmp_path / "scores.jsonl"
    done = vigil(
        "content",
        "scan",
        str(examples / "messages.jsonl"),
        "--out",
        str(out),
        "--semantic",
        "off",
        tmp=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "5 messages: 3 valid, 2 rejected" in " ".join(done.stderr.split())
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["conversation_id"] for r in rows] == ["k1"]
    assert rows[0]["flagged"] is False
    assert {"conversation_id", "flagged", "score", "categories", "explanation"} <= set(rows[0])
    with (tmp_path / "scores.rejects.csv").open() as fh:
        reasons = [r["reason"] for r in csv.DictReader(fh)]
    assert len(reasons) == 2
    assert any("text" in r for r in reasons) and any("JSON" in r for r in reasons)


def test_detection_output_holds_pseudonyms_and_no_text(tmp_path: Path) -> None:
    lines = [
        {
            "conversation_id": "c1",
            "sender": "buyer.raw",
            "sent_at": "2026-03-02T10:00:00Z",
            "text": "can you do a private show on cam",
        },
        {
            "conversation_id": "c1",
            "sender": "local.raw",
            "sent_at": "2026-03-02T10:01:00Z",
            "text": "ok 40 usd via gcash",
        },
    ]
    source = tmp_path / "m.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    for by in ("conversation", "account"):
        out = tmp_path / f"{by}.jsonl"
        done = vigil(
            "content",
            "scan",
            str(source),
            "--out",
            str(out),
            "--by",
            by,
            "--semantic",
            "off",
            tmp=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        written = out.read_text()
        assert "raw" not in written and "gcash" not in written and "private" not in written
        rows = [json.loads(line) for line in written.splitlines()]
        assert any(r["flagged"] for r in rows)


def test_identification_needs_an_authorisation_and_is_audited(tmp_path: Path) -> None:
    source = tmp_path / "m.jsonl"
    source.write_text(
        json.dumps(
            {
                "conversation_id": "c1",
                "sender": "a",
                "sent_at": "2026-03-02T10:00:00Z",
                "text": "send via gcash to 0917 123 4567",
            }
        )
        + "\n"
    )
    out = tmp_path / "s.jsonl"
    refused = vigil(
        "content",
        "scan",
        str(source),
        "--out",
        str(out),
        "--mode",
        "identification",
        tmp=tmp_path,
    )
    assert refused.returncode == 2 and "authorisation" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = vigil(
        "content",
        "scan",
        str(source),
        "--out",
        str(out),
        "--mode",
        "identification",
        "--authorisation",
        "COURT-2026-17",
        "--semantic",
        "off",
        tmp=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    spans = [json.loads(x) for x in (tmp_path / "s.spans.jsonl").read_text().splitlines()]
    assert {k: spans[0][k] for k in ("term", "start", "end")} == {
        "term": "en:payment:gcash",
        "start": 9,
        "end": 14,
    } | {}
    found = [json.loads(x) for x in (tmp_path / "s.identifiers.jsonl").read_text().splitlines()]
    assert "+639171234567" in {f["value"].split(":")[-1] for f in found}
    audit = audit_entries(tmp_path / "home")
    assert [(e["action"], e["outcome"]) for e in audit] == [
        ("content.identification", "refused"),
        ("content.identification", "done"),
    ]
    assert audit[1]["details"]["authorisation"] == "COURT-2026-17"


def test_live_jsonl_on_stdin(tmp_path: Path) -> None:
    feed = (
        json.dumps(
            {
                "conversation_id": "c9",
                "sender": "a",
                "sent_at": "2026-03-02T10:00:00Z",
                "text": "hello",
            }
        )
        + "\nnot json\n"
    )
    out = tmp_path / "live.jsonl"
    done = vigil("content", "scan", "-", "--out", str(out), tmp=tmp_path, stdin=feed)
    assert done.returncode == 0, done.stderr
    assert "1 valid, 1 rejected" in " ".join(done.stderr.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--by", "sender"), "--by must be"),
        (("--mode", "loud"), "--mode must be"),
        (("--semantic", "maybe"), "--semantic must be"),
    ],
)
def test_bad_options_give_one_sentence(
    tmp_path: Path, examples: Path, args: tuple[str, ...], message: str
) -> None:
    done = vigil(
        "content",
        "scan",
        str(examples / "messages.jsonl"),
        "--out",
        str(tmp_path / "o.jsonl"),
        *args,
        tmp=tmp_path,
    )
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_missing_input_is_one_sentence(tmp_path: Path) -> None:
    done = vigil("content", "scan", "nope.jsonl", "--out", "o.jsonl", tmp=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_scan_without_key_is_refused(tmp_path: Path, examples: Path) -> None:
    done = vigil(
        "content",
        "scan",
        str(examples / "messages.jsonl"),
        "--out",
        "o.jsonl",
        tmp=tmp_path,
        key="",
    )
    assert done.returncode == 2 and "key" in done.stderr


def test_evaluate_beats_the_article_rule_on_a_simulated_corpus(tmp_path: Path) -> None:
    made = vigil(
        "simulate",
        "conversations",
        "--out",
        "w",
        "--seed",
        "4",
        "--conversations",
        "600",
        tmp=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    done = vigil("content", "evaluate", "w", "--semantic", "off", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    rows: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        if line.startswith(("│ vigil", "│ article rule")):
            # The first table is per conversation; later ones repeat the detector names.
            rows.setdefault(line.split("│")[1].strip(), [c.strip() for c in line.split("│")[2:-1]])
    ours, theirs = rows["vigil"], rows["article rule"]
    assert float(ours[4]) > float(theirs[4]) + 0.05  # F0.5
    assert float(ours[2]) >= 0.9  # precision
    assert "Flag rate per kind" in done.stdout


def test_the_semantic_stage_cannot_reread_stdin(tmp_path: Path) -> None:
    done = vigil(
        "content", "scan", "-", "--out", "o.jsonl", "--semantic", "on", tmp=tmp_path, stdin=""
    )
    assert done.returncode == 2
    assert "cannot re-read stdin" in done.stderr and "Traceback" not in done.stderr
