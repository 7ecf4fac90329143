"""Topic cues: short word lists per topic (data), matched with obfuscation tolerance.

The content lexicons have no category for meeting, images or clothes, so the decoy keeps
its own topic lists (``data/topics.toml``). They serve twice: on the partner's lines as
policy evidence, and on the decoy's own lines as the entrapment guard. The tolerance is the
content engine's idea in small (fold Unicode, leetspeak classes, repeated letters, a few
separators between letters); a guard that is independent of the lexicon matcher is also
defence in depth.

``IdentifierReader`` reads the identifiers of a partner's line for the dossier: the content
extractor's, plus those it misses when they are disguised (see the section below).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from vigil.content import Identifier, extract_identifiers, fold_text
from vigil.core import ConfigError

_LEET = {"a": "4@", "e": "3", "i": "1!|", "l": "1|", "o": "0", "s": "5$", "t": "7+", "g": "9"}
_GAP = r"[\s._\-*~,/]{0,2}"
_WORD_GAP = r"[\s._\-*~,/]{1,3}"


def _letter(char: str) -> str:
    members = char + _LEET.get(char, "")
    if len(members) == 1:
        return re.escape(char) + "+"
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in members) + "]+"


def term_pattern(term: str) -> str:
    """One term (one or more words), tolerant of disguise, with an optional plural s."""
    words = fold_text(term.lower())[0].replace("'", "").split()
    if not words:
        raise ValueError("a topic term must hold at least one word")
    body = _WORD_GAP.join(_GAP.join(_letter(c) for c in word) for word in words)
    return rf"(?<![a-z0-9])(?:{body})(?:{_GAP}[s5$])?(?![a-z0-9])"


@dataclass(frozen=True)
class Topics:
    """Compiled topic cues: ``find(text)`` names the topics a text touches."""

    terms: Mapping[str, tuple[str, ...]]
    _compiled: Mapping[str, re.Pattern[str]]

    @classmethod
    def from_mapping(cls, terms: Mapping[str, list[str] | tuple[str, ...]]) -> Topics:
        compiled: dict[str, re.Pattern[str]] = {}
        for topic, words in terms.items():
            if not words:
                raise ConfigError(f"topic {topic!r} has no terms")
            compiled[topic] = re.compile("|".join(term_pattern(w) for w in words), re.I)
        return cls({t: tuple(w) for t, w in terms.items()}, compiled)

    def find(self, text: str) -> frozenset[str]:
        # Apostrophes are dropped so "don't" and "dont" read alike.
        folded = fold_text(text)[0].replace("'", "").replace("’", "")
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
    return Topics.from_mapping(table)


# -- Reading identifiers off a partner's line -----------------------------------------
# The content extractor reads identifiers written as such ("skype: x", "I'm 24", a known
# city). A partner who disguises them, or names the platform after the handle, slips past
# it. The decoy reads each line a few more ways and hands every reading back to the same
# extractor, so values keep the extractor's canonical form; only ages in age/sex shorthand
# and places the extractor's table lacks are read here.

_LEET_LETTERS = str.maketrans(
    {"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "5": "s", "$": "s", "7": "t"}
)
# Single characters spaced out ("s k y p e", "h-e-r-e"): three or more in a row.
_SPACED_CHARS = re.compile(r"(?<!\S)\S(?: \S){2,}(?!\S)")
_DASHED_CHARS = re.compile(r"(?<![\w*~.-])[^\W_](?:[-*~._][^\W_]){2,}(?![\w*~.-])")
_TOKEN = re.compile(r"(?<![\w@.:/+$])(?:live:)?[a-z0-9][a-z0-9_.\-]*[a-z0-9_](?![\w@])", re.I)
# A handle of letters only could be any word: it counts only right next to the platform,
# before it ("X is my skype", "X on skype") or after it with a separator ("skype: X").
_FRAME_BEFORE = re.compile(r"^\s*(?:is\s+)?(?:my|on|sa|in)?\s*$", re.I)
_FRAME_AFTER = re.compile(r"^\s*(?:(?:is|ay|ko|id|name|me|on|at)\s*|[,:=\-]\s*){0,3}$", re.I)
# Right after the platform with nothing between ("paypal mrsmith"), a longer name only.
_BARE_AFTER_MIN = 8
_AGE_SHORTHAND = re.compile(
    r"(?<![\w+.,:/])(?:asl\W{0,3})?(?P<n>[1-9]\d)\s*/?\s*"
    r"(?:m|f|male|female|guy|man|woman|lady)(?![a-z])"
    r"|(?<![a-z])asl\W{0,3}(?P<m>[1-9]\d)(?!\d)"
    # "31 yrs old" with the unit misspelt ("yeras", "yeears"), and a bare "48 here".
    r"|(?<![\w+.,:/])(?P<y>[1-9]\d)\s*y[a-z]{0,5}\s+old\b"
    r"|^\W*(?P<h>[1-9]\d)\s+here\W*$",
    re.I,
)
_STRETCHED = re.compile(r"([a-z])\1{2,}", re.I)  # "frooom", "guuuy": letters held down
# "I live in X", "from X", "nasa X": the place a partner names, when the extractor's table
# does not know it. One word; the list below keeps ordinary words out.
_PLACE_LEAD = (
    r"(?:live|lives|living|based|stay|staying|located|residing)\s+(?:\w+\s+)?in|from|frm|nasa"
    r"|taga|andito\s+ako\s+sa|nandito\s+ako\s+sa|dito\s+sa|here\s+in|i\s*a?m\s+in"
)
# The place ends the line, but for a word or two ("i live in X now", "nasa X ako"): "im in
# grade 4" names no place.
_PLACE_TAIL = r"(?:\s+(?:now|po|ako|here|city|area|atm|lol|haha|hehe|too))*\W*$"
_PLACE_AFTER = re.compile(
    rf"(?<![a-z])(?:{_PLACE_LEAD})\s+(?P<p>[a-z][a-z'\-]{{2,30}}){_PLACE_TAIL}", re.I
)
_PLACE_BEFORE = re.compile(
    r"^\W*(?P<p>[a-z][a-z'\-]{2,30})\s+(?:(?:guy|man|boy|girl|lady)\s+)?"
    r"(?:here|is\s+my\s+(?:city|town|home))\W*$",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_A_PLACE = _words(
    """
    a an the my your ur our his her their this that here there home work school bed class
    love town city country place area house room office abroad overseas far away near now
    today again bahay trabaho amin atin inyo dito doon jan diyan kami siya ako ka na
    pa po lang work eskwela online chat skype facebook telegram whatsapp paypal gcash me
    you u him them it what where when how why who just only also still too very so not
    bored busy tired lonely alone single sad happy fine good ok okay back out up down off
    family friends friend parents mama papa kids kid children son daughter job vacation
    holiday trip travel lunch dinner breakfast church mall market beach hotel hospital
    """
)
_QUESTION_WORDS = _words("saan san asan nasaan where asa diin")
_NOT_A_HANDLE = _words(
    """
    message messages account username password please tomorrow tonight later instead
    anytime online offline private number contact details profile really always actually
    anyway whatever everyone together something anything nothing somewhere sometime tayo
    natin naman talaga channel followers friends payment transfer group video call chat
    sunday monday tuesday wednesday thursday friday saturday weekend
    """
)


@dataclass(frozen=True, slots=True)
class _Form:
    """A rewriting of the line, with the index in the line of each of its characters."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.origin or end <= start:
            return 0, 0
        return self.origin[start], self.origin[end - 1] + 1


