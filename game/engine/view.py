"""What each seat may see (RULES.md §7): the only way information leaves the engine for a
player.

A seat is a power id, ``SPECTATOR`` (the public view) or ``UMPIRE`` (everything). With fog
on, a power sees unit counts only in territories it or its allies own and in their
neighbours, and treasuries only of itself and its allies. Secret pacts are seen only by their
members until revealed. The match seed is never shown to a player: with it, the luck of every
battle could be computed in advance.

A server sends every seat its view and report at the end of each turn, so the work that does
not depend on the seat (the state's canonical JSON and its fogged entries, how each report
event is filtered) is done once per state or report, and what each seat may see of a frozen
state (its ``Sight``) is worked out once, for every power together, and kept with the state.
A state that is not frozen may still change, so nothing about it is kept.
"""

from __future__ import annotations

import weakref
from itertools import compress
from typing import Any, NamedTuple

import numpy as np

from .state import State

SPECTATOR = "spectator"
UMPIRE = "umpire"

# How each kind of report event is shown (RULES.md §10, "Fog in the report"): every event
# type the engine emits must have an entry here, so a new type is hidden until someone
# decides who may see it (a test fails on an unclassified type). Secret pacts' events are
# kept to their members before any of this applies.
#   placed    shown when one of its territories was visible to the seat at the start or
#             the end of the turn (it then carries no figure the seat did not see);
#   public    shown to everyone;
#   money     shown to the powers concerned and their allies at the end of the turn;
#   audit     the outcome (kept or fell short) is public; the figures ``committed`` and
#             ``required`` (burden share × the member's units) only to the audited power
#             and the pact's members at the end of the turn;
#   own_loss  public, but the figures in ``FIGURES`` only for the power's own circle (it
#             and its allies at the end of the turn): a casualty count is hidden forces.
PLACED, PUBLIC, MONEY, AUDIT, OWN_LOSS = "placed", "public", "money", "audit", "own_loss"
EVENT_FOG: dict[str, str] = {
    "moved": PLACED, "battle": PLACED, "retreated": PLACED, "returned": PLACED,
    "destroyed": PLACED, "built": PLACED, "went_home": PLACED, "disbanded": PLACED,
    "neutrality_violated": PLACED,
    "transfer": MONEY, "income": MONEY, "upkeep": MONEY,
    "honoured": AUDIT, "shortfall": AUDIT, "out_of_reach": AUDIT,
    "legitimacy": OWN_LOSS,
    "captured": PUBLIC, "war_declared": PUBLIC, "called_to_war": PUBLIC, "peace": PUBLIC,
    "ceded": PUBLIC, "collapse": PUBLIC, "eliminated": PUBLIC, "victory": PUBLIC,
    "pact_signed": PUBLIC, "pact_broken": PUBLIC, "pact_ended": PUBLIC,
    "pact_withdrawn": PUBLIC, "withdrawal_notice": PUBLIC, "pact_invoked": PUBLIC,
    "pact_triggered": PUBLIC, "declined": PUBLIC,
}
# The fields of an event that are figures derived from a power's forces, by fog kind: left
# out for seats that may not see them.
FIGURES: dict[str, tuple[str, ...]] = {AUDIT: ("committed", "required", "within_reach"),
                                       OWN_LOSS: ("units",)}
# Where a frozen state keeps what its seats may see (like State.shared_json's cache).
_SIGHTS = "_sights"
_REPORT_RULES = "_report_rules"
_PARTS = "_view_parts"
# Each map's adjacency matrix, for working out every power's sight at once.
_ADJACENCY: "weakref.WeakKeyDictionary[Any, np.ndarray]" = weakref.WeakKeyDictionary()


class Sight(NamedTuple):
    """What one seat may see of one state: the territories whose unit counts it sees
    (``visible_list``, as Python bools; ``mask`` the same as the bits of an int, bit t for
    territory t) and the powers whose treasuries it sees (``friends``; None means all of
    them). A named tuple: a frozen dataclass took longer to make than all the rest of a
    power's sight."""

    visible_list: list[bool]
    friends: frozenset[str] | None
    mask: int


def _masks(visible: np.ndarray) -> list[int]:
    """Each row of a 2-D boolean array as an int, bit t set for column t: whether a seat
    sees any place of a report event is then one int operation instead of a loop."""
    n_t = visible.shape[1]
    if n_t <= 62:   # the bits fit an int64: one small product
        return (visible @ _BITS[:n_t]).tolist()
    packed = np.packbits(visible, axis=1, bitorder="little")
    return [int.from_bytes(row.tobytes(), "little") for row in packed]


_BITS = np.left_shift(1, np.arange(62, dtype=np.int64))


def _power_index(state: State, seat: str) -> int | None:
    return state.scenario.power_index.get(seat)


def fogged(state: State, seat: str) -> bool:
    return seat != UMPIRE and bool(state.scenario.rules.fog)


