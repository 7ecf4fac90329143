"""Multi-pattern matching of lexicon terms over batches of messages.

The fast path joins a batch into one newline-separated buffer and scans it once with
Hyperscan; each match's end offset is mapped back to its message with a binary search.
Python only runs per match, and matches are rare. The fallback uses Python ``re`` with the
same compiled tolerance, so both give the same hits (a test checks this).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from vigil.content.lexicon import Lexicon
from vigil.content.obfuscation import fold_array, fold_text

_hs: Any
try:  # Hyperscan is optional at import time; the fallback keeps vigil usable without it.
    import hyperscan as _hs
except ImportError:  # pragma: no cover - exercised where the wheel is missing
    _hs = None


@dataclass(frozen=True)
class Hits:
    """Distinct (message row, term id) pairs found in one batch."""

    rows: npt.NDArray[np.int64]
    terms: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Span:
    """Where a term matched, in characters of the original text."""

    term: int
    start: int
    end: int


class Matcher(Protocol):
    lexicon: Lexicon
    engine: str

    def scan(self, texts: pa.Array | pa.ChunkedArray) -> Hits: ...


def _as_array(texts: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    if texts.type == pa.large_string():
        texts = texts.cast(pa.string())
    return texts


def joined_buffer(texts: pa.Array) -> tuple[bytes, npt.NDArray[np.int64]]:
    """The batch as one buffer, each message followed by a newline, and each message's start.

    Built from Arrow's own value and offset buffers with numpy, without a Python loop.
    """
    count = len(texts)
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32)[
        texts.offset : texts.offset + count + 1
    ].astype(np.int64)
    lengths = np.diff(offsets)
    starts = offsets[:-1] - offsets[0] + np.arange(count, dtype=np.int64)
    total = int(offsets[-1] - offsets[0]) + count
    out = np.full(total, 10, dtype=np.uint8)
    if total > count:
        values = np.frombuffer(texts.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        keep = np.ones(total, dtype=bool)
        keep[starts + lengths] = False
        out[keep] = values
    return out.tobytes(), starts


def _distinct(rows: npt.NDArray[np.int64], terms: npt.NDArray[np.int64], width: int) -> Hits:
    """Distinct (row, term) pairs sorted by row then term.

    One int64 key sorts several times faster than ``np.unique(axis=0)`` on pairs.
    """
    if len(rows) == 0:
        return Hits(np.empty(0, np.int64), np.empty(0, np.int64))
    key_rows, key_terms = np.divmod(np.unique(rows * width + terms), width)
    return Hits(key_rows, key_terms)


def _cache_dir() -> Path:
    base = os.environ.get("VIGIL_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "vigil" if base else Path.home() / ".cache" / "vigil"


class HyperscanMatcher:
    """Block-mode Hyperscan over the joined buffer of a batch."""

    engine = "hyperscan"

    def __init__(self, lexicon: Lexicon) -> None:
        if _hs is None:
            raise RuntimeError("hyperscan is not installed")
        self.lexicon = lexicon
        self._db = _compiled(tuple(t.pattern for t in lexicon.terms))

    def scan_buffer(self, buffer: bytes) -> tuple[list[int], list[int]]:
        """Raw scan: end offsets and term ids of every match (the benchmark's baseline)."""
        ends: list[int] = []
        ids: list[int] = []

        def on_match(term: int, _start: int, end: int, _flags: int, _ctx: Any) -> None:
            ends.append(end)
            ids.append(term)

        self._db.scan(buffer, match_event_handler=on_match)
        return ends, ids

    def scan(self, texts: pa.Array | pa.ChunkedArray) -> Hits:
        width = max(1, len(self.lexicon.terms))
        array = fold_array(_as_array(texts))
        if len(array) == 0:
            return _distinct(np.empty(0, np.int64), np.empty(0, np.int64), width)
        buffer, starts = joined_buffer(array)
        ends, ids = self.scan_buffer(buffer)
        if not ends:
            return _distinct(np.empty(0, np.int64), np.empty(0, np.int64), width)
        # A match ending on a message's newline belongs to that message, hence end - 1.
        rows = np.searchsorted(starts, np.asarray(ends, np.int64) - 1, side="right") - 1
        return _distinct(rows.astype(np.int64), np.asarray(ids, np.int64), width)


@lru_cache(maxsize=4)
def _compiled(patterns: tuple[str, ...]) -> Any:
    """Compile once per process, and once per machine thanks to a serialised cache."""
    assert _hs is not None
    version = str(getattr(_hs, "__version__", "unknown"))
    digest = hashlib.sha256(("\n".join(patterns) + version).encode()).hexdigest()[:24]
    cached = _cache_dir() / f"hyperscan-{digest}.db"
    if cached.is_file():
        try:
            database = _hs.loadb(cached.read_bytes(), _hs.HS_MODE_BLOCK)
            # A deserialised database comes without the scratch space scans need.
            database.scratch = _hs.Scratch(database)
            return database
        except Exception:  # a stale or foreign cache is simply rebuilt
            cached.unlink(missing_ok=True)
    database = _hs.Database()
    database.compile(
        expressions=[p.encode() for p in patterns],
        ids=list(range(len(patterns))),
        flags=[_hs.HS_FLAG_CASELESS | _hs.HS_FLAG_MULTILINE] * len(patterns),
    )
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(_hs.dumpb(database))
        temporary.replace(cached)
    except OSError:
        pass  # a read-only home only costs the compile next time
    return database


class RegexMatcher:
    """Python ``re`` over folded text: slower, same answers, no native dependency."""

    engine = "python-re"

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._patterns = [re.compile(t.py_pattern, re.IGNORECASE) for t in lexicon.terms]
        # One combined pattern rejects most messages before the per-term loop.
        self._any = re.compile("|".join(f"(?:{t.py_pattern})" for t in lexicon.terms), re.I)

    def scan(self, texts: pa.Array | pa.ChunkedArray) -> Hits:
        rows: list[int] = []
        terms: list[int] = []
        for row, text in enumerate(_as_array(texts).to_pylist()):
            if not text:
                continue
            folded = fold_text(text)[0]
            if self._any.search(folded) is None:
                continue
            for term, pattern in enumerate(self._patterns):
                if pattern.search(folded):
                    rows.append(row)
                    terms.append(term)
        width = max(1, len(self.lexicon.terms))
        return _distinct(np.asarray(rows, np.int64), np.asarray(terms, np.int64), width)


def spans(lexicon: Lexicon, text: str, terms: set[int] | None = None) -> list[Span]:
    """Character spans of lexicon hits in one message (identification mode only)."""
    folded, origin = fold_text(text)
    found: list[Span] = []
    for term in lexicon.terms:
        if terms is not None and term.id not in terms:
            continue
        for match in _python_pattern(term.py_pattern).finditer(folded):
            if match.end() > match.start():
                found.append(Span(term.id, origin[match.start()], origin[match.end() - 1] + 1))
    return sorted(found, key=lambda s: (s.start, s.end, s.term))


@lru_cache(maxsize=2048)
def _python_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def make_matcher(lexicon: Lexicon, engine: str = "auto") -> Matcher:
    """Hyperscan where installed (or asked for), else the ``re`` fallback."""
    if engine not in {"auto", "hyperscan", "python-re"}:
        raise ValueError(f"unknown matcher engine {engine!r}")
    if engine == "python-re" or (engine == "auto" and _hs is None):
        return RegexMatcher(lexicon)
    return HyperscanMatcher(lexicon)
