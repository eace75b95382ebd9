"""A turn's orders: defend what is threatened, attack where the engine's odds are good,
meet pledges and burden shares when the bot means to, move spare units to the front,
build and give.

Everything is worked out on the ``Board`` (the seat's view) and returned as canonical order
documents (RULES.md §4); the Match checks them like anyone's.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from game.engine.commitments import within

from .appraisal import (attack_size, danger, feared_at, front_runner, hostile_units,
                        outbid_to_spare)
from .board import Board
from .personality import Personality

# A defender wants the attack it fears to succeed at most this often.
SAFE_DEFENCE = 1.3       # defence strength over the feared attack (about 30% for them)
CAPITAL_WEIGHT = 1.25    # a capital is held more firmly


@dataclass
class Plan:
    """Orders being assembled; ``spare[t]`` the bot's units in t not yet given a job."""

    board: Board
    spare: np.ndarray
    need: np.ndarray | None = None
    hostile: np.ndarray | None = None
    moves: dict[tuple[int, int], int] = field(default_factory=dict)
    arrive: np.ndarray | None = None   # units planned to end each territory's turn there
    notes: list[str] = field(default_factory=list)
    shirked: set[int] = field(default_factory=set)   # engaged enemies it will not face
    # Engaged enemies it pays what it owes against and no more, leaving its larger partners
    # to carry the war (``burden_shares``).
    riding: set[int] = field(default_factory=set)

    def move(self, src: int, dst: int, n: int) -> None:
        if n <= 0:
            return
        self.moves[(src, dst)] = self.moves.get((src, dst), 0) + n
        self.spare[src] -= n
        assert self.arrive is not None
        self.arrive[src] -= n
        self.arrive[dst] += n


def guard(board: Board, t: int, feared: float) -> int:
    """Units territory t should keep against an attack of ``feared``: enough that it would
    succeed about a third of the time or less (more firmly in the capital)."""
    if feared <= 0:
        return 0
    want = feared * SAFE_DEFENCE / board.defence[t]
    if t == board.capital.get(board.me):
        want *= CAPITAL_WEIGHT
    return math.ceil(want)


def defence_needs(board: Board, pers: Personality) -> np.ndarray:
    """Units each of the bot's territories should keep (``guard``)."""
    feared = danger(board, pers.caution)
    need = np.zeros(len(board.graph))
    for t in board.territories_of(board.me).tolist():
        need[t] = guard(board, t, feared[t])
    return need


def war_targets(board: Board, declared: set[int]) -> set[int]:
    """Powers whose land the bot may enter this turn: those at war with it and those it
    declares war on (or invokes a pact against) now."""
    me = board.me
    return {q for q in board.live if q != me and board.war[me, q]} | declared


def plan_attacks(plan: Plan, pers: Personality, enemies: set[int], neutrals: bool,
                 priority_bonus: dict[int, float] | None = None,
                 feeds_no_rival: bool = False) -> list[int]:
    """Attack the most valuable territories the odds allow, most valuable first; returns the
    territories attacked. With ``feeds_no_rival`` (the balancer's reading of the race), where a
    power that would stand above the bot with the land could join the attack and capture
    it, the bot sends enough to capture it itself when it has them (``outbid_to_spare``):
    its units and the legitimacy the attack costs buy its own land, not a rival's. When it
    has not, it attacks as it would have: a partner next to the land does not always
    attack it, and the land not taken goes to no one."""
    board = plan.board
    graph = board.graph
    me = board.me
    friendly = {me} | board.allies(me)
    bonus = priority_bonus or {}
    candidates: list[tuple[float, int]] = []
    for t in range(len(graph)):
        owner = int(board.owner[t])
        if owner in friendly:
            continue
        if owner < 0 and not neutrals:
            continue
        if owner >= 0 and owner not in enemies:
            continue
        if not any(plan.spare[u] > 0 for u in graph.neighbours[t]):
            continue
        worth = float(graph.values[t]) + bonus.get(t, 0.0)
        if owner >= 0 and board.capital.get(owner) == t:
            worth += 3.0
        if owner < 0:
            worth -= 0.5      # entering neutral land costs legitimacy
        candidates.append((-worth, t))
    attacked = []
    for _, t in sorted(candidates):
        # Attack is the best defence: a source's guard against the target itself is freed.
        freed = {u: _freed(plan, u, t) for u in graph.neighbours[t]}
        sources = sorted(((float(plan.spare[u] + freed[u]), graph.sea[(u, t)], u)
                          for u in graph.neighbours[t] if plan.spare[u] + freed[u] > 0),
                         key=lambda s: (s[1], -s[0], s[2]))
        available = int(sum(s[0] for s in sources))
        if available <= 0:
            continue
        land = int(sum(s[0] for s in sources if not s[1]))
        send = attack_size(board, t, pers.attack_odds, available, land)
        if send is None:
            continue
        outbid = outbid_to_spare(board, t, pers.attack_odds) if feeds_no_rival else 0
        if outbid <= available:
            send = max(send, outbid)   # enough to capture it itself, not feed a rival
        left = send
        for have, _, u in sources:
            n = min(int(have), left)
            plan.move(u, t, n)
            left -= n
            if left == 0:
                break
        attacked.append(t)
    return attacked


