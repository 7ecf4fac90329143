"""Grooming read as steps (policy.toml's [evidence.groups]), and the masks that keep notices,
sellers, parents and children below "probable".

The steps are categories (to see her, to give her something, to keep it secret, to get her
alone, to meet); each counts once whatever its words. Partner lines are short and clinical:
a request, an offer, a secrecy ask; never a description. The wording here is written for
these tests, not taken from any partner set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from decoy_levels import ORDER, engine, final_level
from vigil.core import ConfigError
from vigil.decoy import DecoyEngine, load_topics

__all__ = ["engine"]  # the shared module fixture (decoy_levels)


@pytest.mark.parametrize(
    "lines",
    [
        # a gift, then secrecy from her mother
        ["hey there", "i have a present for you, i send you load", "dont let your mama know ok"],
        # a treat and a meeting, then only the two of them
        ["i will treat you to ice cream", "we can meet at the mall saturday", "just the two of us"],
        # the camera put to her, then when her parents sleep
        ["can you open your cam later?", "call me when your parents are asleep"],
        # a private call, then a question whether she is by herself
        ["how about a private call", "are you by yourself right now?"],
    ],
)
def test_two_steps_of_grooming_confirm(engine: DecoyEngine, lines: list[str]) -> None:
    assert final_level(engine, lines) == "confirmed"


@pytest.mark.parametrize(
    "lines",
    [
        # one step, repeated in other words, stays short of confirmed
        ["send me a pic of you", "a photo of you please"],
        # a camera for class, then courtesy
        ["turn on your cam for the online class", "thank you, see you tomorrow"],
    ],
)
def test_one_step_is_not_confirmed(engine: DecoyEngine, lines: list[str]) -> None:
    assert final_level(engine, lines) != "confirmed"


@pytest.mark.parametrize(
    "lines",
    [
        # a class notice with parents in it and a group video call
        [
            "Art club for kids, group video call every Saturday",
            "Parents please stay nearby during the call",
            "Sign up through your parents",
            "See you, little artists!",
        ],
        # a seller: the camera is the goods, the meet-up is the sale
        ["Selling a used webcam, 900 pesos", "lens no scratches", "meet up at the mall only"],
        # a warning names what it warns against
        [
            "kids, be careful in this room",
            "never turn on your cam for strangers",
            "if someone offers you load, tell your parents",
        ],
        # a child: her own age, her own camera, a secret about her own brother
        ["im 11 btw", "my cam is broken too lol", "dont tell my brother i took his snacks"],
        # a relative sends load to her own children, not to her
        ["i miss my kids back home", "i send them load every week", "we video call on sundays"],
        # a debt paid back is no gift
        ["i owe you 20 pesos for the chips", "ill pay you back tomorrow"],
    ],
)
def test_look_alikes_stay_below_probable(engine: DecoyEngine, lines: list[str]) -> None:
    assert ORDER[final_level(engine, lines)] <= ORDER["possible"]


def test_naming_her_parents_to_keep_them_out_is_still_secrecy(engine: DecoyEngine) -> None:
    """'tell your parents' includes them; 'dont tell your parents' holds a secrecy ask,
    which cancels the parents' mask on that line."""
    assert final_level(engine, ["i send you load", "dont tell your parents ok"]) == "confirmed"
    assert final_level(engine, ["i send you load", "tell your parents ok"]) != "confirmed"


def test_a_camera_named_without_an_ask_is_no_step(engine: DecoyEngine) -> None:
    """'cam no issues' talks about a camera; 'open your cam' asks her."""
    told = ["are you alone at home?", "cam no issues, battery fine"]
    asked = ["are you alone at home?", "open your cam"]
    assert final_level(engine, told) != "confirmed"
    assert final_level(engine, asked) == "confirmed"


def test_a_parent_in_the_wrong_chat_is_not_read_for_grooming_steps(engine: DecoyEngine) -> None:
    """A partner who presents as her parent ("papa here") sends money and asks for the
    camera: a relative in the wrong chat. The same lines from a stranger confirm. The mask
    is sticky: it holds on the later lines."""
    lines = ["i send you money for your uniform", "later we call, camera on ha"]
    assert final_level(engine, ["anak, papa here in Abu Dhabi", *lines]) != "confirmed"
    assert final_level(engine, ["hello from Abu Dhabi", *lines]) == "confirmed"


