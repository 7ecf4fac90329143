"""Who a simulated chat partner is: a nick, and the identifiers a suspect may disclose.

Handles, emails and nicks are built from combinatorial parts (names, tags, years,
separators, prefixes) so that no detector can memorise a list of them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from vigil.simulate.conversation_names import KID_NAMES, LOCAL_NAMES
from vigil.simulate.partner_places import ABROAD, COUNTRIES, mobile


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "mark dave john mike chris paul steve kevin gary tom hans pieter lars ben rob greg scott "
    "brian ian wayne neil jim ray alan stefan olaf tony phil derek karl sven jan erik bjorn "
    "frank peter george henry jack leo matt sam tim will andy carl dean glen jeff luke"
)
SURNAMES = _words(
    "hughes miller smith brown wilson taylor johnson muller schmidt jansen devries larsen "
    "nilsson berg olsen walker white martin clark evans baker wright hall lewis wood scott "
    "green adams mitchell roberts turner phillips parker collins morris murphy moore"
)
TAGS = _words("uk usa aus de nl swe nor can ch dk be irl nz eu")
PREFIXES = ("", "", "", "mr", "the", "real", "its", "just", "only", "im", "hey", "dr")
SUFFIXES = ("", "", "", "x", "xx", "official", "here", "online", "pro", "01", "007")
EMAIL_DOMAINS = (
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "mail.com",
    "protonmail.com", "aol.com", "gmx.de", "web.de", "live.nl", "yahoo.co.uk", "hotmail.co.uk",
    "bigpond.com", "yahoo.com.ph",
)  # fmt: skip
PLATFORMS = ("skype", "facebook", "whatsapp", "telegram", "paypal", "gcash")


@dataclass(frozen=True, slots=True)
class DisclosedIdentifier:
    """One identifier in the ground truth.

    - ``kind``: email | phone | handle | payment_handle | city | country | age.
    - ``value``: canonical: emails lower-case, phones E.164 ("+447823123456"), handles
      lower-case without "@" ("mark_uk77", Skype "live:mark_h77"), WhatsApp and GCash the
      E.164 number, PayPal an email or a paypal.me name, cities lower-case, countries ISO
      alpha-2, ages the number.
    - ``platform``: skype | facebook | whatsapp | telegram | paypal | gcash, else None.
    - ``country``: ISO code a phone, city or country belongs to, else None.
    """

    kind: str
    value: str
    platform: str | None = None
    country: str | None = None

    @property
    def slot(self) -> str:
        """The disclosure phrase family: the platform, else the kind."""
        return self.platform or self.kind


@dataclass(frozen=True, slots=True)
class PartnerTruth:
    """One row of the ground truth: who a partner is and what it disclosed."""

    partner_id: str
    kind: str
    is_suspect: bool
    identifiers: tuple[DisclosedIdentifier, ...]


@dataclass(frozen=True, slots=True)
class Identity:
    nick: str
    first: str
    age: int
    country: str
    city: str
    identifiers: tuple[DisclosedIdentifier, ...]  # all this person could disclose


def _year(rng: random.Random, age: int) -> str:
    y = 2026 - age
    return rng.choice((str(y), str(y)[2:], f"{rng.randint(1, 99):02d}", str(rng.randint(1, 9))))


def _username(rng: random.Random, first: str, last: str, tag: str, age: int, dots: bool) -> str:
    """A handle-like name from parts; `dots` allows "." (Skype, Facebook, email)."""
    sep = rng.choice(("_", ".", "", "_") if dots else ("_", "", "_"))
    core = rng.choice(
        (
            f"{first}{sep}{last}",
            f"{first}{sep}{tag}",
            f"{first}{sep}{last[0]}",
            f"{last}{sep}{first}",
            f"{first[0]}{sep}{last}",
            f"{first}{sep}{last}{sep}{tag}",
        )
    )
    if rng.random() < 0.6:
        core += rng.choice(("", sep)) + _year(rng, age)
    pre, suf = rng.choice(PREFIXES), rng.choice(SUFFIXES)
    name = f"{pre}{'_' if pre and rng.random() < 0.5 else ''}{core}{suf}"
    name = name.strip("._")
    while ".." in name:
        name = name.replace("..", ".")
    return name if len(name) >= 5 else f"{name}_{_year(rng, age)}"  # Telegram needs 5+


def _email(rng: random.Random, first: str, last: str, tag: str, age: int) -> str:
    return f"{_username(rng, first, last, tag, age, dots=True)}@{rng.choice(EMAIL_DOMAINS)}"


def make_identity(rng: random.Random, local: bool, taken: set[str]) -> Identity:
    """A suspect's identity; `local` ones (recruiters) live in the Philippines."""
    country = "PH" if local else rng.choice(ABROAD)
    first = rng.choice(LOCAL_NAMES if local else FIRST)
    last = rng.choice(SURNAMES)
    tag = rng.choice(TAGS) if not local else rng.choice(("ph", "ceb", "mnl", "dvo"))
    age = rng.randint(19, 40) if local else rng.randint(24, 69)
    city = rng.choice(COUNTRIES[country].cities)
    phone = mobile(rng, country)
    skype = _username(rng, first, last, tag, age, dots=True)
    if rng.random() < 0.2:
        skype = f"live:{skype}"
    paypal = (
        _email(rng, first, last, tag, age)
        if rng.random() < 0.6
        else re.sub(r"[^a-z0-9]", "", _username(rng, first, last, tag, age, dots=False))
    )
    ids = [
        DisclosedIdentifier("email", _email(rng, first, last, tag, age)),
        DisclosedIdentifier("phone", phone, country=country),
        DisclosedIdentifier("handle", skype, "skype"),
        DisclosedIdentifier(
            "handle",
            re.sub(r"[._]+", ".", _username(rng, first, last, tag, age, dots=True)),
            "facebook",
        ),
        DisclosedIdentifier("handle", phone, "whatsapp", country),
        DisclosedIdentifier(
            "handle", _username(rng, first, last, tag, age, dots=False), "telegram"
        ),
        DisclosedIdentifier("payment_handle", paypal, "paypal"),
        DisclosedIdentifier("city", city, country=country),
        DisclosedIdentifier("country", country, country=country),
        DisclosedIdentifier("age", str(age)),
    ]
    if local:
        ids.append(DisclosedIdentifier("payment_handle", mobile(rng, "PH"), "gcash", "PH"))
    return Identity(nick(rng, "adult_local" if local else "adult", taken, first), first, age,
                    country, city, tuple(ids))  # fmt: skip


