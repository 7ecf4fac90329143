"""The fused review queue: one row per account, ranked by a noisy-OR of the three methods.

The rule: each method gives the account a score in 0..1 (metadata: the flag's score; content:
the strongest flagged conversation, or the account score; decoy: the partner's level mapped by
`DECOY_LEVELS`). Treating the methods as independent witnesses, the fused score is

    fused = 1 - prod(1 - CAP * score_m)

so a second method always raises an account above what either method gives alone. CAP keeps
one method from ever claiming certainty (without it a metadata score of 1.0 would make
content and decoy evidence invisible); scaling rather than clipping keeps each method's own
order among its near-certain scores.

Rows are joined on the account pseudonym: flags' `account`; content's `account` (scores
`--by account`) or `requester` (scores per conversation); a dossier's `partner`. A decoy
partner joins only when it carries the same pseudonym; linking a chat nick to a VoIP account
is a human decision, not fusion's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from vigil.core import InputError
from vigil.fusion import methods
from vigil.fusion.methods import DECOY_LEVELS, METHODS, Contribution, plain

CAP = 0.99
__all__ = [
    "CAP",
    "DECOY_LEVELS",
    "METHODS",
    "Contribution",
    "QueueRow",
    "filter_queue",
    "fuse",
    "kind_of_rows",
]


@dataclass(frozen=True)
class QueueRow:
    account: str
    score: float
    rank: int
    contributions: tuple[Contribution, ...]
    roles: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    country: str | None = None
    window_start: str | None = None
    # Optional per-account contacts by country (a `contacts_by_country` flags column).
    contacts_by_country: Mapping[str, int] = field(default_factory=dict)
    # The source rows, without text, as case findings: {"kind", "file", "row"}.
    findings: tuple[Mapping[str, Any], ...] = ()

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(c.method for c in self.contributions)

    @property
    def origin(self) -> str:
        """The method that weighs most: a case opened from this row names it as its origin."""
        return max(self.contributions, key=lambda c: c.score).method

    def contribution(self, method: str) -> Contribution | None:
        return next((c for c in self.contributions if c.method == method), None)

    @property
    def explanation(self) -> str:
        parts = "; ".join(c.describe() for c in self.contributions)
        return (
            f"fused {self.score:.3f} = 1 - product of (1 - {CAP} x method score) "
            f"over {len(self.contributions)} method{'s' if len(self.contributions) != 1 else ''}"
            f": {parts}"
        )


def kind_of_rows(columns: Iterable[str], name: str) -> str:
    """Which contract a file's rows follow: metadata (flags), content (scores) or decoy."""
    cols = set(columns)
    if {"partner", "level"} <= cols:
        return "decoy"
    if cols & {"categories", "flagged", "conversation_id"}:
        return "content"
    if "account" in cols and cols & {"patterns", "role", "rank"}:
        return "metadata"
    raise InputError(
        f"{name} is not a flags file (account, role, patterns...), content scores "
        "(conversation_id or account, flagged, categories...) or decoy dossiers "
        "(partner, level...)."
    )


def _account(row: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _day(value: Any) -> str | None:
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10]
    return str(value)[:10] if value else None


def fuse(
    flags_rows: Sequence[Mapping[str, Any]],
    content_rows: Sequence[Mapping[str, Any]] = (),
    dossier_rows: Sequence[Mapping[str, Any]] = (),
    *,
    sources: Mapping[str, str] | None = None,
) -> list[QueueRow]:
    """The queue, best first. `sources` names the file of each method's rows in findings.

    Every flags row is in the queue; a content row only when flagged (an unflagged score is
    no evidence), a dossier only above the neutral level. Content rows about no account
    (conversations of unknown parties) cannot be placed and are left out.
    """
    files = dict(sources or {})
    grouped: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(
        lambda: {m: [] for m in METHODS}
    )
    for row in flags_rows:
        account = _account(row, "account")
        if account is None:
            raise InputError("A flags row has no account.")
        methods.score_of(row, "flags")
        grouped[account]["metadata"].append(row)
    for row in content_rows:
        account = _account(row, "account", "requester")
        if account is not None and row.get("flagged") and methods.score_of(row, "content-score"):
            grouped[account]["content"].append(row)
    for row in dossier_rows:
        partner = _account(row, "partner")
        if partner is None:
            raise InputError("A decoy dossier has no partner.")
        if DECOY_LEVELS[methods.decoy_level(row)] > 0:
            grouped[partner]["decoy"].append(row)
    fused = [_row(account, by_method, files) for account, by_method in grouped.items()]
    fused.sort(key=lambda r: (-r.score, -len(r.contributions), r.account))
    return [_ranked(r, i) for i, r in enumerate(fused, 1)]


def _ranked(row: QueueRow, rank: int) -> QueueRow:
    return QueueRow(
        row.account,
        row.score,
        rank,
        row.contributions,
        row.roles,
        row.patterns,
        row.country,
        row.window_start,
        row.contacts_by_country,
        row.findings,
    )


def _row(
    account: str, by_method: Mapping[str, list[Mapping[str, Any]]], files: Mapping[str, str]
) -> QueueRow:
    build = {"metadata": methods.metadata, "content": methods.content, "decoy": methods.decoy}
    contributions = tuple(build[m](rows) for m, rows in by_method.items() if rows)
    remaining = 1.0
    for c in contributions:
        remaining *= 1.0 - CAP * c.score
    flags = by_method["metadata"]
    everything = [r for m in METHODS for r in by_method[m]]
    country = next((str(cc).upper() for r in everything if (cc := r.get("country"))), None)
    contacts: dict[str, int] = defaultdict(int)
    for r in flags:
        per = r.get("contacts_by_country")
        if isinstance(per, Mapping):
            for cc, n in per.items():
                contacts[str(cc or "unknown")] += int(n)
    meta = contributions[0] if flags else None
    return QueueRow(
        account=account,
        score=1.0 - remaining,
        rank=0,
        contributions=contributions,
        roles=tuple(meta.details["roles"]) if meta else (),
        patterns=tuple(meta.details["patterns"]) if meta else (),
        country=country,
        window_start=min((d for r in flags if (d := _day(r.get("window_start")))), default=None),
        contacts_by_country=dict(contacts),
        findings=_findings(by_method, files),
    )


def _findings(
    by_method: Mapping[str, list[Mapping[str, Any]]], files: Mapping[str, str]
) -> tuple[Mapping[str, Any], ...]:
    kinds = {"metadata": "metadata_flag", "content": "content_score", "decoy": "decoy_dossier"}
    out: list[Mapping[str, Any]] = []
    for method, rows in by_method.items():
        for r in rows:
            row = methods.decoy_finding(r) if method == "decoy" else plain(r)
            out.append({"kind": kinds[method], "file": files.get(method, method), "row": row})
    return tuple(out)


def filter_queue(
    rows: Iterable[QueueRow],
    *,
    role: str | None = None,
    country: str | None = None,
    pattern: str | None = None,
    method: str | None = None,
    min_score: float = 0.0,
) -> list[QueueRow]:
    """The rows matching every filter given (None or empty matches all)."""
    wanted_country = country.strip().upper() if country else None
    return [
        r
        for r in rows
        if (not role or role in r.roles)
        and (not wanted_country or r.country == wanted_country)
        and (not pattern or pattern in r.patterns)
        and (not method or method in r.methods)
        and r.score >= min_score
    ]
