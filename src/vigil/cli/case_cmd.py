"""`vigil case ...`: the two-phase workflow, from a detection flag to a referral or shredding.

Every command acts as the logged-in user (`vigil login`); roles and states are checked in
the domain and every act, refused ones too, goes into the audit log. "Now" is the wall clock
or VIGIL_NOW (ISO-8601), which moves the clock for tests and drills.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from vigil.cases import Case, CaseState
from vigil.cases.referral import URGENCIES
from vigil.cli.app import app, out
from vigil.cli.case_findings import case_findings
from vigil.cli.case_refer import export_referral
from vigil.cli.session import ConfigOpt, open_cases, parse_time, say
from vigil.core import InputError

case_app = typer.Typer(
    help="The two-phase workflow: open, review, authorise (four eyes), record, evaluate, "
    "refer or shred. Log in first (`vigil login USER`); VIGIL_NOW=ISO-8601 overrides the clock.",
    no_args_is_help=True,
)
app.add_typer(case_app, name="case")

CaseArg = Annotated[str, typer.Argument(help="Case id (case-...).")]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why; it goes into the audit log.")]
ORIGINS = ("metadata", "content", "decoy")


def _when(value: Any) -> str:
    return value.isoformat(timespec="seconds") if value is not None else "-"


def _short(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%MZ") if value is not None else "-"


def _state(text: str) -> CaseState:
    try:
        return CaseState(text)
    except ValueError:
        known = ", ".join(s.value for s in CaseState)
        raise InputError(f"Unknown case state {text!r}; the states are {known}.") from None


def _moved(case: Case, what: str) -> None:
    say(f"case {case.case_id}: {what}; now {case.state}")


@case_app.command("open")
def open_case(
    accounts: Annotated[list[str], typer.Argument(help="Flagged accounts (pseudonyms).")],
    origin: Annotated[str, typer.Option(help="Where the flag came from: metadata|content|decoy.")],
    summary: Annotated[str, typer.Option(help="Why the case is opened, in a sentence.")],
    findings: Annotated[
        list[Path] | None,
        typer.Option(
            "--findings",
            help="Flags file (.parquet/.csv/.jsonl) or content scores (.jsonl); repeatable. "
            "Only rows about the case's accounts are kept, never message text.",
        ),
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Country the case concerns (ISO 3166-1 alpha-2).")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Open a case on flagged accounts (analysts and supervisors)."""
    if origin not in ORIGINS:
        raise InputError(f"--origin must be one of {', '.join(ORIGINS)}, not {origin!r}.")
    if not summary.strip():
        raise InputError("--summary must say why the case is opened.")
    rows: list[dict[str, Any]] = []
    for path in findings or []:
        kept, total = case_findings(path, accounts)
        say(f"{path.name}: kept {len(kept)} of {total} rows", err=True)
        rows.extend(kept)
    cases = open_cases(config)
    case = cases.service.open_case(
        cases.actor(),
        accounts,
        origin,
        summary.strip(),
        cases.now,
        findings=rows,
        country=country.upper() if country else None,
    )
    say(
        f"opened {case.case_id} ({len(case.accounts)} accounts, {len(rows)} findings); "
        f"state {case.state}"
    )


@case_app.command("list")
def list_cases(
    state: Annotated[str | None, typer.Option(help="Only cases in this state.")] = None,
    config: ConfigOpt = None,
) -> None:
    """List cases with their state."""
    wanted = _state(state) if state else None
    cases = open_cases(config)
    found = cases.service.view(cases.actor(), None, cases.now)
    table = Table(title="Cases")
    table.add_column("case", no_wrap=True)
    table.add_column("state", no_wrap=True)
    for col in ("accounts", "origin", "opened", "by", "updated", "summary"):
        table.add_column(col, overflow="fold")
    for c in found:
        if wanted is None or c.state is wanted:
            table.add_row(
                c.case_id,
                c.state.value,
                ", ".join(c.accounts),
                c.origin,
                _short(c.opened_at),
                c.opened_by,
                _short(c.updated_at),
                escape(c.summary),
            )
    out.print(table)


