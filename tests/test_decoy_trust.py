"""Her parents brought in (policy.toml's [evidence.trust]): a relative, a teacher or an
organiser who routes calls, gifts and money through her mother is not read for the camera,
money and meetings, until he asks for secrecy or whether she is alone. Questions about her
parents and money for them bring no one in, and a show asked for is always read.

Every line is invented here; the held-out sets are not quoted. Suspects' lines are short
and clinical, as everywhere in the project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decoy_levels import ORDER, engine, final_level
from vigil.content import load_lexicon, make_matcher
from vigil.core import ConfigError
from vigil.decoy import DecoyEngine, build_engine, load_topics
from vigil.decoy.cues import default_data_dir
from vigil.decoy.policy_file import load_policy

__all__ = ["engine"]  # the shared module fixture (decoy_levels)

# A godmother abroad: her mother named first, then her age, a gift and a video call.
GODMOTHER = [
    "hi iha, this is your ninang from Milan",
    "I talked to your mama, she said you got honors",
    "how old are you now?",
    "I will send you a gift for your birthday",
    "lets video call on saturday so I can see you",
]


def _policy_text() -> str:
    return (default_data_dir() / "policy.toml").read_text(encoding="utf-8")


def _without_trust(tmp_path: Path) -> Path:
    """The shipped policy with its [evidence.trust] table taken out."""
    text = re.sub(
        r"\n\[evidence\.trust\]\n.*?(?=\n# Grooming in its usual steps)",
        "\n",
        _policy_text(),
        flags=re.S,
    )
    assert "[evidence.trust]" not in text
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_relative_who_brings_her_mother_in_stays_below_probable(
    engine: DecoyEngine, tmp_path: Path
) -> None:
    assert ORDER[final_level(engine, GODMOTHER)] < ORDER["probable"]
    # The same lines without the trust table are two grooming steps after her age.
    plain = build_engine(
        matcher=make_matcher(load_lexicon()),
        policy_path=_without_trust(tmp_path),
        retrieval="keyword",
        pace="instant",
        rng_seed=5,
    )
    assert final_level(plain, GODMOTHER) == "confirmed"


@pytest.mark.parametrize(
    "lines",
    [
        # trust, then secrecy: the photo asked before it counts again
        [
            "hello, say hi to your mama for me",
            "how old are you?",
            "send me a photo of you",
            "just between us, dont tell anyone",
        ],
        # trust, then whether she is alone
        [
            "tell your mama hello from me",
            "how old are you",
            "i will send you a gift",
            "are you alone at home now?",
        ],
        # a question about her parents brings no one in
        ["is your mama at work?", "how old r u", "i send you load", "open your cam for me"],
        # money for her mother brings no one in: it is how this crime is paid for
        [
            "i can help your mama with money",
            "how old are you",
            "turn on your cam i want to see you",
        ],
        # a show asked for is read whoever was named before
        ["tell your mama hello from me", "how old are you", "do a cam show for me"],
        # a paid call is the crime itself, whoever says he knows her mother
        [
            "i know your mama from the market",
            "how old are you?",
            "my friend wants a video call with you tonight, he will pay you",
        ],
    ],
)
def test_trust_does_not_hide_grooming(engine: DecoyEngine, lines: list[str]) -> None:
    assert final_level(engine, lines) == "confirmed"


def test_parents_named_in_other_languages_bring_them_in() -> None:
    topics = load_topics()
    for line in [
        "your mom can join the call",
        "sabihin mo sa mama mo",
        "ihatag ni sa imong mama",
        "the parent must sign the form",
        "dile a tu mamá",
        "frag deine Eltern",
        "demande à tes parents",
        "bilang ke orang tuamu",
    ]:
        assert "parents_in" in topics.find(line, partner=True), line
    assert "parents_in" in topics.find("its Martin, your mum's husband", partner=True)
    for line in ["my mama is cooking", "help your family", "parents day is friday"]:
        assert "parents_in" not in topics.find(line, partner=True), line


def test_family_words_and_privacy_do_not_end_trust(engine: DecoyEngine) -> None:
    """Endearments from a stepfather with her mother on the call, and a coach's "tell me
    privately" about fees, are no grooming step once her parents are in."""
    stepfather = [
        "hi, its Mark, your moms fiance, your mom is right here with me",
        "what grade are you in now? how old are you?",
        "we will video call again on sunday",
        "ok mom wants the phone back, love you kiddo",
    ]
    assert ORDER[final_level(engine, stepfather)] < ORDER["probable"]
    coach = [
        "costume fee is 350, please give it to your parents for the treasurer",
        "how old are you?",
        "if money is tight, tell me privately and we will find a sponsor",
        "practice is at the gym, see you at 4",
    ]
    assert ORDER[final_level(engine, coach)] < ORDER["probable"]


def test_trust_must_name_known_topics_and_keys(tmp_path: Path) -> None:
    topics = load_topics()
    for old, new, named in [
        ('topics = ["parents_in"]', 'topics = ["no_such_topic"]', "no_such_topic"),
        ('lifted_by = [\n  { "cue:secrecy"', 'lifted_by = [\n  { "cue:nothing"', "cue:nothing"),
    ]:
        path = tmp_path / "policy.toml"
        text = _policy_text()
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ConfigError, match=named):
            load_policy(path, topics=topics)
