"""The decoy's sans-I/O core: persona, policy levels, bank, engine, dossiers, transcripts.

Partner lines are short and clinical (a request or an offer), never a description.
"""

from __future__ import annotations

import dataclasses
import json
import random
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vigil.content import load_lexicon, make_matcher
from vigil.core import ConfigError
from vigil.decoy import (
    DecoyEngine,
    TranscriptChain,
    build_engine,
    dossiers_from_lines,
    line_from_json,
    load_bank,
    load_guard,
    load_persona,
    load_policy,
    load_topics,
    semantic_available,
    verify_chain,
)
from vigil.decoy.persona import default_persona_path
from vigil.decoy.policy_file import default_policy_path

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 17:00 in Cebu, inside active hours
ORDER = {"neutral": 0, "possible": 1, "probable": 2, "confirmed": 3}


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    return make_matcher(load_lexicon())


@pytest.fixture()
def engine(matcher) -> DecoyEngine:  # type: ignore[no-untyped-def]
    return build_engine(matcher=matcher, retrieval="keyword", pace="instant", rng_seed=7)


def chat(engine: DecoyEngine, partner: str, lines: list[str], network: str = "irc") -> list:  # type: ignore[type-arg]
    return [
        engine.on_message(partner, network, text, T0 + timedelta(minutes=i))
        for i, text in enumerate(lines)
    ]


# -- persona ------------------------------------------------------------------------------
def test_default_persona_is_the_articles_child_in_cebu() -> None:
    persona = load_persona()
    assert (persona.age, persona.city, persona.country_code) == (10, "Cebu", "PH")
    assert 0 < persona.taglish < 1 and persona.typing_cps > 0
    assert persona.is_active(T0)  # 17:00 local
    assert not persona.is_active(T0.replace(hour=20))  # 04:00 local


def test_style_is_deterministic_and_lowercases() -> None:
    persona = dataclasses.replace(load_persona(), typo_rate=0.5)
    line = "What Are You Doing today."
    one = persona.style(line, random.Random(3))
    assert one == persona.style(line, random.Random(3))
    assert one == one.lower() and not one.endswith(".")
    assert len(one.split()) == len(line.split())


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (lambda s: s.replace("age = 10", "age = 25"), "age"),
        (lambda s: s.replace('timezone = "Asia/Manila"', 'timezone = "Mars/Base"'), "timezone"),
        (lambda s: s.replace('["15:30-21:00"]', '["late"]'), "active hours"),
        (lambda s: s.replace('display_name = "Lyn"\n', ""), "display_name"),
        (lambda s: s.replace("typo_rate = 0.03", "typo_rate = 3"), "typo_rate"),
        (lambda s: s + "\n[[[", "TOML"),
    ],
)
def test_bad_persona_file_is_one_config_error(tmp_path: Path, edit, needle: str) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "p.toml"
    bad.write_text(edit(default_persona_path().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError, match=needle) as err:
        load_persona(bad)
    assert "\n" not in str(err.value).strip()


# -- policy levels --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lines", "level"),
    [
        (["hi", "what are you doing", "do you like minecraft", "how is the weather"], "neutral"),
        (["hello", "how old are you"], "possible"),
        (["do you have cam"], "possible"),
        (["are you alone"], "possible"),
        (["private show"], "probable"),
        (["how old are you", "send pic"], "confirmed"),
        (["private show", "i can send money"], "confirmed"),
        (["cam show", "i pay you 20 usd"], "confirmed"),
        (["how old r u", "what grade are you in", "do a show for me"], "confirmed"),
        (["h0w 0ld r u", "s3nd p1c", "i c4n s3nd m0ney"], "confirmed"),
        (["ilang taon ka na", "pakita ka naman", "magkano"], "confirmed"),
    ],
)
def test_levels_from_clinical_partner_lines(
    engine: DecoyEngine, lines: list[str], level: str
) -> None:
    decisions = chat(engine, "p", lines)
    assert decisions[-1].level == level
    ranks = [ORDER[d.level] for d in decisions]
    assert ranks == sorted(ranks)


