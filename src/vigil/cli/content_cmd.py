"""`vigil content scan|evaluate`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import pyarrow as pa
import pyarrow.compute as pc
import typer

from vigil.cli.app import app, console, out, stages
from vigil.cli.content_spark import lexicon_args, spark_lexicon_stage
from vigil.cli.context import audit, pseudonymiser, settings_from
from vigil.content import (
    ContentScan,
    ConversationScore,
    Lexicon,
    Reject,
    Scorer,
    ScoringModel,
    accounts_table,
    conversations_table,
    fold_array,
    load_lexicon,
    make_matcher,
    pseudonymise_column,
)
from vigil.content.semantic import SemanticStage
from vigil.content.semantic import available as semantic_available
from vigil.core import InputError, Pseudonymiser, Settings
from vigil.store import read_messages, write_rejects, write_table

content_app = typer.Typer(help="Content analysis of chats and transcripts.", no_args_is_help=True)
app.add_typer(content_app, name="content")

MessagesArg = Annotated[
    list[str],
    typer.Argument(
        help="Message files (.jsonl, .parquet, .vtt, .srt), '-' for JSONL on stdin, "
        "or a folder written by `vigil simulate conversations`."
    ),
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML config file.")]
SemanticOpt = Annotated[
    str,
    typer.Option(
        help="Semantic stage on lexicon candidates: auto (if the extra is installed), on, off."
    ),
]
MatcherOpt = Annotated[
    str, typer.Option(help="Matcher: auto (Hyperscan if installed), hyperscan or python-re.")
]
Mode = Literal["detection", "identification"]


@dataclass
class ScanRun:
    scan: ContentScan
    lexicon: Lexicon
    read: int
    valid: int
    rejected: int
    texts: list[pa.Table]


def expand_inputs(items: Sequence[str]) -> list[str]:
    """Folders become their message file and transcripts; '-' and files pass through."""
    paths: list[str] = []
    for item in items:
        folder = Path(item)
        if item != "-" and folder.is_dir():
            for name in ("messages.parquet", "messages.jsonl"):
                if (folder / name).is_file():
                    paths.append(str(folder / name))
                    break
            transcripts = folder / "transcripts"
            if transcripts.is_dir():
                paths.extend(
                    str(p) for p in sorted(transcripts.iterdir()) if p.suffix in (".vtt", ".srt")
                )
            if not paths:
                raise InputError(f"Folder {folder} holds no messages file or transcripts.")
        else:
            paths.append(item)
    return paths


def run_content_scan(
    inputs: Sequence[str],
    settings: Settings,
    pseudo: Pseudonymiser,
    *,
    mode: Mode = "detection",
    matcher_engine: str = "auto",
    keep_texts: bool = False,
    semantic: str = "auto",
    engine: str = "embedded",
    spark_master: str | None = None,
) -> tuple[ScanRun, list[ConversationScore], list[Reject]]:
    config = settings.content
    lexicon = load_lexicon(config.languages or None, config.lexicon_dirs)
    scorer = Scorer(lexicon, ScoringModel.load(config.scoring_file))
    matcher = make_matcher(lexicon, matcher_engine)
    scan = ContentScan(scorer, identification=mode == "identification")
    paths = expand_inputs(inputs)
    if engine not in ("embedded", "spark"):
        raise InputError(f"--engine must be 'embedded' or 'spark', not {engine!r}.")
    stage = _semantic_stage(semantic, paths)
    kept: list[pa.Table] = []
    with stages(4) as step:
        step("matching lexicons")
        if engine == "spark":
            if keep_texts:
                raise InputError("Evaluation runs on the embedded engine; drop --engine spark.")
            counts, rejected = spark_lexicon_stage(
                paths, scan, pseudo, config.max_text_chars, spark_master, lexicon_args(config)
            )
        else:
            stream = read_messages(
                paths, batch_rows=config.batch_rows, max_text_chars=config.max_text_chars
            )
            for batch in stream:
                table = pa.Table.from_batches([batch])
                # Pseudonymised at ingest: raw sender ids never reach the scores.
                table = table.set_column(
                    table.schema.get_field_index("sender"),
                    "sender",
                    pseudonymise_column(table.column("sender"), pseudo.many),
                )
                scan.add_batch(table, matcher)
                if keep_texts:
                    kept.append(table.select(["conversation_id", "text"]))
            counts = (stream.counts.read, stream.counts.valid, stream.counts.rejected)
            rejected = list(stream.rejects)
        step("scoring conversations")
        conversations = scan.conversation_scores()
        step("semantic stage on candidates" if stage else "semantic stage skipped")
        if stage is not None:
            wanted = scan.candidates(conversations)
            if wanted:
                _read_semantic(scan, stage, paths, wanted, pseudo, config.batch_rows)
                conversations = scan.conversation_scores()
        step("writing")
    run = ScanRun(
        scan=scan,
        lexicon=lexicon,
        read=counts[0],
        valid=counts[1],
        rejected=counts[2],
        texts=kept,
    )
    return run, conversations, rejected


def _semantic_stage(choice: str, paths: Sequence[str]) -> SemanticStage | None:
    """The semantic stage if asked for (or, with auto, if its extra is installed)."""
    if choice not in ("auto", "on", "off"):
        raise InputError(f"--semantic must be auto, on or off, not {choice!r}.")
    if choice == "off":
        return None
    if choice == "auto" and not semantic_available():
        console.print("semantic stage skipped: the 'semantic' extra is not installed")
        return None
    if "-" in paths:
        # Live input cannot be read twice; the lexicon stage alone scores it.
        if choice == "on":
            raise InputError("The semantic stage needs files; it cannot re-read stdin.")
        console.print("semantic stage skipped: stdin cannot be read a second time")
        return None
    return SemanticStage.load()


def _read_semantic(
    scan: ContentScan,
    stage: SemanticStage,
    paths: Sequence[str],
    wanted: set[str],
    pseudo: Pseudonymiser,
    batch_rows: int,
) -> None:
    """Second pass over the inputs for the candidates' messages only."""
    value_set = pa.array(sorted(wanted), pa.string())
    for batch in read_messages(paths, batch_rows=batch_rows):
        table = pa.Table.from_batches([batch])
        table = table.filter(pc.is_in(table.column("conversation_id"), value_set=value_set))
        if table.num_rows == 0:
            continue
        table = table.set_column(
            table.schema.get_field_index("sender"),
            "sender",
            pseudonymise_column(table.column("sender"), pseudo.many),
        )
        # The model reads folded text: full-width, mathematical and look-alike letters
        # would otherwise be unknown tokens to it.
        scores = stage.score(fold_array(table.column("text").combine_chunks()).to_pylist())
        ratios = [
            max(s.ratios.get("sexual_request", 0.0), s.ratios.get("webcam_show", 0.0))
            for s in scores
        ]
        scan.add_semantic(table, ratios)


