"""`vigil simulate calls`, `vigil simulate conversations` and `vigil simulate partners`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.app import app, out, stages
from vigil.cli.decoy_eval import evaluate, format_report, write_evaluation
from vigil.core import InputError
from vigil.simulate import (
    ConversationParams,
    WorldParams,
    simulate_conversations,
    simulate_world,
    write_conversations,
    write_world,
)

simulate_app = typer.Typer(help="Simulate worlds with ground truth.", no_args_is_help=True)
app.add_typer(simulate_app, name="simulate")


@simulate_app.command("calls")
def calls(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for calls.parquet, truth.csv, anonymisers.txt.")
    ],
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
    accounts: Annotated[int, typer.Option(help="General-population accounts.")] = 20000,
    sources: Annotated[int, typer.Option(help="Planted source accounts.")] = 40,
    consumers: Annotated[int, typer.Option(help="Planted consumer accounts.")] = 120,
    tutors: Annotated[int, typer.Option(help="Online English tutors (look-alikes).")] = 60,
    ofw_families: Annotated[
        int, typer.Option(help="Overseas workers' families (look-alikes).")
    ] = 150,
    freelancers: Annotated[int, typer.Option(help="Freelancers (look-alikes).")] = 80,
    daters: Annotated[int, typer.Option(help="Adults dating foreigners (look-alikes).")] = 80,
    days: Annotated[int, typer.Option(help="Days simulated from Monday 2026-03-02.")] = 7,
) -> None:
    """Simulate a week of calls with innocent look-alikes and planted exploitation."""
    params = WorldParams(
        seed=seed,
        days=days,
        general_accounts=accounts,
        sources=sources,
        consumers=consumers,
        tutors=tutors,
        ofw_families=ofw_families,
        freelancers=freelancers,
        daters=daters,
    )
    with stages(2) as step:
        step("simulating")
        world = simulate_world(params)
        step("writing")
        paths = write_world(world, out_dir)
    out.print(
        f"{world.calls.num_rows} calls, {world.truth.num_rows} accounts -> "
        + ", ".join(str(p) for p in paths.values()),
        highlight=False,
    )


@simulate_app.command("conversations")
def conversations(
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Folder for messages.jsonl/.parquet, truth.csv, accounts.csv, transcripts/.",
        ),
    ],
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
    count: Annotated[
        int, typer.Option("--conversations", help="Conversations to generate.")
    ] = 2000,
    positive_share: Annotated[
        float, typer.Option(help="Share of conversations that are exploitation (label 1).")
    ] = 0.2,
    obfuscation_rate: Annotated[
        float, typer.Option(help="Share of chat conversations with evasive spellings.")
    ] = 0.3,
    transcript_share: Annotated[
        float, typer.Option(help="Share written as call transcripts (WebVTT/SRT).")
    ] = 0.05,
) -> None:
    """Simulate labelled chats and call transcripts with hard look-alike negatives."""
    params = ConversationParams(
        seed=seed,
        conversations=count,
        positive_share=positive_share,
        obfuscation_rate=obfuscation_rate,
        transcript_share=transcript_share,
    )
    with stages(2) as step:
        step("simulating")
        corpus = simulate_conversations(params)
        step("writing")
        paths = write_conversations(corpus, out_dir)
    truth = corpus.truth.to_pydict()
    positives = sum(truth["label"])
    transcripts = sum(m != "chat" for m in truth["medium"])
    out.print(
        f"{corpus.truth.num_rows} conversations ({positives} positive, "
        f"{corpus.truth.num_rows - positives} negative, {transcripts} transcripts), "
        f"{corpus.messages.num_rows} chat messages, {corpus.accounts.num_rows} accounts -> "
        + ", ".join(str(p) for p in paths.values()),
        highlight=False,
    )


@simulate_app.command("partners")
def partners(
    n: Annotated[int, typer.Option("--n", help="Scripted chat partners.")] = 1000,
    suspect_share: Annotated[
        float, typer.Option(help="Share of partners that are suspects.")
    ] = 0.3,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
    retrieval: Annotated[
        str, typer.Option(help="Reply retrieval of the decoy: keyword, semantic or auto.")
    ] = "keyword",
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for transcripts.jsonl, truth.csv and funnel.json."),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when a target of issue 5 is missed.")
    ] = False,
) -> None:
    """Run scripted chat partners against an in-process decoy and print the funnel."""
    if retrieval not in ("keyword", "semantic", "auto"):
        raise InputError(f"Retrieval must be keyword, semantic or auto, not {retrieval!r}.")
    with stages(2 if out_dir else 1) as step:
        step("partners talking to the decoy")
        evaluation = evaluate(n, suspect_share, seed, retrieval=retrieval)
        paths = {}
        if out_dir is not None:
            step("writing")
            paths = write_evaluation(evaluation, out_dir)
    out.print(format_report(evaluation), highlight=False, markup=False, soft_wrap=True)
    if paths:
        out.print("-> " + ", ".join(str(p) for p in paths.values()), highlight=False)
    if check and not evaluation.all_met:
        raise typer.Exit(1)
