"""Patterns 1-3 per account, as Ibis expressions (the graph, pattern 4, is in `graph`).

1. source   - a risk-area account on video with several foreign counterparts from several
              wealthier countries. Each contact counts by its kind (one-off fully, repeated
              at varying hours half, on a timetable not at all) and by how show-like its
              calls are (short, on video); the account's whole score is discounted for a
              business profile: lessons on a timetable or in booked clock slots, or
              calls in office hours.
2. den      - several accounts with foreign video contacts behind one household-sized IP,
              which together meet the source rule.
3. consumer - an account abroad linked (video or phone) to candidate sources. A diaspora
              relative (whose ties are mostly in the risk area) counts as no foreigner for
              the sources it calls.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from vigil.core import MetadataConfig
from vigil.metadata.weights import (
    booked_share,
    business_share,
    length_weight,
    noisy_or_log,
    office_hours,
    ramp,
    saturate,
    show_weight,
)

# Evidence saturation: the weighted count of one-off contacts at which pattern 1 gives 63%.
SOURCE_SCALE = 4.0
# A repeated contact at varying hours is half as telling as a one-off one.
REPEAT_WEIGHT = 0.5
# A den grows with its members, not with one strong housemate: each peer adds up to
# DEN_PER_PEER (noisy-OR), scaled by its own evidence saturating at DEN_PEER_SCALE.
DEN_PER_PEER = 0.4
DEN_PEER_SCALE = 1.5
# An account lives in the risk area when at least this share of its located IPs are there.
RISK_HOME_SHARE = 0.5


def consumer_accounts(acct: ir.Table, cfg: MetadataConfig) -> ir.Table:
    """Every account abroad, with whether it is a diaspora relative.

    A relative keeps up ties with home: most of the contacts it talks to on several days
    are in the risk area, or most of those it phones are. Short video calls with a
    risk-area account are no tie (a buyer comes back to a source on several days too).
    Relatives are kept: a buyer with few ties at home would look like one, so the flag
    only stops a relative from counting as a foreigner for the sources it calls.
    """
    limit = cfg.consumer_max_risk_contact_share
    share = acct.risk_regular.cast("float64") / ibis.greatest(acct.regular_contacts, 1)
    home = acct.contacts - acct.risk_contacts
    phoned = acct.risk_audio.cast("float64") / ibis.greatest(acct.risk_audio + home, 1)
    diaspora = ((acct.risk_regular >= 1) & (share > limit)) | (
        (acct.risk_audio >= 1) & (phoned > limit)
    )
    return acct.filter(acct.risk_share < RISK_HOME_SHARE).select(
        "win",
        "a",
        "contacts",
        "risk_contacts",
        "risk_regular",
        "regular_contacts",
        "risk_audio",
        "risk_video",
        "anon_video",
        diaspora=diaspora,
    )


def foreign_pairs(pairs: ir.Table, consumers: ir.Table) -> ir.Table:
    """Foreign wealthier video pairs whose counterpart lives abroad and is no relative."""
    p = pairs.filter(pairs.fw == 1)
    abroad = consumers.filter(~consumers.diaspora)
    return p.join(abroad.select("win", b="a"), ["win", "b"])


def source_base(
    acct: ir.Table, foreign: ir.Table, voice: ir.Table, cfg: MetadataConfig
) -> ir.Table:
    """Pattern 1 for every risk-area account on video or phone with a foreigner from a
    wealthier country; its figures come from its foreign video contacts (`foreign_pairs`).

    evidence: the sum over contacts of kind x show weight, times the account's call-length
    profile (the length weight of all its foreign video calls together), so an account
    whose calls are long on the whole counts little even for its shorter ones.
    unscheduled: the business discount, (1 - the share of its foreign video calls with
    contacts on a timetable) x (1 - its office-hours business share) x (1 - how surely its
    calls keep booked clock slots) x (1 - the crowd discount: how few of its video contacts
    are abroad) x (1 - the hotline discount: how many wealthier foreigners it only phones).
    The office hours are read over all its calls with foreigners from wealthier countries
    (`voice`: video or phone, relatives abroad too): a call centre's agent phones customers
    all day and is on video with a few.
    """
    p = foreign
    kind = ibis.cases((p.timetable, 0.0), (p.oneoff, 1.0), else_=REPEAT_WEIGHT)
    hours, office = office_hours(voice, cfg)
    worked = voice.group_by(["win", "a"]).aggregate(
        voice_hours=hours.sum(), office_hours=office.sum()
    )
    per_a = p.group_by(["win", "a"]).aggregate(
        foreign=p.count(),
        foreign_countries=p.fw_cc.nunique(),
        oneoff=p.oneoff.cast("int64").sum(),
        timetable=p.timetable.cast("int64").sum(),
        weighted=(kind * show_weight(p, cfg)).sum(),
        show_w=show_weight(p, cfg).mean(),
        fw_calls=p.n_video.sum(),
        fw_audio=p.n_audio.sum(),
        fw_video_s=p.video_s.sum(),
        timetable_calls=ibis.cases((p.timetable, p.n_video), else_=0).sum(),
        slot_calls=p.v_slot.sum(),
    )
    per_a = per_a.outer_join(worked, ["win", "a"]).select(
        win=ibis.coalesce(per_a.win, worked.win),
        a=ibis.coalesce(per_a.a, worked.a),
        **{c: per_a[c] for c in per_a.columns if c not in ("win", "a")},
        voice_hours=worked.voice_hours,
        office_hours=worked.office_hours,
    )
    # Accounts phoned (audio) from abroad but on no foreign video are candidates too: with
    # no evidence of their own, only the graph can lift them.
    a = acct.filter((acct.risk_share >= RISK_HOME_SHARE) & (acct.fv >= 1)).drop("fw_video_s")
    figures = [c for c in per_a.columns if c not in ("win", "a")]
    a = a.left_join(per_a, ["win", "a"]).select(a, *(per_a[c] for c in figures))
    a = a.mutate(**{c: a[c].fill_null(0) for c in figures})
    profile = length_weight(a.fw_video_s, a.fw_calls, cfg)
    evidence = a.weighted * profile
    rule = (a.foreign >= cfg.min_foreign_contacts) & (
        a.foreign_countries >= cfg.min_wealthier_countries
    )
    # Below the article's rule the account is only a den or graph candidate: no base score.
    base = ibis.cases((rule, saturate(evidence, SOURCE_SCALE)), else_=0.0)
    # Lessons: counted in calls, not contacts, since a weekly student looks one-off in a
    # week while the regulars' lessons fill the timetable.
    schedule = a.timetable_calls.cast("float64") / ibis.greatest(a.fw_calls, 1)
    business = business_share(a.office_hours, a.voice_hours, cfg)
    # Lessons in a week with one lesson per student keep no timetable yet, but they start
    # on booked clock slots.
    booked = booked_share(a.slot_calls, a.fw_calls, cfg)
    # Sellers and streamers: on video mostly with people at home, a few abroad.
    abroad = a.abroad_video.cast("float64") / ibis.greatest(a.abroad_video + a.risk_video, 1)
    crowd = 1 - ramp(abroad, cfg.crowd_full_share, cfg.crowd_onset_share)
    # No video abroad at all: only the graph speaks for the account, and no crowd is seen.
    crowd = ibis.cases((a.abroad_video > 0, crowd), else_=0.0)
    # Call centres: many wealthier foreigners phoned (audio only), none of them seen.
    phoned = a.fv - a.fw
    hotline = ramp(phoned, cfg.hotline_onset_contacts, cfg.hotline_full_contacts)
    return a.mutate(
        profile=profile,
        evidence=evidence,
        rule=rule,
        base=base,
        business=business,
        booked=booked,
        crowd=crowd,
        phoned=phoned,
        hotline=hotline,
        unscheduled=(1 - schedule) * (1 - business) * (1 - booked) * (1 - crowd) * (1 - hotline),
    )


def den_ips(ips: ir.Table, home: ir.Table) -> ir.Table:
    """The rows of `account_ips` a den can be found behind: every account on an IP that an
    account living in the risk area uses (only those can be candidate sources): kept through
    the scan in place of them all (a fifth of the rows in the simulated week)."""
    risk = home.filter(home.risk_share >= RISK_HOME_SHARE).select("win", "a")
    used = ips.join(risk, ["win", "a"]).select("win", "a_ipk")
    return ips.semi_join(used, ["win", "a_ipk"])


def housemates(base: ir.Table, ips: ir.Table, cfg: MetadataConfig) -> ir.Table:
    """(win, a, peer): candidate sources behind one household-sized IP, each with itself.

    `ips` are the accounts' own IPs per window (`account_ips`, or `den_ips` of them); the
    accounts behind an IP are counted only for the candidates' IPs, not for every IP seen.
    """
    on_ip = ips.join(base.select("win", "a"), ["win", "a"])
    behind = ips.semi_join(on_ip.select("win", "a_ipk"), ["win", "a_ipk"])
    households = behind.group_by(["win", "a_ipk"]).aggregate(ip_accounts=behind.count())
    on_ip = on_ip.join(households, ["win", "a_ipk"])
    on_ip = on_ip.filter(on_ip.ip_accounts <= cfg.den_max_accounts_per_ip)
    peers = on_ip.select("win", "a_ipk", peer="a")
    return on_ip.join(peers, ["win", "a_ipk"]).select("win", "a", "peer").distinct()


def den_peers(base: ir.Table, foreign: ir.Table, mates: ir.Table, cfg: MetadataConfig) -> ir.Table:
    """Pattern 2 per account: the other accounts with foreign video contacts behind its
    household-sized IPs (its den peers), their evidence and the household's reach.

    A den is the source rule applied to the household: together, the accounts behind the IP
    meet it (distinct foreign counterparts and countries), though each may have had one
    show in the week. Leave-one-out: the den part comes from the peers' evidence (as
    discounted as their scores are: a tutor makes no den of the household it lives in).
    `mates` is `housemates`: the den is among those with foreign video contacts.
    """
    cand = base.filter(base.evidence > 0).select(
        "win", "a", evidence=base.evidence * base.unscheduled
    )
    peers = cand.select("win", peer="a", peer_ev="evidence")
    circle = mates.join(cand.select("win", "a"), ["win", "a"]).join(peers, ["win", "peer"])
    circle = circle.select("win", "a", "peer", "peer_ev")
    others = circle.filter(circle.a != circle.peer)
    per_a = others.group_by(["win", "a"]).aggregate(
        den_peers=others.peer.count(),
        den_evidence=others.peer_ev.sum(),
        den_log=noisy_or_log(DEN_PER_PEER * saturate(others.peer_ev, DEN_PEER_SCALE)).sum(),
    )
    # The household's foreign counterparts, the account's own included.
    seen = circle.join(foreign.select("win", peer="a", b="b", cc="fw_cc"), ["win", "peer"])
    reach = seen.group_by(["win", "a"]).aggregate(
        den_foreign=seen.b.nunique(), den_countries=seen.cc.nunique()
    )
    out = per_a.join(reach, ["win", "a"])
    rule = (out.den_foreign >= cfg.min_foreign_contacts) & (
        out.den_countries >= cfg.min_wealthier_countries
    )
    return out.filter(rule & (out.den_peers >= cfg.min_den_accounts - 1))


def with_den(base: ir.Table, den: ir.Table) -> ir.Table:
    """Base rows with their den figures and den part (0 outside a den).

    The den lifts an account by its own show-like contacts, one full contact or more
    counting fully: living with a source is no evidence by itself.
    """
    src = base.left_join(den, ["win", "a"]).select(
        base, den.den_peers, den.den_evidence, den.den_foreign, den.den_countries, den.den_log
    )
    return src.mutate(
        den_peers=src.den_peers.fill_null(0),
        den_evidence=src.den_evidence.fill_null(0.0),
        den_foreign=src.den_foreign.fill_null(0),
        den_countries=src.den_countries.fill_null(0),
        den_part=(1 - src.den_log.fill_null(0.0).exp()) * ibis.least(src.evidence, 1.0),
    ).drop("den_log")
