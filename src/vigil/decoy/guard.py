"""The outbound guard: the last check on every line the decoy sends.

A line passes only if it hits no blocked content category (the obfuscation-tolerant
content matcher), names no blocked topic (entrapment guard: the decoy never says them at
all, so it can never be the one to raise them), holds no link, address, handle or other
identifier, carries no media or attachment marker, and is one short line of printable ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from vigil.content import Matcher, extract_identifiers, fold_text, load_lexicon, make_matcher
from vigil.core import ConfigError
from vigil.decoy.cues import (
    Topics,
    default_data_dir,
    has_link,
    load_topics,
    read_toml,
    term_pattern,
)

_CACHE_SIZE = 8192
_MEDIA_MARKERS = re.compile(r"\x01|<\s*img|\[\s*(?:image|img|photo|video|file)\s*\]", re.I)


@dataclass(frozen=True, slots=True)
class GuardResult:
    ok: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuardRules:
    blocked_categories: frozenset[str]
    blocked_topics: frozenset[str]
    blocked_identifiers: frozenset[str]
    blocked_words: tuple[str, ...]
    media_extensions: tuple[str, ...]
    ascii_only: bool = True
    max_chars: int = 200


def load_guard_rules(path: Path | None = None) -> GuardRules:
    source = path or default_data_dir() / "guard.toml"
    data = read_toml(source, "guard rules")
    try:
        rules = GuardRules(
            blocked_categories=frozenset(_strings(data, "blocked_categories")),
            blocked_topics=frozenset(_strings(data, "blocked_topics")),
            blocked_identifiers=frozenset(_strings(data, "blocked_identifiers")),
            blocked_words=tuple(_strings(data, "blocked_words")),
            media_extensions=tuple(_strings(data, "media_extensions")),
            ascii_only=bool(data.get("ascii_only", True)),
            max_chars=int(data.get("max_chars", 200)),  # type: ignore[call-overload]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"guard rules {source} are invalid: {exc}.") from exc
    if not rules.blocked_categories or not rules.blocked_topics:
        raise ConfigError(f"guard rules {source} must block some categories and topics.")
    return rules


def _strings(data: dict[str, object], key: str) -> list[str]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{key} must be a list of strings")
    return [str(v) for v in value]


class OutboundGuard:
    """``check(line)`` says whether the decoy may send ``line``, and if not, why."""

    def __init__(self, matcher: Matcher, topics: Topics, rules: GuardRules) -> None:
        unknown = rules.blocked_topics - set(topics.terms)
        if unknown:
            raise ConfigError(f"guard rules block unknown topics {sorted(unknown)}.")
        self.matcher = matcher
        self.topics = topics
        self.rules = rules
        self._category = [t.category for t in matcher.lexicon.terms]
        self._words = re.compile("|".join(term_pattern(w) for w in rules.blocked_words), re.I)
        ext = "|".join(re.escape(e) for e in rules.media_extensions)
        self._media = re.compile(rf"\.\s*(?:{ext})(?![a-z0-9])", re.I)
        # Bank lines repeat and styled variants are few; a result depends only on the text.
        self._cache: dict[str, GuardResult] = {}

    def check(self, line: str) -> GuardResult:
        result = self._cache.get(line)
        if result is None:
            result = self._check(line)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[line] = result
        return result

    def cached(self, line: str) -> GuardResult | None:
        """The verdict ``check`` already gave for ``line``, or None: a dictionary look-up that
        never runs the matcher (safe on a thread other than the one that scans)."""
        return self._cache.get(line)

    def _check(self, line: str) -> GuardResult:
        reasons: list[str] = []
        rules = self.rules
        if not line.strip():
            reasons.append("empty line")
        if len(line) > rules.max_chars:
            reasons.append(f"longer than {rules.max_chars} characters")
        if any(not (c.isprintable() and (c.isascii() or not rules.ascii_only)) for c in line):
            reasons.append("control, formatting or non-ASCII character")
        hits = self.matcher.scan(pa.array([line], pa.string()))
        for category in sorted({self._category[int(t)] for t in hits.terms}):
            if category in rules.blocked_categories:
                reasons.append(f"content category {category}")
        for topic in sorted(self.topics.find(line) & rules.blocked_topics):
            reasons.append(f"topic {topic}")
        folded = fold_text(line)[0]
        if has_link(folded) or "@" in folded:
            reasons.append("link, address or handle")
        if self._words.search(folded):
            reasons.append("link, mail or file-transfer word")
        if self._media.search(folded) or _MEDIA_MARKERS.search(line):
            reasons.append("media or attachment marker")
        kinds = {i.kind for i in extract_identifiers(line)} & rules.blocked_identifiers
        reasons.extend(f"identifier {k}" for k in sorted(kinds))
        return GuardResult(not reasons, tuple(reasons))

    def check_all(self, lines: Sequence[str]) -> list[GuardResult]:
        return [self.check(line) for line in lines]


def load_guard(
    matcher: Matcher | None = None,
    *,
    topics: Topics | None = None,
    rules_path: Path | None = None,
) -> OutboundGuard:
    """The guard with the shipped rules and topics; a matcher over every lexicon by default."""
    return OutboundGuard(
        matcher or make_matcher(load_lexicon()),
        topics or load_topics(),
        load_guard_rules(rules_path),
    )
