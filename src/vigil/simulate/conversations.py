"""A labelled synthetic chat corpus for evaluating the content detector.

Written independently of the detector, from its own phrase banks, so an evaluation measures
phrasing the detector was not tuned to. Positives are a customer abroad asking a local
account for a "show" together with a payment arrangement and/or an age question answered
with a minor's age; hard negatives share the vocabulary (remittances, children's ages,
video calls, payments, talk about the crime) without the request.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from vigil.core.errors import ConfigError
from vigil.simulate.conversation_names import (
    APPS,
    DAYS,
    GAMES,
    KID_NAMES,
    MINUTES,
    PLACES,
    TIMES,
    AccountBook,
    display_name,
    phone,
    reference,
)
from vigil.simulate.conversation_obfuscation import MAX_LINE, obfuscate_line
from vigil.simulate.conversation_phrases import BANK, SALIENT
from vigil.simulate.conversation_scripts import (
    KIND_WEIGHTS,
    MONEY,
    NEGATIVE_KINDS,
    PARTIES,
    POSITIVE_KINDS,
    SCRIPTS,
    Block,
    Money,
)
from vigil.simulate.conversation_tables import (
    Conversation,
    ConversationCorpus,
    Message,
    corpus_tables,
    write_conversations,
)
from vigil.simulate.conversation_transcripts import asr_text

MIN_MESSAGES, MAX_MESSAGES = 3, 12
LANG_WEIGHTS: Mapping[str, float] = {"en": 0.3, "tl": 0.25, "ceb": 0.2, "mixed": 0.25}
# Ages of children in the look-alikes, per kind (inclusive ranges).
KID_AGES: Mapping[str, tuple[int, int]] = {
    "remittance_family": (5, 17),
    "medical": (2, 15),
    "gaming": (9, 15),
    "tutoring": (5, 14),
}


@dataclass(frozen=True)
class ConversationParams:
    seed: int = 7
    conversations: int = 2000
    positive_share: float = 0.2
    obfuscation_rate: float = 0.3
    transcript_share: float = 0.05
    start: datetime = datetime(2026, 3, 1, tzinfo=UTC)
    days: int = 31


# ---- composition ------------------------------------------------------------------------

_ALT = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def compose(template: str, rng: random.Random, slots: Mapping[str, str]) -> str:
    """Pick one alternative per `[a|b]` group, fill `{slot}`s, tidy the spacing."""
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = _SLOT.sub(lambda m: slots[m.group(1)], text)
    text = re.sub(r"\s+", " ", text).strip()
    if rng.random() < 0.7:
        text = re.sub(r"\s+([?!])", r"\1", text)
    if rng.random() < 0.15:
        text = text[:1].upper() + text[1:]
    return text


def _amount(rng: random.Random, money: Money) -> str:
    return str(money.low + money.step * rng.randint(0, (money.high - money.low) // money.step))


def _facts(rng: random.Random, kind: str, lang: str) -> dict[str, str]:
    """Facts that stay fixed through one conversation (amount, channel, ages...)."""
    key = kind
    if kind in POSITIVE_KINDS:
        key = "customer_php" if lang != "en" and rng.random() < 0.3 else "customer"
    money = MONEY[key]
    lo, hi = KID_AGES.get(kind, (5, 15))
    kid_age = rng.randint(lo, hi)
    minor_age = rng.randint(11, 16)
    grade_of = minor_age if kind in POSITIVE_KINDS else kid_age
    return {
        "amount": _amount(rng, money),
        "cur": rng.choice(money.currencies),
        "channel": rng.choice(money.channels),
        "kid": rng.choice(KID_NAMES),
        "kid_age": str(kid_age),
        "minor_age": str(minor_age),
        "minor_age_next": str(minor_age + 1),
        "adult_age": str(rng.randint(22, 48)),
        "grade": str(min(12, max(1, grade_of - 5))),
        "mins": rng.choice(MINUTES),
        "time": rng.choice(TIMES),
        "day": rng.choice(DAYS),
        "ref": reference(rng),
        "phone": phone(rng),
        "place": rng.choice(PLACES),
        "n": str(rng.randint(2, 7)),
        "game": rng.choice(GAMES),
        "app": rng.choice(APPS),
    }


def _steps(rng: random.Random, script: Sequence[Block]) -> list[tuple[str, str]]:
    kept = [b for b in script if rng.random() < b.p]
    while sum(len(b.steps) for b in kept) > MAX_MESSAGES:
        optional = [b for b in kept if b.p < 1]
        if not optional:
            break
        kept.remove(rng.choice(optional))
    steps = [s for b in kept for s in b.steps][:MAX_MESSAGES]
    while len(steps) < MIN_MESSAGES:
        steps.append(("x", rng.choice(("smalltalk", "ack", "bye"))))
    return steps


def _sides(rng: random.Random, steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Resolve "x" to a side (replies usually come from the other one); both sides speak."""
    out: list[tuple[str, str]] = []
    free: list[int] = []
    prev = "l"
    for side, intent in steps:
        if side == "x":
            side = ("a" if prev == "l" else "l") if rng.random() < 0.7 else prev
            free.append(len(out))
        out.append((side, intent))
        prev = side
    if len({side for side, _ in out}) == 1:
        other = "l" if out[0][0] == "a" else "a"
        if free:  # flip a free step rather than a scripted one
            out[free[-1]] = (other, out[free[-1]][1])
        elif len(out) < MAX_MESSAGES:
            out.append((other, "ack"))
        else:
            out[-1] = (other, "ack")
    return out


