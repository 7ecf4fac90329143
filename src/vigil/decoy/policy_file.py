"""Reading and checking the policy file (data/policy.toml) into a ``Policy``: every key,
topic and family it names must be known, and a bad file is one ConfigError sentence."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from vigil.content import CATEGORIES
from vigil.core import ConfigError
from vigil.decoy.cues import Topics, default_data_dir, read_toml
from vigil.decoy.policy import (
    DERIVED_KEYS,
    FAMILIES,
    STATE_KEYS,
    LevelSpec,
    Pair,
    Policy,
    PublicRules,
    ReplyRule,
    Requirement,
    Trust,
    after_age_key,
)


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
    sticky = frozenset(str(t) for t in _list(evidence.get("sticky", []), "sticky", empty=True))
    unmasked = sorted(sticky - masks.keys())
    if unmasked:
        raise ValueError(f"sticky names topics without masks {unmasked}")
    named_topics = {*masks, *mask_unless, *(t for v in mask_unless.values() for t in v)}
    unknown_topics = sorted(t for t in named_topics if f"cue:{t}" not in base_keys)
    if unknown_topics:
        raise ValueError(f"masks name unknown topics {unknown_topics}")
    trust = _trust(evidence.get("trust"), base_keys)
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
        sticky=sticky,
        trust=trust,
        ignore_terms=frozenset(
            str(k) for k in _list(evidence.get("ignore_terms", []), "ignore_terms", empty=True)
        ),
    )


def _trust(raw: object, keys: set[str]) -> Trust | None:
    """The optional [evidence.trust] table: topics that start it, keys it masks, the
    requirement tables that lift it; every one known."""
    if raw is None:
        return None
    table = _dict(raw, "trust")
    topics = frozenset(str(t) for t in _list(table["topics"], "trust.topics"))
    unknown = sorted(t for t in topics if f"cue:{t}" not in keys)
    if unknown:
        raise ValueError(f"trust names unknown topics {unknown}")
    return Trust(
        topics,
        _known(table["masks"], "trust.masks", keys),
        _when(table["lifted_by"], keys),
        _known(table.get("not_on", []), "trust.not_on", keys),
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