def _detail_json(detail: dict[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if hasattr(value, "__dataclass_fields__"):
            return {k: plain(getattr(value, k)) for k in value.__dataclass_fields__}
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple, frozenset, set)):
            return [plain(v) for v in value]
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    result: dict[str, Any] = plain(detail)
    return result


@case_app.command("show")
def show(
    case_id: CaseArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print everything as JSON.")] = False,
    config: ConfigOpt = None,
) -> None:
    """A case: state, next actions, authorisations, pending approval, evidence, certificates."""
    cases = open_cases(config)
    d = cases.service.detail(cases.actor(), case_id, cases.now)
    if as_json:
        out.print_json(json.dumps(_detail_json(d)))
        return
    case: Case = d["case"]
    workflow = cases.service.workflow
    nxt = [
        a.replace("_", "-") + (" (by the clock)" if workflow.transition(a).auto else "")
        for a in d["next"]
    ]
    say(f"{case.case_id}  state: {case.state}")
    say(f"accounts: {', '.join(case.accounts)}")
    say(f"origin: {case.origin}; opened {_when(case.opened_at)} by {case.opened_by}")
    say(f"summary: {case.summary}")
    say(f"country: {case.country or '-'}; findings: {len(d['findings'])}")
    say(f"next: {', '.join(nxt) or 'none (final state)'}")
    if d["deadline"] is not None:
        say(f"evaluation deadline: {_when(d['deadline'])} (then closed and shredded)")
    pending = d["pending"]
    if pending is not None:
        say(
            f"awaiting approval: {pending.action} requested by {pending.requested_by} at "
            f"{_when(pending.requested_at)}; a {pending.approver_role} other than them must run "
            f"`vigil case approve {case.case_id}`"
        )
    if d["authorisations"]:
        table = Table(title="Authorisations")
        for col in ("id", "authority", "reference", "accounts", "window", "entered", "approved"):
            table.add_column(col, overflow="fold")
        for a in d["authorisations"]:
            table.add_row(
                a.auth_id,
                escape(a.authority),
                escape(a.reference),
                ", ".join(a.accounts),
                f"{_short(a.starts_at)} to {_short(a.ends_at)}",
                a.entered_by,
                f"{a.approved_by} {_short(a.approved_at)}" if a.approved_by else "pending",
            )
        out.print(table)
    # Items as lines, not a table: hashes stay whole for copying and scripts.
    for i in d["evidence"]:
        status = "destroyed" if i.purged else ("evidence" if i.is_evidence else "unmarked")
        say(
            f"item {i.item_id}: {status}; account {i.account}; captured {_when(i.captured_at)}; "
            f"{i.media_type}, {i.size} bytes; sha256 {i.sha256}"
        )
    for cert in d["certificates"]:
        say(
            f"deletion certificate: {cert.get('shredded_at', '-')} by {cert.get('actor', '-')} "
            f"({cert.get('reason', '-')}): {len(cert.get('items', []))} items destroyed"
            + ("; case key destroyed" if cert.get("key_fingerprint") else "")
        )


def _lifecycle(action: str, doc: str) -> Callable[..., None]:
    def command(case_id: CaseArg, reason: ReasonOpt = "", config: ConfigOpt = None) -> None:
        cases = open_cases(config)
        case = cases.service.act(cases.actor(), case_id, action, cases.now, reason)
        _moved(case, action.replace("_", " "))

    command.__doc__ = doc
    return command


for _action, _doc in (
    ("review", "Start reviewing a flagged case (analysts, supervisors)."),
    ("dismiss", "Dismiss a flagged or reviewed case (analysts, supervisors)."),
    ("request_authorisation", "Ask the legal officers to seek a judicial authorisation."),
    ("refuse_authorisation", "Record that the authorisation was refused (legal officers)."),
    ("end_identification", "Stop recording before the window ends; evaluation begins."),
    ("close", "Close an evaluated case without evidence: its content is crypto-shredded."),
):
    case_app.command(_action.replace("_", "-"))(_lifecycle(_action, _doc))


