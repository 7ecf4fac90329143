"""One representative UTC offset per country, for reading a call's hour as local time.

Shipped as ``vigil/geo/data/utc_offsets.csv`` (generated from the IANA time zone database;
source and date in its header). A country spanning several zones gets the zone where the
median of its population lives, so the local hour is off by an hour or two at its edges:
good enough to tell office hours from evenings, which is all it is used for. Standard
time throughout (daylight saving moves both ends of most pairs alike).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Mapping
from importlib import resources

from vigil.core.errors import ReferenceDataError

__all__ = ["load_utc_offsets"]


@functools.cache
def load_utc_offsets() -> Mapping[str, int]:
    """ISO alpha-2 code -> UTC offset in minutes (standard time) of the shipped table."""
    ref = resources.files("vigil.geo") / "data" / "utc_offsets.csv"
    text = ref.read_text(encoding="utf-8")
    rows = csv.DictReader(
        io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
    )
    out: dict[str, int] = {}
    for row in rows:
        try:
            out[row["iso2"]] = int(row["utc_offset_minutes"])
        except (KeyError, ValueError) as exc:
            raise ReferenceDataError(f"utc_offsets.csv has a bad row: {row}.") from exc
    return out
