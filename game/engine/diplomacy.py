"""Steps 1–3 of adjudication (RULES.md §5): pacts, peace, and the cascade of obligations."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from .orders import Rejection
from .params import Rules
from .state import Pact
from .terms import normalised_terms, pact_problems, separate_peace_partners
from .turn import Turn


# --- step 1: pacts ------------------------------------------------------------------------


def sign_pacts(turn: Turn, signed: list[Any]) -> None:
    """Step 1(a): pacts signed during this turn's planning become active."""
    state = turn.state
    live = [pid for pid, ps in zip(turn.ids, state.powers) if not ps.eliminated]
    for terms in signed:
        problems = pact_problems(terms, live, turn.scenario.map.ids, turn.rules.ruleset)
        if problems:
            turn.rejected.append(Rejection("", terms, "pact not signed: " + "; ".join(problems)))
            continue
        pact = Pact.from_terms(f"P{len(state.pacts) + 1}", normalised_terms(terms, turn.rules),
                               since=turn.turn)
        state.pacts.append(pact)
        turn.signed_now.append(pact)
        about = {**turn.pact_about(pact), "members": list(pact.members)}
        if pact.target:
            about["target"] = pact.target
        turn.emit("pact_signed", pact=pact.id, **about)


def break_pacts(turn: Turn) -> None:
    """Step 1(b): ``break`` orders: the breaker leaves at once, in breach."""
    ended_by_breaks: set[str] = set()
    for order in turn.orders["break"]:
        pact = turn.state.pact(order.doc["pact"])
        me = turn.ids[order.power]
        # Orders stand against the start of the turn: when both members of a pact break it,
        # the first break ends it, and the second is still a breach.
        in_force = pact is not None and (pact.active or pact.id in ended_by_breaks)
        if not in_force or me not in pact.members:
            turn.reject(order, f"pact {order.doc['pact']} was no longer in force")
            continue
        was_active = pact.active
        turn.breach(order.power, pact, "break")
        if was_active and not pact.active:
            ended_by_breaks.add(pact.id)


def withdraw_from_pacts(turn: Turn) -> None:
    """Step 1(c): ``withdraw`` orders start the notice; withdrawals that fall due take effect.
    Leaving while the pact is engaged is abandonment: a breach without the legitimacy cost."""
    for order in turn.orders["withdraw"]:
        pact = turn.state.pact(order.doc["pact"])
        me = turn.ids[order.power]
        if pact is None or not pact.active or me not in pact.members:
            turn.reject(order, f"pact {order.doc['pact']} was no longer in force")
            continue
        pact.withdrawing[me] = turn.turn + pact.notice
        turn.emit("withdrawal_notice", pact=pact.id, power=me,
                  effective=pact.withdrawing[me], **turn.pact_about(pact))
    for pact in turn.state.pacts:
        if not pact.active:
            continue
        for me in [m for m in pact.members if pact.withdrawing.get(m, turn.turn + 1) <= turn.turn]:
            p = turn.index[me]
            if pact.engaged_against:
                turn.breach(p, pact, "abandonment", cost=False)
            else:
                turn.emit("pact_withdrawn", pact=pact.id, power=me, **turn.pact_about(pact))
                turn.leave(p, pact)


def expire_pacts(turn: Turn) -> None:
    """Step 1(d): pacts whose duration (a peace pact's truce) ran out end."""
    for pact in turn.state.pacts:
        if not pact.active:
            continue
        # Pacts in force at the start (since 0) count their turns from turn 1, like a pact
        # signed in turn 1, so that a duration of d means d turns of play either way.
        age = turn.turn - max(pact.since, 1)
        if pact.kind == "peace":
            # A truce of 0 binds for no turn at all (the peace itself still applies in step 2).
            if age >= pact.truce:
                turn.end_pact(pact, "truce_over")
        elif pact.duration and age >= pact.duration:
            turn.end_pact(pact, "duration")


# --- step 2: peace ------------------------------------------------------------------------


