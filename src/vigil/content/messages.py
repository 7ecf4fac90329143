"""The Messages contract: parsing and validation, with a reason for every rejected row.

Pure: nothing here opens a file. ``vigil.store.message_files`` reads the bytes and hands them
over. Every input row ends up either in a batch of ``MESSAGE_SCHEMA`` or as a ``Reject`` whose
reason is one fixed sentence that never quotes the message text.

- JSONL arrives one line at a time as bytes (``parse_json_line``), so a line with invalid
  UTF-8 becomes a reject instead of crashing the reader.
- Parquet arrives as Arrow tables (``validate_table``), checked with vectorised
  ``pyarrow.compute``; Python only runs per rejected row, and rejects are rare.
- WebVTT and SRT transcripts become one message per cue and speaker (``parse_webvtt``,
  ``parse_srt`` in ``vigil.content.transcripts``).

A row without ``message_id`` gets ``f"{conversation_id}:{row}"``, where ``row`` is the
1-based line (JSONL) or row (Parquet) number in its file. That is stable across runs and
unique within one file; two files without message ids that share a conversation id can
produce the same derived id. Transcript cues get ``f"{conversation_id}-{cue}"`` instead
(see ``parse_webvtt``).

Timestamps: ``sent_at`` is ISO-8601. One without a zone offset is taken as UTC.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.core import InputError

MESSAGE_SCHEMA = pa.schema(
    [
        pa.field("conversation_id", pa.string(), nullable=False),
        pa.field("message_id", pa.string(), nullable=False),
        pa.field("sender", pa.string(), nullable=False),
        pa.field("sent_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("lang", pa.string(), nullable=True),
    ]
)
MESSAGE_FIELDS: tuple[str, ...] = tuple(MESSAGE_SCHEMA.names)
REQUIRED_FIELDS: tuple[str, ...] = ("conversation_id", "sender", "sent_at", "text")
# Fields that hold an identifier: a JSON string, or a JSON integer (kept as its digits).
_ID_FIELDS = ("conversation_id", "message_id", "sender")

MAX_TEXT_CHARS = 20_000
# A line this long is not a chat message; it is rejected before JSON parsing starts.
MAX_LINE_BYTES = 1_000_000

_BOM = b"\xef\xbb\xbf"
_MIN_TS = datetime(1, 1, 1, tzinfo=UTC)
_MAX_TS = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


@dataclass(frozen=True)
class Reject:
    """One input row that is not a message: where it came from, and why (one sentence)."""

    source: str
    reason: str


def check_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    """Validate a column mapping (contract field -> the provider's name for it)."""
    mapping = dict(columns or {})
    unknown = sorted(set(mapping) - set(MESSAGE_FIELDS))
    if unknown:
        raise InputError(f"The column mapping names unknown message fields: {', '.join(unknown)}.")
    return mapping


# ---------------------------------------------------------------------------------------
# JSONL


def not_utf8(value: str) -> bool:
    """True for a string holding lone surrogates: bytes that were not UTF-8, or a JSON
    escape such as \\ud800 that no UTF-8 text can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_iso_timestamp(value: object) -> datetime | None:
    """An ISO-8601 string as an aware UTC datetime; None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _id_value(record: Mapping[str, Any], key: str, name: str) -> str | Reject | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return Reject("", f"{name} is not a string")
    return str(value)


def parse_json_line(
    raw: bytes,
    source: str,
    *,
    max_text_chars: int = MAX_TEXT_CHARS,
    max_line_bytes: int = MAX_LINE_BYTES,
    columns: Mapping[str, str] | None = None,
) -> dict[str, Any] | Reject:
    """One JSONL line as a message dict (keys of MESSAGE_SCHEMA), or a Reject. Never raises.

    ``source`` is ``"name:line"``; a missing message_id becomes ``conversation_id:line``,
    the line being the part of ``source`` after its last colon. ``columns`` maps contract
    fields to the keys used in the line. Unknown keys are ignored.
    """

    def reject(reason: str) -> Reject:
        return Reject(source, reason)

    if len(raw) > max_line_bytes:
        return reject(oversized_line_reason(max_line_bytes))
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not raw.strip():
        return reject("line is empty")
    try:
        decoded = raw.decode("utf-8")
        suspect = b"\\u" in raw  # a JSON escape can still spell a lone surrogate
    except UnicodeDecodeError:
        decoded = raw.decode("utf-8", "surrogateescape")
        suspect = True
    try:
        record = json.loads(decoded)
    except (ValueError, RecursionError):
        return reject("line is not valid JSON")
    if not isinstance(record, dict):
        return reject("line is not a JSON object")
    keys = {f: f for f in MESSAGE_FIELDS}
    if columns:
        keys.update(columns)

    out: dict[str, Any] = {}
    for name in _ID_FIELDS:
        value = _id_value(record, keys[name], name)
        if isinstance(value, Reject):
            return reject(value.reason)
        out[name] = value
    for name in ("conversation_id", "sender"):
        if out[name] is None:
            return reject(f"missing {name}")

    raw_sent = record.get(keys["sent_at"])
    if raw_sent is None or raw_sent == "":
        return reject("missing sent_at")
    sent_at = parse_iso_timestamp(raw_sent)
    if sent_at is None:
        return reject("sent_at is not an ISO-8601 timestamp")

    text = record.get(keys["text"])
    if text is None or text == "":
        return reject("missing text")
    if not isinstance(text, str):
        return reject("text is not a string")
    if len(text) > max_text_chars:
        return reject(f"text longer than {max_text_chars} characters")

    lang = record.get(keys["lang"])
    if lang is not None and not isinstance(lang, str):
        return reject("lang is not a string")

    if suspect:
        for name, value in (*((n, out[n]) for n in _ID_FIELDS), ("text", text), ("lang", lang)):
            if isinstance(value, str) and not_utf8(value):
                return reject(f"{name} is not valid UTF-8")

    if out["message_id"] is None:
        out["message_id"] = f"{out['conversation_id']}:{source.rsplit(':', 1)[-1]}"
    out["sent_at"] = sent_at
    out["text"] = text
    out["lang"] = lang or None
    return out


def oversized_line_reason(max_line_bytes: int = MAX_LINE_BYTES) -> str:
    """The reason given for a line over the size limit (also used by readers that skip it)."""
    if max_line_bytes % 1_000_000 == 0:
        return f"line longer than {max_line_bytes // 1_000_000} MB"
    return f"line longer than {max_line_bytes} bytes"


# ---------------------------------------------------------------------------------------
# Arrow tables (Parquet)

_ISO_SHAPE = (
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d+)?)?)?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_HAS_ZONE = r"(?:Z|[+-]\d{2}(?::?\d{2})?)$"
_TS_TYPE = pa.timestamp("us", tz="UTC")
# MESSAGE_SCHEMA before rejected rows are filtered out.
_LOOSE_SCHEMA = pa.schema([field.with_nullable(True) for field in MESSAGE_SCHEMA])