def _folded(text: str) -> _Form:
    """Non-ASCII letters folded (full-width, mathematical, look-alikes); ASCII kept as is,
    so exact-case place names still read."""
    pieces: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        piece = char if char.isascii() else fold_text(char)[0]
        pieces.append(piece)
        origin.extend([i] * len(piece))
    return _Form("".join(pieces), tuple(origin))


def _joined(form: _Form) -> _Form:
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
    return _Form(text, tuple(origin))


def _unleet(form: _Form) -> _Form:
    """Leetspeak read as letters in words that hold a letter ("m4nila"); same length."""

    def word(m: re.Match[str]) -> str:
        w = m.group()
        return w.translate(_LEET_LETTERS) if any(c.isalpha() for c in w) else w

    return _Form(re.sub(r"[\w@!$]+", word, form.text), form.origin)


def _unstretched(form: _Form) -> _Form:
    """Letters held down read once ("frooom" -> "from"), for ages and places only."""
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for m in _STRETCHED.finditer(form.text):
        out.append(form.text[last : m.start() + 1])
        kept.extend(form.origin[last : m.start() + 1])
        last = m.end()
    out.append(form.text[last:])
    kept.extend(form.origin[last:])
    return _Form("".join(out), tuple(kept))


class IdentifierReader:
    """``read(line)``: the identifiers of a partner's line, disguised ones included.

    ``platforms`` are the platform words (topic "platform") a handle may be given with."""

    def __init__(self, platforms: tuple[str, ...]) -> None:
        if not platforms:
            raise ConfigError("the topics file needs a platform list for reading handles.")
        self.platforms = platforms
        self._platform = re.compile("|".join(term_pattern(p) for p in platforms), re.I)
        self._names = {p: re.compile(term_pattern(p), re.I) for p in platforms}

    def read(self, text: str) -> list[Identifier]:
        found: dict[tuple[str, str], Identifier] = {}

        def keep(hits: list[Identifier], form: _Form | None, kinds: frozenset[str] = _ALL) -> None:
            for hit in hits:
                if hit.kind not in kinds or (hit.kind, hit.value) in found:
                    continue
                if form is not None:
                    start, end = form.span(hit.start, hit.end)
                    hit = replace(hit, start=start, end=end)
                found[(hit.kind, hit.value)] = hit

        keep(extract_identifiers(text), None)
        raw = _Form(text, tuple(range(len(text))))
        forms = [raw]
        if not text.isascii():
            forms.append(_folded(text))
        joined = _joined(forms[-1])
        if joined.text != forms[-1].text:
            forms.append(joined)
        for form in forms[1:]:
            keep(extract_identifiers(form.text), form)
        last = forms[-1]
        keep(self._handles(last, list(found.values())), last)
        plain = _unstretched(_unleet(last))
        if plain.text != last.text:
            keep(extract_identifiers(plain.text), plain, _PLACES | {"age"})
        keep(_ages(plain), plain)
        if not any(i.kind in _PLACES for i in found.values()):
            keep(_places(plain), plain)
        hits = list(found.values())
        # A reading cut short by a disguised letter gives way to the full one.
        return sorted(
            (h for h in hits if not any(_inside(h, o) for o in hits)),
            key=lambda i: (i.start, i.kind),
        )

    def _handles(self, form: _Form, known: list[Identifier]) -> list[Identifier]:
        """Handles given with the platform named elsewhere on the line."""
        text = form.text
        cues = [(m.start(), m.end(), self._name(m.group())) for m in self._platform.finditer(text)]
        if not cues:
            return []
        taken = _spans_in(form, known)
        out: list[Identifier] = []
        for m in _TOKEN.finditer(text):
            token, start, end = m.group(), m.start(), m.end()
            low = token.lower()
            if any(s < end and start < e for s, e, _ in cues) or any(
                s < end and start < e for s, e in taken
            ):
                continue
            word = low.translate(_LEET_LETTERS)
            if low.isdigit() or len(low) < 5 or word in _NOT_A_HANDLE or word in _NOT_A_PLACE:
                continue
            shaped = low.startswith("live:") or any(c.isdigit() or c in "_." for c in low)
            cue = _nearest(cues, start, end, text, framed=not shaped)
            if cue is None or (not shaped and len(low) < 6):
                continue
            if cue == "paypal" and "@" not in low:
                # A PayPal name without an email is its paypal.me name.
                probe, offset = f"paypal.me/{token}", 0
            else:
                probe, offset = f"{cue} id: {token}", len(cue) + len(" id: ")
            for hit in extract_identifiers(probe):
                # The whole token or nothing: a value cut short would be a wrong lead.
                if hit.kind in _HANDLES and (hit.start, hit.end) == (offset, len(probe)):
                    why = f"{hit.explanation}; platform named elsewhere on the line"
                    out.append(replace(hit, start=start, end=end, explanation=why))
                    break
        return out

    def _name(self, matched: str) -> str:
        """The platform word a disguised cue stands for ("$kyp3" -> "skype")."""
        for name, pattern in self._names.items():
            if pattern.fullmatch(matched):
                return name
        return matched.lower()


