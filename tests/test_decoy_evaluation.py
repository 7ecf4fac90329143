"""The decoy against scripted chat partners (issue 5's evaluation): funnel, targets, safety.

One seeded run of 200 partners (60 suspects) drives the in-process engine; the targets are
checked on it, and the CLI is checked to print the same funnel. The funnel's partner lines
come from the simulator's clinical phrase tables; the reader tests below use short lines that
hold an identifier and nothing else.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from vigil.cli.decoy_eval import DecoyEvaluation, SafetyCheck, evaluate
from vigil.content import load_lexicon, make_matcher
from vigil.core import ConfigError
from vigil.decoy import build_engine, load_guard
from vigil.decoy.identifiers import load_reader, read_identifiers
from vigil.decoy.readings import load_country_names
from vigil_cli import run_vigil

N, SHARE, SEED = 200, 0.3, 7


@pytest.fixture(scope="module")
def run() -> DecoyEvaluation:
    return evaluate(N, SHARE, SEED, retrieval="keyword")


def test_every_partner_is_contacted_and_graded(run: DecoyEvaluation) -> None:
    r = run.result
    assert (r["partners"], r["suspects"], r["benign"]) == (N, 60, 140)
    assert r["contacts"] == r["suspects"] and r["benign_contacts"] == r["benign"]
    assert r["unknown_outcomes"] == 0
    assert r["contacts"] >= r["possible"] >= r["probable"] >= r["confirmed"]


def test_targets_that_hold(run: DecoyEvaluation) -> None:
    assert run.result["false_escalation_rate"] <= 0.02
    assert run.result["identifier_recall"] >= 0.90
    assert run.targets["false_escalation_rate"] and run.targets["identifier_recall"]


def test_no_unsafe_outbound_line(run: DecoyEvaluation) -> None:
    assert run.decoy_lines > 500
    assert run.unsafe_count == 0 and run.targets["unsafe_lines"], run.unsafe
    # The independent check and the decoy's own guard agree that every reply is clean.
    guard = load_guard()
    replies = [t.text for t in run.transcript.turns if t.speaker == "decoy"]
    assert all(guard.check(text).ok for text in replies)


def test_confirmed_share_floor(run: DecoyEvaluation) -> None:
    # The >= 95% target holds on this small run (seed 7, 200 partners: 57 of 60 suspects,
    # 95.0%, after the 2026-11-22 revision; 87% before) but not on every seed of 1,000
    # partners (88-95%; see the README): some suspects ask once for the camera, a picture
    # or a show and leave. The decoy says its age in its first refusal, so a second
    # request, pressing, money or secrecy after it confirms; one camera request after she
    # answered his age question stays "probable" (an adult asking about his own camera, or
    # a tutor, would say the same words). The floors guard against regressions.
    assert run.result["suspects_confirmed_share"] >= 0.9
    fair = run.fairness
    assert fair["confirmable"] >= 30
    assert fair["confirmable_confirmed"] / fair["confirmable"] >= 0.9


def test_benign_partners_never_reach_confirmed(run: DecoyEvaluation) -> None:
    benign = {kind: row for kind, row in run.per_kind.items() if not row["suspect"]}
    assert benign and all(row["confirmed"] == 0 for row in benign.values())


def test_safety_check_flags_what_it_should() -> None:
    check = SafetyCheck(make_matcher(load_lexicon()))
    assert check.reasons("my cat is sleeping") == ()
    assert "link or address" in check.reasons("see www.example.com")
    assert "link or address" in check.reasons("mail me at x@example.org")
    assert any("payment" in r for r in check.reasons("send money by gcash"))


def test_cli_prints_the_funnel_and_writes_files(tmp_path: Path) -> None:
    out = tmp_path / "eval"
    done = run_vigil(
        "simulate", "partners", "--n", str(N), "--suspect-share", str(SHARE),
        "--seed", str(SEED), "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "suspects 60: contacts 60 -> possible" in text and "-> identified" in text
    assert "false escalations past possible" in text and "recall" in text
    assert "unsafe outbound lines: 0 of" in text
    assert ">= 95% of suspects confirmed" in text  # met or MISS: 56-57 of 60 on this run
    assert "met  0 unsafe outbound lines" in text
    report = json.loads((out / "funnel.json").read_text(encoding="utf-8"))
    assert report["unsafe_lines"] == 0 and report["funnel"]["partners"] == N
    lines = (out / "transcripts.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["speaker"] for line in lines} == {"partner", "decoy"}
    truth = (out / "truth.csv").read_text(encoding="utf-8").splitlines()
    assert truth[0].startswith("partner_id,kind,is_suspect,level") and len(truth) == N + 1


def test_cli_refuses_bad_input_in_one_sentence() -> None:
    done = run_vigil("simulate", "partners", "--n", "0")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "at least 1" in done.stderr
    done = run_vigil("simulate", "partners", "--retrieval", "magic")
    assert done.returncode != 0 and "Traceback" not in done.stderr


# -- what the decoy changed for this evaluation ----------------------------------------------
@pytest.mark.parametrize(
    ("line", "kind", "value", "surface"),
    [
        ("ｔｏｍ＿ｂ８８ on skype", "handle", "skype:tom_b88", "ｔｏｍ＿ｂ８８"),
        ("my mail is ａｎｎａ．ｋ＠ｅｘａｍｐｌｅ．ｃｏｍ", "email", "anna.k@example.com", None),
        ("t o m _ b 8 8 is my telegram", "handle", "telegram:@tom_b88", "t o m _ b 8 8"),
        ("tombrowning is my skype", "handle", "skype:tombrowning", "tombrowning"),
        ("paypal: tombrowning", "payment_handle", "paypal:@tombrowning", "tombrowning"),
        ("45 m here", "age", "45", None),
        ("i live in bergen", "city", "Bergen", "bergen"),
        ("n4sa m4nila ako", "city", "Manila", None),
        # Country names as their own people write them, in any script.
        ("i live in Norge now", "country", "NO", "Norge"),
        ("im from España", "country", "ES", "España"),
        ("taga Россия ako", "country", "RU", "Россия"),
        # Letters Unicode does not decompose.
        ("i live in Tromsø", "city", "Tromsø", "Tromsø"),
        # Age/sex/location shorthand.
        ("asl 47 m stockholm", "city", "Stockholm", "stockholm"),
        # A North American number without its "+", an address with "at" spelled out, an
        # address behind a lead-in the extractor stumbles on.
        ("1 312 555 0199 is my cell", "phone", "+13125550199", "1 312 555 0199"),
        ("mail me at tom.b88 at example.com", "email", "tom.b88@example.com", None),
        ("write to me at anna.k@example.de", "email", "anna.k@example.de", None),
        # Forms of one platform each, with the platform named anywhere on the line, and
        # an introduction that ends in the age (held-out partners, 2026-11-22).
        ("u on telegram? @rick_travels88", "handle", "telegram:@rick_travels88", None),
        ("add me: live:andy.k.uk on skype", "handle", "skype:live:andy.k.uk", None),
        ("live:andy.k.uk", "handle", "skype:live:andy.k.uk", "live:andy.k.uk"),
        ("i send on cashapp, $toml88 is mine", "payment_handle", "cashapp:$toml88", "$toml88"),
        ("hi im Mike, 38", "age", "38", "im Mike, 38"),
        ("hi im from Canada, 55", "age", "55", None),
        ("I am Klaus, 58 years, from Germany", "age", "58", None),
        ("nice. I am from Rotterdam, 49 jaar", "age", "49", None),
        ("m 45 nl here", "age", "45", None),
        ("I am fifty five, from Berlin", "age", "55", "I am fifty five"),
        ("where r u from? im from Manila", "city", "Manila", "Manila"),
        ("im from Manila, you?", "city", "Manila", "Manila"),
        ("gcash ko pala 0917-882-3410", "payment_handle", "gcash:+639178823410", None),
        ("my kakao id is oppa_mk", "handle", "kakaotalk:oppa_mk", "oppa_mk"),
        ("mine is coolbuilder_77 on roblox", "handle", "roblox:coolbuilder_77", None),
        ("I am Erik, 44 from Göteborg, Sweden", "age", "44", None),
        ("I live in Taipei, 36 years", "age", "36", None),
        ("im forty-two years old", "age", "42", None),
        ("m 45 nl here", "country", "NL", "nl"),
        # A WhatsApp number is a phone number too.
        ("my whatsapp +91 98123 45678", "phone", "+919812345678", None),
        ("or wickr: ohio_dave44", "handle", "wickr:@ohio_dave44", "ohio_dave44"),
        # A paypal.me name longer than PayPal's 20 characters is read whole, not cut short.
        (
            "paypal.me/averylongpaypalname2024x",
            "payment_handle",
            "paypal:@averylongpaypalname2024x",
            "paypal.me/averylongpaypalname2024x",
        ),
    ],
)
def test_reader_finds_disguised_identifiers(
    line: str, kind: str, value: str, surface: str | None
) -> None:
    hits = [h for h in read_identifiers(line) if h.kind == kind]
    assert [h.value for h in hits] == [value]
    if surface is not None:
        assert line[hits[0].start : hits[0].end] == surface  # offsets into the line as sent


@pytest.mark.parametrize(
    "line",
    [
        "im in school now",
        "i live alone",
        "my skype is down",
        "send it by paypal ok",
        "i am at the mall",
        "we have 1 312 apples",
        "the island is nice",
        "see you in 10 mins",
        "im at home, 10 mins",
        "go live:tonight",
        "i am twenty minutes away",
        # A place in a question put to her is hers, not the partner's.
        "you from cebu?",
        "taga cebu ka?",
    ],
)
def test_reader_takes_no_ordinary_word_for_an_identifier(line: str) -> None:
    assert read_identifiers(line) == []


@pytest.mark.parametrize(
    ("line", "region", "phone"),
    [
        ("text me on 07911 123456", "GB", "+447911123456"),
        ("text me 614-555-0147", "US", "+16145550147"),
        ("got whatsapp? 0412 345 678", "AU", "+61412345678"),
        ("text me 0917 123 4567", None, "+639171234567"),
        # A country named on the line comes before the one the dossier holds.
        ("im in the uk, 07911 123456", "US", "+447911123456"),
    ],
)
def test_numbers_in_national_form_read_with_the_partners_country(
    line: str, region: str | None, phone: str
) -> None:
    found = [i.value for i in load_reader().read(line, region) if i.kind == "phone"]
    assert found == [phone]


def test_the_engine_reads_a_number_with_the_country_the_partner_gave() -> None:
    engine = build_engine(retrieval="keyword", pace="instant", rng_seed=3)
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    engine.on_message("p", "irc", "hi im from Manchester, England", at)
    engine.on_message("p", "irc", "text me on 07911 123456", at)
    dossier = engine.dossier("p", "irc")
    assert dossier is not None and dossier.identifiers.get("phone") == ["+447911123456"]


def test_the_decoy_answers_age_questions_but_not_statements() -> None:
    engine = build_engine(retrieval="keyword", pace="instant", rng_seed=3)
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    asked = engine.on_message("a", "irc", "asl", at)
    assert asked.family == "child_answer" and "10" in (asked.reply or "")
    told = engine.on_message("b", "irc", "my son is 7 now", at)
    assert told.family != "child_answer" or "10" not in (told.reply or "")


def test_country_names_file_must_be_a_table_of_names(tmp_path: Path) -> None:
    bad = tmp_path / "names.toml"
    bad.write_text("[names]\nNorge = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="needs a \\[names\\] table") as err:
        load_country_names(bad)
    assert "\n" not in str(err.value).strip()
    assert load_country_names().names["norge"] == "Norway"
