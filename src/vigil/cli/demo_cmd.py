"""`vigil demo`: simulate a week, scan it on DuckDB, write the HTML report, print the queue."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer
from rich.table import Table

from vigil.cli.app import app, console, out
from vigil.cli.content_cmd import run_content_scan
from vigil.cli.content_evaluate import metrics_rows
from vigil.cli.metadata_cmd import evaluate_result, metrics_table, run_scan
from vigil.content import conversations_table, metrics, naive_rule
from vigil.core import Pseudonymiser, Settings, load_settings
from vigil.simulate import (
    ConversationParams,
    WorldParams,
    simulate_conversations,
    simulate_world,
    write_conversations,
    write_world,
)
from vigil.store import write_table
from vigil.web import render_report


def queue_table(flags: list[dict[str, Any]], top: int) -> Table:
    table = Table(title=f"Top {min(top, len(flags))} of {len(flags)} flagged accounts")
    for col in ("rank", "account", "role", "score", "patterns"):
        table.add_column(col, no_wrap=True)
    for r in flags[:top]:
        table.add_row(
            str(r["rank"]),
            str(r["account"])[:14] + "…",
            str(r["role"]),
            f"{r['score']:.2f}",
            ", ".join(r["patterns"]),
        )
    return table


def print_explanations(flags: list[dict[str, Any]], top: int) -> None:
    for r in flags[:top]:
        out.print(f"[bold]#{r['rank']}[/bold] {r['explanation']}", highlight=False)


@app.command()
def demo(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the world, flags and report.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed of the simulated world.")] = 7,
    top: Annotated[int, typer.Option(help="Queue rows to print.")] = 10,
) -> None:
    """Simulate a week, scan it on DuckDB with a demo key, write an HTML report."""
    folder = out_dir or Path(tempfile.mkdtemp(prefix="vigil-demo-"))
    settings = load_settings(None)
    # Simulated data only: a fresh key, never the configured one.
    pseudo = Pseudonymiser.demo()
    console.print(f"simulating a week of calls (seed {seed})")
    world = simulate_world(WorldParams(seed=seed))
    paths = write_world(world, folder / "world")
    settings = settings.model_copy(update={"anonymiser_files": [paths["anonymisers"]]})
    result = run_scan(
        [paths["calls"]], settings, pseudo, "duckdb", with_baseline=True, with_contacts=True
    )
    flags = result.flags
    write_table(flags, folder / "flags.jsonl")
    write_table(result.rejects, folder / "flags.rejects.csv")
    counts = {
        "read": result.rows_read,
        "valid": result.rows_valid,
        "rejected": result.rows_rejected,
    }
    contacts = (
        result.contacts
        if result.contacts is not None
        else pa.table({"role": [], "cc": [], "contacts": []})
    )
    content = _content_step(folder, seed, settings, pseudo)
    html = render_report(flags, contacts, counts=counts, content=content)
    report = folder / "report.html"
    report.write_text(html, encoding="utf-8")
    rows = flags.to_pylist()
    out.print(queue_table(rows, top))
    print_explanations(rows, min(top, 5))
    truth = world.truth
    out.print(metrics_table(evaluate_result(result, truth, pseudo)))
    out.print(
        f"report:  {report}\nflags:   {folder / 'flags.jsonl'}\n"
        f"content: {folder / 'content-scores.jsonl'}",
        highlight=False,
    )


def _content_step(folder: Path, seed: int, settings: Settings, pseudo: Pseudonymiser) -> pa.Table:
    """Simulate a small labelled chat corpus, scan it, print its evaluation."""
    console.print(f"simulating chats (seed {seed}) and scanning their content")
    corpus = simulate_conversations(ConversationParams(seed=seed, conversations=400))
    chats = folder / "chats"
    write_conversations(corpus, chats)
    run, conversations, _ = run_content_scan([str(chats)], settings, pseudo, keep_texts=True)
    table = conversations_table(conversations)
    write_table(table, folder / "content-scores.jsonl")
    truth = corpus.truth
    labels = zip(truth["conversation_id"].to_pylist(), truth["label"].to_pylist(), strict=True)
    positives = {c for c, label in labels if label}
    ours = {c.conversation_id for c in conversations if c.flagged}
    theirs = naive_rule(pa.concat_tables(run.texts), run.lexicon)
    out.print(
        metrics_rows(
            f"Content: {len(ours)} of {len(conversations)} conversations flagged",
            {"vigil": metrics(ours, positives), "article rule": metrics(theirs, positives)},
        )
    )
    return table