def _work_out_sight(state: State, seat: str) -> Sight:
    n_t = len(state.scenario.map)
    if not fogged(state, seat):
        visible = np.ones(n_t, dtype=bool)
        friends = None
    else:
        p = _power_index(state, seat)
        if p is None:
            visible = np.zeros(n_t, dtype=bool)
            friends = frozenset()
        else:
            circle = {p} | state.allies(p)
            # A lookup table by owner is far cheaper than np.isin on small arrays; owner -1
            # (neutral) reads the extra last entry, which is never a friend.
            is_friend = np.zeros(len(state.powers) + 1, dtype=bool)
            is_friend[sorted(circle)] = True
            visible = state.scenario.map.near(is_friend[state.owner])
            ids = state.scenario.power_ids
            friends = frozenset(ids[q] for q in circle)
    return Sight(visible.tolist(), friends, _masks(visible[np.newaxis])[0])


def _power_sights(state: State) -> dict[str, Sight]:
    """Every power's sight of a fogged state at once: one matrix product instead of a few
    array operations per power, since a turn result goes to every power together."""
    graph = state.scenario.map
    adjacency = _ADJACENCY.get(graph)
    if adjacency is None:
        n_t = len(graph)
        # In float32, so the product below goes to BLAS: a boolean matrix product does not,
        # and took 57 ms against 2.4 ms for 40 powers on 2,000 territories (counts of
        # neighbours are small whole numbers, exact in float32).
        adjacency = np.zeros((n_t, n_t), dtype=np.float32)
        adjacency[graph.edge_src, graph.edge_dst] = 1
        adjacency.flags.writeable = False
        _ADJACENCY[graph] = adjacency
    n_p = len(state.powers)
    # circle[p, q]: q is p or one of p's allies; the extra last column stands for neutral
    # owners (-1 indexes it), who are nobody's friends.
    circle = np.zeros((n_p, n_p + 1), dtype=bool)
    circle[:, :n_p] = state.alliance_matrix() | np.eye(n_p, dtype=bool)
    owned = circle[:, state.owner]               # territories each power's circle owns
    visible = owned | (owned.astype(np.float32) @ adjacency > 0)   # ... and their neighbours
    ids = state.scenario.power_ids
    return {ids[p]: Sight(row, frozenset(compress(ids, friends)), mask)
            for p, (row, friends, mask) in enumerate(zip(visible.tolist(),
                                                         circle[:, :n_p].tolist(),
                                                         _masks(visible)))}


def sight(state: State, seat: str) -> Sight:
    """What ``seat`` may see of ``state``; worked out once per seat for a frozen state (for
    every power at once, under fog)."""
    if not state.frozen:
        return _work_out_sight(state, seat)
    sights = state.__dict__.setdefault(_SIGHTS, {})
    found = sights.get(seat)
    if found is None:
        if fogged(state, seat) and seat in state.scenario.power_index:
            sights.update(_power_sights(state))
            found = sights[seat]
        else:
            found = sights[seat] = _work_out_sight(state, seat)
    return found


def visible_territories(state: State, seat: str) -> np.ndarray:
    """Boolean mask over territories whose unit counts the seat may see."""
    return np.array(sight(state, seat).visible_list, dtype=bool)


def pact_visible(pact_doc: dict[str, Any], seat: str) -> bool:
    if seat == UMPIRE or not pact_doc.get("secret") or pact_doc.get("revealed"):
        return True
    return seat in pact_doc.get("members", [])


# Each territory and power of a state's canonical JSON as seen and as hidden by fog, made
# once per state: a seat's view picks one of the two for each, so the hidden parts are
# shared between seats like the rest.
_Parts = tuple[list[tuple[str, Any, dict[str, Any]]], list[tuple[str, Any, dict[str, Any]]]]


def _parts(state: State, shared: dict[str, Any]) -> _Parts:
    def make() -> _Parts:
        territories = [(tid, terr, {"owner": terr["owner"], "forces": None})
                       for tid, terr in shared["territories"].items()]
        powers = [(pid, power, {**power, "treasury": None})
                  for pid, power in shared["powers"].items()]
        return territories, powers

    if not state.frozen:
        return make()
    kept = state.__dict__.get(_PARTS)
    if kept is None:
        kept = state.__dict__[_PARTS] = make()
    return kept


