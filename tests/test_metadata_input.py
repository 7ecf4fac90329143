"""The CDR contract at the edges: readers, rejects with reasons, column mapping."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from vigil.core import InputError, MetadataConfig, Pseudonymiser
from vigil.geo import load_country_table, parse_risk_area
from vigil.metadata import GeoContext, ScanResult, connect, scan_calls

NOW = datetime(2026, 11, 1, tzinfo=UTC)
GEO = GeoContext(countries=load_country_table(None), risk_areas=[parse_risk_area("PH")])


def scan(paths: list[Path], mapping: dict[str, str] | None = None) -> ScanResult:
    return scan_calls(
        connect("duckdb"),
        paths,
        GEO,
        MetadataConfig(),
        Pseudonymiser(b"test-key-0123456789abcdef"),
        column_mapping=mapping,
        now=NOW,
    )


def test_examples_reject_both_bad_rows_with_reasons(examples: Path) -> None:
    result = scan([examples / "calls.csv"])
    assert (result.rows_read, result.rows_valid, result.rows_rejected) == (5, 3, 2)
    reasons = dict(
        zip(
            result.rejects["call_id"].to_pylist(), result.rejects["reason"].to_pylist(), strict=True
        )
    )
    assert reasons["c000004"] == "duration_s is negative; caller_ip is not an IP address"
    assert reasons["c000005"] == "missing caller"
    # Nothing is lost: the reject keeps the original fields.
    row = result.rejects.filter(pa.compute.equal(result.rejects["call_id"], "c000004")).to_pylist()[
        0
    ]
    assert row["caller_ip"] == "not-an-ip" and row["duration_s"] == "-5"


CLEAN = {
    "call_id": ["x1", "x2", "x3", "x4", "x5", "x6", "x7"],
    "started_at": [
        "2026-03-02T10:00:00Z",
        "1970-01-01T00:00:00Z",
        "2031-01-01T00:00:00Z",
        "2026-03-02 10:00:00",
        "yesterday",
        "2026-03-02T10:00:00Z",
        "2026-03-02T10:00:00Z",
    ],
    "duration_s": ["60", "60", "60", "999999", "60", "sixty", "60"],
    "caller": ["a", "a", "a", "a", "a", "a", "a"],
    "callee": ["b", "b", "b", "b", "b", "b", "a"],
    "caller_ip": ["112.198.10.4"] * 7,
    "callee_ip": [
        "81.2.69.142",
        "81.2.69.142",
        "81.2.69.142",
        "81.2.69.142",
        "81.2.69.142",
        "81.2.69.142",
        "::1",
    ],
    "media": ["video", "video", "video", "video", "VIDEO", "fax", "audio"],
}


def test_impossible_values_are_rejected_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    pacsv.write_csv(pa.table(CLEAN), path)
    result = scan([path])
    got = dict(
        zip(
            result.rejects["call_id"].to_pylist(), result.rejects["reason"].to_pylist(), strict=True
        )
    )
    assert got == {
        "x2": "started_at is before 2000",
        "x3": "started_at is in the future",
        "x4": "duration_s exceeds 48 hours",
        "x5": "started_at is not a timestamp",
        "x6": "duration_s is not an integer; media is not audio, video or chat",
        "x7": "caller and callee are the same account",
    }
    assert result.rows_valid == 1 and result.rows_read == 7


def test_parquet_jsonl_and_mapping_read_the_same_rows(tmp_path: Path) -> None:
    table = pa.table(CLEAN)
    pq.write_table(table, tmp_path / "calls.parquet")
    with (tmp_path / "calls.jsonl").open("w") as fh:
        for row in table.to_pylist():
            fh.write(json.dumps(row) + "\n")
        fh.write("{not json\n")
    renamed = table.rename_columns(
        ["id", *table.column_names[1:3], "from", "to", *table.column_names[5:]]
    )
    pacsv.write_csv(renamed, tmp_path / "provider.csv")
    parquet = scan([tmp_path / "calls.parquet"])
    jsonl = scan([tmp_path / "calls.jsonl"])
    mapped = scan([tmp_path / "provider.csv"], {"call_id": "id", "caller": "from", "callee": "to"})
    assert parquet.rows_valid == jsonl.rows_valid == mapped.rows_valid == 1
    assert jsonl.rows_rejected == parquet.rows_rejected + 1
    assert "line is not a JSON object" in jsonl.rejects["reason"].to_pylist()
    assert jsonl.rejects["source_file"].to_pylist()[-1] == "calls.jsonl:8"


def test_unreadable_inputs_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        scan([tmp_path / "missing.csv"])
    (tmp_path / "calls.txt").write_text("x")
    with pytest.raises(InputError, match="format"):
        scan([tmp_path / "calls.txt"])
    (tmp_path / "few.csv").write_text("call_id,caller\n1,a\n")
    with pytest.raises(InputError, match="lacks the column"):
        scan([tmp_path / "few.csv"])
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(InputError, match=r"Cannot read broken\.parquet"):
        scan([tmp_path / "broken.parquet"])
