"""Analytics backends. One set of Ibis expressions runs on either engine."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Callable
from typing import Any, Literal

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from vigil.core import EngineError

Engine = Literal["duckdb", "spark"]


def connect(
    engine: Engine, *, spark_master: str | None = None, memory_limit: str | None = None
) -> BaseBackend:
    """Open a backend; Spark runs local[*] unless a cluster URL is given."""
    if engine == "duckdb":
        config: dict[str, Any] = {"threads": os.cpu_count() or 1}
        if memory_limit:
            config["memory_limit"] = memory_limit
        return ibis.duckdb.connect(**config)
    if engine == "spark":
        return _spark(spark_master or "local[*]")
    raise EngineError(f"Unknown engine {engine!r}; choose duckdb or spark.")


def _spark(master: str) -> BaseBackend:
    return ibis.pyspark.connect(spark_session(master))


def spark_session(master: str = "local[*]") -> Any:
    """vigil's Spark session (UTC, non-ANSI so bad rows become NULL, no UI)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineError("The Spark engine needs Java 17; install a JDK or use --engine duckdb.")
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineError(
            "The Spark engine needs PySpark; install vigil with the 'spark' extra."
        ) from exc
    # Python workers (content's mapInArrow) must run this interpreter, the one with vigil.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    warehouse = tempfile.mkdtemp(prefix="vigil-spark-")
    session = (
        SparkSession.builder.master(master)
        .appName("vigil")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # Bad rows must become NULL (then a reject reason), not abort the job.
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="epoch", signature=((dt.Timestamp(timezone="UTC"),), dt.int64)
)
def _duckdb_epoch(ts: Any) -> int:  # type: ignore[empty-body]
    """DuckDB's epoch() of a zoned timestamp as it is."""


def epoch_seconds(engine: str) -> Callable[[ir.TimestampValue], ir.IntegerValue]:
    """Seconds since 1970 of a UTC timestamp, for `engine`. On DuckDB, its own epoch() of the
    zoned timestamp: Ibis's `epoch_seconds()` casts it to a naive timestamp first, a time
    zone conversion per row (a sixth of storing the calls) that also turns UTC into the
    session's local time where DuckDB runs outside UTC."""
    if engine == "duckdb":
        return _duckdb_epoch  # type: ignore[no-any-return]
    return lambda ts: ts.epoch_seconds()


def materialise(con: BaseBackend, expr: ir.Table) -> ir.Table:
    """Compute an intermediate table once; later expressions read it instead of recomputing.

    DuckDB gets a temporary table named per call (Ibis's expression cache can hand a new
    connection the name of a table cached on an earlier one). Spark gets a local checkpoint:
    a cached DataFrame keeps its whole lineage, and the plans of later stages, which read
    several cached stages at once, grow until printing them exhausts the driver's heap.
    """
    name = f"vigil_{uuid.uuid4().hex}"
    if con.name == "duckdb":
        # An intermediate table needs no row order, and keeping it costs memory.
        con.raw_sql("SET preserve_insertion_order = false")
        try:
            return con.create_table(name, expr, temp=True)
        finally:
            con.raw_sql("SET preserve_insertion_order = true")
    # Ibis registers in-memory tables as Spark views only on execution: an empty fetch
    # registers them before the SQL runs outside Ibis.
    con.to_pyarrow(expr.limit(0))
    frame = con._session.sql(str(con.compile(expr))).localCheckpoint(eager=True)
    frame.createOrReplaceTempView(name)
    return con.table(name)


def release(con: BaseBackend, table: ir.Table) -> None:
    """Free a materialised table once no later expression reads it."""
    # Spark keeps it: a checkpoint is cheap to keep and harmless to outlive the scan.
    if con.name == "duckdb":
        # The name comes qualified (temp.main.vigil_...): passed whole, it names no table,
        # and the drop, forced, did nothing.
        *where, name = table.get_name().split(".")
        con.drop_table(name, database=".".join(where) or None, force=True)


def register(con: BaseBackend, table: pa.Table) -> ir.Table:
    """Make a small Arrow table (IP info, pseudonym map) joinable in the backend.

    Not ibis.memtable on Spark: with pandas 3 it turns NULL strings into 'NaN' and drops
    integers, so Spark gets the Arrow table directly.
    """
    if con.name == "duckdb":
        return ibis.memtable(table)
    name = f"vigil_{uuid.uuid4().hex}"
    con._session.createDataFrame(table).createOrReplaceTempView(name)
    return con.table(name)
