"""Verification of the append-only audit log: entries as Merkle leaves, signed tree heads.

The store appends entry `seq` and, in the same transaction, a tree head of size `seq + 1`
signed with the log key; it also copies the latest head to a witness file outside the
database. So a verifier expects one head for every size 1..n and checks, in one pass:

- entry i carries seq i (catches gaps, duplicates, reordering and deletions);
- after appending entry i, the Merkle root equals the signed head of size i + 1 (catches any
  change to an entry, pinned to the first entry whose head disagrees);
- every head is signed by the log key, and heads beyond the last entry mean truncation;
- the witness, kept where a database attacker cannot reach it, catches truncation of entries
  and heads together, and a history rewritten by someone holding the signing key.

Pure domain logic: the store reads rows and the witness file, this module judges them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vigil.cases import merkle
from vigil.cases.model import AuditEvent
from vigil.core import IntegrityError
from vigil.core.signing import Signer, Verifier, canonical_bytes

# Named in every signed head, so a head signature can never pass for a signature the same key
# makes over another record (authorisations, certificates, manifests).
HEAD_KIND = "vigil.audit.tree_head.v1"


@dataclass(frozen=True)
class LogEntry:
    """One sequenced audit event: leaf `seq` (0-based) of the Merkle tree."""

    seq: int
    event: AuditEvent

    def leaf_bytes(self) -> bytes:
        try:
            return canonical_bytes({"seq": self.seq, **self.event.canonical()})
        except (TypeError, ValueError) as exc:
            raise IntegrityError(
                f"Audit entry {self.seq} has details that cannot be written as JSON."
            ) from exc

    def leaf_hash(self) -> bytes:
        return merkle.leaf_hash(self.leaf_bytes())


@dataclass(frozen=True)
class TreeHead:
    """A signed statement: the log's first `size` entries have Merkle root `root` (hex)."""

    size: int
    root: str
    at: datetime
    key: str
    signature: str

    def signed_fields(self) -> dict[str, Any]:
        return {
            "kind": HEAD_KIND,
            "size": self.size,
            "root": self.root,
            "at": self.at.isoformat(),
            "key": self.key,
        }

    def root_bytes(self) -> bytes | None:
        """The root as bytes, or None when the stored text is not a 32-byte hex hash."""
        try:
            raw = bytes.fromhex(self.root)
        except ValueError:
            return None
        return raw if len(raw) == merkle.HASH_SIZE else None

    def signed_by(self, verifier: Verifier) -> bool:
        return self.key == verifier.fingerprint() and verifier.valid(
            self.signed_fields(), self.signature
        )


def sign_head(signer: Signer, size: int, root: bytes, at: datetime) -> TreeHead:
    if size < 0 or len(root) != merkle.HASH_SIZE:
        raise IntegrityError("A tree head needs a size of 0 or more and a 32-byte root.")
    unsigned = TreeHead(size, root.hex(), at, signer.verifier.fingerprint(), "")
    return TreeHead(size, unsigned.root, at, unsigned.key, signer.sign(unsigned.signed_fields()))


@dataclass(frozen=True)
class VerifyReport:
    """The verdict on a log.

    `first_tampered` is the seq of the first entry that is altered, missing, reordered or
    inserted; for a forged head it is the newest entry that head should vouch for, since the
    log is unproven from there. It is None when the log is intact, and also when the damage
    cannot be pinned to an entry (a forged head past the end, a forged witness, or a witness
    that disagrees with a fully re-signed history). `reason` is one sentence, None when intact.
    """

    entries: int
    heads_checked: int
    first_tampered: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_tampered is None and self.reason is None


