"""Scripted chat partners with ground truth, for evaluating the decoy (issue 5).

Written independently of the detectors and of the decoy: partners come from this
package's own phrase tables, and the driver only sees the decoy through a callable,
`respond(partner_id, line) -> reply | None`, which the caller plugs the decoy into.

- `simulate_partners(n, suspect_share, seed)`: fresh scripts, deterministic by seed.
- `partner_truth(scripts)`: the ground truth as planned (what a cooperative decoy hears).
- `run_partners(scripts, respond, rng)`: interleaves the conversations on a virtual clock;
  the transcript's `truth` holds what each partner actually disclosed in that run.
- `funnel(truth, outcomes)`: the evaluation arithmetic (in partner_funnel).
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from vigil.core.errors import ConfigError
from vigil.simulate.partner_funnel import LEVELS, format_funnel, funnel, meets_targets
from vigil.simulate.partner_identity import DisclosedIdentifier, PartnerTruth
from vigil.simulate.partner_plans import (
    BENIGN_KINDS,
    KIND_WEIGHTS,
    SUSPECT_KINDS,
    make_benign,
    make_suspect,
)
from vigil.simulate.partner_script import PartnerScript


class Partner(Protocol):
    """What the driver needs of a partner; `PartnerScript` is the simulator's own."""

    @property
    def partner_id(self) -> str: ...

    def next_line(self, decoy_reply: str | None, rng: random.Random) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Turn:
    tick: int  # virtual time; partners interleave like concurrent conversations
    partner_id: str
    speaker: str  # "partner" | "decoy"
    text: str


@dataclass(frozen=True)
class Transcript:
    turns: tuple[Turn, ...]
    truth: tuple[PartnerTruth, ...]  # scripted partners only; identifiers as actually said

    def lines(self, partner_id: str, speaker: str = "partner") -> list[str]:
        return [t.text for t in self.turns if t.partner_id == partner_id and t.speaker == speaker]


# ---- simulation ---------------------------------------------------------------------


def _allocate(rng: random.Random, total: int, kinds: Sequence[str]) -> list[str]:
    """`total` kinds in jittered proportions; every kind at least once when total allows."""
    if total <= 0:
        return []
    w = {k: KIND_WEIGHTS[k] * rng.uniform(0.7, 1.3) for k in kinds}
    s = sum(w.values())
    counts = {k: max(1 if total >= len(kinds) else 0, int(total * w[k] / s)) for k in kinds}
    order = sorted(kinds, key=lambda k: -((total * w[k] / s) % 1))
    i = 0
    while sum(counts.values()) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts.values()) > total:
        counts[max(counts, key=lambda k: counts[k])] -= 1
    return [k for k in kinds for _ in range(counts[k])]


def simulate_partners(n: int, suspect_share: float, seed: int) -> list[PartnerScript]:
    """`n` fresh partner scripts, `round(n * suspect_share)` of them suspects (at least one
    of each side when 0 < share < 1 and n >= 2). The same seed gives the same scripts."""
    if n < 1:
        raise ConfigError("The number of partners must be at least 1.")
    if not 0.0 <= suspect_share <= 1.0:
        raise ConfigError("The suspect share must lie between 0 and 1.")
    rng = random.Random(seed)
    n_sus = round(n * suspect_share)
    if 0.0 < suspect_share < 1.0 and n >= 2:
        n_sus = min(max(n_sus, 1), n - 1)
    kinds = _allocate(rng, n_sus, SUSPECT_KINDS) + _allocate(rng, n - n_sus, BENIGN_KINDS)
    rng.shuffle(kinds)
    taken: set[str] = set()
    return [
        make_suspect(rng, k, taken) if k in SUSPECT_KINDS else make_benign(rng, k, taken)
        for k in kinds
    ]


def partner_truth(scripts: Sequence[PartnerScript]) -> list[PartnerTruth]:
    """Ground truth as planned: the identifiers each script discloses to a decoy that
    keeps replying. After a run, prefer `Transcript.truth` (what was actually said)."""
    return [
        PartnerTruth(s.partner_id, s.kind, s.is_suspect, s.planned_identifiers) for s in scripts
    ]


# ---- the driver ---------------------------------------------------------------------


def run_partners(
    partners: Sequence[Partner],
    respond: Callable[[str, str], str | None],
    rng: random.Random,
    *,
    max_lines: int = 100,
) -> Transcript:
    """Talk every partner through to its end against `respond` (the decoy).

    Partners write in turn on a virtual clock (each script's `pause` spaces its lines);
    each partner line goes to `respond(partner_id, line)`, whose reply (or None for no
    reply) is handed to that partner's next `next_line`. `max_lines` bounds a partner
    that never stops.
    """
    ids = [p.partner_id for p in partners]
    if len(set(ids)) != len(ids):
        raise ConfigError("Partner ids must be unique.")
    queue = [(rng.randint(0, max(1, len(partners) // 4)), i) for i in range(len(partners))]
    heapq.heapify(queue)
    last: dict[int, str | None] = {}
    said = dict.fromkeys(range(len(partners)), 0)
    turns: list[Turn] = []
    while queue:
        tick, i = heapq.heappop(queue)
        p = partners[i]
        line = p.next_line(last.get(i), rng)
        if line is None:
            continue
        turns.append(Turn(tick, p.partner_id, "partner", line))
        reply = respond(p.partner_id, line)
        if reply is not None:
            turns.append(Turn(tick, p.partner_id, "decoy", reply))
        last[i] = reply
        said[i] += 1
        if said[i] < max_lines:
            heapq.heappush(queue, (tick + max(1, int(getattr(p, "pause", 1))), i))
    truth = tuple(
        PartnerTruth(p.partner_id, p.kind, p.is_suspect, p.disclosed)
        for p in partners
        if isinstance(p, PartnerScript)
    )
    return Transcript(tuple(turns), truth)


def ground_truth_rows(truth: Sequence[PartnerTruth]) -> list[Mapping[str, object]]:
    """The truth as plain rows (for writing): identifiers as [{kind, value, platform}]."""
    return [
        {
            "partner_id": t.partner_id,
            "kind": t.kind,
            "is_suspect": t.is_suspect,
            "identifiers": [
                {"kind": d.kind, "value": d.value, "platform": d.platform} for d in t.identifiers
            ],
        }
        for t in truth
    ]


__all__ = [
    "BENIGN_KINDS",
    "LEVELS",
    "SUSPECT_KINDS",
    "DisclosedIdentifier",
    "Partner",
    "PartnerScript",
    "PartnerTruth",
    "Transcript",
    "Turn",
    "format_funnel",
    "funnel",
    "ground_truth_rows",
    "meets_targets",
    "partner_truth",
    "run_partners",
    "simulate_partners",
]
