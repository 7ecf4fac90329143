"""Partner kinds as data, and how one partner's script is drawn.

Suspects open harmlessly and escalate over several turns (blunt ones get to a request on
their second line, cautious ones test the decoy first); each plan holds at least one
request or offer. Benign plans draw only from benign intents, so they never escalate.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from vigil.simulate.conversation_names import KID_NAMES, LOCAL_NAMES
from vigil.simulate.partner_identity import FIRST, make_identity, nick
from vigil.simulate.partner_phrases import PAY_CHANNELS, REQUEST_OFFER_INTENTS
from vigil.simulate.partner_phrases_benign import GAMES, KID_WORDS, PETNAMES
from vigil.simulate.partner_places import COUNTRIES
from vigil.simulate.partner_script import PartnerScript, Step, Style

# Ordered escalation per suspect kind: (intent, probability kept); 1.0 = always.
SUSPECT_CORE: Mapping[str, tuple[tuple[str, float], ...]] = {
    "age_asker": (("ask_age", 1), ("ask_alone", 0.6), ("ask_cam", 1), ("request", 0.5),
                  ("ask_pic", 0.3)),
    "alone_asker": (("ask_alone", 1), ("ask_age", 0.5), ("ask_cam", 1), ("request", 0.7),
                    ("secrecy", 0.4)),
    "requester": (("ask_age", 0.4), ("request", 1), ("ask_pic", 0.4), ("pressure", 0.5)),
    "cam_show": (("ask_cam", 1), ("request", 1), ("offer_pay", 0.5), ("pay_channel", 0.3)),
    "payer": (("ask_age", 0.4), ("offer_pay", 1), ("pay_channel", 1), ("ask_cam", 0.6),
              ("request", 0.5)),
    "pressure_secrecy": (("ask_cam", 1), ("pressure", 1), ("request", 0.6), ("secrecy", 1),
                         ("offer_pay", 0.4)),
    "bot_tester": (("bot_test", 1), ("ask_age", 0.5), ("bot_test", 0.4), ("ask_cam", 1),
                   ("request", 0.5)),
    "discloser": (("ask_age", 0.5), ("ask_cam", 1), ("request", 0.6), ("offer_pay", 0.4)),
    "recruiter": (("offer_pay", 1), ("ask_age", 0.7), ("ask_cam", 1), ("pay_channel", 0.8),
                  ("secrecy", 0.6)),
}  # fmt: skip


@dataclass(frozen=True)
class BenignPlan:
    opening: tuple[str, ...]
    body: tuple[str, ...]  # intents drawn for the body (the first is always used once)
    length: tuple[int, int]
    closing: str | None
    answer: str | None  # reply to a decoy's question; None: the partner ignores replies


BENIGN_PLANS: Mapping[str, BenignPlan] = {
    "kid_peer": BenignPlan(("kid_greet",), ("kid_school", "kid_games", "kid_pets", "kid_food"),
                           (3, 6), "kid_bye", "kid_answer"),
    "directions": BenignPlan(("greet",), ("dir_ask", "dir_help"), (1, 3), "dir_thanks",
                             "adult_answer"),
    "homework_helper": BenignPlan(("greet", "hw_offer"), ("hw_tip", "hw_check"), (2, 4), "bye",
                                  "adult_answer"),
    "spam_bot": BenignPlan((), ("spam_ad",), (1, 4), None, None),
    "lonely_adult": BenignPlan(("greet",), ("lonely_weather", "lonely_food", "lonely_life"),
                               (3, 6), "bye", "adult_answer"),
    "parent": BenignPlan(("greet",), ("parent_kid", "parent_chat", "lonely_weather"), (2, 4),
                         "bye", "adult_answer"),
    "bot_asker": BenignPlan(("greet", "bot_test"), ("botask_chat", "lonely_weather",
                            "lonely_life"), (1, 3), "bye", "adult_answer"),
}  # fmt: skip

SUSPECT_KINDS: tuple[str, ...] = tuple(SUSPECT_CORE)
BENIGN_KINDS: tuple[str, ...] = tuple(BENIGN_PLANS)
KIND_WEIGHTS: Mapping[str, float] = {
    **dict.fromkeys(SUSPECT_KINDS, 1.0),
    "kid_peer": 1.6, "directions": 0.8, "homework_helper": 0.6, "spam_bot": 1.0,
    "lonely_adult": 1.0, "parent": 0.8, "bot_asker": 0.6,
}  # fmt: skip


def _suspect_plan(rng: random.Random, kind: str, cautious: bool, blunt: bool) -> list[Step]:
    core = [intent for intent, p in SUSPECT_CORE[kind] if p >= 1 or rng.random() < p]
    if cautious and "bot_test" not in core:
        core.insert(0, "bot_test")
    if blunt:  # straight to the first request or offer
        first = next(i for i in core if i in REQUEST_OFFER_INTENTS)
        core.remove(first)
        core.insert(0, first)
        rapport: list[str] = []
    else:
        rapport = ["smalltalk"] * rng.randint(0, 2)
        if rng.random() < 0.3:
            rapport.append("ask_where")
    body = rapport + core
    # Not everything at once: at least one harmless line before the first request.
    if not blunt and body and body[0] in REQUEST_OFFER_INTENTS:
        body.insert(0, "smalltalk")
    steps: list[Step] = [("greet", ())]
    return steps + [(intent, ()) for intent in body]


def _disclosures(rng: random.Random, kind: str, pool_slots: list[str], local: bool) -> list[int]:
    usable = [i for i, s in enumerate(pool_slots) if s != "gcash" or local]
    k = rng.randint(3, 6) if kind == "discloser" else 0 if rng.random() < 0.2 else rng.randint(1, 3)
    chosen: list[int] = []
    for i in rng.sample(usable, len(usable)):
        if len(chosen) == k:
            break
        # A WhatsApp number is the phone number: disclose it under one name only.
        pair = {"phone", "whatsapp"}
        if pool_slots[i] in pair and any(pool_slots[j] in pair for j in chosen):
            continue
        chosen.append(i)
    return chosen


def make_suspect(rng: random.Random, kind: str, taken: set[str]) -> PartnerScript:
    local = kind == "recruiter"
    identity = make_identity(rng, local, taken)
    cautious = kind == "bot_tester" or rng.random() < 0.15
    blunt = not cautious and rng.random() < 0.25
    plan = _suspect_plan(rng, kind, cautious, blunt)
    slots = [d.slot for d in identity.identifiers]
    planned = _disclosures(rng, kind, slots, local)
    steps: list[Step] = [("disclose", (i,)) for i in planned]
    ages = [i for i in planned if slots[i] == "age"]
    places = [i for i in planned if slots[i] in ("city", "country")]
    if ages and places and rng.random() < 0.3:  # "asl": age and place in one line
        steps = [s for s in steps if s[1][0] not in (ages[0], places[0])]
        steps.append(("disclose", (ages[0], places[0])))
    # Not before the second line (a blunt suspect's request); a cautious suspect gives
    # nothing away before its test.
    start = plan.index(("bot_test", ())) + 1 if cautious else 2
    for step in steps:
        plan.insert(rng.randint(start, len(plan)), step)
    if rng.random() < 0.5:
        plan.append(("bye", ()))
    country = COUNTRIES[identity.country]
    facts = {
        "me": identity.first,
        "cur": rng.choice(country.currency),
        "amount": str(rng.randrange(500, 5001, 100) if local else rng.randrange(10, 201, 5)),
        "pay": "gcash" if local and rng.random() < 0.6 else rng.choice(PAY_CHANNELS),
    }
    style = Style(
        "mix" if rng.random() < (0.8 if local else 0.2) else "en",
        rng.choices((0.0, 0.15, 0.35, 0.6), (2, 3, 3, 2))[0],
        rng.choice((0.0, 0.05, 0.1, 0.15)),
    )
    return PartnerScript(
        identity.nick, kind, True, plan, style, facts, identity.identifiers, tuple(planned),
        cautious=cautious, blunt=blunt, patience=1 if cautious else rng.randint(2, 4),
        max_turns=len(plan) + 5,
    )  # fmt: skip


def make_benign(rng: random.Random, kind: str, taken: set[str]) -> PartnerScript:
    spec = BENIGN_PLANS[kind]
    body = [spec.body[0], *rng.choices(spec.body, k=rng.randint(*spec.length) - 1)]
    intents = [*spec.opening, *body]
    if spec.closing and rng.random() < 0.7:
        intents.append(spec.closing)
    if kind == "spam_bot" and rng.random() < 0.5:
        intents.insert(0, "greet")
    kid = kind == "kid_peer"
    me = rng.choice(KID_NAMES + LOCAL_NAMES if kid else FIRST + LOCAL_NAMES)
    partner_id = nick(rng, "kid" if kid else "adult", taken, me)
    age1 = rng.randint(3, 16)
    facts = {
        "me": me,
        "game": rng.choice(GAMES), "petname": rng.choice(PETNAMES),
        "kid": rng.choice(KID_WORDS), "kid_age": str(age1),
        "kid_age2": str(min(17, age1 + rng.randint(1, 6))),
        "amount": "", "cur": "", "pay": "",
    }  # fmt: skip
    style = Style(
        "mix" if rng.random() < (0.5 if kid else 0.25) else "en",
        0.3 if kind == "spam_bot" else rng.choices((0.0, 0.1), (3, 1))[0],
        rng.choice((0.05, 0.1, 0.2)) if kid else rng.choice((0.0, 0.05)),
    )
    return PartnerScript(
        partner_id, kind, False, [(i, ()) for i in intents], style, facts, (), (),
        patience=rng.randint(1, 3), max_turns=len(intents) + 3, answer_intent=spec.answer,
    )  # fmt: skip


__all__ = ["BENIGN_KINDS", "KIND_WEIGHTS", "SUSPECT_KINDS", "make_benign", "make_suspect"]
