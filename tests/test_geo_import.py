"""vigil.geo: importing the World Bank income classification (CLASS.xlsx or CSV)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from vigil.core.errors import ReferenceDataError
from vigil.geo import import_income, load_country_table, parse_income_group

TODAY = dt.date(2026, 7, 2)
HEADER = ["Economy", "Code", "Region", "Income group", "Lending category"]
ROWS = [
    ["Philippines", "PHL", "East Asia & Pacific", "Upper middle income", "IBRD"],
    ["United States", "USA", "North America", "High income", ""],
    ["Germany", "DEU", "Europe & Central Asia", "High income", ""],
    ["Afghanistan", "AFG", "South Asia", "Low income", "IDA"],
    ["Côte d'Ivoire", "CIV", "Sub-Saharan Africa", "Lower middle income", "IDA"],
    ["Channel Islands", "CHI", "Europe & Central Asia", "High income", ""],
    ["Kosovo", "XKX", "Europe & Central Asia", "Upper middle income", "IDA"],
    ["Venezuela, RB", "VEN", "Latin America & Caribbean", "", ""],
    ["Atlantis", "ATL", "Nowhere", "High income", ""],
    ["", "", "", "", ""],
    ["World", "WLD", "", "", ""],
    ["East Asia & Pacific", "EAS", "", "", ""],
]


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, sep: str = ",") -> Path:
    def cell(v: str) -> str:
        return f'"{v}"' if sep in v or '"' in v else v

    lines = ["World Bank list of economies (FY2027)", "", sep.join(header)]
    lines += [sep.join(cell(v) for v in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_csv_round_trip(tmp_path: Path) -> None:
    src = _csv(tmp_path / "CLASS.csv", ROWS)
    dest = tmp_path / "countries.csv"
    report = import_income(src, dest, fiscal_year="FY2027", today=TODAY)

    table = load_country_table(dest)
    assert table.income_group("PH") == "UM" and table.rank("PH") == 2
    assert table.income_group("US") == "H" and table.income_group("DE") == "H"
    assert table.income_group("AF") == "L" and table.income_group("CI") == "LM"
    assert table.income_group("JE") == "H" and table.income_group("GG") == "H"
    assert table.income_group("XK") == "UM"
    assert table.income_group("VE") is None
    assert table.income_group("GB") is None  # not in the file: no longer classified
    assert len(table) == len(load_country_table())  # every country kept, names too
    assert table.name("CI") == load_country_table().name("CI")

    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    assert table.metadata["source_file"] == "CLASS.csv"
    assert table.metadata["sha256"] == digest
    assert table.metadata["imported"] == "2026-07-02"
    assert table.as_of == TODAY and table.fiscal_year == "FY2027"
    assert "World Bank" in (table.source or "")
    header = dest.read_text(encoding="utf-8").split("\niso2,")[0]
    assert "CLASS.csv" in header and digest in header and "2026-07-02" in header

    assert report.dest == dest and report.sha256 == digest and report.imported_on == TODAY
    assert report.rows_read == 11  # the blank spacer row is not a row
    assert report.counts == {"L": 1, "LM": 1, "UM": 2, "H": 4}
    assert report.classified == 8
    assert report.unclassified == ("VEN",)
    assert report.unmapped == ("ATL",)
    assert report.skipped == ("WLD", "EAS")
    changes = dict((c, (a, b)) for c, a, b in report.changes)
    assert changes["PH"] == ("LM", "UM") and changes["GB"] == ("H", None)
    assert "US" not in changes
    text = str(report)
    assert "Imported 8 income groups" in text and "PH LM->UM" in text and "ATL" in text


def test_import_into_a_folder_and_again(tmp_path: Path) -> None:
    src = _csv(tmp_path / "CLASS.csv", ROWS)
    first = import_income(src, tmp_path, today=TODAY)
    assert first.dest == tmp_path / "countries.csv"
    again = import_income(src, tmp_path, today=TODAY)
    assert again.changes == ()  # compared with the table already there


def test_import_semicolon_csv_cp1252(tmp_path: Path) -> None:
    # Excel in many locales saves "CSV" with semicolons in the Windows code page.
    path = tmp_path / "class.csv"
    text = "Economy;Code;Region;Income group\nCôte d'Ivoire;CIV;SSA;Lower middle income\n"
    path.write_bytes(text.encode("cp1252"))
    dest = tmp_path / "out.csv"
    import_income(path, dest, today=TODAY)
    assert load_country_table(dest).income_group("CI") == "LM"


def test_import_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is needed to write .xlsx")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["This table classifies all World Bank member countries."])
    sheet = book.create_sheet("List of economies")
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([v or None for v in row])
    src = tmp_path / "CLASS.xlsx"
    book.save(src)

    report = import_income(src, tmp_path / "countries.csv", today=TODAY)
    table = load_country_table(report.dest)
    assert table.income_group("PH") == "UM" and table.income_group("JE") == "H"
    assert report.counts == {"L": 1, "LM": 1, "UM": 2, "H": 4}
    assert table.metadata["source_file"] == "CLASS.xlsx"


def _one_sentence(err: pytest.ExceptionInfo[ReferenceDataError]) -> str:
    msg = str(err.value)
    assert "\n" not in msg and msg.endswith((".", "?")), msg
    return msg


def test_import_without_needed_columns(tmp_path: Path) -> None:
    src = _csv(tmp_path / "gdp.csv", [["Philippines", "4000"]], header=["Country", "GDP"])
    dest = tmp_path / "countries.csv"
    with pytest.raises(ReferenceDataError) as err:
        import_income(src, dest, today=TODAY)
    msg = _one_sentence(err)
    assert "gdp.csv" in msg and "'Code'" in msg and "'Income group'" in msg
    assert not dest.exists()


@pytest.mark.parametrize(
    ("rows", "pattern"),
    [
        ([["Philippines", "PHL", "EAP", "Rich", ""]], r"row 4: income group 'Rich' for PHL"),
        (
            [
                ["Philippines", "PHL", "", "Low income", ""],
                ["Philippines", "PHL", "", "High income", ""],
            ],
            r"two income groups, in rows 4 and 5",
        ),
        ([["World", "WLD", "", "", ""]], r"classifies no country"),
    ],
)
def test_import_bad_content(tmp_path: Path, rows: list[list[str]], pattern: str) -> None:
    with pytest.raises(ReferenceDataError, match=pattern) as err:
        import_income(_csv(tmp_path / "c.csv", rows), tmp_path / "out.csv", today=TODAY)
    _one_sentence(err)


def test_import_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="does not exist"):
        import_income(tmp_path / "CLASS.xlsx", tmp_path / "out.csv")
    xls = tmp_path / "CLASS.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ReferenceDataError, match=re.escape("old binary .xls")):
        import_income(xls, tmp_path / "out.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated zip")
    with pytest.raises(ReferenceDataError) as err:
        import_income(broken, tmp_path / "out.csv")
    assert "broken.xlsx" in str(err.value)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Low income", "L"),
        ("Lower middle income", "LM"),
        ("Lower-middle income", "LM"),
        (" upper middle income ", "UM"),
        ("High income", "H"),
        ("High income: OECD", "H"),
        ("High income: nonOECD", "H"),
        ("LM", "LM"),
        ("", None),
        ("..", None),
    ],
)
def test_parse_income_group(text: str, group: str | None) -> None:
    assert parse_income_group(text) == group


def test_parse_income_group_rejects() -> None:
    with pytest.raises(ValueError):
        parse_income_group("Middle income")
