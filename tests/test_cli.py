"""The `vigil` command as users and scripts meet it: help, bad input, outputs, audit."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
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
    calls = pq.read_table(world / "calls.parquet")
    _check_contacts(tmp_path / "flags.contacts.parquet", {r["account"] for r in rows}, calls)

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
    raw = set(pacsv.read_csv(revealed)["account"].to_pylist())
    contacts = _check_contacts(tmp_path / "revealed.contacts.parquet", raw, calls)
    # With raw ids the figures can be checked against the input: every call of the account.
    some = sorted(raw)[0]
    mine = pc.or_(pc.equal(calls["caller"], some), pc.equal(calls["callee"], some))
    theirs = contacts.filter(pc.equal(contacts["account"], some))
    assert pc.sum(theirs["calls"]).as_py() == pc.sum(mine.cast("int64")).as_py()
    entries = audit_entries(tmp_path / "home")
    assert entries[-1]["action"] == "metadata.reveal_ids"
    assert entries[-1]["actor"] == "analyst1"
    assert entries[-1]["details"]["accounts"] == len(rows)
    assert entries[-1]["details"]["contacts"].endswith("revealed.contacts.parquet")


def _check_contacts(path: Path, flagged: set[str], calls: pa.Table) -> pa.Table:
    """The sidecar: aggregate figures of the flagged accounts only, no counterpart, no IP."""
    table = pq.read_table(path)
    assert table.column_names == ["account", "country", "day", "calls", "video_calls", "minutes"]
    assert table.num_rows > 0 and set(table["account"].to_pylist()) == flagged
    assert all(c == "??" or (len(c) == 2 and c.isupper()) for c in table["country"].to_pylist())
    assert pc.all(pc.less_equal(table["video_calls"], table["calls"])).as_py()
    ids = set(calls["caller"].to_pylist()) | set(calls["callee"].to_pylist())
    ips = set(calls["caller_ip"].to_pylist()) | set(calls["callee_ip"].to_pylist())
    cells = {str(v) for col in table.columns for v in col.to_pylist()}
    assert not cells & ips
    assert cells & ids <= flagged  # raw ids only when revealed, and only the flagged ones
    return table


def test_engine_memory_limit_comes_from_config(tmp_path: Path, examples: Path) -> None:
    """[metadata] engine_memory_limit reaches DuckDB; a malformed one is one sentence."""
    from vigil.metadata import connect

    con = connect("duckdb", memory_limit="1GB")
    limit = con.raw_sql("SELECT current_setting('memory_limit')").fetchone()
    assert limit is not None and limit[0].replace(" ", "") in {"1.0GB", "953.6MiB", "1000.0MB"}

    base = {"VIGIL_PSEUDONYM_KEY": KEY, "VIGIL_HOME": str(tmp_path)}
    args = ("metadata", "scan", str(examples / "calls.csv"), "--out", str(tmp_path / "f.csv"))
    done = vigil(*args, env={**base, "VIGIL_METADATA__ENGINE_MEMORY_LIMIT": "lots"}, cwd=tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "engine_memory_limit" in done.stderr
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1
    done = vigil(*args, env={**base, "VIGIL_METADATA__ENGINE_MEMORY_LIMIT": "1GB"}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
