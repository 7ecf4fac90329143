"""Persistence: result files, and the case store (SQLAlchemy) with its audit log."""

from vigil.store.message_files import FORMATS as MESSAGE_FORMATS
from vigil.store.message_files import MessageStream, read_messages, write_rejects
from vigil.store.tables import write_table

__all__ = [
    "MESSAGE_FORMATS",
    "MessageStream",
    "read_messages",
    "write_rejects",
    "write_table",
]
