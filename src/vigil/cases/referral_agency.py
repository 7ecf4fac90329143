"""The law-enforcement agency that receives a referral, by country.

Agencies are reference data (`data/agencies.toml`, keyed by ISO 3166-1 alpha-2 code), read once
and cached; `agency_for` looks a country up, accepts common aliases such as UK for GB, and where
no national agency is listed falls back to the country's INTERPOL National Central Bureau. Both
the CASE bundle and the Article 13 summary name the agency, so this module sits beneath them
and imports nothing else of the referral.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files as package_files
from typing import Final

from vigil.core import InputError, ReferenceDataError

_COUNTRY = re.compile(r"[A-Za-z]{2}")
# Codes people write that are not the ISO 3166-1 code of the same country.
_COUNTRY_ALIASES: Final = {"UK": "GB"}


@dataclass(frozen=True)
class Agency:
    country: str
    name: str
    unit: str
    note: str
    # True when no national agency is listed and the referral goes through INTERPOL.
    via_interpol: bool = False


@lru_cache(maxsize=1)
def _agencies() -> dict[str, Agency]:
    text = package_files("vigil.cases").joinpath("data/agencies.toml").read_text("utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceDataError(f"The agency list is not valid TOML: {exc}.") from exc
    out: dict[str, Agency] = {}
    for code, entry in raw.items():
        fields = ("name", "unit", "note")
        if (
            not _COUNTRY.fullmatch(code)
            or not isinstance(entry, dict)
            or not all(isinstance(entry.get(f), str) and entry[f] for f in fields)
        ):
            raise ReferenceDataError(
                f"The agency list entry {code!r} needs a two-letter code with name, unit and note."
            )
        out[code.upper()] = Agency(code.upper(), entry["name"], entry["unit"], entry["note"])
    return out


def agency_for(country: str) -> Agency:
    """The agency receiving referrals for `country` (ISO 3166-1 alpha-2), or its INTERPOL NCB."""
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country.strip()):
        raise InputError(f"The country code {country!r} is not a two-letter ISO 3166-1 code.")
    code = country.strip().upper()
    code = _COUNTRY_ALIASES.get(code, code)
    known = _agencies().get(code)
    if known is not None:
        return known
    return Agency(
        country=code,
        name="INTERPOL National Central Bureau",
        unit=f"National Central Bureau for {code}",
        note=(
            "No national agency is listed for this country: refer through its INTERPOL "
            "National Central Bureau, which passes the case to the competent authority."
        ),
        via_interpol=True,
    )
