"""Presentation: the static HTML report and the analyst console (`vigil serve`)."""

from vigil.web.app import create_app
from vigil.web.report import render_report

__all__ = ["create_app", "render_report"]
