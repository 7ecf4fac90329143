"""Detection findings attached to a case: the rows of flags and content-score files that
concern the case's accounts.

A finding is stored as {"kind": "metadata_flag" | "content_score", "file": NAME, "row": ROW}.
Detection outputs carry no message text; any text-like column is dropped all the same, so a
file from identification mode cannot carry content into the case by mistake.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from pyarrow import ArrowInvalid

from vigil.core import InputError

METADATA = "metadata_flag"
CONTENT = "content_score"
ACCOUNT_FIELDS = ("account", "requester")
TEXT_FIELDS = frozenset(
    {"text", "texts", "spans", "span", "snippet", "excerpt", "body", "transcript", "quote"}
)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def read_rows(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InputError(f"Findings file {path} does not exist.")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return list(pq.read_table(path).to_pylist())
        if suffix == ".csv":
            return list(pacsv.read_csv(path).to_pylist())
    except (ArrowInvalid, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"Findings file {path} cannot be read: {first}.") from exc
    if suffix not in (".jsonl", ".json"):
        raise InputError(f"Findings file {path.name}: use a .parquet, .csv or .jsonl file.")
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise InputError(f"Line {number} of {path.name} is not JSON.") from None
            if not isinstance(row, dict):
                raise InputError(f"Line {number} of {path.name} is not a JSON object.")
            rows.append(row)
    return rows


def kind_of(columns: Iterable[str], name: str) -> str:
    cols = set(columns)
    if cols & {"categories", "flagged", "conversation_id"}:
        return CONTENT
    if "account" in cols and cols & {"patterns", "role", "rank"}:
        return METADATA
    raise InputError(
        f"{name} is neither a flags file (account, role, patterns...) nor content scores "
        "(conversation_id or account, flagged, categories...)."
    )


def case_findings(path: Path, accounts: Sequence[str]) -> tuple[list[dict[str, Any]], int]:
    """The findings of one file that concern `accounts`, and how many rows the file had.

    Rows are kept when an account field (account, requester) names a case account; a
    content-score file with no account in any row (scores per conversation of unknown
    parties) is kept whole, since nothing in it can be matched.
    """
    rows = read_rows(path)
    if not rows:
        return [], 0
    kind = kind_of({k for r in rows for k in r}, path.name)
    wanted = set(accounts)
    has_accounts = any(r.get(f) for r in rows for f in ACCOUNT_FIELDS)
    kept = [
        r
        for r in rows
        if (not has_accounts and kind == CONTENT) or any(r.get(f) in wanted for f in ACCOUNT_FIELDS)
    ]
    findings = [
        {
            "kind": kind,
            "file": path.name,
            "row": {k: _plain(v) for k, v in r.items() if k.lower() not in TEXT_FIELDS},
        }
        for r in kept
    ]
    return findings, len(rows)


def split_findings(
    findings: Iterable[dict[str, Any]],
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """(metadata flag rows, content score rows) of a case's stored findings."""
    flags: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    for finding in findings:
        row = finding.get("row")
        if not isinstance(row, dict):
            row = {k: v for k, v in finding.items() if k not in ("kind", "file")}
        if finding.get("kind") == METADATA:
            flags.append(row)
        elif finding.get("kind") == CONTENT:
            scores.append(row)
    return tuple(flags), tuple(scores)
