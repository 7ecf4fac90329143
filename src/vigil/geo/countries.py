"""Country reference table: ISO 3166-1 codes, names and World Bank income groups.

The income group answers "is this caller's country wealthier than the source's?" by
comparing ranks (L=0 < LM=1 < UM=2 < H=3). The table is a small CSV shipped in the package;
`vigil geo import-income` writes a newer one from the World Bank's own file.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, cast

from vigil.core.errors import ReferenceDataError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "INCOME_GROUPS",
    "INCOME_GROUP_NAMES",
    "INCOME_RANK",
    "Country",
    "CountryTable",
    "IncomeGroup",
    "load_country_table",
]

IncomeGroup = Literal["L", "LM", "UM", "H"]
INCOME_GROUPS: Final[tuple[IncomeGroup, ...]] = ("L", "LM", "UM", "H")
INCOME_RANK: Final[Mapping[str, int]] = {g: i for i, g in enumerate(INCOME_GROUPS)}
INCOME_GROUP_NAMES: Final[Mapping[str, str]] = {
    "L": "Low income",
    "LM": "Lower middle income",
    "UM": "Upper middle income",
    "H": "High income",
}

COLUMNS: Final = ("iso2", "iso3", "name", "income_group")
TITLE: Final = "vigil country reference table: ISO 3166-1 countries and World Bank income groups"
_META_LINE = re.compile(r"#\s*([a-z][a-z0-9_]*)\s*:\s*(.*)$")
_ISO2 = re.compile(r"[A-Z]{2}")
_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class Country:
    """One row of the table; `income_group` is None where the World Bank gives none."""

    iso2: str
    iso3: str
    name: str
    income_group: IncomeGroup | None = None

    @property
    def income_rank(self) -> int | None:
        return None if self.income_group is None else INCOME_RANK[self.income_group]


class CountryTable:
    """Immutable lookup by ISO alpha-2 (and alpha-3) code, with the file's provenance."""

    def __init__(
        self,
        countries: Iterable[Country],
        *,
        metadata: Mapping[str, str] | None = None,
        notes: Sequence[str] = (),
        path: Path | None = None,
    ) -> None:
        self._by_iso2: dict[str, Country] = {}
        self._by_iso3: dict[str, Country] = {}
        for c in countries:
            if c.iso2 in self._by_iso2 or c.iso3 in self._by_iso3:
                raise ReferenceDataError(f"Country table lists {c.iso2}/{c.iso3} twice.")
            self._by_iso2[c.iso2] = c
            self._by_iso3[c.iso3] = c
        self.metadata: Mapping[str, str] = dict(metadata or {})
        self.notes: tuple[str, ...] = tuple(notes)
        self.path = path

    # -- provenance -------------------------------------------------------------------
    @property
    def source(self) -> str | None:
        """Where the income groups come from, as recorded in the file's header."""
        return self.metadata.get("source")

    @property
    def as_of(self) -> dt.date | None:
        """Date the income groups are valid from (classification or import date)."""
        value = self.metadata.get("as_of")
        return dt.date.fromisoformat(value) if value else None

    @property
    def fiscal_year(self) -> str | None:
        return self.metadata.get("fiscal_year")

    # -- lookups ----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_iso2)

    def __iter__(self) -> Iterator[Country]:
        return iter(self._by_iso2.values())

    def __contains__(self, iso2: object) -> bool:
        return isinstance(iso2, str) and iso2.upper() in self._by_iso2

    def get(self, iso2: str | None) -> Country | None:
        return self._by_iso2.get(iso2.upper()) if iso2 else None

    def by_iso3(self, iso3: str | None) -> Country | None:
        return self._by_iso3.get(iso3.upper()) if iso3 else None

    def income_group(self, iso2: str | None) -> IncomeGroup | None:
        c = self.get(iso2)
        return c.income_group if c else None

    def rank(self, iso2: str | None) -> int | None:
        """Income rank, L=0 < LM=1 < UM=2 < H=3; None when unknown or unclassified."""
        c = self.get(iso2)
        return c.income_rank if c else None

    def name(self, iso2: str | None) -> str | None:
        c = self.get(iso2)
        return c.name if c else None

    def iso3(self, iso2: str | None) -> str | None:
        c = self.get(iso2)
        return c.iso3 if c else None

    def is_wealthier(self, iso2: str | None, than: str | None) -> bool:
        """True only when both are classified and `iso2` is in a higher income group."""
        a, b = self.rank(iso2), self.rank(than)
        return a is not None and b is not None and a > b

    def classified(self) -> list[Country]:
        return [c for c in self if c.income_group is not None]

    # -- derivation and export --------------------------------------------------------
    def with_income(
        self,
        groups: Mapping[str, IncomeGroup | None],
        *,
        metadata: Mapping[str, str],
        notes: Sequence[str] = (),
    ) -> CountryTable:
        """A copy whose income groups are exactly `groups` (by ISO2); others unclassified."""
        rows = (Country(c.iso2, c.iso3, c.name, groups.get(c.iso2)) for c in self._by_iso2.values())
        return CountryTable(rows, metadata=metadata, notes=notes)

    def to_arrow(self) -> pa.Table:
        """Columns iso2, iso3, name, income_group, income_rank, for joins in an engine."""
        import pyarrow as pa

        rows = list(self)
        return pa.table(
            {
                "iso2": pa.array([c.iso2 for c in rows], pa.string()),
                "iso3": pa.array([c.iso3 for c in rows], pa.string()),
                "name": pa.array([c.name for c in rows], pa.string()),
                "income_group": pa.array([c.income_group for c in rows], pa.string()),
                "income_rank": pa.array([c.income_rank for c in rows], pa.int8()),
            }
        )

    def to_csv(self) -> str:
        out = io.StringIO()
        out.write(f"# {TITLE}\n")
        for key, value in self.metadata.items():
            out.write(f"# {key}: {value}\n")
        for note in self.notes:
            out.write(f"# note: {note}\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for c in sorted(self, key=lambda c: c.iso2):
            writer.writerow((c.iso2, c.iso3, c.name, c.income_group or ""))
        return out.getvalue()

    def write(self, path: Path) -> None:
        """Write as CSV atomically, so a failed write never leaves a half table behind."""
        path = Path(path)
        # mkstemp creates 0600; keep the replaced file's mode, or make it world-readable.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(self.to_csv())
            Path(tmp).chmod(mode)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def load_country_table(path: Path | None = None) -> CountryTable:
    """The country table at `path`, or the one shipped with vigil when `path` is None."""
    if path is None:
        return _packaged_table()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReferenceDataError(f"Country table {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"Country table {path} cannot be read: {exc}.") from None
    return parse_country_csv(text, origin=str(path), path=path)


@functools.cache
def _packaged_table() -> CountryTable:
    ref = resources.files("vigil.geo") / "data" / "countries.csv"
    return parse_country_csv(ref.read_text(encoding="utf-8"), origin="packaged countries.csv")


def parse_country_csv(text: str, *, origin: str, path: Path | None = None) -> CountryTable:
    """Parse the table format written by `CountryTable.to_csv`; errors name the line."""
    metadata: dict[str, str] = {}
    notes: list[str] = []
    countries: list[Country] = []
    seen: dict[str, int] = {}  # iso2 and iso3 codes -> line, to name both duplicate lines
    columns: dict[str, int] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if columns is None:  # provenance lives in the comments above the header
                m = _META_LINE.match(line)
                if m is None:
                    if (free := line.lstrip("#").strip()) and free != TITLE:
                        notes.append(free)
                elif m.group(1) == "note":
                    notes.append(m.group(2).strip())
                else:
                    metadata[m.group(1)] = m.group(2).strip()
            continue
        row = next(csv.reader([line]))
        if columns is None:
            columns = _header(row, origin)
            continue
        country = _country(row, columns, origin, lineno)
        for code in (country.iso2, country.iso3):
            if code in seen:
                raise ReferenceDataError(
                    f"{origin}, line {lineno}: {code} is already listed on line {seen[code]}."
                )
            seen[code] = lineno
        countries.append(country)
    if columns is None:
        raise ReferenceDataError(f"Country table {origin} has no header row.")
    if "as_of" in metadata:
        try:
            dt.date.fromisoformat(metadata["as_of"])
        except ValueError:
            raise ReferenceDataError(
                f"Country table {origin} has an as_of date that is not YYYY-MM-DD."
            ) from None
    return CountryTable(countries, metadata=metadata, notes=notes, path=path)


def _header(row: list[str], origin: str) -> dict[str, int]:
    names = [c.strip().lower() for c in row]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise ReferenceDataError(
            f"Country table {origin} lacks the column(s) {', '.join(missing)} in its header."
        )
    return {c: names.index(c) for c in COLUMNS}


def _country(row: list[str], columns: Mapping[str, int], origin: str, lineno: int) -> Country:
    try:
        iso2, iso3, name, group = (row[columns[c]].strip() for c in COLUMNS)
    except IndexError:
        raise ReferenceDataError(f"{origin}, line {lineno}: too few fields.") from None
    iso2, iso3, group = iso2.upper(), iso3.upper(), group.upper()
    if not _ISO2.fullmatch(iso2) or not _ISO3.fullmatch(iso3):
        raise ReferenceDataError(
            f"{origin}, line {lineno}: {iso2!r}/{iso3!r} is not an ISO alpha-2/alpha-3 pair."
        )
    if group and group not in INCOME_RANK:
        raise ReferenceDataError(
            f"{origin}, line {lineno}: income group {group!r} is not one of L, LM, UM, H."
        )
    return Country(iso2, iso3, name or iso2, cast(IncomeGroup, group) if group else None)
