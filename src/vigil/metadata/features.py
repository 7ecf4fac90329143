"""Per-pair and per-account weekly features, as Ibis expressions.

Calls roll up per (window, unordered pair, day), then per pair, and each pair is then seen
from both ends as (window, account, counterpart). Location is a property of the account: its
home is the country most of its located (non-anonymised) IPs sit in, so a call made through a
VPN does not move anybody, and an account seen only through anonymisers has no location
weight.
Accounts and IPs are integer keys here; pseudonyms are mapped back only for the output.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from vigil.metadata.schema import EPOCH_MONDAY_S


def _timed(calls: ir.Table, window_days: int) -> ir.Table:
    secs = calls.started_at.epoch_seconds()
    return calls.mutate(
        win=((secs - EPOCH_MONDAY_S) // (window_days * 86400)).cast("int64"),
        day=(secs // 86400).cast("int64"),
        hour=calls.started_at.hour().cast("int64"),
        video=calls.media == "video",
    )


def _both_ways(t: ir.Table, lo: str, hi: str) -> ir.Table:
    """Each row twice, once from each end (a, b): one scan with two rows per input row
    (unnest), not a union that would scan the input twice."""
    c = t.mutate(side_=ibis.range(0, 2).unnest())
    first = c.side_ == 0
    return c.mutate(a=ibis.ifelse(first, c[lo], c[hi]), b=ibis.ifelse(first, c[hi], c[lo])).drop(
        lo, hi, "side_"
    )


def pair_features(calls: ir.Table, window_days: int) -> ir.Table:
    """One row per (window, account, counterpart): how often, on how many days, at what hours.

    Pair figures are symmetric, so they are computed once per unordered pair and day (no
    distinct counts), then turned to face both ways.
    """
    t = _timed(calls, window_days)
    lo = ibis.least(t.caller, t.callee)
    hi = ibis.greatest(t.caller, t.callee)
    vhour = ibis.cases((t.video, t.hour), else_=ibis.null("int64"))
    # The hour shifted by 12, so a timetable slot around midnight keeps a small spread.
    vshift = ibis.cases((t.video, (t.hour + 12) % 24), else_=ibis.null("int64"))
    daily = t.group_by([t.win, lo.name("lo"), hi.name("hi"), t.day]).aggregate(
        cnt=t.count(),
        vcnt=t.video.cast("int64").sum(),
        vdur=ibis.cases((t.video, t.duration_s), else_=0).sum(),
        h_min=vhour.min(),
        h_max=vhour.max(),
        hs_min=vshift.min(),
        hs_max=vshift.max(),
    )
    d = daily
    pairs = d.group_by(["win", "lo", "hi"]).aggregate(
        n_calls=d.cnt.sum(),
        n_video=d.vcnt.sum(),
        video_s=d.vdur.sum(),
        n_days=d.count(),
        v_days=(d.vcnt > 0).cast("int64").sum(),
        h_min=d.h_min.min(),
        h_max=d.h_max.max(),
        hs_min=d.hs_min.min(),
        hs_max=d.hs_max.max(),
    )
    return _both_ways(pairs, "lo", "hi")


def with_history(pairs: ir.Table, timetable_hours: int) -> ir.Table:
    """Mark each window's pairs from the pair's whole history in the input.

    timetable: video on several days, always at the same hour of day (give or take
    `timetable_hours`): lessons, whether weekly or several times a week.
    oneoff: video on a single day in all the history given.
    Windows do not overlap, so days add up across them.
    """
    p = pairs
    hist = p.group_by(["a", "b"]).aggregate(
        h_days=p.v_days.sum(),
        h_span=ibis.least(p.h_max.max() - p.h_min.min(), p.hs_max.max() - p.hs_min.min()),
    )
    out = p.join(hist, ["a", "b"]).select(p, hist.h_days, hist.h_span)
    return out.mutate(
        timetable=(out.h_days >= 2) & (out.h_span.fill_null(99) <= timetable_hours),
        oneoff=out.h_days == 1,
    ).drop("h_days", "h_span", "h_min", "h_max", "hs_min", "hs_max")


def account_ips(calls: ir.Table, window_days: int) -> ir.Table:
    """Each account's own IPs per window."""
    t = _timed(calls, window_days).select("win", "caller", "callee", "caller_ipk", "callee_ipk")
    c = t.mutate(side_=ibis.range(0, 2).unnest())
    first = c.side_ == 0
    return c.select(
        "win",
        a=ibis.ifelse(first, c.caller, c.callee),
        a_ipk=ibis.ifelse(first, c.caller_ipk, c.callee_ipk),
    ).distinct()


