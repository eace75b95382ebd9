"""Protocol commands that act in a match as a seat: the one table both transports use.

The websocket server and the in-process (hot-seat) connection map a checked message
(game/protocol.py) to a ``Match`` method the same way, so a screen or a bot behaves the same
whichever transport carries it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from game.engine.params import rules_to_dict

from .match import Match
from .outcome import Outcome

class Command(NamedTuple):
    """How a message becomes a Match call: ``method(seat, *fields, now, **options)``.

    ``fields`` are passed in order (an optional one the message leaves out as None);
    ``options`` are passed by name, and only when the message has them, so the method's own
    default applies otherwise.
    """

    method: str
    fields: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


MATCH_COMMANDS: dict[str, Command] = {
    "chat": Command("send_chat", ("channel", "text")),
    "propose": Command("propose", ("terms",)),
    "accept": Command("accept", ("proposal",)),
    "decline": Command("decline", ("proposal",)),
    "withdraw": Command("withdraw", ("proposal",)),
    "orders": Command("submit_orders", ("orders",), ("base",)),
    "ready": Command("set_ready", ("ready",)),
    "share_orders": Command("share_orders", ("share",)),
    "adjudicate": Command("force_adjudicate", ()),
    "set_deadline": Command("set_deadline", ("deadline_at",)),
    "release_seat": Command("release_seat", ("seat",)),
    # Workshop mode (docs/WORKSHOP.md).
    "sign_off": Command("sign_off", ()),
    "intent": Command("state_intent", ("text",)),
    "insight": Command("note_insight", ("text",)),
    "observer_access": Command("set_observer_access", ("full",)),
    "set_channel": Command("set_channel", ("channel",)),
    "close_channel": Command("close_channel", ("channel",)),
    "pause": Command("pause", ()),
    "resume": Command("resume", ()),
    "adjust_deadline": Command("adjust_deadline", ("seconds",)),
    "set_warning": Command("set_warning", ("seconds",)),
    "set_review": Command("set_review", ("on",)),
    "set_bot_takeover": Command("set_bot_takeover", ("personalities",)),
    "amend_order": Command("amend_order", ("power", "index", "order", "rationale")),
    "edit_world": Command("edit_world", ("edit", "rationale")),
    "inject": Command("inject", ("inject",)),
    "rollback": Command("rollback", ("turn",)),
    "set_stage": Command("set_stage", ("stage",), ("every_turn",)),
    "release_result": Command("release_result", ("feedback",)),
    "role_token": Command("create_role_token", ("role",), ("label",)),
    "revoke_role_token": Command("revoke_role_token", ("id",)),
    "set_brief": Command("set_brief", ("brief", "text")),
}


def run_command(match: Match, seat: str, message: dict[str, Any], now: float) -> Outcome:
    """Run a checked match command as ``seat``; the reply is the protocol's ``ok``.

    Raises ``KeyError`` for a type that is not a match command and ``MatchError`` when the
    match refuses it (nothing is recorded then).
    """
    command = MATCH_COMMANDS[message["type"]]
    options = {name: message[name] for name in command.options if name in message}
    outcome: Outcome = getattr(match, command.method)(
        seat, *(message.get(name) for name in command.fields), now, **options)
    outcome.reply = {"type": "ok", "of": message["type"], **outcome.reply}
    return outcome


def map_reply(match: Match) -> dict[str, Any]:
    """The ``map`` reply: the match's map document and its rule parameters (public, like
    the rulebook), so a client's odds and a network bot's judgement use the match's own
    numbers rather than guessing them from a scenario it may not have."""
    return {"type": "map", "map": match.scenario.map_doc,
            "rules": rules_to_dict(match.scenario.rules)}
