"""City and country mentions, from the table in ``vigil/content/data/places.csv``.

All aliases compile into one alternation, longest first, so "Los Angeles" wins over the
Philippine "Angeles" and "Cebu City" over "Cebu".
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


def _load() -> tuple[dict[str, Place], dict[str, Place]]:
    folded: dict[str, Place] = {}
    exact: dict[str, Place] = {}
    text = resources.files("vigil.content").joinpath("data", "places.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    for row in rows:
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
    return found
