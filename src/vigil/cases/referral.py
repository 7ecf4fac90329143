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
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
import tomllib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib.resources import files as package_files
from typing import Any, Final

from vigil.cases.model import Authorisation, Case, CustodyRecord, EvidenceItem
from vigil.cases.signing import Signer, Verifier
from vigil.core import PSEUDONYM_PREFIX, InputError, ReferenceDataError

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

NOT_AVAILABLE: Final = "not available"
URGENCIES: Final = ("immediate", "high", "routine")
MANIFEST_NAME: Final = "manifest.json"
MANIFEST_FORMAT: Final = "vigil-referral-manifest/1"
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

_COUNTRY = re.compile(r"[A-Za-z]{2}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
# Codes people write that are not the ISO 3166-1 code of the same country.
_COUNTRY_ALIASES: Final = {"UK": "GB"}


# ---------------------------------------------------------------------------------- agencies


@dataclass(frozen=True)
class Agency:
    country: str
    name: str
    unit: str
    note: str
    # True when no national agency is listed and the referral goes through INTERPOL.
    via_interpol: bool = False


@lru_cache(maxsize=1)
def _agencies() -> dict[str, Agency]:
    text = package_files("vigil.cases").joinpath("data/agencies.toml").read_text("utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceDataError(f"The agency list is not valid TOML: {exc}.") from exc
    out: dict[str, Agency] = {}
    for code, entry in raw.items():
        fields = ("name", "unit", "note")
        if (
            not _COUNTRY.fullmatch(code)
            or not isinstance(entry, dict)
            or not all(isinstance(entry.get(f), str) and entry[f] for f in fields)
        ):
            raise ReferenceDataError(
                f"The agency list entry {code!r} needs a two-letter code with name, unit and note."
            )
        out[code.upper()] = Agency(code.upper(), entry["name"], entry["unit"], entry["note"])
    return out


def agency_for(country: str) -> Agency:
    """The agency receiving referrals for `country` (ISO 3166-1 alpha-2), or its INTERPOL NCB."""
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country.strip()):
        raise InputError(f"The country code {country!r} is not a two-letter ISO 3166-1 code.")
    code = country.strip().upper()
    code = _COUNTRY_ALIASES.get(code, code)
    known = _agencies().get(code)
    if known is not None:
        return known
    return Agency(
        country=code,
        name="INTERPOL National Central Bureau",
        unit=f"National Central Bureau for {code}",
        note=(
            "No national agency is listed for this country: refer through its INTERPOL "
            "National Central Bureau, which passes the case to the competent authority."
        ),
        via_interpol=True,
    )


# ----------------------------------------------------------------------------------- dossier


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


def _jsonable(value: Any) -> Any:
    """Dossier values as JSON: datetimes in ISO-8601, tuples and sets as lists."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):  # dates
        return value.isoformat()
    return value


def _record(obj: Any) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in vars(obj).items() if not k.startswith("_")}


def _dossier_dict(d: Dossier) -> dict[str, Any]:
    return {
        "format": "vigil-dossier/1",
        "case": _record(d.case),
        "authorisation": _record(d.authorisation),
        "evidence": [_record(i) for i in d.evidence],
        "custody": [_record(c) for c in d.custody],
        "identifiers": _jsonable(d.identifiers),
        "timeline": [{"at": at.isoformat(), "event": what} for at, what in d.timeline],
        "metadata_flags": _jsonable(d.metadata_flags),
        "content_scores": _jsonable(d.content_scores),
        "locations": _jsonable(d.locations),
        "provider": d.provider,
        "urgency": d.urgency,
        "legal_basis": d.legal_basis,
    }


# ------------------------------------------------------------------------------ CASE bundle

_CONTEXT: Final = {
    "kb": "urn:vigil:kb:",
    "investigation": "https://ontology.caseontology.org/case/investigation/",
    "uco-action": "https://ontology.unifiedcyberontology.org/uco/action/",
    "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
    "uco-identity": "https://ontology.unifiedcyberontology.org/uco/identity/",
    "uco-location": "https://ontology.unifiedcyberontology.org/uco/location/",
    "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/",
    "uco-role": "https://ontology.unifiedcyberontology.org/uco/role/",
    "uco-tool": "https://ontology.unifiedcyberontology.org/uco/tool/",
    "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Fixed, so the same dossier always gives the same node ids (reproducible, diffable bundles).
_ID_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "urn:vigil:referral-bundle")
_FOCUS: Final = "Online child sexual exploitation (live-streamed)"


def _dt(value: datetime) -> dict[str, str]:
    return {"@type": "xsd:dateTime", "@value": value.isoformat()}


def _parse_dt(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _ref(node_id: str) -> dict[str, str]:
    return {"@id": node_id}


def _text(value: Any) -> str:
    """Explanations arrive as text or lists of reasons; one line either way."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _tags(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def _term(keyword: str) -> str:
    """uco_core__name -> uco-core:name: keyword arguments cannot hold the compact IRI itself."""
    prefix, local = keyword.split("__")
    return f"{prefix.replace('_', '-')}:{local}"


class _Graph:
    """Collects nodes by id; an id is a UUIDv5 of the case id and a local key."""

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.nodes: dict[str, dict[str, Any]] = {}

    def id(self, kind: str, key: str) -> str:
        name = "\x1f".join((self.case_id, kind, key))
        return f"kb:{kind}-{uuid.uuid5(_ID_NAMESPACE, name)}"

    def add(self, kind: str, key: str, types: str | list[str], **props: Any) -> str:
        node_id = self.id(kind, key)
        if node_id not in self.nodes:
            node: dict[str, Any] = {"@id": node_id, "@type": types}
            node.update({_term(k): v for k, v in props.items() if v not in (None, [])})
            self.nodes[node_id] = node
        return node_id

    def facet(self, kind: str, key: str, types: str, **props: Any) -> dict[str, Any]:
        # Facets and hashes are UcoThings too: they need an IRI ending in a UUID.
        node: dict[str, Any] = {"@id": self.id(kind, key), "@type": types}
        node.update({_term(k): v for k, v in props.items() if v not in (None, [])})
        return node


def _relationship(g: _Graph, source: str, target: str, kind: str, **props: Any) -> str:
    return g.add(
        "relationship",
        f"{source}|{kind}|{target}",
        "uco-core:Relationship",
        uco_core__source=_ref(source),
        uco_core__target=_ref(target),
        uco_core__kindOfRelationship=kind,
        uco_core__isDirectional=True,
        **props,
    )


def _organisation(g: _Graph, key: str, name: str, role: str, *description: str) -> str:
    org = g.add(
        "organization",
        key,
        "uco-identity:Organization",
        uco_core__name=name,
        uco_core__description=[d for d in description if d],
    )
    role_id = g.add("role", key, "uco-role:Role", uco_core__name=role)
    _relationship(g, org, role_id, "Has_Role")
    return org


def _ip_node(g: _Graph, value: str) -> str:
    addr = ipaddress.ip_address(value)
    version = "IPv4" if addr.version == 4 else "IPv6"
    facet = g.facet(
        "ip-facet",
        str(addr),
        f"uco-observable:{version}AddressFacet",
        uco_observable__addressValue=str(addr),
    )
    return g.add(
        "ip-address",
        str(addr),
        f"uco-observable:{version}Address",
        uco_core__hasFacet=[facet],
    )


def _identifier_node(g: _Graph, ident: Mapping[str, str]) -> str:
    kind, value = ident["kind"].lower(), ident["value"]
    note = f"{kind} identifier; source: {ident.get('source') or NOT_AVAILABLE}"
    key = f"{kind}|{value}"
    if kind == "ip":
        node_id = _ip_node(g, value)
        notes = g.nodes[node_id].setdefault("uco-core:description", [])
        if note not in notes:
            notes.append(note)
        return node_id
    if kind == "email":
        types, facet_type, prop = (
            "uco-observable:EmailAddress",
            "uco-observable:EmailAddressFacet",
            "uco_observable__addressValue",
        )
    elif kind == "phone":
        types, facet_type, prop = (
            "uco-observable:PhoneAccount",
            "uco-observable:PhoneAccountFacet",
            "uco_observable__phoneNumber",
        )
    elif kind == "url":
        types, facet_type, prop = (
            "uco-observable:URL",
            "uco-observable:URLFacet",
            "uco_observable__fullValue",
        )
    else:
        return g.add(
            "identifier",
            key,
            "uco-observable:ObservableObject",
            uco_core__name=value,
            uco_core__description=[note],
            uco_core__tag=[kind],
        )
    facet = g.facet("identifier-facet", key, facet_type, **{prop: value})
    return g.add("identifier", key, types, uco_core__hasFacet=[facet], uco_core__description=[note])


def _account_node(g: _Graph, account: str, provider: str) -> str:
    facet = g.facet(
        "account-facet",
        account,
        "uco-observable:AccountFacet",
        uco_observable__accountIdentifier=account,
        uco_observable__accountIssuer=_ref(provider),
    )
    pseudonymous = account.startswith(PSEUDONYM_PREFIX)
    return g.add(
        "account",
        account,
        "uco-observable:DigitalAccount",
        uco_core__hasFacet=[facet],
        uco_core__description=[
            "Pseudonymised account identifier; the provider holds the key to re-identify it."
            if pseudonymous
            else "Account identifier on the provider's service."
        ],
    )


def _staff_node(g: _Graph, username: str) -> str:
    # A user of the case system (provider staff, or an NGO or police investigator).
    return g.add(
        "identity",
        username,
        "uco-identity:Identity",
        uco_core__name=username,
        uco_core__description=["User of the case system who handled the case"],
    )


def _parties(g: _Graph, dossier: Dossier, agency: Agency) -> tuple[str, str, str]:
    """Provider, agency and the judicial authorisation; returns their ids."""
    auth = dossier.authorisation
    provider = _organisation(
        g,
        "provider",
        dossier.provider or NOT_AVAILABLE,
        "Reporting service provider",
        "The provider whose service the accounts use; it makes this referral.",
    )
    agency_id = _organisation(
        g,
        "agency",
        agency.name,
        "Receiving law-enforcement agency",
        agency.unit,
        agency.note,
        f"Country: {agency.country}",
    )
    authority = _organisation(
        g, "authority", auth.authority or NOT_AVAILABLE, "Issuing judicial authority"
    )
    authorization = g.add(
        "authorization",
        auth.auth_id,
        "investigation:Authorization",
        uco_core__name=f"Authorisation {auth.auth_id}",
        investigation__authorizationType="judicial authorisation",
        investigation__authorizationIdentifier=[auth.reference],
        uco_core__startTime=_dt(auth.starts_at),
        uco_core__endTime=_dt(auth.ends_at),
        uco_core__description=[
            f"Issued by {auth.authority or NOT_AVAILABLE}",
            f"Scope: {auth.scope or NOT_AVAILABLE}",
            f"Accounts: {', '.join(auth.accounts) or NOT_AVAILABLE}",
            f"Approved by: {auth.approved_by or NOT_AVAILABLE}",
        ],
    )
    _relationship(g, authorization, authority, "Issued_By")
    return provider, agency_id, authorization


def _observables(g: _Graph, dossier: Dossier, provider: str) -> dict[str, str]:
    """Accounts, identifiers and geolocated IPs; returns account -> node id."""
    accounts = dict.fromkeys(
        [*dossier.case.accounts, *(i.account for i in dossier.evidence)]
        + [str(f["account"]) for f in dossier.metadata_flags if f.get("account")]
    )
    account_ids = {a: _account_node(g, a, provider) for a in accounts}
    for ident in dossier.identifiers:
        _identifier_node(g, ident)
    for loc in dossier.locations:
        ip = _ip_node(g, loc["ip"])
        country = loc.get("country") or NOT_AVAILABLE
        address = g.facet(
            "address-facet",
            country,
            "uco-location:SimpleAddressFacet",
            uco_location__country=country,
        )
        place = g.add("location", country, "uco-location:Location", uco_core__hasFacet=[address])
        seen = _parse_dt(loc.get("at"))
        g.add(
            "relationship",
            f"{ip}|Located_In|{place}|{loc.get('at')}",
            "uco-core:Relationship",
            uco_core__source=_ref(ip),
            uco_core__target=_ref(place),
            uco_core__kindOfRelationship="Located_In",
            uco_core__isDirectional=True,
            uco_core__startTime=_dt(seen) if seen else None,
            uco_core__description=[
                f"Geolocated from the IP address; seen at {loc.get('at') or NOT_AVAILABLE}"
            ],
        )
    return account_ids


def _evidence(
    g: _Graph, dossier: Dossier, accounts: Mapping[str, str]
) -> dict[str, tuple[str, str, str]]:
    """Per item: the observable, a provenance record naming it as an exhibit, and the recording
    action that produced both. Returns item id -> (observable, record, action)."""
    case_id, auth = dossier.case.case_id, dossier.authorisation
    tool = g.add(
        "tool",
        "vigil",
        "uco-tool:Tool",
        uco_core__name="vigil",
        uco_tool__toolType="detection and evidence management",
    )
    out: dict[str, tuple[str, str, str]] = {}
    for n, item in enumerate(dossier.evidence, start=1):
        hash_node = g.facet(
            "hash",
            item.item_id,
            "uco-types:Hash",
            uco_types__hashMethod="SHA256",
            uco_types__hashValue={"@type": "xsd:hexBinary", "@value": item.sha256.lower()},
        )
        content = g.facet(
            "content-data-facet",
            item.item_id,
            "uco-observable:ContentDataFacet",
            uco_observable__hash=[hash_node],
            uco_observable__sizeInBytes={"@type": "xsd:integer", "@value": item.size},
            uco_observable__mimeType=item.media_type if "/" in item.media_type else None,
        )
        obs = g.add(
            "evidence",
            item.item_id,
            "uco-observable:ObservableObject",
            uco_core__name=item.item_id,
            uco_core__description=[item.description or item.media_type],
            uco_core__tag=[item.media_type],
            uco_core__hasFacet=[content],
        )
        record = g.add(
            "provenance-record",
            item.item_id,
            "investigation:ProvenanceRecord",
            investigation__exhibitNumber=f"{case_id}-{n:03d}",
            uco_core__description=[f"Evidence item {item.item_id}"],
            uco_core__object=[_ref(obs)],
        )
        covered = auth.covers(item.account, item.captured_at)
        action = g.add(
            "action",
            f"recorded|{item.item_id}",
            "investigation:InvestigativeAction",
            uco_core__name="recorded under judicial authorisation",
            uco_core__description=[
                f"Recorded by {item.recorded_by}, stored {item.recorded_at.isoformat()}",
                f"Covered by authorisation {auth.auth_id}: {'yes' if covered else 'no'}",
            ],
            uco_action__startTime=_dt(item.captured_at),
            uco_action__performer=_ref(_staff_node(g, item.recorded_by)),
            uco_action__instrument=[_ref(tool)],
            uco_action__object=[_ref(accounts[item.account])],
            uco_action__result=[_ref(obs), _ref(record)],
        )
        out[item.item_id] = (obs, record, action)
    return out


def _custody(g: _Graph, dossier: Dossier, items: Mapping[str, tuple[str, str, str]]) -> None:
    """One action per custody entry, each informed by the item's previous action: a chain."""
    last = {item_id: action for item_id, (_, _, action) in items.items()}
    ordered = sorted(dossier.custody, key=lambda c: (c.at, c.item_id, c.action, c.actor, c.reason))
    for n, rec in enumerate(ordered):
        targets = items.get(rec.item_id)
        previous = last.get(rec.item_id)
        last[rec.item_id] = g.add(
            "action",
            f"custody|{n}|{rec.item_id}|{rec.at.isoformat()}|{rec.action}",
            "investigation:InvestigativeAction",
            uco_core__name=rec.action,
            uco_core__description=[rec.reason or NOT_AVAILABLE, f"Item {rec.item_id}"],
            uco_action__startTime=_dt(rec.at),
            uco_action__performer=_ref(_staff_node(g, rec.actor)),
            uco_action__object=[_ref(t) for t in targets[:2]] if targets else None,
            investigation__wasInformedBy=[_ref(previous)] if previous else None,
        )


def _detections(
    g: _Graph, dossier: Dossier, accounts: Mapping[str, str], investigation: str
) -> None:
    """Detection results (scores and explanations, never message text) as annotations."""
    for n, flag in enumerate(dossier.metadata_flags):
        account = str(flag.get("account") or "")
        g.add(
            "annotation",
            f"flag|{n}|{account}",
            "uco-core:Annotation",
            uco_core__name=f"metadata flag ({flag.get('role') or 'role not available'})",
            uco_core__statement=_text(flag.get("explanation")) or NOT_AVAILABLE,
            uco_core__description=[
                f"score {flag.get('score')}, rank {flag.get('rank')}, "
                f"window start {_jsonable(flag.get('window_start'))}"
            ],
            uco_core__tag=_tags(flag.get("patterns")),
            uco_core__object=[_ref(accounts[account] if account else investigation)],
        )
    for n, score in enumerate(dossier.content_scores):
        g.add(
            "annotation",
            f"content|{n}|{score.get('conversation_id')}",
            "uco-core:Annotation",
            uco_core__name=f"content score, conversation {score.get('conversation_id')}",
            uco_core__statement=_text(score.get("explanation")) or NOT_AVAILABLE,
            uco_core__description=[
                f"flagged {score.get('flagged')}, score {score.get('score')}, "
                f"categories {_jsonable(score.get('categories'))}"
            ],
            uco_core__object=[_ref(investigation)],
        )
    for n, (when, what) in enumerate(dossier.timeline):
        g.add(
            "event",
            f"timeline|{n}|{when.isoformat()}",
            "uco-core:Event",
            uco_core__eventType="case timeline",
            uco_core__startTime=[_dt(when)],
            uco_core__description=[what],
        )


def build_bundle(dossier: Dossier, country: str, *, at: datetime | None = None) -> dict[str, Any]:
    """The dossier as a CASE/UCO JSON-LD bundle; `at` adds the referral action itself."""
    agency = agency_for(country)
    case = dossier.case
    g = _Graph(case.case_id)
    investigation = g.id("investigation", case.case_id)
    provider, agency_id, authorization = _parties(g, dossier, agency)
    accounts = _observables(g, dossier, provider)
    items = _evidence(g, dossier, accounts)
    _custody(g, dossier, items)
    _detections(g, dossier, accounts, investigation)
    if at is not None:
        g.add(
            "action",
            f"referred|{agency.country}|{at.isoformat()}",
            "investigation:InvestigativeAction",
            uco_core__name="referred to law enforcement",
            uco_core__description=[f"Urgency: {dossier.urgency}"],
            uco_action__startTime=_dt(at),
            uco_action__performer=_ref(provider),
            uco_action__participant=[_ref(agency_id)],
            uco_action__object=[_ref(obs) for obs, _, _ in items.values()],
        )
    members = [_ref(node_id) for node_id in g.nodes]
    g.add(
        "investigation",
        case.case_id,
        "investigation:Investigation",
        uco_core__name=case.case_id,
        uco_core__description=[d for d in (case.summary, f"Origin: {case.origin}") if d],
        investigation__focus=[_FOCUS],
        investigation__investigationStatus=str(case.state),
        uco_core__startTime=_dt(case.opened_at),
        investigation__relevantAuthorization=[_ref(authorization)],
        uco_core__object=members,
    )
    # The bundle encloses the graph but is no member of it, so it is built beside the nodes.
    bundle = g.facet(
        "bundle",
        "bundle",
        "uco-core:Bundle",
        uco_core__name=f"vigil referral of case {case.case_id} to {agency.name} ({agency.country})",
        uco_core__description=[
            "Evidence is referenced by SHA-256 and size; its content is delivered separately."
        ],
        uco_core__object=[_ref(investigation), *members],
    )
    return {"@context": dict(_CONTEXT), "@graph": [bundle, *g.nodes.values()]}


# ---------------------------------------------------------------------- Article 13 summary


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
            [{k: _or_na(_jsonable(v)) for k, v in f.items()} for f in dossier.metadata_flags]
        ),
        "content_scores": _or_na(
            [{k: _or_na(_jsonable(v)) for k, v in s.items()} for s in dossier.content_scores]
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


# ---------------------------------------------------------------------------------- manifest


def _check_name(name: str) -> bool:
    """Names are relative POSIX paths inside the referral folder: the CLI writes them there."""
    parts = name.split("/")
    return (
        bool(name)
        and not name.startswith("/")
        and "\\" not in name
        and all(p not in ("", ".", "..") for p in parts)
    )


def _signed_fields(m: Mapping[str, Any]) -> dict[str, Any]:
    return {k: m[k] for k in ("format", "case_id", "created_at", "files", "key_fingerprint")}


def manifest(
    files: Mapping[str, bytes], signer: Signer, *, case_id: str, at: datetime
) -> dict[str, Any]:
    """SHA-256 and size of every file, signed; extra files (evidence/ITEM.bin) are welcome."""
    if MANIFEST_NAME in files:
        raise InputError(f"{MANIFEST_NAME} cannot list itself.")
    for name in files:
        if not _check_name(name):
            raise InputError(f"The file name {name!r} is not a relative path inside the referral.")
    m: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "case_id": case_id,
        "created_at": at.isoformat(),
        "files": [
            {
                "name": name,
                "sha256": hashlib.sha256(files[name]).hexdigest(),
                "size": len(files[name]),
            }
            for name in sorted(files)
        ],
        "key_fingerprint": signer.verifier.fingerprint(),
    }
    m["algorithm"] = "Ed25519"
    m["signature"] = signer.sign(_signed_fields(m))
    return m


