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


class AuthError(VigilError):
    """No valid login, a wrong password, or an expired session."""


class PermissionDeniedError(VigilError):
    """The acting user's roles do not allow the action, or four-eyes rules refuse it."""


class WorkflowError(VigilError):
    """The action is not allowed in the case's current state."""


class NotFoundError(VigilError):
    """A case, authorisation, evidence item or user does not exist."""


class RecordingRefusedError(VigilError):
    """Content offered for an account or moment no active authorisation covers."""


class ShreddedError(VigilError):
    """The case's key was destroyed: its content can never be read again."""


class IntegrityError(VigilError):
    """A signature, hash or Merkle proof does not match: something was altered."""
