"""Running the real `vigil` command in a subprocess, as users and scripts meet it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_vigil(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: str | None = None,
    drop: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """`vigil ARGS` with this interpreter; ``env`` adds to the environment, ``drop`` removes."""
    full_env = {**os.environ, **(env or {})}
    for name in drop:
        full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", "from vigil.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        input=stdin,
        check=False,
    )


def audit_entries(home: Path) -> list[dict[str, object]]:
    """The audit log of a vigil home, oldest first, as plain dicts (no login needed)."""
    from vigil.core import load_settings
    from vigil.store.case_open import open_store

    if not (home / "cases.db").exists():
        return []
    store = open_store(load_settings(home=home))
    with store.transaction() as tx:
        return [entry.event.canonical() for entry in tx.audit_entries()]
