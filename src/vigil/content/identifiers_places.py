"""City and country mentions, from the tables in ``vigil/content/data``.

``places.csv`` is curated (Philippine places in detail, countries, a few world cities): all
its aliases compile into one alternation, longest first, so "Los Angeles" wins over the
Philippine "Angeles" and "Cebu City" over "Cebu", and they match anywhere. ``world_cities.csv``
(about 2,300 cities from GeoNames; see tools/make_world_cities.py) is read only right after a
place word ("from Houston", "living in Leeds"), since so many city names are also words.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources
from typing import Final

from vigil.content.identifiers_model import Identifier


@dataclass(frozen=True, slots=True)
class Place:
    kind: str  # "city" | "country"
    code: str  # ISO 3166-1 alpha-2
    name: str


_SEPARATORS: Final = re.compile(r"[\s\-]+")


def _key(alias: str) -> str:
    return _SEPARATORS.sub(" ", alias.strip())


def _alias_pattern(alias: str) -> str:
    # A space or hyphen in an alias matches any run of either: "lapu lapu" = "Lapu-Lapu".
    return r"[\s\-]+".join(re.escape(part) for part in _key(alias).split(" "))


def _rows(name: str) -> csv.DictReader[str]:
    """The rows of a shipped place table, its '#' comment lines (source, date) skipped."""
    text = resources.files("vigil.content").joinpath("data", name).read_text("utf-8")
    return csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))


def _load() -> tuple[dict[str, Place], dict[str, Place]]:
    folded: dict[str, Place] = {}
    exact: dict[str, Place] = {}
    for row in _rows("places.csv"):
        place = Place(row["kind"], row["code"], row["name"])
        for alias in filter(None, row["aliases"].split("|")):
            folded[_key(alias).casefold()] = place
        for alias in filter(None, row["exact"].split("|")):
            exact[_key(alias)] = place
    return folded, exact


_FOLDED, _EXACT = _load()


def _alternation(aliases: list[str]) -> str:
    return "|".join(_alias_pattern(a) for a in sorted(aliases, key=len, reverse=True))


# Not inside a word, an email, a URL or a hyphenated word ("cebu.com", "cebu_gal").
PLACE_PATTERN: Final = re.compile(
    r"(?<![\w@./\-])(?:(?i:"
    + _alternation(list(_FOLDED))
    + r")|(?:"
    + _alternation(list(_EXACT))
    + r"))(?![\w\-]|[.@/]\w)"
)


def _load_world() -> dict[str, tuple[Place, str]]:
    """Alias key -> (the city, the alias as written in the table)."""
    world: dict[str, tuple[Place, str]] = {}
    for row in _rows("world_cities.csv"):
        place = Place("city", row["code"], row["name"])
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            key = _key(alias).casefold()
            # The curated table wins: its aliases match anywhere and may name a country.
            if key not in _FOLDED:
                world.setdefault(key, (place, alias))
    return world


_WORLD: Final = _load_world()
_WORLD_WORDS: Final = max((k.count(" ") + 1 for k in _WORLD), default=1)
# A place word, then up to a few words that may name a city ("in the", "living in" end in
# "in"). The words stop at anything but letters, apostrophes, hyphens and spaces.
_WORD = r"[^\W\d_][\w'\-]*"
_PLACE_CUE: Final = re.compile(
    # Also Tagalog/Cebuano "sa" (in, at) and "taga" (from), Scots "fae", German "aus", and
    # an age field before it ("57, Tulsa").
    r"(?i)(?:(?<![\w@./\-])(?:from|in|near|around|to|visiting|city\s+of|sa|taga|fae|frae|aus)"
    r"|(?<![\w.,:/])[1-9]\d\s*,)\s+"
    rf"(?P<words>{_WORD}(?:[ \t\-]+{_WORD}){{0,{_WORLD_WORDS}}})"
)
_WORD_SPAN: Final = re.compile(_WORD)


def _world_city(text: str, words: list[re.Match[str]]) -> tuple[tuple[Place, str], int, int] | None:
    """The longest run of words from the first (or the second, after "the") naming a city."""
    firsts = [0, 1] if words and words[0].group().casefold() == "the" else [0]
    for first in firsts:
        for last in range(min(len(words), first + _WORLD_WORDS), first, -1):
            start, end = words[first].start(), words[last - 1].end()
            place = _WORLD.get(_key(text[start:end]).casefold())
            if place is not None:
                return place, start, end
    return None


def _world_cities(text: str, taken: list[tuple[int, int]]) -> list[Identifier]:
    """World cities named right after a place word, outside the spans the curated table
    already matched. After a miss the search goes on inside the words ("in the city of
    Leeds")."""
    found: list[Identifier] = []
    pos = 0
    while (cue := _PLACE_CUE.search(text, pos)) is not None:
        words = list(_WORD_SPAN.finditer(text, cue.start("words"), cue.end("words")))
        hit = _world_city(text, words)
        if hit is None:
            pos = cue.start("words")
            continue
        (place, alias), start, end = hit
        pos = end
        if any(a < end and start < b for a, b in taken):
            continue
        # The value keeps the spelling the writer chose ("Zurich", "Cologne"), as the table
        # writes it; the explanation names the city as GeoNames does.
        why = f"city {place.name} ({place.code}) named after a place word"
        found.append(Identifier("city", alias, start, end, why, country=place.code))
    return found


def lookup_place(surface: str) -> Place | None:
    """The place a matched surface form names, exact-case aliases first."""
    key = _key(surface)
    return _EXACT.get(key) or _FOLDED.get(key.casefold())


def find_places(text: str) -> list[Identifier]:
    """City and country mentions; countries as ISO codes, cities by canonical name."""
    found: list[Identifier] = []
    for m in PLACE_PATTERN.finditer(text):
        place = lookup_place(m.group())
        if place is None:  # pragma: no cover - every alternative comes from the tables
            continue
        if place.kind == "country":
            value, why = place.code, f"country {place.name} ({place.code}) named"
        else:
            value, why = place.name, f"city {place.name} ({place.code}) named"
        found.append(Identifier(place.kind, value, m.start(), m.end(), why, country=place.code))
    found.extend(_world_cities(text, [(i.start, i.end) for i in found]))
    return sorted(found, key=lambda i: i.start)
