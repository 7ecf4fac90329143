"""Errors, configuration and pseudonymisation shared by every vigil package."""

from vigil.core.config import (
    CDR_COLUMNS,
    ContentConfig,
    MetadataConfig,
    Settings,
    load_settings,
)
from vigil.core.errors import (
    ConfigError,
    EngineError,
    InputError,
    KeyMissingError,
    ReferenceDataError,
    VigilError,
)
from vigil.core.pseudonym import PSEUDONYM_PREFIX, Pseudonymiser

__all__ = [
    "CDR_COLUMNS",
    "PSEUDONYM_PREFIX",
    "ConfigError",
    "ContentConfig",
    "EngineError",
    "InputError",
    "KeyMissingError",
    "MetadataConfig",
    "Pseudonymiser",
    "ReferenceDataError",
    "Settings",
    "VigilError",
    "load_settings",
]
