"""Signed deletion certificates: the record that a case, or some of its items, was shredded.

A certificate is evidence that vigil *recorded* a deletion event, signed by vigil's key. It
cannot prove physical erasure (SSD wear levelling, backups, copies made elsewhere), and its
statement says so, so nobody reads more into it than it shows.

The signed bytes are the canonical JSON of `to_json(cert)` without "signature", so anyone
holding the public key can check a certificate without vigil.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from vigil.core import IntegrityError
from vigil.core.signing import Signer, Verifier

# Separates certificate signatures from the other values the same key signs (tree heads,
# authorisations, manifests), so a signature on one can never pass as another.
KIND = "vigil.deletion-certificate/v1"

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX = re.compile(r"(?:[0-9a-f]{2})+")
_FIELDS = frozenset(
    {
        "kind",
        "case_id",
        "shredded_at",
        "actor",
        "reason",
        "items",
        "key_fingerprint",
        "statement",
        "signer_fingerprint",
        "signature",
    }
)


@dataclass(frozen=True)
class DeletionCertificate:
    case_id: str
    shredded_at: datetime
    actor: str
    reason: str
    # (item_id, sha256 of the plaintext) for every item whose ciphertext was deleted.
    items: tuple[tuple[str, str], ...]
    # Fingerprint of the destroyed wrapped case key (vault.fingerprint); None for a partial
    # purge, where the case key lives on for the items that remain.
    key_fingerprint: str | None
    statement: str
    signer_fingerprint: str
    signature: str


def _statement(
    *,
    case_id: str,
    at: datetime,
    actor: str,
    reason: str,
    count: int,
    key_fingerprint: str | None,
    signer_fingerprint: str,
) -> str:
    listed = f"{count} item{'' if count == 1 else 's'} listed"
    if key_fingerprint is not None:
        event = (
            f"vigil recorded that at {at.isoformat()} {actor} crypto-shredded case {case_id} "
            f"(reason: {reason}): the case key with fingerprint {key_fingerprint} was destroyed, "
            f"the ciphertext of the {listed} was deleted, and the database was checkpointed "
            "with secure_delete on."
        )
    else:
        event = (
            f"vigil recorded that at {at.isoformat()} {actor} purged the {listed} from case "
            f"{case_id} (reason: {reason}): their ciphertext was deleted and the database was "
            "checkpointed with secure_delete on; the case key was kept for the case's other "
            "items, so copies of these ciphertexts made elsewhere could still be decrypted."
        )
    return (
        f"{event} This certificate, signed by the key with fingerprint {signer_fingerprint}, "
        "proves that vigil recorded this deletion event at that time; it does not prove that "
        "the bytes were physically erased from storage media, backups or copies held elsewhere."
    )


def _problem(
    case_id: str,
    shredded_at: datetime,
    actor: str,
    reason: str,
    items: tuple[tuple[str, str], ...],
    key_fingerprint: str | None,
) -> str | None:
    """What is wrong with a certificate's content, or None; shared by issuing and parsing."""
    for name, value in (("case_id", case_id), ("actor", actor), ("reason", reason)):
        if not value.strip():
            return f"its {name} is empty"
    if shredded_at.utcoffset() is None:
        return "its time has no time zone"
    if key_fingerprint is not None and not _HEX64.fullmatch(key_fingerprint):
        return "its key fingerprint is not a SHA-256 hex digest"
    if key_fingerprint is None and not items:
        return "it destroys neither a key nor any item"
    seen: set[str] = set()
    for item_id, digest in items:
        if not item_id.strip():
            return "an item id is empty"
        if item_id in seen:
            return f"item {item_id} is listed twice"
        if not _HEX64.fullmatch(digest):
            return f"the hash of item {item_id} is not a SHA-256 hex digest"
        seen.add(item_id)
    return None


