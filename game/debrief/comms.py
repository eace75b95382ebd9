"""Communication statistics from the event log: chat per channel and per pair of powers,
how long members took to answer proposals, and orders that came late or not at all.

Counting conventions (the report states them too):
- a message in a channel of several powers counts once for every pair made of its sender
  and another member; public messages count for no pair;
- an answer is a member's accept or decline of a proposal naming it, timed from the
  proposal; members who never answered before the turn ended are listed as unanswered;
- a power's orders for a turn are *missing* when it gave none and was not ready when the
  turn was adjudicated, *late* when it gave orders but was still not ready then.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from game.match import PUBLIC, UMPIRE

from .record import MatchRecord

Event = dict[str, Any]


def channel_name(channel: list[str] | tuple[str, ...]) -> str:
    """'public' or 'BLU+GRN'."""
    return PUBLIC if list(channel) == [PUBLIC] else "+".join(channel)


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    messages: int
    senders: dict[str, int]   # power (or umpire) -> messages sent there


def channel_rows(record: MatchRecord) -> list[ChannelRow]:
    """Messages per channel, busiest first (ties: first used first)."""
    counts: dict[str, dict[str, int]] = {}
    for e in record.log:
        if e["type"] == "chat":
            by = counts.setdefault(channel_name(e["channel"]), {})
            by[e["seat"]] = by.get(e["seat"], 0) + 1
    rows = [ChannelRow(name, sum(by.values()), by) for name, by in counts.items()]
    return sorted(rows, key=lambda r: -r.messages)


def pair_counts(record: MatchRecord) -> dict[tuple[str, str], int]:
    """Messages between each pair of powers (pairs in scenario order; see the module)."""
    order = {p: i for i, p in enumerate(record.powers)}
    out: dict[tuple[str, str], int] = {}
    for e in record.log:
        if e["type"] != "chat" or list(e["channel"]) == [PUBLIC] or e["seat"] not in order:
            continue
        for other in e["channel"]:
            if other != e["seat"]:
                a, b = sorted((e["seat"], other), key=order.__getitem__)
                out[(a, b)] = out.get((a, b), 0) + 1
    return {pair: out[pair] for pair in combinations(record.powers, 2) if pair in out}


@dataclass(frozen=True)
class AnswerRow:
    proposal: str
    turn: int
    proposer: str
    kind: str
    member: str
    answer: str             # accepted, declined, unanswered, or why no answer was needed
    seconds: float | None   # from the proposal to the answer
    name: str = ""          # the name its terms give the pact, if any


def answer_rows(record: MatchRecord) -> list[AnswerRow]:
    """Each member's answer to each proposal naming it, and how long it took. A member who
    never answered is *unanswered* if the proposal lapsed at the end of the turn, and is
    not blamed if another member declined it or its proposer withdrew it first."""
    from game.engine.terms import pact_members

    proposals: dict[str, tuple[Event, int]] = {}
    answers: dict[tuple[str, str], Event] = {}
    closed: dict[str, str] = {}
    for e, turn in zip(record.log, record.turn_of):
        if e["type"] == "proposed":
            proposals[e["proposal"]] = (e, turn)
        elif e["type"] in ("accepted", "declined"):
            answers.setdefault((e["proposal"], e["seat"]), e)
            if e["type"] == "declined":
                closed.setdefault(e["proposal"], f"declined by {record.power_name(e['seat'])}")
        elif e["type"] == "withdrawn":
            closed.setdefault(e["proposal"], "withdrawn by its proposer")
    rows = []
    for pid, (proposed, turn) in proposals.items():
        terms = proposed.get("terms", {})
        for member in pact_members(terms):
            if member == proposed["seat"]:
                continue
            answer = answers.get((pid, member))
            rows.append(AnswerRow(
                pid, turn, proposed["seat"], str(terms.get("kind")), member,
                answer["type"] if answer else closed.get(pid, "unanswered"),
                float(answer["at"]) - float(proposed["at"]) if answer else None,
                str(terms.get("name") or "")))
    return rows


def median(values: list[float]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


@dataclass(frozen=True)
class OrdersRow:
    turn: int
    power: str
    status: str          # on time, late, missing, ready without orders
    orders: int          # orders in its last accepted set
    ready_after: float | None   # seconds from the turn's start to its last ready
    ended_by: str        # all_ready, deadline, umpire


def orders_rows(record: MatchRecord) -> list[OrdersRow]:
    """For each turn and each power still in the game: were its orders in, and in time?"""
    rows = []
    for turn in record.turns:
        start = turn.started_at
        given: dict[str, int] = {}
        ready: dict[str, tuple[bool, float]] = {}
        for e in turn.events:
            if e["type"] == "orders":
                given[e["seat"]] = len(e.get("orders", []))
            elif e["type"] == "ready":
                ready[e["seat"]] = (bool(e["ready"]), float(e["at"]))
        for p in record.powers:
            if turn.before.power(p).eliminated or p == UMPIRE:
                continue
            is_ready, at = ready.get(p, (False, None))
            if is_ready:
                status = "on time" if p in given else "ready without orders"
            else:
                status = "late" if p in given else "missing"
            rows.append(OrdersRow(turn.number, p, status, given.get(p, 0),
                                  at - start if at is not None and is_ready else None,
                                  turn.reason))
    return rows
