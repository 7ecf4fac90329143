"""The lexicon stage inside Spark, for messages that live in a data lake.

``scan_spark`` runs ``batch_evidence`` on the Arrow batches of each partition through
``mapInArrow`` (no per-row Python UDF) and brings back only what ``ContentScan.add_evidence``
needs: the evidence of messages that hit (rare) and the message count per conversation and
participant (aggregated by Spark first). No message text leaves the workers.

Workers load the lexicon themselves and build the matcher once per Python worker process.
Term ids are positions in the lexicon, so driver and workers must load the same one: every
partition reports the size and digest of its lexicon, and a mismatch is an ``EngineError``.

Evidence comes back in DataFrame order (partition, then row), the order ``df.collect()``
gives and the order an embedded scan of the same rows sees; the scorer's explanations list
message ids in that order. Sort the DataFrame first (e.g. by ``sent_at``) if that matters.

pyspark is imported lazily so this module imports without the ``spark`` extra.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from vigil.content.lexicon import Lexicon, load_lexicon
from vigil.content.matcher import Matcher, make_matcher
from vigil.content.scan import batch_hits
from vigil.content.scoring import MessageEvidence
from vigil.core import EngineError, InputError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

COLUMNS: tuple[str, ...] = ("conversation_id", "sender", "message_id", "text")

# One schema for every row the workers emit; ``kind`` says which fields are set.
#   hit:         conversation_id, sender, message_id, terms, part, seq (order within part)
#   participant: conversation_id, sender, n (messages in one Arrow batch)
#   lexicon:     message_id = "<size>:<digest>" of the worker's lexicon, n = 1
OUTPUT_SCHEMA = pa.schema(
    [
        pa.field("kind", pa.string()),
        pa.field("conversation_id", pa.string()),
        pa.field("sender", pa.string()),
        pa.field("message_id", pa.string()),
        pa.field("terms", pa.list_(pa.int32())),
        pa.field("n", pa.int64()),
        pa.field("part", pa.int32()),
        pa.field("seq", pa.int64()),
    ]
)
_PARTICIPANTS = pa.schema(
    [("conversation_id", pa.string()), ("sender", pa.string()), ("count_all", pa.int64())]
)
_SPARK_SCHEMA = (
    "kind string, conversation_id string, sender string, message_id string, "
    "terms array<int>, n bigint, part int, seq bigint"
)

# Per Python worker process (Spark reuses workers across tasks): lexicon arguments ->
# (matcher, lexicon identity). Lives at module level, and the partition function is pickled
# by reference, so the cache survives from one task to the next.
_WORKERS: dict[tuple[tuple[str, ...] | None, tuple[str, ...]], tuple[Matcher, str]] = {}


def lexicon_identity(lexicon: Lexicon) -> str:
    """``"<terms>:<digest>"``: equal only if every term id means the same term."""
    digest = hashlib.sha256()
    for term in lexicon.terms:
        digest.update(f"{term.id}\t{term.key}\t{term.weight}\t{term.pattern}\n".encode())
    return f"{len(lexicon.terms)}:{digest.hexdigest()[:16]}"


def check_identities(expected: str, seen: Sequence[str]) -> None:
    """Raise if any worker loaded a different lexicon from the driver's."""
    wrong = sorted(set(seen) - {expected})
    if wrong:
        raise EngineError(
            f"Spark workers loaded a lexicon of {wrong[0].split(':')[0]} terms where the driver "
            f"loaded {expected.split(':')[0]} (or the same size with other terms), so term ids "
            "would differ; install the same vigil and lexicon folders on every worker."
        )


def _worker_matcher(
    languages: tuple[str, ...] | None, extra_dirs: tuple[str, ...], expected: str
) -> tuple[Matcher, str]:
    key = (languages, extra_dirs)
    cached = _WORKERS.get(key)
    # A lexicon folder edited since this worker cached it reloads instead of failing.
    if cached is None or cached[1] != expected:
        lexicon = load_lexicon(languages, [Path(d) for d in extra_dirs])
        cached = (make_matcher(lexicon), lexicon_identity(lexicon))
        _WORKERS[key] = cached
    return cached


def _strings(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.string())


