"""Reading identifiers off a partner's line for the dossier, disguised ones included.

The content extractor reads identifiers written as such ("skype: x", "I'm 24", a known
city). A partner who disguises them, or names the platform after the handle, slips past
it. The decoy reads each line a few more ways and hands every reading back to the same
extractor, so values keep the extractor's canonical form (the rewritings are in
``readings.py`` and ``spelled.py``); only ages in age/sex shorthand (``ages.py``), places
the extractor's tables lack (``places.py``), numbers in unlisted ranges (``phones.py``) and
paypal.me names longer than the extractor reads are read here. Handles are written the way
their platform writes names (``handles.py``), and a value the extractor lower-cases or gives
a scheme is kept as the partner wrote it too ("$RoyGreen55", "mc.example.org").

A partner often names the platform on one line and gives the name on the next ("add me on
telegram" / "its @mo_lake_40"): ``platform_named`` gives the platform a line names, and
``read(..., platform_hint=...)`` reads a handle-shaped name on a later line as that
platform's. ``region_of`` gives the partner's country from what the dossier holds, a city's
country where no country is known, for numbers written in national form.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from vigil.content import Identifier, extract_identifiers
from vigil.core import ConfigError
from vigil.decoy.ages import REGIONS, ages, asl_country, someone_elses, turned
from vigil.decoy.cues import Topics, load_topics, term_pattern
from vigil.decoy.handles import HANDLE_KINDS, Handles, links_of, shipped_handles
from vigil.decoy.handles import as_written as handle_as_written
from vigil.decoy.line_rules import (
    PAYPAL_NAME,
    addresses,
    held,
    inside,
    nearest,
    paypal,
    paypal_names,
    unmask_handles,
    unplaced,
)
from vigil.decoy.phones import north_american, possible_numbers
from vigil.decoy.places import NOT_A_PLACE, Places, city_country, hers, places, shipped_places
from vigil.decoy.places import as_written as city_as_written
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
from vigil.decoy.spelled import spelled_names, spelled_numbers

# "@name", "$tag" and "live:id" are the forms of one platform each: read with the platform
# the line names, wherever it names it ("u on telegram? @rick_88").
_TOKEN = re.compile(r"(?<![\w@.:/+$])(?:live:|[@$])?[a-z0-9][a-z0-9_.\-]*[a-z0-9_](?![\w@])", re.I)
# Times, prices, sizes and ordinals that a name-shaped token can be: never a user name.
_NOT_A_NAME = re.compile(
    r"\d{1,2}[:.]\d\d(?:am|pm)?|\d+(?:\.\d+)?(?:am|pm|k|php|usd|pesos?|ft|cm|kg|lbs?|mb|gb|km"
    r"|st|nd|rd|th|x|s)?|[\d.,\-]+",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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

    ``platforms`` are the platform words (topic "platform") a handle may be given with;
    ``data/handles.toml`` adds a few and says how each platform writes its names."""

    def __init__(
        self,
        platforms: tuple[str, ...],
        countries: CountryNames | None = None,
        handles: Handles | None = None,
        regions: Places | None = None,
    ) -> None:
        if not platforms:
            raise ConfigError("the topics file needs a platform list for reading handles.")
        self.platforms = platforms
        self.countries = countries or shipped_country_names()
        self.handles = handles or shipped_handles()
        self.regions = regions or shipped_places()
        self._platform = re.compile("|".join(term_pattern(p) for p in platforms), re.I)
        self._names = {p: re.compile(term_pattern(p), re.I) for p in platforms}
        self._not_places = frozenset(
            w for p in (*platforms, *self.handles.platforms) for w in p.lower().split()
        )

    def read(
        self, text: str, region: str | None = None, *, platform_hint: str | None = None
    ) -> list[Identifier]:
        """``region``: the partner's country as the dossier knows it (ISO alpha-2), for
        phone numbers written in national form ("07911 123456" from a man in the UK); a
        country named on the line itself comes first, the Philippines last.
        ``platform_hint``: the platform the partner named last on an earlier line
        (``platform_named``), for a handle-shaped name on a line that names none."""
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
        if home != "PH":
            # A national number that is no number of his country is read as the decoy's
            # (a local facilitator's "0917..." after naming a city abroad).
            spans = [(h.start, h.end) for h in found.values()]
            keep([h for h in first if not any(a < h.end and h.start < b for a, b in spans)], None)
        unmask_handles(found, text)
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
        numbers = spelled_numbers(spelled)
        if numbers.text != spelled.text:
            keep(extract(numbers.text), numbers, _CONTACTS)
        keep(possible_numbers(numbers), numbers)
        keep(north_american(numbers, list(found.values())), numbers)
        keep(addresses(spelled), spelled)
        names = spelled_names(last)
        mail = contacts(spelled_names(last, dots=False))  # "ana underscore cruz at x dot com"
        if mail.text != last.text:
            keep(extract(mail.text), mail, frozenset({"email"}))
        keep(self._handles(names, list(found.values()), platform_hint), names)
        keep(self.handles.links(last.text), last)
        keep(paypal_names(last), last)
        plain = unstretched(unleet(last))
        for form in (raw, plain):  # native names in their own script, or folded and plain
            native = self.countries.form(form)
            if native is not None:
                keep(extract(native.text), native, _PLACES)
        if plain.text != last.text:
            keep(extract(plain.text), plain, _PLACES | {"age"})
        keep(self.regions.countries(plain), plain)
        for form in (last, plain):  # "m52" is no leetspeak
            keep(ages(form), form)
        if not any(i.kind == "age" for i in found.values()):
            keep(turned(plain), plain)
        taken = [i for i in found.values() if i.kind in _PLACES]
        for form in (last, plain):
            # places() gives spans in the line already.
            keep(places(form, text, taken, self._not_places), None)
            taken = [i for i in found.values() if i.kind in _PLACES]
        for hit in list(found.values()):
            # A WhatsApp or Viber ID, or a GCash or Maya wallet, is the phone number itself:
            # the dossier holds both.
            platform, _, value = hit.value.partition(":")
            if platform in _PHONE_APPS and value.startswith("+"):
                why = f"{platform} number"
                keep([Identifier("phone", value, hit.start, hit.end, why)], None)
        keep(self._numbered(text, list(found.values()), platform_hint), None)
        keep(asl_country(plain), plain)
        keep([c for h in list(found.values()) if (c := self.regions.city_of(h))], None)
        # A city under its local name or shorthand goes by its English one ("Milano").
        return self._finished([self.regions.named(h) for h in found.values()], text)

    def _finished(self, found: list[Identifier], text: str) -> list[Identifier]:
        """The readings kept, in the dossier's form: none that is her place, another
        person's age or a plain word after a platform; none cut short; handles written the
        platform's way, and values the extractor lower-cased or gave a scheme also as
        written; a link without a scheme also with "https://", a profile link also as a link."""
        hits = [
            h
            for h in found
            if not hers(h, text) and not someone_elses(h, text) and not self._plain_word(h, text)
        ]
        # A reading cut short by a disguised letter, or at a "_" ("paypal.me/sam_4"), gives
        # way to the full one.
        hits = [h for h in hits if not any(inside(h, o) or _cut_short(h, o) for o in hits)]
        out: dict[tuple[str, str], Identifier] = {}
        for hit in hits:
            hit = city_as_written(self.handles.written(hit), text)
            variant = handle_as_written(hit, text)
            for item in (hit, variant, *links_of(hit, text)):
                if item is not None:
                    out.setdefault((item.kind, item.value), item)
        return sorted(out.values(), key=lambda i: (i.start, i.kind))

    def _plain_word(self, hit: Identifier, text: str) -> bool:
        """A handle read from an ordinary word after a platform ("telegram is safer",
        "cashapp wont work"): no name, unless written with "@" or "$"."""
        if hit.kind not in HANDLE_KINDS:
            return False
        name = hit.value.partition(":")[2].lstrip("@$")
        if not name.isalpha() or text[hit.start : hit.start + 1] in "@$":
            return False
        low = name.lower()
        return low in self.handles.not_a_name or low in _NOT_A_HANDLE or low in NOT_A_PLACE

    def platform_named(self, text: str) -> str | None:
        """The platform a line names last ("add me on telegram" -> "telegram"), for
        ``read(..., platform_hint=...)`` on the partner's later lines; None if none."""
        cues = self._cues(Form.of(text).text)
        return _platform_of(cues[-1][2]) if cues else None

    def region_of(self, identifiers: Mapping[str, Sequence[str]]) -> str | None:
        """The partner's country from what the dossier holds: the last country he named,
        else the country of the last city he named where the places tables know it."""
        countries = identifiers.get("country") or ()
        if countries:
            return countries[-1]
        for city in reversed(identifiers.get("city") or ()):
            code = city_country(city)
            if code is not None:
                return code
        return None

    def _handles(self, form: Form, known: list[Identifier], hint: str | None) -> list[Identifier]:
        """Handles given with the platform named elsewhere on the line, or on an earlier
        line (``hint``) when this one names none."""
        text = form.text
        cues = self._cues(text)
        if not cues and not hint:
            return []
        # A bare "@name", a link read inside a Skype "live:" ID, or a name cut short at a
        # spelled-out dot ("ana dot cruz dot 9") may still be read whole with its platform.
        settled = [k for k in known if not unplaced(k, form.text)]
        out: list[Identifier] = []
        for m in _TOKEN.finditer(text):
            token, start, end = m.group(), m.start(), m.end()
            low = token.lower()
            if any(s < end and start < e for s, e, _ in cues) or held(form, start, end, settled):
                continue
            word = low.lstrip("@$").translate(LEET_LETTERS)
            if (
                low.isdigit()
                or len(low) < 5
                or word in _NOT_A_HANDLE
                or word in NOT_A_PLACE
                or _NOT_A_NAME.fullmatch(low.lstrip("@$"))
            ):
                continue
            shaped = low.startswith(("live:", "@", "$")) or any(
                c.isdigit() or c in "_." for c in low
            )
            if cues:
                cue = nearest(cues, start, end, text, framed=not shaped)
                why = "platform named elsewhere on the line"
            else:
                cue, why = (hint, "platform named on an earlier line") if shaped else (None, "")
            if cue is None or (not shaped and len(low) < 6):
                continue
            if cue == "paypal" and PAYPAL_NAME.fullmatch(low):
                out.append(paypal(low, start, end, "paypal name; platform named on the line"))
                continue
            hit = self._handle(cue, token, start, end, why)
            if hit is not None:
                out.append(hit)
        return out

    def _handle(self, cue: str, token: str, start: int, end: int, why: str) -> Identifier | None:
        """``token`` as a name on the platform ``cue`` names, read by the extractor where it
        knows the platform, else by the handles table; the whole token or nothing."""
        if cue == "paypal" and "@" not in token:
            # A PayPal name without an email is its paypal.me name.
            probe, offset = f"paypal.me/{token}", 0
        else:
            probe, offset = f"{cue} id: {token}", len(cue) + len(" id: ")
        for hit in extract_identifiers(probe):
            # The whole token or nothing: a value cut short would be a wrong lead.
            if hit.platform and (hit.start, hit.end) == (offset, len(probe)):
                return replace(hit, start=start, end=end, explanation=f"{hit.explanation}; {why}")
        return self.handles.build(_platform_of(cue), token, start, end, why)

    def _numbered(self, text: str, known: list[Identifier], hint: str | None) -> list[Identifier]:
        """A phone number on a line that names a platform whose IDs are numbers ("gcash ko
        pala 0917..."): that platform's ID too, when the extractor's cue reading missed it;
        on a line that names none, the platform an earlier line named."""
        cues = self._cues(text)
        out = []
        for hit in known:
            if hit.kind != "phone":
                continue
            cue = nearest(cues, hit.start, hit.end, text, framed=False) if cues else hint
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
        # A platform word needs a letter: "19" is a number, not a leet "ig"; and one joined to
        # a name by "_" is part of the name ("roblox_king_07" on kik).
        words = [
            (m.start(), m.end(), self._name(m.group()))
            for m in self._platform.finditer(text)
            if any(c.isalpha() for c in m.group())
        ]
        extra = [c for c in self.handles.cues(text) if not any(_overlap(c, w) for w in words)]
        return sorted(
            c
            for c in words + extra
            if "_" not in text[max(c[0] - 1, 0) : c[0]] + text[c[1] : c[1] + 1]
        )

    def _name(self, matched: str) -> str:
        """The platform word a disguised cue stands for ("$kyp3" -> "skype")."""
        for name, pattern in self._names.items():
            if pattern.fullmatch(matched):
                return name
        return matched.lower()


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cut_short(hit: Identifier, other: Identifier) -> bool:
    overlap = hit.start < other.end and other.start < hit.end
    longer = len(other.value) > len(hit.value) and other.value.startswith(hit.value)
    return hit.kind == other.kind and overlap and longer


@functools.cache
def _platform_of(word: str) -> str:
    """The platform a platform word names, as the extractor writes it ("fb" -> "facebook");
    a word the extractor does not know stands for itself."""
    probe = f"{word} id: name_0"
    for hit in extract_identifiers(probe):
        if hit.kind in HANDLE_KINDS and hit.platform:
            return hit.platform
    return word


_PHONE_APPS = frozenset({"whatsapp", "viber", "telegram", "signal", "gcash", "maya", "paymaya"})
# Platforms whose IDs are phone numbers, by the kind of identifier they give.
_NUMBER_PLATFORMS = {"gcash": "payment_handle", "paymaya": "payment_handle",
                     "whatsapp": "handle", "viber": "handle"}  # fmt: skip
_ALL = frozenset({"email", "phone", "url", "handle", "payment_handle", "bitcoin", "age", "city",
                  "country"})  # fmt: skip
_PLACES = frozenset({"city", "country"})
_CONTACTS = frozenset({"email", "phone", "handle", "payment_handle"})


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
