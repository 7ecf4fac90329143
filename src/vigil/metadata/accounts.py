"""Integer account keys inside the engine, and pseudonyms (and raw ids) for the output.

The engines work on 64-bit surrogate keys computed from the raw id in place (no mapping
table, no join). Pseudonyms are computed only for the accounts that reach the output, from
their raw ids looked up by key at the end of the scan; the raw ids never leave the engine
for any other account.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis.expr.types as ir
import pyarrow as pa

from vigil.core import EngineError, Pseudonymiser

# Geolocate a million distinct IPs at a time, so no Python list holds every IP at once.
CHUNK = 1_000_000

_HALF = 2**31


def surrogate_key(value: ir.StringValue, secret: str = "") -> ir.IntegerValue:
    """A 64-bit key of a string, the same expression on every engine.

    Two salted hashes of 31 bits each (Spark's hash is a 32-bit murmur3, DuckDB's a 64-bit
    one): about 2^-62 of a collision per pair of ids, and the output check in
    `AccountMap.build` refuses a flagged key that stands for two ids. For accounts the
    ``secret`` (derived from the pseudonymisation key) prefixes the id, so an engine table
    spilled to disk cannot be reversed by hashing candidate ids without the key.
    """
    lo = (_salted(value, secret) + "|").hash().cast("int64") % _HALF
    return key_high(value, secret) * (2 * _HALF) + lo


def key_high(value: ir.StringValue, secret: str = "") -> ir.IntegerValue:
    """The high half of `surrogate_key`: one hash, a cheap first filter for key look-ups."""
    return _salted(value, secret).hash().cast("int64") % _HALF


def _salted(value: ir.StringValue, secret: str) -> ir.StringValue:
    # No empty prefix: the engine would copy every value to prepend nothing.
    return secret + value if secret else value


def ip_key(value: ir.StringValue, engine: str) -> ir.IntegerValue:
    """A 64-bit key of an IP address string. DuckDB's own hash is 64 bits wide, so one
    hash will do there (a third fewer hashes per call stored); other engines get
    `surrogate_key`'s two. IPs are not pseudonymised, so no secret; the scan refuses two
    distinct IPs with one key."""
    return value.hash() if engine == "duckdb" else surrogate_key(value)


def key_secret(pseudo: Pseudonymiser) -> str:
    """A secret for account surrogate keys, derived from (and as secret as) the HMAC key."""
    return pseudo.pseudonym("\x00vigil:surrogate-key-secret")


def high_of(key: int) -> int:
    """The high half of a surrogate key (its low half lies strictly within +-2^31)."""
    return (key + _HALF) >> 32


@dataclass(frozen=True)
class AccountMap:
    """Keys of the accounts that reach the output: their pseudonyms, and their raw ids (kept
    in memory only for --reveal-ids)."""

    pids: dict[int, str]
    raws: dict[int, str]

    @classmethod
    def build(cls, keys: pa.Array, raws: pa.Array, pseudo: Pseudonymiser) -> AccountMap:
        """From (key, raw id) rows, distinct, for the keys wanted."""
        raw_of: dict[int, str] = {}
        for key, raw in zip(keys.to_pylist(), raws.to_pylist(), strict=True):
            if raw_of.setdefault(key, raw) != raw:
                raise EngineError(
                    "Two account ids share one internal 64-bit key, so the scan cannot tell "
                    "them apart; please report this input."
                )
        ids = list(raw_of)
        pids = pseudo.many(raw_of[k] for k in ids)
        return cls(pids=dict(zip(ids, pids, strict=True)), raws=raw_of)

    def pid(self, key: int) -> str:
        return self.pids[key]

    def raw(self, key: int) -> str:
        return self.raws[key]
