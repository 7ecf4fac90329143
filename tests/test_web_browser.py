"""The console in a real browser: Playwright drives Debian's chromium (never Playwright's own
browser download) against a uvicorn server on a free loopback port.

An analyst logs in, opens the queue and an account, opens a case and requests an
authorisation; a legal officer enters it; a supervisor approves it. Screenshots go under
tmp_path, and are copied to $VIGIL_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from cases_support import password
from conftest import ensure_debian_package
from web_support import BOTH, new_console

CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    import uvicorn

    app, _, store, clock, _ = new_console(tmp_path / "home")
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
        yield f"http://127.0.0.1:{port}", (store, clock)
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


def _login(browser: Any, base: str, user: str) -> Any:
    page = browser.new_context().new_page()
    page.goto(f"{base}/login")
    page.fill("#username", user)
    page.fill("#password", password(user))
    page.click("#login")
    page.wait_for_selector("#who")
    return page


def test_request_authorise_and_approve_in_the_browser(
    server: tuple[str, Any], chromium: Any, tmp_path: Path
) -> None:
    base, (store, clock) = server
    shots = Shots(tmp_path)

    ana = _login(chromium, base, "ana")
    assert ana.url.endswith("/queue")
    assert ana.locator("tr.queue-row").count() == 5
    shots(ana, "analyst-queue")
    ana.select_option("#f-method", "content")
    ana.click("#filter")
    assert ana.locator("tr.queue-row").count() == 2
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
