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

from vigil.content.identifiers import Identifier, extract_identifiers
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
    spans: dict[str, list[Span]] = field(default_factory=dict)
    # Identification mode only: identifiers (emails, phones, handles...) per message id.
    identifiers: dict[str, list[Identifier]] = field(default_factory=dict)
    _evidence: dict[str, list[MessageEvidence]] = field(default_factory=lambda: defaultdict(list))
    # Hit tables not yet turned into MessageEvidence: the lexicon stage stays columnar, and
    # objects are built once, when scoring needs them.
    _pending: list[pa.Table] = field(default_factory=list)
    _participants: list[pa.Table] = field(default_factory=list)

    @property
    def evidence(self) -> dict[str, list[MessageEvidence]]:
        """Evidence per conversation, in the order the hits were added."""
        for table in self._pending:
            for item in evidence_of(table):
                self._evidence[item.conversation_id].append(item)
        self._pending.clear()
        return self._evidence

    def add_batch(self, batch: pa.RecordBatch | pa.Table, matcher: Matcher) -> None:
        """Match one batch (columns conversation_id, sender, message_id, text)."""
        hits, participants = batch_hits(batch, matcher)
        self.add_hits(hits, participants, batch.num_rows)
        if self.identification:
            ids = batch.column("message_id").to_pylist()
            for message_id, text in zip(ids, batch.column("text").to_pylist(), strict=True):
                found = extract_identifiers(text) if text else []
                if found:
                    self.identifiers[message_id] = found
        if self.identification and hits.num_rows:
            wanted = dict(
                zip(
                    hits.column("message_id").to_pylist(),
                    hits.column("terms").to_pylist(),
                    strict=True,
                )
            )
            ids = batch.column("message_id").to_pylist()
            for message_id, text in zip(ids, batch.column("text").to_pylist(), strict=True):
                terms = wanted.get(message_id)
                if terms is not None and text:
                    self.spans[message_id] = spans(matcher.lexicon, text, set(terms))

    def add_hits(self, hits: pa.Table, participants: pa.Table, messages: int) -> None:
        """Merge a columnar hits table (``batch_hits``) and its participants."""
        self.messages += messages
        self._participants.append(participants.select(["conversation_id", "sender", "count_all"]))
        if hits.num_rows:
            self._pending.append(hits)

    def add_evidence(
        self, evidence: Iterable[MessageEvidence], participants: pa.Table, messages: int
    ) -> None:
        """Merge hits computed elsewhere (a Spark partition, a worker process).

        ``participants`` has columns conversation_id, sender, count_all (messages per
        participant), as ``add_batch`` builds them.
        """
        self.messages += messages
        self._participants.append(participants.select(["conversation_id", "sender", "count_all"]))
        merged = self.evidence
        for item in evidence:
            merged[item.conversation_id].append(item)

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
        evidence = self.evidence
        ids = ordered.column("conversation_id").to_pylist()
        totals = ordered.column("messages_sum").to_pylist()
        for conversation_id, total in zip(ids, totals, strict=True):
            results.append(
                self.scorer.score(
                    conversation_id,
                    evidence.get(conversation_id, []),
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


HIT_SCHEMA = pa.schema(
    [
        ("conversation_id", pa.string()),
        ("sender", pa.string()),
        ("message_id", pa.string()),
        ("terms", pa.list_(pa.int32())),
    ]
)


def batch_hits(batch: pa.RecordBatch | pa.Table, matcher: Matcher) -> tuple[pa.Table, pa.Table]:
    """The lexicon stage of one batch, columnar: hit messages and participants.

    Hits: one row per message with a hit (conversation_id, sender, message_id, terms).
    Participants: messages per (conversation_id, sender) as ``count_all``. No message text
    leaves this function, and no Python object is built per message.
    """
    conversation = batch.column("conversation_id")
    sender = batch.column("sender")
    participants = (
        pa.table({"conversation_id": conversation, "sender": sender})
        .group_by(["conversation_id", "sender"])
        .aggregate([([], "count_all")])
    )
    hits = matcher.scan(batch.column("text"))
    if not len(hits):
        return HIT_SCHEMA.empty_table(), participants
    # Hits come sorted by row: each row's terms are one run.
    first = np.concatenate(([0], np.flatnonzero(np.diff(hits.rows)) + 1))
    take = pa.array(hits.rows[first])
    offsets = pa.array(np.append(first, len(hits.terms)).astype(np.int32))
    table = pa.table(
        [
            pc.take(conversation, take),
            pc.take(sender, take),
            pc.take(batch.column("message_id"), take),
            pa.ListArray.from_arrays(offsets, pa.array(hits.terms.astype(np.int32))),
        ],
        schema=HIT_SCHEMA,
    )
    return table, participants


def evidence_of(hits: pa.Table) -> list[MessageEvidence]:
    """MessageEvidence objects of a hits table, in its row order."""
    columns = [hits.column(name).to_pylist() for name in HIT_SCHEMA.names]
    # The cyclic collector would re-scan these young objects over and over and cost more
    # than building them; they hold no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return [MessageEvidence(c, s, m, tuple(t)) for c, s, m, t in zip(*columns, strict=True)]
    finally:
        if collecting:
            gc.enable()


def batch_evidence(
    batch: pa.RecordBatch | pa.Table, matcher: Matcher
) -> tuple[list[MessageEvidence], pa.Table]:
    """``batch_hits`` with the hits as MessageEvidence objects."""
    hits, participants = batch_hits(batch, matcher)
    return evidence_of(hits), participants


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
