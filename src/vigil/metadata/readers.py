"""Readers for the CDR contract: Parquet, CSV and JSONL, with a column mapping.

Readers never drop a row. Lines that are not records at all (invalid JSON) come back as
pre-rejected rows so they reach the rejects file with their reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from vigil.core import CDR_COLUMNS, InputError
from vigil.metadata.engine import register

FORMATS = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".json": "jsonl",
}


@dataclass
class CallSource:
    """One table per input file (types differ by format), plus rows rejected before parsing."""

    parts: list[ir.Table]
    prerejected: list[dict[str, Any]] = field(default_factory=list)


def detect_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    for suffix in reversed(suffixes):
        if suffix in FORMATS:
            return FORMATS[suffix]
    raise InputError(f"Cannot tell the format of {path.name}: use a .parquet, .csv or .jsonl file.")


def _is_spark(con: BaseBackend) -> bool:
    return bool(con.name == "pyspark")


def _read_one(con: BaseBackend, path: Path, fmt: str, sink: list[dict[str, Any]]) -> ir.Table:
    if fmt == "parquet":
        return con.read_parquet(str(path))
    if fmt == "csv":
        if _is_spark(con):
            return con.read_csv(str(path), header=True, inferSchema=False)
        # Text first: parsing is validation, and a bad cell must become a reject reason.
        return con.read_csv(str(path), all_varchar=True, null_padding=True)
    return register(con, _read_jsonl(path, sink))


def _read_jsonl(path: Path, sink: list[dict[str, Any]]) -> pa.Table:
    rows: dict[str, list[str | None]] = {c: [] for c in CDR_COLUMNS}
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
            except (ValueError, UnicodeDecodeError):
                sink.append(
                    {"source_file": f"{path.name}:{lineno}", "reason": "line is not a JSON object"}
                )
                continue
            for col in CDR_COLUMNS:
                value = record.get(col)
                rows[col].append(None if value is None else str(value))
    return pa.table({c: pa.array(v, pa.string()) for c, v in rows.items()})


def _apply_mapping(table: ir.Table, path: Path, mapping: Mapping[str, str]) -> ir.Table:
    renames = {
        contract: provider for contract, provider in mapping.items() if provider in table.columns
    }
    if renames:
        table = table.rename(renames)
    missing = [c for c in CDR_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(
            f"{path.name} lacks the column(s) {', '.join(missing)}; "
            "map them with column_mapping in the config file."
        )
    return table.select(*CDR_COLUMNS)


def read_calls(
    con: BaseBackend, paths: Sequence[Path], mapping: Mapping[str, str] | None = None
) -> CallSource:
    """Read every input into one table with the contract columns and a source_file column."""
    if not paths:
        raise InputError("No call files were given.")
    sink: list[dict[str, Any]] = []
    parts: list[ir.Table] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"Call file {path} does not exist.")
        fmt = detect_format(path)
        try:
            table = _read_one(con, path, fmt, sink)
        except InputError:
            raise
        except Exception as exc:  # engines raise many types for unreadable files
            raise InputError(f"Cannot read {path.name} as {fmt}: {_first_line(exc)}.") from exc
        table = _apply_mapping(table, path, mapping or {})
        parts.append(table.mutate(source_file=ibis.literal(path.name)))
    return CallSource(parts=parts, prerejected=sink)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else type(exc).__name__
