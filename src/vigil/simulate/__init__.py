"""Synthetic worlds with ground truth for testing and demonstrating detectors."""

from vigil.simulate.calls_world import World, WorldParams, simulate_world, write_world

__all__ = ["World", "WorldParams", "simulate_world", "write_world"]
