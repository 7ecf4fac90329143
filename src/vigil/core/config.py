"""Typed configuration: a TOML file, overridden by VIGIL_* environment variables.

Lookup order for the file: the explicit path, then $VIGIL_CONFIG, then ./vigil.toml.
Nested keys come from the environment with a double underscore, e.g.
VIGIL_METADATA__MIN_FOREIGN_CONTACTS=4.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from vigil.core.errors import ConfigError

CDR_COLUMNS: tuple[str, ...] = (
    "call_id",
    "started_at",
    "duration_s",
    "caller",
    "callee",
    "caller_ip",
    "callee_ip",
    "media",
)


class MetadataConfig(BaseModel):
    """Thresholds of the metadata patterns; every figure here appears in explanations."""

    model_config = {"extra": "forbid"}

    window_days: int = Field(7, ge=1, le=92)
    # The seed red flag: several foreigners from several wealthier countries.
    min_foreign_contacts: int = Field(3, ge=2)
    min_wealthier_countries: int = Field(2, ge=1)
    # A household IP holds a few accounts; a carrier NAT or a tutoring centre holds many.
    den_max_accounts_per_ip: int = Field(8, ge=2)
    min_den_accounts: int = Field(2, ge=2)
    # A diaspora relative keeps up ties with home (talks on several days, phone calls);
    # a consumer's ties are abroad, its risk-area contacts shows. Beyond this share of its
    # ties in the risk area an account abroad is a relative, not a foreigner.
    consumer_max_risk_contact_share: float = Field(0.6, gt=0, le=1)
    # Scores at or above this are flagged: below it sit single weak links and the lone
    # foreign call a household member of a source makes.
    flag_threshold: float = Field(0.45, gt=0, lt=1)
    # Counterparts called at the same hour of day on several days look like a timetable.
    same_slot_tolerance_hours: int = Field(1, ge=0, le=6)
    # Paid shows are sessions of minutes; lessons, family talks and dates run longer. A video
    # contact whose calls average up to show_minutes counts fully as source evidence, one
    # averaging long_call_minutes or more counts long_call_weight, linearly in between. The
    # floor keeps long calls from being a way to hide: they count less, never nothing.
    show_minutes: float = Field(20.0, gt=0)
    long_call_minutes: float = Field(60.0, gt=0)
    long_call_weight: float = Field(0.1, ge=0, le=1)
    # A buyer phoning a source is a link for the graph, but weaker than a show seen on
    # video: an audio-only contact counts this much of a video one of the same length.
    audio_link_weight: float = Field(0.5, ge=0, le=1)
    # Phone links together lift a source's graph part at most this far: a call centre's
    # agents share many customers who phone them, and no show is seen on any of those
    # calls. Video links (shows seen) are not capped.
    phone_graph_cap: float = Field(0.3, ge=0, le=1)
    # How much a diaspora relative (or a call centre's customer, whose contacts are mostly
    # in the risk area too) vouches for a source in the graph, against 1 for a foreigner.
    kin_vouch: float = Field(0.5, ge=0, le=1)
    # Business calls (a freelancer's clients) keep the counterpart's office hours in its
    # local time: calls starting from office_start_hour up to office_end_hour (excluded).
    office_start_hour: int = Field(9, ge=0, le=23)
    office_end_hour: int = Field(18, ge=1, le=24)
    # Shows are bought in the buyer's free time. An account whose foreign voice hours keep
    # the counterparts' office hours beyond this share is discounted as a business, fully
    # at 100%; the share is shrunk toward chance by business_prior_hours hours, so one or
    # two calls in a buyer's afternoon decide nothing.
    business_onset: float = Field(0.5, ge=0, lt=1)
    business_prior_hours: float = Field(4.0, ge=0)
    # Lessons are booked in clock slots: they start on the hour or half hour, give or take
    # slot_grace_minutes, while shows start whenever buyer and source are ready. An account
    # whose foreign video calls start on a slot more often than chance allows (a z-score
    # from booked_onset_z, fully at booked_full_z) is discounted as a business.
    slot_minutes: int = Field(30, ge=5, le=60)
    slot_grace_minutes: int = Field(3, ge=0, le=10)
    booked_onset_z: float = Field(2.0, ge=0)
    booked_full_z: float = Field(4.0, gt=0)
    # A seller or a streamer is on video with many people at home and a few abroad; a source
    # mostly with buyers abroad. Where the foreign share of an account's video contacts is
    # at most crowd_full_share it is discounted fully, from crowd_onset_share not at all.
    crowd_full_share: float = Field(0.1, ge=0, le=1)
    crowd_onset_share: float = Field(0.3, ge=0, le=1)
    # A call centre's agent phones dozens of foreigners a week with no video; a source phones
    # few. From hotline_onset_contacts such audio-only contacts with wealthier foreigners the
    # account is discounted as a business line, fully at hotline_full_contacts.
    hotline_onset_contacts: int = Field(5, ge=0)
    hotline_full_contacts: int = Field(15, ge=1)
    # DuckDB's memory limit ("5GB", "80%"); None leaves DuckDB's own default (80% of RAM).
    # Beyond it DuckDB spills to disk; the process peaks about 2 GB above it at 100M calls.
    engine_memory_limit: str | None = None

    @property
    def slot_chance(self) -> float:
        """The share of the clock within slot_grace_minutes of a slot: chance's on-slot rate."""
        return (2 * self.slot_grace_minutes + 1) / self.slot_minutes

    @field_validator("engine_memory_limit")
    @classmethod
    def _memory_limit(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d+(\.\d+)?\s*(%|[KMGT]i?B)", value):
            raise ValueError("give a size like 5GB or a share like 80%")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> MetadataConfig:
        if self.long_call_minutes <= self.show_minutes:
            raise ValueError("long_call_minutes must be greater than show_minutes")
        if self.booked_full_z <= self.booked_onset_z:
            raise ValueError("booked_full_z must be greater than booked_onset_z")
        if self.hotline_full_contacts <= self.hotline_onset_contacts:
            raise ValueError("hotline_full_contacts must be greater than hotline_onset_contacts")
        if self.crowd_onset_share <= self.crowd_full_share:
            raise ValueError("crowd_onset_share must be greater than crowd_full_share")
        if 2 * self.slot_grace_minutes + 1 >= self.slot_minutes:
            raise ValueError("slot_grace_minutes must leave most of a slot outside it")
        if self.office_end_hour <= self.office_start_hour:
            raise ValueError("office_end_hour must be later than office_start_hour")
        return self


class ContentConfig(BaseModel):
    """Content analysis: which lexicons, extra user lexicon folders, input limits."""

    model_config = {"extra": "forbid"}

    # Empty means every shipped and user language.
    languages: list[str] = Field(default_factory=list)
    # Folders of extra <language>.toml lexicons; a file named like a shipped one replaces it.
    lexicon_dirs: list[Path] = Field(default_factory=list)
    scoring_file: Path | None = None
    batch_rows: int = Field(65536, ge=1)
    # Longer messages are rejected, not truncated: nothing is dropped silently.
    max_text_chars: int = Field(20000, ge=1)


class CasesConfig(BaseModel):
    """The two-phase workflow: store location, key files and the legal limits it enforces."""

    model_config = {"extra": "forbid"}

    # SQLAlchemy URL; empty means SQLite at $VIGIL_HOME/cases.db.
    database_url: str = ""
    # The longest recording window an authorisation may grant (the default).
    max_window_days: int = Field(92, ge=1, le=366)
    # A case left in evaluation this long closes without evidence and is shredded.
    evaluation_days: int = Field(30, ge=1, le=366)
    # A CLI login lasts this long.
    session_hours: int = Field(8, ge=1, le=24 * 7)
    # Key files; empty means $VIGIL_HOME/keys/{master.keys,signing.pem}. The master key may
    # also come from VIGIL_MASTER_KEY (base64 of 32 bytes), which wins over the file.
    master_key_file: Path | None = None
    signing_key_file: Path | None = None


class Settings(BaseSettings):
    """All of vigil's settings. Secrets never appear in repr or logs."""

    model_config = SettingsConfigDict(
        env_prefix="VIGIL_", env_nested_delimiter="__", extra="forbid"
    )

    pseudonym_key: SecretStr | None = None
    home: Path = Field(default_factory=lambda: Path.home() / ".local" / "share" / "vigil")
    risk_areas: list[str] = Field(default_factory=lambda: ["PH"])
    region_db: Path | None = None
    anonymiser_files: list[Path] = Field(default_factory=list)
    countries_file: Path | None = None
    # Maps contract column names to the names in a provider's own export.
    column_mapping: dict[str, str] = Field(default_factory=dict)
    metadata: MetadataConfig = Field(default_factory=MetadataConfig)  # type: ignore[arg-type]
    content: ContentConfig = Field(default_factory=ContentConfig)  # type: ignore[arg-type]
    cases: CasesConfig = Field(default_factory=CasesConfig)  # type: ignore[arg-type]

    @field_validator("column_mapping")
    @classmethod
    def _known_columns(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(CDR_COLUMNS))
        if unknown:
            raise ValueError(f"column_mapping names unknown contract columns: {', '.join(unknown)}")
        return value

    @property
    def effective_countries_file(self) -> Path | None:
        """The imported income table, if `vigil geo import-income` wrote one."""
        if self.countries_file is not None:
            return self.countries_file
        imported = self.home / "countries.csv"
        return imported if imported.exists() else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"Config file {path} does not exist.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}.") from exc
    section = data.get("vigil", data)
    if not isinstance(section, dict):
        raise ConfigError(f"Config file {path} has a [vigil] entry that is not a table.")
    return section