def ip_households(ips: ir.Table) -> ir.Table:
    """Accounts seen behind each IP per window (a carrier NAT shows many, a household few)."""
    return ips.group_by(["win", "a_ipk"]).aggregate(ip_accounts=ips.count())


def homes(ips: ir.Table, ipinfo: ir.Table) -> ir.Table:
    """Per (window, account): home country, its income rank, and the risk-area share of the
    account's located IPs. Accounts seen only through anonymisers get no row."""
    info = ipinfo.select(a_ipk="ip_key", cc="cc", anon="anon", risk="risk", rank="rank")
    located = ips.join(info, "a_ipk")
    located = located.filter(located.anon.isnull() & located.cc.notnull())
    per_cc = located.group_by(["win", "a", "cc"]).aggregate(
        n=located.count(), rank=located["rank"].max(), risk_ips=located.risk.cast("int64").sum()
    )
    # The country with most IPs; ties go to the alphabetically last code, the same on
    # every engine.
    key = per_cc.n.cast("string").lpad(9, "0") + per_cc.cc
    home = per_cc.group_by(["win", "a"]).aggregate(
        top=key.max(), ips=per_cc.n.sum(), risk_ips=per_cc.risk_ips.sum()
    )
    home = home.mutate(cc=home.top.right(2), risk_share=home.risk_ips / home.ips)
    ranks = per_cc.select("win", "a", "cc", "rank")
    out = home.join(ranks, ["win", "a", "cc"])
    return out.select("win", "a", "cc", "rank", "risk_share")


def geo_pairs(pairs: ir.Table, home: ir.Table) -> ir.Table:
    """Pairs with both ends' homes, and the relations the patterns read."""
    ha = home.select("win", "a", a_cc="cc", a_rank="rank", a_risk_share="risk_share")
    hb = home.select("win", b="a", b_cc="cc", b_rank="rank", b_risk_share="risk_share")
    p = pairs.left_join(ha, ["win", "a"]).select(pairs, ha.a_cc, ha.a_rank, ha.a_risk_share)
    p = p.left_join(hb, ["win", "b"]).select(p, hb.b_cc, hb.b_rank, hb.b_risk_share)
    video = p.n_video > 0
    abroad = video & p.a_cc.notnull() & p.b_cc.notnull() & (p.a_cc != p.b_cc)
    foreign_wealthier = abroad & (p.b_rank > p.a_rank)
    b_risk = p.b_risk_share.fill_null(0) >= 0.5
    return p.mutate(
        fw=foreign_wealthier.fill_null(False).cast("int64"),
        fw_cc=ibis.cases((foreign_wealthier, p.b_cc), else_=ibis.null("string")),
        abroad_cc=ibis.cases((abroad, p.b_cc), else_=ibis.null("string")),
        b_abroad_video=abroad.fill_null(False).cast("int64"),
        b_risk=b_risk.cast("int64"),
        b_risk_video=(video & b_risk).cast("int64"),
        b_anon_video=(video & p.b_cc.isnull()).cast("int64"),
    ).drop("a_cc", "a_rank", "a_risk_share", "b_cc", "b_rank", "b_risk_share")


def account_features(pairs: ir.Table, home: ir.Table) -> ir.Table:
    """One row per (window, account): the figures every pattern and explanation uses."""
    p = pairs
    fw = p.fw == 1
    per_a = p.group_by(["win", "a"]).aggregate(
        calls=p.n_calls.sum(),
        contacts=p.count(),
        fw=p.fw.sum(),
        fw_countries=p.fw_cc.nunique(),
        fw_oneoff=(fw & p.oneoff).cast("int64").sum(),
        fw_timetable=(fw & p.timetable).cast("int64").sum(),
        fw_video_s=ibis.cases((fw, p.video_s), else_=0).sum(),
        abroad_video=p.b_abroad_video.sum(),
        abroad_countries=p.abroad_cc.nunique(),
        risk_contacts=p.b_risk.sum(),
        # Ties kept up on several days: family for a diaspora relative, home for a consumer.
        regular_contacts=(p.n_days >= 2).cast("int64").sum(),
        risk_regular=((p.n_days >= 2) & (p.b_risk == 1)).cast("int64").sum(),
        risk_video=p.b_risk_video.sum(),
        anon_video=p.b_anon_video.sum(),
    )
    h = home.select("win", "a", "risk_share")
    return per_a.join(h, ["win", "a"]).select(per_a, h.risk_share)
