"""Contacts spelled out in words, rewritten into the form the content extractor reads, each
character keeping its index in the line as sent (see ``readings.Form``).

- Phone numbers in words or with look-alike letters: "plus four four seven seven ...",
  "three-oh-three 555 zero one four seven", "double five", "+63 9l7 555 O123", "plus 44
  7700 900 4 1 2". A run is rewritten only when it holds seven digits or more and at least
  one spelled part ("plus" in words is one), so "one or two" and "4 or 5" stay words.
- User names with their separators spelled: "tomas underscore 88",
  "lily dot rose dot 05", "frost dash wolf". An email's "dot" is the extractor's to read;
  its "underscore" and "dash" are read here.
"""

from __future__ import annotations

import re

from vigil.decoy.readings import Form

_UNITS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
          "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
          "nine": "9"}  # fmt: skip
_TEENS = {"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
          "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
          "nineteen": "19"}  # fmt: skip
_TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fourty": "4", "fifty": "5", "sixty": "6",
         "seventy": "7", "eighty": "8", "ninety": "9"}  # fmt: skip
_REPEAT = {"double": 2, "triple": 3}
# Letters written for digits inside a digit group: "9l7", "O123", "O917".
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
_MIXED = re.compile(r"(?=[0-9OolI]*\d)[0-9OolI]+")
_TOKEN = re.compile(r"\+|(?<![a-z0-9])(?=[0-9OolI]*\d)[0-9OolI]+(?![a-z0-9])|[a-z]+|\d+", re.I)
_EDGE_ZERO = frozenset({"o", "oh"})  # "oh" is a zero between digits, a word elsewhere
_GAP = re.compile(r"[\s\-.,()/]*")
_MIN_DIGITS = 7


def _digits(words: list[str]) -> str | None:
    """The digits a run of number tokens spells, or None if a token is no number."""
    out: list[str] = []
    repeat = 1
    i = 0
    while i < len(words):
        raw = words[i]
        low = raw.lower()
        if low in _REPEAT:
            repeat = _REPEAT[low]
            i += 1
            continue
        if raw.isdigit() or _MIXED.fullmatch(raw):
            piece = raw.translate(_LOOKALIKE)
        elif low in _UNITS:
            piece = _UNITS[low]
        elif low in _TEENS:
            piece = _TEENS[low]
        elif low in _TENS:
            nxt = words[i + 1].lower() if i + 1 < len(words) else ""
            if nxt in _UNITS and _UNITS[nxt] != "0" and nxt != "o":
                piece, i = _TENS[low] + _UNITS[nxt], i + 1
            else:
                piece = _TENS[low] + "0"
        else:
            return None
        out.append(piece * repeat if len(piece) == 1 else piece)
        repeat = 1
        i += 1
    return "".join(out)


def _number_token(raw: str) -> bool:
    low = raw.lower()
    return (
        raw.isdigit()
        or _MIXED.fullmatch(raw) is not None
        or low in _UNITS
        or low in _TEENS
        or low in _TENS
        or low in _REPEAT
    )


def _spelled(raw: str) -> bool:
    return not raw.isdigit() and raw != "+"


def spelled_numbers(form: Form) -> Form:
    """``form`` with phone numbers written in words or look-alike letters as digits."""
    text = form.text
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start, _, raw = tokens[i]
        plus = raw == "+" or raw.lower() == "plus"
        j = i + 1 if plus else i
        words: list[str] = []
        end = tokens[i][1]
        while j < len(tokens) and _number_token(tokens[j][2]):
            gap = text[end : tokens[j][0]] if words or plus else ""
            if (words or plus) and _GAP.fullmatch(gap) is None:
                break
            words.append(tokens[j][2])
            end = tokens[j][1]
            j += 1
        while words and words[-1].lower() in _EDGE_ZERO:
            words.pop()
            j -= 1
            end = tokens[j - 1][1]
        if words and words[0].lower() in _EDGE_ZERO and not plus:
            i += 1
            continue
        digits = _digits(words) if words else None
        # "plus" in words makes the run spelled: "plus 44 7700 900 412".
        spelled = raw.lower() == "plus" or any(_spelled(w) for w in words)
        if digits is not None and len(digits) >= _MIN_DIGITS and spelled:
            runs.append((start, end, ("+" if plus else "") + digits))
            i = j
        else:
            i += 1
    return _replaced(form, runs)


_SEPARATOR_WORDS = {"dot": ".", "period": ".", "underscore": "_", "under score": "_",
                    "dash": "-", "hyphen": "-"}  # fmt: skip
_SEPARATED = re.compile(
    r"(?<![\w@.])[a-z0-9]+(?:\s+(?:dot|period|underscore|under\s+score|dash|hyphen)\s+[a-z0-9]+)+"
    r"(?![\w@])",
    re.I,
)
_SEPARATOR = re.compile(r"\s+(dot|period|underscore|under\s+score|dash|hyphen)\s+", re.I)


def spelled_names(form: Form, *, dots: bool = True) -> Form:
    """``form`` with user names whose separators are spelled out written plainly; without
    ``dots``, "dot" stays a word (the extractor reads it in an address, and "meet at home
    dot later" is none): for the local part of an address, "ana underscore cruz at ..."."""

    def plain(s: re.Match[str]) -> str:
        mark = _SEPARATOR_WORDS[" ".join(s.group(1).lower().split())]
        return mark if dots or mark != "." else s.group()

    runs = []
    for m in _SEPARATED.finditer(form.text):
        name = _SEPARATOR.sub(plain, m.group())
        if name != m.group():
            runs.append((m.start(), m.end(), name))
    return _replaced(form, runs)


def _replaced(form: Form, runs: list[tuple[int, int, str]]) -> Form:
    """``form`` with each (start, end) replaced by its text; the first character of a
    replacement points at the start of what it replaces, the last at its end."""
    if not runs:
        return form
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for start, end, new in runs:
        out.append(form.text[last:start])
        kept.extend(form.origin[last:start])
        out.append(new)
        first, final = form.origin[start], form.origin[end - 1]
        kept.extend([first] * (len(new) - 1) + [final])
        last = end
    out.append(form.text[last:])
    kept.extend(form.origin[last:])
    return Form("".join(out), tuple(kept))
