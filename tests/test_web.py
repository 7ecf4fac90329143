"""The analyst console through FastAPI's TestClient: sessions, guards, the queue and the
two-phase workflow driven by its forms. Content bytes are clinical placeholders."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from cases_support import password, placeholder
from vigil.cases import CaseState
from vigil.cases.referral import verify_manifest
from vigil.store.case_store import SqlCaseStore
from vigil.store.findings_files import read_queue
from vigil.web.app import HEADERS
from vigil.web.context import posted
from vigil_cli import run_vigil
from web_support import (
    BOTH,
    CONSUMER,
    DECOY,
    FLAGS,
    META,
    SECRET_TEXT,
    Clock,
    csrf_of,
    new_console,
)

# The one script a page loads: htmx from this origin (no inline code anywhere).
SCRIPT_TAG = '<script src="/static/htmx.min.js" defer></script>'
HX = {"HX-Request": "true"}
STATIC = resources.files("vigil.web") / "static"  # what the package (and wheel) holds


@pytest.fixture
def console(tmp_path: Path) -> tuple[FastAPI, SqlCaseStore, Clock]:
    app, _, store, clock, _ = new_console(tmp_path / "home")
    return app, store, clock


def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False, follow_redirects=False)


def login(c: TestClient, user: str, secret: str | None = None) -> str:
    """Log in through the form; returns the session's CSRF token from the next page."""
    form = c.get("/login")
    assert form.status_code == 200
    done = c.post(
        "/login",
        data={"username": user, "password": secret or password(user), "csrf": csrf_of(form.text)},
    )
    assert done.status_code == 303, done.text
    return page_csrf(c, "/cases")


def page_csrf(c: TestClient, url: str) -> str:
    r = c.get(url)
    assert r.status_code == 200, r.text
    return csrf_of(r.text)


def audit_actions(store: SqlCaseStore) -> list[tuple[str, str, str]]:
    with store.transaction() as tx:
        return [(e.event.actor, e.event.action, e.event.outcome) for e in tx.audit_entries()]


def test_login_sets_a_guarded_cookie_and_logout_ends_the_session(console: tuple) -> None:
    app, store, _ = console
    c = client(app)
    assert c.get("/queue").headers["location"] == "/login"
    form = c.get("/login")
    r = c.post(
        "/login", data={"username": "ana", "password": password("ana"), "csrf": csrf_of(form.text)}
    )
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "vigil_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain loopback in tests
    assert c.get("/").headers["location"] == "/queue"
    queue = c.get("/queue")
    assert queue.status_code == 200 and "ana (analyst)" in queue.text
    for header in ("content-security-policy", "x-frame-options", "x-content-type-options"):
        assert header in queue.headers
    out = c.post("/logout", data={"csrf": csrf_of(queue.text)})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert c.get("/queue").headers["location"] == "/login"
    assert ("ana", "logout", "ok") in audit_actions(store)


def test_secure_flag_when_configured(tmp_path: Path) -> None:
    app, *_ = new_console(tmp_path / "home", secure_cookies=True)
    c = TestClient(app, base_url="https://testserver", follow_redirects=False)
    form = c.get("/login")
    r = c.post(
        "/login", data={"username": "ana", "password": password("ana"), "csrf": csrf_of(form.text)}
    )
    assert "Secure" in r.headers["set-cookie"]


def test_wrong_password_is_refused_and_audited(console: tuple) -> None:
    app, store, _ = console
    c = client(app)
    form = c.get("/login")
    r = c.post(
        "/login",
        data={"username": "ana", "password": "not-her-password", "csrf": csrf_of(form.text)},
    )
    assert r.status_code == 401 and "Login failed" in r.text
    assert "vigil_session" not in r.headers.get("set-cookie", "")
    assert ("ana", "login", "refused") in audit_actions(store)


