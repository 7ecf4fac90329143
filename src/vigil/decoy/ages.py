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
    # "31 yrs old" with the unit misspelt ("yeras", "yeears"), "a 39-year-old man", "66 years
    # young", and a bare "48 here".
    r"|(?<![\w+.,:/])(?P<y>[1-9]\d)[\s-]*y[a-z]{0,5}[\s-]+(?:old|young)\b"
    r"|^\W*(?P<h>[1-9]\d)\s+here\W*$"
    # An introduction that ends in a number: "hi im Mike, 38", "im from Canada, 55",
    # "I am Erik, 44 from Sweden", "I live in Taipei, 36 years", "my name Jae, 41, in
    # Daegu", "im lea, 11 too".
    # Also "im jay, toronto, 39 😎" (a second field first) and "am Gordon by the way, 56".
    r"|(?:\b(?:ich\s+bin|i\s*['’]?\s*a?m|i\s+live\s+in|living\s+in|my\s+name(?:\s+is)?|this\s+is)|^\W*am)\s+"
    r"(?:from\s+)?[a-z][a-z .'\-]{1,30}?\s*,\s*(?:[a-z][a-z .'\-]{1,30}?\s*,\s*)?(?P<i>[1-9]\d)"
    r"(?:\s*(?:years?|yrs?|y/?o|jaar|jahre|ans|anos|años|anni|år))?"
    r"(?:\s+(?:too|also|din|rin|lang|only))?\s*(?:[,.!]|$|(?:from|in)\b|[^\w\s])"
    # A name (or "name here") leading the line, then the age as a field of its own: "nate,
    # 43, phoenix", "bazza here, 61, from Perth".
    # An adult's age only, and not after a day or a month ("Sunday, 12").
    r"|^\W*(?P<cn>[a-z]+)(?:\s+[a-z]+)?(?:\s+here)?\s*,\s*(?P<c>[2-9]\d|1[89])\s*(?:[,.!]|$)"
    # "im Minho 33 from Busan": a name and the age with no comma, before where he lives.
    r"|\b(?:i\s*['’]?\s*a?m|ich\s+bin)\s+[a-z]+\s+(?P<nc>[2-9]\d|1[89])\s+(?:from|in|aus)\b"
    # "Poland. 50 years", "58 ans": a number of years leading a clause or after a name.
    # (after a comma only in other languages' words: "warranty is 2, 20 years" is none).
    r"|(?:(?:^|[.;]\s*)(?P<yr>[2-9]\d|1[89])\s+(?:years|yrs|ans|jahre|años|anos|anni|jaar|år)"
    r"|,\s*(?P<yc>[2-9]\d|1[89])\s+(?:ans|jahre|años|anos|anni|jaar|år))"
    r"(?!\s+(?:ago|later|before|after|back|of|from|since|in|with|for|old|young)\b)(?![\w-])"
    # Sex and age leading the line, as in age/sex/location shorthand: "m 45 nl here"; or
    # written as one token anywhere: "im Rolf, m52 from Leeds".
    r"|^\W*(?:asl\W{0,3})?[mf]\W{0,2}(?P<s>[1-9]\d)(?![\d.,:/])"
    r"|(?<![\w+.,:/@#$-])[mf](?P<t>[1-9]\d)(?![\w.,:/@-])"
    # An age leading the line before what he does or where he lives: "47, working in Kuwait".
    r"|^\W*(?P<w>[1-9]\d)\s*,\s*(?:working|living|based|staying|from|single|married|divorced"
    r"|widowed|retired|male|female|guy|here|in)\b"
    # Tagalog and Cebuano "I am NN": "13 lang ako", "9 na po ako", "ako 11".
    r"|(?<![\w+.,:/])(?P<l>[1-9]\d?)\s+(?:lang\s+|na\s+)?(?:po\s+)?ako\b"
    r"|\bako\s+(?:ay\s+)?(?P<a>[1-9]\d?)\s*(?:[.!?,]|$)",
    re.I,
)
# A signature line: a name and an age and nothing else ("Coach Nel, 31"); the name in
# capitals, and no day, month or counted thing.
_SIGNED = re.compile(r"^\W*(?P<name>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s*,\s*(?P<n>[1-9]\d)\W*$")
_NOT_A_NAME = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "grade", "room", "page", "section", "level", "chapter", "part",
    "number", "no", "day", "week", "year", "age", "size", "class", "batch", "team", "table",
    "gate", "happy", "birthday", "merry", "christmas", "congrats", "congratulations", "hello",
    "hi", "welcome", "good", "thanks", "thank",
})  # fmt: skip
# "I turned 15 last week", "ill turn 9": read only where the line gives no other age.
_TURNED = re.compile(
    r"\bi\s*['’]?\s*(?:just\s+|will\s+|ll\s+|am\s+|m\s+)?(?:be\s+)?turn(?:ed|ing)?\s+"
    r"(?P<n>[1-9]\d?)(?![\d.,:/])(?!\s*(?:mins?|minutes?|hrs?|hours?|days?|weeks?|months?))",
    re.I,
)
# A person other than the partner named before an age in its clause: "my son is 12", "she
# is 14 years old". The age is not his, unless he speaks of himself in between.
_THIRD_PERSON = re.compile(
    r"\b(?:my|his|her|our|their|ang|akong|ang\s+akong)\s+(?:\w+\s+)?(?:son|daughter|kids?|child|"
    r"children|boy|girl|baby|babies|niece|nephew|grand\w*|brother|sister|bro|sis|cousin|wife|"
    r"husband|friend|mom|mother|dad|father|mama|papa|anak|apo|pamangkin|students?)s?\b"
    r"|\b(?:he|she|they)\s*(?:is|['’]s|are|['’]re|r|was|were|turned|will|lives?|works?)\b"
    r"|\b(?:children|kids|students|pupils|minors|applicants|participants|mga\s+bata)\b",
    re.I,
)
_ADULT = 18
_FIRST_PERSON = re.compile(r"\b(?:i\s*['’]?\s*a?m|i\s+was|ako)\b", re.I)
# "10 year old girls", "a 9 year old": an age that describes someone; "I am a 39-year-old
# gentleman" describes him.
_DESCRIBED = re.compile(
    r"[\s-]*(?:years?|yrs?)?[\s-]*old[\s-]+(?:girl|boy|kid|child|children|son|daughter|niece"
    r"|nephew|student|pupil|baby|babies|grandchild|granddaughter|grandson|brother|sister|cousin"
    r"|one)s?\b",
    re.I,
)
_ARTICLE = re.compile(r"\b(?:a|an|my|his|her|our|their|the|for)\s*$", re.I)
_SELF_DESCRIBED = re.compile(r"\bi\s*['’]?\s*a?m\s+(?:an?\s+)?$", re.I)
_LIMIT = re.compile(
    r"[\s-]*(?:(?:years?|yrs?)[\s-]*)?(?:old\s*)?(?:and|or)\s+(?:above|up|older|over|below|under)"
    r"|[\s-]*(?:years?|yrs?)?[\s-]*(?:old\s+)?(?:pataas|pababa)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;!?\n]")

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}  # fmt: skip
# "I am fifty five", "im forty-two years old": an adult's age in words after "I am" or
# "age"; not "I am twenty minutes away".
_AGE_WORDS = re.compile(
    rf"\b(?:i\s*['’]?\s*a?m|age|aged)\s+(?P<t>{'|'.join(_TENS)})(?:[\s-]?(?P<u>{'|'.join(_UNITS)}))?"
    r"\b(?!\s*(?:mins?|minutes?|hrs?|hours?|secs?|seconds?|days?|weeks?|months?|km|miles?"
    r"|pesos?|dollars?|bucks|euros?|pounds?|percent|times)\b)"
    # Or in words before "years old", or before "years" leading a clause: "im from Bergen,
    # fifty-three years"; not "forty years ago", "I waited twenty years for this".
    rf"|(?:^|[,;:(]\s*|\b)(?P<t2>{'|'.join(_TENS)})(?:[\s-]?(?P<u2>{'|'.join(_UNITS)}))?[\s-]+"
    r"(?:years?|yrs?)[\s-]+(?:old|young)\b"
    rf"|(?:^|[,;:(])\s*(?P<t3>{'|'.join(_TENS)})(?:[\s-]?(?P<u3>{'|'.join(_UNITS)}))?[\s-]+"
    r"(?:years?|yrs?|y/?o)\b(?!\s*(?:ago|later|before|after|back|of|from|since|in|with|for)\b)",
    re.I,
)


