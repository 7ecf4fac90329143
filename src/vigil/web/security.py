"""The console's guards: CSRF tokens, the login rate limit, signed short-lived cookies.

- The session cookie holds only the opaque token CaseService.login returns (the store keeps
  its SHA-256), HttpOnly and SameSite=Strict; Secure unless serving plain loopback HTTP.
- A session's CSRF token is an HMAC of its session token: nothing more to store, and a page
  from another site can neither read the cookie nor compute the token.
- Before login there is no session: the login form's token is a nonce whose signed,
  timestamped copy sits in a cookie (itsdangerous), checked in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import defaultdict, deque

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "vigil_session"
LOGIN_COOKIE = "vigil_login"
FLASH_COOKIE = "vigil_flash"
LOGIN_FORM_SECONDS = 3600
FLASH_SECONDS = 120
MAX_TRACKED = 10_000


def csrf_for(session_token: str) -> str:
    key = session_token.encode("utf-8")
    return hmac.new(key, b"vigil-console-csrf", hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison of two tokens (encoded, so any text compares safely)."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


class Signed:
    """Signed, timestamped cookie values: the login form's nonce and one-shot messages."""

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    def _serializer(self, salt: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self._secret, salt=salt)

    def dump(self, salt: str, value: str) -> str:
        return str(self._serializer(salt).dumps(value))

    def load(self, salt: str, signed: str | None, max_age: int) -> str | None:
        if not signed:
            return None
        try:
            value = self._serializer(salt).loads(signed, max_age=max_age)
        except BadSignature:  # SignatureExpired is a BadSignature too
            return None
        return value if isinstance(value, str) else None


class LoginLimiter:
    """At most `limit` failed logins per (username, client address) in `window` seconds."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, username: str, client: str, now: float) -> bool:
        with self._lock:
            return len(self._recent((username, client), now)) >= self.limit

    def failed(self, username: str, client: str, now: float) -> None:
        with self._lock:
            if len(self._failures) > MAX_TRACKED:
                # Usernames are the attacker's choice: forget keys with no recent failure.
                for key in list(self._failures):
                    if not self._recent(key, now):
                        del self._failures[key]
            self._recent((username, client), now).append(now)

    def succeeded(self, username: str, client: str) -> None:
        with self._lock:
            self._failures.pop((username, client), None)
