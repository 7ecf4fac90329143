"""Readers for the Messages contract: every row read is a message or a reject with a reason."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.content.messages import (
    MESSAGE_SCHEMA,
    Reject,
    parse_json_line,
    validate_table,
)
from vigil.content.transcripts import parse_srt, parse_webvtt
from vigil.core import InputError
from vigil.store.message_files import read_messages, write_rejects

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def line(**fields: Any) -> bytes:
    base = {
        "conversation_id": "c1",
        "sender": "ana",
        "sent_at": "2026-03-02T10:00:00Z",
        "text": "see you at the clinic",
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...}).encode()


def rows(stream: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for batch in stream:
        assert batch.schema == MESSAGE_SCHEMA
        out.extend(batch.to_pylist())
    return out


def balanced(stream: Any) -> None:
    for counts in stream.counts.values():
        assert counts.read == counts.valid + counts.rejected
    assert stream.counts.rejected == len(stream.rejects)
    assert stream.counts.read == stream.counts.valid + stream.counts.rejected


# -- the shared example --------------------------------------------------------------------


def test_shared_example(examples: Path, tmp_path: Path) -> None:
    stream = read_messages([examples / "messages.jsonl"])
    got = rows(stream)
    assert [r["message_id"] for r in got] == ["k1-1", "k1-2", "k1-3"]
    assert got[0]["sent_at"] == datetime(2026, 3, 2, 10, 15, 10, tzinfo=UTC)
    assert stream.rejects == [
        Reject("messages.jsonl:4", "missing text"),
        Reject("messages.jsonl:5", "line is not valid JSON"),
    ]
    counts = stream.counts["messages.jsonl"]
    assert (counts.read, counts.valid, counts.rejected) == (5, 3, 2)
    out = write_rejects(stream.rejects, tmp_path / "out" / "rejects.csv")
    with out.open(newline="") as fh:
        assert list(csv.reader(fh)) == [
            ["source", "reason"],
            ["messages.jsonl:4", "missing text"],
            ["messages.jsonl:5", "line is not valid JSON"],
        ]


# -- JSON lines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (line(text="cafe").replace(b"cafe", b"caf\xe9"), "text is not valid UTF-8"),
        (line(text="\ud800"), "text is not valid UTF-8"),  # escaped lone surrogate
        (line(text="x" * 21), "text longer than 20 characters"),
        (line(sent_at="yesterday"), "sent_at is not an ISO-8601 timestamp"),
        (line(sent_at=1772445600), "sent_at is not an ISO-8601 timestamp"),
        (line(sender=...), "missing sender"),
        (line(conversation_id=""), "missing conversation_id"),
        (line(text=["a"]), "text is not a string"),
        (b"[1, 2]", "line is not a JSON object"),
        (b"{" * 5000, "line is not valid JSON"),
    ],
)
def test_json_line_rejects(raw: bytes, reason: str) -> None:
    assert parse_json_line(raw, "f.jsonl:7", max_text_chars=20) == Reject("f.jsonl:7", reason)


def test_json_line_defaults_and_mapping() -> None:
    row = parse_json_line(line(message_id=..., sent_at="2026-03-02T12:00:00+02:00"), "f:7")
    assert isinstance(row, dict)
    assert row["message_id"] == "c1:7"  # derived: conversation id and line number
    assert row["sent_at"] == T0
    assert row["lang"] is None
    naive = parse_json_line(line(sent_at="2026-03-02T10:00:00", lang="tl"), "f:8")
    assert isinstance(naive, dict)
    assert (naive["sent_at"], naive["lang"]) == (T0, "tl")
    raw = json.dumps({"chat": "c9", "from": "ben", "ts": "2026-03-02T10:00:00Z", "body": "ok"})
    mapped = parse_json_line(
        raw.encode(),
        "f:9",
        columns={"conversation_id": "chat", "sender": "from", "sent_at": "ts", "text": "body"},
    )
    assert isinstance(mapped, dict)
    assert (mapped["conversation_id"], mapped["sender"], mapped["text"]) == ("c9", "ben", "ok")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_parse_json_line_never_raises_on_bytes(raw: bytes) -> None:
    assert isinstance(parse_json_line(raw, "f:1"), dict | Reject)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["conversation_id", "message_id", "sender", "sent_at", "text", "lang"]),
        _json_values,
    )
)
def test_parse_json_line_never_raises_on_objects(record: dict[str, Any]) -> None:
    raw = json.dumps(record).encode()
    result = parse_json_line(raw, "f:1")
    if isinstance(result, dict):
        pa.RecordBatch.from_pylist([result], schema=MESSAGE_SCHEMA)  # always fits the schema


def test_file_with_bad_bytes_and_oversized_line(tmp_path: Path) -> None:
    path = tmp_path / "chat.ndjson"
    huge = b'{"text": "' + b"a" * 1_100_000 + b'"}'
    path.write_bytes(
        b"\n".join(
            [
                line(text="ok then"),
                line(text="cafe").replace(b"cafe", b"caf\xff"),
                b"",  # blank lines are not rows
                huge,
                line(text="bye"),
            ]
        )
    )
    stream = read_messages([path])
    assert [r["text"] for r in rows(stream)] == ["ok then", "bye"]
    assert stream.rejects == [
        Reject("chat.ndjson:2", "text is not valid UTF-8"),
        Reject("chat.ndjson:4", "line longer than 1 MB"),
    ]
    assert stream.counts["chat.ndjson"].read == 4
    balanced(stream)


def test_batches_respect_batch_rows(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    lines = [line(message_id=f"m{i}", text="hello") for i in range(23)]
    lines[5] = b"not json"
    path.write_bytes(b"\n".join(lines) + b"\n")
    stream = read_messages([path], batch_rows=5)
    sizes = [b.num_rows for b in stream]
    assert sizes == [5, 5, 5, 5, 2]
    assert sum(sizes) + len(stream.rejects) == stream.counts["many.jsonl"].read == 23
    balanced(stream)


# -- Parquet -------------------------------------------------------------------------------


def test_parquet_with_mapping_and_null_text(tmp_path: Path) -> None:
    path = tmp_path / "export.parquet"
    table = pa.table(
        {
            "chat": ["c1", "c1", "c2", "c2", "c3"],
            "author": ["ana", "ben", "ana", "", "dan"],
            "ts": [
                "2026-03-02T10:00:00Z",
                "2026-03-02 12:00:00+02:00",
                "2026-03-02T10:00:00.1234567Z",
                "2026-03-02T10:00:00Z",
                "2026-02-30T10:00:00Z",
            ],
            "body": ["ok po", None, "thanks", "see you", "fine"],
            "message_id": ["a", "b", None, "d", "e"],
            "extra": [1, 2, 3, 4, 5],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    mapping = {"conversation_id": "chat", "sender": "author", "sent_at": "ts", "text": "body"}
    stream = read_messages([path], columns=mapping, batch_rows=2)
    got = rows(stream)
    assert [(r["message_id"], r["text"]) for r in got] == [("a", "ok po"), ("c2:3", "thanks")]
    assert got[0]["sent_at"] == T0
    assert got[1]["sent_at"] == T0 + timedelta(microseconds=123456)
    assert stream.rejects == [
        Reject("export.parquet:2", "missing text"),
        Reject("export.parquet:4", "missing sender"),
        Reject("export.parquet:5", "sent_at is not an ISO-8601 timestamp"),
    ]
    balanced(stream)
    assert stream.counts["export.parquet"].read == 5


def test_parquet_missing_column_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "short.parquet"
    pq.write_table(pa.table({"conversation_id": ["c1"], "text": ["hi"]}), path)
    with pytest.raises(InputError, match=r"lacks the column\(s\) sender, sent_at"):
        list(read_messages([path]))


def test_validate_table_typed_columns() -> None:
    table = pa.table(
        {
            "conversation_id": pa.array([7, 8, None], pa.int64()),
            "sender": ["ana", "ben", "cy"],
            "sent_at": pa.array([datetime(2026, 3, 2, 10), None, datetime(2026, 3, 2)]),
            "text": ["hi", "ok", "yes"],
            "lang": ["tl", "", None],
        }
    )
    valid, rejects = validate_table(table, "t.parquet", 100, first_row=11)
    assert valid.schema == MESSAGE_SCHEMA
    assert valid.to_pylist()[0]["message_id"] == "7:11"
    assert valid.column("lang").to_pylist() == ["tl"]
    assert rejects == [
        Reject("t.parquet:12", "missing sent_at"),
        Reject("t.parquet:13", "missing conversation_id"),
    ]


def test_validate_table_bytes_and_dictionaries() -> None:
    table = pa.table(
        {
            "conversation_id": pa.array(["c1", "c1", "c2"]).dictionary_encode(),
            "sender": pa.array([b"ana", b"ben", b"cy"], pa.binary()),
            "sent_at": pa.array(
                ["2026-03-02T10:00:00Z", "2026-03-02t10:00:00z", "12026-03-02T10:00:00Z"]
            ).dictionary_encode(),
            "text": pa.array([b"ok", b"caf\xff", b"fine"], pa.binary()),
        }
    )
    valid, rejects = validate_table(table, "t.parquet")
    assert valid.column("sender").to_pylist() == ["ana"]
    assert rejects == [
        Reject("t.parquet:2", "text is not valid UTF-8"),
        Reject("t.parquet:3", "sent_at is not an ISO-8601 timestamp"),
    ]


# -- transcripts ---------------------------------------------------------------------------

VTT = """WEBVTT

