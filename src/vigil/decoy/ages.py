"""Ages and a/s/l shorthand as partners write them: "51 male", "asl 45", "m 45 nl here",
"hi im Mike, 38", "I am fifty five". The content extractor reads the usual statements; the
decoy's reader adds these on the plain (un-leeted) form of a line."""

from __future__ import annotations

import re

import phonenumbers

from vigil.content import Identifier
from vigil.decoy.readings import Form

REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)

_AGE_SHORTHAND = re.compile(
    r"(?<![\w+.,:/])(?:asl\W{0,3})?(?P<n>[1-9]\d)\s*/?\s*"
    r"(?:m|f|male|female|guy|man|woman|lady)(?![a-z])"
    r"|(?<![a-z])asl\W{0,3}(?P<m>[1-9]\d)(?!\d)"
    # "31 yrs old" with the unit misspelt ("yeras", "yeears"), and a bare "48 here".
    r"|(?<![\w+.,:/])(?P<y>[1-9]\d)\s*y[a-z]{0,5}\s+old\b"
    r"|^\W*(?P<h>[1-9]\d)\s+here\W*$"
    # An introduction that ends in a number: "hi im Mike, 38", "im from Canada, 55",
    # "I am Erik, 44 from Sweden", "I live in Taipei, 36 years".
    r"|\b(?:i\s*['’]?\s*a?m|i\s+live\s+in|living\s+in)\s+(?:from\s+)?[a-z][a-z .'\-]{1,30}?"
    r"\s*,\s*(?P<i>[1-9]\d)"
    r"(?:\s*(?:years?|yrs?|y/?o|jaar|jahre|ans|anos|años|anni|år))?\s*(?:[,.!]|$|from\b)"
    # Sex and age leading the line, as in age/sex/location shorthand: "m 45 nl here".
    r"|^\W*(?:asl\W{0,3})?[mf]\W{0,2}(?P<s>[1-9]\d)(?![\d.,:/])"
    # Tagalog "I am only NN": "13 lang ako".
    r"|(?<![\w+.,:/])(?P<l>[1-9]\d?)\s+lang\s+ako\b",
    re.I,
)

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}  # fmt: skip
# "I am fifty five", "im forty-two years old": an adult's age in words after "I am" or
# "age"; not "I am twenty minutes away".
_AGE_WORDS = re.compile(
    rf"\b(?:i\s*['’]?\s*a?m|age|aged)\s+(?P<t>{'|'.join(_TENS)})(?:[\s-]?(?P<u>{'|'.join(_UNITS)}))?"
    r"\b(?!\s*(?:mins?|minutes?|hrs?|hours?|secs?|seconds?|days?|weeks?|months?|km|miles?"
    r"|pesos?|dollars?|bucks|euros?|pounds?|percent|times)\b)",
    re.I,
)


def ages(form: Form) -> list[Identifier]:
    """Ages in age/sex shorthand: "51 male", "32 m", "asl 45"; in words: "fifty five"."""
    out = []
    for m in _AGE_WORDS.finditer(form.text):
        years = _TENS[m.group("t").lower()] + _UNITS.get((m.group("u") or "").lower(), 0)
        out.append(Identifier("age", str(years), m.start(), m.end(), "age in words"))
    for m in _AGE_SHORTHAND.finditer(form.text):
        n = m.group("n") or m.group("m") or m.group("y") or m.group("h") or m.group("i")
        n = n or m.group("s") or m.group("l")
        out.append(Identifier("age", str(int(n)), m.start(), m.end(), "age/sex shorthand"))
    return out


_ASL_COUNTRY = re.compile(
    r"^\W*(?:asl\W{0,3})?(?:[mf]\W{0,2}[1-9]\d|[1-9]\d\W{0,2}[mf])\W{1,3}(?P<cc>[a-z]{2})(?![a-z])",
    re.I,
)
# Two-letter words a shorthand line may hold after the age that are no country code here.
_NOT_A_CODE = frozenset({"am", "as", "at", "be", "by", "do", "go", "hi", "in", "is", "it", "me",
                         "my", "no", "ok", "on", "so", "to", "up", "us", "we"})  # fmt: skip


def asl_country(form: Form) -> list[Identifier]:
    """The ISO code after age and sex in shorthand ("m 45 nl here", "32f de")."""
    m = _ASL_COUNTRY.match(form.text)
    if m is None:
        return []
    code = m.group("cc").upper()
    code = "GB" if code == "UK" else code
    if m.group("cc").lower() in _NOT_A_CODE or code not in REGIONS:
        return []
    return [Identifier("country", code, m.start("cc"), m.end("cc"), "country code in a/s/l")]
