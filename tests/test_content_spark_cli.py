"""`vigil content scan --engine spark` writes what the embedded engine writes."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from vigil.simulate import ConversationParams, simulate_conversations, write_conversations
from vigil_cli import run_vigil

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

KEY = "spark-cli-key-0123456789abcdef"


def scan(tmp: Path, source: Path, out: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {"VIGIL_PSEUDONYM_KEY": KEY, "VIGIL_HOME": str(tmp / "home")}
    args = ["content", "scan", str(source), "--out", str(tmp / out), "--semantic", "off"]
    return run_vigil(*args, *extra, env=env)


def test_spark_and_embedded_write_the_same_scores(tmp_path: Path, java: None) -> None:
    pytest.importorskip("pyspark", reason="PySpark is not installed (the 'spark' extra)")
    corpus = simulate_conversations(ConversationParams(seed=12, conversations=300))
    write_conversations(corpus, tmp_path / "c")
    for name in ("messages.parquet", "messages.jsonl"):
        embedded = scan(tmp_path, tmp_path / "c" / name, "e.jsonl")
        spark = scan(tmp_path, tmp_path / "c" / name, "s.jsonl", "--engine", "spark",
                     "--spark-master", "local[2]")  # fmt: skip
        assert embedded.returncode == 0, embedded.stderr
        assert spark.returncode == 0, spark.stderr
        written = (tmp_path / "s.jsonl").read_text()
        assert written == (tmp_path / "e.jsonl").read_text(), name
        assert '"flagged": true' in written


def test_spark_rejects_the_bad_example_rows(tmp_path: Path, java: None, examples: Path) -> None:
    pytest.importorskip("pyspark", reason="PySpark is not installed (the 'spark' extra)")
    done = scan(tmp_path, examples / "messages.jsonl", "x.jsonl", "--engine", "spark")
    assert done.returncode == 0, done.stderr
    assert "5 messages: 3 valid, 2 rejected" in " ".join(done.stderr.split())
    with (tmp_path / "x.rejects.csv").open() as fh:
        reasons = sorted(r["reason"] for r in csv.DictReader(fh))
    assert reasons == ["line is not valid JSON", "missing field text"]


def test_spark_refuses_transcripts_in_one_sentence(tmp_path: Path) -> None:
    source = tmp_path / "t.vtt"
    source.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<v a>hello\n")
    done = scan(tmp_path, source, "t.jsonl", "--engine", "spark")
    assert done.returncode == 2
    assert "needs the embedded engine" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
