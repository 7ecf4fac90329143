"""Topic cues: short word lists per topic (data), matched with obfuscation tolerance.

The content lexicons have no category for meeting, images or clothes, so the decoy keeps
its own topic lists (``data/topics.toml``). They serve twice: on the partner's lines as
policy evidence, and on the decoy's own lines as the entrapment guard. The tolerance is the
content engine's idea in small (fold Unicode, leetspeak classes, repeated letters, a few
separators between letters); a guard that is independent of the lexicon matcher is also
defence in depth.

Identifiers on a partner's line are read in ``identifiers.py``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from vigil.content import fold_text
from vigil.core import ConfigError

_LEET = {"a": "4@", "e": "3", "i": "1!|", "l": "1|", "o": "0", "s": "5$", "t": "7+", "g": "9"}
_GAP = r"[\s._\-*~,/]{0,2}"
_WORD_GAP = r"[\s._\-*~,/]{1,3}"
# Filipino enclitic particles ("lang" = just, "na" = already, "ra" = only, "gyud" =
# really...) fall between the words of any phrase ("ayaw lang isulti", "wag mo na
# sabihin"): up to two of them may stand between a term's words.
_PARTICLES = (
    r"(?:lang|na|pa|ba|ra|man|gud|jud|gyud|daw|raw|din|rin|nga|mo|ha|talaga|gani|ug|og|sad"
    r"|pud|lagi)"
)
_BETWEEN = rf"{_WORD_GAP}(?:{_PARTICLES}{_WORD_GAP}){{0,2}}"


# Not "ur": it is "your" and "you're" ("ur alone"); the topic lists spell it out. Terms
# read these two too; topics.toml's [sms] adds more text spellings for partner lines.
_SMS_WORDS = {"u": "you", "r": "are"}


def sms_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Whole words of an SMS table (not inside a handle, hashtag or contraction)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w@#$'])(?:{alternatives})(?![\w@'])", re.I)


_SMS = sms_pattern(_SMS_WORDS)


def _letter(char: str) -> str:
    members = char + _LEET.get(char, "")
    if len(members) == 1:
        return re.escape(char) + "+"
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in members) + "]+"


# Links in any spelling: a scheme, "www.", a host with a top-level domain, "x (dot) y".
_LINK = re.compile(
    r"[a-z][a-z0-9+.-]{1,10}\s*:\s*/|\b(?:data|mailto|xmpp|irc|file|magnet|javascript)\s*:"
    r"|\bwww\s*\.|\b[a-z0-9-]+\.(?:com|net|org|ph|io|ly|me|gg|co|xyz|info|tk|ru|cn|app|to|uk"
    r"|us|de|nl|biz|link)\b"
    # Spaced or spelled-out dots only before the unambiguous endings ("ok. me too" is fine).
    r"|\b[a-z0-9-]+\s*(?:\.|\(dot\)|\[dot\]|\sdot\s)\s*(?:com|net|org)\b",
    re.I,
)


def has_link(text: str) -> bool:
    """Whether ``text`` holds a link in any spelling (the guard's rule; also partner evidence)."""
    return _LINK.search(fold_text(text)[0]) is not None


_LONG_NUMBER = re.compile(r"\+?\d[\d\s\-().]{5,}\d")


def plain_words(text: str, *, link: bool) -> str:
    """``text`` with every word that holds a link, and every long number, blanked out: the
    words inside a URL ("giftdeal.example.com/h33s5") and the digits of a phone number
    are no words of the partner's to read cues in (an age in "882 4410"). ``link``:
    `has_link(text)`, known to the caller; without one no word is searched."""
    words = text
    if link:
        words = " ".join(" " if _LINK.search(fold_text(w)[0]) else w for w in text.split())
    # Seven digits or more: a phone number, not a sum ("500-1000 php").
    return _LONG_NUMBER.sub(
        lambda m: " " if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), words
    )


def term_pattern(term: str) -> str:
    """One term (one or more words), tolerant of disguise, with an optional plural s."""
    # SMS pronouns as `Topics.find` spells them out in the text ("gv u" is "gv you").
    words = [_SMS_WORDS.get(w, w) for w in fold_text(term.lower())[0].replace("'", "").split()]
    if not words:
        raise ValueError("a topic term must hold at least one word")
    body = _BETWEEN.join(_GAP.join(_letter(c) for c in word) for word in words)
    return rf"(?<![a-z0-9])(?:{body})(?:{_GAP}[s5$])?(?![a-z0-9])"


