"""The error hierarchy.

Every error a user can cause is a `VigilError`; the CLI prints its message as one sentence
and exits non-zero without a traceback. Anything else is a bug and keeps its traceback.
"""


class VigilError(Exception):
    """Base of every error caused by input, configuration or a refused action."""

    exit_code = 2


class ConfigError(VigilError):
    """The configuration file or environment is invalid or incomplete."""


class InputError(VigilError):
    """An input file cannot be read at all (missing, wrong format, no usable rows)."""


class KeyMissingError(ConfigError):
    """A pseudonymisation key is required and none was configured."""


class ReferenceDataError(VigilError):
    """Reference data (countries, income groups, region or anonymiser lists) is invalid."""


class EngineError(VigilError):
    """The requested analytics engine is unavailable or misconfigured."""