def report_read(run: ScanRun, rejects_path: Path | None) -> None:
    where = f" (reasons in {rejects_path})" if rejects_path else ""
    console.print(
        f"read {run.read} messages: {run.valid} valid, {run.rejected} rejected{where}",
        highlight=False,
    )


@content_app.command("scan")
def scan(
    messages: MessagesArg,
    out_path: Annotated[Path, typer.Option("--out", help="Scores file: .jsonl, .parquet or .csv.")],
    by: Annotated[str, typer.Option(help="One line per 'conversation' or per 'account'.")] = (
        "conversation"
    ),
    mode: Annotated[
        str,
        typer.Option(
            help="detection (no message text anywhere) or identification (spans of hits, "
            "needs --authorisation; audited)."
        ),
    ] = "detection",
    authorisation: Annotated[
        str | None,
        typer.Option(help="Reference of the judicial authorisation (identification mode)."),
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Rejects file (default: beside --out).")
    ] = None,
    matcher: MatcherOpt = "auto",
    semantic: SemanticOpt = "auto",
    engine: Annotated[
        str,
        typer.Option(
            help="embedded (all inputs) or spark (Parquet/JSONL in a lake; mapInArrow scan)."
        ),
    ] = "embedded",
    spark_master: Annotated[
        str | None, typer.Option(help="Spark master URL (default local[*]).")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Score conversations (or accounts) for sexual-request, payment and child-age evidence."""
    if by not in ("conversation", "account"):
        raise InputError(f"--by must be 'conversation' or 'account', not {by!r}.")
    if mode not in ("detection", "identification"):
        raise InputError(f"--mode must be 'detection' or 'identification', not {mode!r}.")
    settings = settings_from(config)
    if mode == "identification" and not authorisation:
        audit(settings).append("content.identification", "refused", reason="no authorisation")
        raise InputError("Identification mode shows message content and needs --authorisation REF.")
    pseudo = pseudonymiser(settings)
    run, conversations, rejected = run_content_scan(
        messages,
        settings,
        pseudo,
        mode="identification" if mode == "identification" else "detection",
        matcher_engine=matcher,
        semantic=semantic,
        engine=engine,
        spark_master=spark_master,
    )
    if by == "account":
        table = accounts_table(run.scan.account_scores(conversations))
    else:
        table = conversations_table(conversations)
    write_table(table, out_path)
    rejects_path = rejects or out_path.with_name(out_path.name.split(".")[0] + ".rejects.csv")
    write_rejects(rejected, rejects_path)
    report_read(run, rejects_path)
    if mode == "identification":
        spans_path = out_path.with_name(out_path.name.split(".")[0] + ".spans.jsonl")
        write_table(_spans_table(run), spans_path)
        identifiers_path = out_path.with_name(out_path.name.split(".")[0] + ".identifiers.jsonl")
        write_table(_identifiers_table(run), identifiers_path)
        audit(settings).append(
            "content.identification",
            "done",
            authorisation=authorisation,
            messages_with_spans=len(run.scan.spans),
            messages_with_identifiers=len(run.scan.identifiers),
            out=str(spans_path),
            inputs=[str(m) for m in messages],
        )
        console.print(
            f"spans of hits -> {spans_path}, identifiers -> {identifiers_path} "
            "(recorded in the audit log)"
        )
    flagged = sum(1 for row in table.column("flagged").to_pylist() if row)
    out.print(f"{flagged} of {table.num_rows} {by}s flagged -> {out_path}", highlight=False)


def _spans_table(run: ScanRun) -> pa.Table:
    rows = [
        {
            "message_id": message_id,
            "term": run.lexicon.terms[span.term].key,
            "category": run.lexicon.terms[span.term].category,
            "start": span.start,
            "end": span.end,
        }
        for message_id, found in sorted(run.scan.spans.items())
        for span in found
    ]
    return pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [
                ("message_id", pa.string()),
                ("term", pa.string()),
                ("category", pa.string()),
                ("start", pa.int64()),
                ("end", pa.int64()),
            ]
        ),
    )


def _identifiers_table(run: ScanRun) -> pa.Table:
    rows = [
        {
            "message_id": message_id,
            "kind": item.kind,
            "value": item.value,
            "platform": item.platform,
            "start": item.start,
            "end": item.end,
            "explanation": item.explanation,
        }
        for message_id, found in sorted(run.scan.identifiers.items())
        for item in found
    ]
    return pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [
                ("message_id", pa.string()),
                ("kind", pa.string()),
                ("value", pa.string()),
                ("platform", pa.string()),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("explanation", pa.string()),
            ]
        ),
    )
