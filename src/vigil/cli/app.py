"""The root `vigil` command and the error boundary every subcommand shares."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from vigil.core import VigilError

app = typer.Typer(
    name="vigil",
    help="Find webcam child sexual exploitation in call metadata, chats and decoy operations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()


@contextmanager
def stages(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar whose steps are named stages of a long job."""
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=total)

        def step(message: str) -> None:
            progress.update(task, description=message, advance=1)

        yield step


def main() -> None:
    """Entry point: user errors become one sentence and a non-zero exit, never a traceback."""
    try:
        app()
    except VigilError as exc:
        # One sentence on one line, however narrow the terminal: scripts read it by line.
        console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        console.print("interrupted")
        sys.exit(130)