def _line(rng: random.Random, intent: str, lang: str, slots: Mapping[str, str]) -> tuple[str, str]:
    by_lang = BANK[intent]
    if lang not in by_lang:
        lang = "en"
    text = ""
    for _ in range(8):  # a rare long fill is re-drawn rather than cut mid-word
        text = compose(rng.choice(by_lang[lang]), rng, slots)
        if len(text) <= MAX_LINE:
            break
    return text[:MAX_LINE], lang


# ---- one conversation -------------------------------------------------------------------


class _Builder:
    def __init__(self, params: ConversationParams, rng: random.Random) -> None:
        self.p = params
        self.rng = rng
        self.book = AccountBook(rng)
        self.lang_weights = _jitter(rng, LANG_WEIGHTS)

    def parties(self, kind: str) -> tuple[str, str]:
        roles = PARTIES[kind]
        a = None
        if kind in ("business_payment", "adult_dating", "tutoring") and self.rng.random() < 0.08:
            a = self.book.reuse("customer")  # offenders also have ordinary chats
        a = a or self.book.draw(roles.a_role)
        b = self.book.draw(roles.l_role)
        while b == a:
            b = self.book.draw(roles.l_role)
        return a, b

    def conversation(self, cid: str, kind: str, medium: str) -> Conversation:
        rng = self.rng
        lang = rng.choices(list(self.lang_weights), weights=list(self.lang_weights.values()))[0]
        a, b = self.parties(kind)
        a_lang = lang
        if PARTIES[kind].a_foreign and lang != "en":
            r = rng.random()
            a_lang = "en" if r < 0.55 else ("mixed" if r < 0.7 else lang)
        facts = _facts(rng, kind, lang)
        names = {"a": display_name(b), "l": display_name(a)}  # each addresses the other
        messages: list[Message] = []
        for side, intent in _sides(rng, _steps(rng, rng.choice(SCRIPTS[kind]))):
            text, used = _line(
                rng, intent, a_lang if side == "a" else lang, {**facts, "name": names[side]}
            )
            messages.append(Message(a if side == "a" else b, text, used))
        label = int(kind in POSITIVE_KINDS)
        return Conversation(cid, kind, label, a if label else "", medium, messages)

    def chat_times(self, conv: Conversation) -> None:
        t = self._start()
        for m in conv.messages:
            m.sent_at = t
            gap = min(int(self.rng.lognormvariate(math.log(40), 1.1)) + 2, 3 * 3600)
            t += timedelta(seconds=gap)

    def call_times(self, conv: Conversation) -> None:
        call = self._start()
        ms = self.rng.randint(500, 3000)
        for m in conv.messages:
            m.text = asr_text(m.text, self.rng)
            m.start_ms = ms
            m.end_ms = ms + 600 + 320 * len(m.text.split()) + self.rng.randint(0, 400)
            m.sent_at = call + timedelta(milliseconds=m.start_ms)
            ms = m.end_ms + self.rng.randint(200, 1500)

    def _start(self) -> datetime:
        span = max(1, self.p.days * 86400 - 2 * 86400)
        return self.p.start + timedelta(seconds=self.rng.randrange(span))

    def obfuscate(self, conv: Conversation) -> None:
        rng = self.rng
        changed = False
        for m in conv.messages:
            if rng.random() < 0.5:
                new = obfuscate_line(m.text, rng, SALIENT)
                changed |= new != m.text
                m.text = new
        if not changed:  # at least one line, preferring one with a telling word
            ranked = sorted(
                conv.messages,
                key=lambda m: -sum(w.lower() in SALIENT for w in re.findall(r"\w+", m.text)),
            )
            for m in ranked:
                new = obfuscate_line(m.text, rng, SALIENT)
                if new != m.text:
                    m.text, changed = new, True
                    break
        conv.obfuscated = changed


