"""Child process of test_cases_crash: records evidence and appends audit entries in a loop
until it is killed, printing each record's id only after its commit returned.

Usage: cases_crash_child.py HOME CASE_ID AT_ISO RUN

A line on stdout is the acknowledgement: "item ITEM_ID SHA256" or "audit SEQ TARGET". The
content is a placeholder marker padded to varying sizes, so writes span many pages.
"""

from __future__ import annotations

import sys
from datetime import datetime

from vigil.cases import Actor, AuditEvent, Role
from vigil.core import load_settings
from vigil.store.case_open import open_service


def main(argv: list[str]) -> None:
    home, case_id, at_iso, run = argv[1:5]
    service, store = open_service(load_settings(home=home))
    investigator = Actor("ivy", frozenset({Role.INVESTIGATOR}))
    at = datetime.fromisoformat(at_iso)
    print("ready", flush=True)
    i = 0
    while True:
        if i % 2 == 0:
            padding = b"." * ((i * 7919 + int(run) * 104729) % 150_000)
            item = service.record(
                investigator,
                case_id,
                account="acct:a",
                captured_at=at,
                media_type="video/mp4",
                content=b"placeholder recording " + f"{run}-{i}".encode() + padding,
                description=f"run {run} write {i}",
                now=at,
            )
            print(f"item {item.item_id} {item.sha256}", flush=True)
        else:
            target = f"probe-{run}-{i}"
            head = store.audit_alone(
                AuditEvent(at, "ivy", "crash.probe", target, "ok", {"run": int(run), "i": i})
            )
            print(f"audit {head.size - 1} {target}", flush=True)
        i += 1


if __name__ == "__main__":
    main(sys.argv)
