"""Sensitive acts outside the case workflow (revealing raw ids, identification-mode scans)
go into the same Merkle audit log as the workflow, so `vigil audit verify` covers them too.

These commands run without a workflow login, so the actor is the operating-system user (or
VIGIL_USER where a wrapper sets it).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vigil.cases import AuditEvent
from vigil.core import Settings
from vigil.store.case_open import open_store


@dataclass(frozen=True)
class AuditSink:
    settings: Settings

    def append(self, action: str, outcome: str, target: str = "-", **details: Any) -> None:
        """Record who did what, when and with which outcome; committed before returning."""
        actor = os.environ.get("VIGIL_USER") or getpass.getuser()
        event = AuditEvent(datetime.now(UTC), actor, action, target, outcome, details)
        open_store(self.settings).audit_alone(event)
