"""The dossier: everything a referral says about one case, checked before anything is built.

`Dossier` is a frozen record the workflow assembles (case, authorisation, the items marked as
evidence, their custody, identifiers, timeline, detection results, locations, provider, urgency
and legal basis); its validation refuses a dossier that would refer the wrong thing, such as
evidence of another case, destroyed or unmarked items, missing digests or malformed IP
addresses. Every other referral module reads a dossier and never changes it.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from vigil.cases.model import Authorisation, Case, CustodyRecord, EvidenceItem
from vigil.core import InputError

URGENCIES: Final = ("immediate", "high", "routine")

_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class Dossier:
    """Everything a referral says about one case. Built by the workflow; read-only here."""

    case: Case
    authorisation: Authorisation
    # Only items the investigator marked as evidence; their content stays in the vault.
    evidence: tuple[EvidenceItem, ...]
    custody: tuple[CustodyRecord, ...]
    # {"kind": "email", "value": "x@example.org", "source": "content identification"}
    identifiers: tuple[dict[str, str], ...] = ()
    timeline: tuple[tuple[datetime, str], ...] = ()
    # Rows of the flags contract: account, role, score, rank, patterns, window_start, explanation.
    metadata_flags: tuple[dict[str, Any], ...] = ()
    # Rows of the content-scores contract: conversation_id, flagged, score, categories, explanation.
    content_scores: tuple[dict[str, Any], ...] = ()
    # {"ip": "203.0.113.5", "country": "PH", "at": "2024-05-01T10:00:00+00:00"}
    locations: tuple[dict[str, str], ...] = ()
    provider: str = ""
    urgency: str = "routine"
    legal_basis: str = ""

    def __post_init__(self) -> None:
        # Refuse a dossier that would refer the wrong thing, before anything is built from it.
        case_id = self.case.case_id
        if self.urgency not in URGENCIES:
            raise InputError(f"The urgency {self.urgency!r} is not one of {', '.join(URGENCIES)}.")
        if self.authorisation.case_id != case_id:
            raise InputError(
                f"Authorisation {self.authorisation.auth_id} is not for case {case_id}."
            )
        for item in self.evidence:
            if item.case_id != case_id:
                raise InputError(f"Evidence item {item.item_id} belongs to another case.")
            if not item.is_evidence:
                raise InputError(
                    f"Item {item.item_id} is not marked as evidence and cannot be referred."
                )
            if item.purged:
                raise InputError(f"Item {item.item_id} was destroyed and cannot be referred.")
            if not _SHA256.fullmatch(item.sha256):
                raise InputError(f"Item {item.item_id} has no valid SHA-256 digest.")
        for ident in self.identifiers:
            if not ident.get("kind") or not ident.get("value"):
                raise InputError("Every identifier needs a kind and a value.")
            if ident["kind"].lower() == "ip":
                _check_ip(ident["value"])
        for loc in self.locations:
            _check_ip(loc.get("ip", ""))


def _check_ip(value: str) -> None:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        raise InputError(f"The IP address {value!r} in the dossier is not valid.") from None
