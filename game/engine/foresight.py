"""The odds of an attack as a seat can foresee them before adjudication (RULES.md §5, step 4).

Built on the strength rule movement fights with (``combat.side_strength``: units × sea
crossing × terrain and capital × coalition friction, none under integrated command), so the
number an arrow promises is the one adjudication computes from the same units. It reads a
seat's view document (what the seat may know) and the seat's orders, and counts:

- the wars the orders start: ``declare_war`` on a power, and ``invoke`` of a pact (the invoker
  and every member go to war with the pact's target, as step 3 does);
- the moves of pact partners into the same territory that the seat knows (partners share
  their planned orders, and always do under integrated command): they fight on the same side.

Defensive triggers set off by the orders are not foreseen: they only add defenders' allies
at war, which changes nothing inside the attacked territory.

Pure: no pygame, no state change; the client's order tools and bots call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from .combat import Odds, Stack, odds, side_strength
from .params import Rules
from .seat import SeatView
from .terms import separate_peace_partners

View = Mapping[str, Any]
Order = Mapping[str, Any]

REINFORCE = "reinforce"      # into the power's own or an ally's land
ATTACK = "attack"            # into the land of a power at war with it (after the orders)
INVADE = "invade"            # into neutral land (costs legitimacy)
NEEDS_WAR = "needs_war"      # into the land of a power it is not at war with
UNKNOWN = "unknown"          # fog hides the defenders


@dataclass(frozen=True)
class AttackOdds:
    """What an attack into one territory may expect."""

    kind: str
    own: int                                   # the power's units the orders send in
    allied: Mapping[str, int] = field(default_factory=dict)   # partners' units alongside
    defenders: int | None = None               # None where fog hides them
    odds: Odds | None = None                   # None when there is no battle to judge
    owner: str | None = None

    @property
    def attackers(self) -> int:
        return self.own + sum(self.allied.values())


def allied(view: View, a: str, b: str) -> bool:
    """Whether two powers are on one side: the same power, or allies (the engine's one
    reading of "allied", ``SeatView``)."""
    return a == b or SeatView(view).allied(a, b)


def at_war(view: View, a: str, b: str) -> bool:
    return SeatView(view).at_war(a, b)


def wars_after(view: View, orders_by_power: Mapping[str, Sequence[Order]]) -> set[frozenset[str]]:
    """The wars in force after step 3 as far as these orders show: the view's wars, each
    declaration, and each invocation (every member of the pact against its target)."""
    wars = {frozenset(w.get("between", [])) for w in view.get("wars", [])}
    pacts = {p.get("id"): p for p in view.get("pacts", []) if p.get("status") == "active"}
    for power, orders in orders_by_power.items():
        for order in orders:
            if order.get("op") == "declare_war" and isinstance(order.get("target"), str):
                wars.add(frozenset((power, order["target"])))
            elif order.get("op") == "invoke":
                pact = pacts.get(order.get("pact"))
                if pact is None or power not in pact.get("members", []) \
                        or not pact.get("target"):
                    continue
                for member in pact.get("members", []):
                    wars.add(frozenset((member, pact["target"])))
    return {w for w in wars if len(w) == 2}


def attack_odds(rules: Rules, view: View, power: str, orders: Sequence[Order], to: str, *,
                terrain: str, capital_of: str | None, sea: Callable[[str, str], bool],
                allied_orders: Mapping[str, Sequence[Order]] | None = None) -> AttackOdds:
    """The odds of ``power``'s moves into ``to`` (every move of ``orders`` into it), with the
    partners' shared orders in ``allied_orders`` (power -> orders) that join the attack.

    ``terrain`` and ``capital_of`` describe ``to``; ``sea(frm, to)`` tells a sea crossing.
    """
    allied_orders = {q: o for q, o in (allied_orders or {}).items()
                     if q != power and allied(view, power, q)}
    terr = view.get("territories", {}).get(to, {})
    owner = terr.get("owner")
    index = {pid: i for i, pid in enumerate(view.get("powers", {}))}
    neutral = len(index)

    def arrivals(q: str, plan: Sequence[Order]) -> list[Stack]:
        return [Stack(index.get(q, neutral), 0, int(o.get("n", 0)),
                      rules.amphibious if sea(o["from"], to) else 1.0, arrived=True)
                for o in plan if o.get("op") == "move" and o.get("to") == to
                and isinstance(o.get("from"), str) and int(o.get("n", 0)) > 0]

    own = arrivals(power, orders)
    n_own = sum(s.units for s in own)
    if owner is not None and allied(view, power, owner):
        return AttackOdds(REINFORCE, n_own, owner=owner)
    wars = wars_after(view, {power: orders, **allied_orders})
    if owner is not None and frozenset((power, owner)) not in wars:
        return AttackOdds(NEEDS_WAR, n_own, owner=owner)
    # Partners attack alongside when they too fight the owner (any partner enters neutral
    # land as an attacker).
    helpers = {q: arrivals(q, plan) for q, plan in sorted(allied_orders.items())
               if owner is None or frozenset((q, owner)) in wars}
    helpers = {q: stacks for q, stacks in helpers.items() if stacks}
    helping = {q: sum(s.units for s in stacks) for q, stacks in helpers.items()}
    forces = terr.get("forces")
    if forces is None:
        return AttackOdds(UNKNOWN, n_own, helping, owner=owner)
    if owner is None:
        garrison = int(forces.get("neutral", 0) or 0)
        defenders = [Stack(neutral, 0, garrison)] if garrison else []
    else:
        defenders = [Stack(index.get(k, neutral), 0, int(v)) for k, v in forces.items()
                     if v and k not in (power, "neutral")
                     and (k == owner or frozenset((k, owner)) not in wars)]
    d_units = sum(s.units for s in defenders)
    side = own + [s for stacks in helpers.values() for s in stacks]
    a_units = sum(s.units for s in side)
    integrated = frozenset(
        frozenset(index[m] for m in p.get("members", []) if m in index)
        for p in view.get("pacts", [])
        if p.get("status") == "active" and p.get("integrated_command"))
    multiplier = rules.terrain(terrain)
    if owner is not None and capital_of == owner:
        multiplier *= rules.capital_defense
    a = side_strength(rules, side, integrated) if side else 0.0
    d = side_strength(rules, defenders, integrated, multiplier) if defenders else 0.0
    result = odds(rules, a_units, d_units, attack_factor=a / a_units if a_units else 1.0,
                  defence_factor=d / d_units if d_units else 1.0)
    return AttackOdds(INVADE if owner is None else ATTACK, n_own, helping, d_units, result,
                      owner)


def pact_conflicts(view: View, power: str, terms: Mapping[str, Any]) -> list[str]:
    """How proposed ``terms`` would clash with the pacts in force that ``power`` can see, in
    words with power ids (a pact by its name, or its kind and partners, never its id): a
    peace made while a partner fights on in an engaged pact is a separate peace (step 2
    breaches the pact), and an offensive pact against a power ``power`` shares a pact with
    would breach that pact when invoked (step 3)."""
    pacts = [p for p in view.get("pacts", []) if p.get("status") == "active"
             and power in p.get("members", [])]
    out: list[str] = []
    if terms.get("kind") == "peace":
        sides = terms.get("sides") or [[], []]
        mine: list[str] = next((s for s in sides if power in s), [])
        others = [q for s in sides if s is not mine for q in s]
        for enemy in others:
            if not at_war(view, power, enemy):
                continue
            for pact in pacts:
                # the partners on this peace's side leave the war with it
                fighting = separate_peace_partners(
                    pact.get("members", []), pact.get("engaged_against", []), power, enemy,
                    lambda m: m not in mine and at_war(view, m, enemy))
                if fighting:
                    out.append(f"a separate peace with {enemy} breaks {_pact_words(pact, power)}: "
                               f"{', '.join(fighting)} fight{'s' if len(fighting) == 1 else ''}"
                               f" on")
    elif terms.get("kind") == "offensive" and terms.get("target"):
        target = terms["target"]
        for pact in pacts:
            if target in pact.get("members", []):
                out.append(f"invoking it against {target} breaks "
                           f"{_pact_words(pact, power)}, which you share with {target}")
    return out


def _pact_words(pact: Mapping[str, Any], power: str) -> str:
    """A pact as ``power`` knows it, in words with power ids: by its name, or by its kind and
    partners (a player's pact ids are opaque aliases, not for reading)."""
    if pact.get("name"):
        return f"the {pact['name']}"
    kind = str(pact.get("kind", "")).replace("_", "-")
    partners = [m for m in pact.get("members", []) if m != power]
    return f"your {kind} pact with {', '.join(partners)}"
