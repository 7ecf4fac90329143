"""Evasive spellings applied to words of a chat line, the way people dodge word filters.

Techniques are a table of (name, weight, transform); every transform keeps the word's
letters recoverable by a normaliser (NFKC, homoglyph folding, leet folding, joining
separated letters, collapsing repeats), which is what a robust detector must do.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection

MAX_LINE = 80

LEET: dict[str, tuple[str, ...]] = {
    "a": ("4", "@"),
    "e": ("3",),
    "i": ("1", "!"),
    "o": ("0",),
    "s": ("5", "$"),
    "t": ("7",),
}
# Latin letter -> look-alikes from Cyrillic and Greek.
HOMOGLYPHS: dict[str, tuple[str, ...]] = {
    "a": ("\u0430", "\u03b1"),
    "e": ("\u0435",),
    "o": ("\u043e", "\u03bf"),
    "p": ("\u0440", "\u03c1"),
    "c": ("\u0441",),
    "x": ("\u0445",),
    "y": ("\u0443",),
    "i": ("\u0456",),
    "v": ("\u03bd",),
}
SEPARATORS = (".", " ", "-", "_", "*")


def leet(word: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(word) if c.lower() in LEET]
    if not spots:
        return word
    chosen = {rng.choice(spots)} | {i for i in spots if rng.random() < 0.5}
    return "".join(rng.choice(LEET[c.lower()]) if i in chosen else c for i, c in enumerate(word))


def separate(word: str, rng: random.Random) -> str:
    return rng.choice(SEPARATORS).join(word)


def stretch(word: str, rng: random.Random) -> str:
    vowels = [i for i, c in enumerate(word) if c.lower() in "aeiou"]
    i = rng.choice(vowels) if vowels else len(word) - 1
    return word[: i + 1] + word[i] * rng.randint(2, 4) + word[i + 1 :]


def fullwidth(word: str, rng: random.Random) -> str:
    # U+FF01..U+FF5E mirror ASCII 0x21..0x7E; NFKC folds them back.
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def math_bold(word: str, rng: random.Random) -> str:
    def bold(c: str) -> str:
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - ord("A"))
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - ord("a"))
        if "0" <= c <= "9":
            return chr(0x1D7CE + ord(c) - ord("0"))
        return c

    return "".join(bold(c) for c in word)


def homoglyph(word: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(word) if c.lower() in HOMOGLYPHS]
    if not spots:
        return word
    chosen = set(rng.sample(spots, rng.randint(1, len(spots))))
    return "".join(
        rng.choice(HOMOGLYPHS[c.lower()]) if i in chosen else c for i, c in enumerate(word)
    )


def random_case(word: str, rng: random.Random) -> str:
    flipped = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)
    return flipped if flipped != word else word.swapcase()


def spaced_digits(word: str, rng: random.Random) -> str:
    return " ".join(word)


Transform = Callable[[str, random.Random], str]

WORD_TECHNIQUES: tuple[tuple[str, float, Transform], ...] = (
    ("leet", 0.22, leet),
    ("separate", 0.16, separate),
    ("stretch", 0.12, stretch),
    ("fullwidth", 0.1, fullwidth),
    ("math_bold", 0.1, math_bold),
    ("homoglyph", 0.18, homoglyph),
    ("random_case", 0.12, random_case),
)
NUMBER_TECHNIQUES: tuple[tuple[str, float, Transform], ...] = (
    ("spaced_digits", 0.6, spaced_digits),
    ("fullwidth", 0.2, fullwidth),
    ("math_bold", 0.2, math_bold),
)

_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _pick(rng: random.Random, table: tuple[tuple[str, float, Transform], ...]) -> Transform:
    return rng.choices([t for _, _, t in table], weights=[w for _, w, _ in table])[0]


def obfuscate_word(word: str, rng: random.Random) -> str:
    if word.isdigit():
        return _pick(rng, NUMBER_TECHNIQUES)(word, rng) if len(word) > 1 else word
    return _pick(rng, WORD_TECHNIQUES)(word, rng)


def obfuscate_line(line: str, rng: random.Random, salient: Collection[str]) -> str:
    """Obfuscate one or two words of `line`, favouring the telling ones; stays <= MAX_LINE."""
    spans = [m for m in _TOKEN.finditer(line) if len(m.group()) >= 2]
    if not spans:
        return line
    weights = [5.0 if m.group().lower() in salient or m.group().isdigit() else 1.0 for m in spans]
    k = min(len(spans), rng.choice((1, 1, 2)))
    chosen: set[int] = set()
    while len(chosen) < k:
        chosen.add(rng.choices(range(len(spans)), weights=weights)[0])
    for _attempt in range(4):
        out, last = [], 0
        for i in sorted(chosen):
            m = spans[i]
            out += [line[last : m.start()], obfuscate_word(m.group(), rng)]
            last = m.end()
        out.append(line[last:])
        candidate = "".join(out)
        if candidate != line and len(candidate) <= MAX_LINE:
            return candidate
    return line
