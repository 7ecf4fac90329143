"""What message inputs are: their formats, the counts and rejects they give, and reading
JSONL lines with a size limit. `message_files` streams them as batches.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from vigil.content.messages import (
    MAX_LINE_BYTES,
    MESSAGE_FIELDS,
    MESSAGE_SCHEMA,
    Reject,
)
from vigil.core import InputError

STDIN = "-"
STDIN_LABEL = "stdin"
FORMATS = {
    ".jsonl": "jsonl",
    ".json": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".vtt": "vtt",
    ".srt": "srt",
}
_SKIP_CHUNK = 1 << 16


@dataclass
class SourceCounts:
    """Rows read from one source, and how they split: read == valid + rejected."""

    read: int = 0
    valid: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class MessageInput:
    label: str  # the name rejects and counts use
    path: Path | None  # None for standard input
    fmt: str


class MessageCounts(Mapping[str, SourceCounts]):
    """Counts per source (``counts["chat.jsonl"].rejected``) and in total (``counts.read``)."""

    def __init__(self, labels: Iterable[str]) -> None:
        self._by_source = {label: SourceCounts() for label in labels}

    def __getitem__(self, label: str) -> SourceCounts:
        return self._by_source[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_source)

    def __len__(self) -> int:
        return len(self._by_source)

    @property
    def read(self) -> int:
        return sum(c.read for c in self._by_source.values())

    @property
    def valid(self) -> int:
        return sum(c.valid for c in self._by_source.values())

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self._by_source.values())

    def __repr__(self) -> str:
        return f"MessageCounts(read={self.read}, valid={self.valid}, rejected={self.rejected})"


class RowBuffer:
    """Valid message dicts gathered column by column until they make a batch."""

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {f: [] for f in MESSAGE_FIELDS}
        self.size = 0

    def add(self, row: Mapping[str, Any]) -> None:
        for name, values in self.columns.items():
            values.append(row[name])
        self.size += 1

    def take(self) -> pa.RecordBatch:
        arrays = [pa.array(self.columns[f.name], type=f.type) for f in MESSAGE_SCHEMA]
        self.columns = {f: [] for f in MESSAGE_FIELDS}
        self.size = 0
        return pa.RecordBatch.from_arrays(arrays, schema=MESSAGE_SCHEMA)


def numbered_lines(fh: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, line without its end) pairs; None for a line over the limit,
    which is skipped through in chunks and never held whole."""
    number = 0
    while True:
        chunk = fh.readline(MAX_LINE_BYTES + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = fh.readline(_SKIP_CHUNK)
            yield number, None
            continue
        yield number, chunk.rstrip(b"\r\n")


def decode_transcript(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "surrogateescape")
    # Undecodable bytes survive as lone surrogates; the parser rejects those cues.
    return data.decode("utf-8", "surrogateescape")


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else type(exc).__name__


def message_inputs(paths: Sequence[str | Path]) -> list[MessageInput]:
    if not paths:
        raise InputError("No message files were given.")
    found: list[tuple[Path | None, str]] = []
    for given in paths:
        if str(given) == STDIN:
            if any(p is None for p, _ in found):
                raise InputError("Standard input (-) can be read only once.")
            found.append((None, "jsonl"))
            continue
        path = Path(given)
        fmt = FORMATS.get(path.suffix.lower())
        if not path.exists():
            raise InputError(f"Message file {path} does not exist.")
        if path.is_dir():
            raise InputError(f"{path} is a folder, not a message file.")
        if fmt is None:
            raise InputError(
                f"Cannot tell the format of {path.name}: use a .jsonl, .parquet, .vtt or "
                ".srt file, or - for JSONL on standard input."
            )
        found.append((path, fmt))
    names = [p.name for p, _ in found if p is not None]
    inputs = []
    for where, fmt in found:
        if where is None:
            inputs.append(MessageInput(STDIN_LABEL, None, fmt))
        else:
            label = where.name if names.count(where.name) == 1 else str(where)
            inputs.append(MessageInput(label, where, fmt))
    return inputs


def write_rejects(rejects: Iterable[Reject], path: str | Path) -> Path:
    """Write rejects as CSV with the header ``source,reason``; reasons hold no message text."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "reason"])
        for reject in rejects:
            writer.writerow([reject.source, reject.reason])
    return out
