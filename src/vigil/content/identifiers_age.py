"""Stated ages in English, Tagalog and Cebuano chat: "I'm 24", "24 y/o", "edad ko 24",
"24 anyos", "ako 24 na", "age: 24", "24/f", also with spaced digits ("2 4").

Each rule is a row of `AGE_RULES`; the number is always the named group "n". Rules where
the number leads into more text ("I'm 24 ...") refuse a following unit, so "I'm 5 minutes
away", "I'm 2 hrs late" and "age 24/7" are not ages; a bare number with no cue ("grade 7",
"50 usd") never is.
"""

from __future__ import annotations

import re
from typing import Final

from vigil.content.identifiers_model import Identifier

# 1-99, or two digits spaced apart ("2 4"); never a longer number or a decimal.
_N: Final = r"(?<![\d.,])(?P<n>[1-9] \d(?![\d.,]\d)|[1-9]\d?)(?![\d]|[.,:/]\d| \d)"
# What may not follow a cue-led number: units, money, times, heights, percentages.
_NOT_A_UNIT: Final = (
    r"(?!\s*(?:%|\$|['’\"]|x\b"
    r"|(?:usd|php|pesos?|dollars?|bucks|eur|euros?|gbp|pounds?|k|cm|kg|kgs|lbs?|ft|feet"
    r"|inch(?:es)?|mins?|minutes?|hrs?|hours?|secs?|seconds?|days?|weeks?|months?|am|pm"
    r"|times|th|st|nd|rd|percent|pcs|mb|gb|km|miles?|more|less|out\s+of|of\s+(?!age))\b))"
)
_IM: Final = r"\bi\s*['’`]?\s*a?m\b\s*(?:(?:only|just|now|already|turning|almost|nearly)\s+){0,2}"
_AGE_CUE: Final = (
    r"\b(?:my\s+age\s+is|age(?:d)?|edad(?:\s+(?:ko|nako))?|idad(?:\s+(?:ko|nako))?"
    r"|age\s+ko)\s*(?:is\s+|ay\s+|na\s+)?[:=\-]?\s*"
)
_YEARS_OLD: Final = (
    r"\s*-?\s*(?:y\s*/\s*o|y\.\s*o\.?|yo|yrs?\.?\s*old|years?\s*old|yr\.?\s*old"
    r"|years?\s+of\s+age|anyos|años|taong\s+gulang|ka\s+tuig|yrsold|yearsold)(?!\w)"
)

# (rule name for the explanation, pattern)
AGE_RULES: Final[tuple[tuple[str, str], ...]] = (
    ("number + 'years old'/'y/o'/'anyos'/'taong gulang'", rf"{_N}{_YEARS_OLD}"),
    ("'I'm' + number", rf"{_IM}{_N}{_NOT_A_UNIT}"),
    ("'age'/'edad' + number", rf"{_AGE_CUE}{_N}{_NOT_A_UNIT}"),
    ("'ako' + number + 'na'", rf"\bako\s+(?:ay\s+|kay\s+)?{_N}\s+na\b"),
    ("number + 'na ako'", rf"{_N}\s+na\s+(?:ako|ko)\b"),
    ("age/sex shorthand 'N/f'", rf"{_N}\s*/\s*[mf](?![a-z])"),
    ("age/sex shorthand 'f/N'", rf"(?<![\w/])[mf]\s*/\s*{_N}(?!\s*/\s*\d)"),
)
AGE_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in AGE_RULES
)
_CUE_HINT: Final = re.compile(r"\d")


def find_ages(text: str) -> list[Identifier]:
    """Stated ages; the span is the whole statement, the value the number.

    Rules that overlap on the same number ("I'm 12" and "12 years old" in "I'm 12 years
    old") merge into one identifier over the union of their spans.
    """
    if not _CUE_HINT.search(text):
        return []
    hits: list[tuple[int, int, int, str]] = []
    for name, pattern in AGE_PATTERNS:
        for m in pattern.finditer(text):
            hits.append((m.start(), m.end(), int(m.group("n").replace(" ", "")), name))
    merged: list[Identifier] = []
    for start, end, years, name in sorted(hits):
        last = merged[-1] if merged else None
        if last is not None and start < last.end and last.value == str(years):
            why = f"{last.explanation}; {name}"
            merged[-1] = Identifier("age", last.value, last.start, max(end, last.end), why)
        else:
            why = f"stated age by rule {name}"
            merged.append(Identifier("age", str(years), start, end, why))
    return merged
