"""Rewritings of a partner's line for the identifier reader, each keeping, for every
character, its index in the line as sent (so a hit found in a rewriting still points at
what the partner wrote).

Every rewriting is handed back to the content extractor, so values keep its canonical form:
Unicode folded (full-width, mathematical, look-alikes, and the letters that Unicode does
not decompose, "ø", "æ", "ß"), spaced or dashed letters joined, leetspeak and held-down
letters read plainly, country names written the way their people write them ("Norge",
"España") given their English names, and a few contact spellings the extractor reads only
in their usual form ("1 312 555 0100", "anna at example.com").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vigil.content import fold_text
from vigil.core import ConfigError
from vigil.decoy.cues import default_data_dir, read_toml

LEET_LETTERS = str.maketrans(
    {"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "5": "s", "$": "s", "7": "t"}
)
# Letters Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "ð": "d", "ı": "i"}
)  # fmt: skip
# Single characters spaced out ("s k y p e", "h-e-r-e"): three or more in a row.
_SPACED_CHARS = re.compile(r"(?<!\S)\S(?: \S){2,}(?!\S)")
_DASHED_CHARS = re.compile(r"(?<![\w*~.-])[^\W_](?:[-*~._][^\W_]){2,}(?![\w*~.-])")
_STRETCHED = re.compile(r"([a-z])\1{2,}", re.I)  # "frooom", "guuuy": letters held down
# A North American number in international form without its "+": "1 312 555 0100".
_NANP = re.compile(r"(?<![\d+])(?=1[\s.\-]*\(?[2-9]\d\d\)?[\s.\-]*\d{3}[\s.\-]*\d{4}(?!\d))")
# "anna.k at example.com": an address with "at" spelled out and the domain written plainly;
# not "join at example.org/room7", a link with a path.
_AT_EMAIL = re.compile(
    r"(?<![\w.@])(?P<local>[a-z0-9][a-z0-9._%+\-]{3,63})\s+at\s+"
    r"(?=[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,6}(?![\w./]))",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Form:
    """A rewriting of the line, with the index in the line of each of its characters."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Form:
        return cls(text, tuple(range(len(text))))

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.origin or end <= start:
            return 0, 0
        return self.origin[start], self.origin[end - 1] + 1


def substituted(form: Form, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> Form:
    """``form`` with each match replaced; replaced characters point at the match's start."""
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for m in pattern.finditer(form.text):
        out.append(form.text[last : m.start()])
        kept.extend(form.origin[last : m.start()])
        new = repl(m)
        out.append(new)
        kept.extend(_spread(form, m.start(), m.end(), len(new)))
        last = m.end()
    out.append(form.text[last:])
    kept.extend(form.origin[last:])
    return Form("".join(out), tuple(kept))


def _spread(form: Form, start: int, end: int, length: int) -> list[int]:
    """Origins for ``length`` characters that replace ``form.text[start:end]``: the last one
    points at the end of what was replaced, the others at its start, so a hit on the
    replacement spans all of it."""
    if not form.origin:
        return [0] * length
    first = form.origin[min(start, len(form.origin) - 1)]
    final = form.origin[end - 1] if end > start else first
    return [first] * (length - 1) + [final] if length else []


def folded(text: str) -> Form:
    """Non-ASCII letters folded (full-width, mathematical, look-alikes, "ø"); ASCII kept as
    is, so exact-case place names still read."""
    pieces: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        piece = char if char.isascii() else fold_text(char.translate(_UNDECOMPOSED))[0]
        pieces.append(piece)
        origin.extend([i] * len(piece))
    return Form("".join(pieces), tuple(origin))


def joined(form: Form) -> Form:
    """Spaced-out or dashed single characters joined ("s k y p e" -> "skype")."""
    text, origin = form.text, list(form.origin)
    for pattern, seps in ((_SPACED_CHARS, " "), (_DASHED_CHARS, "-*~._")):
        out: list[str] = []
        kept: list[int] = []
        last = 0
        for m in pattern.finditer(text):
            out.append(text[last : m.start()])
            kept.extend(origin[last : m.start()])
            for j in range(m.start(), m.end()):
                if text[j] not in seps:
                    out.append(text[j])
                    kept.append(origin[j])
            last = m.end()
        out.append(text[last:])
        kept.extend(origin[last:])
        text, origin = "".join(out), kept
    return Form(text, tuple(origin))


def unleet(form: Form) -> Form:
    """Leetspeak read as letters in words that hold a letter ("m4nila"); same length."""

    def word(m: re.Match[str]) -> str:
        w = m.group()
        return w.translate(LEET_LETTERS) if any(c.isalpha() for c in w) else w

    return Form(re.sub(r"[\w@!$]+", word, form.text), form.origin)


def unstretched(form: Form) -> Form:
    """Letters held down read once ("frooom" -> "from"), for ages and places only."""
    return substituted(form, _STRETCHED, lambda m: m.group(1))


def contacts(form: Form) -> Form:
    """Contact spellings the extractor reads only in their usual form: a North American
    number without its "+", an address with "at" spelled out."""
    plus = substituted(form, _NANP, lambda m: "+")
    return substituted(plus, _AT_EMAIL, lambda m: f"{m.group('local')}@")


@dataclass(frozen=True)
class CountryNames:
    """Country names in the country's own languages, to the English names the content
    extractor knows (data/country_names.toml)."""

    names: Mapping[str, str]
    _pattern: re.Pattern[str] | None

    def form(self, form: Form) -> Form | None:
        """``form`` with every native name replaced by its English name, or None."""
        if self._pattern is None or not self._pattern.search(form.text):
            return None
        return substituted(form, self._pattern, lambda m: self.names[_key(m.group())])


def _key(name: str) -> str:
    return " ".join(fold_text(name.translate(_UNDECOMPOSED).lower())[0].split())


def load_country_names(path: Path | None = None) -> CountryNames:
    source = path or default_data_dir() / "country_names.toml"
    table = read_toml(source, "country names file").get("names")
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in table.items()
    ):
        raise ConfigError(f"country names file {source} needs a [names] table of strings.")
    names: dict[str, str] = {}
    surfaces: set[str] = set()
    for native, english in table.items():
        names[_key(native)] = english
        surfaces.update({native.lower(), _key(native)})
    alternatives = "|".join(
        r"\s+".join(map(re.escape, s.split())) for s in sorted(surfaces, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if alternatives else None
    return CountryNames(names, pattern)


@functools.cache
def shipped_country_names() -> CountryNames:
    return load_country_names()
