"""Line-level rules of the identifier reader (``identifiers.py``): where a handle may
stand beside its platform, which readings are her place or cut short, addresses and
paypal.me names read on their own, and handles the extractor took for addresses.
"""

from __future__ import annotations

import re
from dataclasses import replace

from vigil.content import Identifier, extract_identifiers
from vigil.decoy.handles import HANDLE_KINDS
from vigil.decoy.readings import LEET_LETTERS, Form

# A handle of letters only could be any word: it counts only right next to the platform,
# before it ("X is my skype", "X on skype") or after it with a separator ("skype: X").
_FRAME_BEFORE = re.compile(r"^\s*(?:is\s+)?(?:my|on|sa|in)\s*$|^\s*is\s*$", re.I)
_FRAME_AFTER = re.compile(r"^\s*(?:(?:is|ay|ko|id|name|me|on|at|add)\s*|[,:=\-]\s*){0,3}$", re.I)
# Right after the platform with nothing between ("paypal mrsmith"), a longer name only.
_BARE_AFTER_MIN = 8
# A paypal.me name in full: the extractor reads at most PayPal's 20 characters and no "_",
# "." or "-" (PayPal gives out none, but a partner may write one), and a name cut short would
# be a wrong lead: "paypal.me/sam_pays" is not "paypal.me/sam".
_PAYPAL_ME = re.compile(
    r"paypal\s*\.\s*me\s*/\s*(?P<v>[a-z0-9]{21,64}|[a-z0-9]+(?:[_.\-][a-z0-9]+)+)(?![\w\-])",
    re.I,
)
PAYPAL_NAME = re.compile(r"[a-z0-9]{21,64}|[a-z0-9]+(?:[_.\-][a-z0-9]+)+", re.I)
_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# "follow me @tea.time.club": a word, a space and an "@name" with a dot in it is a handle
# after a verb or pronoun, not an address "me@tea.time.club".
_VERB_AT = re.compile(
    r"(?:me|us|him|her|them|add|follow|pm|dm|msg|hmu|on|at|to|sa|is|ig|it|its)\s+@", re.I
)


def unmask_handles(found: dict[tuple[str, str], Identifier], text: str) -> None:
    """ "follow me @tea.time.club" reads as the address "me@tea.time.club": an "@name" after a
    word and a space is a handle; the address gives way to it."""
    for key, hit in list(found.items()):
        at = text.find("@", hit.start, hit.end)
        if hit.kind != "email" or at < 0 or not _VERB_AT.fullmatch(text[hit.start : at + 1]):
            continue
        del found[key]
        for bare in extract_identifiers(text[at : hit.end]):
            if bare.kind == "handle":
                moved = replace(bare, start=at + bare.start, end=at + bare.end)
                found.setdefault((moved.kind, moved.value), moved)


_CLAUSE = re.compile(r"[^.,!;?]+[.,!;?]?")
# "You" in the languages partners write: English, Tagalog and Cebuano, then Indonesian,
# French, Spanish and German ("kamu dari Bogor?", "tu es de Nantes?").
_SECOND_PERSON = re.compile(
    r"\b(?:you|u|ya|ur|your|ka|ikaw|imo|imong|mo"
    r"|kamu|kau|engkau|anda|lu|tu|t['’]es|vous|usted|tú|du|bist)\b",
    re.I,
)


def clause_of(hit: Identifier, text: str) -> re.Match[str] | None:
    """The clause of ``text`` (up to a comma, stop or question mark) that holds ``hit``."""
    return next((m for m in _CLAUSE.finditer(text) if m.start() <= hit.start < m.end()), None)


def asked_of_her(hit: Identifier, text: str) -> bool:
    """A place in a question put to her ("you from cebu?", "are you filipina?") is hers,
    not the partner's; "im from manila, you?" keeps Manila (another clause)."""
    if hit.kind not in ("city", "country") or "?" not in text:
        return False
    clause = clause_of(hit, text)
    return (
        clause is not None
        and "?" in clause.group()
        and _SECOND_PERSON.search(clause.group()) is not None
    )


def inside(hit: Identifier, other: Identifier) -> bool:
    """``hit`` lies inside ``other``, a longer reading of the same kind, or is the domain of
    an address ``other`` (a url read inside an email is no link)."""
    if hit is other or not (other.start <= hit.start and hit.end <= other.end):
        return False
    if hit.kind == "url" and other.kind in ("email", "payment_handle", "handle"):
        return True
    if hit.kind == "handle" and hit.value.startswith("@") and other.kind in HANDLE_KINDS:
        return True  # a bare "@name" that a platform named on the line claims
    return hit.kind == other.kind and (other.start, other.end) != (hit.start, hit.end)


def unplaced(hit: Identifier, text: str) -> bool:
    """A bare "@name" handle, or a link read inside a "live:" ID: a reading that the
    platform named elsewhere on the line may still complete."""
    if hit.kind == "handle" and hit.value.startswith("@"):
        return True
    return hit.kind == "url" and text[: hit.start].lower().endswith("live:")


def held(form: Form, start: int, end: int, known: list[Identifier]) -> bool:
    """Whether the token at ``form.text[start:end]`` overlaps, in the line as sent, an
    identifier already found, other than a shorter handle it holds ("ana" in "ana dot
    cruz"), which the whole token replaces."""
    first, last = form.span(start, end)
    for hit in known:
        if hit.start < last and first < hit.end:
            shorter = hit.kind in HANDLE_KINDS and hit.end - hit.start < last - first
            if not (shorter and first <= hit.start and hit.end <= last):
                return True
    return False


def nearest(
    cues: list[tuple[int, int, str]], start: int, end: int, text: str, *, framed: bool
) -> str | None:
    """The platform named nearest a token; with ``framed``, only one in a handle frame."""
    best: tuple[int, str] | None = None
    for c_start, c_end, name in cues:
        after = c_end <= start
        between = (text[c_end:start] if after else text[end:c_start]).translate(LEET_LETTERS)
        if framed and not (_FRAME_AFTER if after else _FRAME_BEFORE).match(between):
            continue
        if framed and after and not between.strip() and end - start < _BARE_AFTER_MIN:
            continue
        distance = len(between)
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else None


def addresses(form: Form) -> list[Identifier]:
    """Each word with an "@" read on its own: a lead-in such as "mail me at" can keep the
    extractor from reading the address after it."""
    out = []
    for m in _ADDRESS.finditer(form.text):
        for hit in extract_identifiers(m.group()):
            if hit.kind in ("email", "payment_handle"):
                out.append(replace(hit, start=m.start() + hit.start, end=m.start() + hit.end))
    return out


def paypal(name: str, start: int, end: int, why: str) -> Identifier:
    """A PayPal name longer than the extractor reads, in the extractor's value form."""
    return Identifier("payment_handle", f"paypal:@{name.lower()}", start, end, why)


def paypal_names(form: Form) -> list[Identifier]:
    """paypal.me links with a name longer than the extractor reads."""
    return [
        paypal(m.group("v"), m.start(), m.end(), "paypal.me link, name read in full")
        for m in _PAYPAL_ME.finditer(form.text)
    ]
