"""Bitcoin address recognition with checksum validation.

- Base58Check (P2PKH ``1...`` and P2SH ``3...``): 25 bytes whose last 4 are the first 4 of
  the double SHA-256 of the rest.
- Segwit (``bc1...``/``tb1...``): bech32 for witness version 0 (BIP-173), bech32m for
  versions 1-16 (BIP-350), with the BIP-141 program-length rules.

Only addresses whose checksum holds are reported, so random base58-looking tokens do not
become false leads.
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

from vigil.content.identifiers_model import Identifier

_B58_ALPHABET: Final = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX: Final = {ch: i for i, ch in enumerate(_B58_ALPHABET)}
# Mainnet version bytes: what a payment request would carry.
_B58_VERSIONS: Final = {0x00: "P2PKH", 0x05: "P2SH"}

_BECH32_CHARSET: Final = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX: Final = {ch: i for i, ch in enumerate(_BECH32_CHARSET)}
_BECH32_GEN: Final = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_BECH32_CONST: Final = 1
_BECH32M_CONST: Final = 0x2BC830A3
_SEGWIT_HRPS: Final = frozenset({"bc", "tb"})

BITCOIN_PATTERN: Final = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    r"[13][1-9A-HJ-NP-Za-km-z]{25,34}"
    r"|(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}"
    r")(?![A-Za-z0-9])"
)


def _sha256d(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def base58check_kind(address: str) -> str | None:
    """Return "P2PKH"/"P2SH" when `address` is a valid mainnet Base58Check address."""
    num = 0
    for ch in address:
        idx = _B58_INDEX.get(ch)
        if idx is None:
            return None
        num = num * 58 + idx
    body = num.to_bytes((num.bit_length() + 7) // 8, "big") if num else b""
    # Each leading '1' encodes one leading zero byte.
    pad = len(address) - len(address.lstrip("1"))
    raw = b"\x00" * pad + body
    if len(raw) != 25 or _sha256d(raw[:21])[:4] != raw[21:]:
        return None
    return _B58_VERSIONS.get(raw[0])


def _bech32_polymod(values: list[int]) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(_BECH32_GEN):
            if (top >> i) & 1:
                chk ^= gen
    return chk


def _convert_bits(data: list[int], from_bits: int, to_bits: int) -> bytes | None:
    """Regroup 5-bit words into bytes, rejecting non-zero or over-long padding."""
    acc = bits = 0
    out = bytearray()
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if bits >= from_bits or (acc << (to_bits - bits)) & maxv:
        return None
    return bytes(out)


def segwit_kind(address: str) -> str | None:
    """Return e.g. "segwit v0 (bech32)" when `address` is a valid segwit address."""
    if len(address) > 90 or (address.lower() != address and address.upper() != address):
        return None
    addr = address.lower()
    hrp, sep, data_part = addr.rpartition("1")
    if not sep or hrp not in _SEGWIT_HRPS or len(data_part) < 7:
        return None
    try:
        data = [_BECH32_INDEX[ch] for ch in data_part]
    except KeyError:
        return None
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _bech32_polymod(expanded + data)
    version = data[0]
    # BIP-350: v0 keeps bech32, every later version must use bech32m.
    wanted = _BECH32_CONST if version == 0 else _BECH32M_CONST
    if const != wanted or version > 16:
        return None
    program = _convert_bits(data[1:-6], 5, 8)
    if program is None or not 2 <= len(program) <= 40:
        return None
    if version == 0 and len(program) not in (20, 32):
        return None
    encoding = "bech32" if version == 0 else "bech32m"
    return f"segwit v{version} ({encoding})"


def is_valid_bitcoin_address(address: str) -> bool:
    """Whether `address` is a Base58Check or segwit address with a valid checksum."""
    return (base58check_kind(address) or segwit_kind(address)) is not None


def find_bitcoin(text: str) -> list[Identifier]:
    """Bitcoin addresses in `text` whose checksum validates."""
    found: list[Identifier] = []
    for m in BITCOIN_PATTERN.finditer(text):
        token = m.group()
        if token[0] in "13":
            kind = base58check_kind(token)
            value = token
            how = f"Base58Check {kind} checksum (double SHA-256) valid"
        else:
            kind = segwit_kind(token)
            value = token.lower()
            how = f"{kind} checksum valid"
        if kind is not None:
            found.append(
                Identifier("bitcoin", value, m.start(), m.end(), f"bitcoin address: {how}")
            )
    return found
