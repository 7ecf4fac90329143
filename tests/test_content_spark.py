"""The lexicon stage inside Spark must score exactly as the embedded scan does."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest

from vigil.content.lexicon import load_lexicon
from vigil.content.matcher import make_matcher
from vigil.content.scan import ContentScan
from vigil.content.scoring import Scorer
from vigil.content.spark import check_identities, lexicon_identity, scan_spark
from vigil.core import EngineError, InputError
from vigil.simulate import ConversationParams, simulate_conversations

COLUMNS = ["conversation_id", "sender", "message_id", "text"]


@pytest.fixture(scope="module")
def spark(java: None) -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="PySpark is not installed (the 'spark' extra)")
    from pyspark.sql import SparkSession

    # Python workers must be this interpreter (the one with vigil), not whatever python3 is
    # on PATH; a session another test started earlier keeps its own setting, hence both.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    existing = SparkSession.getActiveSession()
    session = (
        SparkSession.builder.master("local[2]")
        .appName("vigil-content-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.pythonExec = sys.executable
    session.sparkContext.setLogLevel("ERROR")
    yield session
    if existing is None:
        session.stop()


def _messages() -> pa.Table:
    """Simulated chats in time order, so every conversation spans several partitions."""
    corpus = simulate_conversations(ConversationParams(seed=3, conversations=300))
    return corpus.messages.sort_by("sent_at").select(COLUMNS)


def _frame(spark: Any, table: pa.Table, partitions: int) -> Any:
    # Contiguous slices of the table, in order, one per partition.
    frame = spark.createDataFrame(
        table.append_column("pos", pa.array(range(table.num_rows), pa.int64())).to_pandas()
    )
    return frame.repartitionByRange(partitions, "pos").sortWithinPartitions("pos").drop("pos")


def _scores(scan: ContentScan) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    conversations = scan.conversation_scores()
    return (
        [
            (
                c.conversation_id,
                c.flagged,
                c.score,
                c.categories,
                c.explanation,
                c.requester,
                c.messages,
            )
            for c in conversations
        ],
        [
            (
                a.account,
                a.flagged,
                a.score,
                a.conversations,
                a.flagged_conversations,
                a.categories,
                a.explanation,
            )
            for a in scan.account_scores(conversations)
        ],
    )


@pytest.mark.spark
@pytest.mark.xdist_group("spark")
def test_spark_scan_scores_like_the_embedded_scan(spark: Any) -> None:
    partitions = 5
    table = _messages()
    lexicon = load_lexicon()
    scorer = Scorer(lexicon)

    embedded = ContentScan(scorer)
    matcher = make_matcher(lexicon)
    for batch in table.to_batches(max_chunksize=250):
        embedded.add_batch(batch, matcher)

    frame = _frame(spark, table, partitions)
    assert frame.rdd.getNumPartitions() == partitions
    evidence, participants, messages = scan_spark(frame)
    assert participants.column_names == ["conversation_id", "sender", "count_all"]
    assert participants.schema.field("count_all").type == pa.int64()
    assert messages == table.num_rows
    distributed = ContentScan(scorer)
    distributed.add_evidence(evidence, participants, messages)

    assert distributed.messages == embedded.messages
    assert dict(distributed.evidence) == dict(embedded.evidence)
    expected_conversations, expected_accounts = _scores(embedded)
    got_conversations, got_accounts = _scores(distributed)
    assert len(expected_conversations) == len(set(table.column("conversation_id").to_pylist()))
    assert any(c[1] for c in expected_conversations), "the corpus should flag something"
    assert got_conversations == expected_conversations
    assert got_accounts == expected_accounts


@pytest.mark.spark
@pytest.mark.xdist_group("spark")
def test_spark_scan_of_nothing_and_of_a_bad_frame(spark: Any) -> None:
    empty = spark.createDataFrame(
        [], "conversation_id string, sender string, message_id string, text string"
    )
    evidence, participants, messages = scan_spark(empty)
    assert (evidence, participants.num_rows, messages) == ([], 0, 0)
    with pytest.raises(InputError, match="lacks column"):
        scan_spark(empty.drop("text"))


def test_a_worker_with_another_lexicon_is_refused() -> None:
    english = lexicon_identity(load_lexicon(["en"]))
    everything = lexicon_identity(load_lexicon())
    check_identities(everything, [everything, everything])
    with pytest.raises(EngineError, match="term ids would differ"):
        check_identities(everything, [everything, english])
