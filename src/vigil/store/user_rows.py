"""Users and login sessions: the rows behind the workflow's authentication."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from vigil.cases import (
    Role,
    User,
)
from vigil.store.case_tables import (
    sessions,
    users,
)


class UserRows:
    conn: Connection

    # --- users and sessions ---------------------------------------------------------------
    def user_count(self) -> int:
        return len(self.conn.execute(select(users.c.username)).all())

    def get_user(self, username: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.username == username)).first()
        if row is None:
            return None
        return User(
            username=row.username,
            password_hash=row.password_hash,
            roles=frozenset(Role(r) for r in row.roles.split(",") if r),
            created_at=row.created_at,
            created_by=row.created_by,
            disabled=row.disabled,
        )

    def add_user(self, user: User) -> None:
        self.conn.execute(
            insert(users).values(
                username=user.username,
                password_hash=user.password_hash,
                roles=",".join(sorted(user.roles)),
                created_at=user.created_at,
                created_by=user.created_by,
                disabled=user.disabled,
            )
        )

    def update_user(self, username: str, **values: Any) -> None:
        if "roles" in values:
            values["roles"] = ",".join(sorted(values["roles"]))
        self.conn.execute(update(users).where(users.c.username == username).values(**values))

    def list_users(self) -> list[User]:
        names = self.conn.execute(select(users.c.username).order_by(users.c.username))
        return [u for (n,) in names if (u := self.get_user(n)) is not None]

    def add_session(self, token_hash: str, username: str, at: datetime, expires: datetime) -> None:
        self.conn.execute(
            insert(sessions).values(
                token_hash=token_hash, username=username, created_at=at, expires_at=expires
            )
        )

    def session_user(self, token_hash: str, now: datetime) -> str | None:
        row = self.conn.execute(select(sessions).where(sessions.c.token_hash == token_hash)).first()
        if row is None or row.expires_at <= now:
            return None
        return str(row.username)

    def end_session(self, token_hash: str) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))
