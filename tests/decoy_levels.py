"""The decoy engine the level tests share (keyword retrieval, instant pace) and the level a
conversation of partner lines reaches. Imported by the grooming, language and trust tests:
each test uses fresh partner names, so one engine per module serves them all."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from vigil.content import load_lexicon, make_matcher
from vigil.decoy import DecoyEngine, build_engine

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ORDER = {"neutral": 0, "possible": 1, "probable": 2, "confirmed": 3}
_ids = itertools.count()


@pytest.fixture(scope="module")
def engine() -> DecoyEngine:
    matcher = make_matcher(load_lexicon())
    return build_engine(matcher=matcher, retrieval="keyword", pace="instant", rng_seed=5)


def final_level(engine: DecoyEngine, lines: list[str]) -> str:
    """The highest level the partner reached over ``lines`` (levels never go down)."""
    partner = f"g{next(_ids)}"
    levels = [
        engine.on_message(partner, "irc", text, T0 + timedelta(minutes=i)).level
        for i, text in enumerate(lines)
    ]
    return max(levels, key=ORDER.__getitem__)
