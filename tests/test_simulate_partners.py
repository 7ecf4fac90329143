"""Scripted chat partners for the decoy evaluation: truth, escalation, variety, safety, funnel."""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import phonenumbers
import pytest

from vigil.core.errors import ConfigError, InputError
from vigil.simulate.conversation_obfuscation import HOMOGLYPHS, WORD_TECHNIQUES
from vigil.simulate.partner_funnel import format_funnel, funnel, meets_targets
from vigil.simulate.partner_identity import DisclosedIdentifier, PartnerTruth
from vigil.simulate.partner_phrases import (
    ESCALATION_INTENTS,
    PAY_CHANNELS,
    REQUEST_OFFER_INTENTS,
    SUSPECT_BANK,
)
from vigil.simulate.partner_phrases_benign import BENIGN_BANK
from vigil.simulate.partner_phrases_disclose import DISCLOSE_BANK
from vigil.simulate.partner_places import COUNTRIES, national
from vigil.simulate.partner_reveal import digits, identifier_key, reveal
from vigil.simulate.partner_script import PartnerScript
from vigil.simulate.partners import (
    BENIGN_KINDS,
    SUSPECT_KINDS,
    Transcript,
    partner_truth,
    run_partners,
    simulate_partners,
)

Respond = Callable[[str, str], str | None]


def cooperative() -> Respond:
    """A decoy stand-in that always answers, never twice the same, and never asks."""
    count = Counter[str]()

    def respond(pid: str, line: str) -> str:
        count[pid] += 1
        return f"ok po {count[pid]}"

    return respond


def run(n: int = 120, share: float = 0.5, seed: int = 7, respond: Respond | None = None,
        driver: int = 1) -> tuple[list[PartnerScript], Transcript]:  # fmt: skip
    scripts = simulate_partners(n, share, seed)
    return scripts, run_partners(scripts, respond or cooperative(), random.Random(driver))


@pytest.fixture(scope="module")
def world() -> tuple[list[PartnerScript], Transcript]:
    return run(400, 0.5, seed=11)


def suspects(scripts: list[PartnerScript]) -> list[PartnerScript]:
    return [s for s in scripts if s.is_suspect]


def benign(scripts: list[PartnerScript]) -> list[PartnerScript]:
    return [s for s in scripts if not s.is_suspect]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# ---- the phrase tables, searchable (the simulator's own, not a detector) -------------

CURRENCIES = sorted({c for country in COUNTRIES.values() for c in country.currency}, key=len)
_SLOT_RX = {
    "amount": r"\d+",
    "cur": "(?:" + "|".join(map(re.escape, reversed(CURRENCIES))) + ")",
    "pay": "(?:" + "|".join(map(re.escape, sorted(PAY_CHANNELS, key=len, reverse=True))) + ")",
    "me": r"\w+",
}


def _plain_rx(text: str) -> str:
    """Words and `{slot}`s as a regex with loose spacing."""
    out = []
    for part in re.split(r"(\{\w+\})", text):
        if part.startswith("{"):
            out.append(_SLOT_RX[part[1:-1]])
        elif part.strip():
            out.append(r"\s*".join(re.escape(w) for w in part.split()))
    return r"\s*".join(out)


def template_rx(template: str) -> re.Pattern[str]:
    """A template as a regex over composed text (alternatives, slots, loose spacing)."""
    out = []
    for part in re.split(r"(\[[^\[\]]*\])", template):
        if part.startswith("["):
            out.append("(?:" + "|".join(_plain_rx(a) for a in part[1:-1].split("|")) + ")")
        elif part.strip():
            out.append(_plain_rx(part))
    return re.compile(r"(?<!\w)" + r"\s*".join(out) + r"(?!\w)", re.IGNORECASE)


ESCALATION_RX = {
    intent: [template_rx(t) for ts in SUSPECT_BANK[intent].values() for t in ts]
    for intent in ESCALATION_INTENTS
}


def escalation_hits(plain: str) -> list[str]:
    return [i for i, rxs in ESCALATION_RX.items() if any(rx.search(plain) for rx in rxs)]


def test_every_escalation_template_has_a_required_word() -> None:
    for intent, rxs in ESCALATION_RX.items():
        for rx in rxs:
            assert not rx.search(""), (intent, rx.pattern)
            assert not rx.search("ok haha"), (intent, rx.pattern)


