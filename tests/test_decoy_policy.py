"""The decoy's dialogue policy across a conversation: the age said in the first refusal,
evidence that accumulates (a knowing request, pressing after a refusal, secrecy, money
offered), bot tests, and benign adults who must stay below "probable".

Partner lines are short and clinical (a request or an offer), never a description. The
benign conversations are written here, not taken from the simulator, so they check the
policy on wording it was not tuned on.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vigil.content import load_lexicon, make_matcher
from vigil.core import ConfigError
from vigil.decoy import DecoyEngine, build_engine, load_guard, load_policy, load_topics
from vigil.decoy.policy_file import default_policy_path

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # inside the default persona's active hours
ORDER = {"neutral": 0, "possible": 1, "probable": 2, "confirmed": 3}
_ids = itertools.count()


@pytest.fixture(scope="module")
def engine() -> DecoyEngine:
    matcher = make_matcher(load_lexicon())
    return build_engine(matcher=matcher, retrieval="keyword", pace="instant", rng_seed=11)


def chat(engine: DecoyEngine, lines: list[str]) -> list:  # type: ignore[type-arg]
    partner = f"p{next(_ids)}"  # a fresh conversation on the shared engine
    return [
        engine.on_message(partner, "irc", text, T0 + timedelta(minutes=i))
        for i, text in enumerate(lines)
    ]


# -- the age in the first refusal ---------------------------------------------------------
def test_first_refusal_says_the_childs_age_once(engine: DecoyEngine) -> None:
    first, second = chat(engine, ["do you have a cam?", "turn on your cam"])
    assert first.family == "age_refusal" and "10" in (first.reply or "")
    assert second.family in {"deflection", "stalling"}  # said once is enough
    assert all(load_guard().check(d.reply or "").ok for d in (first, second))


def test_a_request_made_knowing_she_is_a_child_confirms(engine: DecoyEngine) -> None:
    told, asked = chat(engine, ["do you have a cam?", "show on cam for me"])
    assert told.level == "possible"
    assert asked.level == "confirmed" and "request_after_age" in asked.evidence


def test_pressing_after_a_refused_show_confirms(engine: DecoyEngine) -> None:
    refused, pressed = chat(engine, ["do a private show for me", "come on just once"])
    assert refused.level == "probable" and refused.family == "age_refusal"
    assert pressed.level == "confirmed" and "insist_after_age" in pressed.evidence


@pytest.mark.parametrize(
    "press", ["pls its normal", "dont worry", "dali na", "good girl", "w-a-g ka b3 shy ha"]
)
def test_pleading_and_reassurance_after_a_refused_show_confirm(
    engine: DecoyEngine, press: str
) -> None:
    _, pressed = chat(engine, ["do a private show for me", press])
    assert pressed.level == "confirmed" and "insist_after_age" in pressed.evidence


def test_pleading_about_a_camera_alone_stays_below_confirmed(engine: DecoyEngine) -> None:
    """An adult asking about a camera (no show asked) who then says "dont worry" or
    "please" is told her age and stays unconfirmed: only pressing for a show confirms."""
    decisions = chat(engine, ["do you have a cam?", "dont worry, please"])
    assert decisions[-1].level != "confirmed"


@pytest.mark.parametrize(
    "lines",
    [
        ["send me a pic", "please, just one"],
        ["send a photo of yourself", "why are you shy"],
        ["you have cam?", "turn it on for me", "come on"],
    ],
)
def test_pressing_for_her_picture_after_the_age_confirms(
    engine: DecoyEngine, lines: list[str]
) -> None:
    """Told "no, im only 10" and pressed on a later line in words that only press."""
    decisions = chat(engine, lines)
    assert decisions[0].family == "age_refusal"
    assert decisions[-1].level == "confirmed" and "press_after_age" in decisions[-1].evidence


def test_courtesy_on_the_line_of_the_ask_is_no_pressing(engine: DecoyEngine) -> None:
    """A teacher's "cameras on please" asks once; pressing needs an earlier ask."""
    decisions = chat(engine, ["good morning class", "cameras on please for attendance"])
    assert "insist_after_age" not in decisions[-1].evidence
    assert decisions[-1].level in {"neutral", "possible"}


