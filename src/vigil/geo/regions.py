"""Region (first-level subdivision) of an IP from a user-supplied MaxMind-format database.

vigil ships no region data: GeoIP2/GeoLite2 City and similar databases are licensed to the
user. Two record layouts are understood: GeoIP2-City-like records
(``{"subdivisions": [{"iso_code": "07", "names": {"en": "Central Visayas"}}], ...}``) and
flat ``{"region": "Central Visayas"}`` records, as simple in-house databases use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

import maxminddb

from vigil.core.errors import ReferenceDataError

__all__ = ["RegionDB", "region_of_record"]


def region_of_record(record: object, language: str = "en") -> str | None:
    """The region named by one database record: the first subdivision's name, else its ISO
    code; or a flat ``region`` field. None when the record names no region."""
    if not isinstance(record, Mapping):
        return None
    subdivisions = record.get("subdivisions")
    if isinstance(subdivisions, Sequence) and subdivisions and not isinstance(subdivisions, str):
        first = subdivisions[0]
        if isinstance(first, Mapping):
            names = first.get("names")
            if isinstance(names, Mapping):
                name = names.get(language) or names.get("en")
                if isinstance(name, str) and name:
                    return name
            code = first.get("iso_code")
            if isinstance(code, str) and code:
                return code
    region = record.get("region")
    if isinstance(region, str) and region:
        return region
    if isinstance(region, Mapping):  # some exports nest it like a subdivision
        return region_of_record({"subdivisions": [region]}, language)
    return None


class RegionDB:
    """An open .mmdb file; use as a context manager or call `close()`."""

    def __init__(self, reader: maxminddb.Reader, path: Path, language: str = "en") -> None:
        self._reader = reader
        self.path = path
        self.language = language

    @classmethod
    def open(cls, path: Path | str, *, language: str = "en") -> RegionDB:
        """Open `path`; ReferenceDataError with one sentence if it is missing or corrupt."""
        path = Path(path)
        if not path.is_file():
            what = "is not a file" if path.exists() else "does not exist"
            raise ReferenceDataError(f"Region database {path} {what}.")
        try:
            reader = maxminddb.open_database(str(path))
        except (maxminddb.InvalidDatabaseError, ValueError) as exc:
            raise ReferenceDataError(
                f"Region database {path} is not a valid MaxMind .mmdb file ({exc})."
            ) from None
        except OSError as exc:
            raise ReferenceDataError(
                f"Region database {path} cannot be read: {exc.strerror}."
            ) from None
        return cls(reader, path, language)

    @property
    def database_type(self) -> str:
        return str(self._reader.metadata().database_type)

    def region_of(self, ip: str) -> str | None:
        """Region of one address; None when invalid, absent or without a region."""
        try:
            record = self._reader.get(ip)
        except (ValueError, TypeError):
            # Invalid text, or an IPv6 address asked of an IPv4-only database.
            return None
        except maxminddb.InvalidDatabaseError as exc:
            raise ReferenceDataError(f"Region database {self.path} is corrupt ({exc}).") from None
        return region_of_record(record, self.language)

    def regions_of(self, ips: Sequence[str]) -> list[str | None]:
        """Region of each address, in order. Pass distinct addresses: ~1 µs each."""
        if isinstance(ips, str):
            raise TypeError("regions_of() takes a sequence of addresses, not one string")
        return [self.region_of(ip) for ip in ips]

    def close(self) -> None:
        self._reader.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
