"""What every route shares: the console's state, the logged-in session, page rendering.

A page that htmx enhances names a fragment template: an htmx request gets only that part (a
history restore, and every request without script, the whole page), and a self-refreshing
part sends back the digest of what it shows so that an unchanged part is answered with 204:
nothing swapped, nothing audited, no content sent again.

Routes get the user through `Current` (any request) or `Posted` (a form post: the CSRF token
is checked first); both refuse a request without a valid session, so no route can act for
nobody. Roles are then checked by the workflow service itself, or by `Console.permit` for the
reads the service has no act for (the queue, the audit page); refusals are audited either way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from vigil.cases import Actor, AuditEvent, CaseService
from vigil.core import AuthError, PermissionDeniedError
from vigil.fusion import QueueRow
from vigil.web.decoy_link import OperatorLink
from vigil.web.security import (
    FLASH_COOKIE,
    FLASH_SECONDS,
    SESSION_COOKIE,
    LoginLimiter,
    Signed,
    csrf_for,
    same,
)

# htmx's request headers: a partial request, and a history restore that wants a whole page.
HX_REQUEST = "HX-Request"
HX_RESTORE = "HX-History-Restore-Request"

# The pages of the navigation bar and the permission each needs.
PAGES = (("Queue", "/queue", "queue.view"), ("Cases", "/cases", "case.view"))
AUDIT_PAGE = ("Audit", "/audit", "audit.view")
DECOY_PAGE = ("Decoy", "/decoy", "decoy.operate")


class LoginRequired(Exception):  # noqa: N818 - a redirect, not an error
    """No valid session: the request goes to the login page."""


class CsrfRefused(Exception):  # noqa: N818 - answered with a 403 page
    """A form post without this session's CSRF token."""


@dataclass
class Console:
    """The running console: the workflow service, the fused queue and the guards."""

    service: CaseService
    queue: list[QueueRow]
    clock: Callable[[], datetime]
    templates: Jinja2Templates
    secure_cookies: bool = True
    provider: str = ""
    queue_files: tuple[str, ...] = ()
    decoy: OperatorLink | None = None  # a running decoy's operator socket, when configured
    # The flags' contacts sidecar rows, per account: the account page's charts.
    contacts: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    signed: Signed = field(default_factory=Signed)

    def row(self, account: str) -> QueueRow | None:
        return next((r for r in self.queue if r.account == account), None)

    def audit(
        self, actor: str, action: str, target: str, outcome: str, now: datetime, **details: Any
    ) -> None:
        self.service.store.audit_alone(
            AuditEvent(now, actor, action, target, outcome, dict(details))
        )

    def permit(self, actor: Actor, permission: str, target: str, now: datetime) -> None:
        """A role check for a read the service has no act for; a refusal is audited."""
        try:
            self.service.workflow.require(actor, permission)
        except PermissionDeniedError as exc:
            self.audit(actor.username, permission, target, "refused", now, reason=str(exc))
            raise

    def may(self, actor: Actor, permission: str) -> bool:
        return bool(actor.roles & self.service.workflow.permissions.get(permission, frozenset()))

    def nav(self, actor: Actor) -> list[tuple[str, str]]:
        pages = (*PAGES, DECOY_PAGE, AUDIT_PAGE) if self.decoy else (*PAGES, AUDIT_PAGE)
        return [(label, url) for label, url, p in pages if self.may(actor, p)]


@dataclass(frozen=True)
class Session:
    actor: Actor
    token: str
    csrf: str
    now: datetime


def console(request: Request) -> Console:
    ctx: Console = request.app.state.console
    return ctx


def session(request: Request) -> Session:
    """The logged-in user of this request, or LoginRequired."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequired
    ctx = console(request)
    now = ctx.clock()
    try:
        actor = ctx.service.actor_for(token, now)
    except AuthError:
        raise LoginRequired from None
    return Session(actor, token, csrf_for(token), now)


def posted(request: Request, csrf: Annotated[str, Form()] = "") -> Session:
    """The session of a form post, once its CSRF token matches."""
    current = session(request)
    if not same(csrf, current.csrf):
        raise CsrfRefused
    return current


Current = Annotated[Session, Depends(session)]
Posted = Annotated[Session, Depends(posted)]


def wants_fragment(request: Request) -> bool:
    """An htmx request for part of a page."""
    return request.headers.get(HX_REQUEST) == "true" and HX_RESTORE not in request.headers


def digest(*shown: object) -> str:
    """A short fingerprint of what a self-refreshing part shows (frozen dataclasses, tuples)."""
    return hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()[:16]


def unchanged(request: Request, seen: str, shown: str) -> Response | None:
    """204 for an htmx poll whose part has not changed since it was rendered, else None."""
    if seen and wants_fragment(request) and same(seen, shown):
        return Response(status_code=204)
    return None


def notice(request: Request, message: str, status: int) -> HTMLResponse:
    """A refusal answered to htmx: its sentence replaces the page's notice area."""
    response = console(request).templates.TemplateResponse(
        request, "notice.html", {"message": message}, status_code=status
    )
    response.headers.update(
        {"HX-Retarget": "#notice", "HX-Reswap": "innerHTML", "HX-Push-Url": "false"}
    )
    return response


def page(
    request: Request,
    name: str,
    current: Session | None,
    values: Mapping[str, Any] | None = None,
    status: int = 200,
    fragment: str | None = None,
) -> HTMLResponse:
    """A rendered template with the layout's values and any one-shot message; for an htmx
    request, the ``fragment`` template instead (the message waits for a whole page)."""
    ctx = console(request)
    partial = fragment is not None and wants_fragment(request)
    flash = None
    if not partial:
        flash = ctx.signed.load("flash", request.cookies.get(FLASH_COOKIE), FLASH_SECONDS)
    actor = current.actor if current else None
    response = ctx.templates.TemplateResponse(
        request,
        fragment if partial and fragment else name,
        {
            "actor": actor,
            "roles": sorted(str(r) for r in actor.roles) if actor else [],
            "csrf": current.csrf if current else "",
            "nav": ctx.nav(actor) if actor else [],
            "flash": flash,
            **(values or {}),
        },
        status_code=status,
    )
    if fragment is not None:
        response.headers["Vary"] = HX_REQUEST  # one URL, two bodies: caches keep them apart
    if flash is not None:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def redirect(request: Request, url: str, message: str | None = None) -> RedirectResponse:
    """See-other after a form post, with an optional one-shot message for the next page."""
    response = RedirectResponse(url, status_code=303)
    if message:
        ctx = console(request)
        private_cookie(
            response, ctx, FLASH_COOKIE, ctx.signed.dump("flash", message), FLASH_SECONDS
        )
    return response


def private_cookie(
    response: Response, ctx: Console, name: str, value: str, max_age: int, path: str = "/"
) -> None:
    """Every console cookie: no script can read it, no other site sends it, and it only
    travels over TLS unless the console serves plain loopback HTTP."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=ctx.secure_cookies,
        path=path,
    )
