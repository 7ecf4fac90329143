"""Integer account keys and the pseudonyms (and raw ids) they stand for.

The engines work on integer keys; pseudonyms are looked up only for the accounts that reach
the output. Both columns stay Arrow arrays: a week of a large provider holds tens of millions
of accounts, too many for Python lists.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from vigil.core import Pseudonymiser

# HMAC a million ids at a time, so no Python list holds every id at once.
CHUNK = 1_000_000


@dataclass(frozen=True)
class AccountMap:
    """Key k is row k: its pseudonym, and its raw id (kept in memory only for --reveal-ids)."""

    pids: pa.ChunkedArray
    raws: pa.ChunkedArray

    @classmethod
    def build(cls, raws: pa.ChunkedArray, pseudo: Pseudonymiser) -> AccountMap:
        chunks = []
        for start in range(0, len(raws), CHUNK):
            ids = raws.slice(start, CHUNK).to_pylist()
            chunks.append(pa.array(pseudo.many(ids), pa.string()))
        return cls(pids=pa.chunked_array(chunks, pa.string()), raws=raws)

    def keys_table(self) -> pa.Table:
        return pa.table({"raw": self.raws, "key": pa.array(range(len(self.raws)), pa.int64())})

    def pid(self, key: int) -> str:
        return str(self.pids[key].as_py())

    def raw(self, key: int) -> str:
        return str(self.raws[key].as_py())
