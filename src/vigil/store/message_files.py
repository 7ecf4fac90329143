"""Reading message files (the Messages contract) as a stream of Arrow batches, with rejects.

Formats by suffix:

- ``.jsonl``, ``.json``, ``.ndjson``: one JSON object a line, read as bytes line by line.
  A line over 1 MB is rejected without being parsed (and without being held in memory
  whole). Blank lines are skipped and not counted.
- ``.parquet``, ``.pq``: read with ``ParquetFile.iter_batches`` and checked vectorised.
- ``.vtt``, ``.srt``: a transcript is one conversation, its id the file's stem. Cue times
  are offsets from ``transcript_start``, by default the file's modification time (UTC).
- ``-``: JSONL on standard input, for live feeds. A reader thread hands lines over, and a
  batch is yielded when it holds ``batch_rows`` rows, at end of input, or once
  ``live_flush_s`` (1 s) has passed since the last batch with rows waiting, even while no
  new line arrives. A row that arrives after a quiet spell longer than that therefore
  comes out at once, in a batch of its own.

Nothing is dropped silently: every row read is either in a batch or in ``rejects``, and
``counts`` says how many of each per source. Batches never exceed ``batch_rows`` rows
(Parquet batches are smaller by the rows rejected from them); empty batches are not yielded.
"""

from __future__ import annotations

import csv
import queue
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from vigil.content.messages import (
    MAX_LINE_BYTES,
    MAX_TEXT_CHARS,
    MESSAGE_FIELDS,
    MESSAGE_SCHEMA,
    REQUIRED_FIELDS,
    Reject,
    check_columns,
    oversized_line_reason,
    parse_json_line,
    validate_table,
)
from vigil.content.transcripts import parse_srt, parse_webvtt
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
LIVE_FLUSH_S = 1.0
_SKIP_CHUNK = 1 << 16


@dataclass
class SourceCounts:
    """Rows read from one source, and how they split: read == valid + rejected."""

    read: int = 0
    valid: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class _Input:
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


class _Rows:
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


