"""Lexicon matching: obfuscation tolerance, word boundaries, engine parity, spans."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.content import fold_array, fold_text, load_lexicon, make_matcher, spans
from vigil.content.lexicon import CATEGORIES
from vigil.core import ConfigError
from vigil.simulate import ConversationParams, simulate_conversations

LEXICON = load_lexicon()


@pytest.fixture(scope="module", params=["hyperscan", "python-re"])
def matcher(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    return make_matcher(LEXICON, request.param)


def keys(matcher, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    hits = matcher.scan(pa.array([text]))
    return {LEXICON.terms[t].key for t in hits.terms}


@pytest.mark.parametrize(
    "text",
    [
        "send via gcash",
        "send via GCASH",
        "send via g c a s h",
        "send via g.c.a.s.h",
        "send via g-c-a-s-h",
        "send via g_c_a_s_h",
        "send via gcaaash",
        "send via gc4$h",
        "send via ｇｃａｓｈ",
        "send via 𝐠𝐜𝐚𝐬𝐡",
        "send via gсаsh",  # Cyrillic с and а
        "send via gcásh",
    ],
)
def test_every_disguise_of_a_term_matches(matcher, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "en:payment:gcash" in keys(matcher, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("we met in Essex", "en:sexual_request:sex"),
        ("she will repay the loan", "en:payment:pay"),
        ("my camera broke", "en:webcam_show:cam"),
        ("the showroom opens at 9", "en:webcam_show:show"),
        ("a classic movie", "en:sexual_request:sex"),
        ("tipid mode", "en:payment:tip"),
    ],
)
def test_words_inside_other_words_do_not_match(matcher, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert absent not in keys(matcher, text)


def test_a_term_never_spans_two_messages(matcher) -> None:  # type: ignore[no-untyped-def]
    hits = matcher.scan(pa.array(["g c a", "s h ok"]))
    assert "en:payment:gcash" not in {LEXICON.terms[t].key for t in hits.terms}


def test_ages_and_grades(matcher) -> None:  # type: ignore[no-untyped-def]
    assert "en:child_age:~minor_years" in keys(matcher, "she is 1 4 yrs old")
    assert "en:child_age:~grade" in keys(matcher, "grade 7 na ko")
    assert "en:child_age:~bare_number" in keys(matcher, "13 po")
    assert "en:adult_age:~adult_years" in keys(matcher, "I am 34 years old")
    assert "tl:child_age:ilang taon ka" in keys(matcher, "ilang taon ka na?")
    assert "ceb:child_age:pila imong edad" in keys(matcher, "pila imong edad?")
    assert not any("child_age" in k for k in keys(matcher, "I am 34 years old"))
    # "g4" is a grade; an adult's "61" is not "g1" in leetspeak.
    assert "en:child_age:~grade" in keys(matcher, "g4 na ako")
    assert not any("child_age" in k for k in keys(matcher, "Ken here, 61, from Leeds"))


def test_hits_land_on_the_right_rows(matcher) -> None:  # type: ignore[no-untyped-def]
    texts = pa.array(["hello", None, "", "pay via paypal", "ok", "how old r u"])
    hits = matcher.scan(texts)
    rows = {
        int(r): LEXICON.terms[int(t)].category for r, t in zip(hits.rows, hits.terms, strict=True)
    }
    assert rows == {3: "payment", 5: "child_age"}


def test_engines_agree_on_a_simulated_corpus() -> None:
    corpus = simulate_conversations(
        ConversationParams(seed=5, conversations=300, obfuscation_rate=0.6)
    )
    texts = corpus.messages.column("text")
    fast = make_matcher(LEXICON, "hyperscan").scan(texts)
    slow = make_matcher(LEXICON, "python-re").scan(texts)
    assert len(fast) > 100
    assert set(zip(fast.rows.tolist(), fast.terms.tolist(), strict=True)) == set(
        zip(slow.rows.tolist(), slow.terms.tolist(), strict=True)
    )


def test_spans_point_into_the_original_text() -> None:
    text = "ok ｓｅｎｄ via gсаsh pls"
    found = spans(LEXICON, text)
    by_key = {LEXICON.terms[s.term].key: text[s.start : s.end] for s in found}
    assert by_key["en:payment:gcash"] == "gсаsh"


def test_folding_keeps_an_index_into_the_original() -> None:
    folded, origin = fold_text("Ｐáy")
    assert folded == "pay"
    assert origin == [0, 1, 2]


def test_lexicons_hold_only_short_terms() -> None:
    for term in LEXICON.terms:
        name = term.key.split(":", 2)[2]
        if name.startswith("~"):
            continue
        assert len(name) <= 30 and len(name.split()) <= 4, term.key
        assert term.category in CATEGORIES


def test_every_language_covers_the_core_categories() -> None:
    for language in ("en", "tl", "ceb"):
        categories = {t.category for t in LEXICON.terms if t.language == language}
        assert {"sexual_request", "payment", "child_age", "secrecy"} <= categories, language


def test_a_user_folder_adds_a_language_and_overrides_one(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text('[payment]\n"kwartazz" = 0.9\n', encoding="utf-8")
    (tmp_path / "ceb.toml").write_text('[payment]\n"bayadzz" = 1.0\n', encoding="utf-8")
    lexicon = load_lexicon(extra_dirs=[tmp_path])
    assert "xx" in lexicon.languages
    ceb = [t.key for t in lexicon.terms if t.language == "ceb"]
    assert ceb == ["ceb:payment:bayadzz"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[nonsense]\n"x" = 1\n', "unknown category"),
        ('[payment]\n"x" = 9\n', "must be a number"),
        ('[payment]\n"x" = "high"\n', "must be a number"),
        ("[payment\n", "cannot be read"),
        ('[payment.patterns]\nbad = { pattern = "(", weight = 1 }\n', "not valid"),
    ],
)
def test_a_broken_lexicon_is_refused_with_one_sentence(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "zz.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_lexicon(["zz"], extra_dirs=[tmp_path])


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ConfigError, match="no lexicon"):
        load_lexicon(["qq"])


# Letters and disguises an offender might mix, plus emoji, combining marks and separators.
_ALPHABET = "abcdegiklnoprstuwxyz ÄßİﬁẞＡｂ𝐚𝐛ае орсху αν ÉéñÑ.-_*1234!@$😀ǅ\u0301\u0308\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=8))
def test_folding_and_both_engines_agree_on_arbitrary_text(texts: list[str]) -> None:
    array = pa.array(texts, pa.string())
    assert fold_array(array).to_pylist() == [fold_text(t)[0] for t in texts]
    fast = make_matcher(LEXICON, "hyperscan").scan(array)
    slow = make_matcher(LEXICON, "python-re").scan(array)
    assert set(zip(fast.rows.tolist(), fast.terms.tolist(), strict=True)) == set(
        zip(slow.rows.tolist(), slow.terms.tolist(), strict=True)
    )
    assert all(0 <= r < len(texts) for r in fast.rows.tolist())
