"""The `vigil` command: registers every command group on the root app."""

from vigil.cli import (
    audit_cmd,
    case_cmd,
    case_evidence_cmd,
    content_cmd,
    content_evaluate,
    decoy_cmd,
    demo_cmd,
    geo_cmd,
    keys_cmd,
    metadata_cmd,
    serve_cmd,
    simulate_cmd,
    user_cmd,
)
from vigil.cli.app import app, main

__all__ = [
    "app",
    "audit_cmd",
    "case_cmd",
    "case_evidence_cmd",
    "content_cmd",
    "content_evaluate",
    "decoy_cmd",
    "demo_cmd",
    "geo_cmd",
    "keys_cmd",
    "main",
    "metadata_cmd",
    "serve_cmd",
    "simulate_cmd",
    "user_cmd",
]
