"""Protocol commands that act in a match as a seat: the one table both transports use.

The websocket server and the in-process (hot-seat) connection map a checked message
(game/protocol.py) to a ``Match`` method the same way, so a screen or a bot behaves the same
whichever transport carries it.
"""

from __future__ import annotations

from typing import Any

from .match import Match, Outcome

# message type -> Match method, and the message fields passed to it in order (after the seat).
MATCH_COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "chat": ("send_chat", ("channel", "text")),
    "propose": ("propose", ("terms",)),
    "accept": ("accept", ("proposal",)),
    "decline": ("decline", ("proposal",)),
    "withdraw": ("withdraw", ("proposal",)),
    "orders": ("submit_orders", ("orders",)),
    "ready": ("set_ready", ("ready",)),
    "adjudicate": ("force_adjudicate", ()),
    "set_deadline": ("set_deadline", ("deadline_at",)),
    "release_seat": ("release_seat", ("seat",)),
}


def run_command(match: Match, seat: str, message: dict[str, Any], now: float) -> Outcome:
    """Run a checked match command as ``seat``; the reply is the protocol's ``ok``.

    Raises ``KeyError`` for a type that is not a match command and ``MatchError`` when the
    match refuses it (nothing is recorded then).
    """
    method, fields = MATCH_COMMANDS[message["type"]]
    outcome: Outcome = getattr(match, method)(seat, *(message[f] for f in fields), now)
    outcome.reply = {"type": "ok", "of": message["type"], **outcome.reply}
    return outcome
