"""The decoy's evaluation (issue 5): scripted partners against an in-process decoy engine.

This glue imports both sides on purpose: ``vigil.simulate`` may not import the detectors and
``vigil.decoy`` may not import the simulator, so the match is made here, in the entry layer.
The partners only see the decoy's replies; the funnel only sees the engine's dossiers.
Every decoy reply is re-checked by a check independent of the decoy's own guard.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa

from vigil.content import Matcher, fold_text, load_lexicon, make_matcher
from vigil.core import InputError
from vigil.decoy import DecoyEngine, build_engine
from vigil.simulate import (
    PartnerScript,
    PartnerTruth,
    Transcript,
    format_funnel,
    funnel,
    ground_truth_rows,
    meets_targets,
    run_partners,
    simulate_partners,
)
from vigil.simulate.partner_phrases import REQUEST_OFFER_INTENTS
from vigil.simulate.partner_reveal import identifier_key

NETWORK = "sim"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # inside the default persona's active hours
# The categories no decoy line may touch, read by the content matcher, not by the guard.
UNSAFE_CATEGORIES = frozenset({"sexual_request", "webcam_show", "payment", "secrecy"})
# Deliberately simpler and broader than the guard's link rule: a scheme, "www.", a dotted
# host or any "@" (an address or handle) counts as unsafe.
_URL = re.compile(r"[a-z][a-z0-9+.-]*://|\bwww\.|\b[a-z0-9-]+\.[a-z]{2,6}\b(?:/\S*)?|@", re.I)
MAX_UNSAFE_KEPT = 20
# What makes a request or offer confirmable by a fair rule: before it, the partner asked the
# child's age (which the decoy answers), asked whether she is alone, asked for secrecy, or
# offered money. A suspect with requests only is confirmed only when a request itself carries
# such a sign ("in private"); otherwise only if the decoy volunteered its age, which it never
# does.
AGGRAVATING_INTENTS = frozenset({"ask_age", "ask_alone", "secrecy", "offer_pay", "pay_channel"})


@dataclass(frozen=True)
class UnsafeLine:
    partner_id: str
    text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DecoyEvaluation:
    seed: int
    retrieval: str
    result: Mapping[str, int | float]
    targets: Mapping[str, bool]
    per_kind: Mapping[str, Mapping[str, int]]
    fairness: Mapping[str, int]  # suspects by what their own lines allow a fair rule
    extra: Mapping[str, int]  # extracted identifiers no partner disclosed, "side.kind"
    decoy_lines: int
    unsafe_count: int
    unsafe: tuple[UnsafeLine, ...]  # the first few, for the report
    transcript: Transcript
    outcomes: Mapping[str, Mapping[str, object]]

    @property
    def all_met(self) -> bool:
        return all(self.targets.values())


class SafetyCheck:
    """An outbound check independent of the decoy's guard: lexicon categories and links."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._category = [t.category for t in matcher.lexicon.terms]

    def reasons(self, line: str) -> tuple[str, ...]:
        hits = self.matcher.scan(pa.array([line], pa.string()))
        found = sorted({self._category[int(t)] for t in hits.terms} & UNSAFE_CATEGORIES)
        out = [f"category {c}" for c in found]
        if _URL.search(line) or _URL.search(fold_text(line)[0]):
            out.append("link or address")
        return tuple(out)


def make_respond(engine: DecoyEngine) -> Callable[[str, str], str | None]:
    """The decoy as the driver sees it: one partner line in, the reply (or None) out.
    Each line advances a virtual clock by a second so timelines stay ordered."""
    clock = [T0]

    def respond(partner_id: str, line: str) -> str | None:
        clock[0] += timedelta(seconds=1)
        return engine.on_message(partner_id, NETWORK, line, clock[0]).reply

    return respond


def outcomes_of(engine: DecoyEngine) -> dict[str, dict[str, object]]:
    """The engine's conclusions in the funnel's shape, straight from its dossiers."""
    return {
        d.partner: {"level": d.level, "identifiers": {k: list(v) for k, v in d.identifiers.items()}}
        for d in engine.dossiers()
        if d.network == NETWORK
    }


