"""Casus Foederis: a multiplayer turn-based strategy game about alliances."""

__version__ = "0.1.0"
