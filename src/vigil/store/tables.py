"""Writing result tables as Parquet, CSV or JSONL, chosen by the file suffix."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from vigil.core import InputError

SUFFIXES = (".parquet", ".csv", ".jsonl")


def _flat_lists(table: pa.Table) -> pa.Table:
    """CSV has no lists: join them with ';' so a spreadsheet shows them."""
    cols = []
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_list(col.type):
            col = pa.array([";".join(v) if v is not None else None for v in col.to_pylist()])
        cols.append(col)
    return pa.table(cols, names=table.column_names)


def write_table(table: pa.Table, path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"Cannot write {path.name}: use a .parquet, .csv or .jsonl file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        pq.write_table(table, path)
    elif suffix == ".csv":
        pacsv.write_csv(_flat_lists(table), path)
    else:
        with path.open("w", encoding="utf-8") as fh:
            for row in table.to_pylist():
                fh.write(json.dumps(row, default=_iso, ensure_ascii=False) + "\n")
    return path


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