# Variables read elsewhere: the config path, and secrets that never enter Settings' repr.
_NOT_SETTINGS = frozenset({"VIGIL_CONFIG", "VIGIL_MASTER_KEY", "VIGIL_PASSWORD", "VIGIL_USER"})


def _merge_environment(values: dict[str, Any]) -> None:
    """Overlay VIGIL_* variables onto the file's values, key by key into nested tables."""
    for name, raw in os.environ.items():
        if not name.startswith("VIGIL_") or name in _NOT_SETTINGS:
            continue
        path = name[len("VIGIL_") :].lower().split("__")
        if path[0] not in Settings.model_fields:
            continue
        target = values
        for key in path[:-1]:
            target = target.setdefault(key, {})
        value: Any = raw
        if raw[:1] in ("[", "{"):
            # Lists and tables come as JSON, as pydantic-settings reads them.
            try:
                value = json.loads(raw)
            except ValueError as exc:
                raise ConfigError(f"{name} is not valid JSON.") from exc
        target[path[-1]] = value


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Load settings; environment variables win over the file, explicit overrides win over both."""
    if path is None and os.environ.get("VIGIL_CONFIG"):
        path = Path(os.environ["VIGIL_CONFIG"])
    if path is None and Path("vigil.toml").exists():
        path = Path("vigil.toml")
    merged = _read_toml(path) if path is not None else {}
    _merge_environment(merged)
    merged.update(overrides)
    try:
        return Settings(**merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        # Pydantic prefixes a validator's own message with "Value error, ".
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Invalid setting {where}: {message}.") from exc
