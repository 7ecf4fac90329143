"""Anonymiser lists: Tor exits, VPN and datacenter ranges, from files the user supplies.

A call from a Tor exit or a hosting range hides where the caller really is, so its country
must not count as evidence. Lists are plain text, one entry a line::

    # Tor exit nodes, 2026-11-01          <- comment (also after an entry)
    185.220.101.1                          <- one address
    2a0b:f4c2::/40                         <- a network
    vpn-acme,203.0.113.0/24                <- "label,network": a label for this line only

Entries without a label take the file's label: the one given for it, else the file name
without its extension ("tor-exits.txt" -> "tor-exits").
"""

from __future__ import annotations

import bisect
import ipaddress
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from vigil.core.errors import ReferenceDataError
from vigil.geo.ip import ip_key

__all__ = ["AnonymiserIndex", "ListFile"]

# A file, or (label, file) to give its entries a label other than the file name.
ListFile = str | os.PathLike[str] | tuple[str, str | os.PathLike[str]]
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_HEADER_WORDS = frozenset({"label", "cidr", "network", "ip", "prefix", "range", "address"})


@dataclass(frozen=True, slots=True)
class _Net:
    version: int
    first: int
    last: int
    label: str
    order: int  # position in the input, to break ties between identical networks


class _Ranges:
    """Disjoint sorted [first, last] intervals, each with one label: lookup is a bisect."""

    def __init__(self, nets: list[_Net]) -> None:
        self.firsts: list[int] = []
        self.lasts: list[int] = []
        self.labels: list[str] = []
        # Networks are nested or disjoint, never crossing, so one stack sweep flattens them:
        # the innermost (most specific) network labels each stretch; for identical networks
        # the earliest listed sits innermost and wins.
        stack: list[_Net] = []
        cursor = 0
        for net in sorted(nets, key=lambda n: (n.first, -n.last, -n.order)):
            while stack and stack[-1].last < net.first:
                top = stack.pop()
                self._emit(cursor, top.last, top.label)
                cursor = top.last + 1
            if stack:
                self._emit(cursor, net.first - 1, stack[-1].label)
            stack.append(net)
            cursor = net.first
        while stack:
            top = stack.pop()
            self._emit(cursor, top.last, top.label)
            cursor = top.last + 1

    def _emit(self, first: int, last: int, label: str) -> None:
        if first > last:
            return
        if self.lasts and self.lasts[-1] + 1 == first and self.labels[-1] == label:
            self.lasts[-1] = last  # merge adjacent stretches with the same label
            return
        self.firsts.append(first)
        self.lasts.append(last)
        self.labels.append(label)

    def label_of(self, value: int) -> str | None:
        i = bisect.bisect_right(self.firsts, value) - 1
        return self.labels[i] if i >= 0 and value <= self.lasts[i] else None


class AnonymiserIndex:
    """Labels addresses found in anonymiser lists; IPv4 and IPv6, most specific entry wins."""

    def __init__(self, entries: Iterable[tuple[str, str | _Network]] = ()) -> None:
        """Build from (label, address-or-network) pairs; raises ValueError on a bad entry
        (use `from_files` for user files: it reports file and line instead)."""
        nets = [_network(text, label, order) for order, (label, text) in enumerate(entries)]
        self._size = len(nets)
        self._v4 = _Ranges([n for n in nets if n.version == 4])
        self._v6 = _Ranges([n for n in nets if n.version == 6])
        self.labels: frozenset[str] = frozenset(n.label for n in nets)
        # The IPv4 intervals as arrays too, for `labels_of_ipv4` (IPv6 values overflow int64).
        self._v4_firsts = np.array(self._v4.firsts, np.int64)
        self._v4_lasts = np.array(self._v4.lasts, np.int64)
        self._v4_labels = pa.array(self._v4.labels, pa.string())

    @classmethod
    def from_files(cls, paths: Iterable[ListFile]) -> AnonymiserIndex:
        entries: list[tuple[str, _Network]] = []
        for item in paths:
            label, path = (item[0], Path(item[1])) if isinstance(item, tuple) else ("", Path(item))
            entries.extend(_read_list(path, label or _label_from_name(path)))
        return cls(entries)

    def __len__(self) -> int:
        """Number of entries (addresses and networks) loaded."""
        return self._size

    def label_of(self, ip: str) -> str | None:
        key = ip_key(ip)
        if key is None:
            return None
        return (self._v4 if key[0] == 4 else self._v6).label_of(key[1])

    def labels_of(self, ips: Sequence[str]) -> list[str | None]:
        """Label of each address, in order; None when listed nowhere or invalid."""
        if isinstance(ips, str):
            raise TypeError("labels_of() takes a sequence of addresses, not one string")
        v4, v6 = self._v4.label_of, self._v6.label_of
        out: list[str | None] = []
        append = out.append
        for ip in ips:  # hot loop: ~1e6 distinct addresses per batch
            key = ip_key(ip)
            if key is None:
                append(None)
            else:
                append(v4(key[1]) if key[0] == 4 else v6(key[1]))
        return out

    def labels_of_ipv4(self, values: npt.NDArray[np.int64]) -> pa.StringArray:
        """Label of each IPv4 address given as an integer (0 to 2**32 - 1), vectorised: one
        searchsorted over the interval starts, then a check against the interval's end."""
        if len(self._v4_firsts) == 0:
            return pa.nulls(len(values), pa.string())
        i = np.searchsorted(self._v4_firsts, values, side="right") - 1
        inside = i >= 0
        i = np.maximum(i, 0)
        inside &= values <= self._v4_lasts[i]
        return self._v4_labels.take(pa.array(i, mask=~inside))


def _network(entry: str | _Network, label: str, order: int) -> _Net:
    net = (
        entry if isinstance(entry, _Network) else ipaddress.ip_network(entry.strip(), strict=False)
    )
    if net.version == 6 and (mapped := net.network_address.ipv4_mapped) is not None:
        # ::ffff:a.b.c.d/N lists an IPv4 range: store it as IPv4, as addresses are looked up.
        net = ipaddress.ip_network(f"{mapped}/{max(net.prefixlen - 96, 0)}", strict=False)
    first = int(net.network_address)
    return _Net(net.version, first, first + net.num_addresses - 1, label, order)


def _label_from_name(path: Path) -> str:
    return path.name.split(".", 1)[0] or path.name


def _read_list(path: Path, label: str) -> list[tuple[str, _Network]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReferenceDataError(f"Anonymiser list {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"Anonymiser list {path} cannot be read: {exc}.") from None
    entries: list[tuple[str, _Network]] = []
    seen_data = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split(",")]
        if not seen_data and {f.lower() for f in fields} <= _HEADER_WORDS:
            seen_data = True  # a CSV header row such as "label,cidr"
            continue
        seen_data = True
        entry = _entry(fields, label)
        if entry is None:
            raise ReferenceDataError(
                f"Anonymiser list {path}, line {lineno}: {raw.strip()!r} is not an IP address "
                "or network, nor 'label,network'."
            )
        entries.append(entry)
    return entries


def _entry(fields: list[str], default_label: str) -> tuple[str, _Network] | None:
    """(label, network) from one line's fields; either order is accepted for two fields."""
    if len(fields) == 1:
        net = _parse(fields[0])
        return None if net is None else (default_label, net)
    if len(fields) == 2:
        a, b = fields
        net_a, net_b = _parse(a), _parse(b)
        if net_b is not None and net_a is None:
            return a or default_label, net_b
        if net_a is not None and net_b is None and b:
            return b, net_a
    return None


def _parse(text: str) -> _Network | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None