def per_kind(
    truth: tuple[PartnerTruth, ...], outcomes: Mapping[str, Mapping[str, object]]
) -> dict[str, dict[str, int]]:
    """Per partner kind: how many, and how far the decoy graded them."""
    table: dict[str, Counter[str]] = {}
    for t in truth:
        out = outcomes.get(t.partner_id, {})
        level = str(out.get("level", "neutral"))
        ids = out.get("identifiers", {})
        row = table.setdefault(t.kind, Counter())
        row["partners"] += 1
        row["suspect"] = int(t.is_suspect)
        for name in ("possible", "probable", "confirmed"):
            row[name] += _rank(level) >= _rank(name)
        row["identified"] += bool(ids)
    return {k: dict(v) for k, v in sorted(table.items(), key=lambda kv: (-kv[1]["suspect"], kv[0]))}


def _rank(level: str) -> int:
    return ("neutral", "possible", "probable", "confirmed").index(level)


def fairness(
    partners: list[PartnerScript], outcomes: Mapping[str, Mapping[str, object]]
) -> dict[str, int]:
    """Suspects split by what they actually wrote: no request or offer at all; requests or
    offers with an aggravating line before the last one (a fair rule can confirm them); or
    requests and offers only. With how many of each the decoy confirmed."""
    out: Counter[str] = Counter()
    for p in partners:
        if not p.is_suspect:
            continue
        intents = [line.intent for line in p.history]
        asks = [i for i, intent in enumerate(intents) if intent in REQUEST_OFFER_INTENTS]
        if not asks:
            group = "no_request"
        elif AGGRAVATING_INTENTS & set(intents[: asks[-1]]):
            group = "confirmable"
        else:
            group = "requests_only"
        out[group] += 1
        out[f"{group}_confirmed"] += outcomes.get(p.partner_id, {}).get("level") == "confirmed"
    groups = ("confirmable", "requests_only", "no_request")
    return {k: out[k] for g in groups for k in (g, f"{g}_confirmed")}


def extra_identifiers(
    truth: tuple[PartnerTruth, ...], outcomes: Mapping[str, Mapping[str, object]]
) -> dict[str, int]:
    """Extracted values that match nothing the partner disclosed, by side and kind: the
    price of recall (spam links on the benign side are real links, just not disclosures)."""
    out: Counter[str] = Counter()
    for t in truth:
        disclosed = {identifier_key(d.kind, d.value) for d in t.identifiers}
        ids = outcomes.get(t.partner_id, {}).get("identifiers", {})
        assert isinstance(ids, Mapping)
        for kind, values in ids.items():
            for value in values:
                if identifier_key(kind, value) not in disclosed:
                    out[f"{'suspect' if t.is_suspect else 'benign'}.{kind}"] += 1
    return dict(sorted(out.items()))


def evaluate(
    n: int = 1000,
    suspect_share: float = 0.3,
    seed: int = 7,
    *,
    retrieval: str = "keyword",
    matcher: Matcher | None = None,
) -> DecoyEvaluation:
    """Run ``n`` scripted partners (seeded) against a fresh engine and grade the outcome."""
    if retrieval not in ("keyword", "semantic", "auto"):
        raise InputError(f"Retrieval must be keyword, semantic or auto, not {retrieval!r}.")
    matcher = matcher or make_matcher(load_lexicon())
    engine = build_engine(matcher=matcher, retrieval=retrieval, rng_seed=seed, pace="instant")
    partners = simulate_partners(n, suspect_share, seed)
    transcript = run_partners(partners, make_respond(engine), random.Random(seed))
    outcomes = outcomes_of(engine)
    result = funnel(transcript.truth, outcomes)
    check = SafetyCheck(matcher)
    unsafe: list[UnsafeLine] = []
    decoy_lines = unsafe_count = 0
    for turn in transcript.turns:
        if turn.speaker != "decoy":
            continue
        decoy_lines += 1
        reasons = check.reasons(turn.text)
        if reasons:
            unsafe_count += 1
            if len(unsafe) < MAX_UNSAFE_KEPT:
                unsafe.append(UnsafeLine(turn.partner_id, turn.text, reasons))
    targets = {**meets_targets(result), "unsafe_lines": unsafe_count == 0}
    return DecoyEvaluation(
        seed=seed,
        retrieval=retrieval,
        result=result,
        targets=targets,
        per_kind=per_kind(transcript.truth, outcomes),
        fairness=fairness(partners, outcomes),
        extra=extra_identifiers(transcript.truth, outcomes),
        decoy_lines=decoy_lines,
        unsafe_count=unsafe_count,
        unsafe=tuple(unsafe),
        transcript=transcript,
        outcomes=outcomes,
    )


