"""The case lifecycle and role rules, read from data/transitions.toml and data/permissions.toml.

Sans I/O (the h11 model): the tables say what may happen; the service applies it, the store
keeps it. Every refusal is a `WorkflowError` or `PermissionDeniedError` with one sentence.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from vigil.cases.model import Actor, CaseState, PendingAction, Role
from vigil.core import ConfigError, PermissionDeniedError, WorkflowError


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[CaseState]
    target: CaseState
    roles: frozenset[Role]
    approver: Role | None = None
    auto: bool = False
    shred: bool = False


def _read(name: str) -> dict[str, Any]:
    text = resources.files("vigil.cases").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _transition(action: str, spec: Mapping[str, Any]) -> Transition:
    try:
        return Transition(
            action=action,
            sources=frozenset(CaseState(s) for s in spec["from"]),
            target=CaseState(spec["to"]),
            roles=frozenset(Role(r) for r in spec.get("roles", [])),
            approver=Role(spec["approver"]) if "approver" in spec else None,
            auto=bool(spec.get("auto", False)),
            shred=bool(spec.get("shred", False)),
        )
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"transitions.toml: action {action!r} is malformed ({exc}).") from exc


@dataclass(frozen=True)
class Workflow:
    transitions: Mapping[str, Transition]
    permissions: Mapping[str, frozenset[Role]]

    @classmethod
    @cache
    def default(cls) -> Workflow:
        actions = _read("transitions.toml")["actions"]
        perms = _read("permissions.toml")["permissions"]
        return cls(
            transitions={a: _transition(a, spec) for a, spec in actions.items()},
            permissions={p: frozenset(Role(r) for r in roles) for p, roles in perms.items()},
        )

    def transition(self, action: str) -> Transition:
        try:
            return self.transitions[action]
        except KeyError as exc:
            raise WorkflowError(f"There is no case action called {action!r}.") from exc

    def actions_from(self, state: CaseState) -> list[str]:
        return sorted(a for a, t in self.transitions.items() if state in t.sources)

    def require(self, actor: Actor, permission: str) -> None:
        """Refuse unless one of the actor's roles grants the permission."""
        allowed = self.permissions.get(permission)
        if allowed is None:
            raise ConfigError(f"permissions.toml does not define {permission!r}.")
        if not actor.roles & allowed:
            raise PermissionDeniedError(
                f"{actor.username} may not {permission}: it needs one of the roles "
                f"{', '.join(sorted(allowed))}."
            )

    def check(self, state: CaseState, action: str, actor: Actor | None) -> Transition:
        """The transition `actor` may take from `state`; None as actor means the clock."""
        step = self.transition(action)
        if state not in step.sources:
            raise WorkflowError(
                f"A case in state {state} cannot {action.replace('_', ' ')}; "
                f"allowed from: {', '.join(sorted(step.sources))}."
            )
        if actor is None:
            if not step.auto:
                raise WorkflowError(f"{action} is taken by a person, not by the clock.")
            return step
        if step.auto:
            raise PermissionDeniedError(f"{action} happens by itself when its deadline passes.")
        if not actor.roles & step.roles:
            raise PermissionDeniedError(
                f"{actor.username} may not {action.replace('_', ' ')}: it needs one of the "
                f"roles {', '.join(sorted(step.roles))}."
            )
        return step

    def check_approval(self, pending: PendingAction, approver: Actor) -> Transition:
        """Four eyes: a different person, holding the approver role, confirms the action."""
        step = self.transition(pending.action)
        if approver.username == pending.requested_by:
            raise PermissionDeniedError(
                f"{approver.username} requested {pending.action} and cannot also approve it; "
                "a second person must."
            )
        if not approver.has(pending.approver_role):
            raise PermissionDeniedError(
                f"{approver.username} may not approve {pending.action}: it needs the role "
                f"{pending.approver_role}."
            )
        return step