def issue_certificate(
    signer: Signer,
    *,
    case_id: str,
    actor: str,
    reason: str,
    items: Iterable[tuple[str, str]],
    key_fingerprint: str | None,
    at: datetime,
) -> DeletionCertificate:
    """Sign a certificate for a deletion the caller has just carried out and committed."""
    items = tuple((item_id, digest) for item_id, digest in items)
    problem = _problem(case_id, at, actor, reason, items, key_fingerprint)
    if problem is not None:
        raise ValueError(f"cannot issue a deletion certificate: {problem}")
    at = at.astimezone(UTC)
    signer_fingerprint = signer.verifier.fingerprint()
    unsigned = DeletionCertificate(
        case_id=case_id,
        shredded_at=at,
        actor=actor,
        reason=reason,
        items=items,
        key_fingerprint=key_fingerprint,
        statement=_statement(
            case_id=case_id,
            at=at,
            actor=actor,
            reason=reason,
            count=len(items),
            key_fingerprint=key_fingerprint,
            signer_fingerprint=signer_fingerprint,
        ),
        signer_fingerprint=signer_fingerprint,
        signature="",
    )
    return replace(unsigned, signature=signer.sign(_signed(unsigned)))


def _signed(cert: DeletionCertificate) -> dict[str, Any]:
    payload = to_json(cert)
    del payload["signature"]
    return payload


def verify_certificate(verifier: Verifier, cert: DeletionCertificate) -> bool:
    """True only when `verifier`'s key signed exactly this certificate."""
    return cert.signer_fingerprint == verifier.fingerprint() and verifier.valid(
        _signed(cert), cert.signature
    )


def to_json(cert: DeletionCertificate) -> dict[str, Any]:
    return {
        "kind": KIND,
        "case_id": cert.case_id,
        "shredded_at": cert.shredded_at.isoformat(),
        "actor": cert.actor,
        "reason": cert.reason,
        "items": [{"item_id": item_id, "sha256": digest} for item_id, digest in cert.items],
        "key_fingerprint": cert.key_fingerprint,
        "statement": cert.statement,
        "signer_fingerprint": cert.signer_fingerprint,
        "signature": cert.signature,
    }


def _malformed(problem: str) -> IntegrityError:
    return IntegrityError(f"The deletion certificate is malformed: {problem}.")


def _text(d: Mapping[str, Any], name: str) -> str:
    value = d[name]
    if not isinstance(value, str):
        raise _malformed(f"{name} is not a string")
    return value


def from_json(d: object) -> DeletionCertificate:
    """Parse `to_json` output (e.g. after json.loads); anything off raises IntegrityError."""
    if not isinstance(d, Mapping):
        raise _malformed("it is not a JSON object")
    missing = sorted(_FIELDS - set(d))
    if missing:
        raise _malformed(f"the field {missing[0]} is missing")
    # Unsigned extra fields could be mistaken for signed content, so none are accepted.
    if set(d) - _FIELDS:
        raise _malformed("it has fields that are not part of a certificate")
    if d["kind"] != KIND:
        raise _malformed(f"its kind is not {KIND}")
    try:
        shredded_at = datetime.fromisoformat(_text(d, "shredded_at"))
    except ValueError:
        raise _malformed("shredded_at is not an ISO-8601 time") from None
    raw_items = d["items"]
    if not isinstance(raw_items, list):
        raise _malformed("items is not a list")
    items: list[tuple[str, str]] = []
    for raw in raw_items:
        if not isinstance(raw, Mapping) or set(raw) != {"item_id", "sha256"}:
            raise _malformed('an item is not an object with exactly "item_id" and "sha256"')
        items.append((_text(raw, "item_id"), _text(raw, "sha256")))
    key_fingerprint = d["key_fingerprint"]
    if key_fingerprint is not None and not isinstance(key_fingerprint, str):
        raise _malformed("key_fingerprint is neither a string nor null")
    signer_fingerprint = _text(d, "signer_fingerprint")
    if not _HEX64.fullmatch(signer_fingerprint):
        raise _malformed("signer_fingerprint is not a SHA-256 hex digest")
    if not _text(d, "statement").strip():
        raise _malformed("its statement is empty")
    signature = _text(d, "signature")
    if not _HEX.fullmatch(signature):
        raise _malformed("signature is not hex")
    cert = DeletionCertificate(
        case_id=_text(d, "case_id"),
        shredded_at=shredded_at,
        actor=_text(d, "actor"),
        reason=_text(d, "reason"),
        items=tuple(items),
        key_fingerprint=key_fingerprint,
        statement=_text(d, "statement"),
        signer_fingerprint=signer_fingerprint,
        signature=signature,
    )
    problem = _problem(
        cert.case_id, cert.shredded_at, cert.actor, cert.reason, cert.items, cert.key_fingerprint
    )
    if problem is not None:
        raise _malformed(problem)
    return cert
