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

import queue
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from vigil.content.messages import (
    MAX_TEXT_CHARS,
    MESSAGE_FIELDS,
    REQUIRED_FIELDS,
    Reject,
    check_columns,
    oversized_line_reason,
    parse_json_line,
    validate_table,
)
from vigil.content.transcripts import parse_srt, parse_webvtt
from vigil.core import InputError
from vigil.store.message_inputs import (
    FORMATS,
    MessageCounts,
    MessageInput,
    RowBuffer,
    SourceCounts,
    decode_transcript,
    first_line,
    message_inputs,
    numbered_lines,
    write_rejects,
)

__all__ = [
    "FORMATS",
    "MessageCounts",
    "MessageStream",
    "SourceCounts",
    "read_messages",
    "write_rejects",
]

LIVE_FLUSH_S = 1.0


class MessageStream:
    """Batches of MESSAGE_SCHEMA, read once, in input order; rejects and counts fill as it goes."""

    def __init__(
        self,
        inputs: Sequence[MessageInput],
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

    def _line(self, label: str, number: int, raw: bytes | None, rows: RowBuffer) -> None:
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
        rows = RowBuffer()
        try:
            with path.open("rb") as fh:
                for number, raw in numbered_lines(fh):
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
                for item in numbered_lines(fh):
                    if not put(item):
                        return
            except (OSError, ValueError) as exc:  # a closed or broken stream
                put(exc)
                return
            put(None)

        reader = threading.Thread(target=pump, name="vigil-stdin-reader", daemon=True)
        reader.start()
        rows = RowBuffer()
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
                    raise InputError(f"Cannot read standard input: {first_line(item)}.") from item
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
            raise InputError(f"Cannot read {label} as Parquet: {first_line(exc)}.") from exc
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
                raise InputError(f"Cannot read {label} as Parquet: {first_line(exc)}.") from exc
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
            decode_transcript(data),
            path.stem,
            start,
            source=label,
            max_text_chars=self._max_text_chars,
        )
        rows = RowBuffer()
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
        message_inputs(paths),
        batch_rows=batch_rows,
        max_text_chars=max_text_chars,
        columns=check_columns(columns),
        transcript_start=transcript_start,
        stdin=stdin,
        live_flush_s=live_flush_s,
    )
