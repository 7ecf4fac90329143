"""Detection findings attached to a case: the rows of flags and content-score files that
concern the case's accounts.

A finding is stored as {"kind": "metadata_flag" | "content_score", "file": NAME, "row": ROW}.
Detection outputs carry no message text; any text-like column is dropped all the same, so a
file from identification mode cannot carry content into the case by mistake.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vigil.cases.referral_export import CONTENT, METADATA
from vigil.core import InputError
from vigil.store.findings_files import read_rows

ACCOUNT_FIELDS = ("account", "requester")
TEXT_FIELDS = frozenset(
    {"text", "texts", "spans", "span", "snippet", "excerpt", "body", "transcript", "quote"}
)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def kind_of(columns: Iterable[str], name: str) -> str:
    cols = set(columns)
    if cols & {"categories", "flagged", "conversation_id"}:
        return CONTENT
    if "account" in cols and cols & {"patterns", "role", "rank"}:
        return METADATA
    raise InputError(
        f"{name} is neither a flags file (account, role, patterns...) nor content scores "
        "(conversation_id or account, flagged, categories...)."
    )


def case_findings(path: Path, accounts: Sequence[str]) -> tuple[list[dict[str, Any]], int]:
    """The findings of one file that concern `accounts`, and how many rows the file had.

    Rows are kept when an account field (account, requester) names a case account; a
    content-score file with no account in any row (scores per conversation of unknown
    parties) is kept whole, since nothing in it can be matched.
    """
    rows = read_rows(path)
    if not rows:
        return [], 0
    kind = kind_of({k for r in rows for k in r}, path.name)
    wanted = set(accounts)
    has_accounts = any(r.get(f) for r in rows for f in ACCOUNT_FIELDS)
    kept = [
        r
        for r in rows
        if (not has_accounts and kind == CONTENT) or any(r.get(f) in wanted for f in ACCOUNT_FIELDS)
    ]
    findings = [
        {
            "kind": kind,
            "file": path.name,
            "row": {k: _plain(v) for k, v in r.items() if k.lower() not in TEXT_FIELDS},
        }
        for r in kept
    ]
    return findings, len(rows)


def identifier_rows(path: Path, accounts: Sequence[str]) -> list[dict[str, Any]]:
    """Identifiers from an identification-mode `*.identifiers.jsonl` (every row: the scan ran
    under this case's authorisation), from decoy dossiers (rows of the case's accounts), and
    locations from an IP log of the named accounts (rows with ip, country, at)."""
    rows = read_rows(path)
    found: list[dict[str, Any]] = []
    wanted = set(accounts)
    for row in rows:
        if "ip" in row:
            # The provider's IP log of a named account: where and when it connected.
            try:
                ipaddress.ip_address(str(row["ip"]))
            except ValueError:
                raise InputError(f"{path.name}: {row['ip']!r} is not an IP address.") from None
            found.append(
                {"ip": str(row["ip"]), "country": str(row.get("country") or ""),
                 "at": str(row.get("at") or row.get("started_at") or "")}
            )  # fmt: skip
        elif "kind" in row and "value" in row:
            found.append(
                {
                    "kind": str(row["kind"]),
                    "value": str(row["value"]),
                    "source": f"content identification ({path.name})",
                }
            )
        elif isinstance(row.get("identifiers"), dict) and row.get("partner") in wanted:
            for kind, values in row["identifiers"].items():
                for value in values if isinstance(values, list) else [values]:
                    found.append(
                        {
                            "kind": str(kind),
                            "value": str(value),
                            "source": f"decoy dossier ({path.name})",
                        }
                    )
    if rows and not found:
        raise InputError(
            f"{path.name} holds no identifiers for this case: use an identification scan's "
            "*.identifiers.jsonl, decoy dossiers of the case's accounts, or an IP log (ip, "
            "country, at)."
        )
    # The same identifier from several messages is one fact for the dossier.
    return list({tuple(sorted(r.items())): r for r in found}.values())
