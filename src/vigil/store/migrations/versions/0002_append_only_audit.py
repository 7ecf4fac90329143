"""The audit log refuses UPDATE and DELETE in the database itself.

The Merkle tree detects any change after the fact; these triggers stop careless or casual
changes before they happen (someone with the database file can still drop them, which the
tree then exposes).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("audit_entries", "tree_heads")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION vigil_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"
        )
    for table in TABLES:
        for verb in ("UPDATE", "DELETE"):
            name = f"{table}_no_{verb.lower()}"
            if dialect == "sqlite":
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
                )
            elif dialect == "postgresql":
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION vigil_append_only()"
                )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        for verb in ("update", "delete"):
            if dialect == "sqlite":
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
            elif dialect == "postgresql":
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb} ON {table}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS vigil_append_only()")