_ALL = frozenset({"email", "phone", "url", "handle", "payment_handle", "bitcoin", "age", "city",
                  "country"})  # fmt: skip
_PLACES = frozenset({"city", "country"})
_HANDLES = frozenset({"handle", "payment_handle"})


def _inside(hit: Identifier, other: Identifier) -> bool:
    """``hit`` lies strictly inside ``other``, a longer reading of the same kind."""
    return (
        hit is not other
        and hit.kind == other.kind
        and other.start <= hit.start
        and hit.end <= other.end
        and (other.start, other.end) != (hit.start, hit.end)
    )


def _spans_in(form: _Form, known: list[Identifier]) -> list[tuple[int, int]]:
    """Spans of ``form`` that hold identifiers already found in the line."""
    spans: list[tuple[int, int]] = []
    for hit in known:
        idx = [j for j, o in enumerate(form.origin) if hit.start <= o < hit.end]
        if idx:
            spans.append((idx[0], idx[-1] + 1))
    return spans


def _nearest(
    cues: list[tuple[int, int, str]], start: int, end: int, text: str, *, framed: bool
) -> str | None:
    """The platform named nearest a token; with ``framed``, only one in a handle frame."""
    best: tuple[int, str] | None = None
    for c_start, c_end, name in cues:
        after = c_end <= start
        between = (text[c_end:start] if after else text[end:c_start]).translate(_LEET_LETTERS)
        if framed and not (_FRAME_AFTER if after else _FRAME_BEFORE).match(between):
            continue
        if framed and after and not between.strip() and end - start < _BARE_AFTER_MIN:
            continue
        distance = len(between)
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else None


