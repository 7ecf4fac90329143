"""The CASE 1.x / UCO 1.x graph of a referral (`bundle.jsonld`), which `case_validate` accepts.

`build_bundle` turns a dossier into a JSON-LD bundle: the provider, the receiving agency and
the judicial authorisation; accounts, identifiers and geolocated IP addresses; each evidence
item as an observable with its SHA-256 and size, a provenance record and the action that
recorded it; the custody chain; detection results as annotations; the timeline; and the
investigation that holds them all. Node ids are UUIDv5 of the case id and a local key, so the
same dossier always gives the same, diffable graph. Evidence content never enters the graph.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from vigil.cases.referral_agency import Agency, agency_for
from vigil.cases.referral_dossier import Dossier
from vigil.cases.referral_json import NOT_AVAILABLE, dt, jsonable, tags, text
from vigil.core import PSEUDONYM_PREFIX

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


def _parse_dt(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _ref(node_id: str) -> dict[str, str]:
    return {"@id": node_id}


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
        uco_core__startTime=dt(auth.starts_at),
        uco_core__endTime=dt(auth.ends_at),
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
            uco_core__startTime=dt(seen) if seen else None,
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
            uco_action__startTime=dt(item.captured_at),
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
            uco_action__startTime=dt(rec.at),
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
            uco_core__statement=text(flag.get("explanation")) or NOT_AVAILABLE,
            uco_core__description=[
                f"score {flag.get('score')}, rank {flag.get('rank')}, "
                f"window start {jsonable(flag.get('window_start'))}"
            ],
            uco_core__tag=tags(flag.get("patterns")),
            uco_core__object=[_ref(accounts[account] if account else investigation)],
        )
    for n, score in enumerate(dossier.content_scores):
        g.add(
            "annotation",
            f"content|{n}|{score.get('conversation_id')}",
            "uco-core:Annotation",
            uco_core__name=f"content score, conversation {score.get('conversation_id')}",
            uco_core__statement=text(score.get("explanation")) or NOT_AVAILABLE,
            uco_core__description=[
                f"flagged {score.get('flagged')}, score {score.get('score')}, "
                f"categories {jsonable(score.get('categories'))}"
            ],
            uco_core__object=[_ref(investigation)],
        )
    for n, (when, what) in enumerate(dossier.timeline):
        g.add(
            "event",
            f"timeline|{n}|{when.isoformat()}",
            "uco-core:Event",
            uco_core__eventType="case timeline",
            uco_core__startTime=[dt(when)],
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
            uco_action__startTime=dt(at),
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
        uco_core__startTime=dt(case.opened_at),
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
