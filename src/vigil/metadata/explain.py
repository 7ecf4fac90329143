"""Turn scored candidates into the flags contract, each row with its explanation."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pyarrow as pa

from vigil.core import MetadataConfig
from vigil.metadata.accounts import AccountMap
from vigil.metadata.schema import EPOCH_MONDAY

FLAGS_SCHEMA = pa.schema(
    [
        ("account", pa.string()),
        ("role", pa.string()),
        ("score", pa.float64()),
        ("rank", pa.int64()),
        ("patterns", pa.list_(pa.string())),
        ("window_start", pa.timestamp("us", tz="UTC")),
        ("explanation", pa.string()),
        ("raw_account", pa.string()),
        ("key", pa.int64()),
    ]
)


def _window(win: int, days: int) -> datetime:
    return EPOCH_MONDAY + timedelta(days=win * days)


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _unlocated(n: int) -> str:
    return (
        f"{_plural(n, 'video counterpart')} seen only behind anonymisers (VPN/Tor) "
        f"{'carries' if n == 1 else 'carry'} no location weight"
    )


def _source_rule(r: dict[str, Any], cfg: MetadataConfig) -> str:
    return (
        f"{r['risk_share']:.0%} of its located IPs in a risk area; {r['calls']} calls; "
        "on video with "
        f"{_plural(r['foreign'], 'foreign counterpart')} from "
        f"{_plural(r['foreign_countries'], 'wealthier country', 'wealthier countries')} "
        f"(rule: >= {cfg.min_foreign_contacts} from >= {cfg.min_wealthier_countries}: "
        f"{'met' if r['rule'] else 'not met'})"
    )


def _source_evidence(r: dict[str, Any], cfg: MetadataConfig) -> str:
    irregular = r["foreign"] - r["oneoff"] - r["timetable"]
    mean_min = r["fw_video_s"] / 60 / max(r["fw_calls"], 1)
    return (
        f"{r['oneoff']} one-off, {irregular} repeated at varying hours, "
        f"{r['timetable']} on a timetable; {r['fw_calls']} video and {r['fw_audio']} audio "
        f"calls with them, video calls {mean_min:.0f} min on average (calls up to "
        f"{cfg.show_minutes:g} min count fully, from {cfg.long_call_minutes:g} min "
        f"{cfg.long_call_weight:.0%}): mean contact weight {r['show_w']:.2f}, length "
        f"profile {r['profile']:.2f}; source evidence {r['evidence']:.1f} -> {r['base']:.2f}"
    )


def _business(r: dict[str, Any], cfg: MetadataConfig) -> str | None:
    schedule = r["timetable_calls"] / max(r["fw_calls"], 1)
    if r["unscheduled"] >= 1:
        return None
    why = []
    if schedule > 0:
        why.append(
            f"{r['timetable_calls']} of its {r['fw_calls']} foreign video calls keep a "
            "timetable (lessons do)"
        )
    if r["booked"] > 0:
        chance = cfg.slot_chance
        why.append(
            f"{r['slot_calls']} of its {r['fw_calls']} foreign video calls start within "
            f"{cfg.slot_grace_minutes} min of a {cfg.slot_minutes}-minute clock slot "
            f"(chance {chance:.0%}; booked lessons do; booked share {r['booked']:.2f})"
        )
    if r["business"] > 0:
        why.append(
            f"{r['office_hours']} of its {r['voice_hours']} foreign voice hours of day fall in "
            f"the counterparts' office hours ({cfg.office_start_hour}-"
            f"{cfg.office_end_hour} local; business share {r['business']:.2f})"
        )
    if r["crowd"] > 0:
        why.append(
            f"only {r['abroad_video']} of its {r['abroad_video'] + r['risk_video']} video "
            "contacts are abroad, the rest in the risk area (sellers and streamers are on "
            f"video with many at home; crowd share {r['crowd']:.2f})"
        )
    if r["hotline"] > 0:
        why.append(
            f"it phoned {r['phoned']} foreigners from wealthier countries it was never on video "
            f"with (a call centre's line does; hotline share {r['hotline']:.2f})"
        )
    return f"score discounted to {r['unscheduled']:.0%} as a business: " + " and ".join(why)


def explain_source(r: dict[str, Any], cfg: MetadataConfig) -> tuple[list[str], str]:
    patterns = ["source"] if r["rule"] else []
    diaspora = r["fw"] - r["foreign"]
    parts = [_source_rule(r, cfg)]
    if r["foreign"] > 0:
        parts.append(_source_evidence(r, cfg))
    if diaspora > 0:
        parts.append(
            f"{_plural(diaspora, 'relative')} abroad whose ties are mostly in the risk area "
            "not counted as foreigners"
        )
    if r["graph_part"] > 0:
        patterns.append("graph")
        parts.append(
            f"{_plural(r['shared_consumers'], 'counterpart')} of its {r['links']} linked "
            f"(video or phone) also met other candidate sources (graph {r['graph_part']:.2f})"
        )
    if r["den_peers"] > 0:
        patterns.append("den")
        parts.append(
            f"shares a household-sized IP (<= {cfg.den_max_accounts_per_ip} accounts) with "
            f"{_plural(r['den_peers'], 'other account')} on video abroad (their evidence "
            f"{r['den_evidence']:.1f}); together on video with "
            f"{_plural(r['den_foreign'], 'foreign counterpart')} from "
            f"{_plural(r['den_countries'], 'country', 'countries')} (den {r['den_part']:.2f})"
        )
    business = _business(r, cfg)
    if business:
        parts.append(business)
    if r["anon_video"] > 0:
        parts.append(_unlocated(r["anon_video"]))
    return patterns, "; ".join(parts) + "."


def explain_consumer(r: dict[str, Any], cfg: MetadataConfig) -> tuple[list[str], str]:
    patterns = ["consumer"]
    if r["sources_met"] >= 2:
        patterns.append("graph")
    share = r["risk_regular"] / max(r["regular_contacts"], 1)
    parts = [
        f"account abroad linked (video or phone) to "
        f"{_plural(r['sources_met'], 'candidate source')} (summed source score "
        f"{r['source_score_sum']:.2f}, summed link weight {r['link_weight']:.2f})",
        f"{r['risk_video']} risk-area video counterparts in all; {share:.0%} of the "
        f"{r['regular_contacts']} contacts it talks to on several days (short calls aside) "
        f"and {r['risk_audio']} it only phones are in a risk area",
    ]
    if r["diaspora"]:
        parts.append(
            f"ties mostly in the risk area (over {cfg.consumer_max_risk_contact_share:.0%}), "
            "as a diaspora relative's are: not counted as a foreigner for the sources"
        )
    if r["anon_video"] > 0:
        parts.append(_unlocated(r["anon_video"]))
    return patterns, "; ".join(parts) + "."


def build_flags(
    sources: pa.Table,
    consumers: pa.Table,
    cfg: MetadataConfig,
    accounts: AccountMap,
) -> pa.Table:
    """All candidates in one queue, highest score first, ranked from 1."""
    rows: list[dict[str, Any]] = []
    for role, table, explain in (
        ("source", sources, explain_source),
        ("consumer", consumers, explain_consumer),
    ):
        for r in table.to_pylist():
            patterns, text = explain(r, cfg)
            rows.append(
                {
                    "account": accounts.pid(r["a"]),
                    "role": role,
                    "score": round(float(r["score"]), 6),
                    "patterns": patterns,
                    "window_start": _window(int(r["win"]), cfg.window_days),
                    "explanation": text,
                    "raw_account": accounts.raw(r["a"]),
                    "key": r["a"],
                    "strength": r["foreign"] if role == "source" else r["sources_met"],
                }
            )
    # Deterministic order across engines: score, then the strength of the evidence (foreign
    # contacts of a source, sources met by a consumer), then role and pseudonym.
    rows.sort(
        key=lambda x: (-x["score"], -x["strength"], x["window_start"], x["role"], x["account"])
    )
    for row in rows:
        del row["strength"]
    for i, row in enumerate(rows, start=1):
        row["rank"] = i
    return pa.Table.from_pylist(rows, schema=FLAGS_SCHEMA)