def _scan_partition(
    languages: tuple[str, ...] | None,
    extra_dirs: tuple[str, ...],
    expected: str,
    batches: Iterator[pa.RecordBatch],
) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: one output batch per input batch, then the lexicon identity."""
    from pyspark import TaskContext

    context = TaskContext.get()
    part = context.partitionId() if context is not None else 0
    matcher: Matcher | None = None
    identity = ""
    seq = 0
    for batch in batches:
        if matcher is None:
            matcher, identity = _worker_matcher(languages, extra_dirs, expected)
        found, participants = batch_hits(batch, matcher)
        hits, people = found.num_rows, participants.num_rows
        yield pa.RecordBatch.from_arrays(
            [
                pa.array(["hit"] * hits + ["participant"] * people, pa.string()),
                pa.concat_arrays(
                    [
                        _strings(found.column("conversation_id")),
                        _strings(participants.column("conversation_id")),
                    ]
                ),
                pa.concat_arrays(
                    [
                        _strings(found.column("sender")),
                        _strings(participants.column("sender")),
                    ]
                ),
                pa.concat_arrays(
                    [
                        _strings(found.column("message_id")),
                        pa.nulls(people, pa.string()),
                    ]
                ),
                pa.concat_arrays(
                    [
                        found.column("terms").combine_chunks(),
                        pa.nulls(people, pa.list_(pa.int32())),
                    ]
                ),
                pa.concat_arrays(
                    [
                        pa.nulls(hits, pa.int64()),
                        participants.column("count_all").combine_chunks().cast(pa.int64()),
                    ]
                ),
                pa.concat_arrays(
                    [pa.array([part] * hits, pa.int32()), pa.nulls(people, pa.int32())]
                ),
                pa.concat_arrays(
                    [pa.array(range(seq, seq + hits), pa.int64()), pa.nulls(people, pa.int64())]
                ),
            ],
            schema=OUTPUT_SCHEMA,
        )
        seq += hits
    if matcher is not None:
        yield pa.RecordBatch.from_pylist(
            [{"kind": "lexicon", "message_id": identity, "n": 1}], schema=OUTPUT_SCHEMA
        )


def scan_spark(
    df: DataFrame,
    *,
    languages: Sequence[str] | None = None,
    extra_lexicon_dirs: Sequence[Path] = (),
) -> tuple[list[MessageEvidence], pa.Table, int]:
    """Lexicon-scan a Spark DataFrame of messages; feed the result to ``ContentScan.add_evidence``.

    ``df`` needs string columns conversation_id, sender, message_id and text; others are
    ignored. Returns the evidence (DataFrame order), the participants (conversation_id,
    sender, count_all) and the number of messages. Workers need vigil installed and the
    ``extra_lexicon_dirs`` at the same paths.
    """
    from pyspark.sql import functions as F  # noqa: N812 (Spark's own convention)

    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"The messages DataFrame lacks column(s) {', '.join(missing)}.")
    lexicon = load_lexicon(languages, extra_lexicon_dirs)
    expected = lexicon_identity(lexicon)
    body = partial(
        _scan_partition,
        tuple(languages) if languages else None,
        tuple(str(d) for d in extra_lexicon_dirs),
        expected,
    )
    rows = df.select(*[F.col(c).cast("string") for c in COLUMNS]).mapInArrow(body, _SPARK_SCHEMA)
    # One job: hits pass through with unique keys (part, seq) while participant rows sum
    # across batches and partitions; two actions would run the whole scan twice.
    result = rows.groupBy("kind", "conversation_id", "sender", "message_id", "part", "seq").agg(
        F.sum("n").alias("n"), F.first("terms").alias("terms")
    )
    table = _collect(result)

    kinds = table.column("kind")
    check_identities(
        expected, table.filter(pc.equal(kinds, "lexicon")).column("message_id").to_pylist()
    )
    participants = (
        table.filter(pc.equal(kinds, "participant"))
        .select(["conversation_id", "sender", "n"])
        .rename_columns(["conversation_id", "sender", "count_all"])
        .cast(_PARTICIPANTS)
        .sort_by([("conversation_id", "ascending"), ("sender", "ascending")])
    )
    messages = int(pc.sum(participants.column("count_all")).as_py() or 0)
    hits = table.filter(pc.equal(kinds, "hit")).sort_by(
        [("part", "ascending"), ("seq", "ascending")]
    )
    evidence = [
        MessageEvidence(
            conversation_id=row["conversation_id"],
            sender=row["sender"],
            message_id=row["message_id"],
            terms=tuple(row["terms"]),
        )
        for row in hits.select(["conversation_id", "sender", "message_id", "terms"]).to_pylist()
    ]
    return evidence, participants, messages


def _collect(result: Any) -> pa.Table:
    """The result as Arrow: ``toArrow`` on PySpark 4, rows on 3.5."""
    if hasattr(result, "toArrow"):
        return result.toArrow().select(OUTPUT_SCHEMA.names).cast(OUTPUT_SCHEMA)
    return pa.Table.from_pylist([r.asDict() for r in result.collect()], schema=OUTPUT_SCHEMA)