@case_app.command("authorise")
def authorise(
    case_id: CaseArg,
    authority: Annotated[str, typer.Option(help="Issuing court or authority.")],
    reference: Annotated[str, typer.Option(help="The authorisation's reference number.")],
    account: Annotated[
        list[str], typer.Option("--account", help="Account it names; repeat for several.")
    ],
    start: Annotated[str, typer.Option(help="Window start, ISO-8601 (UTC if no zone).")],
    end: Annotated[str, typer.Option(help="Window end, ISO-8601 (UTC if no zone).")],
    scope: Annotated[str, typer.Option(help="What it allows to be recorded.")],
    config: ConfigOpt = None,
) -> None:
    """Enter a judicial authorisation (legal officers); a supervisor must then approve it."""
    starts_at = parse_time(start, "--start")
    ends_at = parse_time(end, "--end")
    cases = open_cases(config)
    auth = cases.service.enter_authorisation(
        cases.actor(),
        case_id,
        authority=authority,
        reference=reference,
        accounts=account,
        starts_at=starts_at,
        ends_at=ends_at,
        scope=scope,
        now=cases.now,
    )
    say(
        f"authorisation {auth.auth_id} entered for case {case_id}; four eyes: a supervisor "
        f"other than you must run `vigil case approve {case_id}`"
    )


@case_app.command("approve")
def approve(case_id: CaseArg, config: ConfigOpt = None) -> None:
    """Give the second approval (four eyes) of a pending authorisation or referral."""
    cases = open_cases(config)
    actor = cases.actor()
    with cases.store.transaction() as tx:
        pending = tx.get_pending(case_id)
    case = cases.service.approve(actor, case_id, cases.now)
    _moved(case, f"{pending.action if pending else 'action'} approved by {actor.username}")


@case_app.command("tick")
def tick(config: ConfigOpt = None) -> None:
    """Apply the clock: open and close recording windows, close expired evaluations.

    Every command does this first; run it from a timer so cases move on even when idle.
    """
    cases = open_cases(config)
    actor = cases.actor()
    cases.permit(actor, "cases.tick", "cases.tick", "*")
    moved = cases.service.tick(cases.now)
    for case_id, action in moved:
        say(f"case {case_id}: {action.replace('_', ' ')}")
    say(f"{len(moved)} clock moves at {_when(cases.now)}")


@case_app.command("refer")
def refer(
    case_id: CaseArg,
    to: Annotated[str, typer.Option("--to", help="Country to refer to (ISO 3166-1 alpha-2).")],
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="New or empty folder for the bundle (needed to export)."),
    ] = None,
    provider: Annotated[
        str,
        typer.Option(
            envvar="VIGIL_PROVIDER", help="Provider named in the report (env VIGIL_PROVIDER)."
        ),
    ] = "",
    urgency: Annotated[str, typer.Option(help="immediate, high or routine.")] = "routine",
    config: ConfigOpt = None,
) -> None:
    """Refer a case to the agency of a country: request it, or export it once approved.

    In evaluation this requests the referral, which a supervisor other than you approves
    (`vigil case approve`); everything not marked as evidence is then destroyed. Run again on
    the referred case to write the signed bundle and the evidence items to --out.
    """
    if urgency not in URGENCIES:
        raise InputError(f"--urgency must be one of {', '.join(URGENCIES)}, not {urgency!r}.")
    country = to.strip().upper()
    cases = open_cases(config)
    actor = cases.actor()
    case = cases.service.view(actor, case_id, cases.now)[0]
    if case.state is not CaseState.REFERRED:
        cases.service.request_referral(actor, case_id, country, cases.now)
        say(
            f"referral of case {case_id} to {country} requested; four eyes: a supervisor other "
            f"than you must run `vigil case approve {case_id}`, then run this again to export"
        )
        return
    if out_dir is None:
        raise InputError(f"Case {case_id} is referred; give --out DIR to export its bundle.")
    if case.country and country != case.country:
        raise InputError(
            f"Case {case_id} was approved for referral to {case.country}, not {country}."
        )
    done = export_referral(
        cases, actor, case, out_dir, provider=provider, urgency=urgency, at=cases.now
    )
    if not provider:
        say("warning: no --provider given; the report names the provider 'not available'", err=True)
    evidence = sum(1 for name in done.files if name.startswith("evidence/"))
    say(
        f"referral of case {case_id} to {done.agency} ({done.country}) -> {out_dir}: "
        f"{len(done.files)} files, {evidence} evidence items; manifest.json sha256 "
        f"{done.manifest_sha256}"
    )
