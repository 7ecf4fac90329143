"""Bit sets as Ibis expressions: a pair's hours of day and days of a window, as bits of
int64s that one BIT_OR aggregate each collects.

Each aggregate an engine updates per row costs about as much as the next, so the sets a
pair aggregation collects share as few words as fit: for a week's window (the default) one
word holds the hours and days with a voice call and those with a video call, and the
spread of the video hours is read from the bits rather than kept as min/max aggregates.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from functools import reduce

import ibis
import ibis.expr.types as ir

# Bits per word: non-negative int64s, so no engine reads a sign into a shift.
WORD_BITS = 63
HOURS = 24
_HOURS_MASK = (1 << HOURS) - 1


@ibis.udf.agg.builtin  # type: ignore[untyped-decorator]
def bit_or(x: int) -> int:  # type: ignore[empty-body]
    """The engine's own BIT_OR aggregate (DuckDB and Spark both have it)."""


@ibis.udf.scalar.builtin  # type: ignore[untyped-decorator]
def bit_count(x: int) -> int:  # type: ignore[empty-body]
    """The engine's own BIT_COUNT (set bits of an integer)."""


# A set to collect: its width in bits, the rows that count, and each row's bit (0-based).
BitSet = tuple[int, ir.BooleanValue, ir.IntegerValue]
# Where `packed_or` put each set: its word (an aggregate's name), offset and width.
Layout = dict[str, tuple[str, int, int]]


def packed_or(sets: Mapping[str, BitSet], prefix: str) -> tuple[dict[str, ir.Scalar], Layout]:
    """BIT_OR aggregates (named `prefix`0, `prefix`1, ...) collecting `sets` in as few words
    as fit, and where each set lies in them (for `unpack`)."""
    words: list[list[tuple[str, int]]] = [[]]
    used = 0
    for name, (width, _, _) in sets.items():
        if used + width > WORD_BITS:
            words.append([])
            used = 0
        words[-1].append((name, used))
        used += width
    # A cast, not a typed literal: DuckDB reads a bare 1 as a 32-bit INTEGER.
    one = ibis.literal(1).cast("int64")
    aggs: dict[str, ir.Scalar] = {}
    layout: Layout = {}
    for i, word in enumerate(words):
        bits = [
            ibis.ifelse(sets[n][1], one << ((sets[n][2] + at) if at else sets[n][2]), 0)
            for n, at in word
        ]
        aggs[f"{prefix}{i}"] = bit_or(reduce(operator.or_, bits))
        layout.update({n: (f"{prefix}{i}", at, sets[n][0]) for n, at in word})
    return aggs, layout


def unpack(t: ir.Table, layout: Layout) -> dict[str, ir.IntegerValue]:
    """Each set of `packed_or`'s aggregates as an int64 of its own (bits from 0)."""
    return {
        name: ((t[word] >> at) if at else t[word]) & ((1 << width) - 1)
        for name, (word, at, width) in layout.items()
    }


def hours_within(hours: ir.IntegerValue, spread: int) -> ir.BooleanValue:
    """Whether a non-empty set of hours of day (bits 0-23) lies within `spread` hours of its
    earliest, on the clock as it is or turned by 12 hours (so a slot around midnight keeps a
    small spread): min/max hours as they were, read from the bits."""
    turned = ((hours >> 12) | (hours << 12)) & _HOURS_MASK
    return (hours != 0) & (_fits(hours, spread) | _fits(turned, spread))


def _fits(hours: ir.IntegerValue, spread: int) -> ir.BooleanValue:
    # The set shifted down to its lowest bit (the trailing zeros counted as the bits below
    # the lowest set one); bit 24 keeps an empty set from shifting by 64.
    guarded = hours | (1 << HOURS)
    lowest = bit_count((guarded & -guarded) - 1)
    return (hours >> lowest) < (1 << (spread + 1))
