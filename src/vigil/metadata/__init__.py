"""Metadata analysis of call records (method 1): CDR readers, Ibis pipeline, patterns, scores."""

from vigil.metadata.engine import Engine, connect, spark_session
from vigil.metadata.enrich import GeoContext
from vigil.metadata.evaluate import Ranked, RoleMetrics, best_per_account, role_metrics
from vigil.metadata.explain import FLAGS_SCHEMA
from vigil.metadata.scan import ScanResult, scan_calls
from vigil.metadata.schema import FLAG_COLUMNS, REJECT_COLUMNS

__all__ = [
    "FLAGS_SCHEMA",
    "FLAG_COLUMNS",
    "REJECT_COLUMNS",
    "Engine",
    "GeoContext",
    "Ranked",
    "RoleMetrics",
    "ScanResult",
    "best_per_account",
    "connect",
    "role_metrics",
    "scan_calls",
    "spark_session",
]
