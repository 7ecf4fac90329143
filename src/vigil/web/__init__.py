"""Presentation: the static HTML report now, the analyst console later."""

from vigil.web.report import render_report

__all__ = ["render_report"]