def nick(rng: random.Random, style: str, taken: set[str], name: str | None = None) -> str:
    """A chat nickname, unique within `taken`; the style does not give a suspect away."""
    if style == "kid":
        n = name or rng.choice(KID_NAMES + LOCAL_NAMES)
        base = rng.choice(
            (f"xX{n}Xx", f"{n}_gamer{rng.randint(1, 99)}", f"{n}{rng.randint(8, 14)}",
             f"ml_{n}{rng.randint(1, 99)}", f"{n}.star{rng.randint(1, 9)}", f"lil_{n}")
        )  # fmt: skip
    else:
        first = name or rng.choice(LOCAL_NAMES if style == "adult_local" else FIRST + LOCAL_NAMES)
        base = rng.choice(
            (f"{first}{rng.randint(10, 99)}", f"{first}_{rng.choice(TAGS)}", f"guest{first}",
             f"{first}_{rng.choice(SURNAMES)[:4]}", f"{rng.choice(PREFIXES) or 'mr'}{first}",
             f"{first}{rng.choice(('_', ''))}{rng.randint(1, 9)}{rng.choice(('x', 'z', ''))}")
        )  # fmt: skip
    name = base
    while name.lower() in taken:  # collisions get a suffix, never a silent duplicate
        name = f"{base}{rng.randint(0, 999)}"
    taken.add(name.lower())
    return name


__all__ = ["PLATFORMS", "DisclosedIdentifier", "Identity", "PartnerTruth", "make_identity", "nick"]
