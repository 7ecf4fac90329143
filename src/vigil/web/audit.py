"""The audit page: the Merkle log verified against its signed heads and witness, and the
latest entries (auditors, supervisors, admins; the viewing is audited too)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from vigil.cases import LogEntry, TreeHead, VerifyReport, verify_log
from vigil.core import InputError, IntegrityError
from vigil.web.context import Console, Current, console, page

router = APIRouter()
MAX_SHOWN = 500


def _verify(ctx: Console) -> tuple[VerifyReport | None, str | None, list[LogEntry]]:
    """(report, reason it could not even be read, entries)."""
    store = ctx.service.store
    try:
        with store.transaction() as tx:
            entries = list(tx.audit_entries())
            heads: list[TreeHead] = tx.tree_heads()
    except IntegrityError as exc:
        return None, str(exc), []
    try:
        witness = store.witness_head()
    except (ValueError, KeyError, TypeError):
        return None, "The witness file (the log's last signed head) is damaged.", entries
    report = verify_log(entries, heads, ctx.service.signer.verifier, witness=witness)
    return report, None, entries


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, current: Current, last: int = 50) -> Response:
    ctx = console(request)
    ctx.permit(current.actor, "audit.view", "*", current.now)
    if not 1 <= last <= MAX_SHOWN:
        raise InputError(f"Show between 1 and {MAX_SHOWN} entries.")
    report, unreadable, entries = _verify(ctx)
    shown = list(reversed(entries[-last:]))
    ctx.audit(current.actor.username, "audit.view", "*", "ok", current.now, entries=len(shown))
    return page(
        request,
        "audit.html",
        current,
        {
            "title": "Audit log",
            "report": report,
            "unreadable": unreadable,
            "entries": [
                (e, json.dumps(e.event.details, sort_keys=True, ensure_ascii=False)) for e in shown
            ],
            "last": last,
        },
    )
