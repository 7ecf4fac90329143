"""How telling one contact is: weights read from a pair's calls, as Ibis expressions.

A paid show is a short video session; lessons, family talks, dates and client meetings run
longer, mix in phone calls, or keep office hours. These weights turn that into numbers in
[0, 1] that scale a contact's evidence, so a look-alike's contacts count for less without
anything being dropped.
"""

from __future__ import annotations

import math

import ibis
import ibis.expr.types as ir

from vigil.core import MetadataConfig
from vigil.metadata.bits import bit_count

_DAY_MASK = (1 << 24) - 1


def saturate(x: ir.NumericValue, scale: float) -> ir.FloatingValue:
    """1 - exp(-x / scale): 63% at x = scale, approaching 1."""
    return 1 - (-(x.cast("float64")) / scale).exp()


def noisy_or_log(p: ir.FloatingValue) -> ir.FloatingValue:
    """log(1 - p), summed over a group and exponentiated gives the noisy-OR's complement."""
    return (1 - ibis.least(p, 0.999999)).ln()


def ramp(x: ir.NumericValue, start: float, end: float) -> ir.FloatingValue:
    """0 up to ``start``, 1 from ``end``, linear between: how far a figure is into a
    discount's range."""
    return ibis.least(ibis.greatest((x.cast("float64") - start) / (end - start), 0.0), 1.0)


def capped_log(log: ir.FloatingValue, cap: float) -> ir.FloatingValue:
    """A noisy-OR's log complement (`noisy_or_log` summed) limited so that it lifts at most
    ``cap``: log(1 - cap) is the floor it may not go below."""
    return ibis.greatest(log, math.log(1 - cap) if cap < 1 else -1e9)


def length_weight(
    seconds: ir.NumericValue, calls: ir.NumericValue, cfg: MetadataConfig
) -> ir.FloatingValue:
    """How show-like calls are by their mean length: 1 up to `show_minutes`,
    `long_call_weight` from `long_call_minutes`, linear in between."""
    mean_min = seconds.cast("float64") / ibis.greatest(calls, 1) / 60
    span = max(cfg.long_call_minutes - cfg.show_minutes, 1e-9)
    frac = ibis.least(ibis.greatest((cfg.long_call_minutes - mean_min) / span, 0.0), 1.0)
    return cfg.long_call_weight + (1 - cfg.long_call_weight) * frac


def video_share(pairs: ir.Table) -> ir.FloatingValue:
    """The share of a pair's voice calls (video and audio) that are on video: shows are,
    while family and clients phone as well."""
    return pairs.n_video.cast("float64") / ibis.greatest(pairs.n_video + pairs.n_audio, 1)


def show_weight(pairs: ir.Table, cfg: MetadataConfig) -> ir.FloatingValue:
    """A video contact's weight: its calls' length weight times its video share."""
    return length_weight(pairs.video_s, pairs.n_video, cfg) * video_share(pairs)


def phone_weight(pairs: ir.Table, cfg: MetadataConfig) -> ir.FloatingValue:
    """An audio-only contact's weight as a link (a buyer phoning a source): its calls'
    length weight times `audio_link_weight`, since no show is seen."""
    return cfg.audio_link_weight * length_weight(pairs.audio_s, pairs.n_audio, cfg)


def office_hours(pairs: ir.Table, cfg: MetadataConfig) -> tuple[ir.IntegerValue, ir.IntegerValue]:
    """A pair's distinct voice hours of day, and how many of them fall in the counterpart's
    office hours in its local time; (0, 0) where its time zone is unknown.

    `voice_hours` holds UTC hours as bits 0-23; a rotation by the counterpart's UTC offset
    turns them into its local hours.
    """
    known = pairs.b_off.notnull()
    m = ibis.cases((known, pairs.voice_hours), else_=0)
    s = ((pairs.b_off.fill_null(0) % 24) + 24) % 24
    local = ((m << s) | (m >> (24 - s))) & _DAY_MASK
    office = sum(1 << h for h in range(cfg.office_start_hour, cfg.office_end_hour))
    return bit_count(local).cast("int64"), bit_count(local & office).cast("int64")


def business_share(
    office: ir.NumericValue, hours: ir.NumericValue, cfg: MetadataConfig
) -> ir.FloatingValue:
    """How far an account's foreign voice hours keep office hours beyond what chance gives,
    in [0, 1]: 0 up to `business_onset`, 1 when every hour is an office hour.

    The share is shrunk toward the office hours' share of the day with the weight of
    `business_prior_hours` hours, so a source whose one or two shows fell in a buyer's
    afternoon is not mistaken for a business.
    """
    span = (cfg.office_end_hour - cfg.office_start_hour) / 24
    prior = cfg.business_prior_hours
    share = (office.cast("float64") + prior * span) / (hours.cast("float64") + prior)
    return ramp(share, cfg.business_onset, 1.0)


def booked_share(
    on_slot: ir.NumericValue, calls: ir.NumericValue, cfg: MetadataConfig
) -> ir.FloatingValue:
    """How surely an account's foreign video calls keep booked clock slots, in [0, 1]: the
    z-score of its on-slot calls against chance (a binomial with the slot window's share of
    the clock), 0 up to `booked_onset_z`, 1 from `booked_full_z`. A z-score, not a share, so
    two of three shows that happen to start at 9:00 decide nothing."""
    chance = cfg.slot_chance
    n = calls.cast("float64")
    z = (on_slot.cast("float64") - n * chance) / (
        ibis.greatest(n, 1) * chance * (1 - chance)
    ).sqrt()
    return ramp(z, cfg.booked_onset_z, cfg.booked_full_z)
