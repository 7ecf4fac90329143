"""`vigil content evaluate`: precision, recall and F0.5 beside the article's rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich.table import Table

from vigil.cli.app import out
from vigil.cli.content_cmd import (
    ConfigOpt,
    MatcherOpt,
    MessagesArg,
    SemanticOpt,
    content_app,
    report_read,
    run_content_scan,
)
from vigil.cli.context import read_truth, settings_from
from vigil.content import ConversationScore, Metrics, metrics, naive_rule
from vigil.core import InputError, Pseudonymiser


def metrics_rows(title: str, rows: dict[str, Metrics]) -> Table:
    table = Table(title=title, caption="F0.5 weighs precision twice as much as recall")
    for col in ("detector", "positives", "flagged", "precision", "recall", "F0.5"):
        table.add_column(col, no_wrap=True)
    for name, m in rows.items():
        table.add_row(
            name,
            str(m.positives),
            str(m.flagged),
            f"{m.precision:.3f}",
            f"{m.recall:.3f}",
            f"{m.f05:.3f}",
        )
    return table


@content_app.command("evaluate")
def evaluate(
    messages: MessagesArg,
    truth: Annotated[
        Path | None,
        typer.Option(help="Conversation truth (truth.csv of `vigil simulate conversations`)."),
    ] = None,
    accounts: Annotated[
        Path | None, typer.Option(help="Account truth (accounts.csv), for per-account figures.")
    ] = None,
    matcher: MatcherOpt = "auto",
    semantic: SemanticOpt = "auto",
    config: ConfigOpt = None,
) -> None:
    """Precision, recall and F0.5 on a labelled corpus, beside the article's literal rule."""
    folder = Path(messages[0]) if len(messages) == 1 and Path(messages[0]).is_dir() else None
    truth_path = truth or (folder / "truth.csv" if folder else None)
    if truth_path is None:
        raise InputError("Give --truth (or a folder written by `vigil simulate conversations`).")
    truth_table = read_truth(truth_path, {"conversation_id", "label"})
    accounts_path = accounts or (
        folder / "accounts.csv" if folder and (folder / "accounts.csv").is_file() else None
    )
    settings = settings_from(config)
    # Simulated corpora carry no real identities: a fresh key, never the configured one.
    pseudo = Pseudonymiser.demo()
    run, conversations, _ = run_content_scan(
        messages, settings, pseudo, matcher_engine=matcher, keep_texts=True, semantic=semantic
    )
    report_read(run, None)
    ids = truth_table.column("conversation_id").to_pylist()
    labels = truth_table.column("label").to_pylist()
    positives = {c for c, label in zip(ids, labels, strict=True) if label}
    ours = {c.conversation_id for c in conversations if c.flagged}
    texts = (
        pa.concat_tables(run.texts) if run.texts else pa.table({"conversation_id": [], "text": []})
    )
    theirs = naive_rule(texts, run.lexicon)
    out.print(
        metrics_rows(
            "Content evaluation per conversation",
            {"vigil": metrics(ours, positives), "article rule": metrics(theirs, positives)},
        )
    )
    if "kind" in truth_table.column_names:
        out.print(_kinds_table(truth_table, ours, theirs))
    out.print(_calibration_table(conversations, positives))
    if accounts_path is not None:
        account_truth = read_truth(accounts_path, {"account", "label"})
        names = account_truth.column("account").to_pylist()
        pseudonyms = pseudo.many([str(n) for n in names])
        bad = {
            p
            for p, label in zip(pseudonyms, account_truth.column("label").to_pylist(), strict=True)
            if label
        }
        scored = run.scan.account_scores(conversations)
        out.print(
            metrics_rows(
                "Content evaluation per account (requesters)",
                {"vigil": metrics({a.account for a in scored if a.flagged}, bad)},
            )
        )


def _calibration_table(conversations: Sequence[ConversationScore], positives: set[str]) -> Table:
    """How often a conversation scored in each band is truly positive."""
    bands = [(0.0, 0.05), (0.05, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01)]
    table = Table(title="Calibration: share of true positives per score band")
    for col in ("score band", "conversations", "mean score", "positive share"):
        table.add_column(col, no_wrap=True)
    for low, high in bands:
        inside = [c for c in conversations if low <= c.score < high]
        if not inside:
            continue
        share = sum(c.conversation_id in positives for c in inside) / len(inside)
        mean = sum(c.score for c in inside) / len(inside)
        table.add_row(
            f"{low:.2f}-{min(high, 1.0):.2f}", str(len(inside)), f"{mean:.2f}", f"{share:.2f}"
        )
    return table


def _kinds_table(truth: pa.Table, ours: set[str], theirs: set[str]) -> Table:
    kinds = truth.column("kind").to_pylist()
    ids = truth.column("conversation_id").to_pylist()
    labels = truth.column("label").to_pylist()
    total: Counter[str] = Counter()
    mine: Counter[str] = Counter()
    naive: Counter[str] = Counter()
    label_of: dict[str, int] = {}
    for conversation, kind, label in zip(ids, kinds, labels, strict=True):
        total[kind] += 1
        mine[kind] += conversation in ours
        naive[kind] += conversation in theirs
        label_of[kind] = int(label)
    table = Table(title="Flag rate per kind of conversation")
    for col in ("kind", "label", "conversations", "vigil", "article rule"):
        table.add_column(col, no_wrap=True)
    for kind in sorted(total, key=lambda k: (-label_of[k], k)):
        table.add_row(
            kind,
            "positive" if label_of[kind] else "negative",
            str(total[kind]),
            f"{mine[kind] / total[kind]:.2f}",
            f"{naive[kind] / total[kind]:.2f}",
        )
    return table
