"""`vigil geo import-income`: a new country table from the World Bank's classification file.

Income groups change every 1 July, so users replace the shipped table with the current
CLASS.xlsx instead of waiting for a vigil release. Codes are mapped ISO alpha-3 -> alpha-2
with the reference table; the World Bank's own codes are translated (CHI, the Channel
Islands, to JE and GG; legacy codes such as ROM and ZAR to today's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from vigil.core.errors import ReferenceDataError
from vigil.geo.countries import INCOME_GROUPS, CountryTable, IncomeGroup, load_country_table
from vigil.geo.worldbank import read_class_file

__all__ = ["ImportReport", "import_income"]

# World Bank codes that are not the ISO alpha-3 code of the same territory.
WORLD_BANK_CODES: Final[dict[str, tuple[str, ...]]] = {
    "CHI": ("JEY", "GGY"),  # Channel Islands: one economy for the World Bank
    "KSV": ("XKX",),  # Kosovo, before 2013
    "ADO": ("AND",),
    "ROM": ("ROU",),
    "ZAR": ("COD",),
    "TMP": ("TLS",),
    "WBG": ("PSE",),
    "IMY": ("IMN",),
}


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import read and wrote, for the CLI to print and the user to check."""

    source: Path
    dest: Path
    sha256: str
    imported_on: dt.date
    rows_read: int
    counts: dict[str, int]  # countries written per income group
    unclassified: tuple[str, ...]  # country codes present without an income group (VEN)
    skipped: tuple[str, ...]  # codes of aggregates and other non-countries (WLD, EAS, ...)
    unmapped: tuple[str, ...]  # classified codes no country has: their groups are lost
    changes: tuple[tuple[str, str | None, str | None], ...]  # (iso2, before, after)

    @property
    def classified(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """A few lines for the terminal: totals, moves between groups, what was left out."""
        by_group = ", ".join(f"{g} {self.counts.get(g, 0)}" for g in INCOME_GROUPS)
        moved = [f"{c} {a}->{b}" for c, a, b in self.changes if a and b]
        lost = [c for c, a, b in self.changes if a and not b]
        gained = [c for c, a, b in self.changes if b and not a]
        lines = [
            f"Imported {self.classified} income groups ({by_group}) from {self.source.name} "
            f"into {self.dest}.",
            f"{len(moved)} countries changed group" + (f": {_few(moved)}." if moved else "."),
        ]
        if gained:
            lines.append(f"{len(gained)} countries newly classified: {_few(gained)}.")
        if lost:
            lines.append(f"{len(lost)} countries no longer classified: {_few(lost)}.")
        if self.unclassified:
            lines.append(f"Not classified by the World Bank: {_few(self.unclassified)}.")
        if self.unmapped:
            lines.append(f"Classified but not an ISO country here: {_few(self.unmapped)}.")
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)} aggregate or unknown codes.")
        return "\n".join(lines)


def _few(items: Sequence[str], limit: int = 30) -> str:
    more = len(items) - limit
    return ", ".join(items[:limit]) + (f" and {more} more" if more > 0 else "")


def import_income(
    src: Path,
    dest: Path,
    *,
    reference: CountryTable | None = None,
    fiscal_year: str | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Parse the World Bank file `src` and write a new country table to `dest` (a file, or
    a folder to get ``countries.csv``). Countries the file does not classify are written
    without an income group. `reference` (default: the shipped table) gives codes and
    names; the changes are reported against the table already at `dest`, else `reference`.
    """
    src, dest = Path(src), Path(dest)
    if dest.is_dir():
        dest = dest / "countries.csv"
    reference = load_country_table() if reference is None else reference
    today = today or dt.date.today()
    rows = read_class_file(src)

    groups: dict[str, IncomeGroup | None] = {}
    origin: dict[str, int] = {}  # iso2 -> row that set it, for conflict messages
    unclassified: list[str] = []
    skipped: list[str] = []
    unmapped: list[str] = []
    for row in rows:
        iso3s = WORLD_BANK_CODES.get(row.code, (row.code,))
        targets = [c.iso2 for code in iso3s if (c := reference.by_iso3(code)) is not None]
        if not targets:
            (skipped if row.income_group is None else unmapped).append(row.code or row.economy)
            continue
        if row.income_group is None:
            unclassified.append(row.code)
        for iso2 in targets:
            if iso2 in groups and groups[iso2] != row.income_group:
                raise ReferenceDataError(
                    f"{src.name} gives {row.code} two income groups, in rows {origin[iso2]} "
                    f"and {row.row}."
                )
            groups[iso2], origin[iso2] = row.income_group, row.row
    if not any(groups.values()):
        raise ReferenceDataError(
            f"{src.name} classifies no country this table knows; is it the World Bank file?"
        )

    digest = _sha256(src)
    metadata = {
        "source": f'World Bank, "World Bank Country and Lending Groups", file {src.name}',
        "source_file": src.name,
        "sha256": digest,
        **({"fiscal_year": fiscal_year} if fiscal_year else {}),
        "as_of": today.isoformat(),
        "imported": today.isoformat(),
    }
    notes = [
        "income_group: L = low, LM = lower middle, UM = upper middle, H = high income; "
        "empty = not classified by the World Bank",
        "the World Bank's Channel Islands (CHI) are given to Jersey (JE) and Guernsey (GG)",
        "written by: vigil geo import-income FILE (run it again to replace this table)",
    ]
    table = reference.with_income(groups, metadata=metadata, notes=notes)
    previous = _previous(dest, reference)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)  # vigil's home may not exist yet
        table.write(dest)
    except OSError as exc:
        raise ReferenceDataError(f"Cannot write the country table to {dest}: {exc}.") from None

    counts = Counter(c.income_group for c in table if c.income_group is not None)
    changes = tuple(
        (c.iso2, previous.income_group(c.iso2), c.income_group)
        for c in table
        if previous.income_group(c.iso2) != c.income_group
    )
    return ImportReport(
        source=src,
        dest=dest,
        sha256=digest,
        imported_on=today,
        rows_read=len(rows),
        counts={g: counts[g] for g in INCOME_GROUPS},
        unclassified=tuple(unclassified),
        skipped=tuple(skipped),
        unmapped=tuple(unmapped),
        changes=changes,
    )


def _previous(dest: Path, reference: CountryTable) -> CountryTable:
    if dest.is_file():
        try:
            return load_country_table(dest)
        except ReferenceDataError:
            pass  # a damaged old table is being replaced anyway
    return reference


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
