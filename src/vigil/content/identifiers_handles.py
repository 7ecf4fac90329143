"""Messenger, social and payment handles, driven by the `PLATFORMS` table.

A handle is found two ways:
- a cue word naming the platform ("skype", "tg", "gcash"...), optional filler ("my ... is",
  "id:", "number"), then a value of a form the platform accepts (a username, a Skype ID, a
  phone number or an email found by the contact extractors);
- a profile link (``t.me/x``, ``wa.me/63917...``, ``paypal.me/x``...).
Bare ``@name`` tokens with no cue are reported without a platform.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from vigil.content.identifiers_contact import phone_to_e164
from vigil.content.identifiers_model import Identifier


@dataclass(frozen=True, slots=True)
class Platform:
    """One platform: how chats name it, what its IDs look like, its profile links."""

    name: str
    kind: str  # "handle" | "payment_handle"
    cues: tuple[str, ...]
    # Short cues that are also ordinary words or abbreviations ("sc", "wa", "pp"): they
    # count only with explicit punctuation or filler ("sc: x", "fb id x") or a value that
    # cannot be a word (@name, $tag, phone, email).
    weak_cues: tuple[str, ...]
    forms: tuple[str, ...]  # value forms tried in order after a cue; see _FORM_PATTERNS
    links: tuple[str, ...] = ()  # profile-link regexes with a "v", "id" or "phone" group


PLATFORMS: Final[tuple[Platform, ...]] = (
    Platform("skype", "handle", ("skype", "skype id", "skype name"), (), ("email", "skype")),
    Platform(
        "facebook", "handle", ("facebook", "messenger"), ("fb",), ("username",),
        (r"(?:facebook|fb)\.com/(?:profile\.php\?id=(?P<id>\d{5,20})|(?P<v>[a-z0-9.]{5,50}))",
         r"(?:fb|m)\.me/(?P<v>[a-z0-9.]{5,50})"),
    ),
    Platform(
        "telegram", "handle", ("telegram",), ("tg", "tele"), ("phone", "username"),
        (r"(?:t|telegram)\.me/(?P<v>[a-z][a-z0-9_]{4,31})",),
    ),
    Platform(
        "whatsapp", "handle", ("whatsapp", "whats app", "watsapp", "whatsap"), ("wa",),
        ("phone",),
        (r"wa\.me/\+?(?P<phone>\d{7,15})",
         r"api\.whatsapp\.com/send/?\?phone=\+?(?P<phone>\d{7,15})"),
    ),
    Platform("viber", "handle", ("viber",), (), ("phone",)),
    Platform(
        "instagram", "handle", ("instagram", "insta"), ("ig",), ("username",),
        (r"(?:instagram\.com|instagr\.am)/(?P<v>[a-z0-9_.]{1,30})",),
    ),
    Platform(
        "snapchat", "handle", ("snapchat",), ("snap", "sc"), ("username",),
        (r"snapchat\.com/add/(?P<v>[a-z0-9_.\-]{3,15})",),
    ),
    Platform(
        "tiktok", "handle", ("tiktok", "tik tok"), (), ("username",),
        (r"tiktok\.com/@(?P<v>[a-z0-9_.]{2,24})",),
    ),
    Platform(
        "twitter", "handle", ("twitter",), (), ("username",),
        (r"(?:twitter|x)\.com/(?P<v>[a-z0-9_]{1,15})",),
    ),
    Platform("kik", "handle", ("kik",), (), ("username",)),
    Platform("discord", "handle", ("discord",), (), ("discord_tag",)),
    Platform("wechat", "handle", ("wechat", "weixin"), (), ("username",)),
    Platform("line", "handle", ("line id",), (), ("username",)),
    Platform("wickr", "handle", ("wickr", "wickr me"), (), ("username",)),
    Platform("kakaotalk", "handle", ("kakaotalk", "kakao", "kakao id", "kakaotalk id"), (),
             ("username",)),
    Platform("roblox", "handle", ("roblox",), (), ("username",)),
    Platform("threema", "handle", ("threema",), (), ("username",)),
    Platform(
        "paypal", "payment_handle", ("paypal", "pay pal"), ("pp",), ("email",),
        (r"paypal\.me/(?P<v>[a-z0-9]{1,20})", r"paypal\.com/paypalme/(?P<v>[a-z0-9]{1,20})"),
    ),
    Platform("gcash", "payment_handle", ("gcash", "g cash", "g-cash"), (), ("phone",)),
    Platform("maya", "payment_handle", ("paymaya",), ("maya",), ("phone",)),
    Platform(
        "cashapp", "payment_handle", ("cashapp", "cash app"), (), ("cashtag",),
        (r"cash\.app/\$(?P<v>[a-z][a-z0-9_]{0,19})",),
    ),
    Platform(
        "venmo", "payment_handle", ("venmo",), (), ("username",),
        (r"venmo\.com/(?:u/)?(?P<v>[a-z0-9_\-]{5,30})",),
    ),
)  # fmt: skip

_FORM_PATTERNS: Final = {
    # "(?![@\w])": a username cut short by "@" is the start of an email, not a handle.
    "username": re.compile(r"@?[a-z0-9_][a-z0-9_.\-]{0,30}[a-z0-9_](?![@\w])", re.IGNORECASE),
    "skype": re.compile(
        r"(?:live:\.?[a-z0-9_.\-]{1,40}[a-z0-9_]|[a-z][a-z0-9_.,\-]{4,30}[a-z0-9_])(?![@\w])",
        re.IGNORECASE,
    ),
    "cashtag": re.compile(r"\$?[a-z][a-z0-9_]{0,19}", re.IGNORECASE),
    # A Discord name with its legacy four-digit tag ("minho#4471"): the tag is part of it.
    "discord_tag": re.compile(
        r"@?[a-z0-9_][a-z0-9_.\-]{0,30}[a-z0-9_](?:#\d{4}(?!\d))?(?![@\w])", re.IGNORECASE
    ),
}


# Words that follow a cue in ordinary talk ("my skype is down", "ig is better"): never IDs.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: Final = _words(
    """
    a about again ako also am an and ang app are at ba back be because been but by call calls
    can chat din dito do down first for free friend friends from go group haha hehe here home
    i if in instead is it just ka kasi ko lang later like live lol me message mo msg my na
    naman ng night no not now of offline ok okay on online only or other page please pls po
    rin sa school so story sure than that the then there this to today tomorrow too tonight
    up video we what when where why with work working yes you your yung
    account acct handle id name number num user username link
    """
)

_CUE_INDEX: Final = {
    cue: (platform, weak)
    for platform in PLATFORMS
    for cues, weak in ((platform.cues, False), (platform.weak_cues, True))
    for cue in cues
}
_SEP_PUNCT: Final = r"[:=>#\-–—]+"
_GAP: Final = rf"[ \t]*(?:{_SEP_PUNCT}[ \t]*)?"
_FILLER: Final = (
    r"is|id|name|username|user|handle|acct|account|number|num|no\.?|ko|nako|ay|po"
    r"|me|at|on|via|sa|to"
)
_EXPLICIT_FILLER: Final = frozenset({"id", "name", "username", "user", "handle", "acct", "account"})
CUE_PATTERN: Final = re.compile(
    r"(?<![\w@./#$])(?P<cue>"
    + "|".join(
        r"[\s\-]+".join(map(re.escape, c.split()))
        for c in sorted(_CUE_INDEX, key=len, reverse=True)
    )
    + r")(?![\w@]|\.\w)"
    + rf"(?P<sep>{_GAP}(?:(?:{_FILLER})(?!\w){_GAP}){{0,3}})",
    re.IGNORECASE,
)
_SEP_WORD: Final = re.compile(r"[a-z]+", re.IGNORECASE)

_LINK_PREFIX: Final = r"(?<![\w@.\-/])(?:https?://)?(?:(?:www|m|web|mobile)\.)?"
LINK_PATTERNS: Final[tuple[tuple[Platform, re.Pattern[str]], ...]] = tuple(
    (platform, re.compile(_LINK_PREFIX + link, re.IGNORECASE))
    for platform in PLATFORMS
    for link in platform.links
)
# Paths on platform sites that are pages, not people.
RESERVED_PATHS: Final = _words(
    "p reel reels explore stories groups pages watch share events home login signup about "
    "help privacy settings hashtag search i intent add joinchat s u"
)

BARE_HANDLE_PATTERN: Final = re.compile(
    r"(?<![\w@.$/])@(?P<v>[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)(?![\w@])", re.IGNORECASE
)
# "live:" IDs exist only on Skype, so one needs no cue word (the link reading inside it,
# "andy.k.uk", is outranked by this handle).
SKYPE_LIVE_PATTERN: Final = re.compile(
    r"(?<![\w@.$/:])live:(?P<v>\.?[a-z0-9_.\-]{0,40}[a-z0-9_])(?![\w@])", re.IGNORECASE
)
_TIME_LIKE: Final = re.compile(r"\d{1,2}(?::\d\d)?(?:am|pm)?|\d+", re.IGNORECASE)


def _canonical(platform: Platform, form: str, raw: str) -> str:
    if form == "cashtag":
        return f"{platform.name}:${raw.lstrip('$').lower()}"
    if form in ("username", "discord_tag"):
        return f"{platform.name}:@{raw.lstrip('@').lower()}"
    return f"{platform.name}:{raw.lower()}"  # skype IDs, E.164 phones, emails


def _plausible_word(raw: str) -> bool:
    """A cue's username-like value that could be an ordinary word or number is refused."""
    if raw.startswith(("@", "$")):
        return True
    bare = raw.lower()
    return bare not in STOPWORDS and not _TIME_LIKE.fullmatch(bare)


