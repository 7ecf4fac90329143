"""`vigil keys rotate`: a new master key wraps every case key; the old one can be retired."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.app import app
from vigil.cli.session import ConfigOpt, open_cases, say
from vigil.store.case_open import KeyPaths
from vigil.store.keys import save_keyring

keys_app = typer.Typer(help="Manage the master key that wraps every case key (admins).")
app.add_typer(keys_app, name="keys")


@keys_app.command("rotate")
def rotate(
    retire_old: Annotated[
        bool,
        typer.Option(
            "--retire-old", help="Drop every older master key once all case keys are rewrapped."
        ),
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Add a new current master key, rewrap every case key under it, and save the keyring.

    The keyring file is saved with the old key still in it before any case key is rewrapped,
    so an interruption never leaves a case key that no saved master key opens.
    """
    cases = open_cases(config)
    actor = cases.actor()
    cases.permit(actor, "keys.rotate", "keys.rotate", "-")
    path: Path = KeyPaths.of(cases.settings).master
    old = cases.service.keyring
    ring = old.rotate()
    save_keyring(path, ring)
    count = cases.service.rewrap_case_keys(actor, ring, cases.now)
    if retire_old:
        # Every case key is now under the current key, so no older key is needed.
        for key_id in sorted(set(ring.keys) - {ring.current}):
            ring = ring.retire(key_id)
            cases.audit(actor, "keys.retire", key_id, "ok")
        save_keyring(path, ring)
    say(f"master key {ring.current} now wraps {count} case key(s)")
