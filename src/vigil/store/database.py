"""Opening the case store: SQLite by default (WAL, synchronous=FULL), PostgreSQL by URL.

Every open runs the Alembic migrations to head, so a fresh home or an older store is
brought to the current schema before use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool

from vigil.core import ConfigError


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work during writes; FULL syncs every commit of evidence and audit;
    # secure_delete zeroes freed pages so shredded ciphertext does not linger in the file.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    # Let SQLAlchemy's BEGIN reach SQLite (pysqlite would defer it) and take the write lock
    # at once, so concurrent appenders to the audit log serialise instead of deadlocking.
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def database_url(configured: str, home: Path) -> str:
    return configured or f"sqlite:///{home / 'cases.db'}"


def open_engine(url: str) -> Engine:
    """An engine on `url` with the store's durability settings, migrated to head."""
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, poolclass=NullPool)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise ConfigError(f"The case store URL {url!r} cannot be used: {exc}.") from exc
    migrate(engine)
    return engine


def migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", "vigil.store:migrations")
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise ConfigError(f"The case store cannot be opened: {exc.orig}.") from exc