# ---- determinism and variety ----------------------------------------------------------


def test_same_seed_same_partners_and_transcript() -> None:
    a_scripts, a = run(80, 0.4, seed=3)
    b_scripts, b = run(80, 0.4, seed=3)
    assert a.turns == b.turns
    assert a.truth == b.truth
    assert partner_truth(a_scripts) == partner_truth(b_scripts)


def test_other_seed_other_names_and_wording() -> None:
    a_scripts, a = run(80, 0.4, seed=3)
    b_scripts, b = run(80, 0.4, seed=4)
    assert {s.partner_id for s in a_scripts} != {s.partner_id for s in b_scripts}
    lines_a = {t.text for t in a.turns if t.speaker == "partner"}
    lines_b = {t.text for t in b.turns if t.speaker == "partner"}
    assert len(lines_a & lines_b) < 0.3 * min(len(lines_a), len(lines_b))


def test_wording_is_combinatorial(world: tuple[list[PartnerScript], Transcript]) -> None:
    scripts, _ = world
    by_intent: dict[str, set[str]] = {}
    for s in scripts:
        for line in s.history:
            by_intent.setdefault(line.intent, set()).add(line.plain.lower())
    assert len(by_intent["greet"]) >= 40
    assert len(by_intent["request"]) >= 30
    assert len(by_intent["ask_cam"]) >= 30
    assert len(by_intent["disclose"]) >= 200
    handles = [d.value for s in scripts for d in s.pool if d.kind == "handle"]
    assert len(set(handles)) > 0.95 * len(handles)


def test_partner_ids_are_unique(world: tuple[list[PartnerScript], Transcript]) -> None:
    ids = [s.partner_id for s in world[0]]
    assert len(ids) == len(set(ids))


# ---- shares and kinds -------------------------------------------------------------------


@pytest.mark.parametrize(("n", "share", "expected"), [(200, 0.3, 60), (10, 0.01, 1),
                         (2, 0.5, 1), (9, 0.0, 0), (9, 1.0, 9), (7, 0.99, 6)])  # fmt: skip
def test_suspect_share(n: int, share: float, expected: int) -> None:
    scripts = simulate_partners(n, share, seed=1)
    assert len(scripts) == n
    assert sum(s.is_suspect for s in scripts) == expected


def test_every_kind_present(world: tuple[list[PartnerScript], Transcript]) -> None:
    kinds = Counter(s.kind for s in world[0])
    assert set(kinds) == set(SUSPECT_KINDS) | set(BENIGN_KINDS)
    assert all(s.is_suspect == (s.kind in SUSPECT_KINDS) for s in world[0])


@pytest.mark.parametrize(("n", "share"), [(0, 0.5), (10, -0.1), (10, 1.5)])
def test_bad_parameters_are_refused(n: int, share: float) -> None:
    with pytest.raises(ConfigError):
        simulate_partners(n, share, seed=1)


# ---- escalation ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_suspect_requests_or_offers_when_the_decoy_plays_on(seed: int) -> None:
    scripts, _ = run(150, 0.6, seed=seed, driver=seed)
    for s in suspects(scripts):
        asks = [line for line in s.history if line.intent in REQUEST_OFFER_INTENTS]
        assert asks, (s.kind, [line.intent for line in s.history])
        for line in asks:  # and it is one of the table's phrasings (a positive control)
            assert line.intent in escalation_hits(line.plain), (line.intent, line.plain)


def test_suspects_escalate_over_several_turns(
    world: tuple[list[PartnerScript], Transcript],
) -> None:
    sus = suspects(world[0])
    for s in sus:
        intents = [line.intent for line in s.history]
        assert intents[0] == "greet" and not s.history[0].disclosed
        first = next(i for i, x in enumerate(intents) if x in REQUEST_OFFER_INTENTS)
        assert first == 1 if s.blunt else first >= 2, (s.blunt, intents)
        if s.cautious:  # the bot test comes before any disclosure or request
            test = intents.index("bot_test")
            assert test < first
            assert not any(line.disclosed for line in s.history[:test])
    assert any(s.blunt for s in sus) and any(s.cautious for s in sus)
    assert any(not s.blunt and not s.cautious for s in sus)


