"""The CASE 1.x / UCO 1.x graph of a referral (`bundle.jsonld`), which `case_validate` accepts.

`build_bundle` turns a dossier into a JSON-LD bundle: the provider, the receiving agency and
the judicial authorisation; accounts, identifiers and geolocated IP addresses; each evidence
item as an observable with its SHA-256 and size, a provenance record and the action that
recorded it; the custody chain; detection results as annotations; the timeline; and the
investigation that holds them all. Node ids are UUIDv5 of the case id and a local key, so the
same dossier always gives the same, diffable graph. Evidence content never enters the graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from vigil.cases.referral_agency import agency_for
from vigil.cases.referral_dossier import Dossier
from vigil.cases.referral_json import NOT_AVAILABLE, dt, jsonable, tags, text
from vigil.cases.referral_uco_nodes import (
    CONTEXT,
    FOCUS,
    Graph,
    observables,
    parties,
    ref,
    staff_node,
)


def _evidence(
    g: Graph, dossier: Dossier, accounts: Mapping[str, str]
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
            uco_core__object=[ref(obs)],
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
            uco_action__performer=ref(staff_node(g, item.recorded_by)),
            uco_action__instrument=[ref(tool)],
            uco_action__object=[ref(accounts[item.account])],
            uco_action__result=[ref(obs), ref(record)],
        )
        out[item.item_id] = (obs, record, action)
    return out


def _custody(g: Graph, dossier: Dossier, items: Mapping[str, tuple[str, str, str]]) -> None:
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
            uco_action__performer=ref(staff_node(g, rec.actor)),
            uco_action__object=[ref(t) for t in targets[:2]] if targets else None,
            investigation__wasInformedBy=[ref(previous)] if previous else None,
        )


def _detections(
    g: Graph, dossier: Dossier, accounts: Mapping[str, str], investigation: str
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
            uco_core__object=[ref(accounts[account] if account else investigation)],
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
            uco_core__object=[ref(investigation)],
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
    g = Graph(case.case_id)
    investigation = g.id("investigation", case.case_id)
    provider, agency_id, authorization = parties(g, dossier, agency)
    accounts = observables(g, dossier, provider)
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
            uco_action__performer=ref(provider),
            uco_action__participant=[ref(agency_id)],
            uco_action__object=[ref(obs) for obs, _, _ in items.values()],
        )
    members = [ref(node_id) for node_id in g.nodes]
    g.add(
        "investigation",
        case.case_id,
        "investigation:Investigation",
        uco_core__name=case.case_id,
        uco_core__description=[d for d in (case.summary, f"Origin: {case.origin}") if d],
        investigation__focus=[FOCUS],
        investigation__investigationStatus=str(case.state),
        uco_core__startTime=dt(case.opened_at),
        investigation__relevantAuthorization=[ref(authorization)],
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
        uco_core__object=[ref(investigation), *members],
    )
    return {"@context": dict(CONTEXT), "@graph": [bundle, *g.nodes.values()]}
