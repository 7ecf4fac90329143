"""JSON helpers shared by the referral's files: plain values out of dossiers and detection rows.

`jsonable` turns dossier values into JSON (datetimes in ISO-8601, tuples and sets as lists),
`record` and `dossier_dict` give `dossier.json` its shape, `dt` writes an `xsd:dateTime` literal
for the JSON-LD graph, `text` and `tags` flatten explanations and pattern lists, and `json_bytes` is
the one serialisation every JSON file uses. `NOT_AVAILABLE` is what any missing field says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from vigil.cases.referral_dossier import Dossier

NOT_AVAILABLE: Final = "not available"


def jsonable(value: Any) -> Any:
    """Dossier values as JSON: datetimes in ISO-8601, tuples and sets as lists."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):  # dates
        return value.isoformat()
    return value


def record(obj: Any) -> dict[str, Any]:
    return {k: jsonable(v) for k, v in vars(obj).items() if not k.startswith("_")}


def dossier_dict(d: Dossier) -> dict[str, Any]:
    return {
        "format": "vigil-dossier/1",
        "case": record(d.case),
        "authorisation": record(d.authorisation),
        "evidence": [record(i) for i in d.evidence],
        "custody": [record(c) for c in d.custody],
        "identifiers": jsonable(d.identifiers),
        "timeline": [{"at": at.isoformat(), "event": what} for at, what in d.timeline],
        "metadata_flags": jsonable(d.metadata_flags),
        "content_scores": jsonable(d.content_scores),
        "locations": jsonable(d.locations),
        "provider": d.provider,
        "urgency": d.urgency,
        "legal_basis": d.legal_basis,
    }


def dt(value: datetime) -> dict[str, str]:
    return {"@type": "xsd:dateTime", "@value": value.isoformat()}


def text(value: Any) -> str:
    """Explanations arrive as text or lists of reasons; one line either way."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return " ".join(str(value).split())


def tags(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