def verify_manifest(
    manifest: Mapping[str, Any], files: Mapping[str, bytes], verifier: Verifier
) -> list[str]:
    """Every problem found, one sentence each; an empty list means the referral is intact."""
    try:
        signed = _signed_fields(manifest)
        listed = {str(f["name"]): f for f in manifest["files"]}
        signature = str(manifest["signature"])
    except (KeyError, TypeError):
        return ["The manifest is incomplete: it lacks the file list, key or signature."]
    problems: list[str] = []
    if manifest.get("key_fingerprint") != verifier.fingerprint():
        problems.append("The manifest was signed with a different key than the one given.")
    elif not verifier.valid(signed, signature):
        problems.append("The manifest signature does not verify.")
    for name, entry in listed.items():
        if not _check_name(name):
            problems.append(
                f"The manifest lists {name!r}, which is not a path inside the referral."
            )
            continue
        data = files.get(name)
        if data is None:
            problems.append(f"{name} is listed in the manifest but missing.")
            continue
        if len(data) != entry.get("size"):
            problems.append(f"{name} has {len(data)} bytes; the manifest says {entry.get('size')}.")
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            problems.append(f"{name} does not match its SHA-256 in the manifest.")
    for name in sorted(set(files) - set(listed) - {MANIFEST_NAME}):
        problems.append(f"{name} is not listed in the manifest.")
    return problems


# ---------------------------------------------------------------------------------- referral


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def bundle_files(dossier: Dossier, country: str, signer: Signer, at: datetime) -> dict[str, bytes]:
    """The referral's files by name; the manifest covers all the others."""
    summary = art13_summary(dossier, country, at=at, signed_by=signer.verifier.fingerprint())
    out = {
        "bundle.jsonld": _json_bytes(build_bundle(dossier, country, at=at)),
        "summary.json": _json_bytes(summary),
        "summary.md": art13_markdown(summary).encode("utf-8"),
        "dossier.json": _json_bytes(_dossier_dict(dossier)),
    }
    out[MANIFEST_NAME] = _json_bytes(manifest(out, signer, case_id=dossier.case.case_id, at=at))
    return out
