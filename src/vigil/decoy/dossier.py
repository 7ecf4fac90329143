"""Per-partner dossiers: what the partner disclosed, when, and how the level moved.

Bounded on purpose: the runtime keeps one per conversation for 10,000 conversations, and a
partner who floods identifiers must not grow it without limit.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import datetime

from vigil.content import Identifier
from vigil.decoy.identifiers import read_identifiers
from vigil.decoy.transcript import TranscriptLine

MAX_VALUES_PER_KIND = 20
MAX_TIMELINE = 50


def _iso(at: datetime) -> str:
    return at.isoformat()


class Dossier:
    """One partner on one network."""

    __slots__ = (
        "first_seen",
        "identifiers",
        "last_seen",
        "level",
        "level_history",
        "messages_in",
        "messages_out",
        "network",
        "partner",
        "timeline",
    )

    def __init__(self, partner: str, network: str, at: datetime, level: str = "neutral") -> None:
        self.partner = partner
        self.network = network
        self.level = level
        self.first_seen = at
        self.last_seen = at
        self.messages_in = 0
        self.messages_out = 0
        self.identifiers: dict[str, list[str]] = {}
        self.level_history: list[tuple[str, datetime]] = [(level, at)]
        self.timeline: deque[tuple[datetime, str, str]] = deque(maxlen=MAX_TIMELINE)

    def seen(self, at: datetime) -> None:
        self.last_seen = max(self.last_seen, at)
        self.first_seen = min(self.first_seen, at)

    def set_level(self, level: str, at: datetime) -> bool:
        """Record a new level; returns whether it changed."""
        if level == self.level:
            return False
        self.level = level
        self.level_history.append((level, at))
        return True

    def add(self, found: Iterable[Identifier], at: datetime) -> list[Identifier]:
        """Merge identifiers; returns those not known before."""
        new: list[Identifier] = []
        for item in found:
            values = self.identifiers.setdefault(item.kind, [])
            if item.value in values or len(values) >= MAX_VALUES_PER_KIND:
                continue
            values.append(item.value)
            self.timeline.append((at, item.kind, item.value))
            new.append(item)
        return new

    def add_text(self, text: str, at: datetime) -> list[Identifier]:
        """Extract identifiers from one partner line and merge them (the same reader as the
        live engine, so a report rebuilt from transcripts finds what the engine found)."""
        return self.add(read_identifiers(text), at)

    def knows(self, kinds: Iterable[str]) -> bool:
        """Whether any of ``kinds`` is known: an identifier kind or "kind:platform"."""
        for kind in kinds:
            base, _, platform = kind.partition(":")
            values = self.identifiers.get(base, [])
            if values and (not platform or any(v.startswith(platform + ":") for v in values)):
                return True
        return False

    def to_dict(self) -> dict[str, object]:
        """The report line of ``vigil decoy report`` (plus level history and timeline)."""
        return {
            "partner": self.partner,
            "network": self.network,
            "level": self.level,
            "identifiers": {k: list(v) for k, v in sorted(self.identifiers.items())},
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "messages_in": self.messages_in,
            "messages_out": self.messages_out,
            "level_history": [{"level": lv, "at": _iso(at)} for lv, at in self.level_history],
            "timeline": [{"at": _iso(at), "kind": k, "value": v} for at, k, v in self.timeline],
        }

    def to_json(self) -> str:
        """One JSON line."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


def dossiers_from_lines(
    lines: Iterable[TranscriptLine],
    levels: Sequence[str] = ("neutral", "possible", "probable", "confirmed"),
) -> list[Dossier]:
    """Rebuild dossiers from transcript lines (``vigil decoy report``), in first-seen order.

    Identifiers come from the partner's lines; the level is the highest recorded.
    """
    rank = {name: i for i, name in enumerate(levels)}
    found: dict[tuple[str, str], Dossier] = {}
    for line in lines:
        at = datetime.fromisoformat(line.at)
        key = (line.network, line.partner)
        dossier = found.get(key)
        if dossier is None:
            dossier = found[key] = Dossier(line.partner, line.network, at, levels[0])
        dossier.seen(at)
        if line.direction == "in":
            dossier.messages_in += 1
            dossier.add_text(line.text, at)
        else:
            dossier.messages_out += 1
        if line.level in rank and rank[line.level] > rank.get(dossier.level, 0):
            dossier.set_level(line.level, at)
    return list(found.values())
