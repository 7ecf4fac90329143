"""Alembic migrations of the case store (script location `vigil.store:migrations`)."""