# ---- the corpus -------------------------------------------------------------------------


def _jitter(rng: random.Random, weights: Mapping[str, float]) -> dict[str, float]:
    return {k: w * rng.uniform(0.6, 1.4) for k, w in weights.items()}


def _allocate(rng: random.Random, total: int, kinds: Sequence[str]) -> list[str]:
    """`total` kinds in jittered proportions; every kind at least once when total allows."""
    if total <= 0:
        return []
    w = _jitter(rng, {k: KIND_WEIGHTS[k] for k in kinds})
    s = sum(w.values())
    floor = 1 if total >= len(kinds) else 0
    counts = {k: max(floor, int(total * w[k] / s)) for k in kinds}
    order = sorted(kinds, key=lambda k: -(total * w[k] / s - int(total * w[k] / s)))
    i = 0
    while sum(counts.values()) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts.values()) > total:
        k = max(counts, key=lambda k: counts[k])
        counts[k] -= 1
    return [k for k in kinds for _ in range(counts[k])]


def _validate(p: ConversationParams) -> None:
    if p.conversations < 1:
        raise ConfigError("conversations must be at least 1.")
    for name in ("positive_share", "obfuscation_rate", "transcript_share"):
        if not 0.0 <= getattr(p, name) <= 1.0:
            raise ConfigError(f"{name.replace('_', ' ')} must lie between 0 and 1.")
    if p.days < 3:
        raise ConfigError("days must be at least 3.")
    if p.start.tzinfo is None:
        raise ConfigError("start must be timezone-aware.")


def _pick(rng: random.Random, pool: list[int], share: float) -> set[int]:
    return set(rng.sample(pool, min(len(pool), round(share * len(pool)))))


def simulate_conversations(params: ConversationParams | None = None) -> ConversationCorpus:
    """Generate the labelled corpus; the same params always give the same corpus."""
    p = params or ConversationParams()
    _validate(p)
    rng = random.Random(p.seed)
    n_pos = round(p.conversations * p.positive_share)
    kinds = _allocate(rng, n_pos, POSITIVE_KINDS) + _allocate(
        rng, p.conversations - n_pos, NEGATIVE_KINDS
    )
    rng.shuffle(kinds)

    # Transcripts and obfuscation are drawn within each label so both keep their shares.
    pos = [i for i, k in enumerate(kinds) if k in POSITIVE_KINDS]
    neg = [i for i, k in enumerate(kinds) if k not in POSITIVE_KINDS]
    calls = _pick(rng, pos, p.transcript_share) | _pick(rng, neg, p.transcript_share)
    if p.transcript_share > 0 and len(calls) < 2 and p.conversations >= 10:
        calls |= set(rng.sample(range(len(kinds)), 2 - len(calls)))
    chats = [i for i in range(len(kinds)) if i not in calls]
    obf = _pick(rng, [i for i in chats if i in set(pos)], p.obfuscation_rate) | _pick(
        rng, [i for i in chats if i not in set(pos)], p.obfuscation_rate
    )

    builder = _Builder(p, rng)
    convs: list[Conversation] = []
    formats = iter(("vtt", "srt") * len(kinds))
    for i, kind in enumerate(kinds):
        medium = next(formats) if i in calls else "chat"
        conv = builder.conversation(f"conv-{i:05d}", kind, medium)
        if medium == "chat":
            if i in obf:
                builder.obfuscate(conv)
            builder.chat_times(conv)
        else:
            builder.call_times(conv)
        convs.append(conv)
    return corpus_tables(convs, builder.book.side)


__all__ = [
    "NEGATIVE_KINDS",
    "POSITIVE_KINDS",
    "ConversationCorpus",
    "ConversationParams",
    "simulate_conversations",
    "write_conversations",
]
