"""The dialogue policy as data: levels, the transitions between them, reply families.

Evidence comes only from the partner's own lines. ``message_evidence`` reads one line;
``Evidence`` accumulates it over a conversation; ``level_after`` applies the transitions
table, and levels never go down; ``reply_for`` picks the family of the answer. The policy
file is read and checked in ``policy_file``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import pyarrow as pa

from vigil.content import Matcher
from vigil.decoy.cues import Topics, has_link, plain_words

FAMILIES: tuple[str, ...] = (
    "greeting",
    "small_talk",
    "child_answer",
    "stalling",
    "identity_question",
    "deflection",
    "farewell",
    "deterrence",
    "bot_test",
    "age_refusal",
)
# Keys computed from a message rather than read off it (see policy.toml's [evidence]); the
# "<key>_after_age" keys are named by the policy's own after_age list.
DERIVED_KEYS = ("request", "question", "link")
# Keys the engine sets from the conversation's state, for reply rules only (never levels):
# "age_told" once the decoy has stated its age.
STATE_KEYS = ("age_told",)


def after_age_key(key: str) -> str:
    """The derived key of ``key`` in a message sent after the decoy stated its age."""
    return f"{key.removeprefix('cue:')}_after_age"


Requirement = Mapping[str, float]


@dataclass(frozen=True)
class ReplyRule:
    name: str
    when: tuple[Requirement, ...]
    families: Mapping[str, float]
    topics: tuple[str, ...] = ()
    max_messages_in: int | None = None
    unless: tuple[Requirement, ...] = ()  # the rule is skipped when one of these holds


@dataclass(frozen=True)
class Pair:
    """Two topics on one line that mean more together: ``key`` of ``weight`` when the line
    names ``topic`` and one of ``with_`` ("cam" + "show" is a request for a show)."""

    key: str
    topic: str
    with_: frozenset[str]
    weight: float
    unless_link: bool = False  # not on a line that carries a link (an advertisement)


@dataclass(frozen=True)
class Trust:
    """Her parents brought in (policy.toml's [evidence.trust]): from the first line that
    names one of ``topics``, the keys of ``masks`` (and their after_age twins) are not read,
    until a line holds one of ``lifted_by``, which ends it for the rest of the conversation
    and lets every line count again."""

    topics: frozenset[str]
    masks: frozenset[str]
    lifted_by: tuple[Requirement, ...]
    # Keys of a line that names her parents without bringing them in: a question ("is your
    # mum around?" asks whether she is alone) or money ("i help your mama with money").
    not_on: frozenset[str] = frozenset()

    def starts(self, message: Mapping[str, float]) -> bool:
        return not any(k in message for k in self.not_on) and any(
            f"cue:{t}" in message for t in self.topics
        )

    def lifts(self, message: Mapping[str, float]) -> bool:
        return holds(self.lifted_by, message)

    def keep(self, message: Mapping[str, float]) -> dict[str, float]:
        """The keys of a line read while trust holds. A request made only of camera words
        ("turn on your cam", webcam_show) goes with the camera; a sexual request or a show
        asked for ("cam show") stays."""
        out = {k: v for k, v in message.items() if k.removesuffix("_after_age") not in self._drop}
        if "webcam_show" in self.masks and not {"sexual_request", "cue:show"} & message.keys():
            out.pop("request", None)
            out.pop(after_age_key("request"), None)
        return out

    @cached_property
    def _drop(self) -> frozenset[str]:
        # after_age twins drop the "cue:" prefix ("cue:images" -> "images_after_age").
        return self.masks | {k.removeprefix("cue:") for k in self.masks}


@dataclass(frozen=True)
class LevelSpec:
    name: str
    allowed: frozenset[str]
    default: Mapping[str, float]


@dataclass(frozen=True)
class PublicRules:
    greet_on_join: float = 0.3
    idle_after_s: float = 900.0
    idle_small_talk: float = 0.05


def holds(when: tuple[Requirement, ...], evidence: Mapping[str, float]) -> bool:
    """Whether any requirement table is met in full."""
    return any(all(evidence.get(k, 0.0) >= v for k, v in req.items()) for req in when)


def weighted_choice(weights: Mapping[str, float], rng: random.Random) -> str:
    names = sorted(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


@dataclass
class Evidence:
    """Accumulated evidence of one conversation: best and total per key (a few floats)."""

    best: dict[str, float] = field(default_factory=dict)
    total: dict[str, float] = field(default_factory=dict)

    def add(self, message: Mapping[str, float]) -> None:
        for key, value in message.items():
            self.best[key] = max(self.best.get(key, 0.0), value)
            self.total[key] = self.total.get(key, 0.0) + value

    def copy(self) -> Evidence:
        return Evidence(dict(self.best), dict(self.total))

    def strength(self, repeat_factor: float, cap: float) -> dict[str, float]:
        return {k: min(cap, b + repeat_factor * (self.total[k] - b)) for k, b in self.best.items()}


@dataclass(frozen=True)
class Policy:
    levels: tuple[str, ...]
    transitions: tuple[tuple[int, tuple[Requirement, ...]], ...]
    level_specs: tuple[LevelSpec, ...]
    replies: tuple[ReplyRule, ...]
    elicits: Mapping[str, tuple[str, ...]]
    unstyled: frozenset[str]
    public: PublicRules
    min_term_weight: float = 0.3
    webcam_share: float = 0.8
    repeat_factor: float = 0.5
    cap: float = 3.0
    min_request: float = 0.0
    after_age_keys: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    # Pressing keys count only on a line after one that asked (an ask key): "cameras on
    # please" is courtesy on the line of the ask, pressure on a line after a refusal.
    pressing_keys: frozenset[str] = frozenset()
    ask_keys: frozenset[str] = frozenset()
    # topic -> evidence keys a line naming it does not carry ("selling used webcam, 800
    # pesos": a sum on a line of commerce is a price, not money offered).
    masks: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Lexicon term keys that are no evidence on a partner's line (they name, not ask).
    ignore_terms: frozenset[str] = frozenset()
    # topic -> topics that cancel its mask on the same line ("ask your parents" includes
    # them, "dont tell your parents" does not).
    mask_unless: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # group -> category -> requirement: the group's strength is the number of categories
    # whose requirement holds over the conversation; "<group>_after_age" counts those that
    # held on lines after the decoy said its age (the keys' after_age twins).
    groups: Mapping[str, Mapping[str, tuple[Requirement, ...]]] = field(default_factory=dict)
    # Topics whose masks, once a line names them, hold for the rest of the conversation
    # ("si papa ito": a partner who presents as her parent).
    sticky: frozenset[str] = frozenset()
    trust: Trust | None = None

    def message_evidence(
        self,
        text: str,
        matcher: Matcher,
        topics: Topics,
        *,
        context: frozenset[str] = frozenset(),
    ) -> dict[str, float]:
        """Evidence keys of one partner line with their weights. Masked keys (a topic of
        `masks` on the line, unless one of its `mask_unless` topics is there too, or a
        sticky topic an earlier line named: ``context``) are dropped before anything is
        derived from them."""
        found: dict[str, float] = {}
        link = has_link(text)
        words = plain_words(text, link=link)
        named = topics.find(words, partner=True)
        masking = {
            t for t in named & self.masks.keys() if not named & self.mask_unless.get(t, set())
        }
        masking |= context & self.masks.keys()
        masked = frozenset().union(*(self.masks[t] for t in masking))
        hits = matcher.scan(pa.array([words], pa.string()))
        terms = matcher.lexicon.terms
        for term_id in hits.terms:
            term = terms[int(term_id)]
            if term.key in self.ignore_terms or term.category in masked:
                continue
            if term.weight >= self.min_term_weight:
                found[term.category] = max(found.get(term.category, 0.0), term.weight)
        request = found.get("sexual_request", 0.0) + self.webcam_share * found.get(
            "webcam_show", 0.0
        )
        # Below min_request a line only names the thing ("my webcam"), it asks for nothing.
        if request >= max(self.min_request, 1e-9):
            found["request"] = round(request, 3)
        cues = {t for t in named if f"cue:{t}" not in masked}
        # A question mark makes a line a question for the pairs too ("cam?").
        with_cues = cues | {"question"} if "?" in text else cues
        for pair in self.pairs:
            if pair.topic in cues and with_cues & pair.with_ and not (link and pair.unless_link):
                found[pair.key] = max(found.get(pair.key, 0.0), pair.weight)
        if link:
            found["link"] = 1.0
        for topic in cues:
            found[f"cue:{topic}"] = 1.0
        # A question mark or a question word: the line asks rather than tells.
        if "?" in text or "question" in named:
            found["question"] = 1.0
        return {k: v for k, v in found.items() if k not in masked}

    def sticky_in(self, message: Mapping[str, float]) -> frozenset[str]:
        """The sticky topics a line names (kept for the rest of the conversation)."""
        return frozenset(t for t in self.sticky if f"cue:{t}" in message)

    def after_age(
        self, message: Mapping[str, float], asked_before: bool = True
    ) -> dict[str, float]:
        """The keys of a message sent after the decoy stated its (child's) age: the
        partner then asks a child, knowingly. Pressing keys only when an earlier line
        asked (``asked_before``)."""
        return {
            after_age_key(k): message[k]
            for k in self.after_age_keys
            if k in message and (asked_before or k not in self.pressing_keys)
        }

    def asked(self, evidence: Evidence) -> bool:
        """Whether any line so far held an ask key."""
        return any(k in evidence.best for k in self.ask_keys)

    @cached_property
    def _late_groups(self) -> dict[str, list[tuple[Requirement, ...]]]:
        """Each group's categories with their keys' after_age twins (built once, not for
        every partner line)."""
        return {
            group: [
                tuple({after_age_key(k): v for k, v in req.items()} for req in when)
                for when in categories.values()
            ]
            for group, categories in self.groups.items()
        }

    def strength(self, evidence: Evidence) -> dict[str, float]:
        strength = evidence.strength(self.repeat_factor, self.cap)
        for group, categories in self.groups.items():
            late = self._late_groups[group]
            strength[group] = float(sum(holds(when, strength) for when in categories.values()))
            strength[f"{group}_after_age"] = float(sum(holds(when, strength) for when in late))
        return strength

    def level_after(self, current: int, evidence: Evidence) -> int:
        """The highest level whose transition holds, never below ``current``."""
        strength = self.strength(evidence)
        level = current
        for target, when in self.transitions:
            if target > level and holds(when, strength):
                level = target
        return level

    def reply_for(
        self, message: Mapping[str, float], level: int, messages_in: int, rng: random.Random
    ) -> tuple[str, tuple[str, ...], str]:
        """(family, topics, rule name) of the reply to a partner line at ``level``."""
        spec = self.level_specs[level]
        for rule in self.replies:
            if rule.max_messages_in is not None and messages_in > rule.max_messages_in:
                continue
            if not holds(rule.when, message) or holds(rule.unless, message):
                continue
            allowed = {f: w for f, w in rule.families.items() if f in spec.allowed}
            if allowed:
                return weighted_choice(allowed, rng), rule.topics, rule.name
        return weighted_choice(spec.default, rng), (), "default"