def test_cautious_suspects_leave_a_decoy_that_repeats_itself() -> None:
    scripts, _ = run(200, 1.0, seed=5, respond=lambda pid, line: "ok")
    cautious = [s for s in scripts if s.cautious]
    assert cautious
    for s in cautious:
        intents = [line.intent for line in s.history]
        after = intents[intents.index("bot_test") + 1 :]
        assert set(after) <= {"bot_bye"}, intents
        assert not set(intents) & REQUEST_OFFER_INTENTS


def test_silence_makes_partners_give_up() -> None:
    scripts, t = run(150, 0.5, seed=6, respond=lambda pid, line: None)
    for s in scripts:
        if s.kind == "spam_bot":  # bots post their plan regardless
            continue
        assert s.done
        assert len(s.history) <= 1 + s.patience + 1, [line.intent for line in s.history]
    assert not [x for x in t.turns if x.speaker == "decoy"]


def test_elicitation_draws_disclosures() -> None:
    count = Counter[str]()

    def asks(pid: str, line: str) -> str:
        count[pid] += 1
        return f"wow {count[pid]} do u have skype or telegram?"

    plain_scripts, _ = run(150, 1.0, seed=8)
    asked_scripts, _ = run(150, 1.0, seed=8, respond=asks)

    def told(scripts: list[PartnerScript]) -> int:
        return sum(d.slot in ("skype", "telegram") for s in scripts for d in s.disclosed)

    assert told(asked_scripts) > told(plain_scripts)
    for s in asked_scripts:
        intents = [line.intent for line in s.history]
        if s.cautious:  # asking does not make a cautious suspect talk before its test
            assert not any(line.disclosed for line in s.history[: intents.index("bot_test")])
        parting = [i for i, x in enumerate(intents) if x in ("bye", "bot_bye")]
        assert not parting or parting[0] == len(intents) - 1, intents


def test_benign_partners_never_escalate() -> None:
    count = Counter[str]()

    def probing(pid: str, line: str) -> str:  # questions and dodges that steer suspects
        count[pid] += 1
        return (
            random.Random(count[pid]).choice(
                ("how old r u?", "whats ur skype?", "huh?", "where r u from?", "lol")
            )
            + f" {count[pid]}"
        )

    for seed, respond in ((1, cooperative()), (2, probing), (3, None)):
        scripts, _ = run(300, 0.2, seed=seed, respond=respond or (lambda pid, line: None))
        for s in benign(scripts):
            assert not s.planned and not s.disclosed
            for line in s.history:
                assert line.intent not in ESCALATION_INTENTS, (s.kind, line)
                assert not escalation_hits(line.plain), (s.kind, line.plain)


def test_benign_phrase_tables_hold_no_escalation_phrase() -> None:
    for intent, by_style in BENIGN_BANK.items():
        for templates in by_style.values():
            for t in templates:
                bare = re.sub(r"[\[\]|{}]", " ", t)
                assert not escalation_hits(bare), (intent, t)


# ---- ground truth identifiers -----------------------------------------------------------


def appears(d: DisclosedIdentifier, line: str) -> bool:
    """The identifier is recoverable from the line with the simulator's own `reveal`."""
    if d.kind == "phone" or d.platform in ("whatsapp", "gcash"):
        return national(d.value, d.country or "") in digits(reveal(line))
    if d.kind == "country":
        aliases = COUNTRIES[d.value].aliases
        text = reveal(line, unleet=True)
        return any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text) for a in aliases)
    if d.kind == "city":
        return d.value in reveal(line, unleet=True)
    if d.kind == "age":
        return re.search(rf"(?<!\d){d.value}(?!\d)", reveal(line)) is not None
    return d.value in reveal(line)


def test_disclosed_identifiers_appear_in_the_lines(
    world: tuple[list[PartnerScript], Transcript],
) -> None:
    scripts, transcript = world
    truth = {t.partner_id: t for t in transcript.truth}
    checked = 0
    for s in suspects(scripts):
        assert set(s.planned_identifiers) <= set(s.disclosed)  # a cooperative decoy hears all
        assert truth[s.partner_id].identifiers == s.disclosed
        sent = transcript.lines(s.partner_id)
        for line in s.history:
            assert line.text in sent
            for d in line.disclosed:
                assert appears(d, line.text), (d, line.text)
                checked += 1
    assert checked > 300


