"""Bot seats of a Match: ``play_bot_seats(match, now)`` makes every BOT seat act in the
current planning phase, through the same commands a person's client sends.

Called by the host (server/bot_seats.py) and the hot-seat table (LocalHost.run_bots) after
every command and every turn, so it is idempotent: a bot that has given its orders this
phase only answers proposals that are new to it. A refused command (MatchError) is skipped,
never raised: bots must not stop the humans' game.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from game.match import BOT, ORDERS, PLANNING, Match, MatchError, Outcome

from .baselines import baseline_orders
from .decide import Decision, Seen, answers, bot_seed, decide, pars_in
from .personality import BASELINES, DEFAULT_PERSONALITY, TABLE, TEST_PLAYERS

log = logging.getLogger("casus.bots")


def seen_by(match: Match, power: str,
            history: dict[str, list[dict[str, Any]]] | None = None) -> Seen:
    """What the seat of ``power`` sees now: its view, the proposals that name it (the
    same things its snapshot carries over the network) and those of earlier turns."""
    past = (history if history is not None else past_proposals(match)).get(power, [])
    return Seen(power=power, view=match.seat_view(match.state, power),
                graph=match.scenario.map, rules=match.scenario.rules, power_ids=match.powers,
                proposals=match.visibility.proposals_for(power),
                seed=bot_seed(match.match_id),
                names={p.id: p.name for p in match.scenario.powers},
                history=past, pars=pars_in(match.public_powers()))


def past_proposals(match: Match) -> dict[str, list[dict[str, Any]]]:
    """Per power, the proposals of earlier turns naming it, as they ended (status and
    turn), read from the match's log: what a seat was told of them as they happened, so a
    bot remembers a refusal across turns and across a host restart alike."""
    turn = match.states[0].turn if match.states else match.turn
    found: dict[str, dict[str, Any]] = {}
    for event in match.log:
        kind = event.get("type")
        if kind == "proposed":
            terms = event.get("terms") or {}
            members = terms["members"] if "members" in terms else [
                m for side in terms.get("sides", []) for m in side]
            found[event["proposal"]] = {"id": event["proposal"], "proposer": event["seat"],
                                        "terms": terms, "members": list(members),
                                        "turn": turn, "status": "open"}
        elif kind in ("declined", "withdrawn") and event.get("proposal") in found:
            found[event["proposal"]]["status"] = kind
            if kind == "declined":      # members are told who declined (``by``)
                found[event["proposal"]]["by"] = event["seat"]
        elif (kind == "adjudicated" and not event.get("review")) \
                or kind == "result_released":
            turn += 1
    out: dict[str, list[dict[str, Any]]] = {}
    for p in found.values():
        if p["turn"] < match.turn:
            for m in p["members"]:
                out.setdefault(m, []).append(p)
    return out


def _try(outcomes: list[Outcome], command: Callable[[], Outcome]) -> Outcome | None:
    try:
        outcome = command()
    except MatchError as err:
        log.debug("a bot's command was refused: %s", err)
        return None
    outcomes.append(outcome)
    return outcome


def style_of(match: Match, power: str) -> str:
    """The seat's personality; a name this version does not know (a log from another
    version) plays as the default rather than stopping the bot."""
    style = match.seats[power].personality
    return style if style in TABLE or style in TEST_PLAYERS else ""


def _bot_name(personality: str) -> str:
    return f"{personality or DEFAULT_PERSONALITY} bot"


def play_bot_seats(match: Match, now: float) -> list[Outcome]:
    """Let every bot seat act in this planning phase; returns what they did."""
    outcomes: list[Outcome] = []
    if match.phase != PLANNING:
        return outcomes
    turn = match.turn
    bots = [p for p, seat in match.seats.items()
            if seat.kind == BOT and not match.state.power(p).eliminated]
    for power in bots:
        if not match.seats[power].occupied:
            _try(outcomes, lambda: match.join(power, now, name=_bot_name(
                match.seats[power].personality)))
    acting = [p for p in bots if not match.ready.get(p) and p not in match.orders
              and match.stage == ORDERS]
    decisions: dict[str, Decision | list[dict[str, Any]]] = {}
    history = past_proposals(match) if acting else None
    for power in acting:
        style = style_of(match, power)
        if style in BASELINES:
            decisions[power] = baseline_orders(style, match.state, power,
                                               bot_seed(match.match_id))
            continue
        decision = decide(seen_by(match, power, history), style)
        decisions[power] = decision
        for offer in decision.offers:
            if _try(outcomes, lambda: match.propose(power, offer.terms, now)) is not None:
                channel = [power, *offer.to]
                _try(outcomes, lambda: match.send_chat(power, channel, offer.say, now))
        for line in decision.chat:
            _try(outcomes, lambda: match.send_chat(power, "public", line, now))
    _answer_all(match, bots, now, outcomes)
    for power in acting:
        if match.turn != turn or match.phase != PLANNING:
            break           # the last bot's ready ended the turn
        decided = decisions[power]
        orders = decided if isinstance(decided, list) else decided.orders
        _try(outcomes, lambda: match.submit_orders(power, orders, now))
        _try(outcomes, lambda: match.set_ready(power, True, now))
    return outcomes


def _answer_all(match: Match, bots: list[str], now: float, outcomes: list[Outcome]) -> None:
    """Every bot answers the open proposals naming it; a decline comes with its reason."""
    history: dict[str, list[dict[str, Any]]] | None = None
    for power in bots:
        style = style_of(match, power)
        if style in BASELINES or match.phase != PLANNING:
            continue
        if not any(p.status == "open" and power in p.members and power not in p.accepted
                   for p in match.proposals.values()):
            continue          # nothing to answer: skip building its view
        if history is None:
            history = past_proposals(match)
        seen = seen_by(match, power, history)
        for reply in answers(seen, style):
            proposer = match.proposals[reply.proposal].proposer
            if reply.accept:
                _try(outcomes, lambda: match.accept(power, reply.proposal, now))
            else:
                if _try(outcomes, lambda: match.decline(power, reply.proposal, now)):
                    _try(outcomes, lambda: match.send_chat(power, [power, proposer],
                                                           reply.say, now))
