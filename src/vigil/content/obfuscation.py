"""Obfuscation tolerance: Unicode folding plus ASCII patterns that accept disguised spelling.

Two steps, both vectorised or compiled, never a Python loop over every message:
1. Folding maps every letter to a plain lower-case ASCII letter where it has one: NFKC
   (full-width and mathematical letters), case, accents, and Cyrillic/Greek look-alikes that
   Unicode does not fold. ASCII messages, most of the traffic, skip it; the rest are folded
   by Arrow's C++ kernels (see ``fold_array``).
2. Each lexicon term compiles to a pattern that accepts leetspeak ("s3x", "p4y"),
   separators between letters ("p.a.y", "g c a s h") and repeated letters ("pleeease"),
   with word boundaries so "class" never matches "ass".

Hyperscan cannot compile the Unicode classes for the whole lexicon in useful time (about
3 minutes and 79 MB for 300 terms, measured 2026-11-22), which is why folding comes first.
The same builder emits Python ``re`` patterns for the fallback matcher and for spans.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

import pyarrow as pa
import pyarrow.compute as pc

Dialect = Literal["hyperscan", "python"]

# Look-alikes that Unicode normalisation does not fold. Kept as data; extend here when a new
# disguise shows up.
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "α": "a", "в": "b", "β": "b", "с": "c", "ϲ": "c", "ς": "c", "ԁ": "d",
    "е": "e", "ε": "e", "ё": "e", "ɡ": "g", "һ": "h", "н": "h", "і": "i", "ι": "i",
    "ї": "i", "ј": "j", "к": "k", "κ": "k", "ӏ": "l", "м": "m", "п": "n", "η": "n",
    "о": "o", "ο": "o", "σ": "o", "р": "p", "ρ": "p", "г": "r", "ѕ": "s", "т": "t",
    "τ": "t", "υ": "u", "ν": "v", "ш": "w", "х": "x", "χ": "x", "у": "y", "γ": "y",
}  # fmt: skip

# Leetspeak: digits and symbols that stand for letters.
LEET: dict[str, str] = {
    "a": "4@",
    "b": "8",
    "e": "3",
    "g": "96",
    "i": "1!|",
    "l": "1|",
    "o": "0",
    "s": "5$",
    "t": "7+",
    "z": "2",
}

# What may sit between the letters of a disguised word. Never a newline: the matcher joins
# messages with newlines and must not match across them.
SEPARATORS = " \t._\\-*~,/"
GAP_IN_WORD = f"[{SEPARATORS}]{{0,2}}"
GAP_BETWEEN_WORDS = f"[{SEPARATORS}]{{0,3}}"
_APOSTROPHE = "['`]?"

BOUNDARY: dict[Dialect, tuple[str, str]] = {
    "hyperscan": (r"(?:^|[^a-z0-9])", r"(?:[^a-z0-9]|$)"),
    "python": (r"(?<![a-z0-9])", r"(?![a-z0-9])"),
}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The plain lower-case form of one character (possibly empty or several characters)."""
    if char.isascii():
        return char.lower()
    # lower(), not casefold(): it is what Arrow's utf8_lower does, so both paths agree
    # (casefold would turn a Greek final sigma into σ); ß is spelled out by hand below.
    folded = unicodedata.normalize("NFKC", char).lower()
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    return "".join(HOMOGLYPHS.get(c, c) for c in stripped).replace("ß", "ss")


def fold_text(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of its original character."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold_char(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def _on_rows(
    texts: pa.Array, rows: pa.Array, transform: Callable[[pa.Array], pa.Array]
) -> pa.Array:
    """``transform`` applied to the selected rows only, the others kept, order unchanged."""
    changed = transform(pc.filter(texts, rows))
    # The k-th selected row takes the k-th changed value; unselected rows keep theirs.
    position = pc.subtract(pc.cumulative_sum(pc.cast(rows, pa.int64())), 1)
    return pc.if_else(rows, pc.take(changed, pc.max_element_wise(position, 0)), texts)


def _fold_unicode(texts: pa.Array) -> pa.Array:
    folded = pc.utf8_normalize(texts, form="NFKC")
    folded = pc.utf8_lower(folded)
    folded = pc.utf8_normalize(folded, form="NFKD")
    folded = pc.replace_substring_regex(folded, pattern=r"\p{Mn}", replacement="")
    folded = pc.replace_substring(folded, pattern="ß", replacement="ss")
    # Most non-ASCII chat is emoji; only rows with Greek or Cyrillic letters need the
    # look-alike passes, one per letter.
    lookalike = pc.match_substring_regex(folded, pattern="[\u0370-\u04ff\u0500-\u052f\u0261]")
    if not pc.any(lookalike).as_py():
        return folded
    return _on_rows(folded, lookalike, _swap_lookalikes)


def _swap_lookalikes(texts: pa.Array) -> pa.Array:
    for char, plain in HOMOGLYPHS.items():
        texts = pc.replace_substring(texts, pattern=char, replacement=plain)
    return texts


def fold_array(texts: pa.Array) -> pa.Array:
    """Fold a string array with Arrow kernels; ASCII rows, most of the traffic, are kept as is."""
    if len(texts) == 0:
        return texts
    ascii_rows = pc.fill_null(pc.string_is_ascii(texts), True)
    if pc.all(ascii_rows).as_py():
        return texts
    return _on_rows(texts, pc.invert(ascii_rows), _fold_unicode)


def _escape_in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def char_class(char: str) -> str:
    """A class accepting one letter and its leetspeak stand-ins (case is a matcher flag)."""
    members = char + LEET.get(char, "")
    if len(members) == 1:
        return _escape_literal(char)
    return "[" + "".join(_escape_in_class(c) for c in members) + "]"


def _escape_literal(char: str) -> str:
    return char if char.isalnum() else "\\" + char


def word_pattern(word: str) -> str:
    """One word, tolerant of leetspeak, repeated letters and separators between letters."""
    parts: list[str] = []
    previous = ""
    for char in word.casefold():
        if char == previous and char.isalpha():
            continue  # a doubled letter is already covered by "+"
        previous = char
        if char in "'’":
            parts.append(_APOSTROPHE)
            previous = ""
            continue
        if char.isascii() and char.isalpha():
            parts.append(char_class(char) + "+")
        else:
            parts.append(_escape_literal(char))
        parts.append(GAP_IN_WORD)
    while parts and parts[-1] in (GAP_IN_WORD, _APOSTROPHE):
        parts.pop()
    return "".join(parts)


def phrase_pattern(term: str) -> str:
    """A term of one or more words, without boundaries."""
    words = [w for w in fold_text(term)[0].split() if w]
    if not words:
        raise ValueError("a lexicon term must hold at least one word")
    return GAP_BETWEEN_WORDS.join(word_pattern(w) for w in words)


def bounded(body: str, dialect: Dialect) -> str:
    """A pattern body between word boundaries in the given dialect."""
    before, after = BOUNDARY[dialect]
    return f"{before}(?:{body}){after}"
