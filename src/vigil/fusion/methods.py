"""Each method's contribution to one account's place in the queue, with its figure.

A method's rows about one account are not independent of each other (the same calls, the same
chats), so within a method the strongest row counts (max); only across methods is evidence
combined (see vigil.fusion.queue).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from vigil.core import InputError

METHODS = ("metadata", "content", "decoy")
# A decoy grades a partner's intent in levels (vigil.decoy's policy.toml); each maps to the
# probability a reviewer would give it. Neutral is no evidence at all.
DECOY_LEVELS: Mapping[str, float] = {
    "neutral": 0.0,
    "possible": 0.4,
    "probable": 0.7,
    "confirmed": 0.9,
}
# Text-like fields are dropped from every row a queue keeps: detection views show no content.
TEXT_FIELDS = frozenset(
    {"text", "texts", "spans", "span", "snippet", "excerpt", "body", "transcript", "quote"}
)


@dataclass(frozen=True)
class Contribution:
    """What one method says about one account: its score, a summary and its explanation."""

    method: str
    score: float
    summary: str
    explanation: str
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def figure(self) -> str:
        return f"{self.score:.2f}"

    def describe(self) -> str:
        return f"{self.method} {self.figure} ({self.summary}): {self.explanation}"


def score_of(row: Mapping[str, Any], what: str) -> float:
    value = row.get("score")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"A {what} row has score {value!r}, not a number from 0 to 1.")
    score = float(value)
    if math.isnan(score) or not 0.0 <= score <= 1.0:
        raise InputError(f"A {what} row has score {value!r}, not a number from 0 to 1.")
    return score


def plain(value: Any) -> Any:
    """A JSON-safe copy: dates as ISO text, without text-like fields."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items() if str(k).lower() not in TEXT_FIELDS}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _patterns(value: Any) -> list[str]:
    if isinstance(value, str):
        # CSV flattens lists with ';' (vigil.store.tables).
        return [p for p in value.split(";") if p]
    if isinstance(value, (list, tuple)):
        return [str(p) for p in value]
    return []


def metadata(rows: Sequence[Mapping[str, Any]]) -> Contribution:
    scored = sorted(rows, key=lambda r: -score_of(r, "flags"))
    best = scored[0]
    roles = sorted({str(r.get("role") or "unknown") for r in rows})
    patterns = list(dict.fromkeys(p for r in rows for p in _patterns(r.get("patterns"))))
    rank = best.get("rank")
    summary = f"{'/'.join(roles)}, rank {rank}" if rank is not None else "/".join(roles)
    if len(rows) > 1:
        summary += f", strongest of {len(rows)} flags"
    return Contribution(
        "metadata",
        score_of(best, "flags"),
        summary,
        str(best.get("explanation") or "no explanation given"),
        {"roles": roles, "patterns": patterns, "rank": rank},
    )


def content(rows: Sequence[Mapping[str, Any]]) -> Contribution:
    scored = sorted(rows, key=lambda r: -score_of(r, "content-score"))
    best = scored[0]
    categories: Counter[str] = Counter()
    for r in rows:
        cats = r.get("categories")
        if isinstance(cats, Mapping):
            categories.update({str(k): int(v) for k, v in cats.items() if v})
    conversations = sum(1 for r in rows if r.get("conversation_id"))
    what = (
        f"{conversations} flagged conversation{'s' if conversations != 1 else ''}"
        if conversations
        else "account score"
    )
    cats = ", ".join(f"{k} {v}" for k, v in categories.most_common())
    return Contribution(
        "content",
        score_of(best, "content-score"),
        f"{what}; categories: {cats or 'none'}",
        str(best.get("explanation") or "no explanation given"),
        {"categories": dict(categories), "conversations": conversations},
    )


def decoy_level(row: Mapping[str, Any]) -> str:
    level = str(row.get("level") or "")
    if level not in DECOY_LEVELS:
        raise InputError(
            f"Decoy dossier of {row.get('partner')!r} has level {level!r}; the levels are "
            f"{', '.join(DECOY_LEVELS)}."
        )
    return level


def decoy(rows: Sequence[Mapping[str, Any]]) -> Contribution:
    best = max(rows, key=lambda r: DECOY_LEVELS[decoy_level(r)])
    level = decoy_level(best)
    kinds = identifier_kinds(rows)
    networks = sorted({str(r.get("network") or "?") for r in rows})
    incoming = sum(int(r.get("messages_in") or 0) for r in rows)
    found = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"
    return Contribution(
        "decoy",
        DECOY_LEVELS[level],
        f"level {level} on {', '.join(networks)}",
        f"graded {level} by the decoy after {incoming} partner messages; identifiers "
        f"disclosed: {found}",
        {"level": level, "networks": networks, "identifiers": kinds},
    )


def identifier_kinds(rows: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many identifiers of each kind the partner disclosed: counts, never the values."""
    kinds: Counter[str] = Counter()
    for r in rows:
        found = r.get("identifiers")
        if isinstance(found, Mapping):
            kinds.update({str(k): len(v) for k, v in found.items() if isinstance(v, list)})
    return dict(kinds)


def decoy_finding(row: Mapping[str, Any]) -> dict[str, Any]:
    """A dossier as a case finding: grading and counts; identifier values stay in the dossier."""
    keep = ("partner", "network", "level", "first_seen", "last_seen", "messages_in")
    out: dict[str, Any] = {k: plain(row.get(k)) for k in keep}
    out["messages_out"] = plain(row.get("messages_out"))
    out["identifier_kinds"] = identifier_kinds([row])
    return out
