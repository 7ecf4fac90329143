"""The decoy evaluation funnel: plain arithmetic over per-partner outcomes, not a detector.

Outcomes are what the decoy concluded per partner, in the shape of its dossiers:
``{partner_id: {"level": "neutral|possible|probable|confirmed",
"identifiers": {kind: [values]}}}``. A partner with no outcome was never graded: it counts
as neutral with nothing extracted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from vigil.core.errors import InputError
from vigil.simulate.partner_identity import PartnerTruth
from vigil.simulate.partner_reveal import identifier_key

LEVELS: tuple[str, ...] = ("neutral", "possible", "probable", "confirmed")
# Issue 5's targets: (key, "min" or "max", bound).
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("suspects_confirmed_share", "min", 0.95),
    ("false_escalation_rate", "max", 0.02),
    ("identifier_recall", "min", 0.90),
)


def _rate(num: int, den: int) -> float:
    return num / den if den else 0.0  # 0.0 over an empty set, never a division error


def _level(pid: str, outcome: Mapping[str, object] | None) -> int:
    level = "neutral" if outcome is None else outcome.get("level", "neutral")
    if level not in LEVELS:
        raise InputError(f"Partner {pid!r} has an unknown level {level!r}; use one of {LEVELS}.")
    return LEVELS.index(str(level))


def _found(pid: str, outcome: Mapping[str, object] | None) -> set[tuple[str, str]]:
    ids = {} if outcome is None else outcome.get("identifiers", {})
    if not isinstance(ids, Mapping):
        raise InputError(f"Partner {pid!r} has identifiers that are not a kind -> values map.")
    keys: set[tuple[str, str]] = set()
    for kind, values in ids.items():
        if isinstance(values, str) or not isinstance(values, Sequence):
            raise InputError(f"Partner {pid!r} has identifiers of {kind!r} that are not a list.")
        keys.update(identifier_key(str(kind), str(v)) for v in values)
    return keys


def funnel(
    truth: Sequence[PartnerTruth], outcomes: Mapping[str, Mapping[str, object]]
) -> dict[str, int | float]:
    """contacts -> possible -> confirmed -> identified among suspects, false escalations
    (past "possible") among benign partners, and identifier recall (disclosed identifiers
    found / disclosed; overall and per kind as ``identifier_recall.<kind>``)."""
    possible, probable = LEVELS.index("possible"), LEVELS.index("probable")
    c: Counter[str] = Counter()
    disclosed_by: Counter[str] = Counter()
    found_by: Counter[str] = Counter()
    for t in truth:
        out = outcomes.get(t.partner_id)
        level, found = _level(t.partner_id, out), _found(t.partner_id, out)
        if not t.is_suspect:
            c["benign"] += 1
            c["benign_contacts"] += out is not None
            c["false_escalations"] += level >= probable
            continue
        c["suspects"] += 1
        c["contacts"] += out is not None
        c["possible"] += level >= possible
        c["probable"] += level >= probable
        c["confirmed"] += level == len(LEVELS) - 1
        c["identified"] += bool(found)
        hits = 0
        for d in {identifier_key(d.kind, d.value): d for d in t.identifiers}.values():
            disclosed_by[d.kind] += 1
            hit = identifier_key(d.kind, d.value) in found
            found_by[d.kind] += hit
            hits += hit
        c["identified_correctly"] += hits > 0
    known = {t.partner_id for t in truth}
    result: dict[str, int | float] = {
        "partners": len(truth),
        "suspects": c["suspects"],
        "benign": c["benign"],
        "unknown_outcomes": sum(pid not in known for pid in outcomes),
        "contacts": c["contacts"],
        "possible": c["possible"],
        "probable": c["probable"],
        "confirmed": c["confirmed"],
        "identified": c["identified"],
        "identified_correctly": c["identified_correctly"],
        "benign_contacts": c["benign_contacts"],
        "false_escalations": c["false_escalations"],
        "false_escalation_rate": _rate(c["false_escalations"], c["benign"]),
        "identifiers_disclosed": disclosed_by.total(),
        "identifiers_found": found_by.total(),
        "identifier_recall": _rate(found_by.total(), disclosed_by.total()),
        "suspects_confirmed_share": _rate(c["confirmed"], c["suspects"]),
    }
    for kind in sorted(disclosed_by):
        result[f"identifier_recall.{kind}"] = _rate(found_by[kind], disclosed_by[kind])
    return result


def meets_targets(result: Mapping[str, int | float]) -> dict[str, bool]:
    """Issue 5's targets, each True when met (unsafe lines are the guard tests' business)."""
    return {
        key: result[key] >= bound if side == "min" else result[key] <= bound
        for key, side, bound in TARGETS
    }


def format_funnel(result: Mapping[str, int | float]) -> str:
    """A few human-readable lines, for the `vigil simulate partners` report."""
    r = result
    return "\n".join(
        (
            f"suspects {r['suspects']}: contacts {r['contacts']} -> possible {r['possible']}"
            f" -> confirmed {r['confirmed']} -> identified {r['identified']}"
            f" (confirmed share {r['suspects_confirmed_share']:.1%})",
            f"benign {r['benign']}: false escalations past possible {r['false_escalations']}"
            f" ({r['false_escalation_rate']:.1%})",
            f"identifiers: {r['identifiers_found']} of {r['identifiers_disclosed']} found"
            f" (recall {r['identifier_recall']:.1%})",
        )
    )


__all__ = ["LEVELS", "TARGETS", "format_funnel", "funnel", "meets_targets"]