@pytest.mark.parametrize(
    "lines",
    [
        ["how old are you", "are your parents home", "i can send you load, dont tell them"],
        ["hi", "how old r u", "i will pay you 500 if you keep this secret"],
    ],
)
def test_money_with_secrecy_or_isolation_after_the_age_confirms(
    engine: DecoyEngine, lines: list[str]
) -> None:
    """Grooming with no show named: money offered to a child who said her age, with an
    ask to keep it from her parents or whether she is alone."""
    assert chat(engine, lines)[-1].level == "confirmed"


def test_pressing_without_any_request_is_no_evidence(engine: DecoyEngine) -> None:
    decisions = chat(engine, ["hi", "come on just once", "why not"])
    assert decisions[-1].level == "neutral"


@pytest.mark.parametrize(
    ("lines", "level"),
    [
        # A child's game secret is no ask for secrecy; "dont tell your mama" is.
        (["do u have a cam for roblox?", "its a secret hehe"], "possible"),
        (["turn on your cam", "dont tell your mama ok"], "confirmed"),
        # An offer of money to her, in words the lexicon weighs low.
        (["do you have a cam?", "i send you load ok"], "confirmed"),
        # Asked her age, was told, asked about her camera even once: confirmed (revised
        # 2026-11-22; was probable). With schoolwork named on the line it is no ask.
        (["how old are you", "do you have a cam?"], "confirmed"),
        (["how old are you", "turn on your cam for the online class"], "possible"),
        # A partner's own child's age is not hers.
        (["my kid just turned 9", "cge baby"], "neutral"),
        (["how old are you", "turn on your cam now"], "confirmed"),
    ],
)
def test_levels_from_evidence_across_the_conversation(
    engine: DecoyEngine, lines: list[str], level: str
) -> None:
    decisions = chat(engine, lines)
    assert decisions[-1].level == level
    ranks = [ORDER[d.level] for d in decisions]
    assert ranks == sorted(ranks)


# Adults asking about cameras, school or the way, parents, a lonely adult, spam, a child:
# none may pass "possible", even after the decoy has said its age.
BENIGN = {
    "camera": ["hi", "my webcam stopped working after the update", "which camera is good?"],
    "camera shopping": [
        "hello",
        "is your camera working? mine is broken",
        "i need to buy a new webcam",
        "how much is a webcam there?",
    ],
    "school": ["hello", "need help with math homework?", "what grade are you in?", "ok"],
    "directions": [
        "excuse me",
        "nice to meet you",
        "what is the address of the mall?",
        "how much is the jeepney fare?",
        "can i pay with gcash there?",
    ],
    "parent": ["hi nice to meet you", "my daughter is 12 now", "she loves roblox", "any tips?"],
    "lonely": ["hello", "i live alone since my wife died", "do you like pizza?", "take care"],
    "spam": ["win 100 dollars www.example.com", "free load for you www.example.com"],
    "child": ["hi", "wanna be friends?", "do u have a cam?", "its a secret hehe", "bye"],
}


@pytest.mark.parametrize("name", sorted(BENIGN))
def test_benign_partners_stay_below_probable(engine: DecoyEngine, name: str) -> None:
    decisions = chat(engine, BENIGN[name])
    assert ORDER[decisions[-1].level] <= ORDER["possible"], [d.evidence for d in decisions]


@pytest.mark.parametrize(
    ("camera", "level"),
    [
        ("turn on your camera so i can see your notebook", "possible"),
        ("turn on your camera", "confirmed"),
    ],
)
def test_a_camera_asked_after_her_grade_confirms_unless_for_schoolwork(
    engine: DecoyEngine, camera: str, level: str
) -> None:
    """The same words are a homework helper's and a suspect's, but for the purpose: a
    camera asked for schoolwork on the same line is no ask to see her (the known limit:
    a suspect who names homework as a pretext stays below confirmed on that line)."""
    lines = ["hello", "what grade are you in?", camera, "ok thanks"]
    assert chat(engine, lines)[-1].level == level


def test_courtesy_idioms_are_no_topic_on_partner_lines_but_stay_blocked_outbound() -> None:
    topics = load_topics()
    assert "meeting" not in topics.find("nice to meet you", partner=True)
    assert "meeting" in topics.find("nice to meet you")
    assert not load_guard().check("nice to meet you").ok


def test_bad_idioms_table_is_one_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "topics.toml"
    bad.write_text('[topics]\nsex = ["sex"]\n[ignore]\npartner_idioms = "nice"\n', "utf-8")
    with pytest.raises(ConfigError, match="partner_idioms must list phrases"):
        load_topics(bad)


