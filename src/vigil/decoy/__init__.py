"""Decoy operations, sans I/O: persona, dialogue policy, response bank, outbound guard,
engine, dossiers and hash-chained transcripts. The runtime and protocol adapters drive
``DecoyEngine`` and write what it decides.

The I/O side (runtime, evidence directory, operator console, in-process transport) is
exported here too; the IRC and XMPP adapters are imported by name
(``vigil.decoy.adapters.irc`` / ``.xmpp``) since they pull in their client libraries."""

from vigil.decoy.adapters.inprocess import InProcessTransport
from vigil.decoy.bank import Bank, Line, load_bank
from vigil.decoy.cues import Topics, load_topics
from vigil.decoy.dossier import Dossier, dossiers_from_lines
from vigil.decoy.engine import Decision, DecoyEngine, Pace, build_engine
from vigil.decoy.evidence import EvidenceStore
from vigil.decoy.evidence_read import (
    EvidenceSet,
    conversation_tail,
    dossiers_from_evidence,
    read_evidence,
)
from vigil.decoy.guard import GuardResult, GuardRules, OutboundGuard, load_guard
from vigil.decoy.operator import OperatorServer
from vigil.decoy.persona import Persona, load_persona, style
from vigil.decoy.policy import FAMILIES, Policy
from vigil.decoy.policy_file import load_policy
from vigil.decoy.retrieval import make_retriever, semantic_available
from vigil.decoy.runtime import (
    ConversationInfo,
    DecoyRuntime,
    Incoming,
    Transport,
    TransportError,
)
from vigil.decoy.transcript import (
    GENESIS,
    TranscriptChain,
    TranscriptLine,
    line_from_json,
    make_line,
    verify_chain,
)

__all__ = [
    "FAMILIES",
    "GENESIS",
    "Bank",
    "ConversationInfo",
    "Decision",
    "DecoyEngine",
    "DecoyRuntime",
    "Dossier",
    "EvidenceSet",
    "EvidenceStore",
    "GuardResult",
    "GuardRules",
    "InProcessTransport",
    "Incoming",
    "Line",
    "OperatorServer",
    "OutboundGuard",
    "Pace",
    "Persona",
    "Policy",
    "Topics",
    "TranscriptChain",
    "TranscriptLine",
    "Transport",
    "TransportError",
    "build_engine",
    "conversation_tail",
    "dossiers_from_evidence",
    "dossiers_from_lines",
    "line_from_json",
    "load_bank",
    "load_guard",
    "load_persona",
    "load_policy",
    "load_topics",
    "make_line",
    "make_retriever",
    "read_evidence",
    "semantic_available",
    "style",
    "verify_chain",
]