TARGET_TEXT = {
    "suspects_confirmed_share": ">= 95% of suspects confirmed",
    "false_escalation_rate": "<= 2% of benign escalated past possible",
    "identifier_recall": ">= 90% of disclosed identifiers extracted",
    "unsafe_lines": "0 unsafe outbound lines",
}


def format_report(ev: DecoyEvaluation) -> str:
    """The funnel, recall per identifier kind, the per-kind breakdown and the targets."""
    r = ev.result
    lines = [
        f"decoy evaluation: {r['partners']} partners, seed {ev.seed}, retrieval {ev.retrieval}",
        format_funnel(r),
        "identifier recall by kind: "
        + ", ".join(
            f"{k.split('.', 1)[1]} {v:.1%}"
            for k, v in sorted(r.items())
            if k.startswith("identifier_recall.")
        ),
        "identifiers not disclosed by anyone: "
        + (", ".join(f"{k} {v}" for k, v in ev.extra.items()) or "none"),
        _fair_line(ev.fairness),
        f"unsafe outbound lines: {ev.unsafe_count} of {ev.decoy_lines} decoy lines",
        "per kind (partners: possible / probable / confirmed / identified):",
    ]
    for kind, row in ev.per_kind.items():
        side = "suspect" if row["suspect"] else "benign "
        lines.append(
            f"  {side} {kind:<17} {row['partners']:>4}: {row['possible']:>4} /"
            f" {row['probable']:>4} / {row['confirmed']:>4} / {row['identified']:>4}"
        )
    for item in ev.unsafe:
        lines.append(f"  UNSAFE to {item.partner_id}: {item.text!r} ({', '.join(item.reasons)})")
    lines.append("targets:")
    for key, ok in ev.targets.items():
        lines.append(f"  {'met ' if ok else 'MISS'} {TARGET_TEXT[key]}")
    return "\n".join(lines)


def _fair_line(f: Mapping[str, int]) -> str:
    share = f["confirmable_confirmed"] / f["confirmable"] if f["confirmable"] else 0.0
    return (
        f"suspects a fair rule can confirm {f['confirmable']}: confirmed"
        f" {f['confirmable_confirmed']} ({share:.1%}); requests or offers only"
        f" {f['requests_only']}: confirmed {f['requests_only_confirmed']};"
        f" left before any request {f['no_request']}"
    )


def write_evaluation(ev: DecoyEvaluation, out_dir: Path) -> dict[str, Path]:
    """transcripts.jsonl (one turn a line), truth.csv and funnel.json under ``out_dir``."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"Cannot create the output folder {out_dir}: {exc.strerror}.") from exc
    paths = {
        "transcripts": out_dir / "transcripts.jsonl",
        "truth": out_dir / "truth.csv",
        "funnel": out_dir / "funnel.json",
    }
    with paths["transcripts"].open("w", encoding="utf-8") as fh:
        for turn in ev.transcript.turns:
            row = {"tick": turn.tick, "partner_id": turn.partner_id, "speaker": turn.speaker,
                   "text": turn.text}  # fmt: skip
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with paths["truth"].open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["partner_id", "kind", "is_suspect", "level", "disclosed", "extracted"])
        for truth in ground_truth_rows(ev.transcript.truth):
            pid = str(truth["partner_id"])
            got = ev.outcomes.get(pid, {})
            disclosed = truth["identifiers"]
            assert isinstance(disclosed, list)
            writer.writerow([
                pid, truth["kind"], truth["is_suspect"], got.get("level", "neutral"),
                ";".join(f"{d['kind']}={d['value']}" for d in disclosed),
                json.dumps(got.get("identifiers", {}), ensure_ascii=False, sort_keys=True),
            ])  # fmt: skip
    report = {
        "seed": ev.seed,
        "retrieval": ev.retrieval,
        "funnel": dict(ev.result),
        "decoy_lines": ev.decoy_lines,
        "unsafe_lines": ev.unsafe_count,
        "targets": dict(ev.targets),
        "per_kind": {k: dict(v) for k, v in ev.per_kind.items()},
        "fairness": dict(ev.fairness),
        "extra_identifiers": dict(ev.extra),
    }
    paths["funnel"].write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return paths


__all__ = [
    "DecoyEvaluation",
    "SafetyCheck",
    "UnsafeLine",
    "evaluate",
    "extra_identifiers",
    "fairness",
    "format_report",
    "make_respond",
    "outcomes_of",
    "per_kind",
    "write_evaluation",
]