def test_request_after_the_child_states_her_age_confirms(engine: DecoyEngine) -> None:
    first = chat(engine, "p", ["how old are you"])[0]
    assert first.family == "child_answer" and "10" in (first.reply or "")
    later = engine.on_message("p", "irc", "do a show for me", T0 + timedelta(minutes=5))
    assert later.level == "confirmed" and later.level_changed
    assert "request_after_age" in later.evidence


def test_levels_never_go_down(engine: DecoyEngine) -> None:
    decisions = chat(engine, "p", ["private show", "i send gcash", "hi", "nice weather", "bye"])
    assert [d.level for d in decisions[1:]] == ["confirmed"] * 4
    assert [d.level_changed for d in decisions] == [True, True, False, False, False]
    history = engine.dossier("p", "irc").level_history  # type: ignore[union-attr]
    assert [lv for lv, _ in history] == ["neutral", "probable", "confirmed"]


def test_levels_and_families_come_from_data(tmp_path: Path) -> None:
    topics = load_topics()
    policy = load_policy(topics=topics)
    assert policy.levels == ("neutral", "possible", "probable", "confirmed")
    assert "identity_question" not in policy.level_specs[0].allowed
    bad = tmp_path / "policy.toml"
    text = default_policy_path().read_text(encoding="utf-8")
    bad.write_text(text.replace("{ child_age = 0.8 },", "{ shoe_size = 0.8 },", 1), "utf-8")
    with pytest.raises(ConfigError, match="unknown evidence keys"):
        load_policy(bad, topics=topics)


# -- engine replies -----------------------------------------------------------------------
def test_replies_answer_and_never_raise_topics(engine: DecoyEngine) -> None:
    d = chat(engine, "kid", ["hi", "what is your name", "where are you from", "do you have cam"])
    assert [x.family for x in d] == ["greeting", "child_answer", "child_answer", d[3].family]
    assert d[3].family == "age_refusal" and "10" in (d[3].reply or "")  # a first refusal
    assert "lyn" in (d[1].reply or "").lower() and "cebu" in (d[2].reply or "").lower()
    assert all(x.reply and x.line_id and not x.blocked and x.delay_s == 0 for x in d)


def test_identity_questions_wait_for_a_suspicious_level(engine: DecoyEngine) -> None:
    benign = chat(engine, "b", ["hi", "what are you doing", "i like pizza", "ok", "cool"] * 4)
    assert all(x.level == "neutral" for x in benign)
    assert not any(x.family == "identity_question" for x in benign)
    suspect = chat(engine, "s", ["private show", "i send money", "ok", "hmm", "so", "well"])
    assert any(x.family == "identity_question" for x in suspect)


def test_disclosed_identifier_is_not_asked_for_again(engine: DecoyEngine) -> None:
    decisions = chat(engine, "s", ["private show", "i pay 20 usd", "my skype is joe.walker77"])
    decisions += chat(engine, "s", ["ok", "hm", "so", "yes", "no", "well", "and", "then"] * 2)
    asked = [engine.bank.get(x.line_id).elicits for x in decisions[3:] if x.line_id]
    assert "skype" not in asked
    # Each question is asked at most once.
    questions = [x.line_id for x in decisions if x.family == "identity_question"]
    assert len(questions) == len(set(questions))


def test_no_line_repeats_within_the_recent_window(engine: DecoyEngine) -> None:
    decisions = chat(engine, "r", ["i dont know"] * 12)
    ids = [x.line_id for x in decisions]
    assert all(ids[i] not in ids[max(0, i - 3) : i] for i in range(len(ids)))


def test_human_pace_delays_follow_typing_speed(matcher) -> None:  # type: ignore[no-untyped-def]
    engine = build_engine(matcher=matcher, retrieval="keyword", pace="human")
    d = engine.on_message("p", "irc", "what are you doing", T0)
    low, high = engine.persona.think_s
    typing = len(d.reply or "") / engine.persona.typing_cps
    assert low + typing - 0.01 <= d.delay_s <= high + typing + 0.01


