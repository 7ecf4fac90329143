"""Engine-specific expressions of the scan compute what the portable ones do, whatever the
engine's session settings."""

from __future__ import annotations

from datetime import UTC, datetime

import ibis
import pyarrow as pa

from vigil.core import MetadataConfig
from vigil.metadata import connect
from vigil.metadata.accounts import ip_key
from vigil.metadata.engine import epoch_seconds
from vigil.metadata.features import timed

STARTS = [datetime(2026, 11, 20, 23, 30, tzinfo=UTC), datetime(2026, 11, 22, 0, 5, tzinfo=UTC)]


def _calls() -> ibis.Table:
    return ibis.memtable(
        pa.table(
            {
                "started_at": pa.array(STARTS, pa.timestamp("us", tz="UTC")),
                "duration_s": pa.array([60, 90], pa.int64()),
                "media": ["video", "audio"],
            }
        )
    )


def test_duckdb_epoch_is_utc_in_any_session_time_zone() -> None:
    con = connect("duckdb")
    t = _calls()
    expected = [int(s.timestamp()) for s in STARTS]
    portable = con.to_pyarrow(t.select(s=t.started_at.epoch_seconds()))["s"].to_pylist()
    assert portable == expected  # the session is UTC here
    # Ibis's own epoch_seconds() reads the session's local time; the engine's epoch() not.
    con.raw_sql("SET TimeZone = 'Asia/Manila'")
    own = con.to_pyarrow(t.select(s=epoch_seconds("duckdb")(t.started_at)))["s"].to_pylist()
    assert own == expected
    cfg = MetadataConfig()
    hours = timed(
        t, cfg.window_days, cfg.slot_minutes, cfg.slot_grace_minutes, epoch_seconds("duckdb")
    )
    assert con.to_pyarrow(hours)["hour"].to_pylist() == [23, 0]


def test_duckdb_ip_keys_are_one_64_bit_hash() -> None:
    con = connect("duckdb")
    ips = ibis.memtable({"ip": ["10.0.0.1", "10.0.0.2", "2001:db8::1", "10.0.0.1"]})
    keys = con.to_pyarrow(ips.select(k=ip_key(ips.ip, "duckdb"), h=ips.ip.hash()))
    assert keys["k"].to_pylist() == keys["h"].to_pylist()
    distinct = set(keys["k"].to_pylist())
    assert len(distinct) == 3 and any(k < 0 or k >= 2**32 for k in distinct)
