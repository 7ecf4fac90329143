"""The signed manifest of a referral (`manifest.json`) and its verification.

`manifest` lists the SHA-256 and size of every other file of the referral, extra evidence files
included, and signs the list with Ed25519; `verify_manifest` checks the signature, the key
fingerprint and each file against it and names every problem it finds. File names must be
relative POSIX paths inside the referral folder, so a manifest can never point outside it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from vigil.core import InputError
from vigil.core.signing import Signer, Verifier

MANIFEST_NAME: Final = "manifest.json"
MANIFEST_FORMAT: Final = "vigil-referral-manifest/1"


def _check_name(name: str) -> bool:
    """Names are relative POSIX paths inside the referral folder: the CLI writes them there."""
    parts = name.split("/")
    return (
        bool(name)
        and not name.startswith("/")
        and "\\" not in name
        and all(p not in ("", ".", "..") for p in parts)
    )


def _signed_fields(m: Mapping[str, Any]) -> dict[str, Any]:
    return {k: m[k] for k in ("format", "case_id", "created_at", "files", "key_fingerprint")}


def manifest(
    files: Mapping[str, bytes], signer: Signer, *, case_id: str, at: datetime
) -> dict[str, Any]:
    """SHA-256 and size of every file, signed; extra files (evidence/ITEM.bin) are welcome."""
    if MANIFEST_NAME in files:
        raise InputError(f"{MANIFEST_NAME} cannot list itself.")
    for name in files:
        if not _check_name(name):
            raise InputError(f"The file name {name!r} is not a relative path inside the referral.")
    m: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "case_id": case_id,
        "created_at": at.isoformat(),
        "files": [
            {
                "name": name,
                "sha256": hashlib.sha256(files[name]).hexdigest(),
                "size": len(files[name]),
            }
            for name in sorted(files)
        ],
        "key_fingerprint": signer.verifier.fingerprint(),
    }
    m["algorithm"] = "Ed25519"
    m["signature"] = signer.sign(_signed_fields(m))
    return m


def verify_manifest(
    manifest: Mapping[str, Any], files: Mapping[str, bytes], verifier: Verifier
) -> list[str]:
    """Every problem found, one sentence each; an empty list means the referral is intact."""
    try:
        signed = _signed_fields(manifest)
        listed = {str(f["name"]): f for f in manifest["files"]}
        signature = str(manifest["signature"])
    except (KeyError, TypeError):
        return ["The manifest is incomplete: it lacks the file list, key or signature."]
    problems: list[str] = []
    if manifest.get("key_fingerprint") != verifier.fingerprint():
        problems.append("The manifest was signed with a different key than the one given.")
    elif not verifier.valid(signed, signature):
        problems.append("The manifest signature does not verify.")
    for name, entry in listed.items():
        if not _check_name(name):
            problems.append(
                f"The manifest lists {name!r}, which is not a path inside the referral."
            )
            continue
        data = files.get(name)
        if data is None:
            problems.append(f"{name} is listed in the manifest but missing.")
            continue
        if len(data) != entry.get("size"):
            problems.append(f"{name} has {len(data)} bytes; the manifest says {entry.get('size')}.")
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            problems.append(f"{name} does not match its SHA-256 in the manifest.")
    for name in sorted(set(files) - set(listed) - {MANIFEST_NAME}):
        problems.append(f"{name} is not listed in the manifest.")
    return problems
