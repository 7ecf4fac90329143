"""Users and their credentials: argon2id password hashes and session tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from vigil.cases.model import Actor, Role
from vigil.core import InputError

_HASHER = PasswordHasher()
_USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,63}$")
MIN_PASSWORD = 12


@dataclass(frozen=True)
class User:
    username: str
    password_hash: str
    roles: frozenset[Role]
    created_at: datetime
    created_by: str
    disabled: bool = False

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.roles)


def check_username(name: str) -> str:
    # fullmatch: with match, '$' would let a trailing newline through.
    if not _USERNAME.fullmatch(name):
        raise InputError(
            f"User name {name!r} is not allowed: use 2-64 lower-case letters, digits, '.', "
            "'_' or '-', starting with a letter."
        )
    return name


def parse_roles(names: list[str] | tuple[str, ...]) -> frozenset[Role]:
    roles = set()
    for name in names:
        try:
            roles.add(Role(name))
        except ValueError as exc:
            known = ", ".join(r.value for r in Role)
            raise InputError(f"Unknown role {name!r}; the roles are {known}.") from exc
    if not roles:
        raise InputError("A user needs at least one role.")
    return frozenset(roles)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"A password needs at least {MIN_PASSWORD} characters.")
    return _HASHER.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
