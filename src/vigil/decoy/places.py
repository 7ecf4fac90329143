"""Places a partner names that the content extractor does not read, and place names in the
form the dossier keeps.

- A city is written as the partner wrote it, capitalised as the gazetteer writes it: "from
  bacolod" is "Bacolod", "Bacolod City" only where he wrote "city"; "jeddah" is "Jeddah".
- After a phrase of residence ("I live in", "from", "taga", "nasa"), a word the tables lack
  is still a place; so is the word after an age in an introduction ("I'm Ken, 44, Leeds")
  or in a/s/l shorthand ("m33 liverpool here"), and before the state it lies in ("from
  Mesa Arizona"). After a phrase of residence in another language ("soy de", "je vis à",
  "tinggal di", "dari"), a known city or a capitalised word.
- A place in a question put to her ("taga Liloan ka?", "kamu dari Bogor?") is hers, unless
  he says it is his too ("... ako sab!", "taga Liloan ka din?").
- Countries the extractor's table lacks, and states or provinces, give the partner's country
  (``data/places.toml``): "originally from Kenya" is KE, "I'm from Texas" is US.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from vigil.content import Identifier, extract_identifiers, fold_text
from vigil.core import ConfigError
from vigil.decoy.cues import default_data_dir, read_toml
from vigil.decoy.line_rules import asked_of_her, clause_of
from vigil.decoy.readings import Form


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NOT_A_PLACE = _words(
    """
    a an the my your ur our his her their this that here there home work school bed class
    love town city country place area house room office abroad overseas far away near now
    today again bahay trabaho amin atin inyo dito doon jan diyan kami siya ako ka na
    pa po lang work eskwela online chat skype facebook telegram whatsapp paypal gcash me
    you u him them it what where when how why who just only also still too very so not
    bored busy tired lonely alone single sad happy fine good ok okay back out up down off
    family friends friend parents mama papa kids kid children son daughter job vacation
    holiday trip travel lunch dinner breakfast church mall market beach hotel hospital
    message messages account username password please tomorrow tonight later instead
    anytime online offline private number contact details profile really always actually
    anyway whatever everyone together something anything nothing somewhere sometime tayo
    natin naman talaga channel followers friends payment transfer group video call chat
    sunday monday tuesday wednesday thursday friday saturday weekend saan san asan nasaan
    asa diin married divorced widowed retired working studying student teacher engineer
    driver nurse seaman here now originally lol haha years year yrs old young m f male
    female guy man boy girl lady woman grade games game server discord roblox robux line
    brgy barangay sitio purok mr mrs ms miss dr sir maam st mt sm diri didto dinhi ari dira
    fear peace pain hope trouble debt darkness denial heaven hell
    """
)
_LEAD = (
    r"(?:live|lives|living|based|stay|staying|located|residing)\s+(?:\w+\s+)?in|from|frm"
    r"|taga|nasa|andito\s+ako\s+sa|nandito\s+ako\s+sa|dito\s+sa|here\s+in"
)
_WEAK_LEAD = r"i\s*a?m\s+in"  # "im in X": only with X ending the line
# Phrases of residence in other languages: Spanish, Portuguese, French, German, Italian,
# Dutch, Indonesian and Malay. "de" or "di" alone is as often "of" or "at", or a surname's
# ("De Guzman"): only after a comma. A word after these counts only as a known city or
# written with a capital.
_FOREIGN_LEAD = (
    r"soy\s+de|vivo\s+en|sou\s+de|moro\s+em|je\s+vis\s+[àa]|j['’]\s*habite(?:\s+[àa])?"
    r"|je\s+suis\s+de|je\s+viens\s+de|habite\s+[àa]|ich\s+komme\s+aus|wohne\s+in"
    r"|lebe\s+in|sono\s+di|vivo\s+a|abito\s+a|woon\s+in|kom\s+uit|dari|tinggal\s+di"
    r"|(?<=,)\s*(?:de|di)"
)
_TAIL_WORDS = (
    r"now|po|ako|ko|kami|mi|here|city|area|atm|lol|haha|hehe|too|originally|lang|ra|man|din"
    r"|rin|pa|ya|talaga|gyud|jud|pud|sab|pala|diay"
)
_TAIL = rf"(?:\s+(?:{_TAIL_WORDS}))*"
# One word, not the start of an address or a link ("tina.g@example.org").
_PLACE = r"(?P<p>[^\W\d_][\w'\-]{2,30})(?![.@/]\w)"
_AFTER = re.compile(rf"(?<![a-z])(?:{_LEAD})\s+{_PLACE}{_TAIL}\s*(?:[,.!?;]|$)", re.I)
_AFTER_ABROAD = re.compile(
    rf"(?<![a-z])(?:{_FOREIGN_LEAD})\s+{_PLACE}{_TAIL}\s*(?:[,.!?;]|$)", re.I
)
# A place then the state or province it lies in: "from Mesa Arizona", "in Dayton, Ohio".
_AFTER_THEN_REGION = re.compile(
    rf"(?<![a-z])(?:{_LEAD}|{_FOREIGN_LEAD})\s+{_PLACE}(?=\s*,?\s+[^\W\d_])", re.I
)
# A place put to her as a question ("taga Liloan ka?"): read so that ``hers`` can keep it
# where he says it is his too ("... ako sab!"), and drop it where not.
_ASKED = re.compile(
    rf"(?<![a-z])(?:{_LEAD}|{_FOREIGN_LEAD})\s+{_PLACE}\s+(?:ka|ikaw|you|u)\b"
    r"(?:\s+(?:din|rin|ba|pud|sab|too|also))*\s*\?",
    re.I,
)
# Goods come "from Amazon California": a seller's place, not his.
_GOT = re.compile(
    r"\b(?:got|get|bought|buy|ordered|order|shipped|ship|sent|delivered|imported|shop|store"
    r"|package|parcel|item|items)\b[^,.;!?]*$",
    re.I,
)
_AFTER_WEAK = re.compile(rf"(?<![a-z])(?:{_WEAK_LEAD})\s+{_PLACE}{_TAIL}\W*$", re.I)
_AGE_SEX = r"(?:[1-9]\d\s*/?\s*(?:m|f|male|female|guy|man|woman|lady)|[mf]\s?/?[1-9]\d)"
# Age/sex/location shorthand: "31 m galway", "asl 47 m stockholm", "m33 liverpool here".
_ASL = re.compile(
    rf"(?<![\w+.,:/])(?:a\W?s\W?l\W{{0,3}})?{_AGE_SEX}(?![a-z\d])\W{{0,3}}"
    rf"(?:(?:in|from|frm|fr)\s+)?{_PLACE}(?:{_TAIL}\W*$|\s+here\b)",
    re.I,
)
_BEFORE = re.compile(
    rf"^\W*{_PLACE}\s+(?:(?:guy|man|boy|girl|lady)\s+)?(?:here|is\s+my\s+(?:city|town|home))\W*$",
    re.I,
)
# "X city" after a phrase of residence: "from Naga city, Cebu".
_NAMED_CITY = re.compile(rf"(?<![a-z])(?:{_LEAD})\s+{_PLACE}\s+city\b", re.I)
# The place after the age in an introduction: "I'm Ivo, 50 y/o, Lisbon", "i am 47, Leeds".
_INTRO = re.compile(
    r"(?:^|\b(?:i\s*['’]?\s*a?m|my\s+name(?:\s+is)?|name\s*:?|this\s+is)\s+"
    r"(?:[^\W\d_][\w'’.\-]*\s*,\s*)?)(?:age\s+)?[1-9]\d"
    r"(?:\s*(?:y/?o|y\.o\.?|years?(?:\s+old)?|yrs?(?:\s+old)?|anyos))?\s*,\s*"
    rf"(?:(?:from|in)\s+)?{_PLACE}",
    re.I,
)
# What in a question to her, or after it, tells a place is his too.
_SHARED = re.compile(r"\b(?:din|rin|pud|sab|usab|too|also|juga|aussi|también|tambien|auch)\b", re.I)
_ME_TOO = re.compile(
    r"\W*(?:ako\s+(?:sab|pud|din|rin|usab)|me\s+too|same\s+here|same|aku\s+juga|saya\s+juga"
    r"|moi\s+aussi|yo\s+tambi[eé]n|ich\s+auch)\b",
    re.I,
)
_SURFACE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-])*")  # a word, not "home!!", "h0me", "f19"
_CITY_AFTER = re.compile(r"[ \t]+city\b", re.I)
_INTRO_TAIL = re.compile(r"[\W_]*|\s+(?:[A-Z]{2}|here|area|city|originally)[\W_]*")


@dataclass(frozen=True)
class Places:
    """Countries and regions the extractor lacks (``data/places.toml``), to ISO codes."""

    codes: Mapping[str, str]
    _pattern: re.Pattern[str] | None
    # Countries that are one city (Singapore, Hong Kong): ISO code -> the city's name.
    city_states: Mapping[str, str] = field(default_factory=dict)
    # The states and provinces of ``codes`` ([regions]), by key: "arizona", "new south wales".
    regions: frozenset[str] = frozenset()
    # A city's local name or chat shorthand, by key, to the English name ([city_names]):
    # "milano" -> "Milan", "dxb" -> "Dubai".
    city_names: Mapping[str, str] = field(default_factory=dict)

    def named(self, hit: Identifier) -> Identifier:
        """A city read under its local name or shorthand, under its English name."""
        name = self.city_names.get(_key(hit.value)) if hit.kind == "city" else None
        return hit if name is None else replace(hit, value=name)

    def city_of(self, hit: Identifier) -> Identifier | None:
        """The city a city-state's country reading also names ("from Singapore")."""
        name = self.city_states.get(hit.value) if hit.kind == "country" else None
        if name is None:
            return None
        why = f"{name} is a city-state: the country named is the city"
        return Identifier("city", name, hit.start, hit.end, why, country=hit.value)

    def countries(self, form: Form) -> list[Identifier]:
        """Countries, states and provinces named after a phrase of residence."""
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(form.text):
            code = self.codes[_key(m.group("n"))]
            why = f"{m.group('n')} ({code}) named after a phrase of residence"
            out.append(Identifier("country", code, m.start("n"), m.end("n"), why, country=code))
        return out