@dataclass(frozen=True)
class Topics:
    """Compiled topic cues: ``find(text)`` names the topics a text touches.

    ``idioms`` are courtesy phrases that hold a topic word but ask for nothing ("nice to meet
    you"); ``find(..., partner=True)`` blanks them out first. The guard never does."""

    terms: Mapping[str, tuple[str, ...]]
    _compiled: Mapping[str, re.Pattern[str]]
    idioms: tuple[str, ...] = ()
    _idioms: re.Pattern[str] | None = None
    # Text spellings read as words before matching ("lng" is "lang", "dnt" is "dont").
    sms: Mapping[str, str] = field(default_factory=lambda: dict(_SMS_WORDS))
    _sms: re.Pattern[str] = _SMS

    @classmethod
    def from_mapping(
        cls,
        terms: Mapping[str, list[str] | tuple[str, ...]],
        idioms: list[str] | tuple[str, ...] = (),
        sms: Mapping[str, str] | None = None,
        patterns: Mapping[str, list[str] | tuple[str, ...]] | None = None,
    ) -> Topics:
        compiled: dict[str, re.Pattern[str]] = {}
        raw = patterns or {}
        for topic in [*terms, *(t for t in raw if t not in terms)]:  # file order, stable
            words, regexes = terms.get(topic, ()), raw.get(topic, ())
            if not words and not regexes:
                raise ConfigError(f"topic {topic!r} has no terms")
            alternatives = [term_pattern(w) for w in words] + [f"(?:{r})" for r in regexes]
            compiled[topic] = re.compile("|".join(alternatives), re.I)
        skip = re.compile("|".join(term_pattern(w) for w in idioms), re.I) if idioms else None
        table = {**_SMS_WORDS, **{k.lower(): v for k, v in (sms or {}).items()}}
        return cls(
            {t: tuple(terms.get(t, ())) for t in compiled},  # pattern-only topics too
            compiled,
            tuple(idioms),
            skip,
            table,
            sms_pattern(table),
        )

    def find(self, text: str, *, partner: bool = False) -> frozenset[str]:
        # Apostrophes are dropped so "don't" and "dont" read alike; SMS pronouns are
        # spelled out so "pick u up" reads as "pick you up" (the guard reads them too).
        folded = fold_text(text)[0].replace("'", "").replace("’", "")
        folded = self._sms.sub(lambda m: self.sms[m.group().lower()], folded)
        if partner and self._idioms is not None:
            folded = self._idioms.sub(" ", folded)
        return frozenset(t for t, p in self._compiled.items() if p.search(folded))


def default_data_dir() -> Path:
    return Path(str(resources.files("vigil.decoy").joinpath("data")))


def read_toml(path: Path, what: str) -> dict[str, object]:
    """A TOML data file, or ConfigError with one sentence."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what} {path} cannot be read: {exc}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{what} {path} is not valid TOML: {exc}.") from exc


def load_topics(path: Path | None = None) -> Topics:
    source = path or default_data_dir() / "topics.toml"
    data = read_toml(source, "topics file")
    table = data.get("topics")
    if not isinstance(table, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values()
    ):
        raise ConfigError(f"topics file {source} needs a [topics] table of word lists.")
    ignore = data.get("ignore", {})
    idioms = ignore.get("partner_idioms", []) if isinstance(ignore, dict) else None
    if not isinstance(idioms, list) or not all(isinstance(w, str) and w.strip() for w in idioms):
        raise ConfigError(f"topics file {source}: [ignore] partner_idioms must list phrases.")
    slots = _table(
        data, "slots", _words, f"topics file {source}: [slots] must map names to word lists."
    )
    sms = _table(data, "sms", _word, f"topics file {source}: [sms] must map spellings to words.")
    patterns = _table(
        data,
        "patterns",
        _words,
        f"topics file {source}: [patterns] must map topics to regex lists.",
    )
    for topic, regexes in patterns.items():
        for regex in regexes:
            try:
                re.compile(regex)
            except re.error as exc:
                raise ConfigError(f"topics file {source}: pattern of {topic!r}: {exc}.") from exc
    terms = {topic: expand_slots(words, slots, source) for topic, words in table.items()}
    return Topics.from_mapping(terms, idioms, sms, patterns)


def _word(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _words(value: object) -> bool:
    return isinstance(value, list) and all(_word(w) for w in value)


def _table(
    data: Mapping[str, object], key: str, valid: Callable[[object], bool], error: str
) -> dict[str, Any]:
    """An optional table of the topics file whose keys are words and whose values pass
    ``valid``, or ConfigError with ``error``."""
    table = data.get(key, {})
    if not isinstance(table, dict) or not all(_word(k) and valid(v) for k, v in table.items()):
        raise ConfigError(error)
    return table


_SLOT = re.compile(r"\{(\w+)\}")


def expand_slots(words: list[str], slots: Mapping[str, list[str]], source: Path) -> list[str]:
    """Terms with a "{slot}" once per word of that slot ("kasama si {kin}" for each kin
    word), so a frame is written once for every word it takes."""
    out: list[str] = []
    for term in words:
        names = _SLOT.findall(term)
        if not names:
            out.append(term)
            continue
        if len(names) > 1 or names[0] not in slots:
            raise ConfigError(f"topics file {source}: term {term!r} needs one known slot.")
        out += [term.replace("{" + names[0] + "}", w) for w in slots[names[0]]]
    return out
