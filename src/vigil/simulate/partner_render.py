"""How a partner writes: identifiers in varied surface forms, evasive spelling, typos.

Every identifier form stays recoverable (see `partner_reveal.reveal`): an evasion a careful
reader can undo, never a change of the value itself (no typos or leetspeak in a handle).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection

from vigil.simulate.conversation_obfuscation import (
    fullwidth,
    homoglyph,
    leet,
    math_bold,
    obfuscate_line,
)
from vigil.simulate.partner_identity import DisclosedIdentifier
from vigil.simulate.partner_places import COUNTRIES, grouped, national

Form = Callable[[str, random.Random], str]


def spaced(text: str, rng: random.Random) -> str:
    return " ".join(text)


def _cased(text: str, rng: random.Random) -> str:
    return rng.choice((text, text, text.title(), text.upper()))


def _evade(text: str, rng: random.Random, forms: tuple[Form, ...]) -> str:
    out = rng.choice(forms)(text, rng)
    return out if out != text else fullwidth(text, rng)


# ---- one surface form per kind ------------------------------------------------------


def _email(value: str, rng: random.Random, evade: bool) -> str:
    user, domain = value.split("@", 1)
    if not evade:
        return rng.choice((value, value, value.upper(), user.title() + "@" + domain))
    name, _, tld = domain.partition(".")
    return rng.choice(
        (
            f"{user} at {domain.replace('.', ' dot ')}",
            f"{user} [at] {domain.replace('.', ' [dot] ')}",
            f"{user}(at){domain.replace('.', '(dot)')}",
            f"{user} @ {domain}",
            f"{user}\uff20{domain}",  # full-width @
            f"{user}@{homoglyph(name, rng)}.{tld}",
            f"{user} at {domain}",
            fullwidth(value, rng),
        )
    )


def _phone(value: str, country: str, rng: random.Random, evade: bool) -> str:
    c = COUNTRIES[country]
    nsn = national(value, country)
    groups = c.groups
    if c.calling == "1":
        forms = [f"+1 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}", f"1 {grouped(nsn, groups, ' ')}"]
    elif country == "PH":  # locals write the trunk "0" form most
        forms = [f"0{grouped(nsn, groups, ' ')}", f"0{nsn}", f"0{grouped(nsn, groups, '-')}"]
    else:
        forms = [f"00{c.calling} {grouped(nsn, groups, ' ')}"]
    forms += [
        f"+{c.calling} {grouped(nsn, groups, ' ')}",
        f"+{c.calling}{nsn}",
        f"+{c.calling}-{grouped(nsn, groups, '-')}",
        f"(+{c.calling}) {grouped(nsn, groups, ' ')}",
        f"+{c.calling}.{grouped(nsn, groups, '.')}",
    ]
    shown = rng.choice(forms)
    return _evade(shown, rng, (spaced, fullwidth, math_bold)) if evade else shown


def _handle(value: str, platform: str, rng: random.Random, evade: bool) -> str:
    if platform == "telegram":
        shown = rng.choice((f"@{value}", value, f"t.me/{value}", f"@{value}"))
    elif platform == "facebook":
        shown = rng.choice((value, value, f"facebook.com/{value}", f"fb.com/{value}"))
    else:
        shown = value
    if not evade:
        return _cased(shown, rng) if "/" not in shown else shown
    return _evade(value, rng, (spaced, homoglyph, fullwidth, math_bold))


def _place(value: str, rng: random.Random, evade: bool, spacing: bool) -> str:
    if not evade:
        return _cased(value, rng)
    forms: tuple[Form, ...] = (homoglyph, fullwidth, _cased)
    if " " not in value and "." not in value:  # spacing or leet would blur a two-word name
        forms += (leet, leet)
        if spacing and len(value) >= 4:  # "n z" no longer reads as a name
            forms += (spaced,)
    return _evade(value, rng, forms)


def render_identifier(
    ident: DisclosedIdentifier, rng: random.Random, evade: bool, spacing: bool = True
) -> str:
    """One way of writing `ident`; `evade` adds a recoverable evasion. `spacing=False`
    where a one-letter word sits next to it ("asl 45 m uk"), which spacing would join."""
    if ident.kind == "email" or (ident.platform == "paypal" and "@" in ident.value):
        return _email(ident.value, rng, evade)
    if ident.kind == "phone" or ident.platform in ("whatsapp", "gcash"):
        return _phone(ident.value, ident.country or "PH", rng, evade)
    if ident.platform == "paypal":
        shown = rng.choice((ident.value, f"paypal.me/{ident.value}"))
        return _evade(shown, rng, (fullwidth, homoglyph)) if evade else shown
    if ident.kind == "handle":
        return _handle(ident.value, ident.platform or "", rng, evade)
    if ident.kind == "country":
        alias = rng.choice(COUNTRIES[ident.value].aliases)
        return _place(alias, rng, evade, spacing)
    if ident.kind == "city":
        return _place(ident.value, rng, evade, spacing)
    return _evade(ident.value, rng, (fullwidth, math_bold)) if evade else ident.value


# ---- the words around identifiers ---------------------------------------------------

_WORD = re.compile(r"[A-Za-z]{4,}")


def typo(text: str, rng: random.Random, protected: Collection[str]) -> str:
    """One slip of the keyboard in a filler word (never in a telling word)."""
    spots = [m for m in _WORD.finditer(text) if m.group().lower() not in protected]
    if not spots:
        return text
    m = rng.choice(spots)
    w, i = m.group(), rng.randrange(1, len(m.group()) - 1)
    slip = rng.choice(
        (w[:i] + w[i + 1] + w[i] + w[i + 2 :], w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:])
    )
    return text[: m.start()] + slip + text[m.end() :]


def evade_words(text: str, rng: random.Random, salient: Collection[str]) -> str:
    """Word-level evasion of a line (leet, spacing, look-alikes...), preferring telling words."""
    return obfuscate_line(text, rng, salient)


__all__ = ["evade_words", "render_identifier", "spaced", "typo"]