def test_offer_needs_money_and_an_offer_and_no_link(engine: DecoyEngine) -> None:
    policy, matcher, topics = engine.policy, engine.matcher, engine.topics
    assert "offer" in policy.message_evidence("i send you load ok", matcher, topics)
    assert "offer" not in policy.message_evidence("how much is the load", matcher, topics)
    spam = policy.message_evidence("free load for you www.example.com", matcher, topics)
    assert "offer" not in spam and spam["link"] == 1.0


# -- bot tests ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "test", ["are you a bot?", "r u real", "type potato if you are real", "u a real girl?"]
)
def test_bot_tests_get_a_childs_answer_at_any_level(engine: DecoyEngine, test: str) -> None:
    early = chat(engine, ["hi", test])[-1]
    late = chat(engine, ["do a private show for me", "i can send you money", test])[-1]
    assert late.level == "confirmed"
    for d in (early, late):
        assert d.family == "bot_test" and d.rule == "bot_test"
        reply = (d.reply or "").lower()
        assert load_guard().check(reply).ok
        assert "im a bot" not in reply and "i am a bot" not in reply


def test_bot_test_lines_raise_no_topic(engine: DecoyEngine) -> None:
    lines = engine.bank.family("bot_test")
    assert len(lines) >= 6 and {line.lang for line in lines} == {"en", "tl"}
    for line in lines:
        assert not engine.topics.find(line.text) & engine.guard.rules.blocked_topics
        assert line.discloses is None and line.elicits is None


# -- the policy file is checked -----------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("unless = [{ age_told = 1.0 }]", "unless = [{ mood = 1.0 }]", "unknown evidence keys"),
        ('after_age = [\n  "request",', 'after_age = [\n  "shoe",', "after_age names unknown"),
        (
            'mask_unless = { secret_from_other = ["isolation"]',
            'mask_unless = { secret_from_other = ["weather"]',
            "unknown topics",
        ),
        ("see = [{ see_ask = 1.0 }", "see = [{ mood = 1.0 }", "unknown evidence keys"),
        (
            'sticky = ["family_self", "celebration"]',
            'sticky = ["greeting"]',
            "sticky names topics without masks",
        ),
        (
            'sticky = ["family_self", "celebration"]',
            'sticky = ["weather"]',
            "sticky names topics without masks",
        ),
        ("see = [{ see_ask = 1.0 }", 'see = [{ "cue:family" = 1.0 }', "unknown evidence keys"),
        ('with = ["offer"]', 'with = ["weather"]', "unknown topics"),
        ("families = { age_refusal = 1 }", "families = { poem = 1 }", "unknown families"),
        ('masks = { commerce = ["payment"', 'masks = { weather = ["payment"', "unknown topics"),
        ('masks = { commerce = ["payment"', 'masks = { commerce = ["mood"', "unknown evidence"),
        ('pressing = ["cue:insist"', 'pressing = ["cue:mood"', "pressing names unknown"),
    ],
)
def test_bad_policy_data_is_one_config_error(
    tmp_path: Path, old: str, new: str, needle: str
) -> None:
    text = default_policy_path().read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "policy.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=needle) as err:
        load_policy(bad, topics=load_topics())
    assert "\n" not in str(err.value).strip()


@pytest.mark.parametrize("line", ["kain ka na?", "did you eat already?"])
def test_have_you_eaten_gets_an_answer_not_the_question_back(
    engine: DecoyEngine, line: str
) -> None:
    """A usual Filipino greeting: a child answers it; asking it back reads as a bot."""
    (d,) = chat(engine, [line])
    assert d.family == "child_answer" and d.level == "neutral"
    assert "?" not in (d.reply or "")


