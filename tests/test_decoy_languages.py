"""Grooming steps in other languages and in text spellings, and the look-alikes of set Q
(2026-11-23): a parent brought along, an age asked of someone else, a pet shown on video.

Every line is invented here; the held-out sets are not quoted. Suspects' lines are short
and clinical, as everywhere in the project.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from decoy_levels import ORDER, engine, final_level
from vigil.content import load_lexicon
from vigil.core import ConfigError
from vigil.decoy import DecoyEngine, load_topics
from vigil.decoy.policy_file import load_policy

__all__ = ["engine"]  # the shared module fixture (decoy_levels)
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
_ids = itertools.count()


@pytest.mark.parametrize(
    "lines",
    [
        # German: a meeting of the two of them, then a secret from her mother
        [
            "hallo, wie alt bist du?",
            "wir treffen uns im Park, nur wir zwei",
            "sag nichts deiner Mama",
        ],
        # Spanish: money for the camera
        ["hola", "te doy 300 pesos si pones la camara"],
        # French: a gift, then a photo of her
        ["salut", "je peux t'envoyer des cadeaux", "d'abord une photo de toi"],
        # Indonesian: a photo for phone credit, then not to tell her parents
        ["hai", "kirim foto kamu, nanti aku kasih pulsa", "jangan bilang orang tua"],
        # Taglish text spelling: load for a picture, then do not tell her mother
        ["u wnt load? 50 lng pra s pic mo", "dnt tel s mama m ha"],
        # Cebuano: a ride home alone, then "just ours, don't tell your mama"
        ["pila imong edad?", "hatdan tika sa balay, ikaw ra", "atoa ra ni ha, ayaw sultihi"],
        # Tagalog: just the two of them in a hall, then not to tell others
        ["ilang taon ka na?", "practice tayo sa hall, ikaw at ako lang", "wag mo i-kwento"],
        # set S's kinds: a price per photo of her is no shop's price
        ["want to earn money? easy job", "send me photos of yourself, 200 pesos each"],
        # pictures that vanish so her parents never find out, then one of her
        ["u on snapchat?", "pics disappear so ur parents never find out", "send me a selca"],
        # a trip, then the chat deleted
        ["how old are you?", "i will take you to the aquarium", "delete this chat after ok"],
    ],
)
def test_grooming_steps_in_other_languages_and_spellings_confirm(
    engine: DecoyEngine, lines: list[str]
) -> None:
    assert final_level(engine, lines) == "confirmed"


@pytest.mark.parametrize(
    "lines",
    [
        # a German pen-pal child
        ["hallo! ich bin 10 und wohne in Bremen", "hast du Haustiere?", "meine Mama sagt hallo"],
        # a cousin's text spelling
        ["tnx ate, ngaun lng aq nkauwi", "txt mo q pag nsa bahay k na"],
        # classmates: a meeting in class, then the teacher's age for the candles
        ["guys meet tayo sa classroom 7am", "ilang taon na si Ma'am? para sa candles"],
        # a tournament's kids division, a parent brought to registration
        ["ilang taon ka? may kids division kami", "dalhin mo si mama sa registration"],
        # a relative calls her mother's phone
        ["what grade are you now?", "ill call ur mom's phone on christmas eve"],
        # a moderator's warning names pictures and private calls to warn against them
        ["heads up from the mods", "if anyone DMs you asking for pics, screenshot it"],
        # set R's kinds (2026-11-23): a seller shows the goods on video, a parent comes along
        [
            "bata ka? pila imong edad?",
            "pwede video call para makita ang unit",
            "meet-up sa mall, kuyog imong ginikanan",
        ],
        # a tourist visits a church, not her
        ["how old are you if you dont mind?", "we will visit the cathedral after, merry xmas"],
        # a lost dog's reward and its photo; an event's "see you there"
        [
            "LOST DOG near the market",
            "reward 2,000 pesos for anyone who finds him",
            "photo here: https://lostpets.example.net/x",
        ],
        ["free swim clinic for kids, how old are you?", "see you there! bring goggles"],
        # an aunt calls when her mother is there; a coach records a serve, parents watching
        ["how old are you now?", "video call ta puhon pag naa na imong mama"],
        ["how old are you?", "we record your serve on video, parents can watch too"],
    ],
)
def test_look_alikes_in_other_words_stay_below_probable(
    engine: DecoyEngine, lines: list[str]
) -> None:
    assert ORDER[final_level(engine, lines)] <= ORDER["possible"]


def test_show_in_tagalog_is_a_camera_cue_not_a_request(engine: DecoyEngine) -> None:
    """'ipakita mo yung tuta' (show the puppy) asks for no show; put to her with the camera
    it is still an ask to see her."""
    partner = f"lang{next(_ids)}"
    decision = engine.on_message(partner, "irc", "ipakita mo yung bagong tuta", T0)
    assert "request" not in decision.evidence
    asked = ["ilang taon ka na?", "ipakita mo sarili mo sa cam"]
    assert final_level(engine, asked) == "confirmed"


def test_every_ignored_lexicon_term_exists() -> None:
    """A misspelt key in ignore_terms would silently ignore nothing."""
    keys = {term.key for term in load_lexicon().terms}
    assert set(load_policy(topics=load_topics()).ignore_terms) <= keys


def test_sms_table_must_map_spellings_to_words(tmp_path: Path) -> None:
    bad = tmp_path / "topics.toml"
    bad.write_text('[sms]\nlng = 3\n[topics]\nx = ["lang"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[sms\]"):
        load_topics(bad)
    good = tmp_path / "good.toml"
    good.write_text('[sms]\nlng = "lang"\n[topics]\nx = ["ikaw lang"]\n', encoding="utf-8")
    topics = load_topics(good)
    assert topics.find("ikaw lng") == {"x"}
    assert topics.find("ikaw lang") == {"x"}
    # A spelling inside a word or a handle is not read: "@lng" and "klng" stay as written.
    assert topics.find("ikaw @lng") == frozenset()
    assert topics.find("ikaw klng") == frozenset()


def test_a_thing_shown_on_a_call_keeps_the_ask_when_it_gets_her_alone(
    engine: DecoyEngine,
) -> None:
    """shown_thing masks the camera of "show you the gift" unless the line gets her alone."""
    shown = ["how old are you?", "ill show you the gift on video call"]
    assert ORDER[final_level(engine, shown)] <= ORDER["possible"]
    alone = ["how old are you?", "ill show you the gift on video call when youre alone"]
    assert final_level(engine, alone) == "confirmed"


def test_a_secret_from_a_named_classmate_is_not_grooming(engine: DecoyEngine) -> None:
    """[patterns] secret_from_other: a secret from a classmate or a teacher is children's
    business; from her parents or from everyone it stays secrecy."""
    kids = ["ilang taon ka na? ako 11", "wag mo sabihin kay Paolo ha, girls lang sa party"]
    assert ORDER[final_level(engine, kids)] <= ORDER["possible"]
    for kept_from in ("kay mama", "kay lola", "sa iba", "kahit kanino"):
        partner = f"lang{next(_ids)}"
        line = f"wag mo sabihin {kept_from}"
        assert "cue:secrecy" in engine.on_message(partner, "irc", line, T0).evidence, line


def test_patterns_must_compile(tmp_path: Path) -> None:
    bad = tmp_path / "topics.toml"
    bad.write_text("[patterns]\nx = ['(unclosed']\n[topics]\ny = ['a']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pattern of 'x'"):
        load_topics(bad)
    good = tmp_path / "good.toml"
    good.write_text("[patterns]\nx = ['\\bab+c\\b']\n[topics]\ny = ['a']\n", encoding="utf-8")
    topics = load_topics(good)
    assert topics.find("xx abbbc yy") == {"x"}
    assert "x" in topics.terms  # a pattern-only topic is a known topic for the policy


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        # her family kept out, in Tagalog, Cebuano and English (2026-11-23, sets U-W)
        ("huwag mo nang isama ang lola mo", "secrecy"),
        ("wag na lang malaman ng papa mo", "secrecy"),
        ("ayaw na pag-text imo mama", "secrecy"),
        ("do not involve your family please", "secrecy"),
        ("keep this confidential ok", "secrecy"),
        # when no one is there
        ("call me when no1 at home", "isolation"),
        ("adto ko pag tulog na imo parents", "isolation"),
        ("better when mamma is not with you", "isolation"),
        ("he will only meet you alone", "isolation"),
        # a parent introducing themself, with a name between
        ("Ninong Ben here, still in Milan", "family_self"),
        ("nak, si papa ni", "family_self"),
        # secrets and absent parents in other word orders (sets X, Y)
        ("ayaw sa ug sulti sa imong maestra", "secrecy"),
        ("di na kailangan ng pirma ng magulang", "secrecy"),
        ("wag mo na lang banggitin sa kanila", "secrecy"),
        ("anong oras wala ang parents mo sa bahay?", "isolation"),
        ("u lng ha", "isolation"),
        # a warning, and a Cebuano surprise
        ("ingat palagi sa mga nag-aaya mag meet", "safety_advice"),
        ("ayaw sa sulti, surprise nato", "celebration"),
        # a sibling's surprise, parents beside her, Cebuano and Waray meetings (sets Z, AA)
        ("dont tell your little brother yet", "secret_from_other"),
        ("at practice, with your coach and parents there", "parents_included"),
        ("kitaay ta sa kanto", "meeting"),
        ("mauna kita ha akon balay", "meeting"),
        ("dili na kinahanglan ipahibalo sa imong coach", "secrecy"),
        ("ur parents mustnt find out", "secrecy"),
        ("can u show me the beaches when we visit", "shown_thing"),
    ],
)
def test_phrasings_read_as_their_topic(line: str, topic: str) -> None:
    assert topic in load_topics().find(line, partner=True), line


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        # a stranger naming her mother is not her mother
        ("i work with your mama here in Dubai", "family_self"),
        # any older woman is "tita": a named tita introduces no family
        ("si tita Bing ni, taga merkado", "family_self"),
        # the deterrence line's wording is no secret
        ("confidential help is available", "secrecy"),
        # her parents named, not whether they are there
        ("mas okay kung parents mo ang mag-order", "isolation"),
        # "if nobody's there" of a parcel is not her alone
        ("kung wala, ibalik nako ugma", "isolation"),
        # keeping in touch and a swim meet
        ("we'll keep in touch with your coach", "sex"),
        ("pareho tayo ng bracket sa swim meet", "meeting"),
    ],
)
def test_look_alike_phrasings_are_not_their_topic(line: str, topic: str) -> None:
    assert topic not in load_topics().find(line, partner=True), line


def test_a_stranger_who_names_her_mother_is_still_read(engine: DecoyEngine) -> None:
    """ "your mama here" inside a line once made the partner her mother for the rest of the
    conversation, and every grooming step was masked (set V's "coworker of your mama")."""
    lines = [
        "hello, i work with your mama here in Dubai",
        "how old are you?",
        "this is our secret ok",
        "video call me, only you",
    ]
    assert final_level(engine, lines) == "confirmed"
