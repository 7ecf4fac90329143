"""The dialogue policy as data: levels, the transitions between them, reply families.

Evidence comes only from the partner's own lines. ``message_evidence`` reads one line;
``Evidence`` accumulates it over a conversation; ``level_after`` applies the transitions
table, and levels never go down; ``reply_for`` picks the family of the answer.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from vigil.content import CATEGORIES, Matcher
from vigil.core import ConfigError
from vigil.decoy.cues import Topics, default_data_dir, has_link, plain_words, read_toml

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

    def message_evidence(self, text: str, matcher: Matcher, topics: Topics) -> dict[str, float]:
        """Evidence keys of one partner line with their weights. Masked keys (a topic of
        `masks` on the line, unless one of its `mask_unless` topics is there too) are
        dropped before anything is derived from them."""
        found: dict[str, float] = {}
        link = has_link(text)
        words = plain_words(text, link=link)
        named = topics.find(words, partner=True)
        masking = {
            t for t in named & self.masks.keys() if not named & self.mask_unless.get(t, set())
        }
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

    def strength(self, evidence: Evidence) -> dict[str, float]:
        strength = evidence.strength(self.repeat_factor, self.cap)
        for group, categories in self.groups.items():
            late = [
                tuple({after_age_key(k): v for k, v in req.items()} for req in when)
                for when in categories.values()
            ]
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


def default_policy_path() -> Path:
    return default_data_dir() / "policy.toml"


def load_policy(path: Path | None = None, *, topics: Topics) -> Policy:
    """Read and check a policy file against the known families, categories and topics."""
    source = path or default_policy_path()
    data = read_toml(source, "policy file")
    try:
        policy = _parse(data, {*CATEGORIES, *DERIVED_KEYS, *(f"cue:{t}" for t in topics.terms)})
    except KeyError as exc:
        raise ConfigError(f"policy file {source} is invalid: {exc.args[0]} is missing.") from exc
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"policy file {source} is invalid: {exc}.") from exc
    return policy


def _after_age(evidence: Mapping[str, object], keys: set[str]) -> tuple[str, ...]:
    """The keys that get an "_after_age" twin, checked: known, and no two twins alike."""
    after = tuple(str(k) for k in _list(evidence.get("after_age", []), "after_age", empty=True))
    _known(list(after), "after_age", keys)
    if len({after_age_key(k) for k in after}) != len(after):
        raise ValueError("after_age names two keys with the same _after_age key")
    return after


def _pair(raw: object, base_keys: set[str]) -> Pair:
    table = _dict(raw, "a pair")
    topics = (str(table["topic"]), *(str(t) for t in _list(table["with"], "a pair's with")))
    unknown = [t for t in topics if f"cue:{t}" not in base_keys]
    if unknown:
        raise ValueError(f"a pair names unknown topics {unknown}")
    weight = float(table["weight"])  # type: ignore[arg-type]
    unless_link = table.get("unless_link", False) is True
    return Pair(str(table["key"]), topics[0], frozenset(topics[1:]), weight, unless_link)


def _parse(data: Mapping[str, object], base_keys: set[str]) -> Policy:
    evidence = _dict(data.get("evidence", {}), "evidence")
    raw_pairs = _list(evidence.get("pairs", []), "pairs", empty=True)
    pairs = tuple(_pair(p, base_keys) for p in raw_pairs)
    base_keys = {*base_keys, *(p.key for p in pairs)}
    after = _after_age(evidence, base_keys)
    keys = {*base_keys, *(after_age_key(k) for k in after)}
    groups = _groups(evidence.get("groups", {}), set(after))
    keys |= {*groups, *(f"{g}_after_age" for g in groups)}
    pressing = _known(evidence.get("pressing", []), "pressing", base_keys)
    asks = _known(evidence.get("asks", []), "asks", base_keys)
    masks = {
        str(topic): _known(drop, f"masks.{topic}", base_keys)
        for topic, drop in _dict(evidence.get("masks", {}), "masks").items()
    }
    mask_unless = {
        str(topic): frozenset(str(t) for t in _list(other, f"mask_unless.{topic}"))
        for topic, other in _dict(evidence.get("mask_unless", {}), "mask_unless").items()
    }
    named_topics = {*masks, *mask_unless, *(t for v in mask_unless.values() for t in v)}
    unknown_topics = sorted(t for t in named_topics if f"cue:{t}" not in base_keys)
    if unknown_topics:
        raise ValueError(f"masks name unknown topics {unknown_topics}")
    levels = tuple(str(v) for v in _list(data["levels"], "levels"))
    if len(set(levels)) != len(levels) or len(levels) < 2:
        raise ValueError("levels must be two or more distinct names")
    index = {name: i for i, name in enumerate(levels)}
    transitions = []
    for item in _list(data["transitions"], "transitions"):
        table = _dict(item, "a transition")
        target = str(table["to"])
        if target not in index:
            raise ValueError(f"transition to unknown level {target!r}")
        transitions.append((index[target], _when(table["when"], keys)))
    transitions.sort(key=lambda t: t[0])
    level_table = _dict(data["level"], "level")
    specs = tuple(_level(name, level_table[name]) for name in levels)
    reply_keys = {*keys, *STATE_KEYS}
    replies = tuple(_reply(item, reply_keys) for item in _list(data["replies"], "replies"))
    elicits_table = _dict(data.get("elicits", {}), "elicits")
    public = _dict(data.get("public", {}), "public")
    return Policy(
        levels=levels,
        transitions=tuple(transitions),
        level_specs=specs,
        replies=replies,
        elicits={
            str(k): tuple(str(x) for x in _list(v, k, empty=True)) for k, v in elicits_table.items()
        },
        unstyled=frozenset(_families(data.get("unstyled", []), "unstyled")),
        public=PublicRules(**{k: float(v) for k, v in public.items()}),  # type: ignore[arg-type]
        min_term_weight=float(evidence.get("min_term_weight", 0.3)),  # type: ignore[arg-type]
        webcam_share=float(evidence.get("webcam_share", 0.8)),  # type: ignore[arg-type]
        repeat_factor=float(evidence.get("repeat_factor", 0.5)),  # type: ignore[arg-type]
        cap=float(evidence.get("cap", 3.0)),  # type: ignore[arg-type]
        min_request=float(evidence.get("min_request", 0.0)),  # type: ignore[arg-type]
        after_age_keys=after,
        pairs=pairs,
        pressing_keys=pressing,
        ask_keys=asks,
        masks=masks,
        mask_unless=mask_unless,
        groups=groups,
        ignore_terms=frozenset(
            str(k) for k in _list(evidence.get("ignore_terms", []), "ignore_terms", empty=True)
        ),
    )


def _groups(raw: object, after: set[str]) -> dict[str, dict[str, tuple[Requirement, ...]]]:
    """Groups of categories, each category a list of requirement tables (any one holds);
    every key a category names has an after_age twin."""
    groups: dict[str, dict[str, tuple[Requirement, ...]]] = {}
    for group, categories in _dict(raw, "groups").items():
        table: dict[str, tuple[Requirement, ...]] = {}
        for name, reqs in _dict(categories, f"groups.{group}").items():
            when = _when(reqs, after)
            table[str(name)] = when
        groups[str(group)] = table
    return groups


def _known(raw: object, name: str, keys: set[str]) -> frozenset[str]:
    """A list of evidence keys, each known."""
    found = frozenset(str(k) for k in _list(raw, name, empty=True))
    unknown = sorted(found - keys)
    if unknown:
        raise ValueError(f"{name} names unknown evidence keys {unknown}")
    return found


def _level(name: str, raw: object) -> LevelSpec:
    table = _dict(raw, f"level {name}")
    allowed = frozenset(_families(table["allowed"], f"level {name} allowed"))
    default = _weights(table["default"], f"level {name} default")
    if not set(default) <= allowed:
        raise ValueError(f"level {name}: default families must be allowed at that level")
    return LevelSpec(name, allowed, default)


def _reply(raw: object, keys: set[str]) -> ReplyRule:
    table = _dict(raw, "a reply rule")
    limit = table.get("max_messages_in")
    return ReplyRule(
        name=str(table["name"]),
        when=_when(table["when"], keys),
        families=_weights(table["families"], f"reply rule {table['name']}"),
        topics=tuple(str(t) for t in _list(table.get("topics", []), "topics", empty=True)),
        max_messages_in=None if limit is None else int(limit),  # type: ignore[call-overload]
        unless=_when(table["unless"], keys) if "unless" in table else (),
    )


def _when(raw: object, keys: set[str]) -> tuple[Requirement, ...]:
    out: list[Requirement] = []
    for item in _list(raw, "when"):
        table = _dict(item, "a when table")
        unknown = set(table) - keys
        if unknown:
            raise ValueError(f"unknown evidence keys {sorted(unknown)}")
        out.append({str(k): float(v) for k, v in table.items()})  # type: ignore[arg-type]
    return tuple(out)


def _weights(raw: object, what: str) -> dict[str, float]:
    table = _dict(raw, what)
    _families(list(table), what)
    weights = {str(k): float(v) for k, v in table.items()}  # type: ignore[arg-type]
    if not weights or any(w <= 0 for w in weights.values()):
        raise ValueError(f"{what} needs positive family weights")
    return weights


def _families(raw: object, what: str) -> list[str]:
    names = [str(v) for v in _list(raw, what, empty=True)]
    unknown = [n for n in names if n not in FAMILIES]
    if unknown:
        raise ValueError(f"{what} names unknown families {unknown}; known: {list(FAMILIES)}")
    return names


def _list(raw: object, what: str, *, empty: bool = False) -> list[object]:
    if not isinstance(raw, list) or (not raw and not empty):
        raise TypeError(f"{what} must be a non-empty list")
    return raw


def _dict(raw: object, what: str) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise TypeError(f"{what} must be a table")
    return raw
