"""Decoy operations, sans I/O: persona, dialogue policy, response bank, outbound guard,
engine, dossiers and hash-chained transcripts. The runtime and protocol adapters drive
``DecoyEngine`` and write what it decides."""

from vigil.decoy.bank import Bank, Line, load_bank
from vigil.decoy.cues import Topics, load_topics
from vigil.decoy.dossier import Dossier, dossiers_from_lines
from vigil.decoy.engine import Decision, DecoyEngine, Pace, build_engine
from vigil.decoy.guard import GuardResult, GuardRules, OutboundGuard, load_guard
from vigil.decoy.persona import Persona, load_persona, style
from vigil.decoy.policy import FAMILIES, Policy, load_policy
from vigil.decoy.retrieval import make_retriever, semantic_available
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
    "Decision",
    "DecoyEngine",
    "Dossier",
    "GuardResult",
    "GuardRules",
    "Line",
    "OutboundGuard",
    "Pace",
    "Persona",
    "Policy",
    "Topics",
    "TranscriptChain",
    "TranscriptLine",
    "build_engine",
    "dossiers_from_lines",
    "line_from_json",
    "load_bank",
    "load_guard",
    "load_persona",
    "load_policy",
    "load_topics",
    "make_line",
    "make_retriever",
    "semantic_available",
    "style",
    "verify_chain",
]
