"""The `Identifier` record that every identifier extractor returns.

Kept apart from the extractors so that each small extractor module can build records
without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

KINDS: Final[frozenset[str]] = frozenset(
    {"email", "phone", "url", "handle", "payment_handle", "bitcoin", "age", "city", "country"}
)


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifying detail found in a text.

    - ``kind``: one of `KINDS`.
    - ``value``: the normalised value. Emails are lower-case; phones are E.164; URLs carry
      a scheme and a lower-case host; bitcoin addresses are as written (bech32 lower-cased);
      ages are the number ("24", see `age`); countries are ISO 3166-1 alpha-2 codes; cities
      are the canonical city name. Handles and payment handles are ``"<platform>:<id>"``,
      e.g. ``"telegram:@anna_r22"``, ``"skype:live:anna"``, ``"gcash:+639171234567"``,
      ``"paypal:anna@example.com"``; a bare ``@name`` with no platform cue is ``"@name"``.
    - ``start``/``end``: offsets into the original text, ``text[start:end]`` is the hit.
      For handles it is the handle itself (not the cue word before it); for ages it is the
      whole statement ("I'm 24"), since the number alone says nothing.
    - ``explanation``: why this was reported; it names cue words and rules, never quotes
      the surrounding message.
    - ``platform``: for handles and payment handles, the platform ("telegram", "gcash"...);
      ``None`` for a bare @handle and for other kinds.
    - ``country``: ISO code of the country a phone number, city or country mention belongs
      to; ``None`` otherwise.
    """

    kind: str
    value: str
    start: int
    end: int
    explanation: str
    platform: str | None = None
    country: str | None = None

    @property
    def age(self) -> int | None:
        """The stated age as an int for ``kind == "age"``; ``None`` for other kinds."""
        return int(self.value) if self.kind == "age" else None
