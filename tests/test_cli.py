"""The `vigil` command as users and scripts meet it: help, bad input, outputs, audit."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from vigil_cli import audit_entries, run_vigil

KEY = "test-key-0123456789abcdef"


def vigil(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return run_vigil(*args, env=env, cwd=cwd)


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("metadata",),
        ("metadata", "scan"),
        ("metadata", "evaluate"),
        ("simulate", "calls"),
        ("geo", "import-income"),
        ("demo",),
    ],
)
def test_every_command_has_help(args: tuple[str, ...]) -> None:
    done = vigil(*args, "--help")
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout


def test_scan_without_key_is_refused(tmp_path: Path, examples: Path) -> None:
    done = vigil(
        "metadata",
        "scan",
        str(examples / "calls.csv"),
        "--out",
        str(tmp_path / "f.csv"),
        env={"VIGIL_PSEUDONYM_KEY": "", "VIGIL_HOME": str(tmp_path)},
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "No pseudonymisation key" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "f.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("metadata", "scan", "missing.csv", "--out", "f.csv"), "does not exist"),
        (("metadata", "scan", "{calls}", "--out", "f.txt"), "use a .parquet, .csv or .jsonl"),
        (("metadata", "scan", "{calls}", "--out", "f.csv", "--engine", "oracle"), "Unknown engine"),
        (("metadata", "evaluate", "{calls}", "--truth", "nope.csv"), "does not exist"),
    ],
)
def test_bad_input_is_one_sentence_without_traceback(
    tmp_path: Path, examples: Path, args: tuple[str, ...], message: str
) -> None:
    args = tuple(a.replace("{calls}", str(examples / "calls.csv")) for a in args)
    done = vigil(*args, env={"VIGIL_PSEUDONYM_KEY": KEY, "VIGIL_HOME": str(tmp_path)}, cwd=tmp_path)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1


def test_scan_writes_flags_rejects_and_audits_reveal(tmp_path: Path) -> None:
    env = {
        "VIGIL_PSEUDONYM_KEY": KEY,
        "VIGIL_HOME": str(tmp_path / "home"),
        "VIGIL_USER": "analyst1",
    }
    world = tmp_path / "world"
    done = vigil(
        "simulate", "calls", "--out", str(world), "--accounts", "3000", "--seed", "3", env=env
    )
    assert done.returncode == 0, done.stderr
    flags = tmp_path / "flags.jsonl"
    done = vigil(
        "metadata", "scan", str(world / "calls.parquet"), "--out", str(flags), env=env, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "0 rejected" in done.stderr
    rows = [json.loads(line) for line in flags.read_text().splitlines()]
    assert rows, "a world with planted sources yields flags"
    assert set(rows[0]) == {
        "account",
        "role",
        "score",
        "rank",
        "patterns",
        "window_start",
        "explanation",
    }
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert all(r["account"].startswith("p_") and r["explanation"] for r in rows)
    assert audit_entries(tmp_path / "home") == []

    revealed = tmp_path / "revealed.csv"
    done = vigil(
        "metadata",
        "scan",
        str(world / "calls.parquet"),
        "--out",
        str(revealed),
        "--reveal-ids",
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = revealed.read_text()
    assert "p_" not in text.split("\n", 1)[1].split(",")[0]
    entries = audit_entries(tmp_path / "home")
    assert entries[-1]["action"] == "metadata.reveal_ids"
    assert entries[-1]["actor"] == "analyst1"
    assert entries[-1]["details"]["accounts"] == len(rows)
