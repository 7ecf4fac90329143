"""The fused review queue: independent methods raise an account, and every row explains
itself with each method's figure."""

from __future__ import annotations

import pytest

from vigil.core import InputError
from vigil.fusion import CAP, filter_queue, fuse, kind_of_rows
from web_support import BOTH, CONSUMER, CONTENT, DECOY, DOSSIERS, FLAGS, META, SCORES, SECRET_TEXT


def test_content_and_metadata_together_rank_above_either_alone() -> None:
    rows = fuse(FLAGS, SCORES, DOSSIERS)
    by = {r.account: r for r in rows}
    # Same metadata score (0.8) and same content score (0.7): together beats each alone.
    assert by[BOTH].score > by[META].score
    assert by[BOTH].score > by[CONTENT].score
    assert rows[0].account == BOTH and rows[0].rank == 1
    assert by[BOTH].score == pytest.approx(1 - (1 - CAP * 0.8) * (1 - CAP * 0.7))
    assert [r.rank for r in rows] == list(range(1, len(rows) + 1))
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)


def test_every_explanation_names_each_method_with_its_figure() -> None:
    for row in fuse(FLAGS, SCORES, DOSSIERS):
        assert row.contributions
        for c in row.contributions:
            assert f"{c.method} {c.score:.2f}" in row.explanation
        assert f"fused {row.score:.3f}" in row.explanation
    both = next(r for r in fuse(FLAGS, SCORES, DOSSIERS) if r.account == BOTH)
    assert both.methods == ("metadata", "content")
    assert "metadata 0.80" in both.explanation and "content 0.70" in both.explanation
    assert "1 flagged conversation" in both.explanation


def test_only_evidence_enters_the_queue() -> None:
    accounts = {r.account for r in fuse(FLAGS, SCORES, DOSSIERS)}
    # Every flag, flagged content and graded decoy partners; not unflagged or neutral ones.
    assert accounts == {BOTH, META, CONTENT, CONSUMER, DECOY}
    decoy = next(r for r in fuse(FLAGS, SCORES, DOSSIERS) if r.account == DECOY)
    assert decoy.score == pytest.approx(CAP * 0.7)
    assert "level probable" in decoy.explanation and "email 1" in decoy.explanation
    # Identifier values stay in the dossier; the queue holds their counts.
    assert "someone@example.org" not in repr(decoy)


def test_no_text_reaches_a_row() -> None:
    for row in fuse(FLAGS, SCORES, DOSSIERS):
        assert SECRET_TEXT not in repr(row)
        for finding in row.findings:
            assert "text" not in finding["row"]


def test_row_fields_and_filters() -> None:
    rows = fuse(FLAGS, SCORES, DOSSIERS)
    both = next(r for r in rows if r.account == BOTH)
    assert both.country == "PH" and both.roles == ("source",)
    assert both.patterns == ("source", "den")
    assert dict(both.contacts_by_country) == {"US": 3, "GB": 2, "AU": 1}
    assert both.origin == "metadata" and both.window_start == "2026-10-26"
    assert [r.account for r in filter_queue(rows, role="consumer")] == [CONSUMER]
    assert {r.account for r in filter_queue(rows, country="ph")} == {BOTH, META}
    assert [r.account for r in filter_queue(rows, pattern="den")] == [BOTH]
    assert [r.account for r in filter_queue(rows, method="decoy")] == [DECOY]
    assert [r.account for r in filter_queue(rows, min_score=0.85)] == [BOTH]


def test_bad_rows_are_refused_in_one_sentence() -> None:
    with pytest.raises(InputError, match="not a number"):
        fuse([{**FLAGS[0], "score": "high"}])
    with pytest.raises(InputError, match="no account"):
        fuse([{k: v for k, v in FLAGS[0].items() if k != "account"}])
    with pytest.raises(InputError, match="levels are"):
        fuse([], [], [{**DOSSIERS[0], "level": "certain"}])
    assert kind_of_rows(FLAGS[0], "f") == "metadata"
    assert kind_of_rows(SCORES[0], "c") == "content"
    assert kind_of_rows(DOSSIERS[0], "d") == "decoy"
    with pytest.raises(InputError, match="is not a flags file"):
        kind_of_rows({"foo": 1}, "x.csv")
