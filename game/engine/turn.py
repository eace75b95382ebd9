"""The working context of one adjudication: the state being changed, the report being written,
and the bookkeeping that several steps share (commitments, legitimacy, losses).

Every change that matters to a player goes through a method here, so that it is recorded in
the report exactly once, in the order it happened.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from .orders import Order, Rejection
from .state import Pact, State


def turn_generator(seed: int, turn: int) -> np.random.Generator:
    """The one source of chance for a turn (RULES.md §5)."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, turn])))


class Turn:
    """One turn being adjudicated. ``state`` is a private working copy."""

    def __init__(self, state: State, orders: list[Order]) -> None:
        self.state = state
        self.scenario = state.scenario
        self.rules = state.scenario.rules
        self.ids = state.scenario.power_ids
        self.index = state.scenario.power_index
        self.turn = state.turn
        self.events: list[dict[str, Any]] = []
        self.rejected: list[Rejection] = []
        self.orders: dict[str, list[Order]] = defaultdict(list)
        for order in orders:
            self.orders[order.op].append(order)
        n = len(state.powers)
        self.start_units = state.forces.sum(axis=0).astype(np.int64)
        # What the audit owes is reckoned from the units at the start of the turn (in
        # ruleset 2, from where they stood: reach).
        self.start_forces = state.forces.copy()
        self.start_crisis = np.array([ps.legitimacy < self.rules.crisis for ps in state.powers])
        self.lost = np.zeros(n, dtype=np.int64)
        # lost_against[(m, e)]: m's units lost in battles where e's units fought opposite.
        self.lost_against: dict[tuple[int, int], int] = defaultdict(int)
        self.rallied: set[int] = set()
        self.signed_now: list[Pact] = []
        self._rng: np.random.Generator | None = None

    # --- chance --------------------------------------------------------------------------

    @property
    def rng(self) -> np.random.Generator:
        if self._rng is None:
            self._rng = turn_generator(self.state.seed, self.turn)
        return self._rng

    def draws(self, count: int) -> list[float | None]:
        """The normal draws for the next ``count`` battles, in order (None when σ = 0)."""
        if self.rules.sigma == 0:
            return [None] * count
        if count == 0:   # no battle: making the generator would be wasted (it draws nothing)
            return []
        return self.rng.standard_normal(count).tolist()

    # --- the report ----------------------------------------------------------------------

    def emit(self, event_type: str, /, **fields: Any) -> dict[str, Any]:
        event = {"type": event_type, **fields}
        self.events.append(event)
        return event

    def reject(self, order: Order, reason: str) -> None:
        self.rejected.append(Rejection(self.ids[order.power], dict(order.doc), reason))

    # --- legitimacy and the commitment record --------------------------------------------

    def legitimacy(self, p: int, change: int, reason: str, **about: Any) -> None:
        """Change L by ``change``; clamping to 0–100 happens once, in step 7."""
        if change:
            self.state.powers[p].legitimacy += change
            self.emit("legitimacy", power=self.ids[p], change=change, reason=reason, **about)

    def commitment(self, p: int, kept: bool) -> None:
        """Count one commitment owed by p, kept or not (RULES.md, "The commitment record")."""
        ps = self.state.powers[p]
        ps.owed += 1
        if kept:
            ps.kept += 1

    def breach(self, p: int, pact: Pact, reason: str, *, cost: bool = True,
               **context: Any) -> None:
        """p leaves ``pact`` in breach: one commitment owed and never kept, and (unless it is
        abandonment) the legitimacy cost of a break."""
        about = self.pact_about(pact)  # before p leaves: a secret pact's events name it
        self.leave(p, pact)
        self.commitment(p, kept=False)
        self.emit("pact_broken", pact=pact.id, power=self.ids[p], reason=reason, **context,
                  **about)
        if cost:
            secrecy = {k: v for k, v in about.items() if k in ("secret", "members")}
            self.legitimacy(p, -self.rules.breach_cost, "breach", pact=pact.id, **secrecy)

    def pact_about(self, pact: Pact) -> dict[str, Any]:
        """What events about a pact carry so a reader can tell them in words."""
        about: dict[str, Any] = {"kind": pact.kind}
        if pact.name:
            about["name"] = pact.name
        if pact.secret and not pact.revealed:
            about["members"] = list(pact.members)  # lets views keep secret events private
            about["secret"] = True
        return about

    # --- pacts ---------------------------------------------------------------------------

    def leave(self, p: int, pact: Pact) -> None:
        """p leaves the pact; a pact left with fewer than two members ends (RULES.md §3)."""
        me = self.ids[p]
        if me not in pact.members:
            return
        about = self.pact_about(pact)  # before p leaves: a secret pact's event names it
        pact.members.remove(me)
        pact.withdrawing.pop(me, None)
        pact.pledges.pop(me, None)
        for side in pact.sides:
            if me in side:
                side.remove(me)
        if pact.active and len(pact.members) < 2:
            pact.status = "ended"
            self.emit("pact_ended", pact=pact.id, reason="too_few_members", **about)

    def end_pact(self, pact: Pact, reason: str) -> None:
        if pact.active:
            pact.status = "ended"
            self.emit("pact_ended", pact=pact.id, reason=reason, **self.pact_about(pact))

    def shared_pacts(self, p: int, q: int) -> list[Pact]:
        a, b = self.ids[p], self.ids[q]
        return [pact for pact in self.state.pacts
                if pact.active and a in pact.members and b in pact.members]

    # --- wars ----------------------------------------------------------------------------

    def fought_together(self, p: int, enemy: int) -> bool:
        """Ruleset 2 (RULES.md §11.7): p fights ``enemy`` beside a partner, a war the public
        backs more readily than one fought alone: a defensive or offensive pact p belongs to
        is engaged against the enemy and another of its members is at war with it."""
        if not self.rules.wars_together:
            return False
        me, them = self.ids[p], self.ids[enemy]
        return any(
            pact.active and me in pact.members and them in pact.engaged_against
            and any(self.state.at_war(self.index[m], enemy) for m in pact.members if m != me)
            for pact in self.state.pacts)

    def start_war(self, p: int, q: int, aggressor: int | None) -> None:
        self.state.wars[(min(p, q), max(p, q))] = aggressor

    def end_war(self, p: int, q: int) -> None:
        self.state.wars.pop((min(p, q), max(p, q)), None)

    def disengage_finished(self) -> None:
        """A pact stops being engaged against E when no member is at war with E (step 6), and
        an ended pact is engaged against no one."""
        for pact in self.state.pacts:
            still = [e for e in pact.engaged_against
                     if pact.active and any(self.state.at_war(self.index[m], self.index[e])
                                            for m in pact.members)]
            if still != pact.engaged_against:
                pact.engaged_against = still
