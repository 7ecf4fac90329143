"""`vigil case refer`: request a referral (four eyes), or export an approved one.

The export writes the files of vigil.cases.referral_export (the bundle plus each evidence
item's bytes under evidence/ITEM, read through the service so every read is in custody and the
audit log, and one signed manifest covering all of them) into a new or empty folder.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from vigil.cases import Actor, Case
from vigil.cases.referral_export import (
    Exported,
    audit_export,
    referral_files,
    require_exportable,
)
from vigil.cli.session import Cases, write_new_private
from vigil.core import InputError

__all__ = ["Exported", "export_referral"]


def _check_empty(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir} is a file; give a new or empty folder for the referral.")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        raise InputError(f"{out_dir} is not empty; give a new or empty folder for the referral.")


def _write(out_dir: Path, files: dict[str, bytes]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, data in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Evidence and identities: readable by the exporting user only.
        write_new_private(path, data)


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
    require_exportable(case)  # before the output folder is touched
    _check_empty(out_dir)
    done = referral_files(cases.service, actor, case, provider=provider, urgency=urgency, at=at)
    _write(out_dir, done.files)
    audit_export(cases.service, actor, done, at)
    return done
