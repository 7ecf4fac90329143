"""Persistence: output files, the reveal/audit trail. (SQLAlchemy storage arrives with the case workflow.)"""

from vigil.store.audit_file import AuditTrail
from vigil.store.tables import write_table

__all__ = ["AuditTrail", "write_table"]
