"""Reading identifiers off a partner's line for the dossier, disguised ones included.

The content extractor reads identifiers written as such ("skype: x", "I'm 24", a known
city). A partner who disguises them, or names the platform after the handle, slips past
it. The decoy reads each line a few more ways and hands every reading back to the same
extractor, so values keep the extractor's canonical form (the rewritings are in
``readings.py``); only ages in age/sex shorthand, places the extractor's table lacks and
paypal.me names longer than the extractor reads are read here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path

from vigil.content import Identifier, extract_identifiers
from vigil.core import ConfigError
from vigil.decoy.ages import REGIONS, ages, asl_country
from vigil.decoy.cues import Topics, load_topics, term_pattern
from vigil.decoy.readings import (
    LEET_LETTERS,
    CountryNames,
    Form,
    contacts,
    folded,
    joined,
    shipped_country_names,
    unleet,
    unstretched,
)

# "@name", "$tag" and "live:id" are the forms of one platform each: read with the platform
# the line names, wherever it names it ("u on telegram? @rick_88").
_TOKEN = re.compile(r"(?<![\w@.:/+$])(?:live:|[@$])?[a-z0-9][a-z0-9_.\-]*[a-z0-9_](?![\w@])", re.I)
# A handle of letters only could be any word: it counts only right next to the platform,
# before it ("X is my skype", "X on skype") or after it with a separator ("skype: X").
_FRAME_BEFORE = re.compile(r"^\s*(?:is\s+)?(?:my|on|sa|in)?\s*$", re.I)
_FRAME_AFTER = re.compile(r"^\s*(?:(?:is|ay|ko|id|name|me|on|at|add)\s*|[,:=\-]\s*){0,3}$", re.I)
# Right after the platform with nothing between ("paypal mrsmith"), a longer name only.
_BARE_AFTER_MIN = 8
# "I live in X", "from X", "nasa X": the place a partner names, when the extractor's table
# does not know it. One word; the list below keeps ordinary words out.
_PLACE_LEAD = (
    r"(?:live|lives|living|based|stay|staying|located|residing)\s+(?:\w+\s+)?in|from|frm|nasa"
    r"|taga|andito\s+ako\s+sa|nandito\s+ako\s+sa|dito\s+sa|here\s+in|i\s*a?m\s+in"
)
# The place ends the line, but for a word or two ("i live in X now", "nasa X ako"): "im in
# grade 4" names no place.
_PLACE_TAIL = r"(?:\s+(?:now|po|ako|here|city|area|atm|lol|haha|hehe|too))*\W*$"
_PLACE_AFTER = re.compile(
    rf"(?<![a-z])(?:{_PLACE_LEAD})\s+(?P<p>[a-z][a-z'\-]{{2,30}}){_PLACE_TAIL}", re.I
)
# Age/sex/location shorthand ("31 m galway", "asl 47 m stockholm"): the word after the sex.
_PLACE_ASL = re.compile(
    r"(?<![\w+.,:/])(?:a\W?s\W?l\W{0,3})?[1-9]\d\s*/?\s*(?:m|f|male|female|guy|man|woman|lady)"
    rf"(?![a-z])\W{{0,3}}(?:(?:in|from|frm|fr)\s+)?(?P<p>[a-z][a-z'\-]{{2,30}}){_PLACE_TAIL}",
    re.I,
)
# A paypal.me name in full: the extractor reads at most PayPal's 20 characters, and a name
# cut short would be a wrong lead.
_PAYPAL_ME = re.compile(r"paypal\s*\.\s*me\s*/\s*(?P<v>[a-z0-9]{21,64})(?![a-z0-9])", re.I)
_PAYPAL_NAME = re.compile(r"[a-z0-9]{21,64}", re.I)
_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PLACE_BEFORE = re.compile(
    r"^\W*(?P<p>[a-z][a-z'\-]{2,30})\s+(?:(?:guy|man|boy|girl|lady)\s+)?"
    r"(?:here|is\s+my\s+(?:city|town|home))\W*$",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_A_PLACE = _words(
    """
    a an the my your ur our his her their this that here there home work school bed class
    love town city country place area house room office abroad overseas far away near now
    today again bahay trabaho amin atin inyo dito doon jan diyan kami siya ako ka na
    pa po lang work eskwela online chat skype facebook telegram whatsapp paypal gcash me
    you u him them it what where when how why who just only also still too very so not
    bored busy tired lonely alone single sad happy fine good ok okay back out up down off
    family friends friend parents mama papa kids kid children son daughter job vacation
    holiday trip travel lunch dinner breakfast church mall market beach hotel hospital
    """
)
_QUESTION_WORDS = _words("saan san asan nasaan where asa diin")
_NOT_A_HANDLE = _words(
    """
    message messages account username password please tomorrow tonight later instead
    anytime online offline private number contact details profile really always actually
    anyway whatever everyone together something anything nothing somewhere sometime tayo
    natin naman talaga channel followers friends payment transfer group video call chat
    sunday monday tuesday wednesday thursday friday saturday weekend
    """
)


class IdentifierReader:
    """``read(line)``: the identifiers of a partner's line, disguised ones included.

    ``platforms`` are the platform words (topic "platform") a handle may be given with."""

    def __init__(self, platforms: tuple[str, ...], countries: CountryNames | None = None) -> None:
        if not platforms:
            raise ConfigError("the topics file needs a platform list for reading handles.")
        self.platforms = platforms
        self.countries = countries or shipped_country_names()
        self._platform = re.compile("|".join(term_pattern(p) for p in platforms), re.I)
        self._names = {p: re.compile(term_pattern(p), re.I) for p in platforms}

    def read(self, text: str, region: str | None = None) -> list[Identifier]:
        """``region``: the partner's country as the dossier knows it (ISO alpha-2), for
        phone numbers written in national form ("07911 123456" from a man in the UK); a
        country named on the line itself comes first, the Philippines last."""
        found: dict[tuple[str, str], Identifier] = {}
        first = extract_identifiers(text)
        named = [i.value for i in first if i.kind == "country"]
        home = next((c for c in [*named, region] if c in REGIONS), "PH")
        extract = functools.partial(extract_identifiers, default_region=home)

        def keep(hits: list[Identifier], form: Form | None, kinds: frozenset[str] = _ALL) -> None:
            for hit in hits:
                if hit.kind not in kinds or (hit.kind, hit.value) in found:
                    continue
                if form is not None:
                    start, end = form.span(hit.start, hit.end)
                    hit = replace(hit, start=start, end=end)
                found[(hit.kind, hit.value)] = hit

        keep(first if home == "PH" else extract(text), None)
        raw = Form.of(text)
        forms = [raw]
        if not text.isascii():
            forms.append(folded(text))
        together = joined(forms[-1])
        if together.text != forms[-1].text:
            forms.append(together)
        for form in forms[1:]:
            keep(extract(form.text), form)
        last = forms[-1]
        spelled = contacts(last)
        if spelled.text != last.text:
            keep(extract(spelled.text), spelled, _CONTACTS)
        keep(_addresses(spelled), spelled)
        keep(self._handles(last, list(found.values())), last)
        keep(_paypal_names(last), last)
        plain = unstretched(unleet(last))
        for form in (raw, plain):  # native names in their own script, or folded and plain
            native = self.countries.form(form)
            if native is not None:
                keep(extract(native.text), native, _PLACES)
        if plain.text != last.text:
            keep(extract(plain.text), plain, _PLACES | {"age"})
        keep(ages(plain), plain)
        if not any(i.kind in _PLACES for i in found.values()):
            keep(_places(plain), plain)
        for hit in list(found.values()):
            # A WhatsApp or Viber ID is the phone number itself: the dossier holds both.
            platform, _, value = hit.value.partition(":")
            if platform in _PHONE_APPS and value.startswith("+"):
                why = f"{platform} number"
                keep([Identifier("phone", value, hit.start, hit.end, why)], None)
        keep(self._numbered(text, list(found.values())), None)
        keep(asl_country(plain), plain)
        hits = [h for h in found.values() if not _asked_of_her(h, text)]
        # A reading cut short by a disguised letter gives way to the full one.
        return sorted(
            (h for h in hits if not any(_inside(h, o) for o in hits)),
            key=lambda i: (i.start, i.kind),
        )

    def _handles(self, form: Form, known: list[Identifier]) -> list[Identifier]:
        """Handles given with the platform named elsewhere on the line."""
        text = form.text
        cues = self._cues(text)
        if not cues:
            return []
        # A bare "@name", or a link read inside a Skype "live:" ID, may still get its platform.
        taken = _spans_in(form, [k for k in known if not _unplaced(k, form.text)])
        out: list[Identifier] = []
        for m in _TOKEN.finditer(text):
            token, start, end = m.group(), m.start(), m.end()
            low = token.lower()
            if any(s < end and start < e for s, e, _ in cues) or any(
                s < end and start < e for s, e in taken
            ):
                continue
            word = low.lstrip("@$").translate(LEET_LETTERS)
            if low.isdigit() or len(low) < 5 or word in _NOT_A_HANDLE or word in _NOT_A_PLACE:
                continue
            shaped = low.startswith(("live:", "@", "$")) or any(
                c.isdigit() or c in "_." for c in low
            )
            cue = _nearest(cues, start, end, text, framed=not shaped)
            if cue is None or (not shaped and len(low) < 6):
                continue
            if cue == "paypal" and _PAYPAL_NAME.fullmatch(low):
                out.append(_paypal(low, start, end, "paypal name; platform named on the line"))
                continue
            if cue == "paypal" and "@" not in low:
                # A PayPal name without an email is its paypal.me name.
                probe, offset = f"paypal.me/{token}", 0
            else:
                probe, offset = f"{cue} id: {token}", len(cue) + len(" id: ")
            for hit in extract_identifiers(probe):
                # The whole token or nothing: a value cut short would be a wrong lead.
                if hit.kind in _HANDLES and (hit.start, hit.end) == (offset, len(probe)):
                    why = f"{hit.explanation}; platform named elsewhere on the line"
                    out.append(replace(hit, start=start, end=end, explanation=why))
                    break
        return out

    def _numbered(self, text: str, known: list[Identifier]) -> list[Identifier]:
        """A phone number on a line that names a platform whose IDs are numbers ("gcash ko
        pala 0917..."): that platform's ID too, when the extractor's cue reading missed it."""
        cues = self._cues(text)
        out = []
        for hit in known:
            if hit.kind != "phone":
                continue
            cue = _nearest(cues, hit.start, hit.end, text, framed=False)
            kind = _NUMBER_PLATFORMS.get(cue or "")
            if (
                cue
                and kind
                and not any(k.value.endswith(hit.value) and k.kind == kind for k in known)
            ):
                why = f"{cue} number; platform named on the line"
                out.append(Identifier(kind, f"{cue}:{hit.value}", hit.start, hit.end, why, cue))
        return out

    def _cues(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, platform) of every platform named on the line."""
        return [(m.start(), m.end(), self._name(m.group())) for m in self._platform.finditer(text)]

    def _name(self, matched: str) -> str:
        """The platform word a disguised cue stands for ("$kyp3" -> "skype")."""
        for name, pattern in self._names.items():
            if pattern.fullmatch(matched):
                return name
        return matched.lower()


_PHONE_APPS = frozenset({"whatsapp", "viber", "telegram", "signal"})
# Platforms whose IDs are phone numbers, by the kind of identifier they give.
_NUMBER_PLATFORMS = {"gcash": "payment_handle", "paymaya": "payment_handle",
                     "whatsapp": "handle", "viber": "handle"}  # fmt: skip
_ALL = frozenset({"email", "phone", "url", "handle", "payment_handle", "bitcoin", "age", "city",
                  "country"})  # fmt: skip
_PLACES = frozenset({"city", "country"})
_CONTACTS = frozenset({"email", "phone", "handle", "payment_handle"})
_HANDLES = frozenset({"handle", "payment_handle"})


_CLAUSE = re.compile(r"[^.,!;?]+[.,!;?]?")
_SECOND_PERSON = re.compile(r"\b(?:you|u|ya|ur|your|ka|ikaw|imo|imong|mo)\b", re.I)


def _asked_of_her(hit: Identifier, text: str) -> bool:
    """A place in a question put to her ("you from cebu?", "are you filipina?") is hers,
    not the partner's; "im from manila, you?" keeps Manila (another clause)."""
    if hit.kind not in _PLACES or "?" not in text:
        return False
    for m in _CLAUSE.finditer(text):
        if m.start() <= hit.start < m.end():
            clause = m.group()
            return "?" in clause and _SECOND_PERSON.search(clause) is not None
    return False


def _inside(hit: Identifier, other: Identifier) -> bool:
    """``hit`` lies inside ``other``, a longer reading of the same kind, or is the domain of
    an address ``other`` (a url read inside an email is no link)."""
    if hit is other or not (other.start <= hit.start and hit.end <= other.end):
        return False
    if hit.kind == "url" and other.kind in ("email", "payment_handle", "handle"):
        return True
    if hit.kind == "handle" and hit.value.startswith("@") and other.kind in _HANDLES:
        return True  # a bare "@name" that a platform named on the line claims
    return hit.kind == other.kind and (other.start, other.end) != (hit.start, hit.end)


def _unplaced(hit: Identifier, text: str) -> bool:
    """A bare "@name" handle, or a link read inside a "live:" ID: a reading that the
    platform named elsewhere on the line may still complete."""
    if hit.kind == "handle" and hit.value.startswith("@"):
        return True
    return hit.kind == "url" and text[: hit.start].lower().endswith("live:")


def _spans_in(form: Form, known: list[Identifier]) -> list[tuple[int, int]]:
    """Spans of ``form`` that hold identifiers already found in the line."""
    spans: list[tuple[int, int]] = []
    for hit in known:
        idx = [j for j, o in enumerate(form.origin) if hit.start <= o < hit.end]
        if idx:
            spans.append((idx[0], idx[-1] + 1))
    return spans


def _nearest(
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


def _addresses(form: Form) -> list[Identifier]:
    """Each word with an "@" read on its own: a lead-in such as "mail me at" can keep the
    extractor from reading the address after it."""
    out = []
    for m in _ADDRESS.finditer(form.text):
        for hit in extract_identifiers(m.group()):
            if hit.kind in ("email", "payment_handle"):
                out.append(replace(hit, start=m.start() + hit.start, end=m.start() + hit.end))
    return out


def _paypal(name: str, start: int, end: int, why: str) -> Identifier:
    """A PayPal name longer than the extractor reads, in the extractor's value form."""
    return Identifier("payment_handle", f"paypal:@{name.lower()}", start, end, why)


def _paypal_names(form: Form) -> list[Identifier]:
    """paypal.me links with a name longer than the extractor reads."""
    return [
        _paypal(m.group("v"), m.start(), m.end(), "paypal.me link, name read in full")
        for m in _PAYPAL_ME.finditer(form.text)
    ]


def _places(form: Form) -> list[Identifier]:
    """A place named after "I live in", "from", "nasa"... that the places table lacks."""
    out = []
    for pattern in (_PLACE_AFTER, _PLACE_ASL, _PLACE_BEFORE):
        for m in pattern.finditer(form.text):
            place = m.group("p").lower()
            if place in _NOT_A_PLACE or place in _NOT_A_HANDLE or place in _QUESTION_WORDS:
                continue
            why = "place named after a phrase of residence (not in the places table)"
            out.append(Identifier("city", place, m.start("p"), m.end("p"), why))
    return out[:1]  # one place a line: a second reading is the same place or a wrong one


def reader_for(topics: Topics) -> IdentifierReader:
    """The identifier reader with the platform words of ``topics``."""
    return IdentifierReader(tuple(topics.terms.get("platform", ())))


def load_reader(path: Path | None = None) -> IdentifierReader:
    """The identifier reader with the platform words of the (shipped) topics file."""
    return reader_for(load_topics(path))


@functools.cache
def _shipped_reader() -> IdentifierReader:
    return load_reader()


def read_identifiers(text: str) -> list[Identifier]:
    """The identifiers of one partner line as the engine reads them with the shipped
    topics: for rebuilding dossiers from transcripts the way they were built live."""
    return _shipped_reader().read(text)