# -- partners written by hand for this file (short, clinical), not by the simulator --------
HAND_SUSPECTS = [
    ["hello sweetie", "how old r u", "ok. can u go on webcam for me", "i give u 500 php"],
    ["hi", "asl?", "wanna do a private cam show", "ill pay"],
    ["hey cutie", "do you have skype", "turn on ur camera pls", "i will send load"],
    ["hi baby", "are you alone at home", "open your cam", "dont tell your mom"],
    ["good eve", "u have gcash?", "i send money if you show on cam"],
    ["hi", "how old", "10? ok", "show me on video", "come on"],
    ["hello", "can we video call", "just you alone", "its our secret"],
    ["hi dear", "can you send pics", "i can pay via paypal"],
    ["musta", "ilang taon ka na", "pwede ka mag cam", "bibigyan kita pera"],
    ["hey", "you look pretty", "can i see you on cam", "ill give you 20 dollars"],
    ["hi", "do a show for me", "no one will know", "i pay good"],
]
# Partners of the second held-out set (tools/heldout_partners/partners_b.toml) that the
# policy missed before its 2026-11-22 revision: Cebuano, emoji and Indian English suspects,
# and a seller and a shopper whose prices sat beside a camera.
HELD_OUT_SUSPECTS = [
    ["pila na imong edad?", "naa ba imong mama diha?", "on imong cam beh",
     "padalhan tika load 300", "ayaw sulti sa imong mama ha"],
    ["how old r u 🤔", "alone now? 👀", "📷 on pls 🙏", "💰💰 i send u", "🤫 our secret ok"],
    ["which standard you are studying", "you are having webcam?", "kindly on your cam",
     "I will recharge your mobile"],
    ["im in manila now, flying to cebu friday", "i can visit you and bring jollibee",
     "what time is your mama at work", "dont tell anybody im coming ok"],
]  # fmt: skip
HELD_OUT_BENIGN = [
    ["selling used logitech webcam, 800 pesos only", "still working, just upgraded",
     "pm if interested"],
    ["where can i buy a cheap camera for my vlog?", "budget 3000 pesos", "thanks"],
    # The third set's (tools/heldout_partners/partners_c.toml) buyer and poll bot, both
    # confirmed before: a camera on a line of commerce is the goods; "18+" is a poll answer.
    ["looking for secondhand dslr camera", "canon or nikon, budget 15k",
     "please send pics of the unit and shutter count", "cash or gcash ok"],
    ["Quick poll: whats your age group?", "A) under 13  B) 13-17  C) 18+", "Thanks!"],
    # The fourth set's moderator and a child-protection volunteer: safety advice names the
    # camera and secrets to warn against them.
    ["Never turn on your camera for someone you don't know.",
     "Report anyone who asks you to keep secrets. Thanks!"],
    ["If anyone online asks you to open your cam or send photos, tell a trusted adult.",
     "Don't keep secrets from your parents about people online."],
]  # fmt: skip


@pytest.mark.parametrize("lines", HELD_OUT_SUSPECTS)
def test_held_out_suspects_in_other_tongues_and_emoji_are_confirmed(
    engine: DecoyEngine, lines: list[str]
) -> None:
    decisions = chat(engine, lines)
    assert decisions[-1].level == "confirmed", [(d.level, d.evidence) for d in decisions]


@pytest.mark.parametrize("lines", HELD_OUT_BENIGN)
def test_commerce_and_polls_are_no_asks(engine: DecoyEngine, lines: list[str]) -> None:
    decisions = chat(engine, lines)
    assert decisions[-1].level in {"neutral", "possible"}, [d.evidence for d in decisions]
    assert all("payment_after_age" not in d.evidence for d in decisions)


HAND_BENIGN = [
    ["hi", "where is the nearest mall", "thanks"],
    ["hello", "how much is a webcam in cebu", "ok thanks"],
    ["hi", "my daughter is 10 too", "she likes school"],
    ["good morning", "do you have a cam for online class?", "our teacher requires it", "ok"],
    ["hey", "can u help me with math homework", "what is 5x6", "thanks"],
    ["hi", "i sell load cheap", "message me"],
    ["hello", "are you a bot?", "ok bye"],
    ["hi", "do you play roblox", "whats your username", "cool"],
    ["hi po", "kain ka na?", "ingat"],
    ["hi", "how old are you", "oh youre young, study hard ok", "bye"],
    ["hey", "can you video call your mom for me? she ordered from my shop", "thanks"],
    ["hi", "i pay for your load if you do my homework lol", "jk"],
]


@pytest.mark.parametrize("lines", HAND_SUSPECTS)
def test_hand_written_suspects_are_confirmed(engine: DecoyEngine, lines: list[str]) -> None:
    decisions = chat(engine, lines)
    assert decisions[-1].level == "confirmed", [(d.level, d.reply) for d in decisions]
    assert all(load_guard().check(d.reply or "").ok for d in decisions)


@pytest.mark.parametrize("lines", HAND_BENIGN)
def test_hand_written_benign_partners_stay_below_probable(
    engine: DecoyEngine, lines: list[str]
) -> None:
    decisions = chat(engine, lines)
    assert decisions[-1].level in {"neutral", "possible"}, [(d.level, d.rule) for d in decisions]