NOTE made by hand

1
00:00:01.000 --> 00:00:02.500
<v Ana>good morning <i>po</i></v>

2
00:00:03.000 --> 00:00:0x.000
<v Ben>this cue is broken

3
00:01:04.000 --> 00:01:05.000
<v Ben>morning, all set
<v Ana>yes &amp; thanks
"""

SRT = """1
00:00:01,000 --> 00:00:02,000
Ana: is the form ready?

2
00:00:03,000 -> 00:00:04,000
Ben: broken timing

3
00:00:05,000 --> 00:00:06,000
Ben: yes, sent it
still Ben here
"""


def test_parse_webvtt() -> None:
    out = parse_webvtt(VTT, "call7", T0, source="call7.vtt")
    messages = [m for m in out if isinstance(m, dict)]
    assert [(m["message_id"], m["sender"], m["text"]) for m in messages] == [
        ("call7-1", "Ana", "good morning po"),
        ("call7-3", "Ben", "morning, all set"),
        ("call7-3.2", "Ana", "yes & thanks"),
    ]
    assert messages[1]["sent_at"] == T0 + timedelta(minutes=1, seconds=4)
    assert [m for m in out if isinstance(m, Reject)] == [
        Reject("call7.vtt:10", "cue timing is not [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt")
    ]


def test_parse_srt() -> None:
    out = parse_srt(SRT, "call8", T0)
    messages = [m for m in out if isinstance(m, dict)]
    assert [(m["message_id"], m["sender"], m["text"]) for m in messages] == [
        ("call8-1", "Ana", "is the form ready?"),
        ("call8-3", "Ben", "yes, sent it still Ben here"),
    ]
    assert messages[1]["sent_at"] == T0 + timedelta(seconds=5)
    rejects = [m for m in out if isinstance(m, Reject)]
    assert rejects == [Reject("call8:6", "cue timing is not [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt")]


def test_transcript_without_speaker_is_rejected() -> None:
    out = parse_srt("1\n00:00:01,000 --> 00:00:02,000\nhello\n", "c", T0)
    assert out == [Reject("c:2", "cue has no speaker")]


def test_transcript_files_use_mtime(tmp_path: Path) -> None:
    vtt = tmp_path / "call7.vtt"
    vtt.write_text(VTT, encoding="utf-8")
    srt = tmp_path / "call8.srt"
    srt.write_text(SRT, encoding="utf-8")
    os.utime(vtt, (T0.timestamp(), T0.timestamp()))
    stream = read_messages([vtt, srt], transcript_start=None, batch_rows=2)
    got = rows(stream)
    assert got[0]["conversation_id"] == "call7"
    assert got[0]["sent_at"] == T0 + timedelta(seconds=1)
    assert {r["conversation_id"] for r in got} == {"call7", "call8"}
    assert [r.source for r in stream.rejects] == ["call7.vtt:10", "call8.srt:6"]
    assert stream.counts["call7.vtt"].read == 4
    balanced(stream)


# -- standard input ------------------------------------------------------------------------


def test_stdin_jsonl() -> None:
    data = b"\n".join([line(text="hi"), b"oops", line(text="bye")]) + b"\n"
    stream = read_messages(["-"], stdin=io.BytesIO(data))
    assert [r["text"] for r in rows(stream)] == ["hi", "bye"]
    assert stream.rejects == [Reject("stdin:2", "line is not valid JSON")]
    balanced(stream)


class _SlowFeed(io.RawIOBase):
    """A live feed: the first line at once, the second only after the reader says so."""

    def __init__(self, first: bytes, second: bytes, go: threading.Event) -> None:
        self.parts = [first, second]
        self.go = go

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.parts:
            return 0
        if len(self.parts) == 1:
            self.go.wait(5)
        part = self.parts.pop(0)
        buffer[: len(part)] = part
        return len(part)


def test_stdin_flushes_a_quiet_live_feed() -> None:
    go = threading.Event()
    feed = io.BufferedReader(_SlowFeed(line(text="one") + b"\n", line(text="two") + b"\n", go))
    stream = read_messages(["-"], stdin=feed, batch_rows=100, live_flush_s=0.2)
    batches: Iterator[pa.RecordBatch] = iter(stream)
    started = time.monotonic()
    first = next(batches)  # yielded while the feed is still open
    assert first.column("text").to_pylist() == ["one"]
    assert time.monotonic() - started < 3
    go.set()
    assert [b.column("text").to_pylist() for b in batches] == [["two"]]
    balanced(stream)


# -- bad inputs ----------------------------------------------------------------------------


def test_bad_paths_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_messages([tmp_path / "absent.jsonl"])
    odd = tmp_path / "chat.txt"
    odd.write_text("hi")
    with pytest.raises(InputError, match=r"Cannot tell the format of chat\.txt"):
        read_messages([odd])
    with pytest.raises(InputError, match="unknown message fields: body"):
        read_messages(["-"], columns={"body": "text"})
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(InputError, match=r"Cannot read bad\.parquet as Parquet"):
        list(read_messages([bad]))
