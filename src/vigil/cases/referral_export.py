"""Exporting an approved referral: the bundle's files plus each evidence item's bytes.

Shared by `vigil case refer --out` (writes a folder) and the console (sends a zip). Every item
is opened through the service, so each read goes into custody and the audit log; the caller
audits the export itself (`audit_export`) once the files are delivered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vigil.cases.model import Actor, AuditEvent, Case, CaseState
from vigil.cases.ports import CaseTransaction
from vigil.cases.referral import MANIFEST_NAME, Dossier, agency_for, bundle_files, manifest
from vigil.cases.service import CaseService
from vigil.core import IntegrityError, PermissionDeniedError, WorkflowError

METADATA = "metadata_flag"
CONTENT = "content_score"
IDENTIFIER = "identifier"
LOCATION = "location"
EXPORT_REASON = "referral export"
# Reads leave no mark on what happened to the case; they stay in the audit log itself.
QUIET_ACTIONS = frozenset({"case.view", "case.show"})


@dataclass(frozen=True)
class Exported:
    case_id: str
    country: str
    agency: str
    files: dict[str, bytes]
    manifest_sha256: str


Rows = tuple[dict[str, Any], ...]


def split_findings(findings: Iterable[dict[str, Any]]) -> tuple[Rows, Rows, Rows, Rows]:
    """(metadata flag rows, content score rows, identifiers, locations) of a case's stored
    findings."""
    parts: dict[str, list[dict[str, Any]]] = {
        METADATA: [],
        CONTENT: [],
        IDENTIFIER: [],
        LOCATION: [],
    }
    for finding in findings:
        row = finding.get("row")
        if not isinstance(row, dict):
            row = {k: v for k, v in finding.items() if k not in ("kind", "file")}
        kind = finding.get("kind")
        if kind in parts:
            parts[str(kind)].append(row)
    identifiers = tuple(
        {k: str(r.get(k) or "") for k in ("kind", "value", "source")} for r in parts[IDENTIFIER]
    )
    locations = tuple(
        {k: str(r.get(k) or "") for k in ("ip", "country", "at")} for r in parts[LOCATION]
    )
    return tuple(parts[METADATA]), tuple(parts[CONTENT]), identifiers, locations


def build_dossier(tx: CaseTransaction, case: Case, *, provider: str, urgency: str) -> Dossier:
    """The dossier of a referred case, read in one transaction."""
    approved = [a for a in tx.authorisations(case.case_id) if a.approved_by]
    if not approved:
        raise WorkflowError(f"Case {case.case_id} has no approved authorisation to refer.")
    auth = max(approved, key=lambda a: a.approved_at or a.entered_at)
    all_items = tx.evidence(case.case_id)
    evidence = tuple(i for i in all_items if i.is_evidence and not i.purged)
    custody = tuple(tx.custody([i.item_id for i in evidence]))
    flags, scores, identifiers, locations = split_findings(tx.findings(case.case_id))
    targets = {case.case_id, *(i.item_id for i in all_items)}
    timeline = tuple(
        (e.event.at, f"{e.event.actor}: {e.event.action} ({e.event.outcome})")
        for e in tx.audit_entries()
        if e.event.target in targets and e.event.action not in QUIET_ACTIONS
    )
    return Dossier(
        case=case,
        authorisation=auth,
        evidence=evidence,
        custody=custody,
        timeline=timeline,
        identifiers=identifiers,
        locations=locations,
        metadata_flags=flags,
        content_scores=scores,
        provider=provider,
        urgency=urgency,
        legal_basis=f"Judicial authorisation {auth.reference} issued by {auth.authority}",
    )


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def require_exportable(case: Case) -> str:
    """The receiving country of a case that may export: only a referred case, with one."""
    if case.state is not CaseState.REFERRED or not case.country:
        raise WorkflowError(f"Case {case.case_id} is {case.state}; only a referred case exports.")
    return case.country


def referral_files(
    service: CaseService,
    actor: Actor,
    case: Case,
    *,
    provider: str,
    urgency: str,
    at: datetime,
) -> Exported:
    """Every file of the referral of `case` (evidence included) and the signed manifest."""
    country = require_exportable(case)
    try:
        service.workflow.require(actor, "evidence.read")
    except PermissionDeniedError as exc:
        service.store.audit_alone(
            AuditEvent(
                at,
                actor.username,
                "case.refer.export",
                case.case_id,
                "refused",
                {"reason": str(exc)},
            )
        )
        raise
    with service.store.transaction() as tx:
        items = [i for i in tx.evidence(case.case_id) if i.is_evidence and not i.purged]
    contents: dict[str, bytes] = {}
    for item in items:
        data = service.read_item(actor, item.item_id, EXPORT_REASON, at)
        if hashlib.sha256(data).hexdigest() != item.sha256:
            raise IntegrityError(f"Evidence item {item.item_id} does not match its SHA-256.")
        contents[f"evidence/{item.item_id}"] = data
    # Built after the reads, so the dossier's custody shows this export's accesses too.
    with service.store.transaction() as tx:
        dossier = build_dossier(tx, case, provider=provider, urgency=urgency)
    files = bundle_files(dossier, country, service.signer, at)
    files.pop(MANIFEST_NAME)
    files.update(contents)
    signed = _json_bytes(manifest(files, service.signer, case_id=case.case_id, at=at))
    files[MANIFEST_NAME] = signed
    return Exported(
        case.case_id,
        country,
        agency_for(country).name,
        files,
        hashlib.sha256(signed).hexdigest(),
    )


def audit_export(service: CaseService, actor: Actor, done: Exported, at: datetime) -> None:
    """The export's own audit entry, once its files are written or sent."""
    service.store.audit_alone(
        AuditEvent(
            at,
            actor.username,
            "case.refer.export",
            done.case_id,
            "ok",
            {
                "country": done.country,
                "files": len(done.files),
                "evidence_items": sum(1 for n in done.files if n.startswith("evidence/")),
                "manifest_sha256": done.manifest_sha256,
            },
        )
    )