def _key(name: str) -> str:
    return " ".join(fold_text(name.lower())[0].replace("-", " ").split())


def load_places(path: Path | None = None) -> Places:
    source = path or default_data_dir() / "places.toml"
    data = read_toml(source, "places file")
    codes: dict[str, str] = {}
    regions: set[str] = set()
    for table in ("countries", "regions"):
        rows = data.get(table, {})
        if not isinstance(rows, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) == 2 for k, v in rows.items()
        ):
            raise ConfigError(f"places file {source}: [{table}] must map names to ISO codes.")
        codes.update({_key(k): v.upper() for k, v in rows.items()})
        regions.update(_key(k) for k in rows if table == "regions")
    states = data.get("city_states", {})
    if not isinstance(states, dict) or not all(
        isinstance(k, str) and len(k) == 2 and isinstance(v, str) for k, v in states.items()
    ):
        raise ConfigError(f"places file {source}: [city_states] must map ISO codes to names.")
    city_states = {k.upper(): v for k, v in states.items()}
    names = data.get("city_names", {})
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        raise ConfigError(f"places file {source}: [city_names] must map names to names.")
    city_names = {_key(k): v for k, v in names.items()}
    if not codes:
        return Places(codes, None, city_states, frozenset(regions), city_names)
    alternatives = "|".join(
        r"[\s\-]+".join(map(re.escape, k.split())) for k in sorted(codes, key=len, reverse=True)
    )
    pattern = re.compile(
        rf"(?<![a-z])(?:{_LEAD}|in|sa)\s+(?:the\s+)?(?P<n>{alternatives})(?![\w\-])", re.I
    )
    return Places(codes, pattern, city_states, frozenset(regions), city_names)


