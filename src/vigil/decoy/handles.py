"""Handles as the dossier writes them, and the platform words the topics file lacks.

``data/handles.toml`` holds one convention per platform: "telegram:@name" where the platform
shows names with an "@", "facebook:name" where a name is written bare. It also names
platforms the content extractor does not know (Signal, YouTube, Wise), and words that name a
platform only beside a platform frame ("on signal", "my LINE id"), since they are ordinary
words too. The reader hands every handle through ``written`` before it reaches the dossier.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from vigil.content import Identifier
from vigil.core import ConfigError
from vigil.decoy.cues import default_data_dir, read_toml, term_pattern

HANDLE_KINDS = frozenset({"handle", "payment_handle"})
# A user name as the platforms accept them: letters, digits, "_", "." and "-", 3 to 32.
_NAME = re.compile(r"@?[a-z0-9_][a-z0-9_.\-]{1,30}[a-z0-9_]", re.I)
# A weak platform word counts after one of these words or before a platform frame.
_WEAK_BEFORE = re.compile(
    r"(?:\b(?:my|on|ur|your|have|got|add|via|use|using|to|sa|download|install|open)\s+)$",
    re.I,
)
_WEAK_AFTER = re.compile(
    r"^\s*(?:id\b|user\s*name\b|user\b|name\b|handle\b|tag\b|acc(?:oun)?t\b|app\b|number\b|"
    r"no\b|[:=]|is\s+@?[\w.\-]*[\d_.@])",  # "snap is lily.rose.05", not "signal is weak"
    re.I,
)
# A weak word leading the line, setting the platform above another: "snap is better, ...",
# "signal is safer" (not "the signal is better upstairs": nothing may come before it).
_WEAK_PREFERRED = re.compile(r"\s+is\s+(?:better|safer|more\s+private)\b", re.I)
# A profile link of a platform the extractor does not read links of.
_YOUTUBE = re.compile(
    r"(?<![\w.\-/])(?:https?://)?(?:(?:www|m)\.)?youtube\.com/@(?P<v>[a-z0-9_.\-]{3,30})"
    r"(?![\w\-])",
    re.I,
)
# A link with a path: "t.me/name", "https://www.facebook.com/name"; a scheme before a reading.
_LINK = re.compile(r"(?:https?://)?(?:[a-z0-9\-]+\.)+[a-z]{2,}/[^\s/]\S*", re.I)
_SCHEME = re.compile(r"https?://$", re.I)


@dataclass(frozen=True, slots=True)
class Convention:
    """One platform: the kind of identifier its names are, and whether they carry "@"."""

    name: str
    kind: str
    at: bool


@dataclass(frozen=True)
class Handles:
    """The platform conventions and extra platform words (``data/handles.toml``)."""

    platforms: Mapping[str, Convention]
    not_a_name: frozenset[str]
    _strong: tuple[tuple[re.Pattern[str], str], ...]
    _weak: tuple[tuple[re.Pattern[str], str], ...]

    def cues(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, platform) for each platform this table names on the line."""
        out = [
            (m.start(), m.end(), p) for pattern, p in self._strong for m in pattern.finditer(text)
        ]
        for pattern, platform in self._weak:
            for m in pattern.finditer(text):
                word = m.group()
                capitals = len(word) >= 3 and word.isupper()
                if (
                    capitals
                    or _WEAK_BEFORE.search(text[: m.start()])
                    or _WEAK_AFTER.match(text[m.end() :])
                    or (not text[: m.start()].strip() and _WEAK_PREFERRED.match(text, m.end()))
                ):
                    out.append((m.start(), m.end(), platform))
        return sorted(out)

    def build(self, platform: str, token: str, start: int, end: int, why: str) -> Identifier | None:
        """A handle on ``platform`` (one the extractor does not know) from a user name."""
        rule = self.platforms.get(platform)
        if rule is None or not _NAME.fullmatch(token):
            return None
        name = token.lstrip("@").lower()
        value = f"{platform}:{'@' if rule.at else ''}{name}"
        return Identifier(rule.kind, value, start, end, why, platform)

    def written(self, hit: Identifier) -> Identifier:
        """``hit`` with its name written the way its platform writes names."""
        if hit.kind not in HANDLE_KINDS:
            return hit
        platform, sep, name = hit.value.partition(":")
        rule = self.platforms.get(platform)
        if not sep or rule is None or not _NAME.fullmatch(name) or "@" in name[1:]:
            return hit  # a phone number, an email, a Skype "live:" ID, a cashtag
        bare = name.lstrip("@")
        value = f"{platform}:{'@' if rule.at else ''}{bare}"
        return hit if value == hit.value else replace(hit, value=value)

    def links(self, text: str) -> list[Identifier]:
        """YouTube handles given as channel links ("youtube.com/@name"). The handle spans the
        "@name" only: the link stays a link of its own."""
        out = []
        for m in _YOUTUBE.finditer(text):
            name = m.group("v").rstrip(".")
            hit = self.build("youtube", name, m.start("v") - 1, m.start("v") + len(name), "")
            if hit is not None:
                out.append(replace(hit, explanation="youtube handle from a channel link"))
        return out


