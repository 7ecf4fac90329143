"""Scanning message batches: lexicon hits, then conversation and account scores.

Batches stream through; only the evidence of messages that hit (sender, message id, term
ids) and one row per conversation and participant are kept, so memory follows the number
of hits and conversations, not of messages. In detection mode no message text is kept at
all; identification mode (the case workflow, under an authorisation) also keeps the
character spans of each hit.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.content.lexicon import CATEGORIES
from vigil.content.matcher import Matcher, Span, spans
from vigil.content.scoring import (
    AccountScore,
    ConversationScore,
    MessageEvidence,
    Scorer,
    roll_up,
)

Pseudonymise = Callable[[Sequence[str]], list[str]]


@dataclass
class ContentScan:
    """Everything a content scan found; conversations with no hit carry the empty score."""

    scorer: Scorer
    identification: bool = False
    messages: int = 0
    evidence: dict[str, list[MessageEvidence]] = field(default_factory=lambda: defaultdict(list))
    spans: dict[str, list[Span]] = field(default_factory=dict)
    _participants: list[pa.Table] = field(default_factory=list)

    def add_batch(self, batch: pa.RecordBatch | pa.Table, matcher: Matcher) -> None:
        """Match one batch (columns conversation_id, sender, message_id, text)."""
        evidence, participants = batch_evidence(batch, matcher)
        self.add_evidence(evidence, participants, batch.num_rows)
        if self.identification and evidence:
            wanted = {item.message_id: item for item in evidence}
            ids = batch.column("message_id").to_pylist()
            for message_id, text in zip(ids, batch.column("text").to_pylist(), strict=True):
                item = wanted.get(message_id)
                if item is not None and text:
                    self.spans[message_id] = spans(matcher.lexicon, text, set(item.terms))

    def add_evidence(
        self, evidence: Iterable[MessageEvidence], participants: pa.Table, messages: int
    ) -> None:
        """Merge hits computed elsewhere (a Spark partition, a worker process).

        ``participants`` has columns conversation_id, sender, count_all (messages per
        participant), as ``add_batch`` builds them.
        """
        self.messages += messages
        self._participants.append(participants.select(["conversation_id", "sender", "count_all"]))
        for item in evidence:
            self.evidence[item.conversation_id].append(item)

    def candidates(self, conversations: Iterable[ConversationScore]) -> set[str]:
        """Conversations the semantic stage should read."""
        return {c.conversation_id for c in conversations if self.scorer.is_candidate(c)}

    def add_semantic(self, messages: pa.Table, ratios: Sequence[float]) -> int:
        """Add the semantic stage's request ratios for candidate messages; returns how many
        messages gained evidence. ``messages`` has conversation_id, sender, message_id."""
        added = 0
        rows = messages.select(["conversation_id", "sender", "message_id"]).to_pylist()
        for row, ratio in zip(rows, ratios, strict=True):
            strength = self.scorer.semantic_strength(ratio)
            if strength <= 0:
                continue
            items = self.evidence[row["conversation_id"]]
            for index, item in enumerate(items):
                if item.message_id == row["message_id"]:
                    items[index] = replace(item, semantic=strength)
                    break
            else:
                items.append(
                    MessageEvidence(
                        row["conversation_id"], row["sender"], row["message_id"], (), strength
                    )
                )
            added += 1
        return added

    def participants(self) -> pa.Table:
        """conversation_id, sender, messages: one row per participant of each conversation."""
        if not self._participants:
            return pa.table(
                {
                    "conversation_id": pa.array([], pa.string()),
                    "sender": pa.array([], pa.string()),
                    "messages": pa.array([], pa.int64()),
                }
            )
        merged = (
            pa.concat_tables(self._participants)
            .group_by(["conversation_id", "sender"])
            .aggregate([("count_all", "sum")])
        )
        self._participants = [merged.rename_columns(["conversation_id", "sender", "count_all"])]
        return merged.rename_columns(["conversation_id", "sender", "messages"])

    def conversation_scores(self) -> list[ConversationScore]:
        """A score for every conversation seen, in conversation id order."""
        table = self.participants()
        counts = table.group_by("conversation_id").aggregate([("messages", "sum")])
        ordered = counts.sort_by("conversation_id")
        results: list[ConversationScore] = []
        ids = ordered.column("conversation_id").to_pylist()
        totals = ordered.column("messages_sum").to_pylist()
        for conversation_id, total in zip(ids, totals, strict=True):
            results.append(
                self.scorer.score(
                    conversation_id,
                    self.evidence.get(conversation_id, []),
                    int(total),
                    identification=self.identification,
                )
            )
        return results

    def account_scores(self, conversations: Iterable[ConversationScore]) -> list[AccountScore]:
        table = self.participants()
        members: dict[str, set[str]] = defaultdict(set)
        for conversation_id, sender in zip(
            table.column("conversation_id").to_pylist(),
            table.column("sender").to_pylist(),
            strict=True,
        ):
            members[conversation_id].add(sender)
        return roll_up(conversations, members)


def batch_evidence(
    batch: pa.RecordBatch | pa.Table, matcher: Matcher
) -> tuple[list[MessageEvidence], pa.Table]:
    """The hits of one batch and its participants; no message text leaves this function."""
    conversation = batch.column("conversation_id")
    sender = batch.column("sender")
    participants = (
        pa.table({"conversation_id": conversation, "sender": sender})
        .group_by(["conversation_id", "sender"])
        .aggregate([([], "count_all")])
    )
    hits = matcher.scan(batch.column("text"))
    if not len(hits):
        return [], participants
    # Hits come sorted by row: each row's terms are one slice of a plain list.
    first = np.concatenate(([0], np.flatnonzero(np.diff(hits.rows)) + 1))
    take = pa.array(hits.rows[first])
    conversations = pc.take(conversation, take).to_pylist()
    senders = pc.take(sender, take).to_pylist()
    message_ids = pc.take(batch.column("message_id"), take).to_pylist()
    terms = hits.terms.tolist()
    edges = [*first.tolist(), len(terms)]
    # With a third of messages hitting, the cyclic collector would re-scan these young
    # objects over and over and cost more than building them; they hold no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        evidence = [
            MessageEvidence(c, s, m, tuple(terms[a:b]))
            for c, s, m, a, b in zip(
                conversations, senders, message_ids, edges[:-1], edges[1:], strict=True
            )
        ]
    finally:
        if collecting:
            gc.enable()
    return evidence, participants


def pseudonymise_column(column: pa.Array | pa.ChunkedArray, pseudonymise: Pseudonymise) -> pa.Array:
    """Replace identifiers by pseudonyms, hashing each distinct value once."""
    distinct = pc.unique(column)
    mapped = pa.array(pseudonymise(distinct.to_pylist()), pa.string())
    return pc.take(mapped, pc.index_in(column, value_set=distinct))


def conversations_table(scores: Sequence[ConversationScore]) -> pa.Table:
    """The content-scores contract, one row per conversation."""
    return pa.table(
        {
            "conversation_id": [s.conversation_id for s in scores],
            "flagged": pa.array([s.flagged for s in scores], pa.bool_()),
            "score": pa.array([s.score for s in scores], pa.float64()),
            "categories": _categories([s.categories for s in scores]),
            "explanation": [s.explanation for s in scores],
            "requester": pa.array([s.requester for s in scores], pa.string()),
            "messages": pa.array([s.messages for s in scores], pa.int64()),
        }
    )


def accounts_table(scores: Sequence[AccountScore]) -> pa.Table:
    """The content-scores contract per account (``--by account``)."""
    return pa.table(
        {
            "account": [s.account for s in scores],
            "flagged": pa.array([s.flagged for s in scores], pa.bool_()),
            "score": pa.array([s.score for s in scores], pa.float64()),
            "categories": _categories([s.categories for s in scores]),
            "explanation": [s.explanation for s in scores],
            "conversations": pa.array([s.conversations for s in scores], pa.int64()),
            "flagged_conversations": pa.array(
                [list(s.flagged_conversations) for s in scores], pa.list_(pa.string())
            ),
        }
    )


def _categories(rows: Sequence[dict[str, int]]) -> pa.StructArray:
    fields = [pa.array([row.get(c, 0) for row in rows], pa.int64()) for c in CATEGORIES]
    return pa.StructArray.from_arrays(fields, names=list(CATEGORIES))