@functools.cache
def shipped_places() -> Places:
    return load_places()


def capitalised(word: str) -> str:
    """Each part of a place name with a capital: "lapu-lapu" -> "Lapu-Lapu"."""
    return re.sub(r"(?:^|(?<=[\s\-]))(\w)", lambda m: m.group(1).upper(), word)


def as_written(hit: Identifier, line: str) -> Identifier:
    """A table city whose canonical name adds " City" to what the partner wrote ("from
    bacolod"): the name as he wrote it, "Bacolod"; "Quezon City" and "QC" stay as they are.
    One he wrote with "city" after it keeps it: "from bacolod city" is "Bacolod City"."""
    if hit.kind != "city":
        return hit
    if not hit.value.endswith(" City"):
        more = _CITY_AFTER.match(line, hit.end)
        if more is None:
            return hit
        return replace(hit, value=f"{hit.value} City", end=more.end())
    base = hit.value[: -len(" City")]
    if _key(line[hit.start : hit.end]) != _key(base):
        return hit
    return replace(hit, value=base)


@functools.cache
def _gazetteer(word: str) -> tuple[str, str | None] | None:
    """The (city or country, its ISO code) the extractor's tables make of a place word."""
    probe = f"from {word}"
    for hit in extract_identifiers(probe):
        if hit.start == len("from ") and hit.end == len(probe) and hit.kind in ("city", "country"):
            name = as_written(hit, probe).value
            return (name if hit.kind == "city" else f"country:{name}"), hit.country
    return None


