"""Phrase banks for the synthetic conversation corpus, gathered from their modules by topic.

Each intent maps a language ("en", "tl", "ceb", "mixed") to template lines. A template is
composed at random from its parts: `[a|b|]` picks one alternative (empty allowed) and
`{slot}` is filled from the conversation's facts, so the surface forms vary combinatorially.

Safety: lines are short and clinical, like a moderation test set. Positive intents are a
euphemistic request, an offer, an age question and a payment arrangement; nothing describes
a person, a body or an act. Child-related words appear only in the innocent look-alikes.
"""

from __future__ import annotations

from collections.abc import Mapping

from vigil.simulate.conversation_phrases_adults import RAW as _ADULTS
from vigil.simulate.conversation_phrases_chat import RAW as _CHAT
from vigil.simulate.conversation_phrases_family import RAW as _FAMILY
from vigil.simulate.conversation_phrases_positive import RAW as _POSITIVE
from vigil.simulate.conversation_phrases_work import RAW as _WORK

LANGS: tuple[str, ...] = ("en", "tl", "ceb", "mixed")


_RAW: dict[str, dict[str, str]] = {
    **_CHAT,
    **_POSITIVE,
    **_FAMILY,
    **_ADULTS,
    **_WORK,
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _lines(block: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


BANK: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    intent: {lang: _lines(block) for lang, block in by_lang.items()}
    for intent, by_lang in _RAW.items()
}

# Words that tell a reader (or a detector) what a line is about. Obfuscation prefers them,
# so evasion hits the words that matter, not just filler. Both positives and look-alikes.
SALIENT: frozenset[str] = frozenset(
    _words(
        """
    show shows private special vip cam naughty pay paid payment send sent padala bayad
    magkano pila price rate gcash western union palawan cebuana paypal remitly maya wu
    mlhuillier usd dollars pesos php old age edad taon tuig grade student secret sekreto
    delete tell video call vc webcam exploitation arrested osaec diamonds load invoice
    tuition fee money remittance claim ref lesson class
    """
    )
)
