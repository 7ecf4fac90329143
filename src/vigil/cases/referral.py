"""Referral export: what goes to the law-enforcement agency of the relevant country.

Pure builders: every function returns values (dicts, bytes) and the CLI writes the files.
A referral holds
- `bundle.jsonld`, a CASE 1.x / UCO 1.x graph that `case_validate` accepts;
- `summary.json` / `summary.md`, the fields a report must hold under Article 13(1) of the
  proposed EU CSA Regulation (COM(2022) 209), each one saying "not available" when missing;
- `dossier.json`, the dossier itself;
- `manifest.json`, SHA-256 and size of every other file, signed with Ed25519.
Evidence content never appears here: items are named by id, SHA-256 and size, and the CLI adds
their bytes to the referral as extra files the manifest also covers.

This module is the facade and the assembly: `bundle_files` builds every file from the parts,
which it re-exports: `referral_agency` (Agency, agency_for), `referral_dossier` (Dossier),
`referral_uco` (build_bundle), `referral_summary` (ART13_FIELDS, art13_summary, art13_markdown),
`referral_manifest` (manifest, verify_manifest) and `referral_json` (shared helpers).
"""

from __future__ import annotations

from datetime import datetime

from vigil.cases.referral_agency import Agency, agency_for
from vigil.cases.referral_dossier import URGENCIES, Dossier
from vigil.cases.referral_json import NOT_AVAILABLE, dossier_dict, json_bytes
from vigil.cases.referral_manifest import manifest, verify_manifest
from vigil.cases.referral_summary import ART13_FIELDS, art13_markdown, art13_summary
from vigil.cases.referral_uco import build_bundle
from vigil.core.signing import Signer

# Module constants that are public but outside __all__, re-exported (`X as X`) for callers
# that import them by name.
from vigil.cases.referral_manifest import MANIFEST_FORMAT as MANIFEST_FORMAT  # isort: skip
from vigil.cases.referral_manifest import MANIFEST_NAME as MANIFEST_NAME  # isort: skip
from vigil.cases.referral_summary import REGULATION as REGULATION  # isort: skip

__all__ = [
    "ART13_FIELDS",
    "NOT_AVAILABLE",
    "URGENCIES",
    "Agency",
    "Dossier",
    "agency_for",
    "art13_markdown",
    "art13_summary",
    "build_bundle",
    "bundle_files",
    "manifest",
    "verify_manifest",
]


def bundle_files(dossier: Dossier, country: str, signer: Signer, at: datetime) -> dict[str, bytes]:
    """The referral's files by name; the manifest covers all the others."""
    summary = art13_summary(dossier, country, at=at, signed_by=signer.verifier.fingerprint())
    out = {
        "bundle.jsonld": json_bytes(build_bundle(dossier, country, at=at)),
        "summary.json": json_bytes(summary),
        "summary.md": art13_markdown(summary).encode("utf-8"),
        "dossier.json": json_bytes(dossier_dict(dossier)),
    }
    out[MANIFEST_NAME] = json_bytes(manifest(out, signer, case_id=dossier.case.case_id, at=at))
    return out
