"""Login, logout and the start page."""

from __future__ import annotations

import re
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil.core import AuthError
from vigil.web.context import (
    Current,
    LoginRequired,
    Posted,
    console,
    page,
    private_cookie,
    redirect,
    session,
)
from vigil.web.security import LOGIN_COOKIE, LOGIN_FORM_SECONDS, SESSION_COOKIE, same

router = APIRouter()
# The store's own rule for user names: anything else cannot be a user, and is not worth a
# database round trip or an audit entry under an attacker-chosen name.
_USERNAME = re.compile(r"[a-z][a-z0-9_.-]{1,63}")
FAILED = "Login failed: unknown user, wrong password or disabled account."
LIMITED = "Too many failed logins for this user from your address; try again in 5 minutes."


def _login_page(request: Request, message: str | None, status: int) -> HTMLResponse:
    """The login form with a fresh nonce; its signed copy goes in a short-lived cookie."""
    ctx = console(request)
    nonce = secrets.token_urlsafe(24)
    response = page(
        request,
        "login.html",
        None,
        {"title": "Log in", "login_csrf": nonce, "error": message},
        status,
    )
    private_cookie(
        response, ctx, LOGIN_COOKIE, ctx.signed.dump("login", nonce), LOGIN_FORM_SECONDS, "/login"
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    try:
        session(request)
    except LoginRequired:
        return _login_page(request, None, 200)
    return RedirectResponse("/", status_code=303)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    ctx = console(request)
    expected = ctx.signed.load("login", request.cookies.get(LOGIN_COOKIE), LOGIN_FORM_SECONDS)
    if expected is None or not same(csrf, expected):
        return _login_page(request, "The login form expired; please try again.", 403)
    now = ctx.clock()
    name = username.strip()
    client = request.client.host if request.client else "-"
    if ctx.limiter.blocked(name, client, now.timestamp()):
        if _USERNAME.fullmatch(name):
            ctx.audit(name, "login", name, "refused", now, reason="rate limited", client=client)
        return _login_page(request, LIMITED, 429)
    try:
        if not _USERNAME.fullmatch(name):
            raise AuthError(FAILED)
        token = ctx.service.login(name, password, now)
    except AuthError:
        # The service audited the failure; the limiter counts it.
        ctx.limiter.failed(name, client, now.timestamp())
        return _login_page(request, FAILED, 401)
    ctx.limiter.succeeded(name, client)
    response = RedirectResponse("/", status_code=303)
    private_cookie(response, ctx, SESSION_COOKIE, token, ctx.service.config.session_hours * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, current: Posted) -> Response:
    ctx = console(request)
    ctx.service.logout(current.token, current.now)
    response = redirect(request, "/login", "Logged out.")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(request: Request, current: Current) -> Response:
    """The first page this user's roles open, or a page saying there is none."""
    pages = console(request).nav(current.actor)
    if pages:
        return RedirectResponse(pages[0][1], status_code=303)
    return page(
        request,
        "error.html",
        current,
        {"title": "Nothing to show", "message": "Your roles open no page of this console."},
    )
