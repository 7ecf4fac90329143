"""Lexicons: weighted terms per category and language, loaded from TOML data files.

A file holds one language. Each top-level table is a category; its keys are terms (single
words or short phrases, moderation-list style) and its values their weights. A table
``[category.patterns]`` holds hand-written patterns for things a word list cannot say, such
as "a number under 18 followed by 'years old'"; the placeholders below keep those patterns
readable and give them the same obfuscation tolerance as plain terms.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vigil.content.obfuscation import GAP_IN_WORD, bounded, phrase_pattern
from vigil.core import ConfigError

CATEGORIES: tuple[str, ...] = (
    "sexual_request",
    "payment",
    "child_age",
    "webcam_show",
    "secrecy",
    "identity_request",
    "adult_age",
    "discourse",
)

_PLACEHOLDER = re.compile(r"\{(MINOR|ADULT|GRADE|w:[^}]+)\}")


@dataclass(frozen=True)
class Term:
    """One lexicon entry. ``key`` names it in explanations: language:category:term."""

    id: int
    key: str
    category: str
    language: str
    weight: float
    pattern: str
    py_pattern: str


@dataclass(frozen=True)
class Lexicon:
    """All terms of the loaded languages; ``terms[i].id == i``."""

    terms: tuple[Term, ...]
    languages: tuple[str, ...]

    def by_category(self, category: str) -> list[Term]:
        return [t for t in self.terms if t.category == category]

    def literal_terms(self, categories: Iterable[str]) -> list[str]:
        """Plain terms (no patterns) of some categories, for the article's naive rule."""
        wanted = set(categories)
        return [
            t.key.split(":", 2)[2]
            for t in self.terms
            if t.category in wanted and not t.key.split(":", 2)[2].startswith("~")
        ]


def _digits(digits: str) -> str:
    """One class of plain digits: folding has already turned other digit forms into these."""
    return "[" + digits + "]"


# Numbers as digit classes, possibly spaced ("1 4"): ages 3-17, 18-79, school grades 1-12.
_NUMBERS = {
    "MINOR": "(?:{one}{gap}{d0_7}|{d3_9})",
    "ADULT": "(?:{one}{gap}{d89}|{d2_7}{gap}{d0_9})",
    "GRADE": "(?:{one}{gap}{d0_2}|{d1_9})",
}


def _number(name: str) -> str:
    return _NUMBERS[name].format(
        one=_digits("1"),
        gap=GAP_IN_WORD,
        d0_7=_digits("01234567"),
        d3_9=_digits("3456789"),
        d89=_digits("89"),
        d2_7=_digits("234567"),
        d0_9=_digits("0123456789"),
        d0_2=_digits("012"),
        d1_9=_digits("123456789"),
    )


def _expand(pattern: str) -> str:
    """A hand-written pattern with its placeholders filled in."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        if token in _NUMBERS:
            return _number(token)
        return "(?:" + "|".join(phrase_pattern(w) for w in token[2:].split("|")) + ")"

    return _PLACEHOLDER.sub(replace, pattern).replace("{GAP}", GAP_IN_WORD)


def builtin_lexicon_dir() -> Path:
    return Path(str(resources.files("vigil.content").joinpath("data", "lexicons")))


def load_lexicon(
    languages: Sequence[str] | None = None, extra_dirs: Sequence[Path] = ()
) -> Lexicon:
    """Load the shipped lexicons plus any user folders; a user file overrides a shipped one."""
    files: dict[str, Path] = {}
    for folder in (builtin_lexicon_dir(), *extra_dirs):
        if not folder.is_dir():
            raise ConfigError(f"lexicon folder {folder} does not exist")
        for path in sorted(folder.glob("*.toml")):
            files[path.stem] = path
    chosen = list(languages) if languages else sorted(files)
    missing = [lang for lang in chosen if lang not in files]
    if missing:
        raise ConfigError(f"no lexicon for language(s) {', '.join(missing)}")
    terms: list[Term] = []
    for language in chosen:
        terms.extend(_read_file(files[language], language, start_id=len(terms)))
    return Lexicon(terms=tuple(terms), languages=tuple(chosen))


def _read_file(path: Path, language: str, start_id: int) -> list[Term]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"lexicon {path} cannot be read: {exc}") from exc
    terms: list[Term] = []
    for category, table in data.items():
        if category == "meta":
            continue
        if category not in CATEGORIES:
            raise ConfigError(
                f"lexicon {path}: unknown category {category!r}; known: {', '.join(CATEGORIES)}"
            )
        if not isinstance(table, dict):
            raise ConfigError(f"lexicon {path}: [{category}] must be a table of term = weight")
        for term, value in table.items():
            if term == "patterns":
                if not isinstance(value, dict):
                    raise ConfigError(f"lexicon {path}: [{category}.patterns] must be a table")
                for name, spec in value.items():
                    terms.append(_pattern_term(path, language, category, name, spec, start_id))
                    start_id += 1
                continue
            weight = _weight(path, category, term, value)
            terms.append(
                Term(
                    id=start_id,
                    key=f"{language}:{category}:{term}",
                    category=category,
                    language=language,
                    weight=weight,
                    pattern=bounded(phrase_pattern(term), "hyperscan"),
                    py_pattern=bounded(phrase_pattern(term), "python"),
                )
            )
            start_id += 1
    return terms


def _weight(path: Path, category: str, term: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 5:
        raise ConfigError(
            f"lexicon {path}: weight of {category}/{term!r} must be a number in (0, 5]"
        )
    return float(value)


def _pattern_term(
    path: Path, language: str, category: str, name: str, spec: object, term_id: int
) -> Term:
    if not isinstance(spec, dict) or "pattern" not in spec:
        raise ConfigError(f"lexicon {path}: pattern {name!r} needs pattern = '...' and weight")
    source = str(spec["pattern"])
    weight = _weight(path, category, name, spec.get("weight", 1.0))
    body = _expand(source)
    if spec.get("whole_message"):
        # The message is nothing but this (for bare replies such as an age).
        # (Hyperscan scans in multi-line mode: a line of a message counts as a reply.)
        hs_pattern = f"^(?:{body})$"
        py_pattern = f"(?m:^(?:{body})$)"
    else:
        hs_pattern = bounded(body, "hyperscan")
        py_pattern = bounded(body, "python")
    try:
        re.compile(py_pattern)
    except re.error as exc:
        raise ConfigError(f"lexicon {path}: pattern {name!r} is not valid: {exc}") from exc
    return Term(
        id=term_id,
        key=f"{language}:{category}:~{name}",
        category=category,
        language=language,
        weight=weight,
        pattern=hs_pattern,
        py_pattern=py_pattern,
    )
