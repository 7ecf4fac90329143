"""The fused review queue, an account's page, and opening a case from it.

Detection views show scores, categories, patterns and explanations, never message text: the
queue's rows come from detection outputs, and fusion drops text-like fields on the way in.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from vigil.core import InputError, NotFoundError, PermissionDeniedError
from vigil.fusion import METHODS, QueueRow, filter_queue
from vigil.web.charts import bars
from vigil.web.contacts import contact_charts
from vigil.web.context import Current, Posted, console, page, redirect

router = APIRouter()


def _min_score(text: str) -> float:
    if not text.strip():
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"The minimum score {text!r} is not a number from 0 to 1.") from None
    if not 0.0 <= value <= 1.0:
        raise InputError(f"The minimum score {text!r} is not a number from 0 to 1.")
    return value


def _choices(rows: list[QueueRow]) -> dict[str, list[str]]:
    return {
        "roles": sorted({r for row in rows for r in row.roles}),
        "countries": sorted({row.country for row in rows if row.country}),
        "patterns": sorted({p for row in rows for p in row.patterns}),
        "methods": list(METHODS),
    }


@router.get("/queue", response_class=HTMLResponse)
def queue(
    request: Request,
    current: Current,
    role: str = "",
    country: str = "",
    pattern: str = "",
    method: str = "",
    min_score: str = "",
) -> Response:
    ctx = console(request)
    ctx.permit(current.actor, "queue.view", "*", current.now)
    filters = {"role": role, "country": country, "pattern": pattern, "method": method}
    rows = filter_queue(ctx.queue, min_score=_min_score(min_score), **filters)
    ctx.audit(
        current.actor.username,
        "queue.view",
        "*",
        "ok",
        current.now,
        shown=len(rows),
        **{k: v for k, v in filters.items() if v},
    )
    return page(
        request,
        "queue.html",
        current,
        {
            "title": "Review queue",
            "rows": rows,
            "total": len(ctx.queue),
            "files": ctx.queue_files,
            "filters": {**filters, "min_score": min_score},
            "choices": _choices(ctx.queue),
        },
        fragment="queue_results.html",
    )


def _row_or_404(request: Request, account: str) -> QueueRow:
    row = console(request).row(account)
    if row is None:
        raise NotFoundError(f"Account {account} is not in the review queue.")
    return row


@router.get("/queue/{account}", response_class=HTMLResponse)
def account_page(request: Request, current: Current, account: str) -> Response:
    ctx = console(request)
    ctx.permit(current.actor, "queue.view", account, current.now)
    row = _row_or_404(request, account)
    ctx.audit(current.actor.username, "queue.account", account, "ok", current.now)
    cases: list[Any] = []
    if ctx.may(current.actor, "case.view"):
        try:
            found = ctx.service.view(current.actor, None, current.now)
            cases = [c for c in found if account in c.accounts]
        except PermissionDeniedError:
            cases = []
    contributions = bars({c.method: c.score for c in row.contributions}, scale=1.0)
    charts = contact_charts(ctx.contacts.get(account, ()))
    # Without a sidecar, a flags file's own contacts_by_country column still gives the bars.
    countries = charts.countries or bars(dict(row.contacts_by_country))
    return page(
        request,
        "account.html",
        current,
        {
            "title": f"Account {account}",
            "row": row,
            "cases": cases,
            "contribution_bars": contributions,
            "contact_bars": countries,
            "contacts": charts,
            "may_open": ctx.may(current.actor, "case.open"),
        },
    )


@router.post("/queue/{account}/open")
def open_case(
    request: Request,
    current: Posted,
    account: str,
    summary: Annotated[str, Form()] = "",
) -> Response:
    ctx = console(request)
    row = _row_or_404(request, account)
    if not summary.strip():
        raise InputError("Say in a sentence why the case is opened.")
    case = ctx.service.open_case(
        current.actor,
        [account],
        row.origin,
        summary.strip(),
        current.now,
        findings=[dict(f) for f in row.findings],
        country=row.country,
    )
    return redirect(request, f"/cases/{case.case_id}", f"Opened case {case.case_id}.")