def _as_strings(column: pa.Array) -> tuple[pa.Array, pa.Array | None]:
    """(a string array, a mask of values that could not become UTF-8 strings, or None)."""
    kind = column.type
    if pa.types.is_string(kind):
        return column, None
    if pa.types.is_null(kind):
        return pa.nulls(len(column), pa.string()), None
    try:
        return pc.cast(column, pa.string()), None
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        # Rare slow path: a binary column with some invalid UTF-8 in it.
        values: list[str | None] = []
        bad: list[bool] = []
        for item in column.to_pylist():
            try:
                values.append(None if item is None else item.decode("utf-8"))
                bad.append(False)
            except UnicodeDecodeError:
                values.append(None)
                bad.append(True)
        return pa.array(values, pa.string()), pa.array(bad, pa.bool_())
    return pa.nulls(len(column), pa.string()), column.is_valid()


def _blank(column: pa.Array) -> pa.Array:
    return pc.or_kleene(column.is_null(), pc.equal(column, "")).fill_null(True)


def _is_text(kind: pa.DataType) -> bool:
    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
    )


def _parse_timestamps(column: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(timestamps in UTC, null where absent or unusable; mask of present unusable values)."""
    kind = column.type
    if pa.types.is_timestamp(kind):
        if kind.tz is None:  # naive: taken as UTC
            column = pc.cast(column, pa.timestamp(kind.unit))
        parsed = pc.cast(column, _TS_TYPE, safe=False)
    elif pa.types.is_date(kind):
        parsed = pc.cast(pc.cast(column, pa.timestamp("us")), _TS_TYPE)
    elif _is_text(kind):
        strings, _ = _as_strings(column)
        try:  # the common case: every value has a zone, as in "2026-03-02T10:15:10Z"
            parsed = pc.cast(strings, _TS_TYPE)
        except pa.ArrowInvalid:
            parsed = _normalised_timestamps(strings)
    else:  # numbers and other types are not ISO-8601 text
        parsed = pa.nulls(len(column), _TS_TYPE)
    low, high = pa.scalar(_MIN_TS, _TS_TYPE), pa.scalar(_MAX_TS, _TS_TYPE)
    in_range = pc.and_(pc.greater_equal(parsed, low), pc.less_equal(parsed, high))
    parsed = pc.if_else(in_range.fill_null(False), parsed, pa.scalar(None, _TS_TYPE))
    return parsed, pc.and_(column.is_valid(), parsed.is_null())


def _normalised_timestamps(strings: pa.Array) -> pa.Array:
    """Parse ISO-8601 strings Arrow's cast refuses: no zone (UTC), a date alone, lower-case
    t or z, a decimal comma, more than six fractional digits. Null where not ISO-8601."""
    text = pc.utf8_upper(pc.utf8_trim_whitespace(strings))
    shaped = pc.match_substring_regex(text, _ISO_SHAPE).fill_null(False)
    text = pc.if_else(shaped, text, pa.scalar(None, pa.string()))
    text = pc.replace_substring(text, ",", ".")
    text = pc.replace_substring_regex(text, r"(\.\d{6})\d+", r"\1")
    text = pc.replace_substring_regex(
        text, r"^(\d{4}-\d{2}-\d{2})((?:Z|[+-].*)?)$", r"\1T00:00:00\2"
    )
    zoned = pc.match_substring_regex(text, _HAS_ZONE).fill_null(True)
    text = pc.if_else(zoned, text, pc.binary_join_element_wise(text, "Z", ""))
    try:
        return pc.cast(text, _TS_TYPE)
    except pa.ArrowInvalid:
        # Well-shaped but impossible dates (month 13, 30 February): the slow path.
        return pa.array([parse_iso_timestamp(v) for v in text.to_pylist()], _TS_TYPE)


def validate_table(
    table: pa.Table,
    source: str,
    max_text_chars: int = MAX_TEXT_CHARS,
    *,
    first_row: int = 1,
) -> tuple[pa.Table, list[Reject]]:
    """Split a table with contract column names into (valid rows as MESSAGE_SCHEMA, rejects).

    Vectorised: Python runs only per rejected row. Required fields that are null or empty
    are "missing"; text over ``max_text_chars`` characters, sent_at strings that are not
    ISO-8601 (or lie outside years 1-9999), and values that are not UTF-8 are rejected.
    A row is rejected once, with every failed check in its reason ("; " between them).
    ``first_row`` is the 1-based number of the table's first row in its file: rejects are
    ``f"{source}:{row}"`` and a derived message_id is ``f"{conversation_id}:{row}"``.
    Non-string id columns (integers) are cast to strings; a timestamp column is used as is
    (naive ones taken as UTC). A missing required column raises InputError.
    """
    missing = [c for c in REQUIRED_FIELDS if c not in table.column_names]
    if missing:
        raise InputError(f"{source} lacks the column(s) {', '.join(missing)}.")
    n = table.num_rows

    def column(name: str) -> pa.Array:
        if name not in table.column_names:
            return pa.nulls(n, pa.string())
        values = table.column(name).combine_chunks()
        if pa.types.is_dictionary(values.type):
            values = values.dictionary_decode()
        return values

    checks: list[tuple[pa.Array, str]] = []
    strings: dict[str, pa.Array] = {}
    for name in ("conversation_id", "message_id", "sender", "text", "lang"):
        values, not_utf8 = _as_strings(column(name))
        strings[name] = values
        blank = _blank(values)
        if not_utf8 is not None:
            checks.append((not_utf8, f"{name} is not valid UTF-8"))
            blank = pc.and_(blank, pc.invert(not_utf8))
        if name in REQUIRED_FIELDS:
            checks.append((blank, f"missing {name}"))

    sent_raw = column("sent_at")
    sent_at, unusable = _parse_timestamps(sent_raw)
    sent_blank = _blank(_as_strings(sent_raw)[0]) if _is_text(sent_raw.type) else sent_raw.is_null()
    checks.append((sent_blank, "missing sent_at"))
    checks.append(
        (pc.and_(unusable, pc.invert(sent_blank)), "sent_at is not an ISO-8601 timestamp")
    )
    too_long = pc.greater(pc.utf8_length(strings["text"]), max_text_chars).fill_null(False)
    checks.append((too_long, f"text longer than {max_text_chars} characters"))

    masks = [np.asarray(mask.fill_null(False).to_numpy(zero_copy_only=False)) for mask, _ in checks]
    bad = np.logical_or.reduce(masks) if masks else np.zeros(n, bool)
    rejects: list[Reject] = []
    if bad.any():
        reasons: dict[int, list[str]] = {}
        for mask, (_, reason) in zip(masks, checks, strict=True):
            for index in np.flatnonzero(mask):
                reasons.setdefault(int(index), []).append(reason)
        rejects = [
            Reject(f"{source}:{first_row + index}", "; ".join(reasons[index]))
            for index in sorted(reasons)
        ]

    message_id = strings["message_id"]
    no_id = _blank(message_id)
    if pc.any(no_id).as_py():
        rows = pa.array(np.arange(first_row, first_row + n, dtype=np.int64)).cast(pa.string())
        derived = pc.binary_join_element_wise(strings["conversation_id"], rows, ":")
        message_id = pc.if_else(no_id, derived, message_id)
    lang = strings["lang"]
    if lang.null_count < n and pc.any(pc.equal(lang, "")).as_py():
        lang = pc.if_else(_blank(lang), pa.scalar(None, pa.string()), lang)
    out = pa.table(
        [strings["conversation_id"], message_id, strings["sender"], sent_at, strings["text"], lang],
        schema=_LOOSE_SCHEMA,
    )
    valid = (out.filter(pa.array(~bad)) if bad.any() else out).cast(MESSAGE_SCHEMA)
    return valid, rejects