def _shaped(raw: str) -> bool:
    """A value no ordinary word or time looks like: a letter first, then digits, "_" or
    "." inside ("snap me liam_dub34"; not "10.30pm"), five characters or more."""
    return (
        len(raw) >= 5 and raw[0].isalpha() and any(c.isdigit() or c in "_." for c in raw.strip("."))
    )


def _explicit(sep: str) -> bool:
    if any(ch in sep for ch in ":=#>"):
        return True
    return any(w.lower() in _EXPLICIT_FILLER for w in _SEP_WORD.findall(sep))


def _after_cue(
    text: str,
    m: re.Match[str],
    phones: Mapping[int, Identifier],
    emails: Mapping[int, Identifier],
) -> Identifier | None:
    platform, weak = _CUE_INDEX[" ".join(re.split(r"[\s\-]+", m.group("cue").lower()))]
    pos = m.end()
    why = f"{platform.name} {platform.kind.replace('_', ' ')} after cue word {m.group('cue')!r}"
    for form in platform.forms:
        if form == "phone" and pos in phones:
            hit = phones[pos]
            return Identifier(
                platform.kind, f"{platform.name}:{hit.value}", hit.start, hit.end,
                f"{why}; phone valid for {hit.country}", platform.name, hit.country,
            )  # fmt: skip
        if form == "email" and pos in emails:
            hit = emails[pos]
            return Identifier(
                platform.kind, f"{platform.name}:{hit.value}", hit.start, hit.end, why,
                platform.name,
            )  # fmt: skip
        pattern = _FORM_PATTERNS.get(form)
        found = pattern.match(text, pos) if pattern else None
        if found is None:
            continue
        raw = found.group()
        if not _plausible_word(raw):
            continue
        sep = m.group("sep")
        bare = not raw.startswith(("@", "$")) and not _explicit(sep)
        # "snap me liam_dub34": a short cue used as a verb to her, then a shaped name.
        told = _shaped(raw) and "me" in (w.lower() for w in _SEP_WORD.findall(sep))
        if weak and bare and not told:
            continue
        value = _canonical(platform, form, raw)
        return Identifier(platform.kind, value, found.start(), found.end(), why, platform.name)
    return None