def test_filipino_particles_between_a_phrases_words_do_not_hide_it(engine: DecoyEngine) -> None:
    """'ayaw lang isulti' is 'ayaw isulti' (don't tell) with 'lang' (just) inside: the
    particles of Tagalog and Cebuano fall between any phrase's words."""
    plain = ["i send you load", "ayaw isulti sa imong mama"]
    particle = ["i send you load", "ayaw lang gyud isulti sa imong mama"]
    assert final_level(engine, plain) == "confirmed"
    assert final_level(engine, particle) == "confirmed"


@pytest.mark.parametrize(
    "lines",
    [
        # a parent abroad introduces himself in Tagalog, sends money, calls with her mother
        ["anak, papa ito", "may padala ako 2000 para sa inyo", "video call tayo ni mama mo"],
        # a surprise party kept from its guest, a contribution, the family on the call
        [
            "surprise party para kay lolo sa linggo, secret lang ha",
            "i send 300 to your mama for the lechon",
            "video call later, isama mo mga pinsan mo",
        ],
    ],
)
def test_a_family_in_its_own_words_stays_below_probable(
    engine: DecoyEngine, lines: list[str]
) -> None:
    assert ORDER[final_level(engine, lines)] <= ORDER["possible"]


def test_a_surprise_that_gets_her_alone_is_still_secrecy(engine: DecoyEngine) -> None:
    """The surprise mask holds unless the same line gets her alone."""
    lines = ["i send you load", "its a surprise, secret lang, just you and me"]
    assert final_level(engine, lines) == "confirmed"


def test_sms_pronouns_and_keeping_her_family_away_are_steps(engine: DecoyEngine) -> None:
    """'pick u up' is 'pick you up'; 'dont bring ur mom' gets her alone."""
    lines = ["i will treat u to ice cream", "i'll pick u up after school", "dont bring ur mom"]
    assert final_level(engine, lines) == "confirmed"


def test_a_tutors_camera_and_appointment_stay_below_probable(engine: DecoyEngine) -> None:
    lines = [
        "Hello, I'm your math tutor for this term",
        "keep your camera on so I can see your solutions",
        "See you Saturday 9 AM!",
    ]
    assert ORDER[final_level(engine, lines)] <= ORDER["possible"]


def test_a_call_the_family_joins_stays_below_probable(engine: DecoyEngine) -> None:
    """'kasama si {kin}' is one frame in topics.toml, read for every kin word."""
    lines = [
        "nagpadala na ako para sa school mo",
        "video call tayo mamaya, kasama si lolo at si bunso",
        "lets do a family video call on sunday",
    ]
    assert ORDER[final_level(engine, lines)] <= ORDER["possible"]


def test_a_surprise_keeps_its_later_secrets_but_not_the_other_steps(engine: DecoyEngine) -> None:
    """Sticky: the surprise masks the secrecy of later lines; a meeting alone still counts."""
    planned = ["mag surprise tayo para kay teacher", "secret lang ha, wag mo sabihin"]
    assert ORDER[final_level(engine, planned)] <= ORDER["possible"]
    pretext = [*planned, "i send you load", "we meet at the mall, just you and me"]
    assert final_level(engine, pretext) == "confirmed"


def test_slots_must_be_known(tmp_path: Path) -> None:
    bad = tmp_path / "topics.toml"
    bad.write_text('[slots]\nkin = ["lola"]\n[topics]\nx = ["with {pet}"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="needs one known slot"):
        load_topics(bad)
    good = tmp_path / "good.toml"
    good.write_text('[slots]\nkin = ["lola", "lolo"]\n[topics]\nx = ["with {kin}"]\n')
    assert load_topics(good).terms["x"] == ("with lola", "with lolo")


def test_a_meeting_named_in_a_childs_grade_thread_is_no_ask_of_hers(engine: DecoyEngine) -> None:
    """A meeting or a camera word after a child's age is probable only when put to her."""
    notice = ["anyone selling used books for grade 4?", "willing to meet up at the mall"]
    assert ORDER[final_level(engine, notice)] <= ORDER["possible"]
    asked = ["what grade are you, grade 4?", "can we meet at the mall?"]
    assert ORDER[final_level(engine, asked)] >= ORDER["probable"]


def test_keeping_parents_from_seeing_is_secrecy(engine: DecoyEngine) -> None:
    lines = ["i send you load", "we video call on another app, parents cant see"]
    assert final_level(engine, lines) == "confirmed"


def test_the_shipped_topics_name_each_term_once() -> None:
    """A term listed twice (or listed beside a slot frame that already makes it) is dead
    weight that hides which entry a later edit must change."""
    for topic, terms in load_topics().terms.items():
        folded = [t.lower() for t in terms]
        assert len(folded) == len(set(folded)), topic
