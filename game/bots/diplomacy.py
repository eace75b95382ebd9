"""Pacts and war: whom to declare war on, which pacts to propose, how to answer proposals,
when to invoke, withdraw, break or seek peace, and the one line of chat that explains it.

Each choice weighs the bot's personality against the board: threats (balancing), the
strong and the weak (bandwagoning), and partners' credibility and wars (the risks of
entrapment and abandonment, Snyder 1984).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Collection, Sequence

import numpy as np

from game.engine.diplomacy import aggression_cost

from .appraisal import attack_odds, border, contact, defenders_of, front_runner, greatest_threat, \
    leader_ahead, side_strength, strength, threats, wars_started, within_reach
from .board import Board
from .conduct import OffLimits, declined_strikes, duplicate, refused_lately, terms_key
from .personality import ALONE, BALANCE, BANDWAGON, FAITHFUL, Personality

# Keep this much legitimacy above the crisis line after the cost of aggression.
LEGITIMACY_MARGIN = 12
# A war on a power an ally already fights is worth this much more (attack together).
JOIN_ALLY = 1.5
# A power no guarantor can reach is worth this much more as a target than a covered one:
# nobody comes to its defence (Leeds 2003's deterrence, seen from the challenger's side).
ISOLATED = 2.0
# A bot of at least this loyalty makes no separate peace while a partner fights on: having
# answered the call (it could have declined), it does not walk out of the war a turn later.
STAND_BY_PARTNERS = 0.5


@dataclass(frozen=True)
class Answer:
    proposal: str
    accept: bool
    say: str          # the one-line explanation (always given on a decline)


@dataclass(frozen=True)
class Offer:
    terms: dict[str, Any]
    to: tuple[str, ...]
    say: str


def name(board: Board, p: int, names: dict[str, str]) -> str:
    pid = board.ids[p]
    return names.get(pid, pid)


def takeable(board: Board, pers: Personality, q: int) -> float:
    """Value of q's territories next to the bot that its units nearby could take at the
    odds it wants (a quick look, before the real plan)."""
    me = board.me
    graph = board.graph
    # The bot's units stand in its own land and, by basing rights, in its allies'.
    based = set([me, *board.allies(me)])
    total = 0.0
    for t in board.territories_of(q).tolist():
        near = sum(board.forces[u, me] for u in graph.neighbours[t]
                   if int(board.owner[u]) in based)
        if near <= 0:
            continue
        if attack_odds(board, int(near * 0.6), t).p_win >= pers.attack_odds:
            total += float(graph.values[t]) + (3.0 if board.capital.get(q) == t else 0.0)
    return total


def choose_war(board: Board, pers: Personality, rng: np.random.Generator,
               names: dict[str, str]) -> tuple[list[dict[str, Any]], set[int], list[str]]:
    """At most one new war a turn: by invoking an offensive pact against its target when the
    bot has one, else by declaring war on the neighbour whose land it can best take, when
    its appetite, legitimacy and the neighbour's friends allow. Returns the orders, the
    powers it goes to war with and chat lines for the public channel."""
    me = board.me
    rules = board.rules
    appetite = pers.war_appetite
    last_turns = rules.max_turns and board.turn >= rules.max_turns - 1
    if last_turns and appetite > 0:
        # Legitimacy is not scored: in the last turns only land counts.
        appetite = max(appetite, 0.8)

    def affordable(together: bool) -> bool:
        cost = aggression_cost(rules, together)
        # The margin covers the turns of war to come; a war fought together costs half as
        # much a turn where it also costs less to start (ruleset 2), so half the margin.
        margin = 0 if last_turns else (
            LEGITIMACY_MARGIN // 2 if cost < rules.aggression_cost else LEGITIMACY_MARGIN)
        return board.legitimacy[me] - cost >= rules.crisis + margin

    # A war fought together may cost less than one fought alone (ruleset 2).
    if appetite <= 0 or not (affordable(True) or affordable(False)):
        return [], set(), []
    at_war = [q for q in board.live if board.war[me, q]]
    called = call_in(board, names)
    if called[0]:
        return called
    if len(at_war) >= 2:
        return [], set(), []
    # A cautious bot at war starts no war of its own, but may still join its coalition's
    # where the rules make a war fought together the cheaper one (ruleset 2): its partners
    # fight beside it, and the war costs it less at home.
    together_only = bool(at_war) and appetite < 0.6
    if together_only and not aggression_cost(rules, True) < aggression_cost(rules, False):
        return [], set(), []
    bound = board.bound(me)
    allies = board.allies(me)
    best: tuple[float, int] | None = None
    for q in board.live:
        if q == me or board.war[me, q] or q in allies:
            continue
        prey = pers.loyalty < 0.5 and strength(board, q) < 0.6 * strength(board, me)
        if q in bound and not prey:
            continue
        together = strike_on(board, q) is not None or partners_fighting(board, q)
        if (together_only and not together) or not affordable(together):
            continue
        gain = takeable(board, pers, q)
        if gain <= 0:
            continue
        # The bot's side against q with the guarantors who can reach the fight (a distant
        # one cannot come to q's defence, so it deters no one). A covered power
        # is a worse bet than an isolated one of the same size (deterrence, Leeds 2003), so
        # prey is the power that stands alone.
        mine = side_strength(board, {me} | allies)
        guard = defenders_of(board, q, me)
        theirs = side_strength(board, guard)
        if theirs > mine * (1.0 + appetite):
            continue
        # Land within reach, weighed by how much stronger the bot's side is than the
        # victim's (its defensive allies included) and by the appetite for war.
        score = gain * appetite * mine / max(1.0, theirs)
        if guard == {q}:
            score *= ISOLATED   # no guarantor can reach it: the safest prey
        if any(board.war[a, q] for a in allies):
            score *= JOIN_ALLY   # strike together: an ally is already fighting it
        if score >= 1.0 and (best is None or score > best[0]):
            best = (score, q)
    if best is None:
        return [], set(), []
    q = best[1]
    doc = strike_on(board, q)
    if doc is not None:
        return ([{"op": "invoke", "pact": doc["id"]}], {q},
                [f"We invoke {doc.get('name') or doc['id']}: "
                 f"{name(board, q, names)} has it coming."])
    return ([{"op": "declare_war", "target": board.ids[q]}], {q},
            [f"{name(board, q, names)} leaves us no choice: we are at war."])


def strike_on(board: Board, q: int) -> dict[str, Any] | None:
    """The bot's offensive pact against q it would invoke: one with a partner that can
    reach q (calling one that cannot is entrapment in a war it can neither fight nor
    honour)."""
    for doc in board.pacts_of(board.me, ("offensive",)):
        if doc.get("target") == board.ids[q] and any(
                within_reach(board, q, board.ids.index(m))
                for m in doc["members"] if m != board.me_id):
            return doc
    return None


def call_in(board: Board, names: dict[str, str]
            ) -> tuple[list[dict[str, Any]], set[int], list[str]]:
    """Invoke an offensive pact against a power the bot already fights when a partner who
    can reach it is not yet at war with it: a coalition that has agreed to strike wins by
    striking together, not one member at a time."""
    me = board.me
    for doc in board.pacts_of(me, ("offensive",)):
        q = board.ids.index(doc["target"]) if doc.get("target") in board.ids else None
        if q is None or not board.war[me, q] or board.eliminated[q]:
            continue
        idle = [board.ids.index(m) for m in doc["members"] if m != board.me_id]
        if any(not board.war[p, q] and within_reach(board, q, p) for p in idle):
            return ([{"op": "invoke", "pact": doc["id"]}], set(),
                    [f"We invoke {doc.get('name') or doc['id']}: together against "
                     f"{name(board, q, names)}."])
    return [], set(), []


def partners_fighting(board: Board, q: int, with_me: Collection[str] = ()) -> bool:
    """A pact of the bot's is engaged against q and another member is still at war with q:
    leaving that war now would be a separate peace (a breach), and a war on q is one fought
    together (RULES.md §11.7, the engine's ``Turn.fought_together`` read from the view).
    Partners in ``with_me`` (its side of the peace being weighed) make that peace with it,
    so they do not fight on."""
    return any(
        board.ids[q] in doc["engaged_against"]
        and any(board.war[board.ids.index(m), q] for m in doc["members"]
                if m != board.me_id and m not in with_me)
        for doc in board.pacts_of(board.me, ("defensive", "offensive")))


def invoked_against(board: Board, q: int) -> bool:
    """The bot started its war with q by invoking an offensive pact: it called its partners
    into this war."""
    me = board.me
    return board.aggressor.get((min(me, q), max(me, q))) == me and any(
        board.ids[q] in doc["engaged_against"] for doc in board.pacts_of(me, ("offensive",)))


def stands_by(board: Board, pers: Personality, q: int, with_me: Collection[str] = ()) -> bool:
    """The bot makes no separate peace with q: a partner (not one of ``with_me``, who make
    the same peace) still fights q, and the bot either keeps its word (loyalty
    ``STAND_BY_PARTNERS`` or more) or called that partner in itself."""
    return partners_fighting(board, q, with_me) and (pers.loyalty >= STAND_BY_PARTNERS
                                                     or invoked_against(board, q))


def seek_peace(board: Board, pers: Personality) -> list[dict[str, Any]]:
    """Offer peace where a war goes badly, legitimacy runs low or the two sides cannot
    reach each other (a war with no contact costs legitimacy every turn and wins nothing),
    unless a loyal bot would leave a partner fighting alone (a separate peace is a
    breach)."""
    me = board.me
    out = []
    for q in board.live:
        if not board.war[me, q]:
            continue
        losing = strength(board, q) > 1.3 * strength(board, me)
        tired = board.legitimacy[me] <= pers.peace_legitimacy
        if not (losing or tired or not contact(board, me, q)):
            continue
        if stands_by(board, pers, q):
            continue
        out.append({"op": "offer_peace", "target": board.ids[q]})
    return out


def leave_pacts(board: Board, pers: Personality, names: dict[str, str]
                ) -> tuple[list[dict[str, Any]], list[str]]:
    """Withdraw from or break pacts the personality judges too costly: an engaged alliance
    against a much stronger enemy (the opportunist breaks, the lukewarm withdraw; the loyal
    stay), or, for a balancer, an alliance with the power it now fears most."""
    me = board.me
    out: list[dict[str, Any]] = []
    says: list[str] = []
    if not pers.keeps_given:
        # Stands alone: notice on every pact it is in (a withdrawal, not a breach).
        out = [{"op": "withdraw", "pact": doc["id"]}
               for doc in board.pacts_of(me, ("defensive", "offensive", "non_aggression"))
               if board.me_id not in doc.get("withdrawing", {})]
        return out, (["We stand alone: we give notice on every pact we are in."] if out else [])
    if pers.loyalty >= 0.9:
        return out, says
    fear = greatest_threat(board)
    for doc in board.pacts_of(me, ("defensive", "offensive")):
        if board.me_id in doc.get("withdrawing", {}):
            continue
        costly = any(
            board.war[me, board.ids.index(e)]
            and side_strength(board, {board.ids.index(e)}) > 1.5 * strength(board, me)
            and board.legitimacy[me] < 50
            for e in doc["engaged_against"])
        if costly:
            op = "break" if pers.loyalty < 0.5 else "withdraw"
            out.append({"op": op, "pact": doc["id"]})
            says.append(f"{doc.get('name') or doc['id']} costs us more than it protects; "
                        f"we {'leave it now' if op == 'break' else 'give notice'}.")
            continue
        if pers.alignment == BALANCE and not doc["engaged_against"]:
            # A partner grown into a greater threat than any power outside the pact, and
            # showing aggressive intentions (a war of its own starting), is no longer a
            # counterweight: the balancer gives notice. A peaceful partner next door is
            # close and strong by nature, not a danger (Walt: intentions count).
            scores = threats(board)
            partners = [board.ids.index(m) for m in doc["members"] if m != board.me_id]
            outside = scores.get(fear, 0.0) if fear is not None else 0.0
            if any(scores.get(p, 0.0) > 1.25 * outside + 0.5 and wars_started(board, p)
                   for p in partners):
                out.append({"op": "withdraw", "pact": doc["id"]})
                says.append(f"Our partner in {doc.get('name') or doc['id']} has become "
                            "the danger; we give notice.")
    return out, says


def transfers(board: Board, pers: Personality, budget: int) -> list[dict[str, Any]]:
    """A loyal or balancing bot at peace helps an ally at war with part of its treasury."""
    me = board.me
    if budget < 3 or pers.loyalty < 0.7 or any(board.war[me, q] for q in board.live):
        return []
    for q in sorted(board.allies(me)):
        if not board.eliminated[q] and board.war[q].any():
            return [{"op": "transfer", "to": board.ids[q], "amount": budget // 3}]
    return []


# --- proposals ----------------------------------------------------------------------------


def pledge(board: Board) -> int:
    """The units a loyal bot pledges to a pact it proposes: a quarter of its army."""
    return max(1, round(0.25 * board.units(board.me)))


# A shield partner with no border on the adversary owes this burden share, not the
# default: it could not stand a fifth of its army there in time, and a promise it is sure
# to miss is a breach waiting to happen (and deters no one).
DISTANT_BURDEN = 0.1
LOYAL_NOTICE = 2


def fights_beside(board: Board, q: int, enemy: int) -> bool:
    """The bot and q both border the enemy: their units would fight in the same battles."""
    return bool(border(board, board.me, enemy) and border(board, q, enemy))


def shield_terms(board: Board, q: int, fear: int) -> dict[str, Any]:
    """Terms of a balancer's shield with q against fear: public (a secret shield deters no
    one), integrated command when both would fight side by side, and a light burden for
    a partner that cannot reach the adversary."""
    terms: dict[str, Any] = {}
    if fights_beside(board, q, fear):
        terms["integrated_command"] = True
    elif not border(board, q, fear):
        terms["burden_share"] = DISTANT_BURDEN
    return terms


def strike_terms(board: Board, q: int, target: int) -> dict[str, Any]:
    """Terms of an offensive pact with q against target: secret until invoked (the target
    must not see the coalition forming and find guarantors), with integrated command when
    both border the target."""
    terms: dict[str, Any] = {"secret": True}
    if fights_beside(board, q, target):
        terms["integrated_command"] = True
    return terms


def propose(board: Board, pers: Personality, rng: np.random.Generator,
            names: dict[str, str], avoid: OffLimits = OffLimits(),
            proposals: Sequence[dict[str, Any]] = (),
            history: Sequence[dict[str, Any]] = ()) -> list[Offer]:
    """At most one proposal a turn, in the personality's style, keeping the bot's word
    (``conduct``): nothing ``avoid`` bars (with powers it attacks this turn), no duplicate
    of a pact in force or proposed this turn (``proposals``), no repeat of a proposal
    lately declined (``history``)."""
    index = board.index

    def fit(offer: Offer) -> bool:
        terms = offer.terms
        members = terms["members"] if "members" in terms else [
            m for side in terms.get("sides", []) for m in side]
        if avoid.forbids(terms.get("kind"), (index.get(m) for m in members if m != board.me_id)):
            return False
        if duplicate(board, terms_key(terms, members), list(proposals)):
            return False
        return not refused_lately(board, list(history), terms, members)

    return [o for o in _propose(board, pers, rng, names, declined_strikes(board, list(history)))
            if fit(o)][:1]


def _propose(board: Board, pers: Personality, rng: np.random.Generator,
             names: dict[str, str], declined: frozenset[int] = frozenset()) -> list[Offer]:
    me = board.me
    settle = peace_terms(board, pers, names)
    if settle:
        return settle
    if rng.random() < 0.4:          # not every turn: proposals are read by people too
        return []
    if not pers.pacts:
        return []
    live = [q for q in board.live if q != me]
    if not live:
        return []
    scores = threats(board)
    fear = greatest_threat(board)
    me_id = board.ids[me]
    allies = board.allies(me)
    credible = [q for q in live if board.credibility[q] >= pers.min_partner_credibility
                and not board.war[me, q]]
    if pers.alignment == BALANCE and fear is not None:
        return balance(board, fear, credible, names, declined)
    if pers.alignment == BANDWAGON:
        strongest = max(live, key=lambda q: (strength(board, q), -q))
        if board.war[me, strongest]:
            return []
        if pers.offensive_pacts and strongest not in allies:
            prey = [w for w in live if w != strongest and not board.war[me, w]
                    and w not in board.bound(me) and w not in board.bound(strongest)
                    and border(board, me, w) and strength(board, w) < strength(board, me)
                    and within_reach(board, w, strongest)]
            if prey:
                w = min(prey, key=lambda w: (strength(board, w), w))
                terms = {"kind": "offensive", "members": [me_id, board.ids[strongest]],
                         "target": board.ids[w], **strike_terms(board, strongest, w)}
                return [Offer(terms, (board.ids[strongest],),
                              f"{name(board, w, names)} is weak and between us; "
                              "let us share it.")]
        if strongest not in board.bound(me):
            terms = {"kind": "non_aggression", "members": [me_id, board.ids[strongest]],
                     "duration": 6}
            return [Offer(terms, (board.ids[strongest],),
                          f"We would rather be {name(board, strongest, names)}'s friend "
                          "than its neighbour.")]
        return []
    if pers.alignment == FAITHFUL:
        if allies:
            return []
        # Only partners it can reach: a promise it cannot keep is worse than none.
        pool = [q for q in credible if within_reach(board, q) and q != fear]
        if not pool:
            return []
        q = max(pool, key=lambda q: (board.credibility[q], -q))
        # The loyal ally backs its word with a number: a pledge of a quarter of its army.
        # Two turns' notice: a promise that cannot be dropped overnight is worth more.
        terms = {"kind": "defensive", "members": [me_id, board.ids[q]],
                 "pledges": {me_id: pledge(board)}, "notice": LOYAL_NOTICE}
        return [Offer(terms, (board.ids[q],),
                      f"Your word has held ({board.credibility[q]}); ours will too: "
                      f"{pledge(board)} units pledged to a defensive pact.")]
    if pers.alignment == ALONE:
        near = [q for q in live if border(board, me, q) and q not in board.bound(me)]
        if not near:
            return []
        q = max(near, key=lambda q: (scores[q], -q))
        if board.war[me, q]:
            terms = {"kind": "peace", "sides": [[me_id], [board.ids[q]]]}
            return [Offer(terms, (board.ids[q],), "Enough blood: peace, with nothing "
                                                   "taken from either side.")]
        terms = {"kind": "non_aggression", "members": [me_id, board.ids[q]]}
        return [Offer(terms, (board.ids[q],), "Let us promise each other peace.")]
    return []


def balance(board: Board, fear: int, credible: list[int], names: dict[str, str],
            declined: frozenset[int] = frozenset()) -> list[Offer]:
    """A balancer's offers against its greatest threat, best first (``propose`` keeps the
    first its conduct allows, so a partner that declined lately gives way to the next):
    an offensive pact when its shield partners and it are clearly the stronger, and more
    shields while the guarantors who can reach it do not match the threat's side (Walt:
    states ally against the greatest threat until they are safe from it)."""
    me = board.me
    allies = board.allies(me)
    offers: list[Offer] = check_the_leader(board, credible, names, declined)
    already = [q for q in allies if within_reach(board, fear, q) or board.war[q, fear]]
    if already:
        offers += roll_back(board, fear, already, names, declined)
    covered = side_strength(board, defenders_of(board, me, fear))
    if covered >= side_strength(board, defenders_of(board, fear, me)):
        return offers
    partners = [q for q in credible if q != fear and q not in allies
                and fear not in board.allies(q)]
    # Partners that can come to the bot's defence first, then those next to the threat.
    partners.sort(key=lambda q: (-within_reach(board, me, q), -(border(board, q, fear)
                                 + strength(board, q) / max(1.0, strength(board, me))), q))
    for q in partners:
        # Named in words, as a player would name it: the name is public, in every report.
        terms = {"kind": "defensive", "members": [board.me_id, board.ids[q]],
                 "against": [board.ids[fear]],
                 "name": f"Shield against {name(board, fear, names)}",
                 **shield_terms(board, q, fear)}
        offers.append(Offer(terms, (board.ids[q],),
                            f"{name(board, fear, names)} threatens us both; stand with us "
                            "against it."))
    return offers


# A coalition turns on the threat it was formed against once it is this much stronger than
# the threat's side (the bar a balancer sets for accepting an offensive pact, in ``answer``).
ROLL_BACK = 1.5


def check_the_leader(board: Board, credible: list[int], names: dict[str, str],
                     declined: frozenset[int] = frozenset()) -> list[Offer]:
    """In a game scored against par the power heading for the win is every other seat's
    danger (Walt: balance against the greatest threat; here, the threat to one's own win):
    a balancer that can reach it proposes to credible powers that can reach it too, as many
    as it takes to be clearly stronger than its side, an offensive pact against it. Powers
    that have signed a pact during the game come first, then its allies, then the
    strongest; each later offer leaves out the first partner of the one before, so a
    partner that declined lately gives way to the next (``propose`` makes the first its
    conduct allows). Powers in ``declined`` (they declined a strike naming the bot) are
    left out: one refusal sinks a whole offer, so the strike goes to those who accepted."""
    me = board.me
    lead = leader_ahead(board)
    if lead is None or lead in board.bound(me) or not within_reach(board, lead):
        return []
    allies = board.allies(me)
    pool = sorted((q for q in credible if q != lead and within_reach(board, lead, q)
                   and lead not in board.bound(q)
                   and q not in declined),
                  key=lambda q: (not makes_pacts(board, q), q not in allies,
                                 -strength(board, q), q))
    theirs = ROLL_BACK * side_strength(board, defenders_of(board, lead, me))
    offers = []
    for first in range(len(pool)):
        side = strike_side(board, [me], pool[first:], theirs)
        if side is None or len(side) < 2:
            break
        offers.append(strike_offer(board, side, lead,
                                   f"{name(board, lead, names)} is heading for the win; "
                                   "together we can stop it.", names))
    return offers


def strike_side(board: Board, side: list[int], pool: list[int],
                theirs: float) -> list[int] | None:
    """``side`` joined by the powers of ``pool`` in order, as many as it takes to reach the
    strength ``theirs`` (a strike must be clearly the stronger), or None when all of them
    together fall short."""
    side = list(side)
    for q in pool:
        if side_strength(board, set(side)) >= theirs:
            break
        side.append(q)
    return side if side_strength(board, set(side)) >= theirs else None


def strike_offer(board: Board, side: list[int], target: int, why: str,
                 names: dict[str, str]) -> Offer:
    """An offensive pact of ``side`` (the bot first) against ``target``, on the terms of a
    strike (``strike_terms`` with the first partner), offered to the others."""
    terms = {"kind": "offensive", "members": [board.ids[p] for p in side],
             "target": board.ids[target], "name": f"Strike on {name(board, target, names)}",
             **strike_terms(board, side[1], target)}
    return Offer(terms, tuple(board.ids[q] for q in side[1:]), why)


def makes_pacts(board: Board, q: int) -> bool:
    """q has signed an alliance or a non-aggression pact during the game that the bot can
    see (a pact in force since the start says nothing of what q signs now): a partner that
    signs, where one that has signed nothing may sign nothing."""
    return any(doc["kind"] != "peace" and int(doc.get("since", 0)) >= 1
               for doc in board.pacts_of(q))


def shielded_against(board: Board, q: int) -> bool:
    """The bot has a shield (a defensive pact) naming q: a threat it already balances."""
    return any(board.ids[q] in (doc.get("against") or [])
               for doc in board.pacts_of(board.me, ("defensive",)))


def roll_back(board: Board, fear: int, partners: list[int], names: dict[str, str],
              declined: frozenset[int] = frozenset()) -> list[Offer]:
    """A balancer already shielded against its greatest threat proposes to its partners
    that can reach the threat, strongest first and as many as it takes to be clearly
    stronger than the threat's side, an offensive pact against it: coalitions win by
    striking together, what a power alone cannot do. Partners in ``declined`` (they
    declined a strike naming the bot) are left out, as in ``check_the_leader``."""
    me = board.me
    reach = sorted((q for q in partners if within_reach(board, fear, q)
                    and not board.war[me, q] and q not in declined),
                   key=lambda q: (-strength(board, q), q))
    if not reach or not within_reach(board, fear):
        return []
    theirs = ROLL_BACK * side_strength(board, defenders_of(board, fear, me))
    side = strike_side(board, [me, reach[0]], reach[1:], theirs)
    if side is None:
        return []
    return [strike_offer(board, side, fear,
                         f"Together we are stronger than {name(board, fear, names)}; let us "
                         "end the danger before it grows.", names)]


def peace_terms(board: Board, pers: Personality, names: dict[str, str]) -> list[Offer]:
    """A bot winning a war it is tired of proposes peace with a transfer: the enemy's most
    valuable territory next to the bot's land goes to the bot."""
    me = board.me
    if board.legitimacy[me] > pers.peace_legitimacy + 15:
        return []
    for q in board.live:
        if not board.war[me, q] or strength(board, me) < 1.3 * strength(board, q):
            continue
        if stands_by(board, pers, q):
            continue
        near = board.graph.near(board.owner == me)
        theirs = [t for t in board.territories_of(q).tolist()
                  if near[t] and board.capital.get(q) != t]
        if not theirs:
            continue
        t = max(theirs, key=lambda t: (int(board.graph.values[t]), -t))
        tid = board.graph.ids[t]
        terms = {"kind": "peace", "sides": [[board.me_id], [board.ids[q]]],
                 "transfers": [{"territory": tid, "to": board.me_id}]}
        return [Offer(terms, (board.ids[q],),
                      f"Cede {tid} and this war ends today.")]
    return []


# --- answers ------------------------------------------------------------------------------


def answer(board: Board, pers: Personality, proposal: dict[str, Any],
           names: dict[str, str], avoid: OffLimits = OffLimits(),
           proposals: Sequence[dict[str, Any]] = ()) -> Answer:
    """Accept or decline one open proposal naming the bot, with the reason in a line.
    Whatever the personality, the bot signs nothing ``avoid`` bars (with powers it attacks
    this turn) and no duplicate of a pact in force or proposed earlier
    this turn (``proposals``)."""
    me = board.me
    me_id = board.ids[me]
    index = board.index
    terms = proposal["terms"]
    kind = terms.get("kind")
    pid = proposal["id"]
    others = [index[m] for m in proposal["members"] if m != me_id and m in index]
    who = ", ".join(name(board, q, names) for q in others)

    def no(why: str) -> Answer:
        return Answer(pid, False, why)

    def yes(why: str) -> Answer:
        return Answer(pid, True, why)

    if duplicate(board, terms_key(terms, proposal["members"]), list(proposals), before=pid):
        return no("We have that pact already, or it is on the table; once is enough.")
    if kind != "peace" and not pers.pacts:
        return no("We sign no pact but peace.")
    if avoid.forbids(kind, others):
        return no(f"Not with {who}, not this turn.")
    if kind == "peace":
        sides = terms.get("sides", [[], []])
        mine = next((s for s in sides if me_id in s), [])
        theirs = [index[m] for s in sides if s is not mine for m in s if m in index]
        if not any(board.war[me, q] for q in theirs):
            return no("We are not at war with you; there is no peace to make.")
        given = [t for t in terms.get("transfers", []) if t.get("to") not in mine
                 and board.owner[board.graph.index.get(t.get("territory"), 0)] == me]
        got = [t for t in terms.get("transfers", []) if t.get("to") in mine]
        if any(board.capital.get(me) == board.graph.index.get(t.get("territory"))
               for t in given):
            return no("We will not give up our capital for peace.")
        # Partners on its side of this peace end their war with it: not a separate peace.
        if any(stands_by(board, pers, q, with_me=mine) for q in theirs):
            return no("Our allies fight on; we will not make a separate peace.")
        losing = side_strength(board, set(theirs)) > strength(board, me)
        tired = board.legitimacy[me] <= pers.peace_legitimacy + 10
        if not given or losing or tired or got:
            return yes("Peace, then.")
        return no("Those terms take our land; we fight on.")
    bad = [q for q in others if board.credibility[q] < pers.min_partner_credibility]
    if bad and kind != "non_aggression":
        q = bad[0]
        return no(f"{name(board, q, names)}'s word has not held (credibility "
                  f"{board.credibility[q]}); we decline.")
    if any(board.war[me, q] for q in others):
        return no(f"We are at war with {who}; no pact while it lasts.")
    fear = greatest_threat(board)
    if kind == "non_aggression":
        if pers.alignment == BANDWAGON and pers.war_appetite >= 1.0 and any(
                strength(board, q) < 0.6 * strength(board, me) and border(board, me, q)
                for q in others):
            return no("We make no promises we may not keep.")
        return yes("Agreed: we will not fight each other.")
    if kind == "defensive":
        if pers.alignment == ALONE and not terms.get("against"):
            return no("We join no alliance that could drag us into others' wars.")
        partners_wars = sum(int(board.war[q].any()) for q in others)
        if pers.alignment == BALANCE:
            if fear in others:
                return no("We do not ally with the power we fear most.")
            if partners_wars and pers.loyalty < 1.0 and not any(
                    board.war[q, fear] for q in others if fear is not None):
                return no(f"{who} is at war already; we will not be entrapped in it.")
            return yes("Together we balance the danger.")
        if pers.alignment == BANDWAGON:
            if side_strength(board, set(others)) < 0.8 * strength(board, me):
                return no("You would need us more than we need you.")
            return yes("Strength with strength: agreed.")
        if pers.alignment == FAITHFUL and not all(within_reach(board, q) for q in others):
            return no("We could not reach you in time, and we make no promise we cannot keep.")
        return yes("We keep our word; you may count on it.")
    if kind == "offensive":
        target = index.get(terms.get("target"))
        if target is None:
            return no("An offensive pact needs a target.")
        if pers.alignment == ALONE or pers.war_appetite <= 0:
            return no("We do not march on others.")
        if target in board.bound(me) and pers.loyalty >= 0.5:
            return no(f"We are bound to {name(board, target, names)}; we will not turn on it.")
        ours = side_strength(board, {me, *others})
        theirs = side_strength(board, defenders_of(board, target, me))
        if ours < ROLL_BACK * theirs:
            return no(f"Together we are not strong enough against "
                      f"{name(board, target, names)}.")
        if not within_reach(board, target):
            return no(f"We could not reach {name(board, target, names)}, and we make no "
                      "promise we cannot keep.")
        if pers.alignment == BALANCE and target not in (fear, front_runner(board)) \
                and not shielded_against(board, target):
            return no(f"{name(board, target, names)} is not the danger; we will not attack it.")
        if pers.alignment == FAITHFUL and not board.war[target].any():
            return no("We fight in defence, not for conquest.")
        return yes(f"Agreed: {name(board, target, names)} will not stand against us both.")
    return no("We do not understand these terms.")