def _ages(form: _Form) -> list[Identifier]:
    """Ages in age/sex shorthand: "51 male", "32 m", "asl 45"."""
    out = []
    for m in _AGE_SHORTHAND.finditer(form.text):
        n = m.group("n") or m.group("m") or m.group("y") or m.group("h")
        out.append(Identifier("age", str(int(n)), m.start(), m.end(), "age/sex shorthand"))
    return out


def _places(form: _Form) -> list[Identifier]:
    """A place named after "I live in", "from", "nasa"... that the places table lacks."""
    out = []
    for pattern in (_PLACE_AFTER, _PLACE_BEFORE):
        for m in pattern.finditer(form.text):
            place = m.group("p").lower()
            if place in _NOT_A_PLACE or place in _NOT_A_HANDLE or place in _QUESTION_WORDS:
                continue
            why = "place named after a phrase of residence (not in the places table)"
            out.append(Identifier("city", place, m.start("p"), m.end("p"), why))
    return out[:1]  # one place a line: a second reading is the same place or a wrong one


def reader_for(topics: Topics) -> IdentifierReader:
    """The identifier reader with the platform words of ``topics``."""
    return IdentifierReader(tuple(topics.terms.get("platform", ())))


def load_reader(path: Path | None = None) -> IdentifierReader:
    """The identifier reader with the platform words of the (shipped) topics file."""
    return reader_for(load_topics(path))


@functools.cache
def _shipped_reader() -> IdentifierReader:
    return load_reader()


def read_identifiers(text: str) -> list[Identifier]:
    """The identifiers of one partner line as the engine reads them with the shipped
    topics: for rebuilding dossiers from transcripts the way they were built live."""
    return _shipped_reader().read(text)