def test_identifier_values_are_canonical(world: tuple[list[PartnerScript], Transcript]) -> None:
    for s in suspects(world[0]):
        for d in s.pool:
            if d.kind == "phone" or d.platform in ("whatsapp", "gcash"):
                n = phonenumbers.parse(d.value)
                assert phonenumbers.is_valid_number(n), d
                assert phonenumbers.region_code_for_number(n) == d.country, d
                assert d.value == "+" + digits(d.value)
            elif d.kind == "email" or "@" in d.value:
                assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.]+\.[a-z]{2,}", d.value), d
            elif d.kind == "handle":
                assert d.value == d.value.lower() and not d.value.startswith("@"), d
                if d.platform == "telegram":
                    assert re.fullmatch(r"[a-z][a-z0-9_]{3,30}[a-z0-9]", d.value), d
            elif d.kind == "country":
                assert d.value in COUNTRIES
            elif d.kind == "age":
                assert d.value.isdigit() and 18 < int(d.value) < 70


def test_identifier_forms_vary(world: tuple[list[PartnerScript], Transcript]) -> None:
    lines = [line.text for s in suspects(world[0]) for line in s.history if line.disclosed]
    forms = {
        "email words": r"\w at \w+ dot \w",
        "email brackets": r"\[at\]",
        "email parens": r"\(at\)",
        "full-width": "[\uff01-\uff5e]",
        "math bold": "[\U0001d400-\U0001d7ff]",
        "homoglyph": "[" + "".join(g for gs in HOMOGLYPHS.values() for g in gs) + "]",
        "spaced": r"(?:\S ){5,}",
        "leet place": r"\b\w*[a-z][013457$@!][a-z]\w*\b",
        "telegram link": r"t\.me/",
        "facebook link": r"(?:facebook|fb)\.com/",
        "trunk zero": r"\b09\d\d[ -]?\d{3}",
        "international": r"\+\d{1,3}[ -.]?\d",
        "double zero": r"\b00\d{2,3} ",
        "taglish": r"\b(?:ko|ako|taga|mo)\b",
        "asl": r"\b\d\d (?:m|male|guy)\b",
    }
    missing = [name for name, rx in forms.items() if not any(re.search(rx, x) for x in lines)]
    assert not missing, missing
    slots = Counter(d.slot for s in suspects(world[0]) for d in s.disclosed)
    assert set(slots) == set(DISCLOSE_BANK) - {"asl"}


# ---- safety -------------------------------------------------------------------------------

# Explicit terms (English, Tagalog, Cebuano) that must never appear in generated text,
# even obfuscated. Single words, as a moderation list holds them.
DENYLIST = frozenset(
    _words(
        """
    sex sexy sexual nude nudes naked porn porno boobs breast breasts nipple nipples dick cock
    penis pussy vagina genital genitals fuck fucking horny masturbate orgasm undress undressed
    strip stripping topless panty panties underwear lingerie bra bikini kiss lick suck cum
    hubad hubo kantot iyot libog jakol titi puke pekpek suso dede bilat oten otin kayat bold
    body bed touch clothes
    """
    )
)
DENY_PHRASES = ("take off", "tanggal damit", "hubo na", "show body", "in bed")
_SPELLED = re.compile(r"(?<![^\W_])[^\W_](?:[.\-_* ][^\W_])+(?![^\W_])")


def deny_hits(text: str) -> list[str]:
    hits = []
    for keep in (1, 2):
        t = reveal(text, unleet=True)
        t = _SPELLED.sub(lambda m: re.sub(r"[.\-_* ]", "", m.group()), t)
        for form in (text.lower(), t, re.sub(r"(\w)\1{2,}", r"\1" * keep, t)):
            hits += [w for w in re.findall(r"[a-z]+", form) if w in DENYLIST]
            hits += [p for p in DENY_PHRASES if p in form]
    return hits


def test_the_safety_scan_sees_through_every_evasion() -> None:
    rng = random.Random(0)
    for word in sorted(DENYLIST):
        for name, _, technique in (*WORD_TECHNIQUES, ("plain", 1.0, lambda w, r: w)):
            disguised = technique(word, rng)
            assert deny_hits(f"ok {disguised} ok"), (name, disguised)


