"""The four metadata patterns and their scores, as Ibis expressions.

1. source   - a risk-area account on video with several foreign counterparts from several
              wealthier countries. Contacts on a timetable (the same hour on several days,
              as lessons are) count for nothing; one-off contacts count fully.
2. den      - several candidate source accounts behind one household-sized IP.
3. consumer - an account abroad, whose own contacts are mostly outside the risk area (unlike a
              diaspora relative's), on video with candidate sources.
4. graph    - a source whose foreign contacts are consumers of *other* sources is strengthened
              (leave-one-out, so a source never props itself up), and a consumer's score
              grows with every source met.

Scores combine evidence as noisy-ORs, so every pattern's contribution stays readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from vigil.core import MetadataConfig

# Evidence saturation: the count of one-off contacts at which the source pattern gives 63%.
SOURCE_SCALE = 4.0
# A repeated contact at varying hours is half as telling as a one-off one.
REPEAT_WEIGHT = 0.5
# How much one source met makes an account abroad a consumer, and how much one consumer of
# other sources raises a source.
CONSUMER_PER_SOURCE = 0.6
GRAPH_PER_CONSUMER = 0.8
DEN_PER_PEER = 0.35
# Propagation rounds: two reach a source through one consumer and back.
ROUNDS = 2


@dataclass(frozen=True)
class PatternTables:
    sources: ir.Table
    consumers: ir.Table


def _saturate(x: ir.NumericValue, scale: float) -> ir.FloatingValue:
    return 1 - (-(x.cast("float64")) / scale).exp()


def _noisy_or_log(p: ir.FloatingValue) -> ir.FloatingValue:
    """log(1 - p), summed over a group and exponentiated gives the noisy-OR's complement."""
    return (1 - ibis.least(p, 0.999999)).ln()


def source_base(
    acct: ir.Table, pairs: ir.Table, consumers: ir.Table, cfg: MetadataConfig
) -> ir.Table:
    """Pattern 1 for every risk-area account with a foreign wealthier video contact.

    Only counterparts who live abroad count: a diaspora relative (whose own contacts are
    mostly in the risk area) is family, not a foreigner.
    """
    p = pairs.filter(pairs.fw == 1)
    p = p.join(consumers.select("win", b="a"), ["win", "b"])
    per_a = p.group_by(["win", "a"]).aggregate(
        foreign=p.count(),
        foreign_countries=p.fw_cc.nunique(),
        oneoff=p.oneoff.cast("int64").sum(),
        timetable=p.timetable.cast("int64").sum(),
    )
    a = acct.filter((acct.risk_share >= 0.5) & (acct.fw >= 1))
    a = a.join(per_a, ["win", "a"])
    irregular = a.foreign - a.oneoff - a.timetable
    evidence = a.oneoff.cast("float64") + REPEAT_WEIGHT * irregular.cast("float64")
    rule = (a.foreign >= cfg.min_foreign_contacts) & (
        a.foreign_countries >= cfg.min_wealthier_countries
    )
    # Below the article's rule the account is only a graph candidate: no base score.
    base = ibis.cases((rule, _saturate(evidence, SOURCE_SCALE)), else_=0.0)
    # A timetable of foreign contacts is a business (lessons), so the account's whole score
    # is discounted by the share of its foreign contacts that keep one.
    schedule = a.timetable.cast("float64") / a.foreign
    return a.mutate(evidence=evidence, rule=rule, base=base, unscheduled=1 - schedule)


def consumer_accounts(acct: ir.Table, cfg: MetadataConfig) -> ir.Table:
    """Accounts abroad that are not diaspora relatives.

    A relative abroad keeps up ties with home: most of the contacts it calls on several
    days are in the risk area. A consumer's regular ties are where it lives; one-off
    contacts do not decide, since a consumer with few contacts may be mostly shows.
    """
    share = acct.risk_regular.cast("float64") / ibis.greatest(acct.regular_contacts, 1)
    diaspora = (acct.risk_regular >= 1) & (share > cfg.consumer_max_risk_contact_share)
    return acct.filter((acct.risk_share < 0.5) & ~diaspora).select(
        "win",
        "a",
        "contacts",
        "risk_contacts",
        "risk_regular",
        "regular_contacts",
        "risk_video",
        "anon_video",
    )


def source_links(pairs: ir.Table, sources: ir.Table, consumers: ir.Table) -> ir.Table:
    """Video links (r: risk-area account, f: account abroad), both ends located and foreign.

    Lessons on a timetable are no link for the graph: a student with two tutors is no
    consumer of two sources.
    """
    links = pairs.filter((pairs.fw == 1) & ~pairs.timetable).select("win", r="a", f="b")
    links = links.join(sources.select("win", r="a"), ["win", "r"])
    return links.join(consumers.select("win", f="a"), ["win", "f"])