def verify_log(
    entries: Sequence[LogEntry],
    heads: Sequence[TreeHead],
    verifier: Verifier,
    witness: TreeHead | None = None,
) -> VerifyReport:
    """Check the entries against their signed heads and the witness, in one pass.

    The first problem in log order is reported: an earlier entry's damage explains the later
    disagreements, and auditors need the point from which the log cannot be trusted. Cost:
    one leaf hash and amortised one node hash per entry, O(log n) hashes per head root, and
    one signature check per head.
    """
    n = len(entries)
    fingerprint = verifier.fingerprint()
    by_size: dict[int, list[TreeHead]] = {}
    for head in heads:
        by_size.setdefault(head.size, []).append(head)
    checked = 0

    def report(first: int | None, reason: str) -> VerifyReport:
        return VerifyReport(n, checked, first, reason)

    def signature_problem(head: TreeHead) -> str | None:
        if head.key != fingerprint:
            return f"the tree head of size {head.size} is signed by another key, not the log's"
        if not verifier.valid(head.signed_fields(), head.signature):
            return f"the signed tree head of size {head.size} has an invalid signature"
        return None

    if any(size < 0 for size in by_size) or (witness is not None and witness.size < 0):
        return report(None, "A tree head claims a negative size.")
    # The store writes no size-0 head, but one that is present must be the empty tree.
    for head in by_size.pop(0, []):
        checked += 1
        problem = signature_problem(head)
        if problem is None and head.root_bytes() != merkle.EMPTY_ROOT:
            problem = "the signed tree head of size 0 is not the empty tree"
        if problem is not None:
            return report(None, _sentence(problem))

    witness_root = merkle.EMPTY_ROOT if witness is not None and witness.size == 0 else None
    acc = merkle.MerkleAccumulator()
    for i, entry in enumerate(entries):
        if entry.seq != i:
            what = "a repeated" if entry.seq < i else "the later"
            return report(
                i,
                f"Entry {i} is missing or out of order: position {i} of the log holds "
                f"{what} seq {entry.seq}.",
            )
        acc.append(entry.leaf_hash())
        size = i + 1
        if size not in by_size:
            return report(i, f"Entry {i} is not covered by a signed tree head of size {size}.")
        current = acc.root()
        for head in by_size[size]:
            checked += 1
            problem = signature_problem(head)
            if problem is not None:
                return report(i, _sentence(f"{problem} (it covers entry {i})"))
            if head.root_bytes() != current:
                return report(i, f"Entry {i} does not match the signed tree head of size {size}.")
        if witness is not None and witness.size == size:
            witness_root = current

    # Heads past the end: a genuine one proves entries were cut off; a forged one is reported.
    beyond = sorted(size for size in by_size if size > n)
    checked += sum(len(by_size[size]) for size in beyond)
    genuine = [size for size in beyond if any(h.signed_by(verifier) for h in by_size[size])]
    if genuine:
        return report(n, _missing(n, genuine[-1], "signed tree head"))
    for size in beyond:
        for head in by_size[size]:
            problem = signature_problem(head)
            if problem is not None:
                return report(None, _sentence(f"{problem} (past the log's last entry)"))

    if witness is not None:
        if not witness.signed_by(verifier):
            return report(None, "The witness tree head is not signed by the log's key.")
        if witness.size > n:
            return report(n, _missing(n, witness.size, "witness tree head"))
        if witness.root_bytes() != witness_root:
            return report(
                None,
                f"The log's first {witness.size} entries do not match the witness tree head "
                f"of size {witness.size}: the history was rewritten and signed again.",
            )
    return VerifyReport(n, checked, None, None)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _missing(n: int, size: int, what: str) -> str:
    entries = f"Entry {n} is" if size == n + 1 else f"Entries {n} to {size - 1} are"
    return f"{entries} missing: the {what} of size {size} covers {size} entries, the log holds {n}."


def _leaf_hashes(entries: Sequence[LogEntry], size: int) -> list[bytes]:
    if not 0 <= size <= len(entries):
        raise IntegrityError(
            f"A tree head of size {size} does not fit a log of {len(entries)} entries."
        )
    hashes = []
    for i, entry in enumerate(entries[:size]):
        if entry.seq != i:
            raise IntegrityError(f"Entry {i} is missing or out of order in the log.")
        hashes.append(entry.leaf_hash())
    return hashes


def prove_inclusion(entries: Sequence[LogEntry], seq: int, head: TreeHead) -> list[bytes]:
    """The inclusion proof of entry `seq` in the tree `head`, after checking the log matches it.

    The head's signature is the caller's to check (with a Verifier); this checks the entries.
    """
    if not 0 <= seq < head.size:
        raise IntegrityError(f"Entry {seq} is not in the tree head of size {head.size}.")
    hashes = _leaf_hashes(entries, head.size)
    expected = head.root_bytes()
    if expected is None or merkle.root(hashes) != expected:
        raise IntegrityError(
            f"The log's first {head.size} entries do not match the tree head of size {head.size}."
        )
    proof = merkle.inclusion_proof(hashes, seq)
    if not merkle.verify_inclusion(hashes[seq], seq, head.size, proof, expected):
        raise IntegrityError(f"The inclusion proof of entry {seq} does not verify.")
    return proof


def check_consistency(entries: Sequence[LogEntry], old_head: TreeHead, new_head: TreeHead) -> bool:
    """True when `old_head`'s tree is a prefix of `new_head`'s, proven from the log's entries.

    Raises IntegrityError only when the heads cannot be compared (new smaller than old, or
    past the end of the log); a false answer means one of the heads does not fit the log.
    """
    if old_head.size > new_head.size:
        raise IntegrityError(
            f"The tree head of size {old_head.size} is newer than the one of size {new_head.size}."
        )
    hashes = _leaf_hashes(entries, new_head.size)
    old_root, new_root = old_head.root_bytes(), new_head.root_bytes()
    if old_root is None or new_root is None or old_head.size < 0:
        return False
    proof = merkle.consistency_proof(hashes, old_head.size)
    return merkle.verify_consistency(old_head.size, new_head.size, old_root, new_root, proof)
