"""Reader for the World Bank's income classification file (CLASS.xlsx, or its sheet as CSV).

The file is the one a user downloads from "World Bank Country and Lending Groups". Its sheet
"List of economies" has the columns Economy, Code (ISO alpha-3, with a few World Bank codes
such as CHI and XKX), Region and Income group, below a few title rows in some years, and
followed by aggregate rows (WLD, EAS, ...) whose income group is empty.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from vigil.core.errors import ReferenceDataError
from vigil.geo.countries import INCOME_GROUPS, IncomeGroup

__all__ = ["ClassRow", "parse_income_group", "read_class_file"]

SHEET: Final = "List of economies"
_HEADER_SCAN_ROWS: Final = 50
_INCOME_WORDS: Final[dict[str, IncomeGroup]] = {
    "low income": "L",
    "lower middle income": "LM",
    "upper middle income": "UM",
    "high income": "H",
}
_CODES: Final[dict[str, IncomeGroup]] = {g: g for g in INCOME_GROUPS}
_UNCLASSIFIED: Final = frozenset({"", "..", "n/a", "na", "not classified", "unclassified"})


@dataclass(frozen=True, slots=True)
class ClassRow:
    """One economy (or aggregate) row of the file; `row` is its 1-based row number."""

    row: int
    economy: str
    code: str
    income_group: IncomeGroup | None


def parse_income_group(text: str) -> IncomeGroup | None:
    """'Lower middle income' -> 'LM'; also L/LM/UM/H and older "High income: OECD" forms.
    None for an empty or '..' cell (not classified). ValueError for anything else."""
    norm = re.sub(r"[\s_\-]+", " ", text.strip().rstrip("*").strip().lower())
    if norm in _UNCLASSIFIED:
        return None
    if norm.upper() in _CODES:
        return _CODES[norm.upper()]
    if norm.startswith("high income"):  # "High income: OECD" / "nonOECD" before FY2015
        return "H"
    if norm in _INCOME_WORDS:
        return _INCOME_WORDS[norm]
    raise ValueError(f"unrecognised income group {text!r}")


def read_class_file(path: Path) -> list[ClassRow]:
    """The rows of a CLASS.xlsx / CSV file; ReferenceDataError with one sentence if unusable."""
    path = Path(path)
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        raise ReferenceDataError(f"Income classification file {path} {what}.")
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReferenceDataError(
            f"{path.name} is an old binary .xls workbook; save it as .xlsx or CSV and retry."
        )
    if not magic.startswith(b"PK\x03\x04"):
        return _from_tables(path, _csv_tables(path))
    book = _open_xlsx(path)
    try:
        # The expected sheet first, then any other, in case a user renamed or re-saved it.
        names = sorted(book.sheetnames, key=lambda n: n.strip().lower() != SHEET.lower())
        sheets = ((n, ([_text(v) for v in r] for r in book[n].iter_rows(values_only=True)))
                  for n in names)  # fmt: skip
        return _from_tables(path, sheets)
    finally:
        book.close()


def _from_tables(path: Path, tables: Iterable[tuple[str, Iterator[list[str]]]]) -> list[ClassRow]:
    for _name, rows in tables:
        found = _parse_table(path, rows)
        if found is not None:
            return found
    raise ReferenceDataError(
        f"{path.name} is not a World Bank income classification: no sheet or header row has "
        "the columns 'Code' and 'Income group'."
    )


def _parse_table(path: Path, rows: Iterator[list[str]]) -> list[ClassRow] | None:
    columns: dict[str, int] | None = None
    out: list[ClassRow] = []
    for number, row in enumerate(rows, 1):
        if columns is None:
            if number > _HEADER_SCAN_ROWS:
                return None
            columns = _header(row)
            continue
        cell = _cells(row, columns)
        code, economy, income = cell("code").upper(), cell("economy"), cell("income")
        if not code and not economy:
            continue  # blank spacer rows between economies and aggregates
        try:
            group = parse_income_group(income)
        except ValueError:
            raise ReferenceDataError(
                f"{path.name}, row {number}: income group {income!r} for {code or economy} "
                "is not one the World Bank uses."
            ) from None
        out.append(ClassRow(number, economy, code, group))
    return None if columns is None else out


def _header(row: list[str]) -> dict[str, int] | None:
    keys = [re.sub(r"[^a-z0-9]", "", c.lower()) for c in row]
    wanted = {"code": ("code", "iso3", "iso3code", "countrycode"), "income": ("incomegroup",)}
    columns: dict[str, int] = {}
    for name, aliases in wanted.items():
        hits = [i for i, k in enumerate(keys) if k in aliases]
        if not hits:
            return None
        columns[name] = hits[0]
    for i, k in enumerate(keys):
        if k in ("economy", "country", "countryname", "name"):
            columns["economy"] = i
            break
    return columns


def _cells(row: list[str], columns: dict[str, int]) -> Callable[[str], str]:
    def get(name: str) -> str:
        i = columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    return get


def _csv_tables(path: Path) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """The file read with the sniffed delimiter first, then with the other usual ones."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    lines = text.splitlines()
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    for delimiter in dict.fromkeys((sniffed, ",", ";", "\t")):
        yield path.name, csv.reader(lines, delimiter=delimiter)


def _open_xlsx(path: Path) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ReferenceDataError(
            f"Reading {path.name} needs the openpyxl package; install it, or save the sheet "
            f"{SHEET!r} as CSV and import that."
        ) from None
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged zip or XML
        raise ReferenceDataError(f"{path.name} is not a readable .xlsx workbook ({exc}).") from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
