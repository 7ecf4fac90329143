"""`vigil login|logout|whoami` and `vigil user add|passwd|list|disable|enable`."""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer
from rich.table import Table

from vigil.cases import parse_roles
from vigil.cli.app import app, out
from vigil.cli.session import (
    ConfigOpt,
    PasswordStdinOpt,
    open_cases,
    read_password,
    read_session,
    say,
    write_session,
)
from vigil.core import AuthError

SESSION_HELP = (
    "The session is kept in $VIGIL_HOME/session (or the file VIGIL_SESSION names), mode 0600, "
    "as JSON with the username and token; every workflow command reads it. It lasts "
    "the cases.session_hours setting (8 hours by default)."
)

user_app = typer.Typer(
    help="Workflow users and their roles: analyst, supervisor, legal_officer, investigator, "
    "auditor, admin. With no users yet, `vigil user add NAME --role admin` creates the first "
    "admin without a login.",
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")


@app.command(
    "login",
    help="Log in to the case workflow. The password comes from --password-stdin, else the "
    f"environment variable VIGIL_PASSWORD, else a hidden prompt. {SESSION_HELP}",
)
def login(
    username: Annotated[str, typer.Argument(help="Your user name.")],
    password_stdin: PasswordStdinOpt = False,
    config: ConfigOpt = None,
) -> None:
    cases = open_cases(config)
    password = read_password(password_stdin, env="VIGIL_PASSWORD")
    token = cases.service.login(username, password, cases.now)
    write_session(cases.session_file, username, token)
    actor = cases.service.actor_for(token, cases.now)
    say(
        f"logged in as {username} ({', '.join(sorted(actor.roles))}); "
        f"session in {cases.session_file}"
    )


@app.command("logout")
def logout(config: ConfigOpt = None) -> None:
    """End the current session and delete the session file."""
    cases = open_cases(config)
    path = cases.session_file
    username, token = read_session(path)
    # Already expired: nothing left to end in the store, only the file to remove.
    with contextlib.suppress(AuthError):
        cases.service.logout(token, cases.now)
    path.unlink(missing_ok=True)
    say(f"logged out {username}")


@app.command("whoami")
def whoami(config: ConfigOpt = None) -> None:
    """Show who the current session belongs to and their roles."""
    cases = open_cases(config)
    actor = cases.actor()
    say(f"{actor.username}: {', '.join(sorted(actor.roles))}")


@user_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="New user's name (lower-case).")],
    role: Annotated[
        list[str],
        typer.Option(
            "--role",
            help="Role to grant; repeat for several: analyst, supervisor, legal_officer, "
            "investigator, auditor, admin.",
        ),
    ],
    password_stdin: PasswordStdinOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Add a user (admins only). The very first user, an admin, needs no login (bootstrap).

    The new user's password comes from --password-stdin or a hidden prompt (asked twice).
    """
    cases = open_cases(config)
    roles = parse_roles(role)
    bootstrap = cases.service.bootstrap_needed()
    actor = None if bootstrap else cases.actor()
    password = read_password(password_stdin, confirm=True)
    user = cases.service.add_user(actor, username, password, roles, cases.now)
    note = " (bootstrap: the first admin)" if bootstrap else ""
    say(f"added user {user.username} with roles {', '.join(sorted(user.roles))}{note}")


@user_app.command("passwd")
def passwd(
    username: Annotated[
        str | None, typer.Argument(help="Whose password (default: your own; others: admins).")
    ] = None,
    password_stdin: PasswordStdinOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Set a new password (from --password-stdin or a hidden prompt, asked twice)."""
    cases = open_cases(config)
    actor = cases.actor()
    name = username or actor.username
    password = read_password(password_stdin, confirm=True)
    cases.service.set_password(actor, name, password, cases.now)
    say(f"password of {name} changed")


@user_app.command("list")
def list_users(config: ConfigOpt = None) -> None:
    """List users, their roles and whether they are disabled (admins only)."""
    cases = open_cases(config)
    users = cases.service.list_users(cases.actor(), cases.now)
    table = Table(title="Users")
    for col in ("user", "roles", "status", "created", "by"):
        table.add_column(col)
    for u in users:
        table.add_row(
            u.username,
            ", ".join(sorted(u.roles)),
            "disabled" if u.disabled else "active",
            u.created_at.isoformat(timespec="seconds"),
            u.created_by,
        )
    out.print(table)


@user_app.command("disable")
def disable(
    username: Annotated[str, typer.Argument(help="The user to disable.")],
    config: ConfigOpt = None,
) -> None:
    """Disable a user (admins only): their sessions stop working at once."""
    cases = open_cases(config)
    cases.service.set_disabled(cases.actor(), username, True, cases.now)
    say(f"user {username} disabled")


@user_app.command("enable")
def enable(
    username: Annotated[str, typer.Argument(help="The user to enable again.")],
    config: ConfigOpt = None,
) -> None:
    """Enable a disabled user again (admins only)."""
    cases = open_cases(config)
    cases.service.set_disabled(cases.actor(), username, False, cases.now)
    say(f"user {username} enabled")
