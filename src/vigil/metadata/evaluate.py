"""Precision@k and recall per role against a simulated world's ground truth.

Sources: positives are the planted sources, k is their number.
Consumers: positives are consumers who met 2+ sources; consumers who met exactly one are
real but out of scope for the target, so they count neither for nor against.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RoleMetrics:
    role: str
    positives: int
    k: int
    precision_at_k: float
    flagged: int
    flagged_precision: float
    recall: float


@dataclass(frozen=True)
class Ranked:
    """One detector's ranked accounts of a role and which of them it flags."""

    order: list[str]
    flagged: set[str]


def best_per_account(rows: Iterable[tuple[str, float]]) -> list[str]:
    """Accounts ordered by their best score (an account may appear in several windows)."""
    best: dict[str, float] = {}
    for account, score in rows:
        if score > best.get(account, float("-inf")):
            best[account] = score
    return sorted(best, key=lambda a: (-best[a], a))


def role_metrics(role: str, ranked: Ranked, positives: set[str], neutral: set[str]) -> RoleMetrics:
    order = [a for a in ranked.order if a not in neutral]
    k = len(positives)
    hits_at_k = sum(1 for a in order[:k] if a in positives)
    flagged = ranked.flagged - neutral
    true_flags = len(flagged & positives)
    return RoleMetrics(
        role=role,
        positives=k,
        k=k,
        precision_at_k=hits_at_k / k if k else 0.0,
        flagged=len(flagged),
        flagged_precision=true_flags / len(flagged) if flagged else 0.0,
        recall=true_flags / k if k else 0.0,
    )
