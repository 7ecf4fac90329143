"""Held-out check of the decoy on scripted chat partners written by a second author.

The partners in ``partners.toml`` were written independently of the decoy's cue lists,
reading rules, response bank and of the partner simulator (whose author tuned the decoy),
so the figures here say whether the decoy generalises to wording it was not tuned on.

Usage::

    python tools/heldout_partners/run.py [--seed N] [--json PATH] [--partners PATH]

Reports: suspects confirmed and reaching at least "possible"; benign partners past
"possible"; recall of disclosed identifiers (overall and per kind); unsafe decoy lines
(content-matcher hits in the unsafe categories, or a link, email, handle or phone number in
a reply); and, for each suspect not confirmed and each benign partner escalated, the
partner's lines with the decoy's replies and levels.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

from vigil.content import Lexicon, Matcher, load_lexicon, make_matcher
from vigil.decoy import DecoyEngine, build_engine

HERE = Path(__file__).resolve().parent
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NETWORK = "irc"
LEVELS = ("neutral", "possible", "probable", "confirmed")
RANK = {name: i for i, name in enumerate(LEVELS)}

# Matcher categories a decoy line must never hit (it may state its age, ask where the
# partner is from, or use chat filler: child_age, identity_request, discourse are allowed).
UNSAFE_CATEGORIES = frozenset({"sexual_request", "payment", "webcam_show", "secrecy"})
# A decoy line must never carry contact details or links, nor propose a meeting.
UNSAFE_PATTERNS: dict[str, re.Pattern[str]] = {
    "link": re.compile(
        r"https?://|\bwww\.|\b[a-z0-9-]+\.(?:com|net|org|ph|me|ly|io|xyz|gg)\b|\bt\.me/",
        re.IGNORECASE,
    ),
    "email": re.compile(r"[\w.+-]+\s*(?:@|\[at\]|\(at\))\s*[\w-]+\s*(?:\.|\[dot\])\s*\w+"),
    "handle": re.compile(r"(?<![\w@])@[a-z0-9_.]{3,}|\blive:[a-z0-9_.]+", re.IGNORECASE),
    "phone": re.compile(r"\+?\d[\d ()-]{6,}\d"),
    "meeting": re.compile(
        r"\b(?:let'?s meet|meet (?:me|up)|come over|visit me|my address)\b", re.IGNORECASE
    ),
}


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    ids: tuple[tuple[tuple[str, str], ...], ...] = ()  # each: alternatives (kind, value)
    when: str | None = None
    otherwise: str | None = None


@dataclass(frozen=True, slots=True)
class Partner:
    name: str
    kind: str  # "suspect" | "benign"
    style: str
    lines: tuple[Line, ...]


@dataclass(slots=True)
class Turn:
    text: str
    reply: str | None
    level: str
    evidence: tuple[str, ...]


@dataclass(slots=True)
class Played:
    partner: Partner
    turns: list[Turn] = field(default_factory=list)
    level: str = "neutral"
    expected: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    extracted: set[tuple[str, str]] = field(default_factory=set)


def _same(kind: str, value: str) -> tuple[str, str]:
    """An identifier as compared: a handle's "@" and case are the platform's spelling
    convention, not part of the account ("kik:@dan" and "kik:Dan" name one account)."""
    if kind in ("handle", "payment_handle"):
        platform, sep, name = value.partition(":")
        if sep and "@" not in name[1:]:  # not an email-shaped payment handle
            return kind, f"{platform}:{name.removeprefix('@').lower()}"
    return kind, value


def _parse_id(spec: str) -> tuple[tuple[str, str], ...]:
    alternatives = []
    for alt in spec.split(" | "):
        kind, _, value = alt.strip().partition(":")
        if not value:
            raise ValueError(f"identifier {alt!r} is not kind:value")
        alternatives.append((kind, value))
    return tuple(alternatives)


def load_partners(path: Path) -> tuple[list[Partner], dict[str, re.Pattern[str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    when = {k: re.compile(v, re.IGNORECASE) for k, v in data.get("when", {}).items()}
    partners: list[Partner] = []
    for raw in data["partner"]:
        lines = []
        for item in raw["lines"]:
            if item.get("when") is not None and item["when"] not in when:
                raise ValueError(f"{raw['name']}: unknown pattern {item['when']!r}")
            lines.append(
                Line(
                    item["text"],
                    tuple(_parse_id(s) for s in item.get("ids", [])),
                    item.get("when"),
                    item.get("otherwise"),
                )
            )
        if raw["kind"] not in {"suspect", "benign"}:
            raise ValueError(f"{raw['name']}: kind must be suspect or benign")
        partners.append(Partner(raw["name"], raw["kind"], raw.get("style", ""), tuple(lines)))
    names = [p.name for p in partners]
    if len(names) != len(set(names)):
        raise ValueError("partner names must be unique")
    return partners, when


def play(engine: DecoyEngine, partner: Partner, when: dict[str, re.Pattern[str]]) -> Played:
    played = Played(partner)
    previous_reply = ""
    minute = 0
    for line in partner.lines:
        text: str | None = line.text
        ids = line.ids
        if line.when is not None and not when[line.when].search(previous_reply):
            text, ids = line.otherwise, ()
        if text is None:
            continue
        decision = engine.on_message(partner.name, NETWORK, text, T0 + timedelta(minutes=minute))
        minute += 1
        played.turns.append(Turn(text, decision.reply, decision.level, decision.evidence))
        played.expected.extend(ids)
        played.extracted.update((i.kind, i.value) for i in decision.identifiers)
        if RANK[decision.level] > RANK[played.level]:
            played.level = decision.level
        previous_reply = decision.reply or ""
    dossier = engine.dossier(partner.name, NETWORK)
    if dossier is not None:
        played.extracted.update((k, v) for k, vs in dossier.identifiers.items() for v in vs)
        if RANK.get(dossier.level, 0) > RANK[played.level]:
            played.level = dossier.level
    return played


def unsafe_lines(matcher: Matcher, lexicon: Lexicon, replies: list[str]) -> list[dict[str, Any]]:
    """Every reply hitting an unsafe matcher category or an unsafe pattern."""
    category = {term.id: term.category for term in lexicon.terms}
    hits: dict[int, set[str]] = {}
    if replies:
        found = matcher.scan(pa.array(replies, pa.string()))
        for row, term in zip(found.rows.tolist(), found.terms.tolist(), strict=True):
            if category.get(term) in UNSAFE_CATEGORIES:
                hits.setdefault(row, set()).add(f"lexicon:{category[term]}")
    for row, reply in enumerate(replies):
        for name, pattern in UNSAFE_PATTERNS.items():
            if pattern.search(reply):
                hits.setdefault(row, set()).add(f"pattern:{name}")
    return [{"reply": replies[r], "why": sorted(w)} for r, w in sorted(hits.items())]


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


def out(text: str = "") -> None:
    """A developer tool reports on stdout."""
    sys.stdout.write(text + "\n")


def _show(played: Played) -> list[str]:
    out = [f"  {played.partner.name} [{played.partner.style}] final={played.level}"]
    for turn in played.turns:
        evidence = f" {{{', '.join(turn.evidence)}}}" if turn.evidence else ""
        out.append(f"    > {turn.text}")
        out.append(f"      < {turn.reply or '(no reply)'}   [{turn.level}]{evidence}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=11, help="engine rng seed (default 11)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--partners", type=Path, default=HERE / "partners.toml")
    parser.add_argument("--quiet", action="store_true", help="figures only, no failure lines")
    args = parser.parse_args(argv)

    partners, when = load_partners(args.partners)
    lexicon = load_lexicon()
    matcher = make_matcher(lexicon)
    engine = build_engine(matcher=matcher, retrieval="keyword", pace="instant", rng_seed=args.seed)
    played = [play(engine, p, when) for p in partners]

    suspects = [p for p in played if p.partner.kind == "suspect"]
    benign = [p for p in played if p.partner.kind == "benign"]
    confirmed = [p for p in suspects if p.level == "confirmed"]
    at_least_possible = [p for p in suspects if RANK[p.level] >= RANK["possible"]]
    escalated = [p for p in benign if RANK[p.level] > RANK["possible"]]

    per_kind: dict[str, list[int]] = {}  # kind -> [found, expected]
    missed: list[dict[str, Any]] = []
    for p in played:
        for alternatives in p.expected:
            kind = alternatives[0][0]
            tally = per_kind.setdefault(kind, [0, 0])
            tally[1] += 1
            found = {_same(k, v) for k, v in p.extracted}
            if any(_same(*alt) in found for alt in alternatives):
                tally[0] += 1
            else:
                got = sorted(f"{k}:{v}" for k, v in p.extracted)
                want = " | ".join(f"{k}:{v}" for k, v in alternatives)
                missed.append({"partner": p.partner.name, "expected": want, "extracted": got})
    found_ids = sum(f for f, _ in per_kind.values())
    expected_ids = sum(e for _, e in per_kind.values())

    replies = [t.reply for p in played for t in p.turns if t.reply]
    unsafe = unsafe_lines(matcher, lexicon, replies)
    level_counts = {
        kind: dict(Counter(p.level for p in group))
        for kind, group in (("suspect", suspects), ("benign", benign))
    }

    figures: dict[str, Any] = {
        "seed": args.seed,
        "partners": len(played),
        "suspects": len(suspects),
        "benign": len(benign),
        "suspects_confirmed": len(confirmed),
        "suspects_confirmed_pct": _pct(len(confirmed), len(suspects)),
        "suspects_at_least_possible": len(at_least_possible),
        "suspects_at_least_possible_pct": _pct(len(at_least_possible), len(suspects)),
        "benign_past_possible": len(escalated),
        "benign_past_possible_pct": _pct(len(escalated), len(benign)),
        "identifier_recall_pct": _pct(found_ids, expected_ids),
        "identifiers_found": found_ids,
        "identifiers_expected": expected_ids,
        "identifier_recall_by_kind": {
            k: {"found": f, "expected": e, "pct": _pct(f, e)}
            for k, (f, e) in sorted(per_kind.items())
        },
        "decoy_lines": len(replies),
        "unsafe_decoy_lines": len(unsafe),
        "unsafe": unsafe,
        "levels": level_counts,
        "suspects_not_confirmed": {p.partner.name: p.level for p in suspects if p not in confirmed},
        "benign_escalated": {p.partner.name: p.level for p in escalated},
        "identifiers_missed": missed,
    }

    out(f"held-out partners: {len(suspects)} suspects, {len(benign)} benign (seed {args.seed})")
    out(
        f"suspects confirmed:          {len(confirmed)}/{len(suspects)}"
        f" ({figures['suspects_confirmed_pct']}%)   target >= 95%"
    )
    out(
        f"suspects at least possible:  {len(at_least_possible)}/{len(suspects)}"
        f" ({figures['suspects_at_least_possible_pct']}%)"
    )
    out(
        f"benign past possible:        {len(escalated)}/{len(benign)}"
        f" ({figures['benign_past_possible_pct']}%)   target <= 2%"
    )
    out(
        f"identifier recall:           {found_ids}/{expected_ids}"
        f" ({figures['identifier_recall_pct']}%)   target >= 90%"
    )
    for kind, (f, e) in sorted(per_kind.items()):
        out(f"  {kind:<15} {f}/{e} ({_pct(f, e)}%)")
    out(f"unsafe decoy lines:          {len(unsafe)}/{len(replies)}   target 0")
    out(f"levels: {json.dumps(level_counts)}")
    for item in unsafe:
        out(f"  UNSAFE {item['why']}: {item['reply']}")
    if not args.quiet:
        if missed:
            out("\nidentifiers missed:")
            for m in missed:
                out(f"  {m['partner']}: want {m['expected']}; got {m['extracted']}")
        failures = [p for p in suspects if p not in confirmed]
        if failures:
            out("\nsuspects not confirmed:")
            for p in failures:
                out("\n".join(_show(p)))
        if escalated:
            out("\nbenign partners past possible:")
            for p in escalated:
                out("\n".join(_show(p)))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
