"""Risk areas: the countries, or regions of countries, whose accounts the seed pattern watches.

Configuration lists them as strings, "PH" or "PH:Central Visayas", so they round-trip
through `str()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from vigil.core.errors import ConfigError
from vigil.geo.countries import CountryTable

__all__ = ["RiskArea", "parse_risk_area", "parse_risk_areas"]

_ISO2 = re.compile(r"[A-Z]{2}")


def _fold(text: str) -> str:
    """Region names compare without case or repeated spaces ("central  visayas")."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class RiskArea:
    """A country (ISO alpha-2) or one region of it, as named by the region database."""

    country: str
    region: str | None = None

    def __post_init__(self) -> None:
        if not _ISO2.fullmatch(self.country):
            raise ValueError(f"risk area country {self.country!r} is not an ISO alpha-2 code")

    def matches(self, country: str | None, region: str | None = None) -> bool:
        """True when an account located at (country, region) lies in this area. A country-
        wide area matches any region; a regional area needs the region to be known."""
        if country is None or country.upper() != self.country:
            return False
        if self.region is None:
            return True
        return region is not None and _fold(region) == _fold(self.region)

    def __str__(self) -> str:
        return self.country if self.region is None else f"{self.country}:{self.region}"


def parse_risk_area(text: str, countries: CountryTable | None = None) -> RiskArea:
    """Parse "PH" or "PH:Central Visayas" (country case-insensitive, spaces trimmed).

    With `countries`, the code must also be in that table, which catches typos like "UK".
    """
    country, sep, region = text.partition(":")
    country, region = country.strip().upper(), " ".join(region.split())
    if not _ISO2.fullmatch(country):
        raise ConfigError(
            f"Risk area {text!r} must start with a two-letter ISO country code, as in "
            "'PH' or 'PH:Central Visayas'."
        )
    if sep and not region:
        raise ConfigError(f"Risk area {text!r} has a ':' but no region after it.")
    if countries is not None and country not in countries:
        raise ConfigError(f"Risk area {text!r} names {country}, which is no known country code.")
    return RiskArea(country, region or None)


def parse_risk_areas(
    texts: Iterable[str], countries: CountryTable | None = None
) -> tuple[RiskArea, ...]:
    """Parse a configured list, dropping duplicates but keeping the order."""
    return tuple(dict.fromkeys(parse_risk_area(t, countries) for t in texts))