def test_login_is_rate_limited_per_user_and_address(console: tuple) -> None:
    app, store, clock = console
    c = client(app)
    for _ in range(5):
        form = c.get("/login")
        r = c.post(
            "/login",
            data={"username": "ana", "password": "wrong-password-x", "csrf": csrf_of(form.text)},
        )
        assert r.status_code == 401
    form = c.get("/login")
    r = c.post(
        "/login", data={"username": "ana", "password": password("ana"), "csrf": csrf_of(form.text)}
    )
    assert r.status_code == 429 and "Too many failed logins" in r.text
    entries = audit_actions(store)
    assert entries.count(("ana", "login", "refused")) == 6  # five failures and the block
    # Another user from the same address is not blocked; the window passes for ana.
    login(client(app), "sam")
    clock.move(minutes=5, seconds=1)
    login(c, "ana")


def test_csrf_is_required_on_every_post(console: tuple) -> None:
    app, store, _ = console
    c = client(app)
    # The login form's own token: without its cookie, refused.
    r = c.post("/login", data={"username": "ana", "password": password("ana"), "csrf": "x"})
    assert r.status_code == 403
    token = login(c, "ana")
    for data in ({"summary": "placeholder reason"}, {"summary": "x", "csrf": "forged"}):
        r = c.post(f"/queue/{BOTH}/open", data=data)
        assert r.status_code == 403 and "security token" in r.text
    with store.transaction() as tx:
        assert tx.list_cases() == []
    assert c.post(f"/queue/{BOTH}/open", data={"summary": "s", "csrf": token}).status_code == 303


def test_every_route_needs_a_session_and_every_post_a_csrf_token(console: tuple) -> None:
    app, _, _ = console
    c = client(app)
    for route in app.routes:
        if not isinstance(route, APIRoute) or route.path == "/login":
            continue
        url = route.path.format(case_id="case-x", action="review", item_id="item-x", account=BOTH)
        for method in route.methods:
            r = c.request(method, url)
            assert r.status_code == 303 and r.headers["location"] == "/login", (method, url)
            if method == "POST":
                assert any(d.call is posted for d in route.dependant.dependencies), url


def test_roles_are_enforced(console: tuple) -> None:
    app, store, _ = console
    ana = client(app)
    token = login(ana, "ana")
    r = ana.post(f"/queue/{BOTH}/open", data={"summary": "placeholder reason", "csrf": token})
    case_id = r.headers["location"].rsplit("/", 1)[1]
    # An analyst cannot approve, nor see the audit page.
    r = ana.post(f"/cases/{case_id}/approve", data={"csrf": token})
    assert r.status_code == 409  # nothing pending yet: refused by the workflow
    assert ana.get("/audit").status_code == 403
    # An auditor cannot open cases, nor read the queue; the audit page is theirs.
    aud = client(app)
    atoken = login(aud, "aud")
    r = aud.post(f"/queue/{BOTH}/open", data={"summary": "placeholder", "csrf": atoken})
    assert r.status_code == 403 and "may not" in r.text
    assert aud.get("/queue").status_code == 403
    assert aud.get("/audit").status_code == 200
    # A legal officer cannot review.
    leo = client(app)
    ltoken = login(leo, "leo")
    r = leo.post(f"/cases/{case_id}/act/review", data={"csrf": ltoken})
    assert r.status_code == 403
    refused = [a for a in audit_actions(store) if a[2] == "refused"]
    assert ("aud", "case.open", "refused") in refused
    assert ("aud", "queue.view", "refused") in refused
    assert ("leo", "case.review.request", "refused") in refused


def test_queue_filters_and_explanations(console: tuple) -> None:
    app, _, _ = console
    c = client(app)
    login(c, "ana")
    full = c.get("/queue").text
    assert full.index(BOTH) < full.index(META)  # two methods above one
    assert "metadata 0.80" in full and "content 0.70" in full and "decoy 0.70" in full
    assert SECRET_TEXT not in full

    def shown(query: str) -> set[str]:
        text = c.get(f"/queue?{query}").text
        return {a for a in (BOTH, META, CONSUMER, DECOY) if f'href="/queue/{a}"' in text}

    assert shown("role=consumer") == {CONSUMER}
    assert shown("country=PH") == {BOTH, META}
    assert shown("pattern=den") == {BOTH}
    assert shown("method=decoy") == {DECOY}
    assert shown("min_score=0.85") == {BOTH}
    bad = c.get("/queue?min_score=lots")
    assert bad.status_code == 400 and "not a number from 0 to 1" in bad.text
    account = c.get(f"/queue/{BOTH}")
    assert account.status_code == 200
    assert "contacts by country" in account.text and ">US</text>" in account.text
    assert SECRET_TEXT not in account.text
    assert c.get("/queue/p_nobody").status_code == 404


