"""Errors, configuration and pseudonymisation shared by every vigil package."""

from vigil.core.config import (
    CDR_COLUMNS,
    CasesConfig,
    ContentConfig,
    MetadataConfig,
    Settings,
    load_settings,
)
from vigil.core.errors import (
    AuthError,
    ConfigError,
    EngineError,
    InputError,
    IntegrityError,
    KeyMissingError,
    NotFoundError,
    PermissionDeniedError,
    RecordingRefusedError,
    ReferenceDataError,
    ShreddedError,
    VigilError,
    WorkflowError,
)
from vigil.core.pseudonym import PSEUDONYM_PREFIX, Pseudonymiser
from vigil.core.signing import Signer, Verifier, canonical_bytes

__all__ = [
    "CDR_COLUMNS",
    "PSEUDONYM_PREFIX",
    "AuthError",
    "CasesConfig",
    "ConfigError",
    "ContentConfig",
    "EngineError",
    "InputError",
    "IntegrityError",
    "KeyMissingError",
    "MetadataConfig",
    "NotFoundError",
    "PermissionDeniedError",
    "Pseudonymiser",
    "RecordingRefusedError",
    "ReferenceDataError",
    "Settings",
    "ShreddedError",
    "Signer",
    "Verifier",
    "VigilError",
    "WorkflowError",
    "canonical_bytes",
    "load_settings",
]
