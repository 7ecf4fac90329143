"""Fuzzing the CLI's other outside inputs: findings/identifier files and ISO times only ever
fail as one-sentence VigilErrors."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.cli.case_findings import case_findings, identifier_rows
from vigil.cli.session import parse_time
from vigil.core import VigilError

LINES = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.just('{"kind": "email", "value": "x@example.org"}'),
        st.just('{"ip": "203.0.113.9", "country": "PH"}'),
        st.just('{"ip": 5}'),
        st.just('{"partner": "p", "identifiers": {"email": [1, null]}}'),
        st.just('{"account": "p", "role": "source", "patterns": []}'),
        st.just("[1, 2]"),
    ),
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(lines=LINES, suffix=st.sampled_from([".jsonl", ".csv", ".parquet", ".txt"]))
def test_findings_files_fail_only_as_vigil_errors(lines: list[str], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_text("\n".join(lines), encoding="utf-8")
        for read in (case_findings, identifier_rows):
            with contextlib.suppress(VigilError):
                read(path, ["p"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_times_fail_only_as_vigil_errors(text: str) -> None:
    try:
        value = parse_time(text, "--start")
    except VigilError:
        return
    assert value.tzinfo is not None
