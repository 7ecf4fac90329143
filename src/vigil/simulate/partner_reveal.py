"""Undo the simulator's own evasions, and compare identifiers by canonical key.

`reveal` is the simulator's helper for checking its ground truth (tests assert every
disclosed identifier is recoverable from the lines); `identifier_key` lets the funnel
match what a decoy extracted against what was disclosed, whatever notation either uses.
It is not a detector: it only knows the forms this simulator writes.
"""

from __future__ import annotations

import re
import unicodedata

from vigil.simulate.conversation_obfuscation import HOMOGLYPHS
from vigil.simulate.partner_identity import PLATFORMS
from vigil.simulate.partner_places import COUNTRY_BY_ALIAS

_FOLD = str.maketrans({g: latin for latin, gs in HOMOGLYPHS.items() for g in gs})
_UNLEET = str.maketrans(
    {"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "5": "s", "$": "s", "7": "t"}
)
_SPACED = re.compile(r"(?<!\S)\S(?: \S){2,}(?!\S)")  # "s k y p e", "+ 4 4 7 8"
_BRACKET_DOT = re.compile(r"(?<=\w)\s*[\[({]\s*dot\s*[\])}]\s*(?=\w)")
_WORD_DOT = re.compile(r"(?<=\w) dot (?=\w)")
_SPACED_DOT = re.compile(r"(?<=\w) \. (?=\w)")
_BRACKET_AT = re.compile(r"(?<=[\w.])\s*[\[({]\s*at\s*[\])}]\s*(?=\w)")
_WORD_AT = re.compile(r"(?<=[\w.]) (?:at|@) (?=[\w-]+\.[a-z]{2,})")


def reveal(text: str, *, unleet: bool = False) -> str:
    """Lower-case `text` with look-alikes folded, spaced letters joined and "at"/"dot"
    spelled out; `unleet` also folds leetspeak (for names, never for handles or numbers)."""
    t = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    t = _SPACED.sub(lambda m: m.group().replace(" ", ""), t)
    for rx, repl in ((_BRACKET_DOT, "."), (_WORD_DOT, "."), (_SPACED_DOT, ".")):
        t = rx.sub(repl, t)
    t = _WORD_AT.sub("@", _BRACKET_AT.sub("@", t))
    return t.translate(_UNLEET) if unleet else t


def digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


_PHONE = re.compile(r"\+?[\d\s().\-]{7,}")
_CONTACT = frozenset({"email", "phone", "handle", "payment_handle"})


def identifier_key(kind: str, value: str) -> tuple[str, str]:
    """A comparable key: the kind's family and the value in one notation.

    Contacts (email, phone, handle, payment handle) form one family, so a WhatsApp number
    reported as a phone, or a PayPal email reported as an email, still matches. A platform
    prefix ("telegram:@anna") and "@"/"$" are dropped; numbers keep their digits only
    ("+44 7823 123456" -> "447823123456"); countries are ISO codes, names mapped.
    """
    v = unicodedata.normalize("NFKC", value).strip().lower()
    if kind in _CONTACT:
        head, sep, rest = v.partition(":")
        if sep and head in (*PLATFORMS, "instagram", "snapchat", "kik", "viber", "line"):
            v = rest
        v = v.lstrip("@$")
        for prefix in ("t.me/", "paypal.me/", "facebook.com/", "fb.com/"):
            v = v.removeprefix("www.").removeprefix(prefix)
        if _PHONE.fullmatch(v):
            v = digits(v)
        return "contact", v
    if kind == "country":
        return "country", COUNTRY_BY_ALIAS.get(v, v).upper()
    if kind == "age":
        return "age", digits(v) or v
    return kind, v


__all__ = ["digits", "identifier_key", "reveal"]