def _den_peers(
    base: ir.Table, households: ir.Table, ips: ir.Table, cfg: MetadataConfig
) -> ir.Table:
    """Per account: peers on a household-sized IP, and their combined base score."""
    cand = base.filter(base.rule).select("win", "a", "base")
    on_ip = ips.join(cand, ["win", "a"]).join(households, ["win", "a_ipk"])
    on_ip = on_ip.filter(on_ip.ip_accounts <= cfg.den_max_accounts_per_ip)
    peers = on_ip.select("win", "a_ipk", peer="a", peer_base="base")
    pairs = on_ip.join(peers, ["win", "a_ipk"])
    pairs = pairs.filter(pairs.a != pairs.peer).select("win", "a", "peer", "peer_base").distinct()
    out = pairs.group_by(["win", "a"]).aggregate(
        den_peers=pairs.peer.nunique(),
        den_log=_noisy_or_log(DEN_PER_PEER * pairs.peer_base).sum(),
    )
    return out.filter(out.den_peers >= cfg.min_den_accounts - 1)


def _propagate(links: ir.Table, scores: ir.Table) -> tuple[ir.Table, ir.Table]:
    """One round: consumers from source scores, then each source's leave-one-out graph score."""
    l_ = links.join(scores.select("win", r="a", s="score"), ["win", "r"])
    l_ = l_.mutate(term=_noisy_or_log(CONSUMER_PER_SOURCE * l_.s))
    per_f = l_.group_by(["win", "f"]).aggregate(
        f_log=l_.term.sum(),
        sources_met=(l_.s > 0).cast("int64").sum(),
        source_score_sum=l_.s.sum(),
    )
    l2 = l_.join(per_f, ["win", "f"])
    # The consumer's score without this source: the others it met vouch for this one.
    loo = ibis.greatest(1 - (l2.f_log - l2.term).exp(), 0.0)
    # Shared: this counterpart met at least one other source with a score.
    others = l2.sources_met - (l2.s > 0).cast("int64")
    l2 = l2.mutate(g_term=_noisy_or_log(GRAPH_PER_CONSUMER * loo), shared=others >= 1)
    per_r = l2.group_by(["win", "r"]).aggregate(
        graph_log=l2.g_term.sum(),
        shared_consumers=l2.shared.cast("int64").sum(),
    )
    return per_f, per_r


def score_patterns(
    acct: ir.Table,
    pairs: ir.Table,
    households: ir.Table,
    ips: ir.Table,
    cfg: MetadataConfig,
    keep: Callable[[ir.Table], ir.Table] = lambda t: t,
) -> PatternTables:
    """Run patterns 1-4 and return scored sources and consumers (all candidates, unranked).

    `keep` materialises the small intermediate tables: each propagation round reads the
    previous one twice, and an engine that inlines them (Spark) grows its plan
    exponentially with the rounds.
    """
    consumers = keep(consumer_accounts(acct, cfg))
    base = keep(source_base(acct, pairs, consumers, cfg))
    links = keep(source_links(pairs, base, consumers))
    den = _den_peers(base, households, ips, cfg)
    src = base.left_join(den, ["win", "a"]).select(base, den.den_peers, den.den_log)
    src = src.mutate(
        den_peers=src.den_peers.fill_null(0),
        den_part=1 - src.den_log.fill_null(0.0).exp(),
    )
    src = keep(src)
    scores = src.mutate(score=src.unscheduled * (1 - (1 - src.base) * (1 - src.den_part)))
    per_f = per_r = None
    for _ in range(ROUNDS):
        per_f, per_r = _propagate(links, scores)
        joined = src.left_join(per_r, [src.win == per_r.win, src.a == per_r.r])
        joined = joined.select(src, per_r.graph_log, per_r.shared_consumers)
        joined = joined.mutate(
            graph_part=1 - joined.graph_log.fill_null(0.0).exp(),
            shared_consumers=joined.shared_consumers.fill_null(0),
        )
        evidence = 1 - (1 - joined.base) * (1 - joined.den_part) * (1 - joined.graph_part)
        scores = keep(joined.mutate(score=joined.unscheduled * evidence))
    assert per_f is not None
    sources = scores.filter(scores.score > 0).select(
        "win",
        "a",
        "score",
        "base",
        "evidence",
        "rule",
        "graph_part",
        "den_part",
        "unscheduled",
        "fw",
        "foreign",
        "foreign_countries",
        "oneoff",
        "timetable",
        "fw_video_s",
        "anon_video",
        "risk_share",
        "calls",
        "shared_consumers",
        "den_peers",
    )
    cons = per_f.join(consumers, [per_f.win == consumers.win, per_f.f == consumers.a])
    cons = cons.select(
        per_f.win,
        a=per_f.f,
        score=1 - per_f.f_log.exp(),
        sources_met=per_f.sources_met,
        source_score_sum=per_f.source_score_sum,
        contacts=consumers.contacts,
        risk_contacts=consumers.risk_contacts,
        risk_regular=consumers.risk_regular,
        regular_contacts=consumers.regular_contacts,
        risk_video=consumers.risk_video,
        anon_video=consumers.anon_video,
    )
    return PatternTables(sources=sources, consumers=cons.filter(cons.score > 0))
