"""One scripted chat partner: a small state machine that writes a line per turn.

The plan (a list of steps) is fixed when the partner is made; the reply of the decoy
steers it loosely: silence draws a nudge and, past the partner's patience, an exit;
a question about an identifier draws that disclosure (elicitation works); a dodge after
an escalation draws pressure; a cautious suspect leaves once a reply looks automated
(repeated, or admitting to be a bot) after it has tested the decoy.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from vigil.simulate.conversations import compose
from vigil.simulate.partner_identity import DisclosedIdentifier
from vigil.simulate.partner_phrases import ESCALATION_INTENTS, SALIENT, SUSPECT_BANK
from vigil.simulate.partner_phrases_benign import (
    BENIGN_BANK,
    LANDMARKS,
    LINK_WORDS,
    SUBJECTS,
    TOPICS,
)
from vigil.simulate.partner_phrases_disclose import (
    BOT_ADMISSIONS,
    DEFLECTION_CUES,
    DISCLOSE_BANK,
    ELICIT_CUES,
)
from vigil.simulate.partner_render import evade_words, render_identifier, typo

Step = tuple[str, tuple[int, ...]]  # (intent, indices into the identity's identifiers)
_IDS = ("\x00", "\x01")  # placeholders that word-level evasion and typos leave alone
_NUDGE: Step = ("nudge", ())
_PARTING = frozenset({"bye", "bot_bye", "kid_bye"})  # nothing more after a goodbye
_SPACED = re.compile(r"(?:\S ){2,}\S")


def _any_of(words: tuple[str, ...]) -> str:
    return r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"


_CUES = {slot: re.compile(_any_of(cues)) for slot, cues in ELICIT_CUES.items()}
_DODGE = re.compile(_any_of(DEFLECTION_CUES) + r"|^\W*\?+\W*$")


@dataclass(frozen=True, slots=True)
class ScriptLine:
    text: str  # as sent: evasions and typos included
    plain: str  # as composed from the template, before word evasion and typos
    intent: str
    disclosed: tuple[DisclosedIdentifier, ...]


@dataclass(frozen=True, slots=True)
class Style:
    lang: str  # "en" | "mix" (Taglish)
    evasion: float  # chance a line gets word-level evasion (and an identifier its own)
    typos: float


@dataclass
class PartnerScript:
    """A chat partner; `next_line(reply, rng)` gives its next line, None once it has left."""

    partner_id: str
    kind: str
    is_suspect: bool
    plan: list[Step]
    style: Style
    facts: Mapping[str, str]
    pool: tuple[DisclosedIdentifier, ...]  # what this person could disclose
    planned: tuple[int, ...]  # indices into pool this script discloses if the decoy plays on
    cautious: bool = False
    blunt: bool = False
    patience: int = 2
    max_turns: int = 12
    answer_intent: str | None = None  # benign reply to a question; None: ignores replies
    history: list[ScriptLine] = field(default_factory=list)
    pause: int = 1  # driver ticks before this partner writes again
    done: bool = False
    # Conversation state: not part of the script's identity.
    _silences: int = field(default=0, init=False, repr=False)
    _pressure_left: int = field(default=2, init=False, repr=False)
    _extra_left: int = field(default=2, init=False, repr=False)  # elicited extras, answers
    _tested: bool = field(default=False, init=False, repr=False)
    _leaving: bool = field(default=False, init=False, repr=False)
    _seen: set[str] = field(default_factory=set, init=False, repr=False)

    @property
    def disclosed(self) -> tuple[DisclosedIdentifier, ...]:
        """Identifiers actually written so far, in order, without repeats."""
        seen: dict[DisclosedIdentifier, None] = {}
        for line in self.history:
            seen.update(dict.fromkeys(line.disclosed))
        return tuple(seen)

    @property
    def planned_identifiers(self) -> tuple[DisclosedIdentifier, ...]:
        return tuple(self.pool[i] for i in self.planned)

    def next_line(self, decoy_reply: str | None, rng: random.Random) -> str | None:
        if self.done or self._leaving:
            self.done = True
            return None
        if self.history:
            step = self._react(decoy_reply, rng)
        else:
            step = self.plan.pop(0) if self.plan else None
        if step is None:
            self.done = True
            return None
        line = self._say(step, rng)
        self.history.append(line)
        self._leaving |= line.intent in _PARTING
        self.pause = _pause(rng, self.kind)
        return line.text

    # ---- steering --------------------------------------------------------------------

    def _react(self, reply: str | None, rng: random.Random) -> Step | None:
        text = f" {reply.strip().lower()} " if reply and reply.strip() else ""
        bot_like = not text or text in self._seen or any(b in text for b in BOT_ADMISSIONS)
        self._seen.add(text)
        self._silences = 0 if text else self._silences + 1
        if self.history[-1].intent == "bot_test":
            self._tested = True
        if len(self.history) >= self.max_turns:
            return self._leave(rng, "bye", 0.3)
        if self.cautious and self._tested and bot_like:
            return self._leave(rng, "bot_bye", 0.6)
        if not text and self.kind != "spam_bot":  # bots post on regardless
            return self._leave(rng, "bye", 0.2) if self._silences > self.patience else _NUDGE
        if self.is_suspect:
            asked = self._elicited(text, rng)
            if asked is not None:
                return asked
            last = self.history[-1].intent
            dodged = _DODGE.search(text.strip()) is not None
            if last in ESCALATION_INTENTS and dodged and self._pressure_left and rng.random() < 0.6:
                self._pressure_left -= 1
                return ("pressure", ())
        elif self.answer_intent and "?" in text and self._extra_left and rng.random() < 0.5:
            self._extra_left -= 1
            return (self.answer_intent, ())
        return self.plan.pop(0) if self.plan else None

    def _leave(self, rng: random.Random, intent: str, p_line: float) -> Step | None:
        self._leaving = True
        return (intent, ()) if rng.random() < p_line else None

    def _elicited(self, text: str, rng: random.Random) -> Step | None:
        """The decoy asked for something this suspect can give: disclose it now."""
        if self.cautious and "bot_test" not in {line.intent for line in self.history}:
            return None  # nothing given away before the decoy has passed the test
        said = {i.value for i in self.disclosed}
        for slot, cue in _CUES.items():
            if not cue.search(text):
                continue
            for pos, (intent, idx) in enumerate(self.plan):
                if intent == "disclose" and any(self.pool[i].slot == slot for i in idx):
                    return self.plan.pop(pos)
            extra = [
                i for i, d in enumerate(self.pool)
                if d.slot == slot and d.value not in said and i not in self.planned
            ]  # fmt: skip
            if extra and self._extra_left and rng.random() < 0.5:
                self._extra_left -= 1
                return ("disclose", (extra[0],))
        return None

    # ---- writing ---------------------------------------------------------------------

    def _say(self, step: Step, rng: random.Random) -> ScriptLine:
        intent, idx = step
        ids = tuple(self.pool[i] for i in idx)
        slots = dict(self.facts)
        slots.update(_per_line(rng))
        if intent == "disclose":
            key = "asl" if len(ids) == 2 else ids[0].slot
            bank = DISCLOSE_BANK[key]
            names = ("age", "place") if key == "asl" else ("id",)
            slots.update(zip(names, _IDS, strict=False))
        else:
            bank = SUSPECT_BANK[intent] if intent in SUSPECT_BANK else BENIGN_BANK[intent]
        style = "mix" if self.style.lang == "mix" and "mix" in bank and rng.random() < 0.7 else "en"
        plain = compose(rng.choice(bank[style]), rng, slots)
        evade = self.style.evasion
        shown = [render_identifier(i, rng, rng.random() < evade, len(ids) == 1) for i in ids]
        text = plain
        # Letter-spaced words next to a letter-spaced identifier would run into it.
        if rng.random() < self.style.evasion and not any(_SPACED.search(x) for x in shown):
            text = evade_words(text, rng, SALIENT)
        if rng.random() < self.style.typos:
            text = typo(text, rng, SALIENT)
        for mark, value in zip(_IDS, shown, strict=False):
            plain, text = plain.replace(mark, value), text.replace(mark, value)
        return ScriptLine(text, plain, intent, ids)


def _per_line(rng: random.Random) -> dict[str, str]:
    """Slots drawn afresh for each line (the fixed ones are the script's facts)."""
    a, b = rng.sample(LINK_WORDS, 2)
    code = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(5))
    link = rng.choice(
        (f"http://{a}{b}.example.com/{code}", f"www.{a}-{b}.example.net",
         f"{a}{b}{rng.randint(1, 99)}.example.org/{code}")
    )  # fmt: skip
    l1, l2 = rng.sample(LANDMARKS, 2)
    return {"link": link, "landmark": l1, "landmark2": l2, "subject": rng.choice(SUBJECTS),
            "topic": rng.choice(TOPICS)}  # fmt: skip


def _pause(rng: random.Random, kind: str) -> int:
    if kind == "spam_bot":
        return rng.randint(1, 2)
    r = rng.random()
    return 1 if r < 0.5 else rng.randint(2, 3) if r < 0.85 else rng.randint(5, 20)


__all__ = ["PartnerScript", "ScriptLine", "Step", "Style"]
