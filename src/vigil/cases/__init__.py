"""The two-phase workflow: case lifecycle (transitions as data), users and roles, the
evidence vault's cryptography, the Merkle audit log and referral bundles.

Pure domain: storage is behind `CaseStore` (vigil.cases.ports), implemented in vigil.store.
"""

from vigil.cases.audit_log import (
    LogEntry,
    TreeHead,
    VerifyReport,
    check_consistency,
    prove_inclusion,
    sign_head,
    verify_log,
)
from vigil.cases.certificate import DeletionCertificate, verify_certificate
from vigil.cases.merkle import MerkleAccumulator
from vigil.cases.model import (
    Actor,
    AuditEvent,
    Authorisation,
    Case,
    CaseState,
    CustodyRecord,
    EvidenceItem,
    PendingAction,
    Role,
)
from vigil.cases.ports import CaseStore, CaseTransaction
from vigil.cases.service import CaseService
from vigil.cases.users import User, parse_roles
from vigil.cases.vault import MasterKeyring, Sealed, WrappedKey
from vigil.cases.workflow import Transition, Workflow
from vigil.core.signing import Signer, Verifier

__all__ = [
    "Actor",
    "AuditEvent",
    "Authorisation",
    "Case",
    "CaseService",
    "CaseState",
    "CaseStore",
    "CaseTransaction",
    "CustodyRecord",
    "DeletionCertificate",
    "EvidenceItem",
    "LogEntry",
    "MasterKeyring",
    "MerkleAccumulator",
    "PendingAction",
    "Role",
    "Sealed",
    "Signer",
    "Transition",
    "TreeHead",
    "User",
    "Verifier",
    "VerifyReport",
    "Workflow",
    "WrappedKey",
    "check_consistency",
    "parse_roles",
    "prove_inclusion",
    "sign_head",
    "verify_certificate",
    "verify_log",
]