def test_same_seed_same_conversation_whatever_the_interleaving(matcher) -> None:  # type: ignore[no-untyped-def]
    lines = ["hi", "how old are you", "do you have cam", "what are you doing", "bye"]
    one = build_engine(matcher=matcher, retrieval="keyword", pace="human", rng_seed=5)
    two = build_engine(matcher=matcher, retrieval="keyword", pace="human", rng_seed=5)
    a = chat(one, "x", lines)
    chat(two, "other", ["hello", "hm"])
    b = chat(two, "x", lines)
    assert [(d.reply, d.delay_s) for d in a] == [(d.reply, d.delay_s) for d in b]


def test_takeover_silences_the_engine_and_operator_lines_are_guarded(engine: DecoyEngine) -> None:
    engine.take_over("p", "irc", T0)
    assert engine.on_message("p", "irc", "hi", T0).reply is None
    assert engine.on_operator("p", "irc", "what is your skype?", T0).reply
    refused = engine.on_operator("p", "irc", "send me a pic", T0)
    assert refused.blocked and refused.reply is None
    engine.hand_back("p", "irc", T0)
    assert engine.on_message("p", "irc", "hello", T0).reply


def test_deterrence_ends_the_conversation(engine: DecoyEngine) -> None:
    chat(engine, "p", ["private show", "i send money"])
    notices = engine.deterrence("p", "irc", T0)
    assert [n.line_id for n in notices] == ["en.deter.1_notice", "en.deter.2_help"]
    assert all(n.reply and n.reply[0].isupper() for n in notices)  # formal, not styled
    assert engine.on_message("p", "irc", "hello?", T0).reply is None


def test_public_rooms_mostly_lurk_and_only_greet_or_chat(engine: DecoyEngine) -> None:
    joins = [engine.on_join("irc", f"#room{i}", T0) for i in range(200)]
    idles = [engine.on_idle("irc", "#main", T0 + timedelta(minutes=i), 3600) for i in range(400)]
    said = [d for d in joins + idles if d is not None]
    assert 0 < len(said) < 0.5 * (len(joins) + len(idles))
    assert {d.family for d in said} <= {"greeting", "small_talk"}
    assert all(engine.bank.get(d.line_id).public for d in said if d.line_id)
    assert engine.on_idle("irc", "#main", T0, 10) is None
    assert engine.on_join("irc", "#night", T0.replace(hour=20)) is None  # 04:00 in Cebu


def test_blocked_styled_line_falls_back_to_safe_stalling(matcher) -> None:  # type: ignore[no-untyped-def]
    engine = build_engine(matcher=matcher, retrieval="keyword", pace="instant")

    class Sloppy(type(engine.persona)):  # type: ignore[misc]
        def style(self, line: str, rng: random.Random) -> str:
            return "send pic"  # what a typo must never be allowed to produce

    engine.persona = Sloppy(
        **{f.name: getattr(engine.persona, f.name) for f in dataclasses.fields(engine.persona)}
    )
    d = engine.on_message("p", "irc", "what are you doing", T0)
    assert d.blocked and d.family == "stalling"
    assert d.reply == engine.bank.get(d.line_id).text  # type: ignore[arg-type]
    assert engine.guard.check(d.reply).ok  # type: ignore[arg-type]


def test_memory_per_conversation_stays_small(matcher) -> None:  # type: ignore[no-untyped-def]
    engine = build_engine(matcher=matcher, retrieval="keyword", pace="instant")
    engine.on_message("warm", "irc", "hi", T0)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(1000):
        engine.on_message(f"u{i}", "irc", "how old are you", T0)
        engine.on_message(f"u{i}", "irc", "my skype is joe.walker77", T0)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert engine.conversations == 1001
    assert grown / 1000 < 8_000, f"{grown / 1000:.0f} bytes per conversation"


# -- bank -----------------------------------------------------------------------------------
def _bank_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bank.toml"
    path.write_text('[meta]\nlanguage = "en"\n\n' + body, encoding="utf-8")
    return path


