"""`vigil content scan --engine spark`: the lexicon stage inside Spark, for data lakes.

Spark reads the Parquet/JSONL files itself, the same checks as the embedded readers turn bad
rows into rejects (with the file, not the line: Spark does not keep line numbers), and
``vigil.content.spark.scan_spark`` matches inside mapInArrow. Only hits and per-participant
counts come back; senders are pseudonymised as they arrive on the driver.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from vigil.content import ContentScan, MessageEvidence, Reject, pseudonymise_column
from vigil.content.spark import scan_spark
from vigil.core import ContentConfig, InputError, Pseudonymiser
from vigil.metadata import spark_session
from vigil.store import MESSAGE_FORMATS

_REQUIRED = ("conversation_id", "sender", "sent_at", "text")


def _format(path: str) -> str | None:
    """The embedded readers' name for a file's format (by suffix), so both engines agree."""
    return MESSAGE_FORMATS.get(Path(path).suffix.lower())


def lexicon_args(config: ContentConfig) -> dict[str, Any]:
    return {"languages": config.languages or None, "extra_lexicon_dirs": config.lexicon_dirs}


def _frame(session: Any, paths: Sequence[str]) -> Any:
    from pyspark.sql import functions as F  # noqa: N812 (Spark's own convention)
    from pyspark.sql.types import StringType, StructField, StructType

    frames = []
    parquet = [p for p in paths if _format(p) == "parquet"]
    jsonl = [p for p in paths if _format(p) == "jsonl"]
    columns = ["conversation_id", "message_id", "sender", "sent_at", "text"]
    if parquet:
        df = session.read.parquet(*parquet)
        for name in columns:
            if name not in df.columns:
                df = df.withColumn(name, F.lit(None).cast("string"))
        frames.append(
            df.select(*[F.col(c).cast("string") for c in columns], F.lit(None).alias("_bad"))
        )
    if jsonl:
        schema = StructType(
            [StructField(c, StringType()) for c in columns] + [StructField("_bad", StringType())]
        )
        df = (
            session.read.schema(schema)
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", "_bad")
            .json(jsonl)
        )
        frames.append(df.select(*columns, "_bad"))
    frame = frames[0]
    for other in frames[1:]:
        frame = frame.unionByName(other)
    return frame.withColumn("_file", F.input_file_name())


def spark_lexicon_stage(
    paths: Sequence[str],
    scan: ContentScan,
    pseudo: Pseudonymiser,
    max_text_chars: int,
    master: str | None,
    lexicon: dict[str, Any],
) -> tuple[tuple[int, int, int], list[Reject]]:
    """Run the lexicon stage on Spark and merge its hits into ``scan``."""
    from pyspark.sql import functions as F  # noqa: N812

    for path in paths:
        if path == "-" or _format(path) not in ("parquet", "jsonl"):
            raise InputError(
                f"--engine spark reads .parquet and .jsonl files; {path} needs the embedded "
                "engine (transcripts and stdin)."
            )
        if not Path(path).is_file() and "://" not in path:
            raise InputError(f"Message file {path} does not exist.")
    session = spark_session(master or "local[*]")
    frame = _frame(session, paths)
    # One reason per bad row, the first check it fails, as the embedded readers name them.
    reason = F.when(F.col("_bad").isNotNull(), F.lit("line is not valid JSON"))
    for name in _REQUIRED:
        reason = reason.when(
            F.col(name).isNull() | (F.trim(F.col(name)) == ""), F.lit(f"missing field {name}")
        )
    reason = reason.when(
        F.to_timestamp(F.col("sent_at")).isNull(), F.lit("sent_at is not an ISO-8601 timestamp")
    ).when(
        F.length("text") > max_text_chars, F.lit(f"text longer than {max_text_chars} characters")
    )
    checked = frame.withColumn("_reason", reason).cache()
    try:
        rejects = [
            Reject(Path(row["_file"]).name, row["_reason"])
            for row in checked.filter(F.col("_reason").isNotNull())
            .select("_file", "_reason")
            .collect()
        ]
        valid = checked.filter(F.col("_reason").isNull()).withColumn(
            "message_id",
            F.coalesce(
                F.col("message_id"),
                F.concat_ws(":", "conversation_id", F.monotonically_increasing_id().cast("string")),
            ),
        )
        evidence, participants, messages = scan_spark(valid, **lexicon)
    finally:
        checked.unpersist()
    _merge(scan, evidence, participants, messages, pseudo)
    read = messages + len(rejects)
    return (read, messages, len(rejects)), rejects


def _merge(
    scan: ContentScan,
    evidence: list[MessageEvidence],
    participants: pa.Table,
    messages: int,
    pseudo: Pseudonymiser,
) -> None:
    """Pseudonymise the senders the driver received, then hand everything to the scan."""
    senders = sorted({item.sender for item in evidence})
    pseudonym = dict(zip(senders, pseudo.many(senders), strict=True))
    participants = participants.set_column(
        participants.schema.get_field_index("sender"),
        "sender",
        pseudonymise_column(participants.column("sender"), pseudo.many),
    )
    scan.add_evidence(
        [
            MessageEvidence(i.conversation_id, pseudonym[i.sender], i.message_id, i.terms)
            for i in evidence
        ],
        participants,
        messages,
    )