def city_country(name: str) -> str | None:
    """The ISO code of the country a city of the dossier lies in, where the tables know it."""
    found = _gazetteer(name)
    return found[1] if found else None


def _reading(m: re.Match[str], form: Form, line: str, *, capital: bool) -> Identifier | None:
    """The place word of ``m`` in the gazetteer's form, else capitalised as written; with
    ``capital``, a word the tables lack counts only if the partner capitalised it."""
    word = m.group("p")
    start, end = form.span(m.start("p"), m.end("p"))
    surface = line[start:end]
    if word.lower() in NOT_A_PLACE or not _SURFACE.fullmatch(surface):
        return None
    if surface.lower() in NOT_A_PLACE:
        return None
    found = _gazetteer(word)
    if found is not None:
        value, code = found
        if value.startswith("country:"):
            why = "country named after a phrase of residence"
            return Identifier("country", value.partition(":")[2], start, end, why, country=code)
        return Identifier("city", value, start, end, "city named (gazetteer)", country=code)
    if capital and not surface[:1].isupper():
        return None
    why = "place named after a phrase of residence (not in the places tables)"
    return Identifier("city", capitalised(surface), start, end, why)


def places(
    form: Form, line: str, taken: list[Identifier], exclude: frozenset[str]
) -> list[Identifier]:
    """A place named after "I live in", "from", "nasa" (or the like in other languages), an
    age, or in a/s/l shorthand, or before its state, or asked of her (``hers`` sorts those),
    that the extractor did not read: at most one a line, none over a place already read."""
    text = form.text
    candidates: list[tuple[re.Match[str], bool]] = []
    for m in _NAMED_CITY.finditer(text):
        candidates.append((m, False))
    for pattern in (_AFTER, _AFTER_WEAK, _ASL, _BEFORE):
        candidates += [(m, False) for m in pattern.finditer(text)]
    candidates += [(m, True) for m in (*_AFTER_ABROAD.finditer(text), *_ASKED.finditer(text))]
    for m in _AFTER_THEN_REGION.finditer(text):
        if _region_follows(text[m.end() :]) and not _GOT.search(text, 0, m.start()):
            candidates.append((m, False))
    for m in _INTRO.finditer(text):
        if _INTRO_TAIL.fullmatch(text[m.end() :]) or _country_follows(text[m.end() :]):
            candidates.append((m, True))
    for m, capital in candidates:
        if m.group("p").lower() in exclude:
            continue
        hit = _reading(m, form, line, capital=capital)
        if hit is None or any(t.start < hit.end and hit.start < t.end for t in taken):
            continue
        if m.re is _NAMED_CITY and hit.kind == "city" and not hit.value.endswith(" City"):
            hit = replace(hit, value=f"{hit.value} City", end=form.span(m.start(), m.end())[1])
        return [hit]
    return []


def _region_follows(rest: str) -> bool:
    """The rest of a clause after a place names only the state or province it lies in:
    "Arizona.", ", Ohio", "in Bavaria lol". Not a country: "survey from Acme Kenya" is a
    firm's branch as often as a city."""
    clause = re.split(r"[.;!?(]|,\s*(?=\S+\s+\S)", rest.lstrip(" ,"), maxsplit=1)[0]
    words = [w.strip(",") for w in clause.split()]
    if words[:1] == ["in"]:  # "from Graz in Styria"
        words = words[1:]
    regions = shipped_places().regions
    for n in range(len(words), 0, -1):
        if _key(" ".join(words[:n])) in regions:
            return all(w.lower() in _TAIL_WORDS.split("|") for w in words[n:])
    return False


def hers(hit: Identifier, line: str) -> bool:
    """A place in a question put to her ("taga Liloan ka?", "kamu dari Bogor?", "tu es de
    Nantes?"): hers, not the partner's; unless the question or his answer says he shares it
    ("taga Liloan ka din?", "you from Bogor? me too")."""
    question = clause_of(hit, line)
    if question is None or not asked_of_her(hit, line):
        return False
    if _ME_TOO.match(line, question.end()):
        return False
    # "Cebu ka rin? ako taga Mandaue": a place of his own after the question is where he is.
    rest = line[question.end() :]
    own = any(h.kind in ("city", "country") for h in extract_identifiers(rest))
    return own or _SHARED.search(question.group()) is None


def _country_follows(rest: str) -> bool:
    """The rest of an introduction names only a country: "Lyon France.", "Daegu Korea"."""
    if len(rest.split()) > 3:
        return False
    return any(h.kind == "country" for h in extract_identifiers(rest))
