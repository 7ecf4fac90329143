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

__all__ = [
    "CDR_COLUMNS",
    "EARLIEST_CALL",
    "FLAG_COLUMNS",
    "FUTURE_SLACK_S",
    "MAX_DURATION_S",
    "MEDIA",
    "REJECT_COLUMNS",
    "REQUIRED_TEXT",
]
