"""The embedded engine (the default): see engine.py."""

from .engine import EmbeddedEngine, write_snapshot

__all__ = ["EmbeddedEngine", "write_snapshot"]
