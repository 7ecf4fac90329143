"""Shared pieces of the console tests: a store with one user per role, a movable clock, a
small fused queue and form helpers.

Queue rows are detection outputs with clinical placeholders; one content row carries a
`text` field on purpose, to show that nothing text-like reaches a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from cases_support import T0, Home, Template, password, placeholder
from vigil.cases import Actor, CaseService, Role
from vigil.fusion import QueueRow, fuse
from vigil.store.case_store import SqlCaseStore
from vigil.web import create_app

BOTH = "p_both0000000000000000000000000001"
META = "p_meta0000000000000000000000000002"
CONTENT = "p_cont0000000000000000000000000003"
CONSUMER = "p_cons0000000000000000000000000004"
DECOY = "p_deco0000000000000000000000000005"
SECRET_TEXT = "placeholder message text that must never be shown"

FLAGS: list[dict[str, Any]] = [
    {
        "account": BOTH,
        "role": "source",
        "score": 0.8,
        "rank": 1,
        "patterns": ["source", "den"],
        "window_start": "2026-10-26T00:00:00+00:00",
        "explanation": "on video with 6 foreign counterparts from 3 wealthier countries",
        "country": "PH",
        "contacts_by_country": {"US": 3, "GB": 2, "AU": 1},
    },
    {
        "account": META,
        "role": "source",
        "score": 0.8,
        "rank": 2,
        "patterns": ["source"],
        "window_start": "2026-10-26T00:00:00+00:00",
        "explanation": "on video with 5 foreign counterparts from 2 wealthier countries",
        "country": "PH",
    },
    {
        "account": CONSUMER,
        "role": "consumer",
        "score": 0.6,
        "rank": 3,
        "patterns": ["consumer"],
        "window_start": "2026-10-26T00:00:00+00:00",
        "explanation": "account abroad on video with 3 candidate sources",
        "country": "US",
    },
]
SCORES: list[dict[str, Any]] = [
    {
        "conversation_id": "conv-1",
        "flagged": True,
        "score": 0.7,
        "categories": {"payment": 2, "webcam_show": 1},
        "explanation": "flagged: score 0.70; request+payment [conv-1-02]",
        "requester": BOTH,
        "text": SECRET_TEXT,
    },
    {
        "conversation_id": "conv-2",
        "flagged": True,
        "score": 0.7,
        "categories": {"payment": 1, "webcam_show": 1},
        "explanation": "flagged: score 0.70; request+payment [conv-2-03]",
        "requester": CONTENT,
    },
    {
        "conversation_id": "conv-3",
        "flagged": False,
        "score": 0.1,
        "categories": {"payment": 1},
        "explanation": "not flagged: score 0.10",
        "requester": META,
    },
]
DOSSIERS: list[dict[str, Any]] = [
    {
        "partner": DECOY,
        "network": "irc",
        "level": "probable",
        "identifiers": {"email": ["someone@example.org"]},
        "first_seen": "2026-10-27T10:00:00+00:00",
        "last_seen": "2026-10-27T11:00:00+00:00",
        "messages_in": 7,
        "messages_out": 6,
    },
    {
        "partner": "p_quiet",
        "network": "irc",
        "level": "neutral",
        "identifiers": {},
        "first_seen": "2026-10-27T10:00:00+00:00",
        "last_seen": "2026-10-27T10:05:00+00:00",
        "messages_in": 2,
        "messages_out": 2,
    },
]


def queue_rows() -> list[QueueRow]:
    return fuse(FLAGS, SCORES, DOSSIERS, sources={"metadata": "flags.jsonl"})


class Clock:
    """The console's "now", moved by the tests."""

    def __init__(self, at: datetime = T0 + timedelta(hours=1)) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def move(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at


@cache
def _template() -> Template:
    """Users are hashed once per test process (argon2 is slow), then the store is copied."""
    template = Template()
    service, store = template.home.open()
    admin = template.actors["adm"]
    # Both a legal officer and a supervisor: for the refused self-approval.
    roles = frozenset({Role.LEGAL_OFFICER, Role.SUPERVISOR})
    service.add_user(admin, "lex", password("lex"), roles, T0)
    store.compact()
    store.engine.dispose()
    return template


def new_console(
    root: Path,
    *,
    clock: Clock | None = None,
    secure_cookies: bool = False,
    decoy_evidence: Path | None = None,
    contacts: Iterable[Mapping[str, Any]] = (),
) -> tuple[FastAPI, CaseService, SqlCaseStore, Clock, Home]:
    home = _template().copy_to(root)
    service, store = home.open()
    clock = clock or Clock()
    app = create_app(
        service,
        queue_rows(),
        clock=clock,
        secure_cookies=secure_cookies,
        provider="Example VoIP",
        queue_files=("flags.jsonl", "content-scores.jsonl", "dossiers.jsonl"),
        decoy_evidence=decoy_evidence,
        contacts=contacts,
    )
    return app, service, store, clock, home


_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def form(csrf: str, **fields: Any) -> Mapping[str, Any]:
    return {"csrf": csrf, **fields}


def referred_case(service: CaseService, clock: Clock) -> str:
    """A case on BOTH driven through the workflow service to referred, one placeholder
    recording marked evidence: what the console's download acts on."""

    def actor(name: str) -> Actor:
        return service.actor_for(service.login(name, password(name), clock()), clock())

    ana, leo, sam, sue, ivy = (actor(n) for n in ("ana", "leo", "sam", "sue", "ivy"))
    case_id = service.open_case(
        ana, [BOTH], "metadata", "placeholder reason", clock(), country="PH"
    ).case_id
    for step in ("review", "request_authorisation"):
        service.act(ana, case_id, step, clock())
    service.enter_authorisation(
        leo,
        case_id,
        authority="Regional Trial Court (placeholder)",
        reference="AUTH-2026-007",
        accounts=[BOTH],
        starts_at=clock(),
        ends_at=clock() + timedelta(days=30),
        scope="video calls of the named account",
        now=clock(),
    )
    service.approve(sam, case_id, clock())
    clock.move(hours=1)
    item = service.record(
        ivy,
        case_id,
        account=BOTH,
        captured_at=clock() - timedelta(minutes=10),
        media_type="video/mp4",
        content=placeholder("r"),
        description="",
        now=clock(),
    ).item_id
    service.act(ivy, case_id, "end_identification", clock())
    service.mark(ivy, item, True, "reviewed", clock())
    service.request_referral(ivy, case_id, "PH", clock())
    service.approve(sue, case_id, clock())
    return case_id