# Priority a territory gains when the bot's allies fight its owner too (more when an ally
# stands next to it): allies read the same wars and pacts, so they pick the same targets.
JOINT_BONUS = 2.0
BESIDE_ALLY_BONUS = 1.0


def joint_targets(board: Board, enemies: set[int]) -> dict[int, float]:
    """Priority bonuses for attacking together: each territory of an enemy that one of the
    bot's allies is also at war with, the more when an ally's land or units are next to
    it. Deterministic, and worked out alike by every ally from what each can see (the
    signed pacts and the wars), so allies strike the same enemy in the same turn."""
    allies = sorted(board.allies(board.me))
    if not allies:
        return {}
    graph = board.graph
    beside = graph.near(np.isin(board.owner, allies) | (board.forces[:, allies] > 0).any(axis=1))
    out: dict[int, float] = {}
    for q in sorted(enemies):
        if not any(board.war[a, q] for a in allies):
            continue
        for t in board.territories_of(q).tolist():
            out[t] = JOINT_BONUS + (BESIDE_ALLY_BONUS if beside[t] else 0.0)
    return out


def engaged_enemies(board: Board) -> set[int]:
    """Enemies the bot's engaged alliances fight, that the bot is at war with."""
    index = board.index
    return {index[e] for doc in board.pacts_of(board.me, ("defensive", "offensive"))
            for e in doc["engaged_against"] if board.war[board.me, index[e]]}


def _freed(plan: Plan, u: int, t: int) -> float:
    """Guard units of u kept only against territory t's units (0 when u is not the bot's
    or nothing there threatens it)."""
    board = plan.board
    if plan.need is None or plan.hostile is None or board.owner[u] != board.me \
            or plan.hostile[t] <= 0 or plan.need[u] <= 0:
        return 0.0
    rest = guard(board, u, feared_at(board, plan.hostile, u, without=t))
    # Only units actually standing there can go.
    return float(max(0.0, min(plan.need[u] - rest, board.forces[u, board.me] - plan.spare[u])))


def owed_to(board: Board, doc: dict[str, Any], e: int) -> float:
    """What the bot owes pact ``doc`` against enemy e, as the audit reckons it: its pledge,
    or the burden share of its units, in ruleset 2 only of those within reach of e's land
    (the pledge capped at them). Owing a share, not everything, is what leaves a big member
    the rest of its army for its own aims (Olson & Zeckhauser: the big ally carries more,
    not all)."""
    me = board.me
    units = board.forces[:, me]
    pledged = doc.get("pledges", {}).get(board.me_id)
    if board.rules.ruleset == 2:
        base = float(units[within(board.graph, board.owner == e, board.rules.reach)].sum())
        return min(float(pledged), base) if pledged is not None \
            else float(doc["burden_share"]) * base
    return float(pledged) if pledged is not None else float(doc["burden_share"]) * units.sum()


