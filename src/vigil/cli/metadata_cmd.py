"""`vigil metadata scan|evaluate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich.table import Table

from vigil.cli.app import app, console, out, stages
from vigil.cli.context import audit, geo_context, pseudonymiser, read_truth, settings_from
from vigil.core import InputError, Pseudonymiser, Settings
from vigil.metadata import (
    Engine,
    Ranked,
    RoleMetrics,
    ScanResult,
    best_per_account,
    connect,
    role_metrics,
    scan_calls,
)
from vigil.store import write_table
from vigil.store.findings_files import contacts_path

metadata_app = typer.Typer(help="Metadata analysis of call records (CDR).", no_args_is_help=True)
app.add_typer(metadata_app, name="metadata")

CallsArg = Annotated[list[Path], typer.Argument(help="Call files: .parquet, .csv or .jsonl.")]
EngineOpt = Annotated[str, typer.Option(help="Analytics engine: duckdb or spark.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML config file.")]
MasterOpt = Annotated[str | None, typer.Option(help="Spark master URL (default local[*]).")]


def _engine(name: str) -> Engine:
    if name not in ("duckdb", "spark"):
        raise InputError(f"Unknown engine {name!r}; choose duckdb or spark.")
    return name  # type: ignore[return-value]


def run_scan(
    calls: list[Path],
    settings: Settings,
    pseudo: Pseudonymiser,
    engine: Engine,
    spark_master: str | None = None,
    with_baseline: bool = False,
    with_contacts: bool = False,
    with_contact_days: bool = False,
) -> ScanResult:
    geo = geo_context(settings)
    con = connect(
        engine, spark_master=spark_master, memory_limit=settings.metadata.engine_memory_limit
    )
    with stages(6) as step:
        return scan_calls(
            con,
            calls,
            geo,
            settings.metadata,
            pseudo,
            column_mapping=settings.column_mapping,
            progress=step,
            with_baseline=with_baseline,
            with_contacts=with_contacts,
            with_contact_days=with_contact_days,
        )


def default_rejects_path(out_path: Path) -> Path:
    return out_path.with_name(out_path.name.split(".")[0] + ".rejects.csv")


def report_counts(result: ScanResult, rejects_path: Path) -> None:
    console.print(
        f"read {result.rows_read} rows: {result.rows_valid} valid, "
        f"{result.rows_rejected} rejected (reasons in {rejects_path})",
        highlight=False,
    )
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)


@metadata_app.command("scan")
def scan(
    calls: CallsArg,
    out_path: Annotated[Path, typer.Option("--out", help="Flags file: .parquet, .csv or .jsonl.")],
    engine: EngineOpt = "duckdb",
    rejects: Annotated[
        Path | None, typer.Option(help="Rejects file (default: beside --out).")
    ] = None,
    reveal_ids: Annotated[
        bool, typer.Option("--reveal-ids", help="Write raw ids instead of pseudonyms (audited).")
    ] = False,
    spark_master: MasterOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Scan call records and write the ranked flags queue, with the flagged accounts' calls
    per counterpart country and day beside it (<flags stem>.contacts.parquet)."""
    settings = settings_from(config)
    pseudo = pseudonymiser(settings)
    result = run_scan(
        calls, settings, pseudo, _engine(engine), spark_master, with_contact_days=True
    )
    flags = result.flags
    sidecar = contacts_path(out_path)
    contacts = result.contact_sidecar(reveal_ids=reveal_ids)
    if reveal_ids:
        flags = flags.set_column(0, "account", result.flagged["raw_account"])
        audit(settings).append(
            "metadata.reveal_ids",
            "done",
            accounts=flags.num_rows,
            out=str(out_path),
            contacts=str(sidecar),
            inputs=[str(c) for c in calls],
        )
        console.print("raw ids revealed; this was recorded in the audit log")
    rejects_path = rejects or default_rejects_path(out_path)
    write_table(flags, out_path)
    write_table(result.rejects, rejects_path)
    if contacts is not None:
        write_table(contacts, sidecar)
    report_counts(result, rejects_path)
    out.print(f"{flags.num_rows} accounts flagged -> {out_path}", highlight=False)
    console.print(f"contact figures of the flagged accounts -> {sidecar}", highlight=False)