def all_lines(seeds: tuple[int, ...]) -> Iterator[str]:
    for seed in seeds:
        scripts, t = run(300, 0.5, seed=seed, driver=seed)
        yield from (x.text for x in t.turns if x.speaker == "partner")
        yield from (line.plain for s in scripts for line in s.history)


def test_no_graphic_words_in_any_generated_line() -> None:
    bad = [(x, h) for x in all_lines((1, 2, 3)) if (h := deny_hits(x))]
    assert len(bad) == 0, bad[:5]


def test_no_graphic_words_in_the_phrase_tables() -> None:
    for bank in (SUSPECT_BANK, BENIGN_BANK, DISCLOSE_BANK):
        for intent, by_style in bank.items():
            for templates in by_style.values():
                for t in templates:
                    assert not deny_hits(t), (intent, t)


def test_the_simulator_imports_no_detector() -> None:
    root = Path(__file__).parents[1] / "src" / "vigil" / "simulate"
    for path in [*root.glob("partner*.py")]:
        text = path.read_text(encoding="utf-8")
        for pkg in ("content", "decoy", "metadata", "cases"):
            assert f"vigil.{pkg}" not in text, (path.name, pkg)


# ---- the driver -----------------------------------------------------------------------------


class Echo:
    """A hand-written partner: records the replies it gets, never stops on its own."""

    def __init__(self, partner_id: str) -> None:
        self.partner_id = partner_id
        self.replies: list[str | None] = []

    def next_line(self, decoy_reply: str | None, rng: random.Random) -> str | None:
        self.replies.append(decoy_reply)
        return f"line {len(self.replies)} from {self.partner_id}"


def test_the_driver_routes_replies_and_bounds_partners() -> None:
    partners = [Echo("a"), Echo("b"), Echo("c")]
    seen: list[tuple[str, str]] = []

    def respond(pid: str, line: str) -> str | None:
        seen.append((pid, line))
        return None if pid == "c" else f"re {line}"

    t = run_partners(partners, respond, random.Random(0), max_lines=5)
    assert all(len(p.replies) == 5 for p in partners)
    assert partners[0].replies == [None] + [f"re line {i} from a" for i in range(1, 5)]
    assert partners[2].replies == [None] * 5
    assert len(seen) == 15 and all(line.endswith(pid) for pid, line in seen)
    assert [x.speaker for x in t.turns].count("decoy") == 10
    assert t.truth == ()
    ticks = [x.tick for x in t.turns]
    assert ticks == sorted(ticks)
    with pytest.raises(ConfigError):
        run_partners([Echo("a"), Echo("a")], respond, random.Random(0))


def test_conversations_interleave(world: tuple[list[PartnerScript], Transcript]) -> None:
    order = [x.partner_id for x in world[1].turns if x.speaker == "partner"]
    switches = sum(a != b for a, b in itertools.pairwise(order))
    assert switches > len(order) / 2


# ---- the funnel ---------------------------------------------------------------------------


def _d(kind: str, value: str, platform: str | None = None) -> DisclosedIdentifier:
    return DisclosedIdentifier(kind, value, platform)


TRUTH = [
    PartnerTruth("s1", "payer", True, (
        _d("email", "anna.r@example.com"), _d("phone", "+447823123456"),
        _d("handle", "anna_r22", "telegram"),
    )),
    PartnerTruth("s2", "discloser", True, (_d("country", "GB"),)),
    PartnerTruth("s3", "requester", True, ()),
    PartnerTruth("s4", "cam_show", True, (_d("age", "45"),)),
    PartnerTruth("b1", "kid_peer", False, ()),
    PartnerTruth("b2", "parent", False, ()),
    PartnerTruth("b3", "spam_bot", False, ()),
]  # fmt: skip
OUTCOMES: dict[str, dict[str, object]] = {
    "s1": {"level": "confirmed", "identifiers": {
        "email": ["Anna.R@example.com"], "handle": ["telegram:@anna_r22"], "url": ["http://x.io"],
    }},
    "s2": {"level": "probable", "identifiers": {"country": ["uk"]}},
    "s3": {"level": "possible", "identifiers": {"email": ["wrong@example.com"]}},
    "b1": {"level": "neutral", "identifiers": {}},
    "b2": {"level": "probable"},
    "zz": {"level": "confirmed"},
}  # fmt: skip


