"""Account ids and small fact tables for the conversation corpus (names, places, times)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FOREIGN_NAMES = _words(
    "mark dave john mike chris paul steve kevin gary tom hans pieter lars ben rob greg "
    "scott brian ian wayne neil jim ray alan stefan dirk olaf nick tony phil derek karl"
)
FOREIGN_TAGS = _words("uk us au ca de nl se no nz ie dk ch be fi at")
LOCAL_NAMES = _words(
    "jhen aira lyka mae joy rose kaye ella princess angel jessa mary kim bea cha nikki "
    "riza joan grace ann jun jomar rey carlo paolo jay lovely shane cez mylene rica"
)
LOCAL_TAGS = _words("ceb mnl dvo bohol iloilo pamp tac cdo bicol qc gensan leyte")
ABROAD_TAGS = _words("hk dxb sg ksa qtr tw kw jp it")
SURNAMES = _words("reyes santos cruz bautista garcia mendoza villanueva dela torre ramos")
KID_NAMES = _words("bunso jr ella migo yna paolo kyle andrei bea jasmine rj tin gab lia enzo")
PLACES = (
    "pampanga", "taguig", "cebu city", "lapu-lapu", "mandaue", "davao", "cdo", "tacloban",
    "angeles", "pasay", "iloilo", "bohol", "marikina", "caloocan",
)  # fmt: skip
TIMES = (
    "9pm", "8 pm", "10pm", "7am", "after lunch", "tonight", "midnight", "6:30pm", "noon",
    "5pm", "11pm", "8am",
)  # fmt: skip
DAYS = (
    "monday", "tues", "wed", "thursday", "fri", "sat", "sunday", "the 15th", "march 20",
    "the weekend",
)  # fmt: skip
GAMES = ("ML", "mobile legends", "roblox", "minecraft", "free fire", "COD", "genshin")
APPS = ("zoom", "meet", "skype", "messenger", "viber", "teams")
MINUTES = ("5", "10", "15", "20", "30")


def _digits(rng: random.Random, k: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(k))


def _foreign(rng: random.Random) -> str:
    n, t, d = rng.choice(FOREIGN_NAMES), rng.choice(FOREIGN_TAGS), rng.randint(1, 99)
    return rng.choice(
        (f"{n}_{t}{d}", f"{n}.{t}", f"{n}{d}{t}", f"{t}_{n}{d}", f"{n}_{rng.choice(SURNAMES)[:3]}")
    )


def _local(rng: random.Random) -> str:
    n, t, d = rng.choice(LOCAL_NAMES), rng.choice(LOCAL_TAGS), rng.randint(1, 99)
    return rng.choice(
        (f"{n}.{t}", f"{n}_{t}{d}", f"{n}{d}", f"xx{n}xx", f"{n}.{rng.choice(SURNAMES)}")
    )


def _ofw(rng: random.Random) -> str:
    n, t = rng.choice(LOCAL_NAMES), rng.choice(ABROAD_TAGS)
    return rng.choice(
        (f"{n}_ofw_{t}", f"mommy.{n}.{t}", f"papa{n}{rng.randint(1, 99)}", f"{n}.{t}")
    )


def _clinic(rng: random.Random) -> str:
    s, t = rng.choice(SURNAMES), rng.choice(LOCAL_TAGS)
    return rng.choice((f"dr{s}.clinic", f"{t}pedia", f"{s}_medclinic", f"dr.{s}.{t}"))


def _gamer(rng: random.Random) -> str:
    n, d = rng.choice(LOCAL_NAMES + KID_NAMES), rng.randint(1, 99)
    return rng.choice((f"xX{n}{d}Xx", f"{n}_gamer{d}", f"ml_{n}{d}", f"{n}pro{d}"))


def _ngo(rng: random.Random) -> str:
    n, t = rng.choice(LOCAL_NAMES + FOREIGN_NAMES), rng.choice(LOCAL_TAGS)
    return rng.choice((f"{n}.ngo{t}", f"{n}_advocate", f"{n}.sw{rng.randint(1, 99)}"))


MAKERS: Mapping[str, Callable[[random.Random], str]] = {
    "customer": _foreign,
    "foreign": _foreign,
    "local": _local,
    "ofw": _ofw,
    "clinic": _clinic,
    "gamer": _gamer,
    "ngo": _ngo,
}
FOREIGN_ROLES = frozenset({"customer", "foreign"})


class AccountBook:
    """Hands out sender ids per role; some accounts recur across conversations."""

    def __init__(self, rng: random.Random, reuse_p: float = 0.35) -> None:
        self._rng = rng
        self._reuse_p = reuse_p
        self._by_role: dict[str, list[str]] = {}
        self._taken: set[str] = set()
        self.side: dict[str, str] = {}

    def draw(self, role: str) -> str:
        pool = self._by_role.setdefault(role, [])
        if pool and self._rng.random() < self._reuse_p:
            return self._rng.choice(pool)
        account = MAKERS[role](self._rng)
        while account in self._taken:  # collisions get a suffix, never a silent duplicate
            account = f"{account}{self._rng.randint(0, 9)}"
        self._taken.add(account)
        pool.append(account)
        self.side[account] = "abroad" if role in FOREIGN_ROLES or role == "ofw" else "local"
        return account

    def reuse(self, role: str) -> str | None:
        """An existing account of `role`, if any (an offender also has innocent chats)."""
        pool = self._by_role.get(role)
        return self._rng.choice(pool) if pool else None


def display_name(account: str) -> str:
    """The first-name part of an id, as the other side would address them."""
    for sep in "._":
        account = account.replace(sep, " ")
    head = account.split()[0] if account.split() else account
    head = head.strip("xX0123456789") or "friend"
    for prefix in ("mommy", "papa", "dr"):
        if head.startswith(prefix) and len(head) > len(prefix) + 1:
            head = head[len(prefix) :]
    return head


def phone(rng: random.Random) -> str:
    body = "09" + _digits(rng, 9)
    return body if rng.random() < 0.6 else f"{body[:4]} {body[4:7]} {body[7:]}"


def reference(rng: random.Random) -> str:
    return _digits(rng, rng.choice((6, 8, 10)))
