"""The Article 13(1) report of a referral (`summary.json` and `summary.md`).

`ART13_FIELDS` lists, in report order, the fields a report must hold under Article 13(1) of the
proposed EU CSA Regulation (COM(2022) 209). `art13_summary` fills each one from the dossier and
the receiving agency, writing "not available" for anything missing so that no field is ever
blank; `art13_markdown` renders the summary as a human-readable report with one titled section
per field, values defused so that data never turns into markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from vigil.cases.referral_agency import agency_for
from vigil.cases.referral_dossier import Dossier
from vigil.cases.referral_json import NOT_AVAILABLE, jsonable
from vigil.cases.referral_manifest import MANIFEST_NAME
from vigil.core import PSEUDONYM_PREFIX

REGULATION: Final = (
    "Proposal for a Regulation laying down rules to prevent and combat child sexual abuse, "
    "COM(2022) 209, Article 13(1)"
)

# The Article 13(1) fields, in report order; summary.json has each key, never blank.
ART13_FIELDS: Final = (
    "provider_identification",
    "report_timestamp",
    "report_signature",
    "content_data",
    "other_data",
    "content_status",
    "location_data",
    "user_identity",
    "urgent",
    "imminent_threat_to_child",
    "legal_basis",
    "authorisation_reference",
    "referral_agency",
)
_ART13_TITLES: Final = {
    "provider_identification": "Provider identification",
    "report_timestamp": "Date and time of the report",
    "report_signature": "Signature of the report",
    "content_data": "Content data (references and hashes only)",
    "other_data": "Data other than content data (detection results)",
    "content_status": "New or known material, dissemination",
    "location_data": "Location data and IP addresses",
    "user_identity": "Identity of the users involved",
    "urgent": "Urgency",
    "imminent_threat_to_child": "Imminent threat to a child",
    "legal_basis": "Legal basis",
    "authorisation_reference": "Judicial authorisation",
    "referral_agency": "Receiving law-enforcement agency",
}


def _or_na(value: Any) -> Any:
    if value is None or value == "" or value == [] or value == {}:
        return NOT_AVAILABLE
    return value


def art13_summary(
    dossier: Dossier,
    country: str,
    *,
    at: datetime | None = None,
    signed_by: str | None = None,
) -> dict[str, Any]:
    """The Article 13(1) report fields; `at` and `signed_by` (key fingerprint) come at export."""
    agency = agency_for(country)
    auth = dossier.authorisation
    content = [
        {
            "item_id": i.item_id,
            "media_type": _or_na(i.media_type),
            "sha256": i.sha256.lower(),
            "size_bytes": i.size,
            "captured_at": i.captured_at.isoformat(),
            "account": i.account,
            "description": _or_na(i.description),
            "covered_by_authorisation": "yes" if auth.covers(i.account, i.captured_at) else "no",
        }
        for i in dossier.evidence
    ]
    other = {
        "metadata_flags": _or_na(
            [{k: _or_na(jsonable(v)) for k, v in f.items()} for f in dossier.metadata_flags]
        ),
        "content_scores": _or_na(
            [{k: _or_na(jsonable(v)) for k, v in s.items()} for s in dossier.content_scores]
        ),
    }
    accounts = list(dict.fromkeys([*dossier.case.accounts, *(i.account for i in dossier.evidence)]))
    identity = {
        "accounts": _or_na(
            [
                {
                    "account": a,
                    "pseudonymised": "yes" if a.startswith(PSEUDONYM_PREFIX) else "no",
                }
                for a in accounts
            ]
        ),
        "identifiers": _or_na(
            [
                {
                    "kind": d.get("kind") or NOT_AVAILABLE,
                    "value": d.get("value") or NOT_AVAILABLE,
                    "source": d.get("source") or NOT_AVAILABLE,
                }
                for d in dossier.identifiers
            ]
        ),
    }
    if content:
        # Recordings are made live by the provider under the authorisation, so the material is
        # new by construction; it was transmitted live between the accounts named.
        status: Any = {
            "new_or_known": "new: recorded live by the provider; not matched against "
            "known-material hash lists",
            "disseminated": "transmitted live over the provider's service between the "
            "accounts named; no further dissemination is known to the provider",
        }
    else:
        status = NOT_AVAILABLE
    threat = {
        "immediate": "yes: the provider considers a child to be at imminent risk",
        "high": "not indicated; urgent action is requested",
        "routine": "no",
    }[dossier.urgency]
    summary: dict[str, Any] = {
        "regulation": REGULATION,
        "case_id": dossier.case.case_id,
        "provider_identification": {
            "name": _or_na(dossier.provider),
            "legal_representative": NOT_AVAILABLE,
        },
        "report_timestamp": at.isoformat() if at else NOT_AVAILABLE,
        "report_signature": (
            f"Ed25519 signature in {MANIFEST_NAME}, which covers this report; "
            f"key fingerprint (SHA-256) {signed_by}"
            if signed_by
            else NOT_AVAILABLE
        ),
        "content_data": _or_na(content),
        "other_data": other,
        "content_status": status,
        "location_data": _or_na(
            [
                {
                    "ip": loc.get("ip") or NOT_AVAILABLE,
                    "country": loc.get("country") or NOT_AVAILABLE,
                    "at": loc.get("at") or NOT_AVAILABLE,
                }
                for loc in dossier.locations
            ]
        ),
        "user_identity": identity,
        "urgent": dossier.urgency,
        "imminent_threat_to_child": threat,
        "legal_basis": _or_na(dossier.legal_basis),
        "authorisation_reference": {
            "authority": _or_na(auth.authority),
            "reference": _or_na(auth.reference),
            "auth_id": auth.auth_id,
            "window": f"{auth.starts_at.isoformat()} to {auth.ends_at.isoformat()}",
            "scope": _or_na(auth.scope),
            "approved_by": _or_na(auth.approved_by),
            "approved_at": auth.approved_at.isoformat() if auth.approved_at else NOT_AVAILABLE,
        },
        "referral_agency": {
            "country": agency.country,
            "name": agency.name,
            "unit": agency.unit,
            "note": agency.note,
            "via_interpol": "yes" if agency.via_interpol else "no",
        },
        "timeline": _or_na(
            [{"at": when.isoformat(), "event": what} for when, what in dossier.timeline]
        ),
    }
    return summary


def _md_line(value: Any) -> str:
    # Values are data, not markup: one line each, pipes and backticks defused.
    if isinstance(value, dict):
        value = ", ".join(f"{k}={_md_line(v)}" for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        value = ", ".join(_md_line(v) for v in value)
    text = " ".join(str(value).split())
    return text.replace("|", "\\|").replace("`", "'")


def _md_block(value: Any, indent: str = "") -> list[str]:
    if isinstance(value, dict):
        lines: list[str] = []
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                lines.append(f"{indent}- {_md_line(k)}:")
                lines.extend(_md_block(v, indent + "  "))
            else:
                lines.append(f"{indent}- {_md_line(k)}: {_md_line(v)}")
        return lines
    if isinstance(value, list):
        lines = []
        for v in value:
            if isinstance(v, dict):
                lines.append(
                    f"{indent}- " + "; ".join(f"{_md_line(k)}: {_md_line(x)}" for k, x in v.items())
                )
            else:
                lines.append(f"{indent}- {_md_line(v)}")
        return lines
    return [f"{indent}{_md_line(value)}"]


def art13_markdown(summary: Mapping[str, Any]) -> str:
    """The summary as a human-readable report; every Article 13 field has a section."""
    lines = [
        f"# Referral report, case {_md_line(summary.get('case_id', NOT_AVAILABLE))}",
        "",
        f"Report fields under the {_md_line(summary.get('regulation', REGULATION))}.",
        "Evidence is identified by SHA-256 and size; no content is part of this report.",
    ]
    for key in (*ART13_FIELDS, "timeline"):
        lines += ["", f"## {_ART13_TITLES.get(key, key.replace('_', ' ').capitalize())}", ""]
        lines += _md_block(summary.get(key, NOT_AVAILABLE))
    return "\n".join(lines) + "\n"
