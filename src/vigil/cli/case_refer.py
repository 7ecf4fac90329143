"""`vigil case refer`: request a referral (four eyes), or export an approved one.

The export writes the bundle of vigil.cases.referral plus each evidence item's bytes under
evidence/ITEM, opened through the service (so every read is in custody and the audit log),
and one signed manifest covering all of them.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from vigil.cases import Actor, Case, CaseState
from vigil.cases.referral import MANIFEST_NAME, Dossier, agency_for, bundle_files, manifest
from vigil.cli.case_findings import split_findings
from vigil.cli.session import Cases
from vigil.core import InputError, IntegrityError, WorkflowError

EXPORT_REASON = "referral export"
# Reads leave no mark on what happened to the case; they stay in the audit log itself.
QUIET_ACTIONS = frozenset({"case.view", "case.show"})


@dataclass(frozen=True)
class Exported:
    country: str
    agency: str
    files: dict[str, bytes]
    manifest_sha256: str


def _check_empty(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir} is a file; give a new or empty folder for the referral.")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        raise InputError(f"{out_dir} is not empty; give a new or empty folder for the referral.")


def build_dossier(
    cases: Cases,
    case: Case,
    *,
    provider: str,
    urgency: str,
) -> Dossier:
    """The dossier of a referred case, read from the store in one transaction."""
    with cases.store.transaction() as tx:
        approved = [a for a in tx.authorisations(case.case_id) if a.approved_by]
        if not approved:
            raise WorkflowError(f"Case {case.case_id} has no approved authorisation to refer.")
        auth = max(approved, key=lambda a: a.approved_at or a.entered_at)
        all_items = tx.evidence(case.case_id)
        evidence = tuple(i for i in all_items if i.is_evidence and not i.purged)
        custody = tuple(tx.custody([i.item_id for i in evidence]))
        flags, scores = split_findings(tx.findings(case.case_id))
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
        metadata_flags=flags,
        content_scores=scores,
        provider=provider,
        urgency=urgency,
        legal_basis=f"Judicial authorisation {auth.reference} issued by {auth.authority}",
    )


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write(out_dir: Path, files: dict[str, bytes]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, data in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Evidence and identities: readable by the exporting user only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)


def export_referral(
    cases: Cases,
    actor: Actor,
    case: Case,
    out_dir: Path,
    *,
    provider: str,
    urgency: str,
    at: datetime,
) -> Exported:
    if case.state is not CaseState.REFERRED or not case.country:
        raise WorkflowError(f"Case {case.case_id} is {case.state}; only a referred case exports.")
    _check_empty(out_dir)
    cases.permit(actor, "evidence.read", "case.refer.export", case.case_id)
    with cases.store.transaction() as tx:
        items = [i for i in tx.evidence(case.case_id) if i.is_evidence and not i.purged]
    contents: dict[str, bytes] = {}
    for item in items:
        data = cases.service.read_item(actor, item.item_id, EXPORT_REASON, at)
        if hashlib.sha256(data).hexdigest() != item.sha256:
            raise IntegrityError(f"Evidence item {item.item_id} does not match its SHA-256.")
        contents[f"evidence/{item.item_id}"] = data
    # Built after the reads, so the dossier's custody shows this export's accesses too.
    dossier = build_dossier(cases, case, provider=provider, urgency=urgency)
    signer = cases.service.signer
    files = bundle_files(dossier, case.country, signer, at)
    files.pop(MANIFEST_NAME)
    files.update(contents)
    signed = _json_bytes(manifest(files, signer, case_id=case.case_id, at=at))
    files[MANIFEST_NAME] = signed
    _write(out_dir, files)
    digest = hashlib.sha256(signed).hexdigest()
    cases.audit(
        actor,
        "case.refer.export",
        case.case_id,
        "ok",
        country=case.country,
        files=len(files),
        evidence_items=len(contents),
        manifest_sha256=digest,
    )
    return Exported(case.country, agency_for(case.country).name, files, digest)
