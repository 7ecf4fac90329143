"""The response bank: reviewed lines per family, in TOML files per language.

Loading refuses a line that is not marked ``reviewed = true`` and a line that fails the
outbound guard, so an unsafe line can never become a candidate. ``Bank.choose`` ranks a
family's lines against the partner's text and avoids lines the conversation used recently.
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from vigil.core import ConfigError
from vigil.decoy.cues import default_data_dir, read_toml
from vigil.decoy.guard import OutboundGuard
from vigil.decoy.persona import Persona, load_persona
from vigil.decoy.policy import FAMILIES
from vigil.decoy.retrieval import Retriever, make_retriever

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_FIELDS = frozenset(
    {"id", "text", "reviewed", "topic", "cues", "answers", "elicits", "discloses", "public"}
)


@dataclass(frozen=True, slots=True)
class Line:
    id: str
    family: str
    text: str
    lang: str
    topic: str | None = None
    cues: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    elicits: str | None = None
    discloses: str | None = None
    public: bool = False


class Bank:
    """Lines by family; ``choose`` picks one that fits and was not used recently."""

    def __init__(self, lines: Sequence[Line], retriever: Retriever) -> None:
        self.lines = tuple(lines)
        self.retriever = retriever
        self._by_id = {line.id: line for line in self.lines}
        by_family: dict[str, list[Line]] = {}
        for line in sorted(self.lines, key=lambda x: x.id):
            by_family.setdefault(line.family, []).append(line)
        self._by_family = {f: tuple(v) for f, v in by_family.items()}

    @property
    def families(self) -> frozenset[str]:
        return frozenset(self._by_family)

    def family(self, family: str) -> tuple[Line, ...]:
        return self._by_family.get(family, ())

    def get(self, line_id: str) -> Line:
        return self._by_id[line_id]

    def choose(
        self,
        family: str,
        partner_text: str,
        history: Sequence[str],
        rng: random.Random,
        *,
        topics: Collection[str] = (),
        lang: str | None = None,
        exclude_elicits: Collection[str] = (),
        public_only: bool = False,
    ) -> Line:
        """A fitting line of ``family``; ``history`` holds recent line ids, oldest first.

        Narrowing (topics, elicits, public, language) only applies when it leaves a line.
        """
        pool = self._by_family.get(family)
        if not pool:
            raise LookupError(f"the response bank has no {family} lines")
        candidates = list(pool)
        for keep in (
            (lambda x: x.public) if public_only else None,
            (lambda x: x.topic in topics) if topics else None,
            (lambda x: x.elicits not in exclude_elicits) if exclude_elicits else None,
        ):
            if keep is not None:
                candidates = [x for x in candidates if keep(x)] or candidates
        fitting = [candidates[i] for i in self.retriever.fitting(partner_text, candidates)]
        if lang is not None:
            fitting = [x for x in fitting if x.lang == lang] or fitting
        recent = {line_id: age for age, line_id in enumerate(reversed(history))}
        # A fresh line that fits, else any fresh line (a child does not repeat herself to a
        # partner who repeats himself), else the fitting line used longest ago.
        for pool_ in (fitting, candidates):
            fresh = [x for x in pool_ if x.id not in recent]
            if fresh:
                return rng.choice(fresh)
        return max(fitting, key=lambda x: recent[x.id])


def default_bank_paths() -> list[Path]:
    return sorted((default_data_dir() / "responses").glob("*.toml"))


def load_bank(
    paths: Sequence[Path] | None = None,
    *,
    guard: OutboundGuard,
    persona: Persona | None = None,
    retrieval: str = "keyword",
) -> Bank:
    """Read bank files; every line must be reviewed and pass ``guard`` once filled in."""
    values = (persona or load_persona()).placeholders()
    lines: list[Line] = []
    seen: set[str] = set()
    for path in paths if paths is not None else default_bank_paths():
        for line in _read(path, values):
            if line.id in seen:
                raise ConfigError(f"response bank {path}: line id {line.id} is used twice.")
            seen.add(line.id)
            verdict = guard.check(line.text)
            if not verdict.ok:
                raise ConfigError(
                    f"response bank {path}: line {line.id} fails the outbound guard "
                    f"({'; '.join(verdict.reasons)})."
                )
            lines.append(line)
    if not lines:
        raise ConfigError("the response bank holds no lines.")
    return Bank(lines, make_retriever(retrieval))


def _read(path: Path, values: Mapping[str, str]) -> list[Line]:
    data = read_toml(path, "response bank")
    meta = data.get("meta", {})
    lang = meta.get("language") if isinstance(meta, dict) else None
    if not isinstance(lang, str) or not lang:
        raise ConfigError(f"response bank {path} needs [meta] language = '...'.")
    lines: list[Line] = []
    for family, items in data.items():
        if family == "meta":
            continue
        if family not in FAMILIES:
            raise ConfigError(
                f"response bank {path}: unknown family {family!r}; known: {', '.join(FAMILIES)}."
            )
        if not isinstance(items, list):
            raise ConfigError(f"response bank {path}: {family} must be [[{family}]] entries.")
        for item in items:
            lines.append(_line(path, family, lang, item, values))
    return lines


def _line(path: Path, family: str, lang: str, item: object, values: Mapping[str, str]) -> Line:
    if not isinstance(item, dict):
        raise ConfigError(f"response bank {path}: a {family} entry is not a table.")
    line_id = item.get("id")
    if not isinstance(line_id, str) or not _ID.match(line_id):
        raise ConfigError(f"response bank {path}: a {family} line has no valid id.")
    where = f"response bank {path}: line {line_id}"
    if item.get("reviewed") is not True:
        raise ConfigError(f"{where} is not marked reviewed = true.")
    unknown = set(item) - _FIELDS
    if unknown:
        raise ConfigError(f"{where} has unknown fields {sorted(unknown)}.")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"{where} has no text.")
    missing = sorted(set(_PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise ConfigError(f"{where} uses placeholders the persona does not fill: {missing}.")
    try:
        return Line(
            id=line_id,
            family=family,
            text=_PLACEHOLDER.sub(lambda m: values[m.group(1)], text.strip()),
            lang=lang,
            topic=_optional(item, "topic"),
            cues=_strings(item, "cues"),
            answers=_strings(item, "answers"),
            elicits=_optional(item, "elicits"),
            discloses=_optional(item, "discloses"),
            public=item.get("public", False) is True,
        )
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}.") from exc


def _optional(item: Mapping[str, object], key: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key} must be a string")
    return value


def _strings(item: Mapping[str, object], key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{key} must be a list of strings")
    return tuple(value)
