"""The synthetic conversation corpus: contract, determinism, labels, evasion, safety, CLI."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vigil.cli.main import app
from vigil.core.errors import ConfigError
from vigil.simulate import (
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    ConversationCorpus,
    ConversationParams,
    simulate_conversations,
    write_conversations,
)
from vigil.simulate.conversation_obfuscation import WORD_TECHNIQUES
from vigil.simulate.conversation_phrases import BANK, LANGS
from vigil.simulate.conversation_scripts import KIND_WEIGHTS, SCRIPTS

MESSAGE_COLUMNS = [
    ("conversation_id", pa.string()),
    ("message_id", pa.string()),
    ("sender", pa.string()),
    ("sent_at", pa.timestamp("us", tz="UTC")),
    ("text", pa.string()),
    ("lang", pa.string()),
]
TRUTH_REQUIRED = {"conversation_id", "label", "kind", "requester", "lang"}
SMALL = ConversationParams(seed=11, conversations=300)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Explicit terms (English, Tagalog, Cebuano) that must never appear in generated text,
# even obfuscated. Single words, as a moderation list holds them.
DENYLIST = frozenset(
    _words(
        """
    sex sexy sexual nude nudes naked porn porno boobs breast breasts nipple nipples dick cock
    penis pussy vagina genital genitals fuck fucking horny masturbate orgasm undress undressed
    strip stripping topless panty panties underwear lingerie bra bikini kiss lick suck cum
    hubad hubo kantot iyot libog jakol titi puke pekpek suso dede bilat oten otin kayat bold
    """
    )
)
DENY_PHRASES = ("take off", "tanggal damit", "hubo na", "show body", "in bed")
# Words that would put a child into a positive (exploitative) conversation.
CHILD_WORDS = frozenset(
    _words(
        "kid kids child children son daughter anak bata girl boy baby niece nephew pamangkin "
        "apo bunso sister brother kapatid"
    )
)

_FOLD = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "3": "e",
        "1": "i",
        "!": "i",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "\u0430": "a",
        "\u03b1": "a",
        "\u0435": "e",
        "\u043e": "o",
        "\u03bf": "o",
        "\u0440": "p",
        "\u03c1": "p",
        "\u0441": "c",
        "\u0445": "x",
        "\u0443": "y",
        "\u0456": "i",
        "\u03bd": "v",
    }
)


# Single letters joined by separators: "s-h-o-w", "g c a s h", "p_a_y".
_SPELLED = re.compile(r"(?<![^\W_])[^\W_](?:[.\-_* ][^\W_])+(?![^\W_])")


def normalise(text: str, keep: int = 1) -> str:
    """Undo every evasion the generator uses, so the safety scan cannot be dodged.

    Stretched letters collapse to `keep` copies: 1 for "seeend", 2 for "boooots"."""
    t = unicodedata.normalize("NFKC", text).lower().translate(_FOLD)
    t = _SPELLED.sub(lambda m: re.sub(r"[.\-_* ]", "", m.group()), t)  # s-h-o-w -> show
    return re.sub(r"(\w)\1{2,}", r"\1" * keep, t)  # pleeease -> please


@pytest.fixture(scope="module")
def corpus() -> ConversationCorpus:
    return simulate_conversations(ConversationParams())


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[ConversationCorpus, Path]:
    c = simulate_conversations(SMALL)
    out = tmp_path_factory.mktemp("conversations")
    write_conversations(c, out)
    return c, out


def all_texts(c: ConversationCorpus) -> list[str]:
    return c.messages.column("text").to_pylist() + c.transcripts.column("text").to_pylist()


# ---- contract -----------------------------------------------------------------------------


def test_messages_follow_the_contract(corpus: ConversationCorpus) -> None:
    assert [(f.name, f.type) for f in corpus.messages.schema] == MESSAGE_COLUMNS
    assert corpus.messages.num_rows > 0
    assert all(col.null_count == 0 for col in corpus.messages.columns)
    assert len(set(corpus.messages.column("message_id").to_pylist())) == corpus.messages.num_rows
    assert set(corpus.messages.column("lang").to_pylist()) == set(LANGS)


def test_truth_and_accounts_columns(corpus: ConversationCorpus) -> None:
    assert set(corpus.truth.column_names) >= TRUTH_REQUIRED
    assert corpus.truth.num_rows == 2000
    assert set(corpus.truth.column("label").to_pylist()) == {0, 1}
    assert set(corpus.truth.column("lang").to_pylist()) <= {"en", "tl", "ceb", "mixed"}
    assert corpus.accounts.column_names[:2] == ["account", "label"]


def test_conversation_shape_and_time(corpus: ConversationCorpus) -> None:
    rows = corpus.messages.to_pylist() + corpus.transcripts.to_pylist()
    by_conv: dict[str, list[dict[str, object]]] = {}
    for r in rows:
        by_conv.setdefault(str(r["conversation_id"]), []).append(r)
    assert set(by_conv) == set(corpus.truth.column("conversation_id").to_pylist())
    march = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    for msgs in by_conv.values():
        assert 3 <= len(msgs) <= 12
        assert len({m["sender"] for m in msgs}) == 2
        times = [m["sent_at"] for m in msgs]
        assert times == sorted(times)  # type: ignore[type-var]
        assert all(march[0] <= t < march[1] for t in times)  # type: ignore[operator]


def test_lines_are_short(corpus: ConversationCorpus) -> None:
    assert max(len(t) for t in all_texts(corpus)) <= 80
    assert min(len(t.strip()) for t in all_texts(corpus)) >= 1


# ---- determinism and variety --------------------------------------------------------------


def test_same_seed_same_corpus() -> None:
    a, b = simulate_conversations(SMALL), simulate_conversations(SMALL)
    assert a.messages.equals(b.messages)
    assert a.truth.equals(b.truth)
    assert a.accounts.equals(b.accounts)
    assert a.transcripts.equals(b.transcripts)


def test_other_seed_other_corpus_and_mix() -> None:
    a = simulate_conversations(SMALL)
    b = simulate_conversations(ConversationParams(seed=12, conversations=300))
    assert a.messages.column("text").to_pylist() != b.messages.column("text").to_pylist()
    assert Counter(a.truth.column("kind").to_pylist()) != Counter(
        b.truth.column("kind").to_pylist()
    )


def test_phrase_banks_have_alternatives() -> None:
    used = {
        intent for scripts in SCRIPTS.values() for s in scripts for b in s for _, intent in b.steps
    }
    assert used <= set(BANK)
    for intent in used:
        for lang in LANGS:
            assert len(BANK[intent].get(lang, ())) >= 6, (intent, lang)


def test_surface_forms_vary(corpus: ConversationCorpus) -> None:
    truth = corpus.truth.to_pandas()
    msgs = corpus.messages.to_pandas()
    pos_ids = set(truth.conversation_id[truth.label == 1])
    pos_texts = msgs.text[msgs.conversation_id.isin(pos_ids)]
    assert pos_texts.nunique() > 0.6 * len(pos_texts)


# ---- labels and kinds ---------------------------------------------------------------------


@pytest.mark.parametrize("share", [0.1, 0.2, 0.5])
def test_positive_share_is_exact(share: float) -> None:
    c = simulate_conversations(ConversationParams(seed=3, conversations=400, positive_share=share))
    assert sum(c.truth.column("label").to_pylist()) == round(400 * share)


def test_every_kind_present_in_proportion(corpus: ConversationCorpus) -> None:
    truth = corpus.truth.to_pandas()
    assert set(truth.kind) == set(POSITIVE_KINDS) | set(NEGATIVE_KINDS)
    assert set(truth.kind[truth.label == 1]) == set(POSITIVE_KINDS)
    assert set(truth.kind[truth.label == 0]) == set(NEGATIVE_KINDS)
    for group, kinds in ((1, POSITIVE_KINDS), (0, NEGATIVE_KINDS)):
        counts = truth.kind[truth.label == group].value_counts(normalize=True)
        total = sum(KIND_WEIGHTS[k] for k in kinds)
        for k in kinds:
            expected = KIND_WEIGHTS[k] / total
            assert 0.4 * expected <= counts[k] <= 2.0 * expected, (k, counts[k], expected)


def test_every_kind_even_in_a_small_corpus() -> None:
    c = simulate_conversations(ConversationParams(seed=5, conversations=60))
    assert set(c.truth.column("kind").to_pylist()) == set(POSITIVE_KINDS) | set(NEGATIVE_KINDS)


def test_requester_is_the_customer_and_accounts_follow(corpus: ConversationCorpus) -> None:
    truth = corpus.truth.to_pandas()
    msgs = pa.concat_tables(
        [corpus.messages, corpus.transcripts.select(corpus.messages.column_names)]
    ).to_pandas()
    senders = msgs.groupby("conversation_id").sender.agg(set)
    side = dict(zip(*corpus.accounts.select(["account", "side"]).to_pydict().values(), strict=True))
    for row in truth.itertuples():
        if row.label:
            assert row.requester in senders[row.conversation_id]
            assert side[row.requester] == "abroad"
        else:
            assert row.requester == ""
    offenders = set(truth.requester[truth.label == 1])
    acc = corpus.accounts.to_pandas()
    assert set(acc.account[acc.label == 1]) == offenders
    assert set(acc.account) == set(msgs.sender)


def test_hard_negatives_share_the_vocabulary(corpus: ConversationCorpus) -> None:
    truth = corpus.truth.to_pandas()
    msgs = corpus.messages.to_pandas().merge(truth[["conversation_id", "kind", "label"]])
    neg = msgs[msgs.label == 0].text.map(normalise)
    for word in ("gcash", "western union", "video call", "show", "cam", "grade", "how old"):
        assert neg.str.contains(word, regex=False).any(), word
    news = msgs[msgs.kind == "news_ngo"].text.map(normalise)
    assert news.str.contains("exploitation").any() and news.str.contains("webcam").any()


# ---- obfuscation --------------------------------------------------------------------------


def test_obfuscation_rate_holds_for_both_labels(corpus: ConversationCorpus) -> None:
    truth = corpus.truth.to_pandas()
    chats = truth[truth.medium == "chat"]
    for label in (0, 1):
        share = chats.obfuscated[chats.label == label].mean()
        assert abs(share - 0.3) < 0.03, (label, share)
    assert not truth.obfuscated[truth.medium != "chat"].any()


OBFUSCATION_FORMS = {
    "fullwidth": re.compile(r"[\uff01-\uff5e]"),
    "math_bold": re.compile(r"[\U0001d400-\U0001d433\U0001d7ce-\U0001d7d7]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "leet": re.compile(r"[a-z][0-9@$!][a-z]", re.IGNORECASE),
    "separated": re.compile(r"\b\w([.\-_*])\w\1\w\1\w"),
    "spaced_letters": re.compile(r"(?<!\S)\w \w \w \w(?!\S)"),
    "stretched": re.compile(r"([a-z])\1\1", re.IGNORECASE),
    "random_case": re.compile(r"\b[a-z]+[A-Z]+[a-z]*\b"),
    "spaced_digits": re.compile(r"(?<!\S)\d \d(?!\S)"),
}


def test_obfuscated_forms_appear(corpus: ConversationCorpus) -> None:
    text = "\n".join(corpus.messages.column("text").to_pylist())
    for name, pattern in OBFUSCATION_FORMS.items():
        assert pattern.search(text), name


def test_no_obfuscation_when_rate_is_zero() -> None:
    c = simulate_conversations(ConversationParams(seed=4, conversations=300, obfuscation_rate=0))
    assert not any(c.truth.column("obfuscated").to_pylist())
    assert all(t.isascii() for t in all_texts(c))


def test_obfuscation_survives_normalisation(corpus: ConversationCorpus) -> None:
    """Evasive spellings stay recoverable: a telling word of the clean bank reappears."""
    truth = corpus.truth.to_pandas()
    obf_ids = set(truth.conversation_id[truth.obfuscated & (truth.label == 1)])
    msgs = corpus.messages.to_pandas()
    texts = msgs.text[msgs.conversation_id.isin(obf_ids)].map(normalise)
    found = texts.str.contains(r"\bshow|\bcam\b|\bpay|gcash|\bold\b|\bgrade\b|padala|bayad")
    assert found.mean() > 0.3


# ---- safety -------------------------------------------------------------------------------


def _deny_hits(text: str) -> list[str]:
    hits = []
    for form in (text.lower(), normalise(text), normalise(text, keep=2)):
        hits += [w for w in re.findall(r"[a-z]+", form) if w in DENYLIST]
        hits += [p for p in DENY_PHRASES if p in form]
    return hits


def test_the_safety_scan_sees_through_every_evasion() -> None:
    """The scan is not vacuous: each evasion the generator uses is undone before matching."""
    rng = random.Random(0)
    for word in sorted(DENYLIST):
        for technique in (*WORD_TECHNIQUES, ("plain", 1.0, lambda w, r: w)):
            disguised = technique[2](word, rng)
            assert _deny_hits(f"ok {disguised} ok"), (technique[0], disguised)


def test_no_explicit_words_in_any_generated_text() -> None:
    for seed in (1, 2, 3):
        c = simulate_conversations(
            ConversationParams(seed=seed, conversations=1500, obfuscation_rate=0.8)
        )
        bad = [(t, h) for t in all_texts(c) if (h := _deny_hits(t))]
        assert not bad, bad[:5]


def test_no_explicit_words_in_the_phrase_banks() -> None:
    for intent, by_lang in BANK.items():
        for lang, templates in by_lang.items():
            for t in templates:
                words = set(re.findall(r"[a-z]+", t.lower()))
                assert not words & DENYLIST, (intent, lang, t)
                assert not any(p in t.lower() for p in DENY_PHRASES), (intent, lang, t)


def test_positive_conversations_never_mention_a_child(corpus: ConversationCorpus) -> None:
    truth = corpus.truth.to_pandas()
    pos_ids = set(truth.conversation_id[truth.label == 1])
    rows = corpus.messages.to_pandas()
    for t in rows.text[rows.conversation_id.isin(pos_ids)]:
        assert not set(re.findall(r"[a-z]+", normalise(t))) & CHILD_WORDS, t
    positive_intents = {
        intent for k in POSITIVE_KINDS for s in SCRIPTS[k] for b in s for _, intent in b.steps
    }
    for intent in positive_intents:
        for templates in BANK[intent].values():
            assert not any("{kid" in t for t in templates), intent


# ---- files --------------------------------------------------------------------------------


def test_jsonl_parquet_and_csv(written: tuple[ConversationCorpus, Path]) -> None:
    c, out = written
    lines = (out / "messages.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == c.messages.num_rows
    for line in lines:
        obj = json.loads(line)
        assert list(obj) == [name for name, _ in MESSAGE_COLUMNS]
        assert obj["sent_at"].endswith("Z")
        assert datetime.fromisoformat(obj["sent_at"]).tzinfo is not None
    assert pq.read_table(out / "messages.parquet").equals(c.messages)
    truth = pacsv.read_csv(out / "truth.csv").to_pandas()
    assert set(truth.columns) >= TRUTH_REQUIRED
    assert len(truth) == SMALL.conversations
    assert (truth.requester.fillna("") == c.truth.column("requester").to_pylist()).all()
    accounts = pacsv.read_csv(out / "accounts.csv").to_pandas()
    assert list(accounts.columns[:2]) == ["account", "label"]
    assert len(accounts) == c.accounts.num_rows


VTT_TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$")
SRT_TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})$")


def _ms(g: tuple[str, ...]) -> tuple[int, int]:
    h1, m1, s1, f1, h2, m2, s2, f2 = map(int, g)
    return (((h1 * 60 + m1) * 60 + s1) * 1000 + f1, ((h2 * 60 + m2) * 60 + s2) * 1000 + f2)


def _check_cues(blocks: list[str], timing: re.Pattern[str], speaker: re.Pattern[str]) -> list[str]:
    last_end, speakers = -1, []
    for i, block in enumerate(blocks, 1):
        lines = block.split("\n")
        assert lines[0] == str(i) and len(lines) == 3, block
        m = timing.match(lines[1])
        assert m, lines[1]
        start, end = _ms(m.groups())
        assert last_end <= start < end
        last_end = end
        s = speaker.match(lines[2])
        assert s and s.group(2).strip(), lines[2]
        speakers.append(s.group(1))
    return speakers


def test_transcripts_are_well_formed(written: tuple[ConversationCorpus, Path]) -> None:
    c, out = written
    truth = c.truth.to_pandas().set_index("conversation_id")
    files = sorted((out / "transcripts").iterdir())
    assert {f.suffix for f in files} == {".vtt", ".srt"}
    assert {f.stem for f in files} == set(truth.index[truth.medium != "chat"])
    cues = c.transcripts.to_pandas()
    for f in files:
        assert truth.medium[f.stem] == f.suffix[1:]
        text = f.read_text(encoding="utf-8")
        if f.suffix == ".vtt":
            assert text.startswith("WEBVTT\n\n")
            blocks = text.strip().split("\n\n")[1:]
            speakers = _check_cues(blocks, VTT_TIMING, re.compile(r"^<v ([^>]+)>(.*)$"))
        else:
            blocks = text.strip().split("\n\n")
            speakers = _check_cues(blocks, SRT_TIMING, re.compile(r"^([\w.]+): (.*)$"))
        assert speakers == cues.sender[cues.conversation_id == f.stem].tolist()


def test_positive_transcripts_exist(corpus: ConversationCorpus) -> None:
    truth = corpus.truth.to_pandas()
    calls = truth[truth.medium != "chat"]
    assert abs(len(calls) - 100) <= 2 and calls.label.sum() >= 1


# ---- parameters and CLI -------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        ConversationParams(conversations=0),
        ConversationParams(positive_share=1.5),
        ConversationParams(obfuscation_rate=-0.1),
        ConversationParams(transcript_share=2),
    ],
)
def test_bad_params_are_refused(params: ConversationParams) -> None:
    with pytest.raises(ConfigError):
        simulate_conversations(params)


def test_cli_simulates_conversations(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "simulate",
            "conversations",
            "--out",
            str(tmp_path),
            "--conversations",
            "150",
            "--seed",
            "3",
            "--positive-share",
            "0.3",
            "--obfuscation-rate",
            "0.5",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "150 conversations (45 positive" in result.output
    for name in ("messages.jsonl", "messages.parquet", "truth.csv", "accounts.csv"):
        assert (tmp_path / name).is_file()
    assert any((tmp_path / "transcripts").iterdir())


def test_cli_help_and_bad_share(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["simulate", "conversations", "--help"]).exit_code == 0
    bad = runner.invoke(
        app, ["simulate", "conversations", "--out", str(tmp_path), "--positive-share", "3"]
    )
    assert isinstance(bad.exception, ConfigError)
