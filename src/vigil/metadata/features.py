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


@ibis.udf.agg.builtin  # type: ignore[untyped-decorator]
def bit_or(x: int) -> int:  # type: ignore[empty-body]
    """The engine's own BIT_OR aggregate (DuckDB and Spark both have it)."""


@ibis.udf.scalar.builtin  # type: ignore[untyped-decorator]
def bit_count(x: int) -> int:  # type: ignore[empty-body]
    """The engine's own BIT_COUNT (set bits of an integer)."""


# A pair's days in a window are bits of one int64 up to this window length.
MAX_MASK_DAYS = 62


def timed(calls: ir.Table, window_days: int, slot_minutes: int, grace: int) -> ir.Table:
    """Calls with their window, UTC day, day within the window, UTC hour, whether they start
    on a clock slot and video flag in place of the timestamp and the media: computed once,
    read by every feature. `on_slot`: the start lies within `grace` minutes of a multiple of
    `slot_minutes` past the hour (booked lessons do)."""
    secs = calls.started_at.epoch_seconds()
    minute = (secs // 60).cast("int64")
    since = secs - EPOCH_MONDAY_S
    win = (since // (window_days * 86400)).cast("int64")
    day = (secs // 86400).cast("int64")
    # Narrow types: this table holds every valid call, and it is read by every feature.
    return calls.mutate(
        win=win.cast("int32"),
        day=day.cast("int32"),
        day_in_win=((since // 86400).cast("int64") - win * window_days).cast("int8"),
        # UTC, as started_at is: the hour of day without a time-zone conversion.
        hour=((secs // 3600) % 24).cast("int8"),
        on_slot=((minute + grace) % slot_minutes) <= 2 * grace,
        video=calls.media == "video",
        audio=calls.media == "audio",
    ).drop("started_at", "media")


def window_span(calls: ir.Table) -> ir.Table:
    """The first and last window the (timed) calls fall in (one row: first, last)."""
    return calls.aggregate(first=calls.win.min(), last=calls.win.max())


def _both_ways(t: ir.Table, sides: dict[str, tuple[str, str]]) -> ir.Table:
    """Each row twice, once from each end: `sides` names each output column's (first,
    second) source, so a = lo, b = hi on one row and the reverse on the other. One scan with
    two rows per input row (unnest), not a union that would scan the input twice."""
    c = t.mutate(side_=ibis.range(0, 2).unnest())
    first = c.side_ == 0
    swapped = {out: ibis.ifelse(first, c[x], c[y]) for out, (x, y) in sides.items()}
    sources = {col for pair in sides.values() for col in pair}
    return c.mutate(**swapped).drop(*sorted(sources - set(sides)), "side_")


def pair_features(calls: ir.Table, window_days: int) -> ir.Table:
    """One row per (window, unordered pair lo < hi) of timed calls: how often, on how many
    days, at what hours.

    Pair figures are symmetric, so they are computed once per unordered pair (no distinct
    counts); `geo_pairs` turns them to face both ways. The days a pair met are bits of a
    mask, so one aggregation counts them; windows too long for a mask go through a
    per-day aggregation first.
    """
    t = calls
    lo = ibis.least(t.caller, t.callee).name("lo")
    hi = ibis.greatest(t.caller, t.callee).name("hi")
    vhour = ibis.cases((t.video, t.hour), else_=ibis.null("int64"))
    # The hour shifted by 12, so a timetable slot around midnight keeps a small spread.
    vshift = ibis.cases((t.video, (t.hour + 12) % 24), else_=ibis.null("int64"))
    # The UTC hours of day with a voice call, as bits 0-23: read later in either end's
    # local time (office hours or not).
    hour_bit = ibis.literal(1).cast("int64") << t.hour
    if window_days <= MAX_MASK_DAYS:
        bit = ibis.literal(1).cast("int64") << t.day_in_win
        pairs = t.group_by([t.win, lo, hi]).aggregate(
            n_calls=t.count(),
            n_video=t.video.cast("int64").sum(),
            n_audio=t.audio.cast("int64").sum(),
            v_slot=(t.video & t.on_slot).cast("int64").sum(),
            video_s=ibis.cases((t.video, t.duration_s), else_=0).sum(),
            audio_s=ibis.cases((t.audio, t.duration_s), else_=0).sum(),
            # Days with a voice call (video or audio): chat alone keeps up no tie.
            days_=bit_or(ibis.cases((t.video | t.audio, bit), else_=0)),
            voice_hours=bit_or(ibis.cases((t.video | t.audio, hour_bit), else_=0)),
            vdays_=bit_or(ibis.cases((t.video, bit), else_=0)),
            h_min=vhour.min(),
            h_max=vhour.max(),
            hs_min=vshift.min(),
            hs_max=vshift.max(),
        )
        return pairs.mutate(
            voice_days=bit_count(pairs.days_).cast("int64"),
            v_days=bit_count(pairs.vdays_).cast("int64"),
        ).select(
            "win", "lo", "hi", "n_calls", "n_video", "n_audio", "v_slot", "video_s", "audio_s",
            "voice_days", "v_days", "voice_hours", "h_min", "h_max", "hs_min", "hs_max",
        )  # fmt: skip
    daily = t.group_by([t.win, lo, hi, t.day]).aggregate(
        cnt=t.count(),
        vcnt=t.video.cast("int64").sum(),
        acnt=t.audio.cast("int64").sum(),
        vslot=(t.video & t.on_slot).cast("int64").sum(),
        vdur=ibis.cases((t.video, t.duration_s), else_=0).sum(),
        adur=ibis.cases((t.audio, t.duration_s), else_=0).sum(),
        vhours=bit_or(ibis.cases((t.video | t.audio, hour_bit), else_=0)),
        h_min=vhour.min(),
        h_max=vhour.max(),
        hs_min=vshift.min(),
        hs_max=vshift.max(),
    )
    d = daily
    return d.group_by(["win", "lo", "hi"]).aggregate(
        n_calls=d.cnt.sum(),
        n_video=d.vcnt.sum(),
        n_audio=d.acnt.sum(),
        v_slot=d.vslot.sum(),
        video_s=d.vdur.sum(),
        audio_s=d.adur.sum(),
        voice_days=((d.vcnt + d.acnt) > 0).cast("int64").sum(),
        v_days=(d.vcnt > 0).cast("int64").sum(),
        voice_hours=bit_or(d.vhours),
        h_min=d.h_min.min(),
        h_max=d.h_max.max(),
        hs_min=d.hs_min.min(),
        hs_max=d.hs_max.max(),
    )


def with_history(pairs: ir.Table, timetable_hours: int, *, several_windows: bool) -> ir.Table:
    """Mark each window's (unordered) pairs from the pair's whole history in the input.

    timetable: video on several days, always at the same hour of day (give or take
    `timetable_hours`): lessons, whether weekly or several times a week.
    oneoff: video on a single day in all the history given.
    Windows do not overlap, so days add up across them. With a single window in the input
    a pair's history is its own row, and no self-join is needed.
    """
    p = pairs
    if several_windows:
        hist = p.group_by(["lo", "hi"]).aggregate(
            h_days=p.v_days.sum(),
            h_span=ibis.least(p.h_max.max() - p.h_min.min(), p.hs_max.max() - p.hs_min.min()),
        )
        out = p.join(hist, ["lo", "hi"]).select(p, hist.h_days, hist.h_span)
    else:
        out = p.mutate(h_days=p.v_days, h_span=ibis.least(p.h_max - p.h_min, p.hs_max - p.hs_min))
    return out.mutate(
        timetable=(out.h_days >= 2) & (out.h_span.fill_null(99) <= timetable_hours),
        oneoff=out.h_days == 1,
    ).drop("h_days", "h_span", "h_min", "h_max", "hs_min", "hs_max")


def account_ips(calls: ir.Table) -> ir.Table:
    """Each account's own IPs per window (from timed calls)."""
    t = calls.select("win", "caller", "callee", "caller_ipk", "callee_ipk")
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
    """Per (window, account): home country, its income rank and UTC offset (hours), and the
    risk-area share of the account's located IPs. Accounts seen only through anonymisers
    get no row."""
    info = ipinfo.select(
        a_ipk="ip_key", cc="cc", anon="anon", risk="risk", rank="rank", off="utc_off"
    )
    located = ips.join(info, "a_ipk")
    located = located.filter(located.anon.isnull() & located.cc.notnull())
    per_cc = located.group_by(["win", "a", "cc"]).aggregate(
        n=located.count(),
        rank=located["rank"].max(),
        off=located.off.max(),
        risk_ips=located.risk.cast("int64").sum(),
    )
    # The country with most IPs; ties go to the alphabetically last code, the same on
    # every engine. An integer key (count, then the code's two letters), not a string.
    letters = per_cc.cc.substr(0, 1).ascii_str() * 256 + per_cc.cc.substr(1, 1).ascii_str()
    per_cc = per_cc.mutate(top=per_cc.n.cast("int64") * 65536 + letters.cast("int64"))
    home = per_cc.group_by(["win", "a"]).aggregate(
        top=per_cc.top.max(), ips=per_cc.n.sum(), risk_ips=per_cc.risk_ips.sum()
    )
    home = home.mutate(risk_share=home.risk_ips / home.ips)
    ranks = per_cc.select("win", "a", "top", "cc", "rank", "off")
    out = home.join(ranks, ["win", "a", "top"])
    return out.select("win", "a", "cc", "rank", "off", "risk_share")


def pair_homes(pairs: ir.Table, home: ir.Table) -> ir.Table:
    """Unordered pairs with both ends' homes: joined once per unordered pair, not once per
    direction."""
    hl = home.select(
        "win", lo="a", lo_cc="cc", lo_rank="rank", lo_off="off", lo_risk_share="risk_share"
    )
    hh = home.select(
        "win", hi="a", hi_cc="cc", hi_rank="rank", hi_off="off", hi_risk_share="risk_share"
    )
    p = pairs.left_join(hl, ["win", "lo"]).select(
        pairs, hl.lo_cc, hl.lo_rank, hl.lo_off, hl.lo_risk_share
    )
    return p.left_join(hh, ["win", "hi"]).select(
        p, hh.hi_cc, hh.hi_rank, hh.hi_off, hh.hi_risk_share
    )


def cross_border(pairs: ir.Table) -> ir.Table:
    """Unordered pairs with homes (`pair_homes`) that talked (video or audio) between two
    countries, or between the risk area and outside it: every pair a pattern or the naive
    rule weighs (foreign-wealthier, abroad on video, a risk-area account's video) is one."""
    p = pairs
    apart = p.lo_cc.notnull() & p.hi_cc.notnull() & (p.lo_cc != p.hi_cc)
    mixed = (p.lo_risk_share.fill_null(0) >= 0.5) != (p.hi_risk_share.fill_null(0) >= 0.5)
    return p.filter((apart | mixed) & ((p.n_video + p.n_audio) > 0))


def geo_pairs(pairs: ir.Table) -> ir.Table:
    """Unordered pairs with homes (`pair_homes`), turned to face both ways (window, account
    a, counterpart b), with the relations the patterns read. Cheap enough to recompute for
    each reader rather than store twice the rows."""
    p = _both_ways(
        pairs,
        {
            "a": ("lo", "hi"),
            "b": ("hi", "lo"),
            "a_cc": ("lo_cc", "hi_cc"),
            "b_cc": ("hi_cc", "lo_cc"),
            "a_rank": ("lo_rank", "hi_rank"),
            "b_rank": ("hi_rank", "lo_rank"),
            "b_off": ("hi_off", "lo_off"),
            "b_risk_share": ("hi_risk_share", "lo_risk_share"),
        },
    )
    video = p.n_video > 0
    apart = p.a_cc.notnull() & p.b_cc.notnull() & (p.a_cc != p.b_cc)
    abroad = video & apart
    foreign_wealthier = abroad & (p.b_rank > p.a_rank)
    # Voice (video or audio) with a foreigner from a wealthier country: a consumer's link
    # to a source may be a phone call as well as a show.
    voice_wealthier = (video | (p.n_audio > 0)) & apart & (p.b_rank > p.a_rank)
    b_risk = p.b_risk_share.fill_null(0) >= 0.5
    return p.mutate(
        fw=foreign_wealthier.fill_null(False).cast("int64"),
        fv=voice_wealthier.fill_null(False).cast("int64"),
        fw_cc=ibis.cases((foreign_wealthier, p.b_cc), else_=ibis.null("string")),
        abroad_cc=ibis.cases((abroad, p.b_cc), else_=ibis.null("string")),
        b_abroad_video=abroad.fill_null(False).cast("int64"),
        b_risk=b_risk.cast("int64"),
        b_risk_video=(video & b_risk).cast("int64"),
        b_anon_video=(video & p.b_cc.isnull()).cast("int64"),
    ).drop("a_cc", "a_rank", "b_cc", "b_rank", "b_risk_share")


def account_features(
    pairs: ir.Table, home: ir.Table, show_minutes: float, accounts: ir.Table | None = None
) -> ir.Table:
    """One row per (window, account): the figures every pattern and explanation uses;
    only for `accounts` (win, a) when given (the rest cannot be scored, and aggregating
    every pair of every account is the slow part).

    Ties (for telling a diaspora relative from a consumer) are contacts talked to (video or
    audio) on several days, short calls with risk-area accounts aside: those are shows,
    which a buyer comes back to on several days too, while a relative talks at length.
    """
    p = pairs if accounts is None else pairs.semi_join(accounts, ["win", "a"])
    fw = p.fw == 1
    risk = p.b_risk == 1
    voice = p.n_video + p.n_audio
    short = (voice > 0) & (p.video_s + p.audio_s <= show_minutes * 60 * voice)
    tie = (p.voice_days >= 2) & ~(risk & short)
    phone = (p.n_audio > 0) & (p.n_video == 0)
    per_a = p.group_by(["win", "a"]).aggregate(
        calls=p.n_calls.sum(),
        contacts=p.count(),
        fw=p.fw.sum(),
        fv=p.fv.sum(),
        fw_oneoff=(fw & p.oneoff).cast("int64").sum(),
        fw_timetable=(fw & p.timetable).cast("int64").sum(),
        fw_video_s=ibis.cases((fw, p.video_s), else_=0).sum(),
        abroad_video=p.b_abroad_video.sum(),
        risk_contacts=p.b_risk.sum(),
        # Ties kept up on several days: family for a diaspora relative, home for a consumer.
        regular_contacts=tie.cast("int64").sum(),
        risk_regular=(tie & risk).cast("int64").sum(),
        # Risk-area contacts it only phones (audio): a relative calls home, a show is on video.
        risk_audio=(risk & phone).cast("int64").sum(),
        risk_video=p.b_risk_video.sum(),
        anon_video=p.b_anon_video.sum(),
    )
    # Distinct counts only over the few pairs on video abroad (foreign-wealthier ones are
    # among them): a distinct count per group over every pair is the slow part otherwise.
    ab = p.filter(p.abroad_cc.notnull())
    countries = ab.group_by(["win", "a"]).aggregate(
        fw_countries=ab.fw_cc.nunique(), abroad_countries=ab.abroad_cc.nunique()
    )
    out = per_a.left_join(countries, ["win", "a"]).select(
        per_a, countries.fw_countries, countries.abroad_countries
    )
    out = out.mutate(
        fw_countries=out.fw_countries.fill_null(0),
        abroad_countries=out.abroad_countries.fill_null(0),
    )
    h = home.select("win", "a", "risk_share")
    return out.join(h, ["win", "a"]).select(out, h.risk_share)