# A carrier means to commit its burden share times its size over its part, up to this.
CARRY_MAX = 3.0


@dataclass(frozen=True)
class Shares:
    """The wars of its engaged pacts that the enemy did not start against the bot (ruleset
    2), split by its size in the pacts that fight them (``burden_shares``)."""

    carried: dict[int, float]   # enemies it carries the war against: its army over its part
    riding: set[int]            # enemies it pays what it owes against and no more


def burden_shares(board: Board, pers: Personality) -> Shares:
    """How the bot shares the burden of its engaged pacts' wars (ruleset 2). The alliance's
    war is a good every member enjoys whatever it adds, and every unit a member loses
    fighting is its own, paid in upkeep until then. An ally smaller than its part (its
    army under the pact members' mean) adds little to the outcome, so it sends what it owes
    and keeps the rest home: it *rides*. One at least its part has most at stake and its
    units decide the war, so it *carries* it: its spare units go to that front first.
    (Olson & Zeckhauser 1966: the small free-ride, the large carry the burden.) A war
    against an enemy that attacked the bot is its own, neither; the loyal ally carries its
    part whatever its size."""
    if board.rules.ruleset != 2:
        return Shares({}, set())
    me = board.me
    index = board.index
    size: dict[int, float] = {}
    for doc in board.pacts_of(me, ("defensive", "offensive")):
        members = [index[m] for m in doc["members"]]
        part = sum(board.army(m) for m in members) / len(members)
        for enemy_id in doc["engaged_against"]:
            e = index[enemy_id]
            if not board.war[me, e] or board.aggressor.get((min(me, e), max(me, e))) == e:
                continue   # not at war, or its own war: it was attacked
            # Its largest standing among the pacts fighting e decides.
            size[e] = max(size.get(e, 0.0), board.army(me) / part if part > 0 else 1.0)
    loyal = pers.loyalty >= 0.9
    return Shares({e: min(CARRY_MAX, max(1.0, x)) for e, x in size.items() if x >= 1 or loyal},
                  {e for e, x in size.items() if x < 1 and not loyal})


def meet_obligations(plan: Plan, pers: Personality, shares: Shares) -> None:
    """Stand enough units at engaged enemies' borders to meet each pledge or burden share
    (RULES.md §5 step 6), when the bot means to keep it; against an enemy whose war it
    carries, that times its size over its part (``burden_shares``)."""
    board = plan.board
    index = board.index
    graph = board.graph
    assert plan.arrive is not None
    for doc in board.pacts_of(board.me, ("defensive", "offensive")):
        for enemy_id in doc["engaged_against"]:
            e = index[enemy_id]
            if not board.war[board.me, e]:
                continue
            required = owed_to(board, doc, e) * shares.carried.get(e, 1.0)
            if required <= 0:
                continue
            zone = graph.near(board.owner == e)
            committed = float(plan.arrive[zone].sum())
            # Whole units, and one more for a loyal ally: a battle lost on the way costs some.
            short = math.ceil(required) + (1 if pers.loyalty >= 0.9 else 0) - committed
            if short <= 0:
                continue
            spare_total = float(plan.spare[~zone].sum())
            # A half-hearted ally shirks a commitment that would take most of its spare units.
            if pers.loyalty < 0.5 and short > 0.3 * spare_total:
                plan.notes.append(f"shirks {doc['id']} against {enemy_id}")
                plan.shirked.add(e)
                continue
            friendly = np.isin(board.owner, [board.me, *board.allies(board.me)])
            short = _send(plan, zone, friendly, short, plan.spare)
            if short > 0 and pers.loyalty >= 0.9:
                # The loyal ally thins its own guard rather than fall short (entrapment's
                # price): everything but one unit per territory may go.
                short = _send(plan, zone, friendly, short, np.maximum(0.0, plan.arrive - 1))