def make_peace(turn: Turn) -> None:
    """Step 2: signed peace pacts, mutual peace offers, and the breach of a separate peace."""
    state = turn.state
    left: list[tuple[int, int]] = []  # (power, enemy) pairs that left a war this step
    for pact in turn.signed_now:
        if pact.kind != "peace":
            continue
        side_a = [turn.index[m] for m in pact.sides[0]]
        side_b = [turn.index[m] for m in pact.sides[1]]
        for p in side_a:
            for q in side_b:
                if state.at_war(p, q):
                    turn.end_war(p, q)
                    left += [(p, q), (q, p)]
                    turn.emit("peace", between=[turn.ids[min(p, q)], turn.ids[max(p, q)]],
                              pact=pact.id)
        for transfer in pact.transfers:
            t = turn.scenario.map.index[transfer["territory"]]
            to = transfer["to"]
            giving = side_b if to in pact.sides[0] else side_a
            if state.owner[t] in giving:
                turn.emit("ceded", territory=transfer["territory"],
                          power=turn.ids[state.owner[t]], to=to, pact=pact.id)
                state.owner[t] = turn.index[to]
    offers = {(o.power, turn.index[o.doc["target"]]) for o in turn.orders["offer_peace"]}
    for p, q in sorted(offers):
        if p < q and (q, p) in offers and state.at_war(p, q):
            turn.end_war(p, q)
            left += [(p, q), (q, p)]
            turn.emit("peace", between=[turn.ids[p], turn.ids[q]], pact=None)
    for p, enemy in sorted(left):
        me, them = turn.ids[p], turn.ids[enemy]
        for pact in state.pacts:
            if (pact.active and me in pact.members and separate_peace_partners(
                    pact.members, pact.engaged_against, me, them,
                    lambda m: state.at_war(turn.index[m], enemy))):
                turn.breach(p, pact, "separate_peace", enemy=them)


# --- step 3: war ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CallToWar:
    """An entry of the step-3 queue: power ``a`` goes to war against ``v``."""

    a: int
    v: int
    cause: str                 # "declaration", "invocation" or "trigger"
    pact: Pact | None = None
    invoker: int | None = None
    ally: int | None = None    # for a trigger: the member that was attacked

    @property
    def aggressive(self) -> bool:
        return self.cause in ("declaration", "invocation")

    @property
    def called(self) -> bool:
        """Whether a was called to war by a partner, and so owes a commitment."""
        return self.cause == "trigger" or (self.cause == "invocation" and self.a != self.invoker)


def seed_war_queue(turn: Turn) -> deque[CallToWar]:
    queue: deque[CallToWar] = deque()
    for order in turn.orders["declare_war"]:
        queue.append(CallToWar(order.power, turn.index[order.doc["target"]], "declaration"))
    for order in turn.orders["invoke"]:
        pact = turn.state.pact(order.doc["pact"])
        me = turn.ids[order.power]
        if pact is None or not pact.active or me not in pact.members:
            turn.reject(order, f"pact {order.doc['pact']} was no longer in force")
            continue
        target = turn.index[pact.target]
        if pact.target not in pact.engaged_against:
            pact.engaged_against.append(pact.target)
            pact.engaged_against.sort(key=turn.index.__getitem__)
        turn.emit("pact_invoked", pact=pact.id, power=me, target=pact.target,
                  members=list(pact.members), **_public_about(turn, pact))
        pact.revealed = True
        for member in [me] + [m for m in pact.members if m != me]:
            queue.append(CallToWar(turn.index[member], target, "invocation", pact, order.power))
    return queue


def _public_about(turn: Turn, pact: Pact) -> dict[str, Any]:
    about = turn.pact_about(pact)
    about.pop("secret", None)  # the event reveals the pact
    about.pop("members", None)
    return about


