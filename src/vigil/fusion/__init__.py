"""One review queue per account, fusing the three detection methods' outputs.

Pure: it reads rows of the flags, content-score and decoy-dossier contracts (dicts, as any
reader yields them) and returns ranked `QueueRow`s; files are read by vigil.store.
"""

from vigil.fusion.queue import (
    CAP,
    DECOY_LEVELS,
    METHODS,
    Contribution,
    QueueRow,
    filter_queue,
    fuse,
    kind_of_rows,
)

__all__ = [
    "CAP",
    "DECOY_LEVELS",
    "METHODS",
    "Contribution",
    "QueueRow",
    "filter_queue",
    "fuse",
    "kind_of_rows",
]