def hold_back(plan: Plan, shares: Shares, enemies: set[int]) -> None:
    """A rider keeps home what it does not owe: spare units (beyond its guard) that stand
    next to an enemy it rides against, beyond what it owes there, step back into its own
    land out of every enemy's reach. Its partners carry the war; every unit it leaves on
    that front is one it pays for and may lose (Olson & Zeckhauser: the small free-ride)."""
    board = plan.board
    graph = board.graph
    assert plan.arrive is not None
    facing = graph.near(np.isin(board.owner, sorted(enemies))) if enemies else \
        np.zeros(len(graph), bool)
    home = (board.owner == board.me) & ~facing
    for e in sorted(shares.riding):
        owed = sum(owed_to(board, doc, e)
                   for doc in board.pacts_of(board.me, ("defensive", "offensive"))
                   if board.ids[e] in doc["engaged_against"])
        zone = graph.near(board.owner == e)
        excess = float(plan.arrive[zone].sum()) - math.ceil(owed)
        for u in np.flatnonzero(zone & (plan.spare > 0)).tolist():
            if excess <= 0:
                break
            steps = [v for v in graph.neighbours[u] if home[v] and not graph.sea[(u, v)]]
            if not steps:
                continue
            n = int(min(plan.spare[u], excess))
            plan.move(u, min(steps), n)
            excess -= n


def _send(plan: Plan, zone: np.ndarray, friendly: np.ndarray, short: float,
          pool: np.ndarray) -> float:
    """Move up to ``short`` units from ``pool`` one step into the zone; returns what is
    still short."""
    graph = plan.board.graph
    pool = pool.copy()
    for u in np.flatnonzero((pool > 0) & ~zone).tolist():
        steps = [v for v in graph.neighbours[u] if zone[v] and friendly[v]]
        if not steps:
            continue
        n = int(min(pool[u], plan.board.forces[u, plan.board.me], math.ceil(short)))
        if n <= 0:
            continue
        plan.move(u, steps[0], n)
        plan.spare[u] = max(0.0, plan.spare[u])
        short -= n
        if short <= 0:
            break
    return short


def advance(plan: Plan, goals: np.ndarray) -> None:
    """Move spare units one step towards the nearest goal (the front), through the bot's
    own and allies' land."""
    board = plan.board
    graph = board.graph
    friendly = np.isin(board.owner, [board.me, *board.allies(board.me)])
    dist = np.full(len(graph), 10**6)
    queue: deque[int] = deque()
    for t in np.flatnonzero(goals).tolist():
        dist[t] = 0
        queue.append(t)
    while queue:
        t = queue.popleft()
        for u in graph.neighbours[t]:
            if friendly[u] and dist[u] > dist[t] + 1:
                dist[u] = dist[t] + 1
                queue.append(u)
    for u in np.flatnonzero(plan.spare > 0).tolist():
        if dist[u] == 0 or dist[u] >= 10**6:
            continue
        steps = [v for v in graph.neighbours[u] if friendly[v] and dist[v] < dist[u]]
        if steps:
            plan.move(u, min(steps, key=lambda v: (dist[v], v)), int(plan.spare[u]))


