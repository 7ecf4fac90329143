"""The demo's one simulated week: the chat corpus and the decoy's partners joined to the calls.

The three simulators are written apart (each against its own detector), so their people do not
meet. A demo queue only shows fusion when the same accounts appear in several methods, so this
glue renames people onto the call world's ground truth: the customers of the exploitative
chats and the suspects the decoy talks to become the world's consumer accounts, the chats'
local parties its sources. Everything is pseudonymised with the demo key before it is written
as a detection output.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from vigil.cli.decoy_eval import make_respond
from vigil.content import Matcher
from vigil.core import Pseudonymiser
from vigil.decoy import build_engine
from vigil.simulate import ConversationCorpus, run_partners, simulate_partners

DECOY_PARTNERS = 300
SUSPECT_SHARE = 0.3


def world_accounts(truth: pa.Table, role: str) -> list[str]:
    """Raw ids of the world's accounts of one ground-truth role, in the truth file's order."""
    return [str(a) for a in truth.filter(pc.equal(truth["role"], role))["account"].to_pylist()]


def _rename(table: pa.Table, column: str, names: Mapping[str, str]) -> pa.Table:
    values = [names.get(v, v) if v is not None else None for v in table[column].to_pylist()]
    return table.set_column(table.schema.get_field_index(column), column, pa.array(values))


def link_corpus(
    corpus: ConversationCorpus, consumers: list[str], sources: list[str]
) -> ConversationCorpus:
    """The corpus with the exploitative chats' customers and local parties renamed onto
    world consumers and sources (in order, one world account per chat name)."""
    positives = corpus.truth.filter(pc.equal(corpus.truth["label"], 1))
    requesters = sorted({str(r) for r in positives["requester"].to_pylist() if r})
    wanted = set(positives["conversation_id"].to_pylist())
    messages = corpus.messages
    locals_ = sorted(
        {
            str(s)
            for c, s in zip(
                messages["conversation_id"].to_pylist(), messages["sender"].to_pylist(), strict=True
            )
            if c in wanted and s not in requesters
        }
    )
    names = dict(zip(requesters, consumers, strict=False))
    names.update(zip(locals_, sources, strict=False))
    return dataclasses.replace(
        corpus,
        messages=_rename(corpus.messages, "sender", names),
        transcripts=_rename(corpus.transcripts, "sender", names),
        truth=_rename(corpus.truth, "requester", names),
        accounts=_rename(corpus.accounts, "account", names),
    )


def decoy_dossiers(
    seed: int,
    matcher: Matcher,
    consumers: list[str],
    pseudo: Pseudonymiser,
    partners: int = DECOY_PARTNERS,
) -> list[dict[str, Any]]:
    """Simulated partners against a fresh decoy engine (the `vigil simulate partners` glue);
    its dossiers, suspects renamed onto world consumers, every partner pseudonymised."""
    engine = build_engine(matcher=matcher, retrieval="keyword", rng_seed=seed, pace="instant")
    scripts = simulate_partners(partners, SUSPECT_SHARE, seed)
    run_partners(scripts, make_respond(engine), random.Random(seed))
    suspects = [s.partner_id for s in scripts if s.is_suspect]
    # Start a quarter in: some suspects are also the chats' customers, some are not.
    start = len(consumers) // 4
    names = dict(zip(suspects, consumers[start:], strict=False))
    rows = []
    for dossier in engine.dossiers():
        row = dossier.to_dict()
        row["partner"] = pseudo.pseudonym(names.get(dossier.partner, dossier.partner))
        # The timeline repeats identifier values with times; the dossier keeps them once.
        row.pop("timeline", None)
        rows.append(row)
    return rows
