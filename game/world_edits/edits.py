"""The umpire's edits of the world: each a small document applied to a frozen
state, giving a new frozen state with a canonical hash.

    {"kind": "move_units", "power": "RED", "from": "R", "to": "B", "n": 2}
    {"kind": "remove_units", "power": "RED" | "neutral", "territory": "R", "n": 2}
    {"kind": "add_units", "power": "RED" | "neutral", "territory": "R", "n": 2}
    {"kind": "set_owner", "territory": "B", "owner": "RED" | None}
    {"kind": "set_legitimacy", "power": "RED", "value": 55}            # 0 to 100
    {"kind": "set_record", "power": "RED", "owed": 3, "kept": 2}       # credibility
    {"kind": "set_treasury", "power": "RED", "value": 12}              # 0 or more
    {"kind": "end_pact", "pact": "P2"}
    {"kind": "reveal_pact", "pact": "P2"}
    {"kind": "declare_peace", "between": ["RED", "BLU"]}

``edit_state`` checks everything first and raises ``EditError`` naming the problem, so a
refused edit changes nothing. Movement here ignores adjacency and combat: the umpire is
putting the world where the exercise needs it, not playing a move.
"""

from __future__ import annotations

from typing import Any, Callable

from game.engine import Pact, State

NEUTRAL = "neutral"
MAX_UNITS = 1_000_000
MAX_TREASURY = 1_000_000_000
MAX_RECORD = 1_000_000


class EditError(ValueError):
    """An edit that does not fit the world; the message names what is wrong."""


def _int(edit: dict[str, Any], key: str, low: int, high: int) -> int:
    value = edit.get(key)
    if not (isinstance(value, int) and not isinstance(value, bool) and low <= value <= high):
        raise EditError(f"{edit.get('kind')}: {key!r} must be a whole number from {low} "
                        f"to {high}, not {value!r}")
    return value


def _power(state: State, edit: dict[str, Any], key: str = "power",
           neutral: bool = False) -> int:
    """The index of the power the edit names (-1 for neutral, where allowed)."""
    power = edit.get(key)
    if neutral and power == NEUTRAL:
        return -1
    if not isinstance(power, str) or power not in state.scenario.power_index:
        raise EditError(f"{edit.get('kind')}: {key!r} must be a power of this match"
                        f"{' or neutral' if neutral else ''}, not {power!r}")
    return state.scenario.power_index[power]


def _territory(state: State, edit: dict[str, Any], key: str = "territory") -> int:
    tid = edit.get(key)
    if not isinstance(tid, str) or tid not in state.scenario.map.index:
        raise EditError(f"{edit.get('kind')}: {key!r} must be a territory of the map, "
                        f"not {tid!r}")
    return state.scenario.map.index[tid]


def _units(work: State, t: int, p: int) -> int:
    return int(work.garrison[t] if p < 0 else work.forces[t, p])


def _set_units(work: State, t: int, p: int, n: int) -> None:
    if p < 0:
        work.garrison[t] = n
    else:
        work.forces[t, p] = n


def _move_units(work: State, edit: dict[str, Any]) -> None:
    p = _power(work, edit)
    src, dst = _territory(work, edit, "from"), _territory(work, edit, "to")
    n = _int(edit, "n", 1, MAX_UNITS)
    if _units(work, src, p) < n:
        raise EditError(f"move_units: {edit['power']} has {_units(work, src, p)} units in "
                        f"{edit['from']}, fewer than {n}")
    _set_units(work, src, p, _units(work, src, p) - n)
    _set_units(work, dst, p, _units(work, dst, p) + n)


def _remove_units(work: State, edit: dict[str, Any]) -> None:
    p = _power(work, edit, neutral=True)
    t = _territory(work, edit)
    n = _int(edit, "n", 1, MAX_UNITS)
    if _units(work, t, p) < n:
        raise EditError(f"remove_units: {edit['power']} has {_units(work, t, p)} units in "
                        f"{edit['territory']}, fewer than {n}")
    _set_units(work, t, p, _units(work, t, p) - n)


def _add_units(work: State, edit: dict[str, Any]) -> None:
    p = _power(work, edit, neutral=True)
    t = _territory(work, edit)
    n = _int(edit, "n", 1, MAX_UNITS)
    _set_units(work, t, p, min(MAX_UNITS, _units(work, t, p) + n))


def _set_owner(work: State, edit: dict[str, Any]) -> None:
    t = _territory(work, edit)
    work.owner[t] = -1 if edit.get("owner") is None else _power(work, edit, "owner")


def _set_legitimacy(work: State, edit: dict[str, Any]) -> None:
    work.powers[_power(work, edit)].legitimacy = _int(edit, "value", 0, 100)


def _set_treasury(work: State, edit: dict[str, Any]) -> None:
    work.powers[_power(work, edit)].treasury = _int(edit, "value", 0, MAX_TREASURY)


def _set_record(work: State, edit: dict[str, Any]) -> None:
    power = work.powers[_power(work, edit)]
    owed = _int(edit, "owed", 0, MAX_RECORD)
    kept = _int(edit, "kept", 0, owed)
    power.owed, power.kept = owed, kept


def _pact(work: State, edit: dict[str, Any]) -> Pact:
    pact = work.pact(edit["pact"]) if isinstance(edit.get("pact"), str) else None
    if pact is None:
        raise EditError(f"{edit.get('kind')}: there is no pact {edit.get('pact')!r}")
    if not pact.active:
        raise EditError(f"{edit.get('kind')}: pact {pact.id} has already ended")
    return pact


def _end_pact(work: State, edit: dict[str, Any]) -> None:
    pact = _pact(work, edit)
    pact.status = "ended"
    pact.engaged_against = []
    pact.withdrawing = {}


def _reveal_pact(work: State, edit: dict[str, Any]) -> None:
    pact = _pact(work, edit)
    if pact.revealed:
        raise EditError(f"reveal_pact: pact {pact.id} is not secret")
    pact.revealed = True


def _declare_peace(work: State, edit: dict[str, Any]) -> None:
    between = edit.get("between")
    index = work.scenario.power_index
    if not (isinstance(between, list) and len(between) == 2
            and all(isinstance(b, str) and b in index for b in between)
            and between[0] != between[1]):
        raise EditError(f"declare_peace: 'between' must name two different powers, "
                        f"not {between!r}")
    pair = tuple(sorted(index[b] for b in between))
    if pair not in work.wars:
        raise EditError(f"declare_peace: {between[0]} and {between[1]} are not at war")
    del work.wars[pair]


EDITS: dict[str, Callable[[State, dict[str, Any]], None]] = {
    "move_units": _move_units, "remove_units": _remove_units, "add_units": _add_units,
    "set_owner": _set_owner, "set_legitimacy": _set_legitimacy,
    "set_record": _set_record, "set_treasury": _set_treasury, "end_pact": _end_pact,
    "reveal_pact": _reveal_pact, "declare_peace": _declare_peace,
}


def edit_state(state: State, edit: Any) -> State:
    """A new frozen state: ``state`` with the edit applied. Raises EditError."""
    if not isinstance(edit, dict) or not isinstance(edit.get("kind"), str) \
            or edit["kind"] not in EDITS:
        raise EditError(f"an edit is a map whose kind is one of {', '.join(EDITS)}")
    if state.over:
        raise EditError("the match is over; the world can no longer change")
    work = state.copy()
    EDITS[edit["kind"]](work, edit)
    return work.freeze()
