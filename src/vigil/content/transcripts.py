"""WebVTT and SRT transcripts (speech-recognition or translation output) as messages.

Pure: the caller reads the file. One message per cue and speaker; a bad cue becomes a
``Reject`` with one fixed sentence and the other cues are kept. See ``parse_webvtt``.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from vigil.content.messages import MAX_TEXT_CHARS, Reject, not_utf8

_TIMING = re.compile(
    r"^\s*(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})\s*-->\s*"
    r"(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})(?:\s.*)?$"
)
_TIMING_ATTEMPT = re.compile(r"^\s*\d+:\d")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
# "Maria:" or "- Ben Cruz:" at the start of a cue line: a name of at most four words.
_NAME_PREFIX = re.compile(r"^-?\s*([^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3})\s*:\s+(\S.*)$")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")
_SKIPPED_VTT_BLOCKS = re.compile(r"^(?:WEBVTT|NOTE|STYLE|REGION)(?:[ \t]|$)")


def _offset(hours: str | None, minutes: str, seconds: str, millis: str) -> timedelta | None:
    if int(minutes) >= 60 or int(seconds) >= 60:
        return None
    return timedelta(
        hours=int(hours or 0), minutes=int(minutes), seconds=int(seconds), milliseconds=int(millis)
    )


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Groups of non-blank lines with the 1-based line number each group starts on."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _clean(fragment: str, vtt: bool) -> str:
    cleaned = _TAG.sub("", fragment)
    if vtt:
        cleaned = html.unescape(cleaned)
    return " ".join(cleaned.split())


def _segments(lines: list[str], speaker: str | None, vtt: bool) -> list[tuple[str | None, str]]:
    """(speaker, text) runs of one cue; a speaker is named by <v Name> or a leading 'Name:'."""
    runs: list[tuple[str | None, list[str]]] = []

    def add(who: str | None, fragment: str, new: bool) -> None:
        if new or not runs:
            runs.append((who, []))
        fragment = _clean(fragment, vtt)
        if fragment:
            runs[-1][1].append(fragment)

    for line in lines:
        parts = _VOICE.split(line)  # [lead, voice 1, text 1, voice 2, text 2, ...]
        lead = parts[0]
        named = _NAME_PREFIX.match(_TAG.sub("", lead).strip())
        if named:
            speaker = named.group(1)
            add(speaker, named.group(2), True)
        elif lead.strip():
            add(speaker, lead, not runs or runs[-1][0] != speaker)
        for voice, fragment in zip(parts[1::2], parts[2::2], strict=True):
            speaker = voice.strip() or speaker
            add(speaker, fragment, True)
    return [(who, " ".join(parts)) for who, parts in runs if parts]


def _timing_line(lines: list[str], vtt: bool) -> int | None:
    """Index of the line meant as the cue timing: the one with '-->', else a likely attempt."""
    for index, line in enumerate(lines):
        if "-->" in line:
            return index
    if not vtt and len(lines) > 1 and lines[0].strip().isdigit():
        return 1  # SRT: number line, then timing line
    for index, line in enumerate(lines[:2]):
        if _TIMING_ATTEMPT.match(line):
            return index
    return None


def _parse_cues(
    text: str,
    conversation_id: str,
    base_time: datetime,
    *,
    vtt: bool,
    source: str | None,
    max_text_chars: int,
) -> list[dict[str, Any] | Reject]:
    if base_time.tzinfo is None:
        base_time = base_time.replace(tzinfo=UTC)
    base_time = base_time.astimezone(UTC)
    label = source if source is not None else conversation_id
    text = text.lstrip("\ufeff")
    out: list[dict[str, Any] | Reject] = []
    speaker: str | None = None
    cue = 0
    for first_line, lines in _blocks(text):
        timing_at = _timing_line(lines, vtt)
        if vtt and timing_at is None and _SKIPPED_VTT_BLOCKS.match(lines[0]):
            continue  # header, comment, style or region block
        cue += 1
        where = f"{label}:{first_line + (timing_at or 0)}"
        if timing_at is None:
            out.append(Reject(where, "cue has no timing line"))
            continue
        match = _TIMING.match(lines[timing_at])
        start = end = None
        if match:
            start = _offset(*match.group(1, 2, 3, 4))
            end = _offset(*match.group(5, 6, 7, 8))
        if start is None or end is None:
            out.append(Reject(where, "cue timing is not [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt"))
            continue
        if end < start:
            out.append(Reject(where, "cue ends before it starts"))
            continue
        segments = _segments(lines[timing_at + 1 :], speaker, vtt)
        if not segments:
            out.append(Reject(where, "cue has no text"))
            continue
        for n, (who, body) in enumerate(segments, start=1):
            if who is not None:
                speaker = who
            message_id = f"{conversation_id}-{cue}" if n == 1 else f"{conversation_id}-{cue}.{n}"
            if who is None:
                out.append(Reject(where, "cue has no speaker"))
            elif not_utf8(who):
                out.append(Reject(where, "sender is not valid UTF-8"))
            elif not_utf8(body):
                out.append(Reject(where, "text is not valid UTF-8"))
            elif len(body) > max_text_chars:
                out.append(Reject(where, f"text longer than {max_text_chars} characters"))
            else:
                out.append(
                    {
                        "conversation_id": conversation_id,
                        "message_id": message_id,
                        "sender": who,
                        "sent_at": base_time + start,
                        "text": body,
                        "lang": None,
                    }
                )
    return out


def parse_webvtt(
    text: str,
    conversation_id: str,
    base_time: datetime,
    *,
    source: str | None = None,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> list[dict[str, Any] | Reject]:
    """A WebVTT transcript as messages and rejects, in cue order. Never raises.

    - One message per cue and speaker. The speaker comes from ``<v Name>`` or a leading
      ``Name:`` (at most four words) on a cue line; a cue without one keeps the previous
      cue's speaker, and a cue before any speaker is rejected ("cue has no speaker").
    - ``message_id`` is ``f"{conversation_id}-{cue}"``, ``cue`` being the 1-based position
      of the cue in the file (bad cues count, so ids do not shift when one is fixed); a
      second speaker in the same cue gets ``-{cue}.2`` and so on.
    - ``sent_at`` is ``base_time`` (UTC if naive) plus the cue's start offset.
    - A cue with a malformed timing line is rejected with the reason; the others are kept.
      Rejects name ``f"{source}:{line}"`` (``source`` defaults to the conversation id).
    - Tags (``<i>``, ``<c.x>``, inline timestamps) are removed and entities decoded.
    - Text decoded with ``surrogateescape`` may hold undecodable bytes: such a cue is
      rejected as "text is not valid UTF-8".
    """
    return _parse_cues(
        text, conversation_id, base_time, vtt=True, source=source, max_text_chars=max_text_chars
    )


def parse_srt(
    text: str,
    conversation_id: str,
    base_time: datetime,
    *,
    source: str | None = None,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> list[dict[str, Any] | Reject]:
    """An SRT transcript as messages and rejects; the rules of ``parse_webvtt`` apply.

    The number line of each cue is not used for ids (SRT files often renumber badly); the
    cue's position is. ``{\\an8}``-style and HTML tags are removed.
    """
    return _parse_cues(
        text, conversation_id, base_time, vtt=False, source=source, max_text_chars=max_text_chars
    )
