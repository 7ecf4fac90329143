"""`vigil simulate calls`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.app import app, out, stages
from vigil.simulate import WorldParams, simulate_world, write_world

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
