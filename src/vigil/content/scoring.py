"""Conversation and account scores from lexicon hits, each with its explanation.

A conversation's evidence is per category: the best message counts fully, the others by
``repeat_factor``, up to a cap. The *requester* is the participant whose own messages carry
the most request evidence (sexual_request plus part of webcam_show); adult ages only lower
the score when someone else states them, since a customer's own age is no defence. Pairs
of a request with payment or with a child's age weigh most, as the article proposes.
"""

from __future__ import annotations

import math
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from vigil.content.lexicon import CATEGORIES, Lexicon
from vigil.core import ConfigError


@dataclass(frozen=True)
class ScoringModel:
    bias: float
    threshold: float
    category_cap: float
    repeat_factor: float
    weights: Mapping[str, float]
    webcam_share: float
    pair_floor: float
    candidate_floor: float
    semantic_ratio: tuple[float, float]
    question_weight: float
    questions: frozenset[str]
    pairs: Mapping[str, float]

    @classmethod
    def load(cls, path: Path | None = None) -> ScoringModel:
        source = path or Path(
            str(resources.files("vigil.content").joinpath("data", "scoring.toml"))
        )
        try:
            data = tomllib.loads(source.read_text(encoding="utf-8"))
            score = data["score"]
            model = cls(
                bias=float(score["bias"]),
                threshold=float(score["threshold"]),
                category_cap=float(score["category_cap"]),
                repeat_factor=float(score["repeat_factor"]),
                weights={k: float(v) for k, v in data["weights"].items()},
                webcam_share=float(data["request"]["webcam_share"]),
                pair_floor=float(data["request"]["pair_floor"]),
                candidate_floor=float(data["semantic"]["candidate_floor"]),
                semantic_ratio=(
                    float(data["semantic"]["ratio_from"]),
                    float(data["semantic"]["ratio_full"]),
                ),
                question_weight=float(data["requester"]["question_weight"]),
                questions=frozenset(str(q) for q in data["requester"]["questions"]),
                pairs={k: float(v) for k, v in data["pairs"].items()},
            )
        except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"scoring model {source} cannot be read: {exc}") from exc
        unknown = (set(model.weights) | set(model.pairs)) - {*CATEGORIES, "request"}
        if unknown:
            raise ConfigError(f"scoring model {source} names unknown categories {sorted(unknown)}")
        if not 0 < model.threshold < 1:
            raise ConfigError(f"scoring model {source}: threshold must lie between 0 and 1")
        return model


@dataclass(frozen=True)
class MessageEvidence:
    """The lexicon hits of one message: no text, only who, which message and which terms."""

    conversation_id: str
    sender: str
    message_id: str
    terms: tuple[int, ...]
    # Request strength from the semantic stage (0 when it did not run or found nothing).
    semantic: float = 0.0


