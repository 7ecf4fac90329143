"""Builds what commands need from settings: geo context, pseudonymiser, audit log."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from vigil.core import InputError, Pseudonymiser, Settings, load_settings
from vigil.geo import AnonymiserIndex, RegionDB, load_country_table, parse_risk_area
from vigil.metadata import GeoContext
from vigil.store.audit_sink import AuditSink


def settings_from(config: Path | None) -> Settings:
    return load_settings(config)


def geo_context(settings: Settings) -> GeoContext:
    return GeoContext(
        countries=load_country_table(settings.effective_countries_file),
        risk_areas=[parse_risk_area(a) for a in settings.risk_areas],
        regions=RegionDB.open(settings.region_db) if settings.region_db else None,
        anonymisers=(
            AnonymiserIndex.from_files(settings.anonymiser_files)
            if settings.anonymiser_files
            else None
        ),
    )


def pseudonymiser(settings: Settings) -> Pseudonymiser:
    secret = settings.pseudonym_key.get_secret_value() if settings.pseudonym_key else None
    return Pseudonymiser.from_secret(secret)


def audit(settings: Settings) -> AuditSink:
    return AuditSink(settings)


def read_truth(path: Path, needed: set[str]) -> pa.Table:
    """A ground-truth CSV of a simulated world or corpus, with the columns an evaluation needs."""
    if not path.is_file():
        raise InputError(f"Ground-truth file {path} does not exist.")
    table = pacsv.read_csv(path)
    if not needed <= set(table.column_names):
        raise InputError(f"{path.name} needs the columns {', '.join(sorted(needed))}.")
    return table
