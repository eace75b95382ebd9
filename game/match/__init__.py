"""One match's life, with no network, no asyncio and no clock (docs/ARCHITECTURE.md).

Hot-seat play drives a ``Match`` in-process; the server puts the same ``Match`` behind the
websocket protocol. ``now`` is any number of seconds the caller chooses (the server uses
the Unix epoch); deadlines are compared with it and nothing else.

    match, umpire_token = Match.create(scenario, match_id="m1", now=0.0,
                                       settings=MatchSettings(seed=7, fog=True, deadline=None))
    token = match.join("RED", now=1.0, name="Ada").reply["token"]
    match.send_chat("RED", ["RED", "BLU"], "a word in private", now=2.0)
    pid = match.propose("RED", {"kind": "defensive", "members": ["RED", "BLU"]}, 3.0).reply["proposal"]
    match.accept("BLU", pid, now=4.0)                  # signed: all members accepted
    checked = match.submit_orders("RED", [...], now=5.0).reply   # accepted, rejected, signed
    outcome = match.set_ready("RED", True, now=6.0)    # adjudicates once every seat is ready
    match.tick(now=7.0)                                # adjudicates if the deadline passed
    match.snapshot("RED")                              # all RED may see: view, own orders,
                                                       # chat, proposals, last report
    same = Match.replay(match.log)                     # the log is the match

Workshop mode (docs/WORKSHOP.md) adds teams (``join_team``, ``sign_off``),
observer and analyst seats (``create_role_token``), channels and stages, the umpire's
clock, review before release, edits of the world, injects, ``rollback``, ``fork`` and
``dashboard``, and the players' ``state_intent`` and ``note_insight``.

Every command returns an ``Outcome``: ``reply`` for the caller and ``pushes``, each a
``Push`` with the ``seats`` it is for (power ids, member ids, ``"spectator"``,
``"observer"``, ``"analyst"``, ``"umpire"``) and its ``message``. A refused command raises
``MatchError`` (``code``, ``message``) and records nothing.
"""

from game.world_edits.injects import INJECT_KINDS, inject_problems

from .channels import CHANNEL_KINDS, NEGOTIATION, ORDERS, STAGES, Channel
from .errors import MATCH_ERROR_CODES, MatchError
from .match import Match, MatchSettings
from .outcome import Outcome, Push
from .phases import OVER, PLANNING, REVIEW
from .channels import PUBLIC
from .planning import ChatMessage, Proposal
from .roles import ANALYST, OBSERVER
from .seats import BOT, EMPTY, HUMAN, SPECTATOR, UMPIRE, Seat

__all__ = [
    "MATCH_ERROR_CODES", "MatchError", "OVER", "PLANNING", "REVIEW", "Match",
    "MatchSettings", "Outcome", "Push", "PUBLIC", "ChatMessage", "Proposal", "BOT", "EMPTY",
    "HUMAN", "SPECTATOR", "UMPIRE", "Seat", "ANALYST", "OBSERVER", "CHANNEL_KINDS",
    "NEGOTIATION", "ORDERS", "STAGES", "Channel", "INJECT_KINDS", "inject_problems",
]