def ages(form: Form) -> list[Identifier]:
    """Ages in age/sex shorthand: "51 male", "32 m", "asl 45"; in words: "fifty five"."""
    out = []
    for m in _AGE_WORDS.finditer(form.text):
        tens = m.group("t") or m.group("t2") or m.group("t3")
        units = m.group("u") or m.group("u2") or m.group("u3") or ""
        years = _TENS[tens.lower()] + _UNITS.get(units.lower(), 0)
        out.append(Identifier("age", str(years), m.start(), m.end(), "age in words"))
    for m in _AGE_SHORTHAND.finditer(form.text):
        if m.group("cn") is not None and m.group("cn").lower() in _NOT_A_NAME:
            continue
        n = m.group("c") or next(v for v in m.groups() if v is not None)
        out.append(Identifier("age", str(int(n)), m.start(), m.end(), "age/sex shorthand"))
    signed = _SIGNED.match(form.text)
    if signed and not any(w.lower() in _NOT_A_NAME for w in signed.group("name").split()):
        start, end = signed.start("n"), signed.end("n")
        out.append(Identifier("age", signed.group("n"), start, end, "name and age"))
    return out


def turned(form: Form) -> list[Identifier]:
    """The age he turned or turns ("I turned 15 last week"), for a line with no other age."""
    return [
        Identifier("age", str(int(m.group("n"))), m.start(), m.end(), "age he turned")
        for m in _TURNED.finditer(form.text)
    ]


def someone_elses(hit: Identifier, text: str) -> bool:
    """An age, or a place, in a clause that names another person before it ("my son is 12",
    "he lives in Toronto", "children 0 to 12 years old"), or an age that describes
    someone ("a 10 year old", "10 year old girls") or sets a limit ("18 years old and
    above"): not the partner's. A child's age stays whoever it belongs to: the engine takes
    a child's age on a line for a child talking rather than a partner naming a child, and
    dropping it would make a parent speaking of a child read as one asking hers."""
    if hit.kind not in ("age", "city", "country"):
        return False
    if hit.kind == "age" and hit.value.isdigit() and int(hit.value) < _ADULT:
        return False
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, hit.start)), default=0)
    before = text[start : hit.start]
    others = list(_THIRD_PERSON.finditer(before))
    own = before + text[hit.start : hit.end]  # "and im 65": he speaks of himself again
    if others and not _FIRST_PERSON.search(own, others[-1].end()):
        return True
    if hit.kind != "age":
        return False
    after = text[hit.end :]
    if text[hit.start : hit.end].rstrip().lower().endswith("old"):
        after = "old" + after  # the reading holds "years old": what follows it describes
    if _LIMIT.match(after) or (_DESCRIBED.match(after) and not _SELF_DESCRIBED.search(before)):
        return True
    return _ARTICLE.search(before) is not None and not _SELF_DESCRIBED.search(before)


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