def by_kind(ids: tuple[DisclosedIdentifier, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in ids:
        out.setdefault(d.kind, []).append(d.value)
    return out


def test_funnel_arithmetic() -> None:
    f = funnel(TRUTH, OUTCOMES)
    assert f == {
        "partners": 7, "suspects": 4, "benign": 3, "unknown_outcomes": 1,
        "contacts": 3, "possible": 3, "probable": 2, "confirmed": 1,
        "identified": 3, "identified_correctly": 2,
        "benign_contacts": 2, "false_escalations": 1, "false_escalation_rate": 1 / 3,
        "identifiers_disclosed": 5, "identifiers_found": 3, "identifier_recall": 3 / 5,
        "suspects_confirmed_share": 1 / 4,
        "identifier_recall.age": 0.0, "identifier_recall.country": 1.0,
        "identifier_recall.email": 1.0, "identifier_recall.handle": 1.0,
        "identifier_recall.phone": 0.0,
    }  # fmt: skip
    assert meets_targets(f) == {
        "suspects_confirmed_share": False, "false_escalation_rate": False,
        "identifier_recall": False,
    }  # fmt: skip
    assert "confirmed 1" in format_funnel(f)


def test_funnel_edges() -> None:
    empty = funnel([], {})
    assert empty["identifier_recall"] == 0.0 and empty["false_escalation_rate"] == 0.0
    perfect = {
        t.partner_id: {"level": "confirmed" if t.is_suspect else "neutral",
                       "identifiers": by_kind(t.identifiers)}
        for t in TRUTH
    }  # fmt: skip
    f = funnel(TRUTH, perfect)
    assert all(meets_targets(f).values())
    with pytest.raises(InputError):
        funnel(TRUTH, {"s1": {"level": "suspicious"}})
    with pytest.raises(InputError):
        funnel(TRUTH, {"s1": {"level": "confirmed", "identifiers": {"email": "a@b.co"}}})


def test_identifier_keys_match_across_notations() -> None:
    phone = identifier_key("phone", "+447823123456")
    assert identifier_key("handle", "whatsapp:+44 7823 123456") == phone
    assert identifier_key("phone", "+44-7823-123-456") == phone
    assert identifier_key("handle", "telegram:@Anna_R22") == identifier_key("handle", "anna_r22")
    assert identifier_key("payment_handle", "paypal:anna@x.com") == identifier_key(
        "email", "Anna@X.com"
    )
    assert identifier_key("country", "Germany") == identifier_key("country", "DE")
    assert identifier_key("handle", "skype:live:mark") == ("contact", "live:mark")


def test_funnel_on_a_simulated_run(world: tuple[list[PartnerScript], Transcript]) -> None:
    """An oracle decoy (the truth itself) meets every target; a mute one meets none."""
    _, transcript = world
    oracle = {
        t.partner_id: {"level": "confirmed" if t.is_suspect else "possible",
                       "identifiers": by_kind(t.identifiers)}
        for t in transcript.truth
    }  # fmt: skip
    f = funnel(transcript.truth, oracle)
    assert f["identifier_recall"] == 1.0 and f["identifiers_disclosed"] > 300
    assert all(meets_targets(f).values())
    mute = funnel(transcript.truth, {})
    assert not meets_targets(mute)["identifier_recall"]
    assert not meets_targets(mute)["suspects_confirmed_share"]
    assert mute["contacts"] == 0 and mute["false_escalations"] == 0


def test_reveal_undoes_the_simulators_forms() -> None:
    assert reveal("Mark.H77 [at] gmail [dot] com") == "mark.h77@gmail.com"
    assert reveal("mark at yahoo dot co dot uk") == "mark@yahoo.co.uk"
    assert reveal("m a r k _ u k 7 7") == "mark_uk77"
    assert reveal("l0nd0n", unleet=True) == "london"
    assert reveal(unicodedata.normalize("NFC", "ｍａｒｋ＠ｇｍａｉｌ．ｃｏｍ")) == "mark@gmail.com"
    assert reveal("gm\u0430il") == "gmail"