def test_account_page_charts_the_contacts_sidecar_beside_the_flags(tmp_path: Path) -> None:
    flags = tmp_path / "flags.jsonl"
    flags.write_text("".join(json.dumps(f) + "\n" for f in FLAGS))
    days = [date(2026, 10, 26), date(2026, 10, 28), date(2026, 10, 28)]
    sidecar = pa.table(
        {
            "account": [META, META, META],
            "country": ["US", "US", "??"],
            "day": pa.array(days, pa.date32()),
            "calls": [4, 2, 1],
            "video_calls": [3, 2, 0],
            "minutes": [40.0, 12.5, 3.0],
        }
    )
    pq.write_table(sidecar, tmp_path / "flags.contacts.parquet")
    inputs = read_queue([flags])  # the sidecar is found beside the flags
    assert len(inputs.contacts) == 3
    app, *_ = new_console(tmp_path / "home", contacts=inputs.contacts)
    c = client(app)
    login(c, "ana")
    page = c.get(f"/queue/{META}")
    assert page.status_code == 200
    assert 'aria-label="contacts by country"' in page.text
    assert 'aria-label="calls over time"' in page.text
    assert ">US</text>" in page.text and ">??</text>" in page.text
    assert "7 calls, 5 on video" in page.text
    # Three days from first to last, the empty one included; video and other stacked.
    assert page.text.count('class="col-video" x=') == 3 + 1  # and the legend's
    assert "2026-10-27: 0 video calls" in page.text
    # Inline SVG only: the page's one script is the same-origin htmx file, no inline code.
    assert re.findall(r"<script[^>]*>[^<]*</script>", page.text) == [SCRIPT_TAG]
    # An account the sidecar does not name says so rather than drawing empty charts.
    other = c.get(f"/queue/{CONSUMER}")
    assert other.status_code == 200 and "No contact figures" in other.text
    assert 'aria-label="calls over time"' not in other.text


def test_account_page_without_sidecar_has_no_contact_figures(console: tuple) -> None:
    app, _, _ = console
    c = client(app)
    login(c, "ana")
    page = c.get(f"/queue/{META}")
    assert page.status_code == 200 and "No contact figures for this account" in page.text
    assert 'aria-label="calls over time"' not in page.text


