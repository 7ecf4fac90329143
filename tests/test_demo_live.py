"""The serving demo: `vigil demo` serves the console with demo users and a case, and a live
decoy talking to simulated partners that an investigator can read and take over; Ctrl-C
stops both cleanly, the decoy's evidence closed, signed and verifiable.

The demo takes ~20 s to simulate and scan its week, so one test runs it once and checks the
console, the live decoy and the stop in turn."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from vigil.cli.demo_decoy import evidence_folder, fresh_evidence
from vigil.core import InputError
from vigil.decoy import read_evidence
from vigil_cli import run_vigil
from web_support import csrf_of

NETWORK = "demo-chat"
ROW = re.compile(
    r'<tr><td class="mono">demo-chat</td><td><a class="mono" href="[^"]*">([^<]+)</a></td>\s*'
    r'<td>(\w+)</td><td class="num">(\d+)</td>'
)


@dataclass
class ServedDemo:
    proc: subprocess.Popen[str]
    folder: Path
    url: str
    printed: str
    stderr: Path
    result: tuple[int, str, str] | None = None

    def stop(self) -> tuple[int, str, str]:
        """Ctrl-C once; the exit status, the rest of stdout, all of stderr."""
        if self.result is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                rest, _ = self.proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                rest, _ = self.proc.communicate()
            self.result = (self.proc.returncode, rest, self.stderr.read_text())
        return self.result

    @contextlib.contextmanager
    def client(self, user: str) -> Iterator[httpx.Client]:
        """A browser session logged in as one of the printed demo users."""
        c = httpx.Client(base_url=self.url, timeout=10)
        for _ in range(100):
            try:
                form = c.get("/login")
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        done = c.post("/login", data={"username": user, "password": f"{user}-demo-pw",
                                      "csrf": csrf_of(form.text)})  # fmt: skip
        assert done.status_code == 303, done.text
        try:
            yield c
        finally:
            c.close()


@contextlib.contextmanager
def served_demo(folder: Path) -> Iterator[ServedDemo]:
    """`vigil demo --out FOLDER` running until its banner; stopped with Ctrl-C at the end."""
    env = {**os.environ, "COLUMNS": "120", "VIGIL_HOME": str(folder / "elsewhere")}
    env.pop("VIGIL_PSEUDONYM_KEY", None)
    stderr = folder / "stderr.txt"
    with stderr.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from vigil.cli.main import main; main()", "demo", "--out",
             str(folder)],
            stdout=subprocess.PIPE, stderr=err, text=True, env=env,
        )  # fmt: skip
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("console: http://127.0.0.1:"):
            break
    printed = "".join(lines)
    url = re.search(r"console: (http://127\.0\.0\.1:\d+/)", printed)
    served = ServedDemo(proc, folder, url.group(1) if url else "", printed, stderr)
    try:
        assert url, printed + stderr.read_text()
        yield served
    finally:
        served.stop()


def test_demo_serves_the_console_and_a_live_decoy_then_stops_cleanly(tmp_path: Path) -> None:
    with served_demo(tmp_path) as demo:
        _console_with_demo_users_and_a_case(demo)
        _live_decoy_an_investigator_reads_and_takes_over(demo)
        _ctrl_c_stops_cleanly_and_leaves_verifiable_evidence(demo)


def _console_with_demo_users_and_a_case(demo: ServedDemo) -> None:
    assert "accounts in the fused queue" in demo.printed
    assert "analyst-demo-pw" in demo.printed and "investigator-demo-pw" in demo.printed
    assert "demo case: " in demo.printed
    # Only the demo's own home holds the users; the configured one is untouched.
    assert (demo.folder / "vigil-home" / "cases.db").exists()
    assert not (demo.folder / "elsewhere").exists()
    with demo.client("analyst") as c:
        queue = c.get("/queue")
        assert queue.status_code == 200 and "decoy" in queue.text
        cases = c.get("/cases")
        assert cases.status_code == 200 and "Demo: queue rank" in cases.text
        # A flagged account's page charts its contacts from the sidecar.
        first = json.loads((demo.folder / "flags.jsonl").read_text().splitlines()[0])
        account = c.get(f"/queue/{first['account']}")
        assert account.status_code == 200
        assert 'aria-label="calls over time"' in account.text
        assert c.get("/decoy").status_code == 403  # the decoy is for investigators


def _live_rows(c: httpx.Client) -> list[tuple[str, str, int]]:
    page = c.get("/decoy")
    assert page.status_code == 200, page.text
    return [(p, level, int(n)) for p, level, n in ROW.findall(page.text)]


def _live_decoy_an_investigator_reads_and_takes_over(demo: ServedDemo) -> None:
    evidence = demo.folder / "decoy-live"
    assert f"live decoy: running on {NETWORK}" in demo.printed
    assert f"evidence in {evidence.resolve()}" in demo.printed
    with demo.client("investigator") as c:
        # Conversations appear and grow while the page is open: partners write at human pace.
        deadline = time.monotonic() + 60
        first = _live_rows(c)
        while time.monotonic() < deadline:
            rows = _live_rows(c)
            if first and sum(n for *_, n in rows) > sum(n for *_, n in first):
                break
            first = first or rows
            time.sleep(1)
        else:
            pytest.fail(f"no live conversation grew within a minute: {first}")
        partner = rows[0][0]
        url = "/decoy/conversation?" + urlencode({"network": NETWORK, "partner": partner})
        page = c.get(url)
        assert page.status_code == 200 and '<tr class="in">' in page.text
        csrf = csrf_of(page.text)
        form = {"csrf": csrf, "network": NETWORK, "partner": partner}
        assert c.post("/decoy/take", data=form).status_code == 303
        assert c.post("/decoy/say", data={**form, "text": "hello i am here"}).status_code == 303
        for _ in range(50):  # the page reads the evidence, flushed every 50 ms
            page = c.get(url)
            if "<td>operator</td><td>hello i am here</td>" in page.text:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the operator's line never showed on the conversation page")
        assert "You have taken it over" in page.text
        # Left taken: stopping the demo must hand it back in the evidence.


def _ctrl_c_stops_cleanly_and_leaves_verifiable_evidence(demo: ServedDemo) -> None:
    code, rest, err = demo.stop()
    assert code == 0, err
    assert "Traceback" not in err and "Traceback" not in rest
    assert "stopped; the live decoy's evidence is closed and signed" in rest
    evidence = demo.folder / "decoy-live"
    assert not (evidence / "operator.sock").exists()
    found = read_evidence(evidence)  # every chain and signed head verified
    assert found.signed and found.signed_heads > 0
    partners = {line.partner for line in found.conversations}
    assert any(line.human for line in found.conversations)  # the operator's line
    events = [
        json.loads(x)["event"]
        for x in (evidence / f"{NETWORK}.events.jsonl").read_text().splitlines()
    ]
    assert "take_over" in events and "hand_back" in events
    dossiers = [json.loads(x) for x in (evidence / "dossiers.jsonl").read_text().splitlines()]
    assert {d["partner"] for d in dossiers} == partners


def test_an_out_folder_too_deep_for_the_operator_socket_is_refused_before_any_work(
    tmp_path: Path,
) -> None:
    deep = tmp_path / ("d" * 60)
    done = run_vigil("demo", "--out", str(deep), drop=("VIGIL_PSEUDONYM_KEY",))
    assert done.returncode != 0
    assert "too deep for the decoy's operator socket" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr and not deep.exists()
    # Without a console there is no socket, so the same folder is fine for the report.
    assert evidence_folder(tmp_path) == tmp_path.resolve() / "decoy-live"


def test_only_a_previous_demos_evidence_folder_is_replaced(tmp_path: Path) -> None:
    evidence = tmp_path / "decoy-live"
    fresh_evidence(evidence)
    (evidence / "demo-chat.jsonl").write_text("{}\n")
    fresh_evidence(evidence)  # the last demo's: replaced
    assert not (evidence / "demo-chat.jsonl").exists()
    foreign = tmp_path / "other" / "decoy-live"
    foreign.mkdir(parents=True)
    (foreign / "case-notes.txt").write_text("keep")
    with pytest.raises(InputError, match="is not a vigil demo's"):
        fresh_evidence(foreign)
    assert (foreign / "case-notes.txt").read_text() == "keep"
