"""The case store's tables (SQLAlchemy Core). Alembic migrations create and evolve them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both SQLite (which drops the zone) and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the case store")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        result: datetime = value
        return result.replace(tzinfo=UTC) if result.tzinfo is None else result.astimezone(UTC)


metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("roles", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

sessions = Table(
    "sessions",
    metadata,
    # SHA-256 of the token: a stolen database yields no usable session.
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(64), ForeignKey("users.username"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("case_id", String(40), primary_key=True),
    Column("state", String(40), nullable=False, index=True),
    Column("accounts", Text, nullable=False),
    Column("opened_by", String(64), nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("origin", String(40), nullable=False),
    Column("summary", Text, nullable=False),
    Column("country", String(2)),
    Column("updated_at", UTCDateTime, nullable=False),
    # When the evaluation phase must end (closes without evidence if nobody refers).
    Column("deadline_at", UTCDateTime),
    # Detection findings behind the case (flag rows, content scores, identifiers): JSON,
    # never message text.
    Column("findings", Text, nullable=False, default="[]"),
)

pending_actions = Table(
    "pending_actions",
    metadata,
    Column("case_id", String(40), ForeignKey("cases.case_id"), primary_key=True),
    Column("action", String(40), nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("approver_role", String(40), nullable=False),
    Column("details", Text, nullable=False),
)

authorisations = Table(
    "authorisations",
    metadata,
    Column("auth_id", String(40), primary_key=True),
    Column("case_id", String(40), ForeignKey("cases.case_id"), nullable=False, index=True),
    Column("authority", String(200), nullable=False),
    Column("reference", String(200), nullable=False),
    Column("accounts", Text, nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    Column("scope", Text, nullable=False),
    Column("entered_by", String(64), nullable=False),
    Column("entered_at", UTCDateTime, nullable=False),
    Column("approved_by", String(64)),
    Column("approved_at", UTCDateTime),
    Column("signature", String(200)),
)

case_keys = Table(
    "case_keys",
    metadata,
    Column("case_id", String(40), ForeignKey("cases.case_id"), primary_key=True),
    Column("key_id", String(40), nullable=False),
    Column("nonce", LargeBinary, nullable=False),
    Column("wrapped", LargeBinary, nullable=False),
)

evidence_items = Table(
    "evidence_items",
    metadata,
    Column("item_id", String(40), primary_key=True),
    Column("case_id", String(40), ForeignKey("cases.case_id"), nullable=False, index=True),
    Column("account", String(80), nullable=False),
    Column("captured_at", UTCDateTime, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("description", Text, nullable=False),
    Column("is_evidence", Boolean, nullable=False, default=False),
    Column("purged", Boolean, nullable=False, default=False),
)

# Ciphertext apart from the item's metadata, so purging deletes whole rows.
evidence_blobs = Table(
    "evidence_blobs",
    metadata,
    Column("item_id", String(40), ForeignKey("evidence_items.item_id"), primary_key=True),
    Column("nonce", LargeBinary, nullable=False),
    Column("ciphertext", LargeBinary, nullable=False),
)

custody = Table(
    "custody",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(40), nullable=False, index=True),
    Column("actor", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("action", String(40), nullable=False),
    Column("reason", Text, nullable=False),
)

audit_entries = Table(
    "audit_entries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    # The event exactly as hashed into the Merkle leaf (canonical JSON).
    Column("body", Text, nullable=False),
)

tree_heads = Table(
    "tree_heads",
    metadata,
    Column("size", Integer, primary_key=True, autoincrement=False),
    Column("root", String(64), nullable=False),
    Column("at", String(40), nullable=False),
    Column("key", String(64), nullable=False),
    Column("signature", String(128), nullable=False),
    # Roots of the perfect subtrees left to right, so the next append costs O(log n).
    Column("frontier", Text, nullable=False),
)

certificates = Table(
    "certificates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(40), nullable=False, index=True),
    Column("body", Text, nullable=False),
)
