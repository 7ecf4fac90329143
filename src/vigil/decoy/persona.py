"""The decoy's persona: who it pretends to be and how it types (a TOML file).

Styling only changes letters of reviewed bank lines (case, shortenings, typos); the engine
runs the outbound guard on the styled text, so a typo can never slip a guarded term out.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from vigil.core import ConfigError
from vigil.decoy.cues import default_data_dir, read_toml

_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_FACT_VALUE = re.compile(r"^[A-Za-z0-9 ]{1,24}$")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Persona:
    display_name: str
    age: int
    city: str
    country: str
    country_code: str
    timezone: str
    active_hours: tuple[tuple[time, time], ...]
    facts: Mapping[str, str] = field(default_factory=dict)
    broken_english: bool = True
    taglish: float = 0.0
    lowercase: bool = True
    drop_final_period: bool = True
    typo_rate: float = 0.0
    shorten_rate: float = 0.0
    shortenings: Mapping[str, str] = field(default_factory=dict)
    typing_cps: float = 4.0
    think_s: tuple[float, float] = (1.0, 3.0)

    def placeholders(self) -> dict[str, str]:
        """Values for ``{name}``-style placeholders in bank lines."""
        return {
            "name": self.display_name,
            "age": str(self.age),
            "city": self.city,
            "country": self.country,
            **self.facts,
        }

    def is_active(self, at: datetime) -> bool:
        """Whether ``at`` (timezone-aware) falls in the persona's local active hours."""
        local = at.astimezone(ZoneInfo(self.timezone)).time()
        for start, end in self.active_hours:
            inside = start <= local < end if start <= end else (local >= start or local < end)
            if inside:
                return True
        return False

    def typing_delay(self, text: str, rng: random.Random) -> float:
        """Seconds a child would take to read, think and type ``text``."""
        low, high = self.think_s
        return round(rng.uniform(low, high) + len(text) / self.typing_cps, 2)

    def style(self, line: str, rng: random.Random) -> str:
        """The line as this persona types it; deterministic for a seeded ``rng``."""
        text = line.lower() if self.lowercase else line
        if self.drop_final_period and text.endswith(".") and not text.endswith(".."):
            text = text[:-1]

        def word(match: re.Match[str]) -> str:
            value = match.group(0)
            short = self.shortenings.get(value.lower())
            if short is not None and rng.random() < self.shorten_rate:
                return short
            if len(value) >= 4 and rng.random() < self.typo_rate:
                return _typo(value, rng)
            return value

        return _WORD.sub(word, text)


def _typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # swapped neighbours
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == 1:  # doubled letter
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1 :]  # dropped letter


def style(persona: Persona, line: str, rng: random.Random) -> str:
    """Module-level form of ``Persona.style``."""
    return persona.style(line, rng)


def default_persona_path() -> Path:
    return default_data_dir() / "personas" / "default.toml"


def load_persona(path: Path | None = None) -> Persona:
    """Read a persona file (the shipped default when ``path`` is None)."""
    source = path or default_persona_path()
    data = read_toml(source, "persona file")
    try:
        return _parse(data)
    except KeyError as exc:
        raise ConfigError(f"persona file {source} is invalid: {exc.args[0]} is missing.") from exc
    except (TypeError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        raise ConfigError(f"persona file {source} is invalid: {reason}.") from exc


def _parse(data: Mapping[str, object]) -> Persona:
    person = _table(data, "persona")
    look = _table(data, "style") if "style" in data else {}
    facts = _table(person, "facts") if "facts" in person else {}
    for key, value in facts.items():
        if not isinstance(value, str) or not _FACT_VALUE.match(value):
            raise ValueError(f"fact {key!r} must be a short plain word or phrase")
    age = person["age"]
    if not isinstance(age, int) or isinstance(age, bool) or not 6 <= age <= 17:
        raise ValueError("age must be a whole number from 6 to 17")
    timezone = str(person.get("timezone", "UTC"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {timezone!r}") from exc
    shortenings = _table(look, "shortenings") if "shortenings" in look else {}
    think = look.get("think_s", [1.0, 3.0])
    if not isinstance(think, list) or len(think) != 2 or not 0 <= think[0] <= think[1]:
        raise ValueError("think_s must be [low, high] seconds")
    persona = Persona(
        display_name=_text(person, "display_name"),
        age=age,
        city=_text(person, "city"),
        country=_text(person, "country"),
        country_code=_text(person, "country_code").upper(),
        timezone=timezone,
        active_hours=tuple(_window(w) for w in _list(person, "active_hours")),
        facts={str(k): str(v) for k, v in facts.items()},
        broken_english=bool(look.get("broken_english", True)),
        taglish=_share(look, "taglish"),
        lowercase=bool(look.get("lowercase", True)),
        drop_final_period=bool(look.get("drop_final_period", True)),
        typo_rate=_share(look, "typo_rate"),
        shorten_rate=_share(look, "shorten_rate"),
        shortenings={str(k).lower(): str(v) for k, v in shortenings.items()},
        typing_cps=float(look.get("typing_cps", 4.0)),  # type: ignore[arg-type]
        think_s=(float(think[0]), float(think[1])),
    )
    if persona.typing_cps <= 0:
        raise ValueError("typing_cps must be above 0")
    return persona


def _table(data: Mapping[str, object], key: str) -> dict[str, object]:
    value = data[key]
    if not isinstance(value, dict):
        raise TypeError(f"[{key}] must be a table")
    return value


def _list(data: Mapping[str, object], key: str) -> list[object]:
    value = data[key]
    if not isinstance(value, list) or not value:
        raise TypeError(f"{key} must be a non-empty list")
    return value


def _text(data: Mapping[str, object], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{key} must be a non-empty string")
    return value.strip()


def _share(data: Mapping[str, object], key: str) -> float:
    value = data.get(key, 0.0)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"{key} must be a number from 0 to 1")
    return float(value)


def _window(value: object) -> tuple[time, time]:
    match = _WINDOW.match(str(value))
    if not match:
        raise ValueError(f"active hours {value!r} must look like '15:30-21:00'")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
        raise ValueError(f"active hours {value!r} are not times of day")
    end = time(23, 59, 59) if h2 == 24 else time(h2, m2)
    return time(h1, m1), end
