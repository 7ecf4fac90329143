"""The workflow's records: frozen values that the domain reasons about and the store keeps.

Nothing here holds message or media content; evidence content lives only in the vault,
encrypted, and is addressed by item id and SHA-256.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    LEGAL_OFFICER = "legal_officer"
    INVESTIGATOR = "investigator"
    AUDITOR = "auditor"
    ADMIN = "admin"


class CaseState(StrEnum):
    FLAGGED = "flagged"
    UNDER_REVIEW = "under_review"
    DISMISSED = "dismissed"
    AUTHORISATION_REQUESTED = "authorisation_requested"
    AUTHORISED = "authorised"
    IDENTIFICATION = "identification"
    EVALUATION = "evaluation"
    REFERRED = "referred"
    CLOSED_NO_EVIDENCE = "closed_no_evidence"


@dataclass(frozen=True)
class Actor:
    """An authenticated user: every domain action takes one."""

    username: str
    roles: frozenset[Role]

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class Case:
    case_id: str
    state: CaseState
    # Pseudonymised accounts; raw identifiers appear only in a referral dossier.
    accounts: tuple[str, ...]
    opened_by: str
    opened_at: datetime
    # Where the flag came from ("metadata", "content", "decoy") and its explanation.
    origin: str
    summary: str
    country: str | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Authorisation:
    """A judicial authorisation: who issued it, for which accounts, for which window."""

    auth_id: str
    case_id: str
    authority: str
    reference: str
    accounts: tuple[str, ...]
    starts_at: datetime
    ends_at: datetime
    scope: str
    entered_by: str
    entered_at: datetime
    approved_by: str | None = None
    approved_at: datetime | None = None
    # Ed25519 over the canonical form of the fields above (hex), made at approval.
    signature: str | None = None

    def covers(self, account: str, at: datetime) -> bool:
        """True when this approved authorisation names the account and `at` is in its window."""
        return (
            self.approved_by is not None
            and account in self.accounts
            and self.starts_at <= at < self.ends_at
        )

    def signed_fields(self) -> dict[str, Any]:
        return {
            "auth_id": self.auth_id,
            "case_id": self.case_id,
            "authority": self.authority,
            "reference": self.reference,
            "accounts": sorted(self.accounts),
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "scope": self.scope,
            "entered_by": self.entered_by,
            "approved_by": self.approved_by,
        }


@dataclass(frozen=True)
class PendingAction:
    """An action waiting for a second, different approver (four eyes)."""

    case_id: str
    action: str
    requested_by: str
    requested_at: datetime
    approver_role: Role
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EvidenceItem:
    """Metadata of one recorded item; its ciphertext lives in the vault."""

    item_id: str
    case_id: str
    account: str
    captured_at: datetime
    media_type: str
    sha256: str
    size: int
    recorded_by: str
    recorded_at: datetime
    description: str = ""
    # Marked by the investigator during evaluation: only evidence items are referred.
    is_evidence: bool = False
    purged: bool = False


@dataclass(frozen=True)
class CustodyRecord:
    """Chain of custody: who handled which item, when and why."""

    item_id: str
    actor: str
    at: datetime
    action: str
    reason: str


@dataclass(frozen=True)
class AuditEvent:
    """One audit entry before it is sequenced into the Merkle log."""

    at: datetime
    actor: str
    action: str
    target: str
    outcome: str
    details: dict[str, Any] = field(default_factory=dict)

    def canonical(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "outcome": self.outcome,
            "details": self.details,
        }
