"""RFC 6962 Merkle tree: known answers, every proof up to 64 leaves, and forged proofs failing."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.cases import merkle
from vigil.core import IntegrityError

MAX_LEAVES = 64
EXAMPLES = settings(max_examples=120, deadline=None)

# The certificate-transparency reference vectors (RFC 6962 implementations all pin these).
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    bytes(range(0x60, 0x70)),
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = {
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}
CT_CONSISTENCY = {
    (1, 1): [],
    (1, 8): CT_INCLUSION[(0, 8)],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}


def reference_mth(data: list[bytes]) -> bytes:
    """RFC 6962 §2.1 written out literally, over raw leaf data, as an independent check."""
    if not data:
        return hashlib.sha256(b"").digest()
    if len(data) == 1:
        return hashlib.sha256(b"\x00" + data[0]).digest()
    k = 1
    while k * 2 < len(data):
        k *= 2
    return hashlib.sha256(b"\x01" + reference_mth(data[:k]) + reference_mth(data[k:])).digest()


def hashes(count: int) -> list[bytes]:
    return [merkle.leaf_hash(i.to_bytes(2, "big")) for i in range(count)]


ALL = hashes(MAX_LEAVES)
leaf_lists = st.lists(st.binary(max_size=12), min_size=1, max_size=MAX_LEAVES, unique=True)


def flip(proof: list[bytes], element: int, byte: int, bit: int) -> list[bytes]:
    forged = list(proof)
    value = bytearray(forged[element])
    value[byte] ^= 1 << bit
    forged[element] = bytes(value)
    return forged


def test_known_answers() -> None:
    assert merkle.root([]).hex() == CT_ROOTS[0] == merkle.EMPTY_ROOT.hex()
    assert CT_ROOTS[0].startswith("e3b0c442")
    leaf_hashes = [merkle.leaf_hash(d) for d in CT_LEAVES]
    for size in range(len(CT_LEAVES) + 1):
        assert merkle.root(leaf_hashes[:size]).hex() == CT_ROOTS[size]
        assert reference_mth(CT_LEAVES[:size]).hex() == CT_ROOTS[size]
    for (index, size), expected in CT_INCLUSION.items():
        assert [p.hex() for p in merkle.inclusion_proof(leaf_hashes[:size], index)] == expected
    for (old, new), expected in CT_CONSISTENCY.items():
        assert [p.hex() for p in merkle.consistency_proof(leaf_hashes[:new], old)] == expected
        assert merkle.verify_consistency(
            old,
            new,
            bytes.fromhex(CT_ROOTS[old]),
            bytes.fromhex(CT_ROOTS[new]),
            [bytes.fromhex(p) for p in expected],
        )


def test_accumulator_matches_reference_for_every_prefix() -> None:
    data = [i.to_bytes(2, "big") for i in range(MAX_LEAVES + 1)]
    acc = merkle.MerkleAccumulator()
    assert acc.size == 0 and acc.root() == merkle.EMPTY_ROOT
    for size in range(1, len(data) + 1):
        acc.append(merkle.leaf_hash(data[size - 1]))
        assert acc.size == size
        expected = reference_mth(data[:size])
        assert acc.root() == expected
        assert merkle.root([merkle.leaf_hash(d) for d in data[:size]]) == expected


def test_every_inclusion_proof_up_to_64_leaves_verifies() -> None:
    verified = 0
    for size in range(1, MAX_LEAVES + 1):
        tree_root = merkle.root(ALL[:size])
        for index in range(size):
            proof = merkle.inclusion_proof(ALL[:size], index)
            assert merkle.verify_inclusion(ALL[index], index, size, proof, tree_root)
            verified += 1
    assert verified == MAX_LEAVES * (MAX_LEAVES + 1) // 2


def test_every_consistency_proof_up_to_64_leaves_verifies() -> None:
    roots = [merkle.root(ALL[:size]) for size in range(MAX_LEAVES + 1)]
    verified = 0
    for new in range(MAX_LEAVES + 1):
        for old in range(new + 1):
            proof = merkle.consistency_proof(ALL[:new], old)
            assert merkle.verify_consistency(old, new, roots[old], roots[new], proof)
            verified += 1
    assert verified == (MAX_LEAVES + 1) * (MAX_LEAVES + 2) // 2


@EXAMPLES
@given(data=leaf_lists)
def test_accumulator_equals_root_for_all_prefixes(data: list[bytes]) -> None:
    leaf_hashes = [merkle.leaf_hash(d) for d in data]
    acc = merkle.MerkleAccumulator()
    for size, h in enumerate(leaf_hashes, start=1):
        acc.append(h)
        assert acc.root() == merkle.root(leaf_hashes[:size])
    assert acc.root() == reference_mth(data)


@EXAMPLES
@given(data=leaf_lists, pick=st.integers(min_value=0), other=st.integers(min_value=0))
def test_forged_inclusion_proofs_fail(data: list[bytes], pick: int, other: int) -> None:
    leaf_hashes = [merkle.leaf_hash(d) for d in data]
    size = len(leaf_hashes)
    index = pick % size
    tree_root = merkle.root(leaf_hashes)
    proof = merkle.inclusion_proof(leaf_hashes, index)
    leaf = leaf_hashes[index]
    assert merkle.verify_inclusion(leaf, index, size, proof, tree_root)
    if proof:
        forged = flip(proof, other % len(proof), (other >> 8) % 32, (other >> 16) % 8)
        assert not merkle.verify_inclusion(leaf, index, size, forged, tree_root)
        assert not merkle.verify_inclusion(leaf, index, size, proof[:-1], tree_root)
    assert not merkle.verify_inclusion(leaf, index, size, [*proof, leaf], tree_root)
    wrong_index = (index + 1 + other % max(size - 1, 1)) % size
    if wrong_index != index:
        assert not merkle.verify_inclusion(leaf, wrong_index, size, proof, tree_root)
    assert not merkle.verify_inclusion(leaf, size, size, proof, tree_root)
    assert not merkle.verify_inclusion(leaf, -1, size, proof, tree_root)
    assert not merkle.verify_inclusion(leaf, index, size, proof, merkle.leaf_hash(tree_root))
    assert not merkle.verify_inclusion(merkle.leaf_hash(leaf), index, size, proof, tree_root)


@EXAMPLES
@given(data=leaf_lists, pick=st.integers(min_value=0), other=st.integers(min_value=0))
def test_forged_consistency_proofs_fail(data: list[bytes], pick: int, other: int) -> None:
    leaf_hashes = [merkle.leaf_hash(d) for d in data]
    new = len(leaf_hashes)
    old = pick % (new + 1)
    old_root, new_root = merkle.root(leaf_hashes[:old]), merkle.root(leaf_hashes)
    proof = merkle.consistency_proof(leaf_hashes, old)
    assert merkle.verify_consistency(old, new, old_root, new_root, proof)
    if proof:
        forged = flip(proof, other % len(proof), (other >> 8) % 32, (other >> 16) % 8)
        assert not merkle.verify_consistency(old, new, old_root, new_root, forged)
        assert not merkle.verify_consistency(old, new, old_root, new_root, proof[:-1])
    assert not merkle.verify_consistency(old, new, old_root, new_root, [*proof, new_root])
    assert not merkle.verify_consistency(old, new, merkle.leaf_hash(old_root), new_root, proof)
    if old > 0:  # every tree extends the empty tree, whatever its root
        assert not merkle.verify_consistency(old, new, old_root, merkle.leaf_hash(new_root), proof)
    assert not merkle.verify_consistency(new + 1, new, old_root, new_root, proof)


def test_unusable_input_raises_and_bad_shapes_fail() -> None:
    with pytest.raises(IntegrityError):
        merkle.inclusion_proof(ALL[:4], 4)
    with pytest.raises(IntegrityError):
        merkle.inclusion_proof([], 0)
    with pytest.raises(IntegrityError):
        merkle.consistency_proof(ALL[:4], 5)
    with pytest.raises(IntegrityError):
        merkle.MerkleAccumulator().append(b"short")
    tree_root = merkle.root(ALL[:4])
    proof = merkle.inclusion_proof(ALL[:4], 1)
    assert not merkle.verify_inclusion(ALL[1], 1, 4, [p[:31] for p in proof], tree_root)
    assert not merkle.verify_inclusion(ALL[1], 0, 0, [], merkle.EMPTY_ROOT)
    # Nothing to prove between equal sizes or from the empty tree: only the empty proof fits.
    assert merkle.verify_consistency(0, 4, merkle.EMPTY_ROOT, tree_root, [])
    assert not merkle.verify_consistency(0, 4, tree_root, tree_root, [])
    assert not merkle.verify_consistency(4, 4, tree_root, tree_root, [tree_root])
    assert not merkle.verify_consistency(2, 4, merkle.root(ALL[:2]), tree_root, [])


def test_accumulator_resumes_from_a_saved_frontier() -> None:
    acc = merkle.MerkleAccumulator()
    for size in range(MAX_LEAVES):
        resumed = merkle.MerkleAccumulator.from_frontier(acc.size, acc.frontier())
        assert resumed.root() == acc.root() == merkle.root(ALL[:size])
        resumed.append(ALL[size])
        acc.append(ALL[size])
        assert resumed.root() == acc.root() == merkle.root(ALL[: size + 1])
    with pytest.raises(IntegrityError):
        merkle.MerkleAccumulator.from_frontier(3, [ALL[0]])
    with pytest.raises(IntegrityError):
        merkle.MerkleAccumulator.from_frontier(1, [b"short"])
    with pytest.raises(IntegrityError):
        merkle.MerkleAccumulator.from_frontier(-1, [])
