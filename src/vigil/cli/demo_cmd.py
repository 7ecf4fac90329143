"""`vigil demo`: simulate a week, run every detector, fuse the queue, then serve the console
with demo users (or, with --no-serve, write the static HTML report)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer
from rich.table import Table

from vigil.cli.app import app, console, out
from vigil.cli.content_cmd import run_content_scan
from vigil.cli.content_evaluate import metrics_rows
from vigil.cli.demo_decoy import LIVE, NETWORK, LiveDecoy, evidence_folder, fresh_evidence
from vigil.cli.demo_serve import (
    USERS,
    add_demo_users,
    demo_service,
    free_port,
    fresh_home,
    open_demo_case,
    serve_console,
)
from vigil.cli.demo_world import decoy_dossiers, link_corpus, world_accounts
from vigil.cli.metadata_cmd import evaluate_result, metrics_table, run_scan
from vigil.cli.session import now, say
from vigil.content import (
    Lexicon,
    accounts_table,
    conversations_table,
    make_matcher,
    metrics,
    naive_rule,
)
from vigil.core import InputError, Pseudonymiser, Settings, load_settings
from vigil.fusion import QueueRow, fuse
from vigil.simulate import (
    ConversationParams,
    World,
    WorldParams,
    simulate_conversations,
    simulate_world,
    write_conversations,
    write_world,
)
from vigil.store import write_table
from vigil.store.findings_files import contacts_path
from vigil.web import render_report

FILES = ("flags.jsonl", "content-accounts.jsonl", "dossiers.jsonl")


@dataclass
class Detections:
    """What every detector found in the simulated week, and the queue fused from it."""

    flags: pa.Table
    contacts: pa.Table
    contact_days: pa.Table  # the flags' contacts sidecar, for the account pages
    counts: dict[str, int]
    conversations: pa.Table
    accounts: pa.Table
    dossiers: list[dict[str, Any]]
    queue: list[QueueRow]


def queue_table(rows: list[QueueRow], top: int) -> Table:
    table = Table(title=f"Top {min(top, len(rows))} of {len(rows)} accounts in the fused queue")
    for col in ("rank", "account", "score", "methods", "roles", "patterns"):
        table.add_column(col, no_wrap=True)
    for r in rows[:top]:
        table.add_row(
            str(r.rank),
            r.account[:14] + "…",
            f"{r.score:.2f}",
            " + ".join(f"{c.method} {c.figure}" for c in r.contributions),
            "/".join(r.roles) or "-",
            ", ".join(r.patterns) or "-",
        )
    return table


def print_explanations(rows: list[QueueRow], top: int) -> None:
    for r in rows[:top]:
        out.print(f"[bold]#{r.rank}[/bold] fused {r.score:.3f}", highlight=False)
        for c in r.contributions:
            say(f"    {c.describe()}")


@app.command()
def demo(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the world, detections and report.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed of the simulated world.")] = 7,
    top: Annotated[int, typer.Option(help="Queue rows to print.")] = 10,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve/--no-serve",
            help="Serve the console with demo users and a live decoy (default), or write the HTML "
            "report.",
        ),
    ] = True,
    port: Annotated[int, typer.Option(help="Console port on 127.0.0.1; 0 picks a free one.")] = 0,
) -> None:
    """Simulate a week, run every detector on a demo key, fuse the review queue; then serve
    the console on 127.0.0.1 with one demo user per role and a live decoy talking to simulated
    partners until Ctrl-C, or with --no-serve write report.html instead."""
    if not 0 <= port < 65536:
        raise InputError(f"--port {port} is not a port number.")
    folder = out_dir or Path(tempfile.mkdtemp(prefix="vigil-demo-"))
    if serve:
        evidence_folder(folder)  # a --out too deep for the socket: refused before the week
    settings = load_settings(None)
    # Simulated data only: a fresh key, never the configured one.
    pseudo = Pseudonymiser.demo()
    found = detect(folder, seed, settings, pseudo)
    rows = found.queue
    if not serve:
        html = render_report(
            found.flags, found.contacts, counts=found.counts, content=found.conversations,
            queue=rows, title="vigil demo: the fused review queue",
            contact_days=found.contact_days.to_pylist(),
        )  # fmt: skip
        (folder / "report.html").write_text(html, encoding="utf-8")
    out.print(queue_table(rows, top))
    print_explanations(rows, min(top, 5))
    say(f"flags:   {folder / 'flags.jsonl'} (contacts beside it)")
    say(f"content: {folder / 'content-scores.jsonl'}")
    say(f"decoy:   {folder / 'dossiers.jsonl'}")
    if not serve:
        say(f"report:  {folder / 'report.html'}")
        return
    home = fresh_home(folder)
    service = demo_service(settings, home)
    actors = add_demo_users(service, now())
    case = open_demo_case(service, actors["analyst"], rows)
    port = port or free_port("127.0.0.1")
    evidence = evidence_folder(folder)
    fresh_evidence(evidence)
    decoy = LiveDecoy(evidence, seed)

    def banner() -> None:
        say(f"case store: {home} (set VIGIL_HOME to it to use the vigil commands on it)")
        if case is not None:
            say(f"demo case: {case.case_id} (opened by analyst from the queue)")
        say(
            f"live decoy: running on {NETWORK}, {LIVE} simulated partners at a time writing at "
            f"human pace; evidence in {evidence} (the console's Decoy page, as investigator or "
            f"supervisor; or `vigil decoy attach {evidence}`)"
        )
        say("demo logins (simulated data only):")
        for name, (role, password) in USERS.items():
            say(f"  {name:<13} {password:<21} {role}")
        say(f"console: http://127.0.0.1:{port}/  (Ctrl-C stops it)")

    dossiers = serve_console(
        service, rows, port, FILES, found.contact_days.to_pylist(), decoy, banner
    )
    say(f"stopped; the live decoy's evidence is closed and signed, its dossiers in {dossiers}")


def detect(folder: Path, seed: int, settings: Settings, pseudo: Pseudonymiser) -> Detections:
    """Simulate the week and run the three detectors; every output written under ``folder``."""
    console.print(f"simulating a week of calls (seed {seed})")
    world = simulate_world(WorldParams(seed=seed))
    paths = write_world(world, folder / "world")
    settings = settings.model_copy(update={"anonymiser_files": [paths["anonymisers"]]})
    result = run_scan(
        [paths["calls"]], settings, pseudo, "duckdb", with_baseline=True, with_contacts=True,
        with_contact_days=True,
    )  # fmt: skip
    flags = result.flags
    write_table(flags, folder / "flags.jsonl")
    contact_days = result.contact_sidecar()
    assert contact_days is not None  # asked for above
    write_table(contact_days, contacts_path(folder / "flags.jsonl"))
    write_table(result.rejects, folder / "flags.rejects.csv")
    counts = {"read": result.rows_read, "valid": result.rows_valid,
              "rejected": result.rows_rejected}  # fmt: skip
    contacts = (
        result.contacts
        if result.contacts is not None
        else pa.table({"role": [], "cc": [], "contacts": []})
    )
    out.print(metrics_table(evaluate_result(result, world.truth, pseudo)))
    conversations, accounts, lexicon = _content_step(folder, seed, settings, pseudo, world)
    console.print("simulating decoy partners against the decoy engine")
    consumers = world_accounts(world.truth, "consumer")
    dossiers = decoy_dossiers(seed, make_matcher(lexicon), consumers, pseudo)
    # One JSON object a line, as `vigil decoy report` writes them (a table would pad kinds).
    with (folder / "dossiers.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in dossiers)
    queue = fuse(
        flags.to_pylist(),
        accounts.to_pylist(),
        dossiers,
        sources=dict(zip(("metadata", "content", "decoy"), FILES, strict=True)),
    )
    return Detections(
        flags, contacts, contact_days, counts, conversations, accounts, dossiers, queue
    )


def _content_step(
    folder: Path, seed: int, settings: Settings, pseudo: Pseudonymiser, world: World
) -> tuple[pa.Table, pa.Table, Lexicon]:
    """Simulate a small labelled chat corpus among the world's accounts, scan it per
    conversation and per account, print its evaluation."""
    console.print(f"simulating chats (seed {seed}) and scanning their content")
    corpus = simulate_conversations(ConversationParams(seed=seed, conversations=400))
    corpus = link_corpus(
        corpus, world_accounts(world.truth, "consumer"), world_accounts(world.truth, "source")
    )
    chats = folder / "chats"
    write_conversations(corpus, chats)
    run, conversations, _ = run_content_scan([str(chats)], settings, pseudo, keep_texts=True)
    table = conversations_table(conversations)
    accounts = accounts_table(run.scan.account_scores(conversations))
    write_table(table, folder / "content-scores.jsonl")
    write_table(accounts, folder / "content-accounts.jsonl")
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
    return table, accounts, run.lexicon