def evaluate_result(
    result: ScanResult, truth: pa.Table, pseudo: Pseudonymiser
) -> dict[str, list[RoleMetrics]]:
    """vigil's and the naive rule's metrics per role, on pseudonymised ground truth."""
    ids = pseudo.many(truth["account"].to_pylist())
    roles = truth["role"].to_pylist()
    met = truth["sources_met"].to_pylist()
    positives = {
        "source": {a for a, r in zip(ids, roles, strict=True) if r == "source"},
        "consumer": {
            a for a, r, m in zip(ids, roles, met, strict=True) if r == "consumer" and m >= 2
        },
    }
    neutral = {
        "source": set(),
        "consumer": {
            a for a, r, m in zip(ids, roles, met, strict=True) if r == "consumer" and m < 2
        },
    }
    cand = result.candidates.to_pylist()
    naive = result.naive.to_pylist() if result.naive is not None else []
    metrics: dict[str, list[RoleMetrics]] = {"vigil": [], "naive": []}
    for role in ("source", "consumer"):
        rows = [(r["account"], r["score"]) for r in cand if r["role"] == role]
        ours = Ranked(
            best_per_account(rows),
            {a for a, s in rows if s >= result.threshold},
        )
        nrows = [(r["a"], float(r["strength"])) for r in naive if r["role"] == role]
        theirs = Ranked(best_per_account(nrows), {a for a, _ in nrows})
        metrics["vigil"].append(role_metrics(role, ours, positives[role], neutral[role]))
        metrics["naive"].append(role_metrics(role, theirs, positives[role], neutral[role]))
    return metrics


def metrics_table(metrics: dict[str, list[RoleMetrics]]) -> Table:
    table = Table(
        title="Metadata evaluation (consumers: those who met 2+ sources)",
        caption="P@k: precision of the top k, k = positives; flag prec.: of those flagged",
    )
    for col in ("detector", "role", "positives", "P@k", "flagged", "flag prec.", "recall"):
        table.add_column(col, no_wrap=True)
    for detector, rows in metrics.items():
        for m in rows:
            table.add_row(
                detector,
                m.role,
                str(m.positives),
                f"{m.precision_at_k:.3f}",
                str(m.flagged),
                f"{m.flagged_precision:.3f}",
                f"{m.recall:.3f}",
            )
    return table


@metadata_app.command("evaluate")
def evaluate(
    calls: CallsArg,
    truth: Annotated[
        Path, typer.Option(help="Ground truth (truth.csv from `vigil simulate calls`).")
    ],
    anonymisers: Annotated[
        list[Path] | None,
        typer.Option(help="Anonymiser list (anonymisers.txt of the world); repeatable."),
    ] = None,
    engine: EngineOpt = "duckdb",
    spark_master: MasterOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Precision@k and recall per role on a simulated world, beside the article's naive rule."""
    settings = settings_from(config)
    if anonymisers:
        settings = settings.model_copy(
            update={"anonymiser_files": [*settings.anonymiser_files, *anonymisers]}
        )
    # Simulated worlds carry no real identities, so a missing key is replaced by a fresh one.
    pseudo = pseudonymiser(settings) if settings.pseudonym_key else Pseudonymiser.demo()
    truth_table = read_truth(truth, {"account", "role", "sources_met"})
    result = run_scan(calls, settings, pseudo, _engine(engine), spark_master, with_baseline=True)
    report_counts(result, Path("(not written)"))
    out.print(metrics_table(evaluate_result(result, truth_table, pseudo)))
