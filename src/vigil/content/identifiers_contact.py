"""Emails (plain and obfuscated), phone numbers and URLs."""

from __future__ import annotations

import re
from typing import Final

import phonenumbers

from vigil.content.identifiers_model import Identifier

# TLDs trusted for bare domains and for emails spelled with a plain word "at", where a
# looser rule would turn "look at this.it" into an address.
COMMON_TLDS: Final = (
    "com", "net", "org", "edu", "gov", "info", "biz", "io", "me", "co", "ph", "uk", "au",
    "ca", "de", "nl", "us", "ru", "jp", "sg", "nz", "xyz", "app", "dev", "ly", "gg", "tv",
    "cc", "fm", "online", "site", "club", "link", "page", "top", "live", "store", "shop",
)  # fmt: skip
_COMMON_TLD_SET: Final = frozenset(COMMON_TLDS)

# Obfuscated "@": "@", "[at]", "(at)", "{at}", "<at>", or the bare word "at".
_AT_MARKED: Final = r"\s*@\s*|\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*"
_AT_SPELLED: Final = r"\s+at\s+"
# Obfuscated ".": ".", "[dot]", "(dot)", "{.}", or the bare word "dot".
_DOT: Final = r"(?:\.|\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+)"
_LOCAL_WORD: Final = r"[a-z0-9_%+\-]{1,64}"
_DOMAIN_WORD: Final = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"

EMAIL_PATTERN: Final = re.compile(
    rf"(?<![\w.%+\-])(?P<local>{_LOCAL_WORD}(?:{_DOT}{_LOCAL_WORD}){{0,8}})"
    rf"(?P<at>{_AT_MARKED}|{_AT_SPELLED})"
    rf"(?P<domain>{_DOMAIN_WORD}(?:{_DOT}{_DOMAIN_WORD}){{0,5}}){_DOT}(?P<tld>[a-z]{{2,24}})"
    r"(?![\w\-]|\.[a-z0-9])",
    re.IGNORECASE,
)
_DOT_SPLIT: Final = re.compile(_DOT, re.IGNORECASE)
_SPELLED_DOT: Final = re.compile(r"\bdot\b|[\[({<]\s*\.\s*[\])}>]", re.IGNORECASE)
# Webmail providers: "john at gmail.com" is an address even with a real dot.
EMAIL_PROVIDERS: Final = frozenset(
    {
        "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "icloud",
        "me", "aol", "proton", "protonmail", "pm", "gmx", "yandex", "mail", "zoho", "tutanota",
    }
)  # fmt: skip

URL_PATTERN: Final = re.compile(
    r"(?<![\w@.\-/])(?:"
    r"(?:https?://|www\.)[^\s<>\"'`]+"
    r"|(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,5}"
    r"(?:" + "|".join(sorted(COMMON_TLDS, key=len, reverse=True)) + r")"
    r"(?![\w\-]|\.\w)(?::\d{2,5})?(?:[/?#][^\s<>\"'`]*)?"
    r")",
    re.IGNORECASE,
)
_URL_TRAILING: Final = ".,;:!?)]}'\"*"

_DIGIT: Final = re.compile(r"\d")
_MIN_PHONE_DIGITS: Final = 7


def _spelled_at_is_email(m: re.Match[str]) -> bool:
    """A plain word "at" makes an email only with more evidence: "shop at example.store"
    and "look at this.it" are sentences, "john at gmail.com" and "x at y dot com" are not.
    """
    if m.group("tld").lower() not in _COMMON_TLD_SET:
        return False
    domain = m.group("domain")
    first_label = _DOT_SPLIT.split(domain)[0].lower()
    return first_label in EMAIL_PROVIDERS or _SPELLED_DOT.search(m.group()) is not None


def find_emails(text: str) -> list[Identifier]:
    """Email addresses, including "john dot smith at gmail dot com" and "[at]"/"(dot)"."""
    found: list[Identifier] = []
    pos = 0
    while (m := EMAIL_PATTERN.search(text, pos)) is not None:
        pos = m.end()
        tld = m.group("tld").lower()
        if m.group("at").strip().lower() == "at" and not _spelled_at_is_email(m):
            # A sentence, not an address ("mail me at john.doe@gmail.com" first reads as
            # "me at john.doe"): look again after its "at", where a real address may start.
            pos = m.end("at")
            continue
        local = ".".join(_DOT_SPLIT.split(m.group("local")))
        domain = ".".join(_DOT_SPLIT.split(m.group("domain")))
        value = f"{local}@{domain}.{tld}".lower()
        # Anything beyond case that differs from the address itself is disguise.
        obfuscated = m.group().lower() != value
        why = "email address written in obfuscated form" if obfuscated else "email address"
        found.append(Identifier("email", value, m.start(), m.end(), why))
    return found


def find_phones(text: str, region: str) -> list[Identifier]:
    """Phone numbers that libphonenumber holds valid, normalised to E.164.

    `region` is the ISO region assumed for numbers written without a country code.
    libphonenumber's matcher already copes with spaced and dotted digits
    ("0 9 1 7 1 2 3 ...", "0917.123.4567").
    """
    if len(_DIGIT.findall(text)) < _MIN_PHONE_DIGITS:
        return []  # cheap exit: most chat lines hold no phone number
    found: list[Identifier] = []
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    for match in matcher:
        number = match.number
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        country = phonenumbers.region_code_for_number(number)
        why = f"phone number valid for {country} (libphonenumber, default region {region})"
        found.append(Identifier("phone", e164, match.start, match.end, why, country=country))
    return found


def phone_to_e164(raw: str, region: str | None) -> tuple[str, str] | None:
    """(E.164, region) for a valid number written in `raw`, else None."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, phonenumbers.region_code_for_number(number) or "ZZ"


def normalise_url(url: str) -> str:
    """Add a scheme when missing and lower-case the scheme and host; keep the path."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "http", url
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return f"{scheme.lower()}://{rest[:cut].lower()}{rest[cut:]}"


def find_urls(text: str) -> list[Identifier]:
    """http(s) and www URLs, and bare domains under common TLDs."""
    found: list[Identifier] = []
    for m in URL_PATTERN.finditer(text):
        raw = m.group().rstrip(_URL_TRAILING)
        # Keep a closing bracket that closes one opened inside the URL (wiki-style paths).
        if m.group()[len(raw) : len(raw) + 1] == ")" and raw.count("(") > raw.count(")"):
            raw += ")"
        if len(raw) < 4 or raw.lower() in ("www.", "http://", "https://"):
            continue
        why = "URL" if "://" in raw or raw.lower().startswith("www.") else "bare domain name"
        found.append(Identifier("url", normalise_url(raw), m.start(), m.start() + len(raw), why))
    return found
