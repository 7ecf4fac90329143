"""The CDR contract and the reasons a row is rejected.

Reasons are checked in this order; a rejected row carries the first that applies.
"""

from __future__ import annotations

from datetime import UTC, datetime

from vigil.core import CDR_COLUMNS

MEDIA = ("audio", "video", "chat")

# Calls longer than this are not calls but stuck sessions or corrupt records.
MAX_DURATION_S = 2 * 24 * 3600
# Earliest plausible call; a 1970 timestamp is an unset clock, not a call.
EARLIEST_CALL = datetime(2000, 1, 1, tzinfo=UTC)
# Clocks drift; a day of slack avoids rejecting records from a fast switch clock.
FUTURE_SLACK_S = 24 * 3600

REQUIRED_TEXT = ("call_id", "caller", "callee", "caller_ip", "callee_ip", "media")

FLAG_COLUMNS = ("account", "role", "score", "rank", "patterns", "window_start", "explanation")

REJECT_COLUMNS = (*CDR_COLUMNS, "source_file", "reason")

# Windows start on Mondays: 1970-01-05, the first Monday of the epoch, is window 0's origin.
EPOCH_MONDAY = datetime(1970, 1, 5, tzinfo=UTC)
EPOCH_MONDAY_S = 4 * 86400

__all__ = [
    "CDR_COLUMNS",
    "EARLIEST_CALL",
    "EPOCH_MONDAY",
    "EPOCH_MONDAY_S",
    "FLAG_COLUMNS",
    "FUTURE_SLACK_S",
    "MAX_DURATION_S",
    "MEDIA",
    "REJECT_COLUMNS",
    "REQUIRED_TEXT",
]
