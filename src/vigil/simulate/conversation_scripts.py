"""Conversation shapes per kind, as data: who speaks, which intent, how likely.

Side "a" is the account abroad (a foreign customer, client, parent or an overseas worker),
"l" the account in the Philippines; "x" is either. A script is a tuple of blocks; a block's
steps are kept or dropped together, so a question never loses its answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

POSITIVE_KINDS: tuple[str, ...] = (
    "request_payment",
    "request_child_age",
    "request_child_age_payment",
)
NEGATIVE_KINDS: tuple[str, ...] = (
    "remittance_family",
    "medical",
    "gaming",
    "adult_dating",
    "news_ngo",
    "business_payment",
    "tutoring",
    "general",
)

# Base shares within each label; each seed jitters them so mixes differ between seeds.
KIND_WEIGHTS: Mapping[str, float] = {
    "request_payment": 0.4,
    "request_child_age": 0.3,
    "request_child_age_payment": 0.3,
    "remittance_family": 0.16,
    "medical": 0.1,
    "gaming": 0.12,
    "adult_dating": 0.14,
    "news_ngo": 0.1,
    "business_payment": 0.12,
    "tutoring": 0.12,
    "general": 0.14,
}


@dataclass(frozen=True)
class Block:
    p: float
    steps: tuple[tuple[str, str], ...]


def _b(p: float, *steps: str) -> Block:
    """`_b(0.5, "a:ask_price", "l:quote_price")`: a block kept with probability p."""
    return Block(p, tuple((s.split(":")[0], s.split(":")[1]) for s in steps))


Script = tuple[Block, ...]

SCRIPTS: Mapping[str, tuple[Script, ...]] = {
    "request_payment": (
        (  # the customer asks, then the price and the payment are settled
            _b(0.85, "a:greet", "l:greet_reply"),
            _b(0.35, "x:smalltalk"),
            _b(1, "a:request_show"),
            _b(0.4, "l:ack"),
            _b(0.7, "a:ask_price", "l:quote_price"),
            _b(1, "a:pay_arrange"),
            _b(0.5, "l:pay_details"),
            _b(0.5, "a:pay_sent", "l:pay_received"),
            _b(0.3, "x:secrecy"),
            _b(0.35, "x:schedule"),
            _b(0.25, "x:bye"),
        ),
        (  # the local side offers and names the price; the customer asks for it
            _b(0.7, "a:greet"),
            _b(1, "l:offer_show"),
            _b(0.4, "a:ask_price", "l:quote_price"),
            _b(1, "a:request_show"),
            _b(1, "a:pay_arrange"),
            _b(0.6, "l:pay_details"),
            _b(0.5, "a:pay_sent"),
            _b(0.4, "l:pay_received"),
            _b(0.3, "x:secrecy"),
            _b(0.3, "x:schedule"),
        ),
        (  # payment first, request after
            _b(0.8, "a:greet", "l:greet_reply"),
            _b(1, "a:pay_arrange"),
            _b(0.6, "l:pay_details"),
            _b(1, "a:request_show"),
            _b(0.5, "l:ack"),
            _b(0.4, "a:pay_sent", "l:pay_received"),
            _b(0.4, "x:schedule"),
            _b(0.3, "x:bye"),
        ),
    ),
    "request_child_age": (
        (
            _b(0.85, "a:greet", "l:greet_reply"),
            _b(0.3, "x:smalltalk"),
            _b(1, "a:request_show"),
            _b(1, "a:ask_age", "l:answer_minor"),
            _b(0.5, "a:ack"),
            _b(0.3, "x:secrecy"),
            _b(0.4, "x:schedule"),
            _b(0.3, "x:bye"),
        ),
        (  # the age question comes first
            _b(0.8, "a:greet"),
            _b(1, "a:ask_age", "l:answer_minor"),
            _b(0.4, "x:smalltalk"),
            _b(1, "a:request_show"),
            _b(0.5, "l:ack"),
            _b(0.5, "x:schedule"),
            _b(0.25, "x:secrecy"),
        ),
    ),
    "request_child_age_payment": (
        (
            _b(0.8, "a:greet", "l:greet_reply"),
            _b(1, "a:request_show"),
            _b(1, "a:ask_age", "l:answer_minor"),
            _b(0.7, "a:ask_price", "l:quote_price"),
            _b(1, "a:pay_arrange"),
            _b(0.5, "l:pay_details"),
            _b(0.4, "a:pay_sent", "l:pay_received"),
            _b(0.3, "x:secrecy"),
        ),
        (  # offered by the local side
            _b(0.6, "a:greet"),
            _b(1, "l:offer_show"),
            _b(1, "a:ask_age", "l:answer_minor"),
            _b(1, "a:request_show"),
            _b(1, "a:pay_arrange"),
            _b(0.5, "l:pay_details"),
            _b(0.5, "a:pay_sent"),
            _b(0.4, "l:pay_received"),
            _b(0.25, "x:schedule"),
        ),
    ),
    "remittance_family": (
        (
            _b(0.8, "a:greet", "l:greet_reply"),
            _b(1, "a:rem_sent"),
            _b(0.6, "a:rem_ref"),
            _b(0.7, "l:rem_claim"),
            _b(1, "x:kid_info"),
            _b(0.5, "x:school"),
            _b(0.9, "x:vc_plan"),
            _b(0.25, "a:surprise_secret"),
            _b(0.4, "x:bye"),
        ),
        (
            _b(0.7, "l:greet"),
            _b(1, "l:kid_info"),
            _b(0.6, "l:school"),
            _b(1, "a:rem_sent"),
            _b(0.5, "a:rem_ref"),
            _b(0.6, "l:rem_claim"),
            _b(1, "a:vc_plan"),
            _b(0.3, "a:surprise_secret"),
        ),
    ),
    "medical": (
        (
            _b(0.8, "l:greet"),
            _b(1, "l:med_book"),
            _b(1, "a:med_reply"),
            _b(0.7, "x:med_exam"),
            _b(1, "a:med_fee"),
            _b(0.5, "l:ack"),
            _b(0.4, "l:pay_sent"),
            _b(0.3, "x:bye"),
        ),
    ),
    "gaming": (
        (
            _b(0.5, "a:greet"),
            _b(1, "x:game_play"),
            _b(1, "x:game_age"),
            _b(0.5, "x:game_age"),
            _b(1, "x:game_buy"),
            _b(0.5, "x:game_buy"),
            _b(0.4, "x:pay_sent", "x:pay_received"),
            _b(0.5, "x:game_play"),
            _b(0.3, "x:bye"),
        ),
    ),
    "adult_dating": (
        (
            _b(0.9, "a:greet", "l:greet_reply"),
            _b(0.7, "x:date_flirt"),
            _b(1, "a:date_age", "l:date_age"),
            _b(1, "x:date_vc"),
            _b(0.5, "x:date_plan"),
            _b(0.4, "x:date_flirt"),
            _b(0.4, "x:bye"),
        ),
        (  # the same age question a customer would ask, answered by an adult
            _b(0.8, "a:greet"),
            _b(1, "a:ask_age", "l:date_age"),
            _b(0.6, "l:date_age"),
            _b(0.6, "x:date_flirt"),
            _b(1, "x:date_vc"),
            _b(0.4, "x:date_plan"),
        ),
    ),
    "news_ngo": (
        (
            _b(0.5, "x:greet"),
            _b(1, "x:news_report"),
            _b(1, "x:ngo_react"),
            _b(0.5, "x:news_report"),
            _b(1, "x:ngo_work"),
            _b(0.5, "x:ngo_react"),
            _b(0.4, "x:ngo_work"),
            _b(0.3, "x:bye"),
        ),
    ),
    "business_payment": (
        (
            _b(0.7, "a:greet", "l:greet_reply"),
            _b(1, "x:biz_work"),
            _b(1, "l:biz_invoice"),
            _b(1, "a:biz_pay"),
            _b(1, "x:biz_meet"),
            _b(0.5, "x:ack"),
            _b(0.4, "x:biz_work"),
            _b(0.4, "x:bye"),
        ),
    ),
    "tutoring": (
        (
            _b(0.9, "a:greet"),
            _b(1, "a:tut_student"),
            _b(0.6, "l:tut_student"),
            _b(1, "l:tut_lesson"),
            _b(1, "x:tut_fee"),
            _b(0.7, "x:tut_sched"),
            _b(0.5, "x:ack"),
            _b(0.3, "x:bye"),
        ),
    ),
    "general": (
        (
            _b(1, "a:greet", "l:greet_reply"),
            _b(1, "x:smalltalk"),
            _b(0.6, "x:smalltalk"),
            _b(0.7, "x:plans"),
            _b(0.5, "x:ack"),
            _b(0.4, "x:smalltalk"),
            _b(0.6, "x:bye"),
        ),
    ),
}


@dataclass(frozen=True)
class Parties:
    """Which account pools the two sides come from, and whether side a writes as a foreigner."""

    a_role: str
    l_role: str
    a_foreign: bool


PARTIES: Mapping[str, Parties] = {
    "request_payment": Parties("customer", "local", True),
    "request_child_age": Parties("customer", "local", True),
    "request_child_age_payment": Parties("customer", "local", True),
    "remittance_family": Parties("ofw", "local", False),
    "medical": Parties("clinic", "local", False),
    "gaming": Parties("gamer", "gamer", False),
    "adult_dating": Parties("foreign", "local", True),
    "news_ngo": Parties("ngo", "local", False),
    "business_payment": Parties("foreign", "local", True),
    "tutoring": Parties("foreign", "local", True),
    "general": Parties("local", "local", False),
}


@dataclass(frozen=True)
class Money:
    """Amounts drawn as low + k*step, with the currency words used for this kind."""

    low: int
    high: int
    step: int
    currencies: tuple[str, ...]
    channels: tuple[str, ...]


_FOREIGN_CUR = ("usd", "USD", "dollars", "bucks", "aud", "pounds", "euro")
_PESOS = ("php", "pesos", "PHP")
_REMIT = ("western union", "wu", "palawan", "cebuana", "mlhuillier", "remitly", "gcash")

MONEY: Mapping[str, Money] = {
    "customer": Money(15, 150, 5, _FOREIGN_CUR, (*_REMIT, "paypal", "maya", "coins.ph", "xoom")),
    "customer_php": Money(500, 5000, 100, _PESOS, ("gcash", "maya", "palawan", "cebuana")),
    "remittance_family": Money(2000, 25000, 500, _PESOS, _REMIT),
    "medical": Money(300, 2000, 50, _PESOS, ("gcash", "maya", "bank transfer")),
    "gaming": Money(20, 500, 10, _PESOS, ("gcash", "maya")),
    "business_payment": Money(50, 2500, 25, ("usd", "USD", "aud", "eur"), ("paypal", "wise")),
    "tutoring": Money(40, 300, 10, ("usd", "USD", "php"), ("paypal", "gcash", "wise")),
    "adult_dating": Money(20, 200, 10, _FOREIGN_CUR, ("paypal", "gcash")),
    "news_ngo": Money(100, 1000, 50, _PESOS, ("gcash",)),
    "general": Money(100, 1000, 50, _PESOS, ("gcash", "maya")),
}
