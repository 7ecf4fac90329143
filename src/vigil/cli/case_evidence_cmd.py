"""`vigil case attach|record|read|mark`: what investigators do with a case's content."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.case_cmd import CaseArg, ReasonOpt, case_app
from vigil.cli.case_findings import identifier_rows
from vigil.cli.session import ConfigOpt, open_cases, parse_time, say, write_new_private
from vigil.core import InputError, RecordingRefusedError
from vigil.decoy import TranscriptLine, read_evidence

ItemArg = Annotated[str, typer.Argument(help="Evidence item id (item-...).")]


@case_app.command("attach")
def attach(
    case_id: CaseArg,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="*.identifiers.jsonl of an identification scan, decoy dossiers, or an IP log "
            "(ip, country, at) of the named accounts."
        ),
    ],
    config: ConfigOpt = None,
) -> None:
    """Attach identifiers and locations found under the authorisation (investigators).

    They go into the referral dossier. Identification-scan rows are all kept (that scan ran
    under this case's authorisation); decoy dossiers only for the case's accounts.
    """
    cases = open_cases(config)
    actor = cases.actor()
    case = cases.service.view(actor, case_id, cases.now)[0]
    rows = [r for f in files for r in identifier_rows(f, case.accounts)]
    count = cases.service.attach_identifiers(actor, case_id, rows, cases.now)
    say(f"attached {count} identifier(s) to case {case_id}")


@case_app.command("record")
def record(
    case_id: CaseArg,
    content: Annotated[Path, typer.Argument(help="The recorded file.")],
    account: Annotated[str, typer.Option(help="The account recorded.")],
    captured_at: Annotated[str, typer.Option(help="When it was captured, ISO-8601.")],
    media_type: Annotated[str, typer.Option(help="Media type, e.g. video/mp4.")],
    description: Annotated[str, typer.Option(help="What the item is.")] = "",
    config: ConfigOpt = None,
) -> None:
    """Store a recording, encrypted under the case key (investigators).

    The store refuses it unless an approved authorisation names the account and both the
    capture and this moment fall inside its window; a refusal is audited.
    """
    when = parse_time(captured_at, "--captured-at")
    if not content.is_file():
        raise InputError(f"File {content} does not exist.")
    data = content.read_bytes()
    cases = open_cases(config)
    item = cases.service.record(
        cases.actor(),
        case_id,
        account=account,
        captured_at=when,
        media_type=media_type,
        content=data,
        description=description,
        now=cases.now,
    )
    say(f"recorded {item.item_id} ({item.size} bytes, sha256 {item.sha256}) in case {case_id}")


@case_app.command("record-transcripts")
def record_transcripts(
    case_id: CaseArg,
    evidence_dir: Annotated[Path, typer.Argument(help="A decoy's evidence folder.")],
    public_key: Annotated[
        Path | None,
        typer.Option(help="Pin the decoy's head-signing key (default: the folder's own)."),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Move decoy transcripts of the case's accounts into the vault (investigators).

    Every chain and signed head is verified first. Each named partner's lines inside an
    approved authorisation's window become one encrypted item; lines outside it are not
    recorded, and a partner with none is refused by the store's gate (and audited).
    """
    evidence = read_evidence(evidence_dir, public_key)
    cases = open_cases(config)
    actor = cases.actor()
    case = cases.service.view(actor, case_id, cases.now)[0]
    named = set(case.accounts)
    chains: dict[tuple[str, str], list[TranscriptLine]] = defaultdict(list)
    for line in evidence.conversations:
        if line.partner in named:
            chains[(line.network, line.partner)].append(line)
    if not chains:
        raise InputError(f"{evidence_dir} holds no conversation with an account of case {case_id}.")
    refusals: list[str] = []
    for (network, partner), lines in sorted(chains.items()):
        try:
            done = cases.service.record_lines(
                actor,
                case_id,
                account=partner,
                lines=[(datetime.fromisoformat(x.at), x.to_json()) for x in lines],
                media_type="application/jsonl",
                description=_transcript_note(network, lines, evidence.signed_heads),
                now=cases.now,
            )
        except RecordingRefusedError as exc:
            refusals.append(f"{partner}: {exc}")
            continue
        say(
            f"recorded {done.item.item_id}: {partner} on {network}, {done.kept} line(s)"
            f" ({done.outside} outside the authorised window, not recorded)"
        )
    for refusal in refusals:
        say(f"refused {refusal}")
    if len(refusals) == len(chains):
        raise RecordingRefusedError(
            f"No transcript was recorded: {len(refusals)} refused by the gate (see above)."
        )


def _transcript_note(network: str, lines: list[TranscriptLine], heads: int) -> str:
    """What the item is, with the chain's ends so it can be checked against the folder."""
    return (
        f"decoy transcript on {network}, lines {lines[0].seq}-{lines[-1].seq} offered, hash "
        f"chain verified ({heads} signed head(s) in the folder), last hash {lines[-1].hash}"
    )


@case_app.command("read")
def read(
    item_id: ItemArg,
    reason: ReasonOpt,
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the decrypted item.")],
    config: ConfigOpt = None,
) -> None:
    """Decrypt an item to a file (investigators, supervisors); the access goes into custody."""
    if out_path.exists():
        raise InputError(f"{out_path} already exists; choose a new file.")
    cases = open_cases(config)
    data = cases.service.read_item(cases.actor(), item_id, reason, cases.now)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_new_private(out_path, data)
    say(f"{item_id}: {len(data)} bytes -> {out_path}")


@case_app.command("mark")
def mark(
    item_id: ItemArg,
    reason: ReasonOpt,
    evidence: Annotated[
        bool | None,
        typer.Option(
            "--evidence/--not-evidence",
            help="Whether the item shows abuse; only evidence is referred, the rest destroyed.",
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Mark an item as evidence or not during evaluation (investigators)."""
    if evidence is None:
        raise InputError("Say --evidence or --not-evidence.")
    cases = open_cases(config)
    cases.service.mark(cases.actor(), item_id, evidence, reason, cases.now)
    say(f"{item_id} marked {'evidence' if evidence else 'not evidence'}")
