"""Countries, cities and phone plans for the chat-partner simulator: data and tiny helpers.

Phone plans use mobile prefixes that are valid for their country (checked in the tests
against libphonenumber), so a correct extractor can reach full recall on them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, the canonical value of a "country" identifier
    aliases: tuple[str, ...]  # how people write it; the first is the plain name
    cities: tuple[str, ...]
    calling: str  # E.164 country calling code
    prefixes: tuple[str, ...]  # mobile prefixes of the national significant number
    rest: int  # digits after the prefix
    groups: tuple[int, ...]  # how the national number is usually grouped when written
    currency: tuple[str, ...]


COUNTRIES: Mapping[str, Country] = {
    c.code: c
    for c in (
        Country(
            "GB", ("uk", "england", "united kingdom", "u.k."),
            ("london", "manchester", "birmingham", "leeds", "glasgow", "bristol"),
            "44", ("7823", "7456", "7540", "7984", "7723", "7412", "7852"), 6, (4, 6),
            ("pounds", "gbp", "quid"),
        ),
        Country(
            "US", ("usa", "america", "the states", "u.s.a."),
            ("new york", "chicago", "houston", "seattle", "phoenix", "denver"),
            "1", ("212", "312", "415", "206", "713", "617", "305", "702"), 7, (3, 3, 4),
            ("usd", "dollars", "$"),
        ),
        Country(
            "AU", ("australia", "oz"), ("sydney", "melbourne", "perth", "brisbane", "adelaide"),
            "61", ("412", "423", "438", "401", "450", "466", "478"), 6, (3, 3, 3),
            ("aud", "dollars", "$"),
        ),
        Country(
            "DE", ("germany", "deutschland"), ("berlin", "hamburg", "munich", "cologne"),
            "49", ("151", "152", "157", "160", "170", "172", "176"), 8, (3, 8),
            ("euro", "eur"),
        ),
        Country(
            "NL", ("netherlands", "holland"), ("amsterdam", "rotterdam", "utrecht", "eindhoven"),
            "31", ("61", "62", "63", "64", "65"), 7, (1, 8), ("euro", "eur"),
        ),
        Country(
            "SE", ("sweden", "sverige"), ("stockholm", "gothenburg", "malmo"),
            "46", ("70", "72", "73", "76", "79"), 7, (2, 3, 2, 2), ("sek", "euro"),
        ),
        Country(
            "NO", ("norway", "norge"), ("oslo", "bergen", "trondheim"),
            "47", ("40", "41", "46", "90", "92", "95", "98"), 6, (3, 2, 3), ("nok", "euro"),
        ),
        Country(
            "CA", ("canada",), ("toronto", "vancouver", "calgary", "montreal"),
            "1", ("416", "604", "403", "514", "613"), 7, (3, 3, 4), ("cad", "dollars", "$"),
        ),
        Country(
            "CH", ("switzerland", "swiss"), ("zurich", "geneva", "basel"),
            "41", ("76", "77", "78", "79"), 7, (2, 3, 2, 2), ("chf", "euro"),
        ),
        Country(
            "DK", ("denmark",), ("copenhagen", "aarhus", "odense"),
            "45", ("26", "27", "28"), 6, (2, 2, 2, 2), ("dkk", "euro"),
        ),
        Country(
            "BE", ("belgium",), ("brussels", "antwerp", "ghent"),
            "32", ("470", "472", "475", "477", "479", "486", "495"), 6, (3, 2, 2, 2),
            ("euro", "eur"),
        ),
        Country(
            "IE", ("ireland", "eire"), ("dublin", "cork", "galway"),
            "353", ("83", "85", "86", "87", "89"), 7, (2, 3, 4), ("euro", "eur"),
        ),
        Country(
            "NZ", ("new zealand", "nz"), ("auckland", "wellington", "christchurch"),
            "64", ("21", "22", "27"), 7, (2, 3, 4), ("nzd", "dollars", "$"),
        ),
        Country(
            "PH", ("philippines", "pinas", "pilipinas"),
            ("manila", "quezon city", "davao", "cebu", "iloilo", "bacolod"),
            "63", ("917", "918", "915", "905", "927", "995", "998", "926", "939", "977"), 7,
            (3, 3, 4), ("pesos", "php"),
        ),
    )
}  # fmt: skip

ABROAD: tuple[str, ...] = tuple(c for c in COUNTRIES if c != "PH")

# Every written form of a country, to its code: lets the funnel accept a name or a code.
COUNTRY_BY_ALIAS: Mapping[str, str] = {
    alias: c.code for c in COUNTRIES.values() for alias in (*c.aliases, c.code.lower())
}


def mobile(rng: random.Random, country: str) -> str:
    """A valid mobile number of `country` in E.164 ("+447823123456")."""
    c = COUNTRIES[country]
    rest = "".join(rng.choice("0123456789") for _ in range(c.rest))
    if c.calling == "1":  # NANP exchanges never start with 0/1 and are never N11
        rest = str(rng.randint(2, 9)) + rest[1:]
        if rest[1:3] == "11":
            rest = rest[0] + "23" + rest[3:]
    return f"+{c.calling}{rng.choice(c.prefixes)}{rest}"


def national(e164: str, country: str) -> str:
    """The national significant number (E.164 without the country calling code)."""
    return e164[1 + len(COUNTRIES[country].calling) :]


def grouped(digits: str, groups: tuple[int, ...], sep: str) -> str:
    parts, i = [], 0
    for g in groups:
        if i >= len(digits):
            break
        parts.append(digits[i : i + g])
        i += g
    if i < len(digits):
        parts.append(digits[i:])
    return sep.join(parts)


__all__ = ["ABROAD", "COUNTRIES", "COUNTRY_BY_ALIAS", "Country", "grouped", "mobile", "national"]
