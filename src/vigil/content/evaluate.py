"""Precision, recall and F0.5 of content flags against ground truth, beside the article's rule.

The article's literal rule, for comparison: a conversation with any abuse word and any
payment word, by plain lower-case substring match and no obfuscation tolerance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from vigil.content.lexicon import Lexicon


@dataclass(frozen=True)
class Metrics:
    flagged: int
    true_positives: int
    positives: int
    precision: float
    recall: float
    f05: float


def metrics(flagged: Iterable[str], positives: Iterable[str]) -> Metrics:
    chosen = set(flagged)
    truth = set(positives)
    hits = len(chosen & truth)
    precision = hits / len(chosen) if chosen else 0.0
    recall = hits / len(truth) if truth else 0.0
    beta2 = 0.25
    denominator = beta2 * precision + recall
    f05 = (1 + beta2) * precision * recall / denominator if denominator else 0.0
    return Metrics(len(chosen), hits, len(truth), precision, recall, f05)


def naive_rule(messages: pa.Table, lexicon: Lexicon) -> set[str]:
    """Conversations the article's literal rule flags (any abuse word and any payment word)."""
    if messages.num_rows == 0:
        return set()
    lower = pc.utf8_lower(pc.fill_null(messages.column("text"), ""))

    def any_of(words: list[str]) -> pa.ChunkedArray:
        found = pc.match_substring(lower, words[0])
        for word in words[1:]:
            found = pc.or_(found, pc.match_substring(lower, word))
        return found

    abuse = any_of(lexicon.literal_terms(["sexual_request"]))
    payment = any_of(lexicon.literal_terms(["payment"]))
    per_conversation = (
        pa.table(
            {
                "conversation_id": messages.column("conversation_id"),
                "abuse": abuse,
                "payment": payment,
            }
        )
        .group_by("conversation_id")
        .aggregate([("abuse", "any"), ("payment", "any")])
    )
    both = pc.and_(per_conversation.column("abuse_any"), per_conversation.column("payment_any"))
    return set(pc.filter(per_conversation.column("conversation_id"), both).to_pylist())
