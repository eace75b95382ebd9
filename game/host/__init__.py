"""The host without I/O (game/host/core.py): the one core the websocket host and the
in-process hosts share."""

from .core import Delivery, HostCore, Link, Result, new_match_id

__all__ = ["Delivery", "HostCore", "Link", "Result", "new_match_id"]
