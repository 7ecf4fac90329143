"""`vigil geo import-income`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.app import app, out
from vigil.cli.context import settings_from
from vigil.geo import import_income

geo_app = typer.Typer(help="Geography reference data.", no_args_is_help=True)
app.add_typer(geo_app, name="geo")


@geo_app.command("import-income")
def import_income_cmd(
    file: Annotated[Path, typer.Argument(help="The World Bank CLASS.xlsx (or its table as CSV).")],
    config: Annotated[Path | None, typer.Option("--config", help="TOML config file.")] = None,
) -> None:
    """Replace the shipped income groups with the official World Bank classification."""
    settings = settings_from(config)
    dest = settings.countries_file or settings.home / "countries.csv"
    report = import_income(file, dest)
    out.print(str(report), highlight=False)
    out.print(f"income groups now come from {dest}", highlight=False)
