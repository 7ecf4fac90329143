"""Identifier extraction from chat text: emails, phones, URLs, messenger and payment
handles, bitcoin addresses, stated ages, and city and country mentions.

The work is split by what it holds:
- `identifiers_model`: the `Identifier` record;
- `identifiers_contact`: emails (incl. "x dot y at z dot com"), phones, URLs;
- `identifiers_handles`: the platform table and handle/payment-handle finders;
- `identifiers_crypto`: bitcoin addresses with Base58Check and bech32/bech32m checks;
- `identifiers_age`: stated-age rules;
- `identifiers_places`: city and country names from ``data/places.csv``.
This module runs them all and resolves overlaps, so each stretch of text is reported
once, under its most specific reading.
"""

from __future__ import annotations

import bisect
from typing import Final

import phonenumbers

from vigil.content.identifiers_age import find_ages
from vigil.content.identifiers_contact import find_emails, find_phones, find_urls
from vigil.content.identifiers_crypto import find_bitcoin, is_valid_bitcoin_address
from vigil.content.identifiers_handles import (
    PLATFORMS,
    Platform,
    find_bare_handles,
    find_cued_handles,
    find_linked_handles,
)
from vigil.content.identifiers_model import KINDS, Identifier
from vigil.content.identifiers_places import find_places

__all__ = [
    "KINDS",
    "PLATFORMS",
    "Identifier",
    "Platform",
    "extract_identifiers",
    "is_valid_bitcoin_address",
]

# When two hits overlap, the more specific reading wins: a PayPal email is a payment
# handle, not an email; "gcash 0917..." is a payment handle, not a phone; an address
# inside a URL is the URL. Ties go to the longer span, then the earlier one.
_PRIORITY: Final = {
    "bitcoin": 90,
    "payment_handle": 80,
    "handle": 70,
    "email": 60,
    "url": 50,
    "phone": 40,
    "age": 30,
    "city": 20,
    "country": 20,
}
_BARE_HANDLE_PRIORITY: Final = 45  # below URLs and emails, above phones


def _priority(hit: Identifier) -> int:
    if hit.kind == "handle" and hit.platform is None:
        return _BARE_HANDLE_PRIORITY
    return _PRIORITY[hit.kind]


def _resolve_overlaps(hits: list[Identifier]) -> list[Identifier]:
    """Keep the best hit of every overlapping group, greedily by priority."""
    ranked = sorted(hits, key=lambda h: (-_priority(h), -(h.end - h.start), h.start))
    starts: list[int] = []  # accepted spans, sorted and disjoint
    ends: list[int] = []
    kept: list[Identifier] = []
    for hit in ranked:
        i = bisect.bisect_right(starts, hit.start)
        if i > 0 and ends[i - 1] > hit.start:
            continue  # overlaps the accepted span to its left
        if i < len(starts) and starts[i] < hit.end:
            continue  # overlaps the accepted span to its right
        starts.insert(i, hit.start)
        ends.insert(i, hit.end)
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, h.kind))


def extract_identifiers(text: str, *, default_region: str = "PH") -> list[Identifier]:
    """Every identifier in `text`, sorted by start offset, one per stretch of text.

    `default_region` is the ISO 3166-1 region assumed for phone numbers written without
    a country code. Raises ValueError for a region libphonenumber does not know; never
    raises on the text itself.
    """
    region = default_region.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"unknown phone region {default_region!r}; use an ISO code like 'PH'")
    emails = find_emails(text)
    phones = find_phones(text, region)
    hits = [
        *emails,
        *phones,
        *find_urls(text),
        *find_bitcoin(text),
        *find_cued_handles(text, phones, emails),
        *find_linked_handles(text),
        *find_bare_handles(text),
        *find_ages(text),
        *find_places(text),
    ]
    return _resolve_overlaps(hits)
