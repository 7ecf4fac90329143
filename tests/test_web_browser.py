"""The console in a real browser: Playwright drives Debian's chromium (never Playwright's own
browser download) against a uvicorn server on a free loopback port.

An analyst logs in, filters the queue in place (htmx, under the strict CSP: any violation
the browser reports fails the test), opens an account, opens a case and requests an
authorisation; a legal officer enters it; a supervisor approves it. An investigator downloads
a referral bundle, and takes over a conversation of a running (in-process) decoy, watching it
refresh itself. Screenshots go under tmp_path, and are copied to $VIGIL_SCREENSHOTS when set.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from cases_support import password
from conftest import ensure_debian_package
from decoy_support import LiveDecoy
from vigil.cases.referral import verify_manifest
from web_support import BOTH, new_console, referred_case

CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def decoy(tmp_path: Path) -> Iterator[LiveDecoy]:
    live = LiveDecoy(tmp_path / "evidence")
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture
def server(tmp_path: Path, decoy: LiveDecoy) -> Iterator[tuple[str, Any]]:
    import uvicorn

    app, service, store, clock, _ = new_console(tmp_path / "home", decoy_evidence=decoy.evidence)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the console server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", (store, clock, service)
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def chromium() -> Iterator[Any]:
    ensure_debian_package("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            headless=True,
            # Root in a container has no user namespace for chromium's sandbox.
            args=["--no-sandbox"],
        )
        try:
            yield browser
        finally:
            browser.close()


class Shots:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: list[Path] = []

    def __call__(self, page: Any, name: str) -> None:
        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)

    def publish(self) -> None:
        target = os.environ.get("VIGIL_SCREENSHOTS", "").strip()
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            for path in self.taken:
                shutil.copy2(path, Path(target) / path.name)


def _login(browser: Any, base: str, user: str, console: list[str] | None = None) -> Any:
    """A logged-in page; with ``console``, the browser's errors and warnings (a CSP
    violation is one) and uncaught page errors are collected there."""
    page = browser.new_context().new_page()
    if console is not None:
        page.on(
            "console",
            lambda m: (
                console.append(f"{m.type}: {m.text} ({m.location.get('url')})")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.goto(f"{base}/login")
    page.fill("#username", user)
    page.fill("#password", password(user))
    page.click("#login")
    page.wait_for_selector("#who")
    return page


def test_request_authorise_and_approve_in_the_browser(
    server: tuple[str, Any], chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, (store, clock, _) = server
    shots = Shots(tmp_path)

    problems: list[str] = []
    ana = _login(chromium, base, "ana", problems)
    assert ana.url.endswith("/queue")
    assert ana.locator("tr.queue-row").count() == 5
    shots(ana, "analyst-queue")
    # htmx runs under script-src 'self': choosing a filter swaps the table in, in place.
    ana.wait_for_load_state("load")  # htmx (deferred) has processed the page
    ana.evaluate("window.sameDocument = true")  # gone if the page navigates
    ana.select_option("#f-method", "content")
    expect(ana.locator("tr.queue-row")).to_have_count(2)
    assert ana.evaluate("window.sameDocument === true")
    assert "method=content" in ana.url  # pushed: the filtered view has its own address
    ana.go_back()  # no page copy in the history cache: Back reloads the whole queue
    expect(ana.locator("tr.queue-row")).to_have_count(5)
    assert ana.evaluate("window.sameDocument === undefined")
    assert problems == [], problems
    ana.goto(f"{base}/queue?method=content")
    ana.click(f'a[href="/queue/{BOTH}"]')
    assert "metadata 0.80" in ana.inner_text("#explanation")
    assert ana.locator('svg[aria-label="contacts by country"] rect').count() == 3
    shots(ana, "analyst-account")
    ana.fill("#summary", "Placeholder: metadata and content flags agree.")
    ana.click("#open-case")
    assert ana.inner_text("#state") == "flagged"
    case_url = ana.url
    ana.click("#act-review")
    assert ana.inner_text("#state") == "under_review"
    ana.click("#act-request_authorisation")
    assert ana.inner_text("#state") == "authorisation_requested"
    shots(ana, "analyst-requested")

    leo = _login(chromium, base, "leo")
    leo.goto(case_url)
    leo.fill("#authority", "Regional Trial Court (placeholder)")
    leo.fill("#reference", "AUTH-2026-042")
    leo.fill("#ends-at", (clock() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"))
    leo.fill("#scope", "video calls of the named account")
    shots(leo, "legal-officer-form")
    leo.click("#authorise")
    assert "a supervisor other than you" in leo.inner_text("#flash")
    assert "authorise requested by leo" in leo.inner_text("#pending")
    assert leo.locator("#approve").count() == 0  # not a supervisor

    sam = _login(chromium, base, "sam")
    sam.goto(case_url)
    shots(sam, "supervisor-pending")
    sam.click("#approve")
    assert sam.inner_text("#state") == "identification"
    assert "sam" in sam.inner_text("#authorisations")
    shots(sam, "supervisor-approved")
    sam.goto(f"{base}/audit")
    assert sam.inner_text("#verdict").startswith("Intact")
    shots(sam, "supervisor-audit")

    with store.transaction() as tx:
        actions = [(e.event.actor, e.event.action) for e in tx.audit_entries()]
    assert ("leo", "case.authorise.request") in actions and ("sam", "case.approve") in actions
    shots.publish()
    assert len(shots.taken) == 7 and all(p.stat().st_size > 0 for p in shots.taken)


def test_an_investigator_downloads_a_referral_bundle(
    server: tuple[str, Any], chromium: Any, tmp_path: Path
) -> None:
    base, (store, clock, service) = server
    case_id = referred_case(service, clock)
    shots = Shots(tmp_path)
    ivy = _login(chromium, base, "ivy")
    ivy.goto(f"{base}/cases/{case_id}")
    assert ivy.inner_text("#state") == "referred"
    shots(ivy, "investigator-referred")
    with ivy.expect_download() as info:
        ivy.click("#download")
    download = info.value
    assert download.suggested_filename == f"referral-{case_id}.zip"
    saved = tmp_path / download.suggested_filename
    download.save_as(str(saved))
    with zipfile.ZipFile(saved) as bundle:
        files = {n.split("/", 1)[1]: bundle.read(n) for n in bundle.namelist()}
    signed = json.loads(files.pop("manifest.json"))
    assert verify_manifest(signed, files, service.signer.verifier) == []
    assert any(name.startswith("evidence/") for name in files)
    with store.transaction() as tx:
        actions = [(e.event.actor, e.event.action) for e in tx.audit_entries()]
    assert ("ivy", "case.refer.export") in actions
    shots.publish()
    assert len(shots.taken) == 1


def test_an_operator_takes_over_a_decoy_conversation(
    server: tuple[str, Any], chromium: Any, decoy: LiveDecoy, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, (store, _, _) = server
    decoy.converse("bob", ["hi", "how old are you"])
    shots = Shots(tmp_path)
    problems: list[str] = []
    ivy = _login(chromium, base, "ivy", problems)
    ivy.click('nav a[href="/decoy"]')
    assert ivy.locator("#conversations tr").count() == 2  # the header and bob
    shots(ivy, "operator-decoy-list")
    ivy.click("#conversations a")
    assert "how old are you" in ivy.inner_text("#lines")
    ivy.click("#take")
    assert "You have taken over bob" in ivy.inner_text("#flash")
    assert decoy.taken() == {"bob"}
    decoy.deliver("bob", "where do you live")
    assert decoy.silent("bob")
    # The transcript refreshes itself (htmx polling): no reload, no click.
    expect(ivy.locator("#lines")).to_contain_text("where do you live", timeout=8000)
    # A line is sent in place; the sentence replaces the last one.
    ivy.fill("#say-text", "hello i am here")
    ivy.click("#say")
    expect(ivy.locator("#flash")).to_have_text("Sent.")
    expect(ivy.locator("#say-text")).to_have_value("")
    assert decoy.reply("bob") == "hello i am here"
    ivy.fill("#say-text", "look at www.example.com")
    ivy.click("#say")
    expect(ivy.locator("#flash")).to_contain_text("The guard refused that line")
    expect(ivy.locator("#say-text")).to_have_value("look at www.example.com")  # to reword
    shots(ivy, "operator-guard-refused")
    ivy.click("#release")
    assert "Released bob" in ivy.inner_text("#flash")
    assert decoy.taken() == set()
    shots(ivy, "operator-released")
    assert problems == [], problems
    with store.transaction() as tx:
        entries = [e.event for e in tx.audit_entries() if e.event.actor == "ivy"]
    acts = [(e.action, e.outcome) for e in entries]
    assert ("decoy.take", "ok") in acts and ("decoy.say", "refused") in acts
    shots.publish()
    assert len(shots.taken) == 3 and all(p.stat().st_size > 0 for p in shots.taken)