def view(state: State, seat: str) -> dict[str, Any]:
    """The state as ``seat`` may see it: the canonical JSON with hidden parts removed.

    Fogged unit counts and treasuries are ``null``; invisible pacts are left out; the seed
    is left out for everyone but the umpire. The view shares unchanged parts with the state's
    cached JSON and with other seats' views: read it (or send it), never change it in place.
    """
    # Cut from the state's shared canonical JSON: only what differs for this seat is new, so
    # serving many seats costs one serialisation (the shared parts are never changed).
    shared = state.shared_json()
    seen = sight(state, seat)
    territories, powers = _parts(state, shared)
    doc = dict(shared)
    doc["seat"] = seat
    doc["fog"] = fogged(state, seat)
    if seat != UMPIRE:
        del doc["seed"]
    doc["territories"] = {tid: terr if visible else hidden
                          for (tid, terr, hidden), visible in zip(territories,
                                                                  seen.visible_list)}
    friends = seen.friends
    if friends is not None:
        doc["powers"] = {pid: power if pid in friends else hidden
                         for pid, power, hidden in powers}
    doc["pacts"] = [p for p in doc["pacts"] if pact_visible(p, seat)]
    if state.scenario.rules.ruleset == 2:
        doc["strength"] = strength(state)
    return doc


def strength(state: State) -> dict[str, int]:
    """Ruleset 2: every power's total units, public whatever the fog (RULES.md, "Visible
    strength"), so that a strong distant guarantor deters."""
    totals = state.forces.sum(axis=0).tolist()
    return {pid: int(n) for pid, n in zip(state.scenario.power_ids, totals)}


# How one report event is filtered, the same for every seat: the event; the members of the
# secret pact it belongs to (None: not secret); its places as territory bits like
# ``Sight.mask`` (None: not tied to places); the powers that may see it under fog (None:
# everyone); the powers that may see its figures (None: everyone) and the event without them.
class _Rule(NamedTuple):
    event: dict[str, Any]
    members: "list[str] | None"
    places: "int | None"
    audience: "frozenset[str] | None"
    insiders: "frozenset[str] | None"
    without_figures: dict[str, Any]


def _circle(state: State, power: Any, memo: dict[Any, frozenset[str]]) -> frozenset[str]:
    """The power and its allies in ``state`` (empty for a name that is not a power);
    ``memo`` keeps those of one report, where many events name the same powers."""
    found = memo.get(power)
    if found is None:
        p = state.scenario.power_index.get(power) if isinstance(power, str) else None
        ids = state.scenario.power_ids
        found = memo[power] = (frozenset() if p is None
                               else frozenset(ids[q] for q in state.allies(p) | {p}))
    return found


def _rules(report: dict[str, Any], state: State) -> list[_Rule]:
    """How each event of the report is filtered; worked out once per report (kept with the
    state after the turn), since every seat filters the same events."""
    index = state.scenario.map.index
    circles: dict[Any, frozenset[str]] = {}

    def rule(event: dict[str, Any]) -> _Rule:
        kind = EVENT_FOG.get(event["type"])
        members = event.get("members", []) if event.get("secret") else None
        places = audience = insiders = None
        without = event
        if kind is None:                    # never classified: nobody but the umpire
            audience = frozenset()
        elif kind == PLACED:
            places = 0
            for key in ("territory", "from", "to"):
                t = event.get(key)
                if isinstance(t, str) and t in index:
                    places |= 1 << index[t]
        elif kind == MONEY:
            audience = (_circle(state, event.get("power"), circles)
                        | _circle(state, event.get("to"), circles))
        elif kind == AUDIT:
            pact = state.pact(event.get("pact", ""))
            insiders = frozenset(pact.members if pact is not None else ()) \
                | {event.get("power")}
        elif kind == OWN_LOSS:
            if any(key in event for key in FIGURES[OWN_LOSS]):
                insiders = _circle(state, event.get("power"), circles)
        if insiders is not None:
            without = {k: v for k, v in event.items() if k not in FIGURES[kind]}
        return _Rule(event, members, places, audience, insiders, without)

    if not state.frozen:
        return [rule(event) for event in report["events"]]
    kept = state.__dict__.get(_REPORT_RULES)
    if kept is None or kept[0] is not report:
        kept = state.__dict__[_REPORT_RULES] = (report, [rule(e) for e in report["events"]])
    return kept[1]


def view_report(report: dict[str, Any], before: State, after: State, seat: str) -> dict[str, Any]:
    """The turn report as ``seat`` may see it, filtered by the same fog as the view.

    Events of a secret pact not yet revealed go only to its members; under fog, each event
    is shown as its kind in ``EVENT_FOG`` says, figures of hidden forces left out; rejected
    orders only to the power that gave them.
    """
    if seat == UMPIRE:
        return report
    events = []
    if not fogged(after, seat):
        events = [r.event for r in _rules(report, after)
                  if r.members is None or seat in r.members]
    else:
        seen_places = sight(before, seat).mask | sight(after, seat).mask
        for r in _rules(report, after):
            if r.members is not None and seat not in r.members:
                continue
            if r.places is not None and not r.places & seen_places:
                continue
            if r.audience is not None and seat not in r.audience:
                continue
            events.append(r.event if r.insiders is None or seat in r.insiders
                          else r.without_figures)
    return {
        "turn": report["turn"],
        "label": report["label"],
        "events": events,
        "rejected": [r for r in report["rejected"] if r["power"] == seat],
    }
