"""The decoy page: a running decoy's live conversations, and operator takeover.

Only investigators and supervisors (`decoy.operate`) reach it, and every view and act is
audited with the acting user. Unlike the detection views, a conversation page shows the
partner's and the decoy's lines: an operator cannot take over a conversation unread. Typed
lines go through the decoy's own guard (its `on_operator`); a refusal is one sentence.

With script, the list and a conversation refresh themselves every few seconds (an unchanged
view is answered 204 and not audited again), and a typed line is sent without leaving the
page; without script, the Refresh link and the form posts do the same.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from vigil.core import InputError, NotFoundError
from vigil.decoy import conversation_tail
from vigil.web.context import (
    Console,
    Current,
    Posted,
    Session,
    console,
    digest,
    page,
    redirect,
    unchanged,
    wants_fragment,
)
from vigil.web.decoy_link import DecoyRefusedError, LiveConversation, OperatorLink

router = APIRouter()
PERMISSION = "decoy.operate"
MAX_SAY = 500  # characters an operator may type in one line
SHOWN = 50


def _link(ctx: Console) -> OperatorLink:
    if ctx.decoy is None:
        raise NotFoundError("No decoy is configured; start the console with --decoy-evidence.")
    return ctx.decoy


def _allowed(request: Request, current: Session, target: str) -> tuple[Console, OperatorLink]:
    ctx = console(request)
    link = _link(ctx)
    ctx.permit(current.actor, PERMISSION, target, current.now)
    return ctx, link


def _live(link: OperatorLink, user: str, network: str, partner: str) -> LiveConversation:
    found = [c for c in link.conversations(user) if c.network == network and c.partner == partner]
    if not found:
        raise NotFoundError(f"The decoy has no live conversation with {partner} on {network}.")
    return found[0]


@router.get("/decoy", response_class=HTMLResponse)
def decoy_page(request: Request, current: Current, seen: str = "") -> Response:
    ctx, link = _allowed(request, current, "*")
    rows = link.conversations(current.actor.username)
    taken = link.taken_by(current.actor.username)
    shown = digest(rows, taken)
    if (same := unchanged(request, seen, shown)) is not None:
        return same
    ctx.audit(current.actor.username, "decoy.list", "*", "ok", current.now, shown=len(rows))
    return page(
        request,
        "decoy.html",
        current,
        {"title": "Decoy", "rows": rows, "taken": taken, "seen": shown},
        fragment="decoy_rows.html",
    )


def conversation_url(network: str, partner: str) -> str:
    # Query parameters, not path segments: network labels hold "/" ("irc:host:6667/nick").
    return "/decoy/conversation?" + urlencode({"network": network, "partner": partner})


def _watched(request: Request, current: Session, network: str, partner: str) -> dict[str, Any]:
    """What a conversation page shows, and its digest under "seen"."""
    _, link = _allowed(request, current, f"{network}/{partner}")
    user = current.actor.username
    live = _live(link, user, network, partner)
    lines = conversation_tail(link.evidence, network, partner, SHOWN)
    mine = link.taken_by(user) == (network, partner)
    return {
        "title": f"Decoy: {partner}",
        "conv": live,
        "lines": lines,
        "mine": mine,
        "max_say": MAX_SAY,
        "url": conversation_url(network, partner),
        "seen": digest(live, mine, lines),
        "keep": "",  # the say form's text: a refused line, kept for rewording
    }


def _watch(
    request: Request, current: Session, values: dict[str, Any], fragment: str = "decoy_live.html"
) -> Response:
    # Reading a conversation is the act that shows content: it is audited line count and all.
    conv: LiveConversation = values["conv"]
    target = f"{conv.network}/{conv.partner}"
    lines = len(values["lines"])
    console(request).audit(
        current.actor.username, "decoy.watch", target, "ok", current.now, lines=lines
    )
    return page(request, "decoy_conversation.html", current, values, fragment=fragment)


@router.get("/decoy/conversation", response_class=HTMLResponse)
def conversation(
    request: Request, current: Current, network: str, partner: str, seen: str = ""
) -> Response:
    values = _watched(request, current, network, partner)
    if (same := unchanged(request, seen, values["seen"])) is not None:
        return same
    return _watch(request, current, values)


def _act(
    request: Request, current: Session, network: str, partner: str, action: str, text: str = ""
) -> tuple[str, bool]:
    """Take, say or release; the sentence to show and whether the decoy did it."""
    target = f"{network}/{partner}"
    ctx, link = _allowed(request, current, target)
    user = current.actor.username
    try:
        if action == "decoy.take":
            link.take(user, network, partner)
            message = f"You have taken over {partner}; the decoy is silent there until release."
        elif action == "decoy.say":
            link.say(user, network, partner, text)
            message = "Sent."
        else:
            link.release(user, network, partner)
            message = f"Released {partner}; the decoy answers again."
    except DecoyRefusedError as exc:
        ctx.audit(user, action, target, "refused", current.now, reason=str(exc), chars=len(text))
        return str(exc), False
    # The typed line itself is in the decoy's evidence, marked human; the log keeps its size.
    details = {"chars": len(text)} if action == "decoy.say" else {}
    ctx.audit(user, action, target, "ok", current.now, **details)
    return message, True


def _back(request: Request, network: str, partner: str, message: str) -> Response:
    return redirect(request, conversation_url(network, partner), message)


Field = Annotated[str, Form()]


@router.post("/decoy/take")
def take(request: Request, current: Posted, network: Field, partner: Field) -> Response:
    message, _ = _act(request, current, network, partner, "decoy.take")
    return _back(request, network, partner, message)


@router.post("/decoy/say")
def say(
    request: Request, current: Posted, network: Field, partner: Field, text: Field = ""
) -> Response:
    line = " ".join(text.split())
    if not line:
        raise InputError("Type a line to send.")
    if len(line) > MAX_SAY:
        raise InputError(f"A line is at most {MAX_SAY} characters.")
    message, sent = _act(request, current, network, partner, "decoy.say", line)
    if not wants_fragment(request):
        return _back(request, network, partner, message)
    # Sent in place: the transcript, the sentence, and the form (emptied, or the refused line
    # kept for rewording) come back; the operator stays where they were.
    values = _watched(request, current, network, partner)
    values.update(said=message, keep="" if sent else line)
    return _watch(request, current, values, "decoy_said.html")


@router.post("/decoy/release")
def release(request: Request, current: Posted, network: Field, partner: Field) -> Response:
    message, _ = _act(request, current, network, partner, "decoy.release")
    return _back(request, network, partner, message)
