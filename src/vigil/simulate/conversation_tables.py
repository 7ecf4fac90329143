"""The simulated chat corpus as tables and files: schemas, the corpus, and writing it as
messages.jsonl/.parquet, truth.csv, accounts.csv and .vtt/.srt transcripts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from vigil.simulate.conversation_transcripts import Cue, render_srt, render_vtt

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

TS = pa.timestamp("us", tz="UTC")
MESSAGE_SCHEMA = pa.schema(
    [
        ("conversation_id", pa.string()),
        ("message_id", pa.string()),
        ("sender", pa.string()),
        ("sent_at", TS),
        ("text", pa.string()),
        ("lang", pa.string()),
    ]
)
CUE_SCHEMA = pa.schema(
    [
        *MESSAGE_SCHEMA,
        ("start_ms", pa.int64()),
        ("end_ms", pa.int64()),
        ("format", pa.string()),
    ]
)
TRUTH_SCHEMA = pa.schema(
    [
        ("conversation_id", pa.string()),
        ("label", pa.int8()),
        ("kind", pa.string()),
        ("requester", pa.string()),
        ("lang", pa.string()),
        ("obfuscated", pa.bool_()),
        ("medium", pa.string()),
        ("messages", pa.int32()),
    ]
)
ACCOUNT_SCHEMA = pa.schema([("account", pa.string()), ("label", pa.int8()), ("side", pa.string())])


@dataclass(frozen=True)
class ConversationCorpus:
    messages: pa.Table  # chat conversations, the Messages contract
    truth: pa.Table  # one row per conversation, chats and transcripts
    accounts: pa.Table  # one row per sender
    transcripts: pa.Table  # cues of the call transcripts (written as .vtt/.srt)


@dataclass
class Message:
    sender: str
    text: str
    lang: str
    sent_at: datetime = EPOCH  # set by chat_times/call_times
    start_ms: int = 0
    end_ms: int = 0


@dataclass
class Conversation:
    cid: str
    kind: str
    label: int
    requester: str
    medium: str
    messages: list[Message]
    obfuscated: bool = False


def conversation_lang(conv: Conversation) -> str:
    langs = {m.lang for m in conv.messages}
    return langs.pop() if len(langs) == 1 else "mixed"


def corpus_tables(convs: list[Conversation], sides: Mapping[str, str]) -> ConversationCorpus:
    chat_rows: list[dict[str, object]] = []
    cue_rows: list[dict[str, object]] = []
    for c in convs:
        for j, m in enumerate(c.messages):
            row: dict[str, object] = {
                "conversation_id": c.cid,
                "message_id": f"{c.cid}-{j:02d}",
                "sender": m.sender,
                "sent_at": m.sent_at,
                "text": m.text,
                "lang": m.lang,
            }
            if c.medium == "chat":
                chat_rows.append(row)
            else:
                cue_rows.append(
                    {**row, "start_ms": m.start_ms, "end_ms": m.end_ms, "format": c.medium}
                )
    truth = pa.Table.from_pylist(
        [
            {
                "conversation_id": c.cid,
                "label": c.label,
                "kind": c.kind,
                "requester": c.requester,
                "lang": conversation_lang(c),
                "obfuscated": c.obfuscated,
                "medium": c.medium,
                "messages": len(c.messages),
            }
            for c in convs
        ],
        schema=TRUTH_SCHEMA,
    )
    offenders = {c.requester for c in convs if c.label}
    senders = sorted({m.sender for c in convs for m in c.messages})
    accounts = pa.Table.from_pylist(
        [{"account": s, "label": int(s in offenders), "side": sides[s]} for s in senders],
        schema=ACCOUNT_SCHEMA,
    )
    return ConversationCorpus(
        messages=pa.Table.from_pylist(chat_rows, schema=MESSAGE_SCHEMA),
        truth=truth,
        accounts=accounts,
        transcripts=pa.Table.from_pylist(cue_rows, schema=CUE_SCHEMA),
    )


# ---- writing ----------------------------------------------------------------------------


def _iso_z(ts: datetime) -> str:
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def write_conversations(corpus: ConversationCorpus, out_dir: Path) -> dict[str, Path]:
    """messages.jsonl, messages.parquet, truth.csv, accounts.csv and transcripts/*.vtt|srt."""
    out_dir = Path(out_dir)
    tdir = out_dir / "transcripts"
    tdir.mkdir(parents=True, exist_ok=True)
    paths = {
        "messages_jsonl": out_dir / "messages.jsonl",
        "messages_parquet": out_dir / "messages.parquet",
        "truth": out_dir / "truth.csv",
        "accounts": out_dir / "accounts.csv",
        "transcripts": tdir,
    }
    with paths["messages_jsonl"].open("w", encoding="utf-8") as fh:
        for row in corpus.messages.to_pylist():
            row["sent_at"] = _iso_z(row["sent_at"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    pq.write_table(corpus.messages, paths["messages_parquet"])
    opts = pacsv.WriteOptions(quoting_style="needed")
    pacsv.write_csv(corpus.truth, paths["truth"], opts)
    pacsv.write_csv(corpus.accounts, paths["accounts"], opts)

    cues: dict[str, list[Cue]] = {}
    fmt: dict[str, str] = {}
    for r in corpus.transcripts.to_pylist():
        cues.setdefault(r["conversation_id"], []).append(
            Cue(r["sender"], r["start_ms"], r["end_ms"], r["text"])
        )
        fmt[r["conversation_id"]] = r["format"]
    for cid, items in cues.items():
        render = render_vtt if fmt[cid] == "vtt" else render_srt
        (tdir / f"{cid}.{fmt[cid]}").write_text(render(items), encoding="utf-8")
    return paths
