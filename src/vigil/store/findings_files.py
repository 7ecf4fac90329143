"""Reading detection outputs back: flags, content scores and decoy dossiers, as rows.

Shared by `vigil case open --findings` and the console's review queue (`vigil serve --queue`),
which also reads the contacts sidecar `vigil metadata scan` writes beside each flags file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from pyarrow import ArrowInvalid

from vigil.core import InputError
from vigil.fusion import QueueRow, fuse, kind_of_rows

CONTACTS_SUFFIX = ".contacts.parquet"


def contacts_path(flags: Path) -> Path:
    """The contacts sidecar of a flags file: flags.jsonl -> flags.contacts.parquet."""
    return flags.with_name(flags.name.split(".")[0] + CONTACTS_SUFFIX)


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Every row of a .parquet, .csv or .jsonl file; a bad file is one clear InputError."""
    if not path.is_file():
        raise InputError(f"Findings file {path} does not exist.")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return list(pq.read_table(path).to_pylist())
        if suffix == ".csv":
            return list(pacsv.read_csv(path).to_pylist())
    except (ArrowInvalid, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"Findings file {path} cannot be read: {first}.") from exc
    if suffix not in (".jsonl", ".json"):
        raise InputError(f"Findings file {path.name}: use a .parquet, .csv or .jsonl file.")
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise InputError(f"Line {number} of {path.name} is not JSON.") from None
            if not isinstance(row, dict):
                raise InputError(f"Line {number} of {path.name} is not a JSON object.")
            rows.append(row)
    return rows


@dataclass
class QueueInputs:
    """The rows of each method, and the file names they came from."""

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"metadata": [], "content": [], "decoy": []}
    )
    files: dict[str, list[str]] = field(
        default_factory=lambda: {"metadata": [], "content": [], "decoy": []}
    )
    # Rows of the flags' contacts sidecars: account, country, day, calls, video_calls, minutes.
    contacts: list[dict[str, Any]] = field(default_factory=list)

    def fuse(self) -> list[QueueRow]:
        return fuse(
            self.rows["metadata"],
            self.rows["content"],
            self.rows["decoy"],
            sources={m: ", ".join(names) for m, names in self.files.items() if names},
        )


def read_queue(paths: Iterable[Path]) -> QueueInputs:
    """Read and sort detection outputs by contract; the kind is told by each file's columns."""
    inputs = QueueInputs()
    sidecars: list[Path] = []
    for path in paths:
        if path.name.endswith(CONTACTS_SUFFIX):  # a sidecar named on its own
            sidecars.append(path)
            continue
        rows = read_rows(path)
        if not rows:
            continue
        kind = kind_of_rows({k for r in rows for k in r}, path.name)
        inputs.rows[kind].extend(rows)
        inputs.files[kind].append(path.name)
        if kind == "metadata" and contacts_path(path).is_file():
            sidecars.append(contacts_path(path))
    for sidecar in dict.fromkeys(sidecars):  # each once, in order
        inputs.contacts.extend(read_rows(sidecar))
    return inputs
