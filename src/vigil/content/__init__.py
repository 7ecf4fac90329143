"""Content analysis: lexicons, obfuscation-tolerant matching, scoring, identifiers."""

from vigil.content.evaluate import Metrics, metrics, naive_rule
from vigil.content.identifiers import Identifier, extract_identifiers, is_valid_bitcoin_address
from vigil.content.lexicon import CATEGORIES, Lexicon, Term, load_lexicon
from vigil.content.matcher import Hits, Matcher, Span, make_matcher, spans
from vigil.content.messages import MESSAGE_SCHEMA, Reject
from vigil.content.obfuscation import fold_array, fold_text
from vigil.content.scan import (
    ContentScan,
    accounts_table,
    batch_evidence,
    batch_hits,
    conversations_table,
    pseudonymise_column,
)
from vigil.content.scoring import (
    AccountScore,
    ConversationScore,
    MessageEvidence,
    Scorer,
    ScoringModel,
)

__all__ = [
    "CATEGORIES",
    "MESSAGE_SCHEMA",
    "AccountScore",
    "ContentScan",
    "ConversationScore",
    "Hits",
    "Identifier",
    "Lexicon",
    "Matcher",
    "MessageEvidence",
    "Metrics",
    "Reject",
    "Scorer",
    "ScoringModel",
    "Span",
    "Term",
    "accounts_table",
    "batch_evidence",
    "batch_hits",
    "conversations_table",
    "extract_identifiers",
    "fold_array",
    "fold_text",
    "is_valid_bitcoin_address",
    "load_lexicon",
    "make_matcher",
    "metrics",
    "naive_rule",
    "pseudonymise_column",
    "spans",
]
