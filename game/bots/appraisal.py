"""Reading the board: strengths, borders, threats (balancing's "power, proximity, offensive
posture" and the record of breaches, after Walt's balance of threat) and the engine's odds.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from game.engine import Odds, Rules, odds
from game.engine.endturn import score_against_par

from .board import Board


@lru_cache(maxsize=65536)
def _odds(rules: Rules, attackers: int, defenders: int, attack_factor: float,
          defence_factor: float) -> Odds:
    return odds(rules, attackers, defenders, attack_factor=attack_factor,
                defence_factor=defence_factor)


def attack_odds(board: Board, attackers: int, t: int, *, amphibious_share: float = 0.0,
                extra_defenders: float = 0.0) -> Odds:
    """The engine's odds of ``attackers`` units taking territory ``t`` as the board shows it
    (its owner's units and friends', or its neutral garrison), with ``extra_defenders``
    the reinforcements the bot fears. A share of the attackers crossing the sea fights at
    the amphibious rate."""
    rules = board.rules
    defenders = _defenders(board, t) + extra_defenders
    factor = 1.0 - amphibious_share * (1.0 - rules.amphibious)
    owner = int(board.owner[t])
    defence = float(board.defence[t]) if owner >= 0 or board.garrison[t] else 1.0
    return _odds(rules, int(attackers), int(round(defenders)), round(factor, 3),
                 round(defence, 3))


# Units sent beyond the fewest that reach the odds wanted.
MARGIN = 0.25


def attack_size(board: Board, t: int, odds: float, available: int,
                land: int | None = None) -> int | None:
    """The units an attacker with ``available`` next to territory t sends to take it: the
    fewest whose engine odds reach ``odds``, a quarter more for margin, at most all of
    them; None when even all of them fall short. ``land`` of them come by land and go
    first, the rest cross the sea (all by land when not given)."""
    land = available if land is None else land

    def good(n: int) -> bool:
        sea_share = max(0, n - land) / n   # land units go first, the rest by sea
        return attack_odds(board, n, t, amphibious_share=sea_share).p_win >= odds

    if available <= 0 or not good(available):
        return None
    # The fewest units that reach the odds: the odds only grow with the units sent.
    low, needed = 0, available
    while needed - low > 1:
        mid = (low + needed) // 2
        if good(mid):
            needed = mid
        else:
            low = mid
    return min(available, needed + math.ceil(MARGIN * needed))


def _defenders(board: Board, t: int) -> float:
    owner = int(board.owner[t])
    if owner < 0:
        return float(board.garrison[t])
    # The owner's units and those of powers not at war with it (guests, allies).
    at_peace = ~board.war[owner]
    return float(board.forces[t][at_peace].sum())


def strength(board: Board, p: int) -> float:
    """A power's weight: its army (the public total in ruleset 2, else the units the bot
    can see) plus its income (next turns' units)."""
    return board.army(p) + float(board.value(p))


def border(board: Board, p: int, q: int) -> int:
    """How many edges join a territory of p to a territory of q."""
    src, dst = board.graph.edge_src, board.graph.edge_dst
    return int(np.count_nonzero((board.owner[src] == p) & (board.owner[dst] == q)))


def contact(board: Board, p: int, q: int) -> bool:
    """Whether p and q can fight: land or units of one next to (by land or sea) or in land
    or units of the other, as far as the board shows."""
    theirs = (board.owner == q) | (board.forces[:, q] > 0)
    mine = (board.owner == p) | (board.forces[:, p] > 0)
    return bool((board.graph.near(mine) & theirs).any())


def posture(board: Board, q: int, p: int) -> float:
    """Units q keeps next to p's territories, against p's units there (offensive posture)."""
    mine = board.owner == p
    near = board.graph.near(mine) & ~mine
    theirs = float(board.forces[near, q].sum())
    ours = float(board.forces[mine, p].sum())
    return theirs / max(1.0, ours)


def wars_started(board: Board, q: int) -> int:
    """The wars going on that q started (its aggressive intentions, as the board shows)."""
    return sum(1 for a in board.aggressor.values() if a == q)


def threats(board: Board, p: int | None = None) -> dict[int, float]:
    """How threatening each other live power is to p (the bot, by default): relative
    strength, proximity, offensive posture, aggression and a record of broken promises."""
    p = board.me if p is None else p
    mine = max(1.0, strength(board, p))
    borders = {q: border(board, p, q) for q in board.live if q != p}
    widest = max(borders.values(), default=0) or 1
    out: dict[int, float] = {}
    for q, shared in borders.items():
        aggression = wars_started(board, q)
        score = (strength(board, q) / mine
                 + shared / widest
                 + posture(board, q, p)
                 + (1.0 if board.war[p, q] else 0.0)
                 + 0.5 * aggression
                 + (1.0 - board.credibility[q] / 100.0))
        if not shared and not board.war[p, q]:
            score *= 0.5   # far away: a threat to others first
        out[q] = score
    return out


def greatest_threat(board: Board, p: int | None = None) -> int | None:
    """The power p (the bot, by default) has most to fear (``threats``), leaving out its
    allies (a counterweight, not a danger) and the powers that have promised it peace in a
    non-aggression pact: those can attack it only by a breach, so while the promise holds
    the danger is the strongest power free to attack (Walt: intentions count). A balancer
    that feared its non-aggression partner looked for shields against it, where it should
    be building one with it against a bloc that has made no such promise. A truce after a
    war is not such a promise: that power has just shown what it intends."""
    p = board.me if p is None else p
    promised = {board.index[m] for doc in board.pacts_of(p, ("non_aggression",))
                for m in doc["members"]}
    scores = threats(board, p)
    bound = board.allies(p) | promised
    candidates = [(s, -q, q) for q, s in scores.items() if q not in bound]
    return max(candidates)[2] if candidates else None


def standing(board: Board, p: int, gain: int = 0) -> float | None:
    """p's score against par were the game to end now (RULES.md §11.1, by the engine's
    arithmetic; objectives left out, which the view does not carry), with land of value
    ``gain`` more, or None where the seat knows no par (ruleset 1)."""
    if board.par is None:
        return None
    return float(score_against_par(board.value(p) + gain, board.par[p], board.credibility[p],
                                   0))


def front_runner(board: Board) -> int | None:
    """The power heading for the win: the best standing of the live powers (ties: scenario
    order), or None where the seat knows no par."""
    if board.par is None or not board.live:
        return None
    return max(board.live, key=lambda q: (standing(board, q) or 0.0, -q))


def leader_ahead(board: Board) -> int | None:
    """The front runner when it is another power and its standing is above the bot's: the
    power a balancer checks (None where the seat knows no par, or leads itself)."""
    me = board.me
    lead = front_runner(board)
    if lead is None or lead == me \
            or not (standing(board, lead) or 0.0) > (standing(board, me) or 0.0):
        return None
    return lead


def rival_bid(board: Board, t: int, rival: int, odds: float) -> int:
    """The units ``rival`` would send into territory t this turn beside the bot's attack, as
    the board shows them: the units a careful attacker of its units next to t (by land or
    sea) sends to take it alone at ``odds`` (``attack_size``; a co-attacker plans its own
    attack, not a share of the bot's). Counted when the rival is the bot's ally (allies
    strike the same targets in the same turn) or already at war with t's owner; 0
    otherwise, as when even all its units there fall short: a power that merely stands next
    to t keeps its units home as often as not."""
    owner = int(board.owner[t])
    if owner == rival or not (rival in board.allies(board.me)
                              or (owner >= 0 and board.war[rival, owner])):
        return 0
    near = int(board.forces[list(board.graph.neighbours[t]), rival].sum())
    return attack_size(board, t, odds, near) or 0


def to_outbid(board: Board, rival: int, bid: int) -> int:
    """The fewest units the bot must send to a territory the rival attacks with ``bid`` so
    that the bot, not the rival, captures it (RULES.md §3, capture: the most surviving
    units, ties by the most sent, then power order; losses fall on the attackers in
    proportion, so the most sent survive the most)."""
    if bid <= 0:
        return 0
    return bid + (1 if rival < board.me else 0)


def outbid_to_spare(board: Board, t: int, odds: float) -> int:
    """The fewest units the bot must send into territory t so that no power that may join
    its attack (``rival_bid``) and would stand above the bot with t's land captures it: 0
    when there is none. Where a win is the top score, a joint attack that hands such a
    power the land spends the bot's units and legitimacy to grow the power ahead of it
    (bandwagoning, where a balancer checks the leader)."""
    if board.par is None:
        return 0
    mine = standing(board, board.me) or 0.0
    gain = int(board.graph.values[t])
    need = 0
    for q in board.live:
        if q == board.me or (standing(board, q, gain) or 0.0) <= mine:
            continue
        need = max(need, to_outbid(board, q, rival_bid(board, t, q, odds)))
    return need


def side_strength(board: Board, powers: set[int]) -> float:
    return sum(strength(board, q) for q in powers)


def within_reach(board: Board, q: int, p: int | None = None) -> bool:
    """Some land of q is at most two steps from the land or units of p (the bot, by
    default): p's army could stand by q in time to count (ruleset 2's reach of 2)."""
    p = board.me if p is None else p
    mine = (board.owner == p) | (board.forces[:, p] > 0)
    near = board.graph.near(board.graph.near(mine))
    return bool((near & (board.owner == q)).any())


def defenders_of(board: Board, q: int, attacker: int) -> set[int]:
    """q and the powers its defensive pacts would bring into a war the attacker starts, of
    those that can reach q or the attacker (a guarantor that can reach neither fights a
    war it cannot wage: Leeds 2003, a pact deters when the ally can come to the target's
    defence)."""
    out = {q}
    a_id = board.ids[attacker]
    for doc in board.pacts_of(q, ("defensive",)):
        if a_id in doc["members"] or (doc.get("against") and a_id not in doc["against"]):
            continue
        out |= {m for m in (board.ids.index(m_id) for m_id in doc["members"])
                if m == q or within_reach(board, q, m) or within_reach(board, attacker, m)}
    return out


def hostile_units(board: Board, caution: float) -> np.ndarray:
    """The units in each territory the bot must reckon with: enemies' at war in full, other
    unbound powers' in part (``caution``). Neutral garrisons never move."""
    me = board.me
    bound = board.allies(me)
    weight = np.array([0.0 if q == me or q in bound else
                       (1.0 if board.war[me, q] else caution) for q in range(len(board.ids))])
    return board.forces @ weight


def feared_at(board: Board, hostile: np.ndarray, t: int, without: int | None = None) -> float:
    """The attack territory t may face next turn: the largest hostile stack next to it
    plus a quarter of all of them (leaving out the neighbour ``without``, which the bot is
    attacking: its units will be fighting there, not here)."""
    near = [hostile[u] for u in board.graph.neighbours[t] if u != without]
    return float(max(near, default=0.0) + 0.25 * sum(near))


def danger(board: Board, caution: float) -> np.ndarray:
    """The attack each territory of the bot may face next turn (``feared_at``)."""
    hostile = hostile_units(board, caution)
    out = np.zeros(len(board.graph))
    for t in board.territories_of(board.me).tolist():
        out[t] = feared_at(board, hostile, t)
    return out
