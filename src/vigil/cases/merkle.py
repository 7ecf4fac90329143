"""The Merkle tree hash of RFC 6962 §2.1 (SHA-256), with inclusion and consistency proofs.

Leaves and interior nodes are hashed with different prefixes (0x00, 0x01) so that no leaf can
pose as a node (second-preimage resistance). Proof checking follows RFC 9162 §2.1.3 and §2.1.4.
Everything here works on 32-byte hashes; hashing the audit entries themselves is the log's job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from vigil.core import IntegrityError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly below n (n >= 2): RFC 6962's k."""
    return 1 << ((n - 1).bit_length() - 1)


def _check_hash(value: bytes, what: str) -> None:
    if not isinstance(value, bytes) or len(value) != HASH_SIZE:
        raise IntegrityError(f"The {what} is not a {HASH_SIZE}-byte SHA-256 hash.")


class MerkleAccumulator:
    """Appends leaf hashes and gives the tree root at any size in O(log n) memory.

    It keeps the roots of the perfect subtrees that make up the tree, left to right, one per
    set bit of the size (a compact range), so appending is amortised one node hash.
    """

    __slots__ = ("_size", "_stack")

    def __init__(self) -> None:
        self._size = 0
        self._stack: list[bytes] = []

    @classmethod
    def from_frontier(cls, size: int, frontier: Sequence[bytes]) -> MerkleAccumulator:
        """Resume from a saved `frontier()`, so an appender need not reread the whole log.

        A verifier must not trust a saved frontier: it recomputes from the entries.
        """
        if size < 0 or len(frontier) != size.bit_count():
            raise IntegrityError(
                f"A Merkle frontier for {size} leaves needs {max(size, 0).bit_count()} hashes, "
                f"not {len(frontier)}."
            )
        for h in frontier:
            _check_hash(h, "frontier hash")
        acc = cls()
        acc._size = size
        acc._stack = list(frontier)
        return acc

    @property
    def size(self) -> int:
        return self._size

    def frontier(self) -> list[bytes]:
        """The perfect subtree roots, largest (leftmost) first: the state to save."""
        return list(self._stack)

    def append(self, leaf_hash: bytes) -> None:
        _check_hash(leaf_hash, "leaf hash")
        node = leaf_hash
        self._size += 1
        # Each trailing zero bit of the new size closes one perfect subtree of equal height.
        n = self._size
        while not n & 1:
            node = node_hash(self._stack.pop(), node)
            n >>= 1
        self._stack.append(node)

    def root(self) -> bytes:
        if not self._stack:
            return EMPTY_ROOT
        # Folding right to left reproduces RFC 6962's split at the largest power of two.
        node = self._stack[-1]
        for left in reversed(self._stack[:-1]):
            node = node_hash(left, node)
        return node


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH(D[n]) over already-hashed leaves."""
    acc = MerkleAccumulator()
    for h in leaf_hashes:
        acc.append(h)
    return acc.root()


def inclusion_proof(leaf_hashes: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(index, D[n]) of RFC 6962 §2.1.1: sibling hashes from the leaf up to the root."""
    n = len(leaf_hashes)
    if not 0 <= index < n:
        raise IntegrityError(f"Leaf {index} is not in a tree of size {n}.")
    proof: list[bytes] = []
    lo, hi, m = 0, n, index
    # Walk down from the root; siblings are collected top-down, the proof is bottom-up.
    while hi - lo > 1:
        k = _split(hi - lo)
        if m < k:
            proof.append(root(leaf_hashes[lo + k : hi]))
            hi = lo + k
        else:
            proof.append(root(leaf_hashes[lo : lo + k]))
            lo, m = lo + k, m - k
    proof.reverse()
    return proof


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does `proof` place `leaf_hash` at `index` of the tree `root`?"""
    if not 0 <= index < size or not _all_hashes([leaf_hash, root, *proof]):
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def consistency_proof(leaf_hashes: Sequence[bytes], old_size: int) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 6962 §2.1.2: shows the tree of size m is a prefix of this one."""
    n = len(leaf_hashes)
    if not 0 <= old_size <= n:
        raise IntegrityError(f"A tree of size {old_size} cannot precede one of size {n}.")
    if old_size in (0, n):
        return []
    proof: list[bytes] = []
    lo, hi, m, complete = 0, n, old_size, True
    # SUBPROOF(m, D[lo:hi], complete), unrolled; siblings collected top-down.
    while m != hi - lo:
        k = _split(hi - lo)
        if m <= k:
            proof.append(root(leaf_hashes[lo + k : hi]))
            hi = lo + k
        else:
            proof.append(root(leaf_hashes[lo : lo + k]))
            lo, m, complete = lo + k, m - k, False
    if not complete:
        proof.append(root(leaf_hashes[lo:hi]))
    proof.reverse()
    return proof


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree `old_root` (old_size) a prefix of `new_root` (new_size)?"""
    if not 0 <= old_size <= new_size or not _all_hashes([old_root, new_root, *proof]):
        return False
    # The edge cases the RFC leaves to the caller: nothing to prove, so the proof must be empty.
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof and old_root == EMPTY_ROOT
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def _all_hashes(values: Sequence[bytes]) -> bool:
    return all(isinstance(v, bytes) and len(v) == HASH_SIZE for v in values)
