"""Users, passwords and login sessions: each an audited act of the workflow service."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from vigil.cases.model import (
    Actor,
)
from vigil.cases.ports import CaseTransaction
from vigil.cases.service_base import ServiceBase
from vigil.cases.users import (
    User,
    check_username,
    hash_password,
    new_session_token,
    password_matches,
    token_digest,
)
from vigil.core import (
    AuthError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
)


class UserActs(ServiceBase):
    # --- users and login --------------------------------------------------------------------
    def bootstrap_needed(self) -> bool:
        with self.store.transaction() as tx:
            return tx.user_count() == 0

    def add_user(
        self,
        actor: Actor | None,
        username: str,
        password: str,
        roles: frozenset[Any],
        now: datetime,
    ) -> User:
        """Create a user; with no users yet, the first (an admin) needs no login."""
        check_username(username)

        def body(tx: CaseTransaction) -> User:
            if actor is None:
                if tx.user_count() > 0:
                    raise AuthError("Log in as an admin to add users (vigil login).")
                if "admin" not in roles:
                    raise PermissionDeniedError("The first user must hold the admin role.")
            else:
                self.workflow.require(actor, "user.manage")
            if tx.get_user(username) is not None:
                raise InputError(f"User {username} already exists.")
            user = User(
                username=username,
                password_hash=hash_password(password),
                roles=frozenset(roles),
                created_at=now,
                created_by=actor.username if actor else "bootstrap",
            )
            tx.add_user(user)
            return user

        return self._act(
            actor or "bootstrap",
            "user.add",
            username,
            now,
            body,
            {"roles": sorted(str(r) for r in roles)},
        )

    def set_password(self, actor: Actor, username: str, password: str, now: datetime) -> None:
        def body(tx: CaseTransaction) -> None:
            if actor.username != username:
                self.workflow.require(actor, "user.manage")
            if tx.get_user(username) is None:
                raise NotFoundError(f"There is no user {username}.")
            tx.update_user(username, password_hash=hash_password(password))

        self._act(actor, "user.passwd", username, now, body)

    def set_disabled(self, actor: Actor, username: str, disabled: bool, now: datetime) -> None:
        def body(tx: CaseTransaction) -> None:
            self.workflow.require(actor, "user.manage")
            if tx.get_user(username) is None:
                raise NotFoundError(f"There is no user {username}.")
            tx.update_user(username, disabled=disabled)

        self._act(actor, "user.disable" if disabled else "user.enable", username, now, body)

    def list_users(self, actor: Actor, now: datetime) -> list[User]:
        def body(tx: CaseTransaction) -> list[User]:
            self.workflow.require(actor, "user.manage")
            return tx.list_users()

        return self._act(actor, "user.list", "*", now, body)

    def login(self, username: str, password: str, now: datetime) -> str:
        """A session token for the user; a failed login is audited and says nothing more."""

        def body(tx: CaseTransaction) -> str:
            user = tx.get_user(username)
            if user is None or user.disabled or not password_matches(user.password_hash, password):
                raise AuthError("Login failed: unknown user, wrong password or disabled account.")
            token = new_session_token()
            expires = now + timedelta(hours=self.config.session_hours)
            tx.add_session(token_digest(token), username, now, expires)
            return token

        return self._act(username, "login", username, now, body)

    def actor_for(self, token: str, now: datetime) -> Actor:
        with self.store.transaction() as tx:
            username = tx.session_user(token_digest(token), now)
            user = tx.get_user(username) if username else None
        if user is None or user.disabled:
            raise AuthError("Not logged in or the session expired; run `vigil login USER`.")
        return user.actor

    def logout(self, token: str, now: datetime) -> None:
        actor = self.actor_for(token, now)
        self._act(
            actor, "logout", actor.username, now, lambda tx: tx.end_session(token_digest(token))
        )
