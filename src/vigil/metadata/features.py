"""Per-pair and per-account weekly features, as Ibis expressions.

Calls roll up per (window, unordered pair, day), then per pair, and each pair is then seen
from both ends as (window, account, counterpart). Location is a property of the account: its
home is the country most of its located (non-anonymised) IPs sit in, so a call made through a
VPN does not move anybody, and an account seen only through anonymisers has no location
weight.
Accounts and IPs are integer keys here; pseudonyms are mapped back only for the output.
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from vigil.metadata.bits import HOURS, BitSet, bit_count, bit_or, hours_within, packed_or, unpack
from vigil.metadata.schema import EPOCH_MONDAY_S

# A pair's days in a window are bits of one int64 up to this window length.
MAX_MASK_DAYS = 62


def timed(
    calls: ir.Table,
    window_days: int,
    slot_minutes: int,
    grace: int,
    epoch: Callable[[ir.TimestampValue], ir.IntegerValue] | None = None,
) -> ir.Table:
    """Calls with their window, UTC day, day within the window, UTC hour, whether they start
    on a clock slot and video flag in place of the timestamp and the media: computed once,
    read by every feature. `on_slot`: the start lies within `grace` minutes of a multiple of
    `slot_minutes` past the hour (booked lessons do). `epoch`: the engine's seconds since
    1970 (`engine.epoch_seconds`), Ibis's by default."""
    secs = epoch(calls.started_at) if epoch else calls.started_at.epoch_seconds()
    minute = (secs // 60).cast("int64")
    since = secs - EPOCH_MONDAY_S
    win = (since // (window_days * 86400)).cast("int64")
    day = (secs // 86400).cast("int64")
    # Narrow types: this table holds every valid call, and it is read by every feature.
    return calls.mutate(
        # Valid calls last at most 48 hours.
        duration_s=calls.duration_s.cast("int32"),
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


def pair_features(calls: ir.Table, window_days: int, window: int | None = None) -> ir.Table:
    """One row per (window, unordered pair lo < hi) of timed calls: how often, on how many
    days, at what hours. `window`: the one window every call falls in, where they do.

    Pair figures are symmetric, so they are computed once per unordered pair (no distinct
    counts); `geo_pairs` turns them to face both ways. The days a pair met and the hours it
    talked are bit sets (`packed_or`), so one aggregation counts them; windows too long for
    a day mask go through a per-day aggregation first.
    """
    t = calls
    lo = ibis.least(t.caller, t.callee).name("lo")
    hi = ibis.greatest(t.caller, t.callee).name("hi")
    voice = t.video | t.audio
    # The UTC hours of day with a voice call: read later in either end's local time (office
    # hours or not). Those with a video call: how far apart its video calls are.
    hours: dict[str, BitSet] = {
        "voice_hours": (HOURS, voice, t.hour),
        "v_hours": (HOURS, t.video, t.hour),
    }
    # Counts as filtered counts, not sums of 0/1: DuckDB keeps a narrower state for them.
    counts = {
        "n_video": t.count(where=t.video),
        "n_audio": t.count(where=t.audio),
        "v_slot": t.count(where=t.video & t.on_slot),
        "video_s": ibis.cases((t.video, t.duration_s), else_=0).sum(),
        "audio_s": ibis.cases((t.audio, t.duration_s), else_=0).sum(),
    }
    if window_days <= MAX_MASK_DAYS:
        # Days with a voice call (video or audio): chat alone keeps up no tie.
        days: dict[str, BitSet] = {
            "voice_days": (window_days, voice, t.day_in_win),
            "v_days": (window_days, t.video, t.day_in_win),
        }
        masks, layout = packed_or(hours | days, "m")
        pairs = t.group_by([*_window_key(t, window), lo, hi]).aggregate(
            n_calls=t.count(), **counts, **masks
        )
        pairs = _with_window(pairs, window)
        sets = unpack(pairs, layout)
        return pairs.select(
            "win", "lo", "hi", "n_calls", *counts,
            voice_days=bit_count(sets["voice_days"]).cast("int64"),
            v_days=bit_count(sets["v_days"]).cast("int64"),
            voice_hours=sets["voice_hours"],
            v_hours=sets["v_hours"],
        )  # fmt: skip
    masks, layout = packed_or(hours, "m")
    d = t.group_by([*_window_key(t, window), lo, hi, t.day]).aggregate(
        n_calls=t.count(), **counts, **masks
    )
    d = d.mutate(**unpack(d, layout))
    out = d.group_by([*_window_key(d, window), "lo", "hi"]).aggregate(
        **{c: d[c].sum() for c in ("n_calls", *counts)},
        voice_days=d.count(where=(d.n_video + d.n_audio) > 0),
        v_days=d.count(where=d.n_video > 0),
        voice_hours=bit_or(d.voice_hours),
        v_hours=bit_or(d.v_hours),
    )
    return _with_window(out, window)


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
        hist = p.group_by(["lo", "hi"]).aggregate(h_days=p.v_days.sum(), h_hours=bit_or(p.v_hours))
        out = p.join(hist, ["lo", "hi"]).select(p, hist.h_days, hist.h_hours)
    else:
        out = p.mutate(h_days=p.v_days, h_hours=p.v_hours)
    return out.mutate(
        timetable=(out.h_days >= 2) & hours_within(out.h_hours, timetable_hours),
        oneoff=out.h_days == 1,
    ).drop("h_days", "h_hours", "v_days", "v_hours")


def account_ips(calls: ir.Table, window: int | None = None) -> ir.Table:
    """Each account's own IPs per window (from timed calls; `window` as for `pair_features`)."""
    t = calls.select("win", "caller", "callee", "caller_ipk", "callee_ipk")
    c = t.mutate(side_=ibis.range(0, 2).unnest())
    first = c.side_ == 0
    ips = c.select(
        *_window_key(c, window),
        a=ibis.ifelse(first, c.caller, c.callee),
        a_ipk=ibis.ifelse(first, c.caller_ipk, c.callee_ipk),
    ).distinct()
    return _with_window(ips, window)


def _window_key(t: ir.Table, window: int | None) -> list[ir.Value]:
    """The window as a grouping key, unless every call falls in the one `window`: a
    constant key still costs an aggregation its hashing and width (a tenth, on DuckDB)."""
    return [t.win] if window is None else []


def _with_window(t: ir.Table, window: int | None) -> ir.Table:
    """`t` with the window column first: the constant `window` where it was no key."""
    return t if window is None else t.select(ibis.literal(window, "int32").name("win"), *t.columns)


def ip_geo(ipinfo: ir.Table) -> tuple[ir.Table, ir.Table]:
    """What `homes` reads of the IP table (`enrich.IPINFO_SCHEMA`), narrow enough to keep
    through the passes over the calls: the located IPs (not behind an anonymiser, with a
    country) as (a_ipk, integer country code, risk), and one row per country (cc, code,
    rank, off): rank and offset are the country's own, looked up for the home alone."""
    located = ipinfo.filter(ipinfo.anon.isnull() & ipinfo.cc.notnull())
    ips = located.select(a_ipk="ip_key", code=_country_code(located.cc), risk="risk")
    countries = located.group_by("cc").aggregate(
        rank=located["rank"].max(), off=located.utc_off.max()
    )
    return ips, countries.mutate(code=_country_code(countries.cc).cast("int64"))


def homes(ips: ir.Table, located: ir.Table, countries: ir.Table) -> ir.Table:
    """Per (window, account): home country, its income rank and UTC offset (hours), and the
    risk-area share of the account's located IPs (`located`, `countries`: `ip_geo`).
    Accounts seen only through anonymisers get no row."""
    seen = ips.join(located, "a_ipk")
    per_cc = seen.group_by(["win", "a", "code"]).aggregate(
        n=seen.count(), risk_ips=seen.count(where=seen.risk)
    )
    # The country with most IPs; ties go to the alphabetically last code, the same on
    # every engine. An integer key (count, then the code's two letters), not a string.
    home = per_cc.group_by(["win", "a"]).aggregate(
        top=(per_cc.n.cast("int64") * 65536 + per_cc.code.cast("int64")).max(),
        ips=per_cc.n.sum(),
        risk_ips=per_cc.risk_ips.sum(),
    )
    out = home.join(countries, (home.top % 65536) == countries.code)
    return out.select("win", "a", "cc", "rank", "off", risk_share=out.risk_ips / out.ips)


def _country_code(cc: ir.StringValue) -> ir.IntegerValue:
    """A two-letter country code as an integer (its letters' codes), the same on every
    engine and in the code's alphabetical order."""
    return cc.substr(0, 1).ascii_str() * 256 + cc.substr(1, 1).ascii_str()


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
    pairs: ir.Table, cross: ir.Table, home: ir.Table, show_minutes: float
) -> ir.Table:
    """One row per (window, account) with a pair between countries (`cross`: `geo_pairs`
    of `cross_border`): the figures every pattern and explanation uses. The rest cannot be
    scored, and aggregating every pair of every account is the slow part.

    Ties (for telling a diaspora relative from a consumer) are contacts talked to (video or
    audio) on several days, short calls with risk-area accounts aside: those are shows,
    which a buyer comes back to on several days too, while a relative talks at length.
    """
    p = pairs.semi_join(cross.select("win", "a").distinct(), ["win", "a"])
    fw = p.fw == 1
    risk = p.b_risk == 1
    voice = p.n_video + p.n_audio
    short = (voice > 0) & (p.video_s + p.audio_s <= show_minutes * 60 * voice)
    tie = (p.voice_days >= 2) & ~(risk & short)
    phone = (p.n_audio > 0) & (p.n_video == 0)
    # Counts of the (never null) 0/1 flags as filtered counts: cheaper than sums on DuckDB.
    per_a = p.group_by(["win", "a"]).aggregate(
        calls=p.n_calls.sum(),
        contacts=p.count(),
        fw=p.count(where=fw),
        fv=p.count(where=p.fv == 1),
        fw_oneoff=p.count(where=fw & p.oneoff),
        fw_timetable=p.count(where=fw & p.timetable),
        fw_video_s=ibis.cases((fw, p.video_s), else_=0).sum(),
        abroad_video=p.count(where=p.b_abroad_video == 1),
        risk_contacts=p.count(where=risk),
        # Ties kept up on several days: family for a diaspora relative, home for a consumer.
        regular_contacts=p.count(where=tie),
        risk_regular=p.count(where=tie & risk),
        # Risk-area contacts it only phones (audio): a relative calls home, a show is on video.
        risk_audio=p.count(where=risk & phone),
        risk_video=p.count(where=p.b_risk_video == 1),
        anon_video=p.count(where=p.b_anon_video == 1),
    )
    # Distinct counts only over the few pairs on video abroad (foreign-wealthier ones are
    # among them): a distinct count per group over every pair is the slow part otherwise.
    # Each is a pair between countries, so they are read from `cross` (a third of the rows):
    # `p` then feeds one aggregation, not two through a shared CTE.
    ab = cross.filter(cross.abroad_cc.notnull())
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