def run_war_cascade(turn: Turn) -> None:
    """Step 3: declarations and invocations, and the defensive triggers they set off."""
    state = turn.state
    queue = seed_war_queue(turn)
    answers = turn.rules.ruleset == 2
    declining = {(o.power, o.doc["pact"]) for o in turn.orders["decline"]}
    while queue:
        entry = queue.popleft()
        a, v = entry.a, entry.v
        eliminated = state.powers[a].eliminated or state.powers[v].eliminated
        already = state.at_war(a, v)
        if answers and entry.called:
            if turn.ids[a] not in entry.pact.members:
                continue   # it left the pact earlier in this cascade: no longer called
            if (a, entry.pact.id) in declining and not (eliminated or already or a == v):
                decline_call(turn, entry)
                continue
        if entry.called:
            turn.commitment(a, kept=not eliminated)
            turn.emit("called_to_war", power=turn.ids[a], against=turn.ids[v],
                      pact=entry.pact.id, cause=entry.cause, kept=not eliminated,
                      already_at_war=already,
                      ally=turn.ids[entry.ally] if entry.ally is not None else None,
                      **({"answer": "honoured"} if answers else {}),
                      **_public_about(turn, entry.pact))
        if a == v or eliminated or already:
            continue
        for pact in turn.shared_pacts(a, v):
            if entry.aggressive:
                turn.breach(a, pact, "attack_on_partner", enemy=turn.ids[v])
            else:
                turn.end_pact(pact, "trigger")
        turn.start_war(a, v, a if entry.aggressive else None)
        turn.emit("war_declared", power=turn.ids[a], target=turn.ids[v], cause=entry.cause,
                  aggressor=turn.ids[a] if entry.aggressive else None,
                  pact=entry.pact.id if entry.pact else None)
        if not entry.aggressive:
            continue  # joining through a trigger is not aggression and triggers nothing
        together = entry.cause == "invocation" or turn.fought_together(a, v)
        turn.legitimacy(a, -aggression_cost(turn.rules, together), "aggression",
                        target=turn.ids[v])
        if v not in turn.rallied:
            turn.rallied.add(v)
            turn.legitimacy(v, turn.rules.rally_gain, "rally", attacker=turn.ids[a])
        attacker = turn.ids[a]
        victim = turn.ids[v]
        for pact in state.pacts:
            if (pact.active and pact.kind == "defensive" and victim in pact.members
                    and attacker not in pact.members
                    and (not pact.against or attacker in pact.against)):
                if attacker not in pact.engaged_against:
                    pact.engaged_against.append(attacker)
                    pact.engaged_against.sort(key=turn.index.__getitem__)
                turn.emit("pact_triggered", pact=pact.id, attacked=victim, by=attacker,
                          members=list(pact.members), **_public_about(turn, pact))
                pact.revealed = True
                for member in pact.members:
                    if member != victim:
                        queue.append(CallToWar(turn.index[member], a, "trigger", pact,
                                               ally=v))


def aggression_cost(rules: Rules, together: bool) -> int:
    """What starting a war costs the aggressor (step 3, rule 4). In ruleset 2 a war fought
    together, begun by invoking an offensive pact or declared on an enemy a partner of an
    engaged pact already fights, draws more support at home than one fought alone
    (RULES.md §11.7): it costs ``coalition_aggression_cost`` instead of ``aggression_cost``."""
    if together and rules.wars_together:
        return rules.coalition_aggression_cost
    return rules.aggression_cost


def decline_call(turn: Turn, entry: CallToWar) -> None:
    """Ruleset 2: a called member that ordered ``decline`` for the pact does not go to war.
    It stays in the pact, but the call is a commitment owed and not kept (a breach on its
    record) and costs it ``decline_cost`` legitimacy."""
    a, v, pact = entry.a, entry.v, entry.pact
    turn.commitment(a, kept=False)
    turn.emit("called_to_war", power=turn.ids[a], against=turn.ids[v], pact=pact.id,
              cause=entry.cause, kept=False, already_at_war=False,
              ally=turn.ids[entry.ally] if entry.ally is not None else None,
              answer="declined", **_public_about(turn, pact))
    turn.emit("declined", pact=pact.id, power=turn.ids[a], against=turn.ids[v],
              **_public_about(turn, pact))
    turn.legitimacy(a, -turn.rules.decline_cost, "declined", pact=pact.id)