def test_the_two_phase_workflow_through_the_forms(tmp_path: Path) -> None:
    app, service, store, clock, _ = new_console(tmp_path / "home")
    ana, leo, lex, sam, sue, ivy = (client(app) for _ in range(6))
    tokens = {
        n: login(c, n)
        for n, c in zip(
            ("ana", "leo", "lex", "sam", "sue", "ivy"), (ana, leo, lex, sam, sue, ivy), strict=True
        )
    }
    r = ana.post(
        f"/queue/{BOTH}/open", data={"summary": "placeholder reason", "csrf": tokens["ana"]}
    )
    case_id = r.headers["location"].rsplit("/", 1)[1]
    page = ana.get(f"/cases/{case_id}").text
    assert "flagged" in page and "metadata_flag 1" in page and "content_score 1" in page
    for step in ("review", "request_authorisation"):
        r = ana.post(f"/cases/{case_id}/act/{step}", data={"csrf": tokens["ana"]})
        assert r.status_code == 303, r.text
    assert 'id="authorise-form"' in leo.get(f"/cases/{case_id}").text
    window = {
        "authority": "Regional Trial Court (placeholder)",
        "reference": "AUTH-2026-001",
        "accounts": [BOTH],
        "starts_at": clock().strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (clock() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "scope": "video calls of the named account",
    }
    # lex holds both roles: enters it, then may not approve it too.
    r = lex.post(f"/cases/{case_id}/authorise", data={**window, "csrf": tokens["lex"]})
    assert r.status_code == 303, r.text
    r = lex.post(f"/cases/{case_id}/approve", data={"csrf": tokens["lex"]})
    assert r.status_code == 403 and "cannot also approve" in r.text
    assert ana.post(f"/cases/{case_id}/approve", data={"csrf": tokens["ana"]}).status_code == 403
    r = sam.post(f"/cases/{case_id}/approve", data={"csrf": tokens["sam"]})
    assert r.status_code == 303
    page = sam.get(f"/cases/{case_id}").text
    assert "identification" in page and "recording: the authorisation" in page

    # Recording happens outside the console (the recorder), under the authorisation.
    ivy_actor = service.actor_for(ivy.cookies["vigil_session"], clock())
    clock.move(hours=1)
    items = [
        service.record(
            ivy_actor,
            case_id,
            account=BOTH,
            captured_at=clock() - timedelta(minutes=10),
            media_type="video/mp4",
            content=placeholder(m),
            description="",
            now=clock(),
        ).item_id
        for m in ("a", "b")
    ]
    r = ivy.post(f"/cases/{case_id}/act/end_identification", data={"csrf": tokens["ivy"]})
    assert r.status_code == 303
    for item, verdict in zip(items, ("yes", "no"), strict=True):
        r = ivy.post(
            f"/cases/{case_id}/items/{item}/mark",
            data={"evidence": verdict, "reason": "reviewed", "csrf": tokens["ivy"]},
        )
        assert r.status_code == 303, r.text
    page = ivy.get(f"/cases/{case_id}").text
    assert "placeholder recording" not in page and items[0] in page
    r = ivy.post(f"/cases/{case_id}/refer", data={"country": "PH", "csrf": tokens["ivy"]})
    assert r.status_code == 303
    r = sue.post(f"/cases/{case_id}/approve", data={"csrf": tokens["sue"]})
    assert r.status_code == 303
    page = sue.get(f"/cases/{case_id}").text
    assert CaseState.REFERRED.value in page and "not evidence at referral" in page

    r = ivy.post(f"/cases/{case_id}/referral.zip", data={"csrf": tokens["ivy"]})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as bundle:
        files = {n.split("/", 1)[1]: bundle.read(n) for n in bundle.namelist()}
    assert f"evidence/{items[0]}" in files and f"evidence/{items[1]}" not in files
    signed = json.loads(files.pop("manifest.json"))
    assert verify_manifest(signed, files, service.signer.verifier) == []
    assert ("ivy", "case.refer.export", "ok") in audit_actions(store)
    # An analyst may not download it.
    r = ana.post(f"/cases/{case_id}/referral.zip", data={"csrf": tokens["ana"]})
    assert r.status_code == 403
    audit = sam.get("/audit")
    assert audit.status_code == 200 and "Intact" in audit.text


def test_no_stack_trace_reaches_the_browser(console: tuple) -> None:
    app, _, _ = console
    c = client(app)
    login(c, "ana")

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("internal detail /srv/secret.py line 42")

    app.state.console.service.view = broken
    r = c.get("/cases")
    assert r.status_code == 500
    assert "Something went wrong" in r.text
    assert "Traceback" not in r.text and "secret.py" not in r.text
    r = c.get("/cases/case-missing")
    assert r.status_code == 404 and "case-missing" in r.text
    r = c.get("/no-such-page")
    assert r.status_code == 404 and "Traceback" not in r.text


def test_serve_refuses_bad_queue_files_in_one_sentence(tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("foo,bar\n1,2\n", encoding="utf-8")
    env = {"VIGIL_HOME": str(tmp_path / "home")}
    for path, said in ((tmp_path / "missing.jsonl", "does not exist"), (odd, "not a flags file")):
        done = run_vigil("serve", "--port", "8999", "--queue", str(path), env=env)
        assert done.returncode == 2 and said in done.stderr
        assert "Traceback" not in done.stderr


def test_an_htmx_filter_gets_only_the_results_and_a_plain_request_the_page(
    console: tuple,
) -> None:
    app, store, _ = console
    c = client(app)
    login(c, "ana")
    part = c.get("/queue?method=content", headers=HX)
    assert part.status_code == 200 and "HX-Request" in part.headers["vary"]
    assert part.text.lstrip().startswith('<div id="results">')
    assert "<html" not in part.text and 'class="filters"' not in part.text
    assert part.text.count('class="queue-row"') == 2
    whole = c.get("/queue?method=content")
    assert "<html" in whole.text and 'class="filters"' in whole.text and SCRIPT_TAG in whole.text
    assert whole.text.count('class="queue-row"') == 2
    # Back/forward after a pushed filter reloads a whole page, never a bare table.
    restore = c.get("/queue?method=content", headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in restore.text
    # Each filtering is still an audited queue view.
    views = [a for a in audit_actions(store) if a[1] == "queue.view"]
    assert views == [("ana", "queue.view", "ok")] * 3


def test_an_htmx_refusal_goes_to_the_notice_and_an_expired_session_to_the_login(
    console: tuple,
) -> None:
    app, _, _ = console
    c = client(app)
    login(c, "ana")
    bad = c.get("/queue?min_score=lots", headers=HX)
    assert bad.status_code == 400 and "<html" not in bad.text
    assert "The minimum score &#39;lots&#39; is not a number from 0 to 1." in bad.text
    assert bad.headers["hx-retarget"] == "#notice" and bad.headers["hx-push-url"] == "false"
    # Without script the same refusal is a whole page.
    assert "<html" in c.get("/queue?min_score=lots").text
    nobody = client(app)
    gone = nobody.get("/queue?method=content", headers=HX)
    assert gone.status_code == 401 and gone.headers["hx-redirect"] == "/login"
    assert nobody.get("/queue").headers["location"] == "/login"


def _csp(headers: Mapping[str, str]) -> dict[str, str]:
    policy = headers["content-security-policy"]
    parts = (p.strip().split(None, 1) for p in policy.split(";") if p.strip())
    return {name: value for name, value in parts}


def test_the_csp_runs_only_this_origins_script_and_htmx_is_configured_for_it(
    console: tuple,
) -> None:
    app, _, _ = console
    c = client(app)
    login(c, "ana")
    for r in (c.get("/login"), c.get("/queue"), c.get("/queue", headers=HX)):
        csp = _csp(r.headers)
        assert csp["script-src"] == "'self'" and csp["connect-src"] == "'self'"
        assert csp["default-src"] == "'none'" and csp["style-src"] == "'self'"
        assert "unsafe" not in r.headers["content-security-policy"]
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", c.get("/queue").text)
    assert config is not None
    settings = json.loads(config.group(1))
    # No <style> injected (style-src 'self'), no eval (no 'unsafe-eval'), no page kept in
    # the browser's history cache.
    assert settings["includeIndicatorStyles"] is False and settings["allowEval"] is False
    assert settings["historyCacheSize"] == 0 and settings["allowScriptTags"] is False
    assert "unsafe" not in HEADERS["Content-Security-Policy"]


def test_the_vendored_htmx_is_served_same_origin_and_matches_its_record(
    console: tuple,
) -> None:
    app, _, _ = console
    record = (STATIC / "VENDORED.md").read_text(encoding="utf-8")
    row = next(line for line in record.splitlines() if line.startswith("| `htmx.min.js`"))
    version = row.split("|")[3].strip()
    sha256 = re.findall(r"`([0-9a-f]{64})`", row)
    assert version.startswith("2.0.") and len(sha256) == 1 and "0BSD" in row
    served = client(app).get("/static/htmx.min.js")  # no login needed for static files
    assert served.status_code == 200
    assert served.headers["content-type"].split(";")[0] in (
        "text/javascript",
        "application/javascript",
    )
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["cache-control"] == "no-cache"  # kept, but revalidated
    assert hashlib.sha256(served.content).hexdigest() == sha256[0]
    assert f'version:"{version}"'.encode() in served.content
