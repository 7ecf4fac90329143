"""The analyst console: a FastAPI app of server-rendered pages and plain form posts.

Pages are Jinja2 templates and charts inline SVG; every page works without script, and every
change is a form post answered with a redirect. htmx, served from this origin, enhances some
of them: queue filters swap the table, live decoy views refresh themselves, an operator's
line is sent in place (see context.page). Errors never show a stack trace: a refused or
invalid act shows its one sentence, anything else a generic page (the trace goes to the log).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from vigil.cases import CaseService
from vigil.core import (
    AuthError,
    NotFoundError,
    PermissionDeniedError,
    VigilError,
    WorkflowError,
)
from vigil.fusion import QueueRow
from vigil.web import audit, auth, cases, decoy, queue
from vigil.web.contacts import by_account
from vigil.web.context import (
    Console,
    CsrfRefused,
    LoginRequired,
    notice,
    page,
    session,
    wants_fragment,
)
from vigil.web.decoy_link import OperatorLink
from vigil.web.security import SESSION_COOKIE

# Nothing but this origin's own script (htmx, no inline code, no eval), stylesheet, images
# and requests; no framing.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
        "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
# Static files hold nothing private: the browser may keep them if it revalidates.
STATIC_CACHE = "no-cache"


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "-" if value is None else str(value)


def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("vigil.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["when"] = _when
    return Jinja2Templates(env=env)


def _sentence(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else "The request was refused."


def _status(exc: VigilError) -> int:
    if isinstance(exc, PermissionDeniedError):
        return 403
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, WorkflowError):
        return 409
    return 400


def _error(request: Request, status: int, title: str, message: str) -> Response:
    if wants_fragment(request):
        # An htmx request: the sentence goes into the page's notice area, the page stays.
        return notice(request, message, status)
    try:
        current = session(request)
    except (LoginRequired, VigilError):
        current = None
    return page(request, "error.html", current, {"title": title, "message": message}, status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        response: Response = RedirectResponse("/login", status_code=303)
        if wants_fragment(request):
            # A followed redirect would swap the login page into a table: navigate instead.
            response = Response(status_code=401, headers={"HX-Redirect": "/login"})
        if SESSION_COOKIE in request.cookies:
            response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @app.exception_handler(AuthError)
    async def auth_error(request: Request, exc: AuthError) -> Response:
        return await login_required(request, LoginRequired())

    @app.exception_handler(CsrfRefused)
    async def csrf_refused(request: Request, exc: CsrfRefused) -> Response:
        message = "The form's security token is missing or wrong; reload the page and retry."
        return _error(request, 403, "Refused", message)

    @app.exception_handler(VigilError)
    async def refused(request: Request, exc: VigilError) -> Response:
        return _error(request, _status(exc), "Refused", _sentence(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 400, "Invalid request", "The request was incomplete or malformed.")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return _error(request, 404, "Not found", "There is no such page.")
        return _error(request, exc.status_code, "Refused", "This request is not allowed here.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # Starlette re-raises after this answer, so the server logs the trace; not the page.
        message = "Something went wrong on the server; the error was logged."
        return _error(request, 500, "Error", message)


def create_app(
    service: CaseService,
    queue_rows: list[QueueRow],
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    secure_cookies: bool = True,
    provider: str = "",
    queue_files: tuple[str, ...] = (),
    decoy_evidence: Path | None = None,
    contacts: Iterable[Mapping[str, Any]] = (),
) -> FastAPI:
    """The console over one workflow service and one fused queue; with ``decoy_evidence``,
    the decoy page over the operator socket of the decoy writing that evidence folder;
    ``contacts`` are the rows of the flags' contacts sidecars, for the account pages."""
    app = FastAPI(
        title="vigil console", docs_url=None, redoc_url=None, openapi_url=None, debug=False
    )
    app.state.console = Console(
        service=service,
        queue=queue_rows,
        clock=clock,
        templates=templates(),
        secure_cookies=secure_cookies,
        provider=provider,
        queue_files=queue_files,
        decoy=OperatorLink(decoy_evidence) if decoy_evidence is not None else None,
        contacts=by_account(contacts),
    )

    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", STATIC_CACHE)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    _handlers(app)
    for router in (auth.router, queue.router, cases.router, decoy.router, audit.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("vigil.web", "static")]), name="static")
    return app