def find_cued_handles(
    text: str, phones: list[Identifier], emails: list[Identifier]
) -> list[Identifier]:
    """Handles introduced by a platform cue word: "skype: live:x", "gcash 0917..."."""
    phone_at = {p.start: p for p in phones}
    email_at = {e.start: e for e in emails}
    found = []
    for m in CUE_PATTERN.finditer(text):
        hit = _after_cue(text, m, phone_at, email_at)
        if hit is not None:
            found.append(hit)
    return found


def find_linked_handles(text: str) -> list[Identifier]:
    """Handles given as profile links: "t.me/x", "wa.me/63917...", "paypal.me/x"."""
    if "/" not in text:
        return []
    found: list[Identifier] = []
    for platform, pattern in LINK_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            end = m.end()
            why = f"{platform.name} {platform.kind.replace('_', ' ')} from a profile link"
            country = None
            if groups.get("phone"):
                parsed = phone_to_e164("+" + groups["phone"], None)
                if parsed is None:
                    continue
                value, country = f"{platform.name}:{parsed[0]}", parsed[1]
            elif groups.get("id"):
                value = f"{platform.name}:id:{groups['id']}"
            else:
                name = groups["v"].rstrip(".")
                end = m.start("v") + len(name)
                if not name or name.lower() in RESERVED_PATHS:
                    continue
                prefix = "$" if platform.name == "cashapp" else "@"
                value = f"{platform.name}:{prefix}{name.lower()}"
            found.append(
                Identifier(platform.kind, value, m.start(), end, why, platform.name, country)
            )
    return found


def find_bare_handles(text: str) -> list[Identifier]:
    """Bare "@name" tokens with no platform cue (the lookbehind excludes emails), and Skype
    "live:" IDs, which need none."""
    found: list[Identifier] = []
    for m in BARE_HANDLE_PATTERN.finditer(text):
        name = m.group("v")
        if not _plausible_word(name):
            continue
        why = "@handle, platform unknown"
        found.append(Identifier("handle", "@" + name.lower(), m.start(), m.end(), why))
    for m in SKYPE_LIVE_PATTERN.finditer(text):
        if not any(c.isdigit() or c in "._" for c in m.group("v")):
            continue  # "go live:tonight" is a typo, not an ID
        value = f"skype:live:{m.group('v').lower()}"
        why = "skype handle: a 'live:' ID, which only Skype uses"
        found.append(Identifier("handle", value, m.start(), m.end(), why, "skype"))
    return found
