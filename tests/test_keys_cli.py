"""`vigil keys rotate`: admins only, the keyring file gains a key, the old one can be retired."""

from __future__ import annotations

from pathlib import Path

from vigil_cli import audit_entries, run_vigil


def _key_ids(home: Path) -> list[str]:
    lines = (home / "keys" / "master.keys").read_text().splitlines()
    return [ln.split()[0] for ln in lines if ln.strip() and not ln.startswith(("#", "current"))]


def test_rotation_needs_an_admin_and_keeps_the_old_key_until_retired(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"VIGIL_HOME": str(home), "VIGIL_PASSWORD": "a-long-enough-password"}
    pw = env["VIGIL_PASSWORD"] + "\n"
    add = ("user", "add", "--password-stdin")
    assert run_vigil(*add, "root", "--role", "admin", env=env, stdin=pw).returncode == 0
    assert run_vigil("login", "root", env=env).returncode == 0
    assert run_vigil(*add, "ivy", "--role", "investigator", env=env, stdin=pw).returncode == 0
    before = _key_ids(home)

    done = run_vigil("keys", "rotate", env=env)
    assert done.returncode == 0, done.stderr
    assert len(_key_ids(home)) == len(before) + 1

    done = run_vigil("keys", "rotate", "--retire-old", env=env)
    assert done.returncode == 0, done.stderr
    assert len(_key_ids(home)) == 1
    assert before[0] not in _key_ids(home)

    assert run_vigil("login", "ivy", env=env).returncode == 0
    refused = run_vigil("keys", "rotate", env=env)
    assert refused.returncode != 0 and "keys.rotate" in refused.stderr
    assert "Traceback" not in refused.stderr
    actions = [(e["actor"], e["action"], e["outcome"]) for e in audit_entries(home)]
    assert ("root", "keys.retire", "ok") in actions
    assert ("ivy", "keys.rotate", "refused") in actions