def _lines(fh: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
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


def _decode_transcript(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "surrogateescape")
    # Undecodable bytes survive as lone surrogates; the parser rejects those cues.
    return data.decode("utf-8", "surrogateescape")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else type(exc).__name__


class MessageStream:
    """Batches of MESSAGE_SCHEMA, read once, in input order; rejects and counts fill as it goes."""

    def __init__(
        self,
        inputs: Sequence[_Input],
        *,
        batch_rows: int,
        max_text_chars: int,
        columns: Mapping[str, str],
        transcript_start: datetime | None,
        stdin: BinaryIO | None,
        live_flush_s: float,
    ) -> None:
        self.rejects: list[Reject] = []
        self.counts = MessageCounts(i.label for i in inputs)
        self._inputs = list(inputs)
        self._batch_rows = batch_rows
        self._max_text_chars = max_text_chars
        self._columns = dict(columns)
        self._transcript_start = transcript_start
        self._stdin = stdin
        self._live_flush_s = live_flush_s
        self._started = False

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        if self._started:
            raise RuntimeError("A MessageStream can be iterated only once.")
        self._started = True
        return self._batches()

    def _batches(self) -> Iterator[pa.RecordBatch]:
        for item in self._inputs:
            if item.path is None:
                yield from self._live(item.label)
            elif item.fmt == "jsonl":
                yield from self._jsonl_file(item.label, item.path)
            elif item.fmt == "parquet":
                yield from self._parquet(item.label, item.path)
            else:
                yield from self._transcript(item.label, item.path, item.fmt)

    # -- bookkeeping ---------------------------------------------------------------------

    def _reject(self, label: str, reject: Reject) -> None:
        self.rejects.append(reject)
        counts = self.counts[label]
        counts.read += 1
        counts.rejected += 1

    def _line(self, label: str, number: int, raw: bytes | None, rows: _Rows) -> None:
        source = f"{label}:{number}"
        if raw is None:
            self._reject(label, Reject(source, oversized_line_reason()))
            return
        if not raw.strip():
            return
        parsed = parse_json_line(
            raw, source, max_text_chars=self._max_text_chars, columns=self._columns
        )
        if isinstance(parsed, Reject):
            self._reject(label, parsed)
            return
        rows.add(parsed)
        counts = self.counts[label]
        counts.read += 1
        counts.valid += 1

    # -- formats -------------------------------------------------------------------------

    def _jsonl_file(self, label: str, path: Path) -> Iterator[pa.RecordBatch]:
        rows = _Rows()
        try:
            with path.open("rb") as fh:
                for number, raw in _lines(fh):
                    self._line(label, number, raw, rows)
                    if rows.size >= self._batch_rows:
                        yield rows.take()
        except OSError as exc:
            raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        if rows.size:
            yield rows.take()

    def _live(self, label: str) -> Iterator[pa.RecordBatch]:
        fh: BinaryIO = self._stdin if self._stdin is not None else sys.stdin.buffer
        lines: queue.Queue[tuple[int, bytes | None] | BaseException | None] = queue.Queue(
            maxsize=max(1024, self._batch_rows)
        )
        stop = threading.Event()

        def put(item: tuple[int, bytes | None] | BaseException | None) -> bool:
            while not stop.is_set():
                try:
                    lines.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def pump() -> None:
            try:
                for item in _lines(fh):
                    if not put(item):
                        return
            except (OSError, ValueError) as exc:  # a closed or broken stream
                put(exc)
                return
            put(None)

        reader = threading.Thread(target=pump, name="vigil-stdin-reader", daemon=True)
        reader.start()
        rows = _Rows()
        last = time.monotonic()
        try:
            while True:
                wait = max(0.0, last + self._live_flush_s - time.monotonic()) if rows.size else None
                try:
                    item = lines.get(timeout=wait)
                except queue.Empty:  # quiet for live_flush_s with rows waiting
                    yield rows.take()
                    last = time.monotonic()
                    continue
                if item is None:
                    break
                if isinstance(item, BaseException):
                    raise InputError(f"Cannot read standard input: {_first_line(item)}.") from item
                self._line(label, item[0], item[1], rows)
                due = time.monotonic() - last >= self._live_flush_s
                if rows.size >= self._batch_rows or (rows.size and due):
                    yield rows.take()
                    last = time.monotonic()
            if rows.size:
                yield rows.take()
        finally:
            stop.set()

    def _parquet(self, label: str, path: Path) -> Iterator[pa.RecordBatch]:
        try:
            parquet = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"Cannot read {label} as Parquet: {_first_line(exc)}.") from exc
        names = set(parquet.schema_arrow.names)
        where = {f: self._columns.get(f, f) for f in MESSAGE_FIELDS}
        where = {f: (name if name in names else f) for f, name in where.items()}
        missing = [f for f in REQUIRED_FIELDS if where[f] not in names]
        if missing:
            raise InputError(
                f"{label} lacks the column(s) {', '.join(missing)}; map them with a column mapping."
            )
        present = {f: name for f, name in where.items() if name in names}
        batches = parquet.iter_batches(
            batch_size=self._batch_rows, columns=sorted(set(present.values()))
        )
        first_row = 1
        while True:
            try:
                batch = next(batches, None)
            except (pa.ArrowException, OSError) as exc:
                raise InputError(f"Cannot read {label} as Parquet: {_first_line(exc)}.") from exc
            if batch is None:
                return
            table = pa.table({f: batch.column(name) for f, name in present.items()})
            valid, rejects = validate_table(table, label, self._max_text_chars, first_row=first_row)
            first_row += batch.num_rows
            counts = self.counts[label]
            counts.read += batch.num_rows
            counts.valid += valid.num_rows
            counts.rejected += len(rejects)
            self.rejects.extend(rejects)
            for part in valid.combine_chunks().to_batches():
                if part.num_rows:
                    yield part

    def _transcript(self, label: str, path: Path, fmt: str) -> Iterator[pa.RecordBatch]:
        try:
            data = path.read_bytes()
            start = self._transcript_start or datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError as exc:
            raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        parse = parse_webvtt if fmt == "vtt" else parse_srt
        parsed = parse(
            _decode_transcript(data),
            path.stem,
            start,
            source=label,
            max_text_chars=self._max_text_chars,
        )
        rows = _Rows()
        counts = self.counts[label]
        for item in parsed:
            if isinstance(item, Reject):
                self._reject(label, item)
                continue
            rows.add(item)
            counts.read += 1
            counts.valid += 1
            if rows.size >= self._batch_rows:
                yield rows.take()
        if rows.size:
            yield rows.take()


def _inputs(paths: Sequence[str | Path]) -> list[_Input]:
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
            inputs.append(_Input(STDIN_LABEL, None, fmt))
        else:
            label = where.name if names.count(where.name) == 1 else str(where)
            inputs.append(_Input(label, where, fmt))
    return inputs


def read_messages(
    paths: Sequence[str | Path],
    *,
    batch_rows: int = 65536,
    max_text_chars: int = MAX_TEXT_CHARS,
    columns: Mapping[str, str] | None = None,
    transcript_start: datetime | None = None,
    stdin: BinaryIO | None = None,
    live_flush_s: float = LIVE_FLUSH_S,
) -> MessageStream:
    """Open message inputs as one stream of MESSAGE_SCHEMA batches; see the module doc.

    Paths are checked now (missing file, folder or unknown suffix raise InputError); the
    files are read as the stream is iterated. ``columns`` maps contract fields to the
    provider's column (Parquet) or key (JSONL) names. Rejects name ``file:line`` (JSONL,
    transcripts) or ``file:row`` (Parquet, 1-based); ``file`` is the file name, or the path
    as given where two inputs share a name, or ``stdin``.
    """
    if batch_rows < 1:
        raise InputError("batch_rows must be at least 1.")
    if max_text_chars < 1:
        raise InputError("max_text_chars must be at least 1.")
    return MessageStream(
        _inputs(paths),
        batch_rows=batch_rows,
        max_text_chars=max_text_chars,
        columns=check_columns(columns),
        transcript_start=transcript_start,
        stdin=stdin,
        live_flush_s=live_flush_s,
    )


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