@dataclass(frozen=True)
class ConversationScore:
    conversation_id: str
    flagged: bool
    score: float
    categories: dict[str, int]
    explanation: str
    requester: str | None
    messages: int
    evidence: tuple[MessageEvidence, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class AccountScore:
    account: str
    flagged: bool
    score: float
    conversations: int
    flagged_conversations: tuple[str, ...]
    categories: dict[str, int]
    explanation: str


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


class Scorer:
    """Turns the evidence of one conversation into a calibrated score and an explanation."""

    def __init__(self, lexicon: Lexicon, model: ScoringModel | None = None) -> None:
        self.lexicon = lexicon
        self.model = model or ScoringModel.load()
        self.empty_score = round(_sigmoid(self.model.bias), 4)

    def _strength(self, per_message: Iterable[float]) -> float:
        ordered = sorted(per_message, reverse=True)
        if not ordered:
            return 0.0
        total = ordered[0] + self.model.repeat_factor * sum(ordered[1:])
        return min(self.model.category_cap, total)

    def semantic_strength(self, ratio: float) -> float:
        """Request strength of a semantic ratio: 0 up to ``ratio_from``, 1 from ``ratio_full``."""
        low, full = self.model.semantic_ratio
        return round(min(1.0, max(0.0, (ratio - low) / (full - low))), 3)

    def is_candidate(self, conversation: ConversationScore) -> bool:
        """Worth the semantic stage: some evidence, not flagged yet."""
        return not conversation.flagged and conversation.score >= self.model.candidate_floor

    def _question_weight(self, evidence: MessageEvidence) -> float:
        """How strongly one message asks the other side about age, price or identity."""
        best = 0.0
        for term_id in evidence.terms:
            term = self.lexicon.terms[term_id]
            name = term.key.split(":", 2)[2]
            if term.category == "identity_request" or name in self.model.questions:
                best = max(best, term.weight)
        return best

    def _message_weights(self, evidence: MessageEvidence) -> dict[str, float]:
        best: dict[str, float] = {}
        if evidence.semantic > 0:
            best["sexual_request"] = evidence.semantic
        for term_id in evidence.terms:
            term = self.lexicon.terms[term_id]
            best[term.category] = max(best.get(term.category, 0.0), term.weight)
        return best

    def score(
        self,
        conversation_id: str,
        evidence: Sequence[MessageEvidence],
        messages: int,
        *,
        identification: bool = False,
    ) -> ConversationScore:
        model = self.model
        per_category: dict[str, list[float]] = defaultdict(list)
        per_sender: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        ids_by_category: dict[str, list[str]] = defaultdict(list)
        terms_by_category: dict[str, set[str]] = defaultdict(set)
        senders_in_order: list[str] = []
        asked: dict[str, list[float]] = defaultdict(list)
        adult_ids: list[tuple[str, str]] = []
        for item in evidence:
            if item.sender not in senders_in_order:
                senders_in_order.append(item.sender)
            question = self._question_weight(item)
            if question:
                asked[item.sender].append(question)
            for category, weight in self._message_weights(item).items():
                per_category[category].append(weight)
                per_sender[item.sender][category].append(weight)
                ids_by_category[category].append(item.message_id)
                if category == "adult_age":
                    adult_ids.append((item.sender, item.message_id))
            if item.semantic > 0:
                ids_by_category["semantic"].append(item.message_id)
            if identification:
                for term_id in item.terms:
                    term = self.lexicon.terms[term_id]
                    terms_by_category[term.category].add(term.key.split(":", 2)[2])

        def request_of(categories: Mapping[str, list[float]]) -> float:
            return self._strength(categories.get("sexual_request", [])) + (
                model.webcam_share * self._strength(categories.get("webcam_show", []))
            )

        requester: str | None = None
        best_request = 0.0
        for sender in senders_in_order:
            # The customer asks (age, price, whereabouts); the other side answers.
            value = request_of(per_sender[sender]) + model.question_weight * self._strength(
                asked.get(sender, [])
            )
            if value > best_request:
                requester, best_request = sender, value

        strength = {c: self._strength(w) for c, w in per_category.items()}
        adult = [
            w
            for sender, cats in per_sender.items()
            if sender != requester
            for w in cats.get("adult_age", [])
        ]
        strength["adult_age"] = self._strength(adult)
        # Only the counterpart's statements count, so only theirs are named.
        ids_by_category["adult_age"] = [m for who, m in adult_ids if who != requester]
        request = min(model.category_cap, request_of(per_category))
        strength["request"] = request
        paired = max(0.0, (request - model.pair_floor) / (1.0 - model.pair_floor))
        ids_by_category["request"] = (
            ids_by_category["sexual_request"] + ids_by_category["webcam_show"]
        )
        terms_by_category["request"] = (
            terms_by_category["sexual_request"] | terms_by_category["webcam_show"]
        )

        logit = model.bias
        reasons: list[tuple[float, str]] = []
        for category, weight in model.weights.items():
            value = strength.get(category, 0.0)
            if value:
                logit += weight * value
                where = ",".join(ids_by_category[category][:5])
                who = " by counterpart" if category == "adult_age" else ""
                terms = f" terms {sorted(terms_by_category[category])}" if identification else ""
                reasons.append(
                    (
                        abs(weight * value),
                        f"{category}{who} {value:.1f}x{weight:+.1f} [{where}]{terms}",
                    )
                )
        for category, weight in model.pairs.items():
            pair = min(paired, strength.get(category, 0.0))
            if pair:
                logit += weight * pair
                reasons.append((weight * pair, f"request+{category} {pair:.1f}x{weight:+.1f}"))
        if ids_by_category["semantic"]:
            where = ",".join(ids_by_category["semantic"][:5])
            reasons.append((0.0, f"semantic stage read a request in [{where}]"))
        score = round(_sigmoid(logit), 4)
        flagged = score >= model.threshold
        reasons.sort(key=lambda r: -r[0])
        verdict = "flagged" if flagged else "not flagged"
        explanation = (
            f"{verdict}: score {score:.2f} (threshold {model.threshold:.2f})"
            + (f"; requester {requester}" if requester else "")
            + ("; " + "; ".join(r for _, r in reasons) if reasons else "; no lexicon evidence")
        )
        categories = {
            c: len(ids)
            for c, ids in sorted(ids_by_category.items())
            if c not in ("request", "semantic") and ids
        }
        return ConversationScore(
            conversation_id=conversation_id,
            flagged=flagged,
            score=score,
            categories=categories,
            explanation=explanation,
            requester=requester,
            messages=messages,
            evidence=tuple(evidence),
        )


def roll_up(
    scores: Iterable[ConversationScore], participants: Mapping[str, set[str]]
) -> list[AccountScore]:
    """Per account: the best score among conversations where it was the requester.

    Answering is not requesting: an account that only answered (a victim stating an age, a
    parent receiving a remittance) keeps the empty score for that conversation.
    """
    by_account: dict[str, list[ConversationScore]] = defaultdict(list)
    seen: dict[str, int] = defaultdict(int)
    for conversation in scores:
        for account in participants.get(conversation.conversation_id, set()):
            seen[account] += 1
        if conversation.requester is not None:
            by_account[conversation.requester].append(conversation)
    accounts: list[AccountScore] = []
    for account in sorted(seen):
        mine = by_account.get(account, [])
        flagged = tuple(c.conversation_id for c in mine if c.flagged)
        best = max(mine, key=lambda c: c.score, default=None)
        categories: dict[str, int] = defaultdict(int)
        for conversation in mine:
            for category, count in conversation.categories.items():
                categories[category] += count
        score = best.score if best else 0.0
        explanation = (
            f"requester in {len(mine)} of {seen[account]} conversations, "
            f"{len(flagged)} flagged"
            + (f"; best {best.conversation_id} at {best.score:.2f}" if best else "")
            + (f"; flagged: {', '.join(flagged[:10])}" if flagged else "")
        )
        accounts.append(
            AccountScore(
                account=account,
                flagged=bool(flagged),
                score=score,
                conversations=seen[account],
                flagged_conversations=flagged,
                categories=dict(sorted(categories.items())),
                explanation=explanation,
            )
        )
    return accounts
