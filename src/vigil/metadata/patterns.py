"""The four metadata patterns and their scores, as Ibis expressions.

1. source   - a risk-area account on video with several foreign counterparts from several
              wealthier countries, weighted by how many of those contacts are one-off rather
              than on a timetable (tutors' lessons recur at the same hour);
2. den      - several source accounts behind one household-sized IP;
3. consumer - an account abroad, whose own contacts are mostly not in the risk area, on
              video with source accounts;
4. graph    - sources that share consumers strengthen each other, and consumers that met
              several sources score higher.

Scores combine evidence as a noisy-OR, so each pattern's contribution stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from vigil.core import MetadataConfig

# How fast evidence saturates: the count of contacts at which a pattern gives 1 - 1/e (63%).
SOURCE_SCALE = 4.0
GRAPH_SCALE = 1.5
# The strength with which one den peer, and one source met, raises a score.
DEN_WEIGHT = 0.35
CONSUMER_PER_SOURCE = 0.6
GRAPH_WEIGHT = 0.7


@dataclass(frozen=True)
class PatternTables:
    sources: ir.Table
    consumers: ir.Table


def _saturate(x: ir.NumericValue, scale: float) -> ir.FloatingValue:
    return 1 - (-(x.cast("float64")) / scale).exp()


def source_candidates(acct: ir.Table, cfg: MetadataConfig) -> ir.Table:
    """Pattern 1 with its base score."""
    a = acct.filter(
        (acct.risk_share >= 0.5)
        & (acct.fw >= cfg.min_foreign_contacts)
        & (acct.fw_countries >= cfg.min_wealthier_countries)
    )
    irregular = a.fw - a.fw_oneoff - a.fw_timetable
    evidence = a.fw_oneoff.cast("float64") + 0.5 * irregular.cast("float64")
    return a.mutate(evidence=evidence, base=_saturate(evidence, SOURCE_SCALE))


def _consumer_links(
    acct: ir.Table, pairs: ir.Table, sources: ir.Table, score_col: str, cfg: MetadataConfig
) -> ir.Table:
    """Video links from accounts abroad to source candidates, with the source's score."""
    abroad = acct.filter(
        (acct.risk_share < 0.5)
        & (acct.risk_contacts.cast("float64") / acct.contacts <= cfg.consumer_max_risk_contact_share)
    ).select("win", "a", "contacts", "risk_contacts", "risk_video", "anon_video")
    links = pairs.filter(pairs.b_risk_video == 1).select("win", "a", "b")
    links = links.join(abroad, ["win", "a"])
    src = sources.select(win="win", b="a", s=sources[score_col])
    return links.join(src, ["win", "b"])


def _consumers(links: ir.Table) -> ir.Table:
    l_ = links
    weight = (1 - CONSUMER_PER_SOURCE * l_.s).log()
    return l_.group_by(["win", "a"]).aggregate(
        sources_met=l_.b.nunique(),
        source_score_sum=l_.s.sum(),
        contacts=l_.contacts.max(),
        risk_contacts=l_.risk_contacts.max(),
        risk_video=l_.risk_video.max(),
        anon_video=l_.anon_video.max(),
        score=1 - weight.sum().exp(),
    )


def _den_peers(sources: ir.Table, households: ir.Table, ips: ir.Table, cfg: MetadataConfig) -> ir.Table:
    cand_ips = ips.join(sources.select("win", "a"), ["win", "a"]).join(households, ["win", "a_ip"])
    cand_ips = cand_ips.filter(cand_ips.ip_accounts <= cfg.den_max_accounts_per_ip)
    per_ip = cand_ips.group_by(["win", "a_ip"]).aggregate(den_size=cand_ips.a.nunique())
    per_ip = per_ip.filter(per_ip.den_size >= cfg.min_den_accounts)
    joined = cand_ips.join(per_ip, ["win", "a_ip"])
    return joined.group_by(["win", "a"]).aggregate(
        den_peers=(joined.den_size - 1).max(), den_ips=joined.a_ip.nunique()
    )


def score_patterns(
    acct: ir.Table,
    pairs: ir.Table,
    households: ir.Table,
    ips: ir.Table,
    cfg: MetadataConfig,
) -> PatternTables:
    """Run patterns 1-4 and return scored sources and consumers (all candidates, unranked)."""
    base = source_candidates(acct, cfg)

    # Round 1: consumers of base candidates, to find those who met several sources.
    first = _consumers(_consumer_links(acct, pairs, base, "base", cfg))
    repeat_buyers = first.filter(first.sources_met >= 2).select("win", b="a")

    # Graph: a source's counterparts who also met other sources.
    shared = (
        pairs.filter(pairs.fw == 1)
        .select("win", "a", "b")
        .join(repeat_buyers, ["win", "b"])
        .group_by(["win", "a"])
        .aggregate(shared_consumers=ibis._.b.nunique())
    )
    den = _den_peers(base, households, ips, cfg)
    src = base.left_join(shared, ["win", "a"]).select(base, shared.shared_consumers)
    src = src.left_join(den, ["win", "a"]).select(src, den.den_peers)
    src = src.mutate(
        shared_consumers=src.shared_consumers.fill_null(0),
        den_peers=src.den_peers.fill_null(0),
    )
    graph = GRAPH_WEIGHT * _saturate(src.shared_consumers, GRAPH_SCALE)
    den_part = 1 - (1 - DEN_WEIGHT) ** src.den_peers.cast("float64")
    src = src.mutate(score=1 - (1 - src.base) * (1 - graph) * (1 - den_part))
    src = src.select(
        "win", "a", "score", "base", "evidence", "fw", "fw_countries", "fw_oneoff",
        "fw_timetable", "fw_video_s", "anon_video", "risk_share", "calls",
        "shared_consumers", "den_peers",
    )

    # Round 2: consumers weighed by the sources' final scores.
    consumers = _consumers(_consumer_links(acct, pairs, src, "score", cfg))
    return PatternTables(sources=src, consumers=consumers)
