"""Synthetic worlds with ground truth for testing and demonstrating detectors."""

from vigil.simulate.calls_world import World, WorldParams, simulate_world, write_world
from vigil.simulate.conversations import (
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    ConversationCorpus,
    ConversationParams,
    simulate_conversations,
    write_conversations,
)

__all__ = [
    "NEGATIVE_KINDS",
    "POSITIVE_KINDS",
    "ConversationCorpus",
    "ConversationParams",
    "World",
    "WorldParams",
    "simulate_conversations",
    "simulate_world",
    "write_conversations",
    "write_world",
]
