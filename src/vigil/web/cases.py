"""Case pages: the list, one case with the forms of its next steps, and those steps.

Every step goes through CaseService, which checks roles, state and four eyes and audits the
act (refusals too); the page only hides forms a user could not use. Evidence is listed by id,
hash and size; its content is never sent to the browser except inside a referral bundle.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from vigil.cases import Actor, Case, CaseState
from vigil.cases.referral import URGENCIES
from vigil.cases.referral_export import audit_export, referral_files
from vigil.core import InputError, NotFoundError
from vigil.web.context import Console, Current, Posted, console, page, redirect

router = APIRouter()
# Lifecycle steps that need nothing but an optional reason.
SIMPLE = (
    "review",
    "dismiss",
    "request_authorisation",
    "refuse_authorisation",
    "end_identification",
    "close",
)
RECORDING = {
    CaseState.AUTHORISED: "authorised; recording starts when the window opens",
    CaseState.IDENTIFICATION: "recording: the authorisation's window is open",
    CaseState.EVALUATION: "recording ended; items await evaluation",
}


def _state(text: str) -> CaseState | None:
    if not text:
        return None
    try:
        return CaseState(text)
    except ValueError:
        known = ", ".join(s.value for s in CaseState)
        raise InputError(f"Unknown case state {text!r}; the states are {known}.") from None


@router.get("/cases", response_class=HTMLResponse)
def case_list(request: Request, current: Current, state: str = "") -> Response:
    ctx = console(request)
    wanted = _state(state)
    found = ctx.service.view(current.actor, None, current.now)
    rows = [c for c in found if wanted is None or c.state is wanted]
    rows.sort(key=lambda c: c.updated_at or c.opened_at, reverse=True)
    return page(
        request,
        "cases.html",
        current,
        {"title": "Cases", "cases": rows, "state": state, "states": [s.value for s in CaseState]},
    )


def _steps(ctx: Console, actor: Actor, detail: dict[str, Any]) -> dict[str, Any]:
    """Which forms this user may use on this case (the service decides all the same)."""
    wf = ctx.service.workflow
    case: Case = detail["case"]
    pending = detail["pending"]
    simple, clock, people = [], [], []
    for action in detail["next"]:
        step = wf.transition(action)
        if step.auto:
            clock.append(action.replace("_", " "))
            continue
        people.append(action.replace("_", " "))
        if action in SIMPLE and actor.roles & step.roles:
            simple.append(action)
    authorise = wf.transitions["authorise"]
    refer = wf.transitions["refer"]
    return {
        "simple": simple,
        "clock": clock,
        "people": people,
        "authorise": "authorise" in detail["next"]
        and bool(actor.roles & authorise.roles)
        and pending is None,
        "refer": "refer" in detail["next"] and bool(actor.roles & refer.roles) and pending is None,
        "approve": pending is not None
        and actor.has(pending.approver_role)
        and pending.requested_by != actor.username,
        "mark": case.state is CaseState.EVALUATION
        and ctx.may(actor, "evidence.mark")
        and (pending is None or pending.action != "refer"),
        "download": case.state is CaseState.REFERRED and ctx.may(actor, "evidence.read"),
    }


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, current: Current, case_id: str) -> Response:
    ctx = console(request)
    detail = ctx.service.detail(current.actor, case_id, current.now)
    case: Case = detail["case"]
    kinds = Counter(str(f.get("kind", "?")) for f in detail["findings"])
    return page(
        request,
        "case.html",
        current,
        {
            "title": f"Case {case_id}",
            "d": detail,
            "case": case,
            "steps": _steps(ctx, current.actor, detail),
            "findings": dict(kinds),
            "recording": RECORDING.get(case.state, "not recording"),
            "urgencies": URGENCIES,
            "today": current.now.strftime("%Y-%m-%dT%H:%M"),
        },
    )


@router.post("/cases/{case_id}/act/{action}")
def act(
    request: Request,
    current: Posted,
    case_id: str,
    action: str,
    reason: Annotated[str, Form()] = "",
) -> Response:
    if action not in SIMPLE:
        raise NotFoundError(f"There is no case step called {action!r} here.")
    case = console(request).service.act(current.actor, case_id, action, current.now, reason)
    return redirect(
        request, f"/cases/{case_id}", f"{action.replace('_', ' ')}: the case is now {case.state}."
    )


def _moment(text: str, what: str) -> datetime:
    """A form's date and time, taken as UTC (the form says so)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"The {what} {text!r} is not a date and time.") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@router.post("/cases/{case_id}/authorise")
def authorise(
    request: Request,
    current: Posted,
    case_id: str,
    authority: Annotated[str, Form()] = "",
    reference: Annotated[str, Form()] = "",
    accounts: Annotated[list[str] | None, Form()] = None,
    starts_at: Annotated[str, Form()] = "",
    ends_at: Annotated[str, Form()] = "",
    scope: Annotated[str, Form()] = "",
) -> Response:
    auth = console(request).service.enter_authorisation(
        current.actor,
        case_id,
        authority=authority,
        reference=reference,
        accounts=accounts or [],
        starts_at=_moment(starts_at, "window start"),
        ends_at=_moment(ends_at, "window end"),
        scope=scope,
        now=current.now,
    )
    return redirect(
        request,
        f"/cases/{case_id}",
        f"Authorisation {auth.auth_id} entered; a supervisor other than you must approve it.",
    )


@router.post("/cases/{case_id}/approve")
def approve(request: Request, current: Posted, case_id: str) -> Response:
    case = console(request).service.approve(current.actor, case_id, current.now)
    return redirect(request, f"/cases/{case_id}", f"Approved: the case is now {case.state}.")


@router.post("/cases/{case_id}/refer")
def refer(
    request: Request, current: Posted, case_id: str, country: Annotated[str, Form()] = ""
) -> Response:
    console(request).service.request_referral(current.actor, case_id, country, current.now)
    return redirect(
        request,
        f"/cases/{case_id}",
        "Referral requested; a supervisor other than you must approve it.",
    )


@router.post("/cases/{case_id}/items/{item_id}/mark")
def mark(
    request: Request,
    current: Posted,
    case_id: str,
    item_id: str,
    evidence: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    if evidence not in ("yes", "no"):
        raise InputError("Say whether the item is evidence (yes or no).")
    ctx = console(request)
    item = next(
        (
            i
            for i in ctx.service.detail(current.actor, case_id, current.now)["evidence"]
            if i.item_id == item_id
        ),
        None,
    )
    if item is None:
        raise NotFoundError(f"Case {case_id} has no item {item_id}.")
    ctx.service.mark(current.actor, item_id, evidence == "yes", reason, current.now)
    what = "evidence" if evidence == "yes" else "not evidence"
    return redirect(request, f"/cases/{case_id}", f"Item {item_id} marked {what}.")


@router.post("/cases/{case_id}/referral.zip")
def download_referral(
    request: Request,
    current: Posted,
    case_id: str,
    urgency: Annotated[str, Form()] = "routine",
) -> Response:
    """The referral bundle as a zip: the only way evidence leaves the console (audited)."""
    if urgency not in URGENCIES:
        raise InputError(f"The urgency must be one of {', '.join(URGENCIES)}.")
    ctx = console(request)
    case = ctx.service.view(current.actor, case_id, current.now)[0]
    done = referral_files(
        ctx.service, current.actor, case, provider=ctx.provider, urgency=urgency, at=current.now
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(done.files):
            bundle.writestr(f"referral-{case_id}/{name}", done.files[name])
    audit_export(ctx.service, current.actor, done, current.now)
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="referral-{case_id}.zip"'},
    )
