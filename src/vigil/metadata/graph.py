"""Pattern 4, the graph, and the combined scores, as Ibis expressions.

Links join risk-area candidate sources to accounts abroad (video, or phone at a lower
weight; lessons on a timetable are no link). A consumer's score is a noisy-OR over the
sources it met, each weighted by the link; a source's graph part is a noisy-OR over its
links of what the counterpart's *other* sources make of it (leave-one-out, so a source
never props itself up). Two rounds reach a source through one consumer and back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from vigil.core import MetadataConfig
from vigil.metadata.patterns import (
    consumer_accounts,
    den_peers,
    foreign_pairs,
    housemates,
    source_base,
    with_den,
)
from vigil.metadata.weights import capped_log, noisy_or_log, phone_weight, show_weight

# How much one source met makes an account abroad a consumer (times the source's score and
# the link's weight), and how much a consumer of other sources vouches for a source.
CONSUMER_PER_SOURCE = 0.8
GRAPH_PER_CONSUMER = 1.0
ROUNDS = 2

SOURCE_COLUMNS = (
    "win", "a", "score", "base", "evidence", "rule", "graph_part", "den_part", "unscheduled",
    "profile", "business", "fw", "foreign", "foreign_countries", "oneoff", "timetable",
    "show_w", "fw_calls", "fw_audio", "fw_video_s", "timetable_calls", "slot_calls", "booked",
    "voice_hours", "crowd", "abroad_video", "risk_video", "phoned", "hotline",
    "office_hours", "anon_video", "risk_share", "calls", "shared_consumers", "links",
    "den_peers", "den_evidence", "den_foreign", "den_countries",
)  # fmt: skip


@dataclass(frozen=True)
class PatternTables:
    sources: ir.Table
    consumers: ir.Table


def source_links(
    pairs: ir.Table, sources: ir.Table, consumers: ir.Table, cfg: MetadataConfig
) -> ir.Table:
    """Links (r: risk-area account, f: account abroad) with their weight w.

    Video contacts weigh as shows do (short, on video); audio-only ones less (no show
    seen). Lessons on a timetable are no link: a student with two tutors is no consumer of
    two sources. Long calls are weak links: a man dating two women abroad is none either.
    """
    fv = pairs.filter((pairs.fv == 1) & ~pairs.timetable)
    w = ibis.cases((fv.fw == 1, show_weight(fv, cfg)), else_=phone_weight(fv, cfg))
    links = fv.select("win", r="a", f="b", w=w, video=fv.fw == 1)
    links = links.join(sources.select("win", r="a"), ["win", "r"])
    return links.join(consumers.select("win", f="a", kin="diaspora"), ["win", "f"])


def _propagate(
    links: ir.Table, scores: ir.Table, mates: ir.Table, phone_cap: float, kin_vouch: float
) -> tuple[ir.Table, ir.Table]:
    """One round: consumers from source scores, then each source's graph score from the
    consumer's other sources outside its household (housemates are the den pattern's: a
    relative abroad calling one family is no buyer of several sources)."""
    l_ = links.join(scores.select("win", r="a", s="score"), ["win", "r"])
    l_ = l_.mutate(term=noisy_or_log(CONSUMER_PER_SOURCE * l_.s * l_.w))
    per_f = l_.group_by(["win", "f"]).aggregate(
        f_log=l_.term.sum(),
        f_phone_log=ibis.cases((l_.video, 0.0), else_=l_.term).sum(),
        sources_met=(l_.s > 0).cast("int64").sum(),
        source_score_sum=l_.s.sum(),
        link_weight=l_.w.sum(),
    )
    # This source's and its housemates' terms on the same consumer.
    lt = l_.select("win", "f", peer="r", t2="term", met2=(l_.s > 0).cast("int64"))
    house = mates.select("win", r="a", peer="peer").join(lt, ["win", "peer"])
    house = house.group_by(["win", "r", "f"]).aggregate(
        house_log=house.t2.sum(), house_met=house.met2.sum()
    )
    l2 = l_.join(per_f, ["win", "f"])
    l2 = l2.left_join(house, ["win", "r", "f"]).select(l2, house.house_log, house.house_met)
    own_log = l2.house_log.fill_null(l2.term)
    own_met = l2.house_met.fill_null((l2.s > 0).cast("int64"))
    # The consumer's score without this household: other sources vouch for this one.
    loo = ibis.greatest(1 - (l2.f_log - own_log).exp(), 0.0)
    # Shared: this counterpart met at least one source with a score outside the household.
    others = l2.sources_met - own_met
    vouch = ibis.cases((l2.kin, kin_vouch), else_=GRAPH_PER_CONSUMER)
    l2 = l2.mutate(g_term=noisy_or_log(vouch * loo * l2.w), shared=others >= 1)
    per_r = l2.group_by(["win", "r"]).aggregate(
        video_log=ibis.cases((l2.video, l2.g_term), else_=0.0).sum(),
        phone_log=ibis.cases((l2.video, 0.0), else_=l2.g_term).sum(),
        shared_consumers=l2.shared.cast("int64").sum(),
        links=l2.count(),
    )
    # Phone links lift at most `phone_cap`.
    graph_log = per_r.video_log + capped_log(per_r.phone_log, phone_cap)
    per_r = per_r.mutate(graph_log=graph_log).drop("video_log", "phone_log")
    return per_f, per_r


def score_patterns(
    acct: ir.Table,
    pairs: ir.Table,
    ips: ir.Table,
    cfg: MetadataConfig,
    keep: Callable[[ir.Table], ir.Table] = lambda t: t,
) -> PatternTables:
    """Run patterns 1-4 and return scored sources and consumers (all candidates, unranked).

    score (source) = unscheduled x noisy-OR(base, den part, graph part).
    `keep` materialises the small intermediate tables: each propagation round reads the
    previous one twice, and an engine that inlines them (Spark) grows its plan
    exponentially with the rounds.
    """
    consumers = keep(consumer_accounts(acct, cfg))
    foreign = keep(foreign_pairs(pairs, consumers))
    base = keep(source_base(acct, foreign, pairs, cfg))
    links = keep(source_links(pairs, base, consumers, cfg))
    mates = keep(housemates(base, ips, cfg))
    src = keep(with_den(base, den_peers(base, foreign, mates, cfg)))
    scores = src.mutate(score=src.unscheduled * (1 - (1 - src.base) * (1 - src.den_part)))
    per_f = None
    for _ in range(ROUNDS):
        per_f, per_r = _propagate(links, scores, mates, cfg.phone_graph_cap, cfg.kin_vouch)
        joined = src.left_join(per_r, [src.win == per_r.win, src.a == per_r.r])
        joined = joined.select(src, per_r.graph_log, per_r.shared_consumers, per_r.links)
        joined = joined.mutate(
            graph_part=1 - joined.graph_log.fill_null(0.0).exp(),
            shared_consumers=joined.shared_consumers.fill_null(0),
            links=joined.links.fill_null(0),
        )
        evidence = 1 - (1 - joined.base) * (1 - joined.den_part) * (1 - joined.graph_part)
        scores = keep(joined.mutate(score=joined.unscheduled * evidence))
    assert per_f is not None
    sources = scores.filter(scores.score > 0).select(*SOURCE_COLUMNS)
    cons = per_f.join(consumers, [per_f.win == consumers.win, per_f.f == consumers.a])
    # Phone links make a consumer at most `phone_graph_cap`, as they lift a source: a call
    # centre's customers phone many of its agents.
    video_log = per_f.f_log - per_f.f_phone_log
    f_log = video_log + capped_log(per_f.f_phone_log, cfg.phone_graph_cap)
    cons = cons.select(
        per_f.win,
        a=per_f.f,
        score=1 - f_log.exp(),
        sources_met=per_f.sources_met,
        source_score_sum=per_f.source_score_sum,
        link_weight=per_f.link_weight,
        contacts=consumers.contacts,
        risk_contacts=consumers.risk_contacts,
        risk_regular=consumers.risk_regular,
        regular_contacts=consumers.regular_contacts,
        risk_audio=consumers.risk_audio,
        diaspora=consumers.diaspora,
        risk_video=consumers.risk_video,
        anon_video=consumers.anon_video,
    )
    return PatternTables(sources=sources, consumers=cons.filter(cons.score > 0))