def as_written(hit: Identifier, line: str) -> Identifier | None:
    """The reading in the case the partner wrote it ("$RoyGreen55"), where the canonical
    value is lower-cased; or a link as written where the canonical one gained a scheme."""
    surface = line[hit.start : hit.end]
    if hit.kind == "url":
        written = surface.rstrip(".,;:!?)")
        if "://" in written or written.lower() == hit.value.lower() or " " in written:
            return None
        return replace(hit, value=written, explanation=f"{hit.explanation}; as written")
    if hit.kind not in HANDLE_KINDS:
        return None
    platform, sep, name = hit.value.partition(":")
    bare = name.lstrip("@$")
    if not sep or not bare or "@" in bare or bare.startswith(("live:", "+")):
        return None
    at = surface.lower().rfind(bare)
    if at < 0:
        return None
    cased = surface[at : at + len(bare)]
    if cased == bare:
        return None
    value = f"{platform}:{name[: len(name) - len(bare)]}{cased}"
    return replace(hit, value=value, explanation=f"{hit.explanation}; as written")


def links_of(hit: Identifier, line: str) -> list[Identifier]:
    """A link written without a scheme ("shop.example.com/x") also with "https://", the
    scheme such a link opens with now (the extractor gives it "http://"); and a handle read
    from a profile link ("t.me/name", "fb.com/name") also as the link, as written and with
    "https://" where he wrote none."""
    scheme = _SCHEME.search(line, 0, hit.start)  # a reading that starts after the scheme
    surface = (scheme.group() if scheme else "") + line[hit.start : hit.end].rstrip(".,;:!?)")
    if hit.kind == "url" and hit.value.startswith("http://") and "://" not in surface:
        value = "https://" + hit.value.removeprefix("http://")
        return [replace(hit, value=value, explanation=f"{hit.explanation}; https")]
    if hit.kind not in HANDLE_KINDS or not _LINK.fullmatch(surface):
        return []
    why = f"link of {hit.explanation}"
    written = [] if "://" in surface else [replace(hit, kind="url", value=surface, explanation=why)]
    secured = surface if "://" in surface else f"https://{surface}"
    return [replace(hit, kind="url", value=secured, explanation=why, platform=None), *written]


def _words(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ConfigError(f"handles file: {where} must list words.")
    return value


def load_handles(path: Path | None = None) -> Handles:
    source = path or default_data_dir() / "handles.toml"
    data = read_toml(source, "handles file")
    table = data.get("platform")
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"handles file {source} needs [platform.NAME] tables.")
    platforms: dict[str, Convention] = {}
    strong: list[tuple[re.Pattern[str], str]] = []
    weak: list[tuple[re.Pattern[str], str]] = []
    for name, spec in table.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("at"), bool):
            raise ConfigError(f"handles file {source}: platform {name!r} needs at = true|false.")
        kind = spec.get("kind", "handle")
        if kind not in HANDLE_KINDS:
            raise ConfigError(f"handles file {source}: platform {name!r} has kind {kind!r}.")
        platforms[name] = Convention(name, kind, spec["at"])
        strong += [
            (re.compile(term_pattern(w), re.I), name) for w in _words(spec.get("words"), name)
        ]
        weak += [(re.compile(term_pattern(w), re.I), name) for w in _words(spec.get("weak"), name)]
    words = data.get("not_a_name", {})
    text = words.get("words", "") if isinstance(words, dict) else None
    if not isinstance(text, str):
        raise ConfigError(f"handles file {source}: [not_a_name] words must be a string.")
    return Handles(platforms, frozenset(text.split()), tuple(strong), tuple(weak))


@functools.cache
def shipped_handles() -> Handles:
    return load_handles()
