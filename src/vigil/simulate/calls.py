"""Relationships (edges with a weekly rhythm) and their expansion into call rows.

Everything is columnar: a relationship block holds one row per pair, and expansion repeats
rows by a Poisson call count, so no per-call Python objects are made.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from vigil.simulate.accounts import Accounts
from vigil.simulate.timing import Clock, Profile, sample_times

IntArr = npt.NDArray[np.int64]
FloatArr = npt.NDArray[np.float64]

MEDIA: tuple[str, ...] = ("audio", "video", "chat")
AUDIO, VIDEO, CHAT = 0, 1, 2
PERSONAL, FIXED = 0, 1  # endpoint context: any of the person's IPs, or their fixed line/work IP
MAX_DURATION = 6 * 3600


@dataclass
class CallBatch:
    t: IntArr  # seconds since window start
    dur: IntArr
    caller: IntArr
    callee: IntArr
    media: IntArr
    caller_ctx: IntArr
    callee_ctx: IntArr

    def __len__(self) -> int:
        return len(self.t)

    @staticmethod
    def concat(batches: list[CallBatch]) -> CallBatch:
        cols = {
            f.name: np.concatenate([getattr(b, f.name) for b in batches]).astype(np.int64)
            for f in fields(CallBatch)
        }
        return CallBatch(**cols)


@dataclass
class EdgeBlock:
    a: IntArr
    b: IntArr
    rate: FloatArr  # expected calls per week
    profile: IntArr
    anchor: IntArr  # account whose local day sets the time
    media_p: FloatArr  # (n, 3) audio, video, chat
    mu_audio: FloatArr  # log of median duration in seconds
    mu_video: FloatArr
    sigma: FloatArr
    p_a_calls: FloatArr
    ctx_a: IntArr
    ctx_b: IntArr
    p_missed: FloatArr

    def __len__(self) -> int:
        return len(self.a)

    @staticmethod
    def concat(blocks: list[EdgeBlock]) -> EdgeBlock:
        cols = {
            f.name: np.concatenate([getattr(b, f.name) for b in blocks]) for f in fields(EdgeBlock)
        }
        return EdgeBlock(**cols)


def edges(
    a: IntArr,
    b: IntArr,
    *,
    rate: float | FloatArr,
    profile: Profile | IntArr,
    anchor: IntArr | None = None,
    media_p: FloatArr | tuple[float, float, float],
    median_audio: float | FloatArr,
    median_video: float | FloatArr,
    sigma: float | FloatArr = 0.9,
    p_a_calls: float | FloatArr = 0.5,
    ctx_a: int = PERSONAL,
    ctx_b: int = PERSONAL,
    p_missed: float | FloatArr = 0.08,
) -> EdgeBlock:
    """A relationship block; scalars are broadcast, per-pair arrays kept; self-loops dropped."""
    keep = a != b
    n = int(keep.sum())

    def f64(x: float | FloatArr) -> FloatArr:
        arr = np.asarray(x, dtype=np.float64)
        return np.full(n, float(arr)) if arr.ndim == 0 else arr[keep]

    prof = np.asarray(profile, dtype=np.int64)
    media = np.asarray(media_p, dtype=np.float64)
    media = media[keep] if media.ndim == 2 else np.tile(media, (n, 1))
    return EdgeBlock(
        a=a[keep],
        b=b[keep],
        rate=f64(rate),
        profile=np.full(n, int(prof)) if prof.ndim == 0 else prof[keep],
        anchor=a[keep] if anchor is None else anchor[keep],
        media_p=media / media.sum(axis=1, keepdims=True),
        mu_audio=np.log(f64(median_audio)),
        mu_video=np.log(f64(median_video)),
        sigma=f64(sigma),
        p_a_calls=f64(p_a_calls),
        ctx_a=np.full(n, ctx_a, dtype=np.int64),
        ctx_b=np.full(n, ctx_b, dtype=np.int64),
        p_missed=f64(p_missed),
    )


def durations(
    rng: np.random.Generator,
    media: IntArr,
    mu_audio: FloatArr,
    mu_video: FloatArr,
    sigma: FloatArr,
    p_missed: FloatArr,
) -> IntArr:
    """Log-normal talk time; a share of calls go unanswered (0 s); chats as `chat_durations`."""
    n = len(media)
    mu = np.where(media == VIDEO, mu_video, mu_audio)
    dur = np.exp(mu + sigma * rng.standard_normal(n))
    dur = np.where(rng.random(n) < p_missed, 0.0, dur)
    dur = np.clip(np.round(dur), 0, MAX_DURATION).astype(np.int64)
    return np.where(media == CHAT, chat_durations(rng, n), dur)


def chat_durations(rng: np.random.Generator, n: int) -> IntArr:
    """Chat sessions are short; almost half are a single message (0 s)."""
    dur = np.where(rng.random(n) < 0.45, 0.0, np.exp(np.log(90.0) + rng.standard_normal(n)))
    return np.clip(np.round(dur), 0, 3600).astype(np.int64)


def pick_media(rng: np.random.Generator, p: FloatArr) -> IntArr:
    u = rng.random(len(p))
    cdf = np.cumsum(p, axis=1)
    picked: IntArr = np.minimum((u[:, None] > cdf).sum(axis=1), 2)
    return picked.astype(np.int64)


def expand(
    rng: np.random.Generator,
    acc: Accounts,
    clock: Clock,
    e: EdgeBlock,
    counts: IntArr | None = None,
) -> CallBatch:
    """Calls of a relationship block: Poisson counts (unless given), local-time placement."""
    if counts is None:
        counts = rng.poisson(e.rate * clock.days / 7.0)
    i = np.repeat(np.arange(len(e)), counts)
    anchor = e.anchor[i]
    t = sample_times(rng, clock, e.profile[i], acc.tz[anchor], acc.country[anchor])
    media = pick_media(rng, e.media_p[i])
    dur = durations(rng, media, e.mu_audio[i], e.mu_video[i], e.sigma[i], e.p_missed[i])
    a_calls = rng.random(len(i)) < e.p_a_calls[i]
    a, b = e.a[i], e.b[i]
    return CallBatch(
        t=t,
        dur=dur,
        caller=np.where(a_calls, a, b),
        callee=np.where(a_calls, b, a),
        media=media,
        caller_ctx=np.where(a_calls, e.ctx_a[i], e.ctx_b[i]),
        callee_ctx=np.where(a_calls, e.ctx_b[i], e.ctx_a[i]),
    )


def dedupe_pairs(a: IntArr, b: IntArr) -> tuple[IntArr, IntArr]:
    """Unordered unique pairs without self-loops, in a stable order."""
    keep = a != b
    a, b = a[keep], b[keep]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    _, first = np.unique(lo * (1 << 32) + hi, return_index=True)
    first.sort()
    return a[first], b[first]


def style_mix(
    rng: np.random.Generator, base: tuple[float, float, float], n: int, concentration: float = 8.0
) -> FloatArr:
    """Per-relationship media mix scattered around a population's typical mix."""
    return rng.dirichlet(np.asarray(base) * concentration, n)
