"""Transports for the decoy runtime. ``irc`` and ``xmpp`` are the only decoy modules that
touch the network; import them by name (they pull in their client libraries)."""

from vigil.decoy.adapters.inprocess import InProcessTransport

__all__ = ["InProcessTransport"]
