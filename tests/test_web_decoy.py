"""The console's decoy page against a running in-process decoy and its operator socket:
list, watch, take over, guarded lines, release; roles, CSRF and the audit trail."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from cases_support import password
from decoy_support import NETWORK, LiveDecoy
from test_web import audit_actions, client, login, page_csrf
from web_support import csrf_of, new_console

SCRIPT = ["hi", "how old are you", "my skype is test.partner99"]
BOB = "/decoy/conversation?" + urlencode({"network": NETWORK, "partner": "bob"})
HX = {"HX-Request": "true"}


@pytest.fixture
def decoy(tmp_path: Path) -> Iterator[LiveDecoy]:
    live = LiveDecoy(tmp_path / "evidence")
    try:
        yield live
    finally:
        live.stop()


def _post(c: TestClient, url: str, csrf: str, **fields: str) -> str:
    """A form post; the one-shot message on the page it redirects to."""
    done = c.post(url, data={"csrf": csrf, "network": NETWORK, "partner": "bob", **fields})
    assert done.status_code == 303, done.text
    page = c.get(done.headers["location"])
    assert page.status_code == 200
    start = page.text.find('id="flash">')
    return page.text[start + 11 : page.text.find("</p>", start)] if start >= 0 else ""


def test_an_investigator_takes_over_types_guarded_lines_and_hands_back(
    tmp_path: Path, decoy: LiveDecoy
) -> None:
    app, _, store, _, _ = new_console(tmp_path / "home", decoy_evidence=decoy.evidence)
    decoy.converse("bob", SCRIPT)
    c = client(app)
    login(c, "ivy")
    listing = c.get("/decoy")
    assert listing.status_code == 200
    assert 'href="/decoy"' in listing.text  # in the navigation bar
    row = listing.text[listing.text.find(">bob<") :]
    assert "possible" in row or "probable" in row or "confirmed" in row
    assert '<td class="num">1</td>' in row  # one identifier in the dossier: a count, no value
    assert "test.partner99" not in listing.text
    page = c.get(BOB)
    assert page.status_code == 200 and "how old are you" in page.text  # the operator reads it
    csrf = page_csrf(c, BOB)
    assert "You have taken over bob" in _post(c, "/decoy/take", csrf)
    assert decoy.taken() == {"bob"}
    decoy.deliver("bob", "where do you live")
    assert decoy.silent("bob")  # the engine is silent while taken
    assert _post(c, "/decoy/say", csrf, text="hello i am here") == "Sent."
    assert decoy.reply("bob") == "hello i am here"
    refused = _post(c, "/decoy/say", csrf, text="look at www.example.com")
    assert refused.startswith("The guard refused that line") and refused.endswith("sent.")
    assert decoy.silent("bob")  # nothing went out
    shown = c.get(BOB).text
    assert "where do you live" in shown and "operator" in shown
    assert "Released bob" in _post(c, "/decoy/release", csrf)
    assert decoy.taken() == set()
    decoy.deliver("bob", "hi again")
    assert decoy.reply("bob")  # the decoy answers again
    mine = [(a, act, o) for a, act, o in audit_actions(store) if act.startswith("decoy.")]
    assert mine == [
        ("ivy", "decoy.list", "ok"),
        ("ivy", "decoy.watch", "ok"),
        ("ivy", "decoy.watch", "ok"),
        ("ivy", "decoy.take", "ok"),
        ("ivy", "decoy.watch", "ok"),
        ("ivy", "decoy.say", "ok"),
        ("ivy", "decoy.watch", "ok"),
        ("ivy", "decoy.say", "refused"),
        ("ivy", "decoy.watch", "ok"),
        ("ivy", "decoy.watch", "ok"),
        ("ivy", "decoy.release", "ok"),
        ("ivy", "decoy.watch", "ok"),
    ]


def test_only_investigators_and_supervisors_operate_and_every_post_needs_csrf(
    tmp_path: Path, decoy: LiveDecoy
) -> None:
    app, _, store, _, _ = new_console(tmp_path / "home", decoy_evidence=decoy.evidence)
    decoy.converse("bob", SCRIPT[:1])
    for user in ("ana", "leo", "aud", "adm"):
        c = client(app)
        form = c.get("/login")
        secret = {"username": user, "password": password(user), "csrf": csrf_of(form.text)}
        assert c.post("/login", data=secret).status_code == 303
        assert c.get("/decoy").status_code == 403
        assert c.get(BOB).status_code == 403
        assert 'href="/decoy"' not in c.get("/decoy").text
    refused = [a for a, act, o in audit_actions(store) if act == "decoy.operate" and o == "refused"]
    assert {"ana", "leo", "aud", "adm"} <= set(refused)
    c = client(app)
    login(c, "sam")
    assert c.get("/decoy").status_code == 200
    no_token = c.post("/decoy/take", data={"network": NETWORK, "partner": "bob"})
    assert no_token.status_code == 403 and decoy.taken() == set()
    ana = client(app)
    csrf = login(ana, "ana")
    take = ana.post("/decoy/take", data={"csrf": csrf, "network": NETWORK, "partner": "bob"})
    assert take.status_code == 403 and decoy.taken() == set()


def test_without_a_running_decoy_the_page_says_so_in_one_sentence(tmp_path: Path) -> None:
    app, _, _, _, _ = new_console(tmp_path / "home", decoy_evidence=tmp_path)
    c = client(app)
    login(c, "ivy")
    page = c.get("/decoy")
    assert page.status_code == 400 and "No running decoy answers on" in page.text
    assert "Traceback" not in page.text
    unconfigured, _, _, _, _ = new_console(tmp_path / "home2")
    c = client(unconfigured)
    login(c, "ivy")
    assert c.get("/decoy").status_code == 404


def _seen(fragment: str) -> str:
    """The digest a self-refreshing part sends back with its next poll."""
    found = re.search(r'hx-get="[^"]*seen=([0-9a-f]+)"', fragment)
    assert found, "no polling element in the fragment"
    return found.group(1)


def test_live_views_refresh_in_place_and_only_when_something_changed(
    tmp_path: Path, decoy: LiveDecoy
) -> None:
    app, _, store, _, _ = new_console(tmp_path / "home", decoy_evidence=decoy.evidence)
    decoy.converse("bob", SCRIPT[:2])
    c = client(app)
    login(c, "ivy")
    listing = c.get("/decoy", headers=HX)
    assert listing.status_code == 200 and "<html" not in listing.text
    assert 'id="live-list"' in listing.text and 'hx-trigger="every 2s"' in listing.text
    seen = _seen(listing.text)
    again = c.get(f"/decoy?seen={seen}", headers=HX)
    assert again.status_code == 204 and again.content == b""  # nothing swapped, nothing sent
    assert "<html" in c.get(f"/decoy?seen={seen}").text  # without script: the whole page
    decoy.converse("carol", SCRIPT[:1])
    changed = c.get(f"/decoy?seen={seen}", headers=HX)
    assert changed.status_code == 200 and ">carol<" in changed.text
    assert _seen(changed.text) != seen

    part = c.get(BOB, headers=HX)
    assert part.text.lstrip().startswith('<div id="live"') and "<html" not in part.text
    assert "how old are you" in part.text and 'id="say-form"' not in part.text
    seen = _seen(part.text)
    assert c.get(f"{BOB}&seen={seen}", headers=HX).status_code == 204
    decoy.converse("bob", SCRIPT[2:])
    # The decoy commits evidence lines in groups: poll as the page does until the line shows.
    swapped, deadline = 0, time.monotonic() + 5
    while time.monotonic() < deadline:
        poll = c.get(f"{BOB}&seen={seen}", headers=HX)
        assert poll.status_code in (200, 204)
        if poll.status_code == 200:
            swapped, seen = swapped + 1, _seen(poll.text)
            if "test.partner99" in poll.text:
                break
        time.sleep(0.05)
    else:
        pytest.fail("the new line never reached the polled transcript")
    # An unchanged poll shows nothing, so only the views that showed something are audited.
    acts = [act for _, act, _ in audit_actions(store) if act.startswith("decoy.")]
    assert acts == ["decoy.list"] * 3 + ["decoy.watch"] * (1 + swapped)


def test_a_line_sent_through_htmx_comes_back_in_place_and_still_needs_csrf(
    tmp_path: Path, decoy: LiveDecoy
) -> None:
    app, _, _, _, _ = new_console(tmp_path / "home", decoy_evidence=decoy.evidence)
    decoy.converse("bob", SCRIPT[:1])
    c = client(app)
    login(c, "ivy")
    csrf = page_csrf(c, BOB)
    assert "You have taken over bob" in _post(c, "/decoy/take", csrf)
    fields = {"network": NETWORK, "partner": "bob", "text": "hello i am here"}
    forged = c.post("/decoy/say", data=fields, headers=HX)
    assert forged.status_code == 403 and forged.headers["hx-retarget"] == "#notice"
    assert "security token is missing or wrong" in forged.text and "<html" not in forged.text
    assert decoy.silent("bob")
    sent = c.post("/decoy/say", data={**fields, "csrf": csrf}, headers=HX)
    assert sent.status_code == 200 and "<html" not in sent.text
    assert sent.text.lstrip().startswith('<div id="live"')  # the swap's target
    assert '<div id="notice" hx-swap-oob="innerHTML">' in sent.text and ">Sent.<" in sent.text
    form = sent.text[sent.text.find('<form id="say-form"') :]
    assert 'hx-swap-oob="true"' in form and 'value=""' in form and "autofocus" in form
    assert decoy.reply("bob") == "hello i am here"
    refused = c.post(
        "/decoy/say", data={**fields, "csrf": csrf, "text": "look at www.example.com"}, headers=HX
    )
    assert refused.status_code == 200 and "The guard refused that line" in refused.text
    assert 'value="look at www.example.com"' in refused.text  # kept, to reword it
    assert decoy.silent("bob")
