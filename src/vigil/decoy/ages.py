"""Ages and a/s/l shorthand as partners write them: "51 male", "asl 45", "m 45 nl here",
"hi im Mike, 38", "I am fifty five", and in the other languages partners write: "ako si
Tito Ben, 45", "10 pud ko", "tengo 46", "j'ai 49 ans", "umurku 11 tahun". The content
extractor reads the usual statements; the decoy's reader adds these on the plain
(un-leeted) form of a line. None put as a question ("taga asa ka, 10?"), none after a
grade or a game rank ("grade 6 din ako")."""

from __future__ import annotations

import re

import phonenumbers

from vigil.content import Identifier
from vigil.decoy.readings import Form

REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)

# Words that lead an introduction before a name and the age ("I'm Ken, 44").
_INTRO_LEADS = (
    r"ich\s+bin|i\s*['’]?\s*a?m|i\s+live\s+in|living\s+in|my\s+name(?:\s+is)?|this\s+is"
    r"|myself|ako(?:\s+(?:pala|po|diay|nga|man))*\s+si|taga|aku|saya|(?:yo\s+)?soy|me\s+llamo"
    r"|je\s+suis|je\s+m['’]\s*appelle|moi\s+c['’]\s*est|ich\s+hei(?:ss|ß)e|mi\s+chiamo"
)
# Units of years after an age, in the languages partners write.
_UNIT = r"years?|yrs?|y/?o|jaar|jahre|ans|anos|años|anni|år|tahun|thn"
# Tagalog and Cebuano particles between an age and "ako"/"ko": "lang", "na", "din" (too)...
_PARTICLES = r"lang|na|pa|po|din|rin|pud|sab|usab"
_KO_PARTICLES = r"na|pa|din|rin|pud|sab|usab"  # "10 pud ko"; not "50 lang ko"
# Words that go on after an age the partner gives ("ako 9 pero ...", "ako 10 hehe").
_GOES_ON = r"pero|but|and|at|ug|kay|mais|et|tapos|hehe|haha|lol"
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
    # In other languages too: "ako si Tito Nonoy, 45", "myself Ravi, 39 years", "aku Budi, 35
    # tahun", "soy Pablo, 46", "taga Liloan ko, 45", "ich bin Mia, 10 Jahre alt".
    rf"|(?:\b(?:{_INTRO_LEADS})|^\W*am)\s+"
    r"(?:from\s+)?[a-z][a-z .'\-]{1,30}?\s*,\s*(?:[a-z][a-z .'\-]{1,30}?\s*,\s*)?(?P<i>[1-9]\d)"
    rf"(?:\s*(?:{_UNIT})(?:\s+(?:old|alt))?)?"
    r"(?:\s+(?:too|also|din|rin|lang|only|na|pa|po))?\s*(?:[,.!]|$|(?:from|in)\b|[^\w\s])"
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
    # Tagalog and Cebuano "I am NN": "13 lang ako", "9 na po ako", "11 pud ko" (I'm 11 too),
    # "ako 11", "ako 8 din hehe"; French "moi 52".
    rf"|(?<![\w+.,:/])(?P<l>[1-9]\d?)\s+(?:(?:{_PARTICLES})\s+)*ako\b"
    rf"|(?<![\w+.,:/])(?P<k>[1-9]\d?)\s+(?:(?:{_PARTICLES})\s+)*(?:{_KO_PARTICLES})\s+ko\b"
    r"|\b(?:ako|moi)\s+(?:ay\s+)?(?P<a>[1-9]\d?)(?:\s*(?:ans|años|tahun))?"
    rf"(?:\s+(?:{_PARTICLES}|too|also|aussi))*\s*(?:[.!?,]|$|(?=\s+(?:{_GOES_ON})\b))"
    # "I have NN" and "I am NN" in other languages: "tengo 47", "j'ai 52 ans", "ich bin 44",
    # "umurku 12 tahun", "saya 36 tahun".
    r"|\b(?:tengo|ich\s+bin|umur(?:ku|\s+(?:saya|aku|gue|gw))?|usia(?:ku|\s+(?:saya|aku))?)"
    rf"\s+(?P<o>[1-9]\d?)(?:\s*(?:{_UNIT})(?:\s+alt)?)?"
    r"(?=\s*(?:[,.!?;]|$)|\s+(?:und|and|y|et|dan|aus|from|de)\b)"
    r"|\bj['’]?\s*ai\s+(?P<j>[1-9]\d?)\s*ans\b"
    r"|\b(?:aku|saya)\s+(?:sudah\s+|udah\s+)?(?P<u>[1-9]\d?)\s*(?:tahun|thn)"
    r"(?=\s*(?:[,.!?;]|$)|\s+(?:dan|tapi|and|from|dari)\b)"  # not "saya 2 tahun di sini"
    # "NN Jahre alt": German "years old"; "korean man 38 year": a man and his age.
    r"|(?<![\w+.,:/])(?P<ja>[1-9]\d?)\s*jahre\s+alt\b"
    r"|\b(?:man|guy|male|lady|woman)\s+(?P<g>[2-9]\d|1[89])\s*(?:years?|yrs?|y/?o)(?:\s+old)?"
    r"\s*(?:[,.!;]|$)",
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
_YOUNGEST = 5  # no one younger writes in a chat: "ako 2 na lang" is no age
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
# A school grade, a game rank or another counted thing right before a number: no age.
_COUNTED = re.compile(
    r"\b(?:grade|gr|level|lvl|lv|rank|tier|room|section|class|batch|season|page|chapter|part"
    r"|no|number|top|epic|legend|mythic|master|grandmaster|elite|warrior|honor|star|stars)\W*$",
    re.I,
)
# A number of years put as a question ("taga asa ka, 10?", "moi? 10 ans?"): her age,
# guessed at, never read as his (the extractor's own readings are kept as they are).
_ASKED = re.compile(rf"\s*(?:(?:{_UNIT})(?:\s+(?:old|alt))?)?\s*\?")

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
        group = next(g for g, v in m.groupdict().items() if v is not None and g != "cn")
        if _ASKED.match(form.text, m.end(group)):
            continue  # "taga asa ka, 10?": a guess put to her
        if _COUNTED.search(form.text, 0, m.start(group)) or int(m.group(group)) < _YOUNGEST:
            continue  # "grade 5 pud ko", "epic 3 pa lang ako": a grade or a rank
        n = m.group(group)
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
