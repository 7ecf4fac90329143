"""vigil: detection of webcam child sexual exploitation on VoIP and chat platforms."""

__version__ = "0.1.0"
