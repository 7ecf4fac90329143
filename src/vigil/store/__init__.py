"""Persistence: result files and the audit trail (SQLAlchemy storage comes with the cases)."""

from vigil.store.audit_file import AuditTrail
from vigil.store.message_files import FORMATS as MESSAGE_FORMATS
from vigil.store.message_files import MessageStream, read_messages, write_rejects
from vigil.store.tables import write_table

__all__ = [
    "MESSAGE_FORMATS",
    "AuditTrail",
    "MessageStream",
    "read_messages",
    "write_rejects",
    "write_table",
]
