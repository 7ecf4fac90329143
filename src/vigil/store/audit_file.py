"""An append-only, hash-chained JSONL audit trail.

Each entry holds the SHA-256 of the previous entry, so an edit or deletion breaks the chain
from that point on. The Merkle-tree log of the case workflow will supersede this file.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

GENESIS = "0" * 64


def _digest(entry: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(entry, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditTrail:
    path: Path

    def _last_hash(self) -> str:
        if not self.path.exists():
            return GENESIS
        last = GENESIS
        with self.path.open("r", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    last = json.loads(line)["hash"]
        return last

    def append(self, action: str, outcome: str, **details: Any) -> dict[str, Any]:
        """Record who did what, when and with which outcome; fsync before returning."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        entry: dict[str, Any] = {
            "at": datetime.now(UTC).isoformat(),
            "actor": os.environ.get("VIGIL_USER") or getpass.getuser(),
            "action": action,
            "outcome": outcome,
            "details": details,
            "prev": self._last_hash(),
        }
        entry["hash"] = _digest(entry)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return entry

    def verify(self) -> int | None:
        """Return the 1-based line of the first broken entry, or None if the chain holds."""
        if not self.path.exists():
            return None
        prev = GENESIS
        with self.path.open("r", encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                try:
                    entry = json.loads(line)
                    claimed = entry.pop("hash")
                except (ValueError, KeyError):
                    return lineno
                if entry.get("prev") != prev or _digest(entry) != claimed:
                    return lineno
                prev = claimed
        return None
