"""Call transcripts: speech-recognition style text, rendered as WebVTT or SRT."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
_EMOTICON = re.compile(r"(?<!\S)(:\)|:\(|;\)|<3)(?!\S)")


@dataclass(frozen=True)
class Cue:
    speaker: str
    start_ms: int
    end_ms: int
    text: str


def number_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("" if ones == 0 else f" {_ONES[ones]}")
    return str(n)


def asr_text(text: str, rng: random.Random) -> str:
    """What a recogniser writes: lower case, no emoticons, small numbers often in words."""
    text = _EMOTICON.sub("", text.lower())
    if rng.random() < 0.5:
        text = re.sub(r"\b\d{1,2}\b", lambda m: number_words(int(m.group())), text)
    return re.sub(r"\s+", " ", text).strip() or "mm"


def _clock(ms: int, sep: str) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{milli:03d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_vtt(cues: Sequence[Cue]) -> str:
    blocks = ["WEBVTT"]
    for i, cue in enumerate(cues, 1):
        timing = f"{_clock(cue.start_ms, '.')} --> {_clock(cue.end_ms, '.')}"
        blocks.append(f"{i}\n{timing}\n<v {cue.speaker}>{_vtt_escape(cue.text)}")
    return "\n\n".join(blocks) + "\n"


def render_srt(cues: Sequence[Cue]) -> str:
    blocks = []
    for i, cue in enumerate(cues, 1):
        timing = f"{_clock(cue.start_ms, ',')} --> {_clock(cue.end_ms, ',')}"
        blocks.append(f"{i}\n{timing}\n{cue.speaker}: {cue.text}")
    return "\n\n".join(blocks) + "\n"
