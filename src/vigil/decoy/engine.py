"""The decoy's sans-I/O engine: partner line in, a decision out (reply, level, delay).

Per conversation it keeps a small state (level, evidence, a few recent line ids, the
dossier) so one process can hold 10,000 conversations. Every random choice comes from a
generator seeded by (seed, conversation, message count), so a conversation replays the same
way whatever the interleaving. Every reply is a reviewed bank line that passes the guard.
"""

from __future__ import annotations

import hashlib
import random
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from vigil.content import Identifier, Matcher, load_lexicon, make_matcher
from vigil.core import ConfigError
from vigil.decoy.bank import Bank, Line, load_bank
from vigil.decoy.cues import Topics, load_topics
from vigil.decoy.dossier import Dossier
from vigil.decoy.guard import OutboundGuard, load_guard
from vigil.decoy.identifiers import IdentifierReader, reader_for
from vigil.decoy.persona import Persona, load_persona
from vigil.decoy.policy import Evidence, Policy
from vigil.decoy.policy_file import load_policy

Pace = Literal["human", "instant"]
MAX_TEXT_CHARS = 2000  # longer partner lines are read in part: a flood must not stall us
HISTORY_SIZE = 6


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do about one event. ``reply`` None means stay silent."""

    reply: str | None
    family: str | None
    line_id: str | None
    delay_s: float
    level: str
    level_changed: bool = False
    blocked: bool = False
    rule: str = ""
    evidence: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = field(default=())


class Conversation:
    """State of one (network, partner) conversation."""

    __slots__ = (
        "age_disclosed",
        "asked",
        "closed",
        "context",
        "dossier",
        "evidence",
        "guarded",
        "level",
        "platform",
        "recent",
        "taken_over",
        "trust_lifted",
    )

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.level = 0
        self.evidence = Evidence()
        self.recent: deque[str] = deque(maxlen=HISTORY_SIZE)
        self.asked: set[str] = set()
        self.age_disclosed = False
        self.taken_over = False
        self.closed = False
        # The platform the partner named last ("add me on telegram"), for a handle given
        # alone on a later line ("its @name").
        self.platform: str | None = None
        # Sticky topics named so far (the policy's `sticky`: "si papa ito").
        self.context: frozenset[str] = frozenset()
        # The evidence read while her parents are brought in (the policy's trust), kept
        # beside the full evidence from the line that brought them in until a line lifts it.
        self.guarded: Evidence | None = None
        self.trust_lifted = False

    def held(self) -> Evidence:
        """The evidence the level is read from."""
        return self.guarded if self.guarded is not None else self.evidence


class DecoyEngine:
    def __init__(
        self,
        persona: Persona,
        policy: Policy,
        bank: Bank,
        guard: OutboundGuard,
        matcher: Matcher,
        *,
        topics: Topics | None = None,
        reader: IdentifierReader | None = None,
        rng_seed: int = 0,
        pace: Pace = "human",
    ) -> None:
        if pace not in ("human", "instant"):
            raise ConfigError(f"pace must be human or instant, not {pace!r}.")
        needed = {"stalling"} | {f for s in policy.level_specs for f in (*s.allowed, *s.default)}
        needed |= {f for rule in policy.replies for f in rule.families}
        missing = sorted(needed - bank.families)
        if missing:
            raise ConfigError(f"the response bank has no lines for families {missing}.")
        self.persona = persona
        self.policy = policy
        self.bank = bank
        self.guard = guard
        self.matcher = matcher
        self.topics = topics or guard.topics
        self.reader = reader or reader_for(self.topics)
        self.seed = rng_seed
        self.pace: Pace = pace
        self._conversations: dict[tuple[str, str], Conversation] = {}
        self._rooms: dict[tuple[str, str], deque[str]] = {}

    # -- state ------------------------------------------------------------------------
    def _rng(self, *parts: object) -> random.Random:
        key = "\x1f".join(str(p) for p in (self.seed, *parts)).encode()
        return random.Random(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest()))

    def _conversation(self, partner: str, network: str, at: datetime) -> Conversation:
        conv = self._conversations.get((network, partner))
        if conv is None:
            dossier = Dossier(partner, network, at, self.policy.levels[0])
            conv = self._conversations[(network, partner)] = Conversation(dossier)
        return conv

    @property
    def conversations(self) -> int:
        return len(self._conversations)

    def dossier(self, partner: str, network: str) -> Dossier | None:
        conv = self._conversations.get((network, partner))
        return conv.dossier if conv else None

    def dossiers(self) -> Iterator[Dossier]:
        return (c.dossier for c in self._conversations.values())

    def forget(self, partner: str, network: str) -> None:
        self._conversations.pop((network, partner), None)

    def take_over(self, partner: str, network: str, at: datetime) -> None:
        """An operator types for the decoy until ``hand_back``; the engine stays silent."""
        self._conversation(partner, network, at).taken_over = True

    def hand_back(self, partner: str, network: str, at: datetime) -> None:
        self._conversation(partner, network, at).taken_over = False

    # -- events -----------------------------------------------------------------------
    def on_message(self, partner: str, network: str, text: str, at: datetime) -> Decision:
        """A private line from ``partner``: update level and dossier, then answer."""
        conv = self._conversation(partner, network, at)
        dossier = conv.dossier
        dossier.seen(at)
        dossier.messages_in += 1
        text = text[:MAX_TEXT_CHARS]
        message = self.policy.message_evidence(
            text, self.matcher, self.topics, context=conv.context
        )
        conv.context |= self.policy.sticky_in(message)
        # Disguised identifiers too (full-width, spaced out, platform named after the handle).
        # The partner's own country reads his numbers written in national form.
        region = self.reader.region_of(dossier.identifiers)
        read = self.reader.read(text, region, platform_hint=conv.platform)
        conv.platform = self.reader.platform_named(text) or conv.platform
        # A child's age the partner states as his own ("im 11 btw") is a child talking, not
        # a child's age asked about or named to her.
        if any(i.kind == "age" and i.value.isdigit() and int(i.value) < 18 for i in read):
            message.pop("child_age", None)
        if conv.age_disclosed:
            message.update(self.policy.after_age(message, self.policy.asked(conv.evidence)))
        self._trust(conv, message)
        before = conv.level
        conv.level = self.policy.level_after(conv.level, conv.held())
        level = self.policy.levels[conv.level]
        changed = dossier.set_level(level, at) if conv.level != before else False
        new_ids = tuple(dossier.add(read, at))
        keys = tuple(sorted(message))
        if conv.taken_over or conv.closed:
            family = "operator" if conv.taken_over else None
            return Decision(
                None, family, None, 0.0, level, changed, evidence=keys, identifiers=new_ids
            )
        rng = self._rng(network, partner, dossier.messages_in)
        # Reply rules also see what the decoy has already said (state keys, never evidence).
        state = {"age_told": 1.0} if conv.age_disclosed else {}
        family, topics, rule = self.policy.reply_for(
            {**message, **state}, conv.level, dossier.messages_in, rng
        )
        exclude = conv.asked | {
            name for name, kinds in self.policy.elicits.items() if kinds and dossier.knows(kinds)
        }
        line = self.bank.choose(
            family,
            text,
            conv.recent,
            rng,
            topics=topics,
            lang=self._lang(rng),
            exclude_elicits=exclude,
        )
        reply, sent, blocked = self._finish(line, text, conv.recent, rng)
        if reply is not None and sent is not None:
            conv.recent.append(sent.id)
            dossier.messages_out += 1
            if sent.elicits:
                conv.asked.add(sent.elicits)
            if sent.discloses == "age":
                conv.age_disclosed = True
        return Decision(
            reply,
            sent.family if sent else family,
            sent.id if sent else None,
            self._delay(reply, rng),
            level,
            changed,
            blocked,
            rule,
            keys,
            new_ids,
        )

    def warm(self) -> None:
        """Prepare the retriever for every bank line (the model loads here, if at all)."""
        self.bank.retriever.prepare(self.bank.lines)

    def on_operator(self, partner: str, network: str, text: str, at: datetime) -> Decision:
        """A line an operator typed for the decoy: sent only if the guard passes it."""
        conv = self._conversation(partner, network, at)
        verdict = self.guard.check(text)
        level = self.policy.levels[conv.level]
        if not verdict.ok:
            return Decision(None, "operator", None, 0.0, level, blocked=True, rule="guard")
        conv.dossier.messages_out += 1
        conv.dossier.seen(at)
        return Decision(text, "operator", None, 0.0, level)

    def deterrence(self, partner: str, network: str, at: datetime) -> list[Decision]:
        """The warning that ends an operation; the conversation stays silent afterwards."""
        conv = self._conversation(partner, network, at)
        conv.closed = True
        level = self.policy.levels[conv.level]
        out = []
        for line in self.bank.family("deterrence"):
            if self.guard.check(line.text).ok:
                conv.dossier.messages_out += 1
                out.append(Decision(line.text, line.family, line.id, 0.0, level, rule="end"))
        return out

    def on_join(self, network: str, room: str, at: datetime) -> Decision | None:
        """Joined a public room: now and then a greeting, otherwise lurk."""
        rng = self._rng("join", network, room, at.isoformat())
        if not self.persona.is_active(at) or rng.random() >= self.policy.public.greet_on_join:
            return None
        return self._room_line("greeting", network, room, rng)

    def on_idle(self, network: str, room: str, at: datetime, quiet_s: float) -> Decision | None:
        """A public room has been quiet for ``quiet_s``: rarely a bit of small talk."""
        public = self.policy.public
        rng = self._rng("idle", network, room, at.isoformat())
        if quiet_s < public.idle_after_s or not self.persona.is_active(at):
            return None
        if rng.random() >= public.idle_small_talk:
            return None
        return self._room_line("small_talk", network, room, rng)

    # -- helpers ----------------------------------------------------------------------
    def _trust(self, conv: Conversation, message: dict[str, float]) -> None:
        """Add a line's evidence, and keep the trusted reading while her parents are in."""
        trust = self.policy.trust
        if trust is not None and not conv.trust_lifted:
            if trust.lifts(message):
                conv.trust_lifted, conv.guarded = True, None
            elif conv.guarded is None and trust.starts(message):
                conv.guarded = conv.evidence.copy()
            # A lifted trust has no guarded reading left to add to.
            if conv.guarded is not None:
                conv.guarded.add(trust.keep(message))
        conv.evidence.add(message)

    def _room_line(self, family: str, network: str, room: str, rng: random.Random) -> Decision:
        recent = self._rooms.setdefault((network, room), deque(maxlen=HISTORY_SIZE))
        line = self.bank.choose(family, "", recent, rng, public_only=True, lang=self._lang(rng))
        reply, chosen, blocked = self._finish(line, "", recent, rng)
        if chosen is not None and reply is not None:
            recent.append(chosen.id)
        return Decision(
            reply,
            chosen.family if chosen else family,
            chosen.id if chosen else None,
            self._delay(reply, rng),
            self.policy.levels[0],
            blocked=blocked,
            rule="public",
        )

    def _lang(self, rng: random.Random) -> str:
        return "tl" if rng.random() < self.persona.taglish else "en"

    def _finish(
        self, line: Line, partner_text: str, recent: deque[str], rng: random.Random
    ) -> tuple[str | None, Line | None, bool]:
        """The text to send for ``line``, styled, or a safe stalling line if the guard
        refuses it, or nothing."""
        text = line.text
        if line.family not in self.policy.unstyled:
            text = self.persona.style(text, rng)
        if self.guard.check(text).ok:
            return text, line, False
        fallback = self.bank.choose("stalling", partner_text, recent, rng)
        if self.guard.check(fallback.text).ok:
            return fallback.text, fallback, True
        return None, None, True

    def _delay(self, reply: str | None, rng: random.Random) -> float:
        if reply is None or self.pace == "instant":
            return 0.0
        return self.persona.typing_delay(reply, rng)


def build_engine(
    *,
    persona_path: Path | None = None,
    bank_paths: Sequence[Path] | None = None,
    policy_path: Path | None = None,
    matcher: Matcher | None = None,
    retrieval: str = "auto",
    rng_seed: int = 0,
    pace: Pace = "human",
) -> DecoyEngine:
    """An engine from the shipped data files (or the given ones); one matcher serves the
    policy and the guard."""
    matcher = matcher or make_matcher(load_lexicon())
    topics = load_topics()
    persona = load_persona(persona_path)
    guard = load_guard(matcher, topics=topics)
    bank = load_bank(bank_paths, guard=guard, persona=persona, retrieval=retrieval)
    policy = load_policy(policy_path, topics=topics)
    return DecoyEngine(
        persona, policy, bank, guard, matcher, topics=topics, rng_seed=rng_seed, pace=pace
    )