def builds(board: Board, need: np.ndarray, arrive: np.ndarray, budget: int,
           front: np.ndarray, front_only: bool = False) -> list[dict[str, Any]]:
    """Raise units where defence falls short first, then on the front, then in the capital;
    with ``front_only`` (a war it carries), nowhere else: a unit raised far from that war
    would march for turns to reach it, so the money waits for the next turn instead."""
    if budget <= 0:
        return []
    rules = board.rules
    cost = rules.build_cost * (2 if board.legitimacy[board.me] < rules.crisis else 1)
    if cost <= 0:
        cost = 1
    graph = board.graph
    capital = board.capital.get(board.me)
    order = []
    for t in board.territories_of(board.me).tolist():
        short = max(0.0, need[t] - arrive[t])
        order.append((-short, not front[t], t != capital, t))
    order.sort()
    out = []
    for short, behind, _, t in order:
        if budget < cost:
            break
        if front_only and short == 0 and behind:
            break
        terr = graph.territories[t]
        cap = terr.value + (rules.capital_build_bonus if t == capital else 0)
        n = min(cap, budget // cost)
        if n <= 0:
            continue
        out.append({"op": "build", "territory": terr.id, "n": int(n)})
        budget -= n * cost
    return out


def orders_for(board: Board, pers: Personality, declared: set[int], neutral_ok: bool,
               budget: int) -> tuple[list[dict[str, Any]], list[str]]:
    """The bot's movement and economy orders for the turn, and notes on what it chose."""
    me = board.me
    graph = board.graph
    engaged = engaged_enemies(board)
    shares = burden_shares(board, pers)
    if (engaged and pers.loyalty >= 0.9) or shares.carried:
        # A loyal ally at war for its partners, or a large one carrying its alliance's war,
        # trusts its quiet borders more, to free units for the front its pacts fight on.
        pers = replace(pers, caution=pers.caution / 2)
    need = defence_needs(board, pers)
    if shares.riding:
        # A rider counts its partners' units standing in its land on that front as part of
        # its guard there: the alliance's umbrella is what it rides on.
        partners = sorted(board.allies(me))
        sheltered = graph.near(np.isin(board.owner, sorted(shares.riding))) & (board.owner == me)
        if partners:
            shelter = board.forces[:, partners].sum(axis=1)
            need = np.where(sheltered, np.maximum(0.0, need - shelter), need)
    units = board.forces[:, me]
    own = board.owner == me
    spare = np.where(own, np.maximum(0.0, units - need), units)
    spare = np.floor(spare)
    plan = Plan(board, spare, need=need, hostile=hostile_units(board, pers.caution),
                arrive=units.copy())
    enemies = war_targets(board, declared)
    # Reinforce threatened territories from neighbours with units to spare.
    for t in np.argsort(-(need - units), kind="stable").tolist():
        short = need[t] - plan.arrive[t]
        if short <= 0 or not own[t]:
            continue
        for u in graph.neighbours[t]:
            if plan.spare[u] > 0 and not graph.sea[(u, t)]:
                n = int(min(plan.spare[u], math.ceil(short)))
                plan.move(u, t, n)
                short -= n
                if short <= 0:
                    break
    # A rider takes no land from the enemy its partners fight: it lets them pay in battle.
    # But not paying more than its share of the common war is no reason to leave the land
    # of the power heading for the win untaken where it lies open to the rider's spare
    # units: every territory of the leader's it takes brings its own score up and the
    # leader's down, which no partner's battle does for it.
    lead = front_runner(board)
    restrained = shares.riding - {lead}
    plan_attacks(plan, pers, enemies - restrained, neutral_ok, joint_targets(board, enemies),
                 feeds_no_rival=pers.feeds_no_rival)
    meet_obligations(plan, pers, shares)
    hold_back(plan, shares, enemies)
    plan.riding = shares.riding
    # The front: territories next to land the bot could take or must watch.
    friendly = np.isin(board.owner, [me, *board.allies(me)])
    # An enemy whose war the bot shirks, or leaves its partners to carry, is not a front it
    # marches to.
    away = plan.shirked | plan.riding
    fronts = sorted(enemies - away)
    hostile = np.isin(board.owner, fronts) if fronts else np.zeros(len(graph), bool)
    if neutral_ok:
        hostile |= (board.owner < 0)
    unbound = (~friendly & ~np.isin(board.owner, sorted(board.bound(me) | away))
               & (board.owner >= 0))
    goals = graph.near(hostile) & friendly
    carried = graph.near(np.isin(board.owner, sorted(shares.carried))) & friendly
    if carried.any():
        goals = carried   # the war it carries comes first
    if not goals.any():
        goals = graph.near(unbound) & friendly
    advance(plan, goals)
    orders: list[dict[str, Any]] = [
        {"op": "move", "from": graph.ids[s], "to": graph.ids[d], "n": int(n)}
        for (s, d), n in plan.moves.items() if n > 0]
    orders += builds(board, need, plan.arrive, int(budget), goals, front_only=bool(carried.any()))
    return orders, plan.notes