def test_bank_refuses_unreviewed_lines(tmp_path: Path) -> None:
    path = _bank_file(tmp_path, '[[greeting]]\nid = "g.hi"\ntext = "hi"\nreviewed = false\n')
    with pytest.raises(ConfigError, match=r"g\.hi is not marked reviewed"):
        load_bank([path], guard=load_guard())


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('[[chatter]]\nid = "c"\ntext = "hi"\nreviewed = true\n', "unknown family"),
        ('[[greeting]]\nid = "g"\ntext = "hi {shoe}"\nreviewed = true\n', "placeholders"),
        ('[[greeting]]\nid = "g"\ntext = "hi"\nreviewed = true\n' * 2, "used twice"),
        ('[[greeting]]\nid = "g"\ntext = "hi"\nreviewed = true\nmood = "x"\n', "unknown fields"),
    ],
)
def test_bank_refuses_malformed_lines(tmp_path: Path, body: str, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        load_bank([_bank_file(tmp_path, body)], guard=load_guard())


def test_bank_choice_fits_the_partner_and_the_topic() -> None:
    bank = load_bank(guard=load_guard(), retrieval="keyword")
    rng = random.Random(0)
    assert bank.choose("child_answer", "what is your name", [], rng, lang="en").topic == "name"
    line = bank.choose("child_answer", "how old r u", [], rng, topics=["age", "school"])
    assert line.discloses == "age"
    assert bank.choose("small_talk", "is it raining there", [], rng).id == "en.talk.rain"
    picked = bank.choose("small_talk", "do you play roblox", [], rng)
    assert not picked.text.endswith("?")  # never mirrors the partner's question
    tl = bank.choose("child_answer", "ilang taon ka na", [], rng, lang="tl")
    assert tl.lang == "tl" and tl.topic == "age"


def test_bank_avoids_recent_lines() -> None:
    bank = load_bank(guard=load_guard(), retrieval="keyword")
    used: list[str] = []
    for i in range(len(bank.family("stalling"))):
        used.append(bank.choose("stalling", "", used[-5:], random.Random(i)).id)
    assert all(used[i] not in used[max(0, i - 5) : i] for i in range(len(used)))


@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed")
def test_semantic_retrieval_with_the_shipped_model() -> None:
    bank = load_bank(guard=load_guard(), retrieval="semantic")
    rng = random.Random(0)
    line = bank.choose("child_answer", "r u old enough to be in school", [], rng, lang="en")
    assert line.topic in {"age", "school"}
    assert bank.retriever.name == "semantic" and bank.retriever.active  # type: ignore[attr-defined]
    rain = bank.choose("small_talk", "is the weather wet over there today", [], rng)
    assert rain.id in {"en.talk.rain", "en.talk.hot", "en.talk.ask_cold", "tl.talk.init"}


@pytest.mark.xdist_group("semantic")
@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed")
def test_prepared_semantic_bank_makes_one_model_call_per_new_partner_line() -> None:
    """Every bank line is embedded up front (the runtime does this before the first
    partner), so answering a line encodes that line alone, and the same choice is made."""
    bank = load_bank(guard=load_guard(), retrieval="semantic")
    cold = bank.choose("small_talk", "is the weather wet over there", [], random.Random(1))
    bank = load_bank(guard=load_guard(), retrieval="semantic")
    retriever = bank.retriever
    retriever.prepare(bank.lines)
    calls: list[int] = []
    encode = retriever._encode  # type: ignore[attr-defined]
    retriever._encode = lambda texts: calls.append(len(texts)) or encode(texts)  # type: ignore[attr-defined]
    warm = bank.choose("small_talk", "is the weather wet over there", [], random.Random(1))
    assert calls == [1] and warm.id == cold.id


# -- dossiers -----------------------------------------------------------------------------
def test_dossier_collects_identifiers_in_varied_forms(engine: DecoyEngine) -> None:
    chat(
        engine,
        "mark",
        [
            "how old are you",
            "my skype is john.smith77",
            "add me on fb: mark.t.22",
            "email me bob.r at example dot com",
            "my whatsapp is +63 917 123 4567",
            "my telegram @night_owl77",
            "BOB.R@EXAMPLE.COM",
            "im 45 years old, from Toronto, Canada",
        ],
        network="xmpp",
    )
    dossier = engine.dossier("mark", "xmpp")
    assert dossier is not None
    ids = dossier.identifiers
    assert ids["handle"][:3] == ["skype:john.smith77", "facebook:mark.t.22", ids["handle"][2]]
    assert "telegram:@night_owl77" in ids["handle"]
    assert ids["email"] == ["bob.r@example.com"]  # the second spelling is the same address
    assert ids["age"] == ["45"] and ids["city"] == ["Toronto"] and ids["country"] == ["CA"]
    assert any("+639171234567" in v for v in ids.get("phone", []) + ids["handle"])
    report = json.loads(dossier.to_json())
    assert list(report)[:8] == [
        "partner", "network", "level", "identifiers", "first_seen", "last_seen",
        "messages_in", "messages_out",
    ]  # fmt: skip
    assert report["partner"] == "mark" and report["network"] == "xmpp"
    assert report["messages_in"] == 8 and report["messages_out"] == 8
    assert report["first_seen"] == T0.isoformat()
    assert report["last_seen"] == (T0 + timedelta(minutes=7)).isoformat()


def test_dossier_is_bounded_against_floods(engine: DecoyEngine) -> None:
    for i in range(60):
        engine.on_message("f", "irc", f"mail me at user{i}@example.com", T0)
    dossier = engine.dossier("f", "irc")
    assert dossier is not None and len(dossier.identifiers["email"]) == 20
    assert len(dossier.timeline) <= 50


# -- transcripts --------------------------------------------------------------------------
def _transcript(engine: DecoyEngine) -> list:  # type: ignore[type-arg]
    chain = TranscriptChain()
    lines = []
    for i, text in enumerate(["hi", "how old are you", "my skype is john.smith77", "send pic"]):
        at = T0 + timedelta(minutes=i)
        d = engine.on_message("p", "irc", text, at)
        lines.append(
            chain.append(
                at=at, network="irc", partner="p", sender="partner", text=text, level=d.level
            )
        )
        lines.append(
            chain.append(
                at=at,
                network="irc",
                partner="p",
                sender="decoy",
                text=d.reply or "",
                level=d.level,
                line_id=d.line_id,
            )
        )
    lines.append(chain.append(at=T0, network="irc", partner="p", sender="operator", text="ok"))
    return lines


def test_transcript_chain_verifies_and_detects_edits(engine: DecoyEngine) -> None:
    lines = _transcript(engine)
    assert verify_chain(lines) is None
    assert [x.direction for x in lines[:2]] == ["in", "out"] and lines[-1].human
    parsed = [line_from_json(x.to_json()) for x in lines]
    assert parsed == lines and verify_chain(parsed) is None
    edited = [*lines]
    edited[3] = dataclasses.replace(lines[3], text="something else")
    assert verify_chain(edited) == 3
    assert verify_chain(lines[:2] + lines[3:]) == 2  # a dropped line
    assert verify_chain([lines[1], lines[0], *lines[2:]]) == 0  # reordered
    resealed = dataclasses.replace(lines[5], sender="operator")
    assert verify_chain([*lines[:5], resealed, *lines[6:]]) == 5
    assert verify_chain(lines[4:], prev=lines[3].hash, first_seq=4) is None
    with pytest.raises(ValueError, match="not a transcript line"):
        line_from_json('{"seq": 1}')


def test_dossiers_rebuild_from_transcripts(engine: DecoyEngine) -> None:
    lines = _transcript(engine)
    (rebuilt,) = dossiers_from_lines(lines)
    live = engine.dossier("p", "irc")
    assert live is not None
    assert rebuilt.level == live.level == "confirmed"
    assert rebuilt.identifiers == live.identifiers == {"handle": ["skype:john.smith77"]}
    assert rebuilt.messages_in == 4 and rebuilt.messages_out == 5
