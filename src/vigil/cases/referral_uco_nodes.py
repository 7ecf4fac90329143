"""The nodes of a referral's CASE/UCO graph: the graph itself (UUIDv5 node ids), the parties
(provider, agency, authorisation), accounts, identifiers and geolocated IP addresses.

`referral_uco.build_bundle` adds the evidence, custody and detections and encloses them.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from vigil.cases.referral_agency import Agency
from vigil.cases.referral_dossier import Dossier
from vigil.cases.referral_json import NOT_AVAILABLE, dt
from vigil.core import PSEUDONYM_PREFIX

CONTEXT: Final = {
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
FOCUS: Final = "Online child sexual exploitation (live-streamed)"


def parse_dt(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def ref(node_id: str) -> dict[str, str]:
    return {"@id": node_id}


def _term(keyword: str) -> str:
    """uco_core__name -> uco-core:name: keyword arguments cannot hold the compact IRI itself."""
    prefix, local = keyword.split("__")
    return f"{prefix.replace('_', '-')}:{local}"


class Graph:
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


def relationship(g: Graph, source: str, target: str, kind: str, **props: Any) -> str:
    return g.add(
        "relationship",
        f"{source}|{kind}|{target}",
        "uco-core:Relationship",
        uco_core__source=ref(source),
        uco_core__target=ref(target),
        uco_core__kindOfRelationship=kind,
        uco_core__isDirectional=True,
        **props,
    )


def organisation(g: Graph, key: str, name: str, role: str, *description: str) -> str:
    org = g.add(
        "organization",
        key,
        "uco-identity:Organization",
        uco_core__name=name,
        uco_core__description=[d for d in description if d],
    )
    role_id = g.add("role", key, "uco-role:Role", uco_core__name=role)
    relationship(g, org, role_id, "Has_Role")
    return org


def ip_node(g: Graph, value: str) -> str:
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


def identifier_node(g: Graph, ident: Mapping[str, str]) -> str:
    kind, value = ident["kind"].lower(), ident["value"]
    note = f"{kind} identifier; source: {ident.get('source') or NOT_AVAILABLE}"
    key = f"{kind}|{value}"
    if kind == "ip":
        node_id = ip_node(g, value)
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


def account_node(g: Graph, account: str, provider: str) -> str:
    facet = g.facet(
        "account-facet",
        account,
        "uco-observable:AccountFacet",
        uco_observable__accountIdentifier=account,
        uco_observable__accountIssuer=ref(provider),
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


def staff_node(g: Graph, username: str) -> str:
    # A user of the case system (provider staff, or an NGO or police investigator).
    return g.add(
        "identity",
        username,
        "uco-identity:Identity",
        uco_core__name=username,
        uco_core__description=["User of the case system who handled the case"],
    )


def parties(g: Graph, dossier: Dossier, agency: Agency) -> tuple[str, str, str]:
    """Provider, agency and the judicial authorisation; returns their ids."""
    auth = dossier.authorisation
    provider = organisation(
        g,
        "provider",
        dossier.provider or NOT_AVAILABLE,
        "Reporting service provider",
        "The provider whose service the accounts use; it makes this referral.",
    )
    agency_id = organisation(
        g,
        "agency",
        agency.name,
        "Receiving law-enforcement agency",
        agency.unit,
        agency.note,
        f"Country: {agency.country}",
    )
    authority = organisation(
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
    relationship(g, authorization, authority, "Issued_By")
    return provider, agency_id, authorization


def observables(g: Graph, dossier: Dossier, provider: str) -> dict[str, str]:
    """Accounts, identifiers and geolocated IPs; returns account -> node id."""
    accounts = dict.fromkeys(
        [*dossier.case.accounts, *(i.account for i in dossier.evidence)]
        + [str(f["account"]) for f in dossier.metadata_flags if f.get("account")]
    )
    account_ids = {a: account_node(g, a, provider) for a in accounts}
    for ident in dossier.identifiers:
        identifier_node(g, ident)
    for loc in dossier.locations:
        ip = ip_node(g, loc["ip"])
        country = loc.get("country") or NOT_AVAILABLE
        address = g.facet(
            "address-facet",
            country,
            "uco-location:SimpleAddressFacet",
            uco_location__country=country,
        )
        place = g.add("location", country, "uco-location:Location", uco_core__hasFacet=[address])
        seen = parse_dt(loc.get("at"))
        g.add(
            "relationship",
            f"{ip}|Located_In|{place}|{loc.get('at')}",
            "uco-core:Relationship",
            uco_core__source=ref(ip),
            uco_core__target=ref(place),
            uco_core__kindOfRelationship="Located_In",
            uco_core__isDirectional=True,
            uco_core__startTime=dt(seen) if seen else None,
            uco_core__description=[
                f"Geolocated from the IP address; seen at {loc.get('at') or NOT_AVAILABLE}"
            ],
        )
    return account_ids
