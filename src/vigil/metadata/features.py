"""Per-pair and per-account weekly features, as Ibis expressions.

Calls become half-edges (each call seen from both ends), half-edges roll up per
(window, account, counterpart), and pairs roll up per (window, account).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

# Windows start on Mondays: 1970-01-05 is the first Monday of the epoch.
_EPOCH_MONDAY_S = 4 * 86400
_SIDE = ("ip", "cc", "anon", "risk", "rank")


def half_edges(calls: ir.Table, window_days: int) -> ir.Table:
    """Each call twice, once from each end: a is the account, b its counterpart."""
    secs = calls.started_at.epoch_seconds()
    common = {
        "win": ((secs - _EPOCH_MONDAY_S) // (window_days * 86400)).cast("int64"),
        "day": (secs // 86400).cast("int64"),
        "hour": calls.started_at.hour().cast("int64"),
        "video": calls.media == "video",
        "dur": calls.duration_s,
    }

    def one_way(a: str, b: str) -> ir.Table:
        return calls.select(
            a=calls[a],
            b=calls[b],
            **{f"a_{c}": calls[f"{a}_{c}"] for c in _SIDE},
            **{f"b_{c}": calls[f"{b}_{c}"] for c in _SIDE if c != "ip"},
            **common,
        )

    return one_way("caller", "callee").union(one_way("callee", "caller"), distinct=False)


def pair_features(edges: ir.Table) -> ir.Table:
    """One row per (window, account, counterpart)."""
    e = edges
    # Foreign and wealthier, with both ends located: an anonymised end carries no location weight.
    foreign_wealthier = (
        e.video
        & e.a_cc.notnull()
        & e.b_cc.notnull()
        & (e.a_cc != e.b_cc)
        & (e.b_rank > e.a_rank)
        & e.a_anon.isnull()
        & e.b_anon.isnull()
    )
    abroad = e.video & e.b_cc.notnull() & e.a_cc.notnull() & (e.a_cc != e.b_cc)
    vhour = ibis.cases((e.video, e.hour), else_=ibis.null("int64"))
    # The hour shifted by 12, so a timetable slot around midnight keeps a small spread.
    vshift = ibis.cases((e.video, (e.hour + 12) % 24), else_=ibis.null("int64"))
    return e.group_by(["win", "a", "b"]).aggregate(
        v_days=ibis.cases((e.video, e.day), else_=ibis.null("int64")).nunique(),
        h_min=vhour.min(),
        h_max=vhour.max(),
        hs_min=vshift.min(),
        hs_max=vshift.max(),
        n_calls=e.count(),
        n_days=e.day.nunique(),
        n_video=e.video.cast("int64").sum(),
        video_s=ibis.cases((e.video, e.dur), else_=0).sum(),
        fw=foreign_wealthier.cast("int64").max(),
        fw_cc=ibis.cases((foreign_wealthier, e.b_cc), else_=ibis.null("string")).max(),
        a_risk_calls=e.a_risk.fill_null(False).cast("int64").sum(),
        b_risk=e.b_risk.fill_null(False).cast("int64").max(),
        b_risk_video=(e.video & e.b_risk.fill_null(False)).cast("int64").max(),
        b_anon_video=(e.video & e.b_anon.notnull()).cast("int64").max(),
        b_abroad_video=abroad.cast("int64").max(),
        abroad_cc=ibis.cases((abroad, e.b_cc), else_=ibis.null("string")).max(),
    )


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


def account_features(pairs: ir.Table) -> ir.Table:
    """One row per (window, account): the figures every pattern and explanation uses."""
    p = pairs
    fw = p.fw == 1
    timetable = fw & p.timetable
    oneoff = fw & p.oneoff
    return p.group_by(["win", "a"]).aggregate(
        calls=p.n_calls.sum(),
        contacts=p.count(),
        risk_share=p.a_risk_calls.sum() / p.n_calls.sum(),
        fw=p.fw.sum(),
        fw_countries=p.fw_cc.nunique(),
        fw_oneoff=oneoff.cast("int64").sum(),
        fw_timetable=timetable.cast("int64").sum(),
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


def account_ips(edges: ir.Table) -> ir.Table:
    """Each account's own IPs per window."""
    e = edges
    return e.select("win", "a", "a_ip").distinct()


def ip_households(ips: ir.Table) -> ir.Table:
    """Accounts seen behind each IP per window (a carrier NAT shows many, a household few)."""
    return ips.group_by(["win", "a_ip"]).aggregate(ip_accounts=ips.count())
