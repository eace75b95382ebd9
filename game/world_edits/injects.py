"""Injects: shocks and news the umpire drops into a match, scripted in the
scenario file's ``[[injects]]`` by turn (and optional condition) or ad hoc.

    [[injects]]
    turn = 3                                   # fires when turn 3's planning begins
    kind = "economic_crisis"                   # see INJECT_KINDS (default: announcement)
    targets = ["RED"]                          # or "all" (the default)
    amount = 4                                 # treasury lost (scandal: legitimacy lost)
    text = "The Bank of Redland fails."
    condition = { kind = "at_war", powers = ["RED", "BLU"] }

Kinds and their effect on the targets: ``announcement`` (none), ``economic_crisis``
(treasury − amount, not below 0), ``scandal`` (legitimacy − amount, not below 0), ``leak``
(reveals ``pact``, or every unrevealed secret pact a target belongs to), ``border_incident``
(none: news of an incident between ``powers``, at ``territory`` if given).

An inject is told to its targets (to everyone, spectators included, when ``targets`` is
``"all"``); its effects show in every seat's view. ``inject_problems`` is the one check,
used by the scenario checker and by the umpire's ad hoc command alike.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Mapping

from game.engine import State

ANNOUNCEMENT = "announcement"
ECONOMIC_CRISIS = "economic_crisis"
SCANDAL = "scandal"
LEAK = "leak"
BORDER_INCIDENT = "border_incident"
INJECT_KINDS: tuple[str, ...] = (ANNOUNCEMENT, ECONOMIC_CRISIS, SCANDAL, LEAK,
                                 BORDER_INCIDENT)
ALL = "all"

INJECT_KEYS = ("kind", "targets", "text", "amount", "pact", "powers", "territory", "title")
SCRIPTED_KEYS = INJECT_KEYS + ("turn", "condition")
CONDITION_KINDS: tuple[str, ...] = ("at_war", "at_peace", "owns", "legitimacy_below",
                                    "treasury_below", "secret_pact", "pact_active")
MAX_INJECT_TEXT = 2000
MAX_AMOUNT = 1_000_000


def _is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _power_list(value: Any, powers: list[str]) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(p, str) and p in powers for p in value)
            and len(set(value)) == len(value))


def inject_problems(doc: Any, powers: list[str], territories: list[str],
                    scripted: bool = False) -> list[str]:
    """Every problem with one inject, a sentence each; empty when it is sound.

    ``scripted`` injects (from a scenario file) also need ``turn`` and may have a
    ``condition``; ad hoc ones fire at once and may have neither.
    """
    if not isinstance(doc, dict):
        return ["an inject is a table of keys"]
    allowed = SCRIPTED_KEYS if scripted else INJECT_KEYS
    problems = [f"unknown key {key!r}; the keys are: {', '.join(allowed)}"
                for key in doc if key not in allowed]
    kind = doc.get("kind", ANNOUNCEMENT)
    if kind not in INJECT_KINDS:
        problems.append(f"kind must be one of {', '.join(INJECT_KINDS)}, not {kind!r}")
    targets = doc.get("targets", ALL)
    if targets != ALL and not _power_list(targets, powers):
        problems.append(f"targets must be \"all\" or a list of different powers of the "
                        f"scenario ({', '.join(powers)}), not {targets!r}")
    for key in ("text", "title"):
        if key in doc and not (isinstance(doc[key], str) and len(doc[key]) <= MAX_INJECT_TEXT):
            problems.append(f"{key} must be text of at most {MAX_INJECT_TEXT} characters")
    if kind in (ECONOMIC_CRISIS, SCANDAL):
        if not _is_int(doc.get("amount"), 1, MAX_AMOUNT):
            problems.append(f"a {kind} needs amount, a whole number from 1 to {MAX_AMOUNT}, "
                            f"not {doc.get('amount')!r}")
    elif "amount" in doc:
        problems.append(f"amount is for economic_crisis and scandal, not {kind}")
    if "pact" in doc and (kind != LEAK or not isinstance(doc["pact"], str)):
        problems.append("pact is the id of the pact a leak reveals (text)")
    if kind == BORDER_INCIDENT:
        if not (_power_list(doc.get("powers"), powers) and len(doc["powers"]) == 2):
            problems.append(f"a border_incident needs powers, the two powers involved, "
                            f"not {doc.get('powers')!r}")
    elif "powers" in doc:
        problems.append("powers is for a border_incident")
    if "territory" in doc and doc["territory"] not in territories:
        problems.append(f"territory {doc['territory']!r} is not on the map")
    if scripted:
        if not _is_int(doc.get("turn"), 1, 10_000):
            problems.append(f"turn must be the whole number of the turn it fires at "
                            f"(1 or more), not {doc.get('turn')!r}")
        if "condition" in doc:
            problems += condition_problems(doc["condition"], powers, territories)
    if not problems and kind == ANNOUNCEMENT and not doc.get("text", "").strip():
        problems.append("an announcement needs text")
    return problems


def condition_problems(cond: Any, powers: list[str], territories: list[str]) -> list[str]:
    """Every problem with a scripted inject's condition."""
    if not isinstance(cond, dict) or cond.get("kind") not in CONDITION_KINDS:
        return [f"condition is a table whose kind is one of {', '.join(CONDITION_KINDS)}"]
    kind = cond["kind"]
    need: dict[str, Callable[[Any], bool]] = {
        "at_war": lambda c: _power_list(c.get("powers"), powers) and len(c["powers"]) == 2,
        "at_peace": lambda c: _power_list(c.get("powers"), powers) and len(c["powers"]) == 2,
        "owns": lambda c: c.get("power") in powers and c.get("territory") in territories,
        "legitimacy_below": lambda c: c.get("power") in powers and _is_int(c.get("value"),
                                                                           0, 101),
        "treasury_below": lambda c: c.get("power") in powers and _is_int(c.get("value"), 0,
                                                                         MAX_AMOUNT),
        "secret_pact": lambda c: "powers" not in c or _power_list(c["powers"], powers),
        "pact_active": lambda c: isinstance(c.get("pact"), str),
    }
    fields = {"at_war": "powers (two)", "at_peace": "powers (two)",
              "owns": "power and territory", "legitimacy_below": "power and value",
              "treasury_below": "power and value", "secret_pact": "optional powers",
              "pact_active": "pact"}
    return [] if need[kind](cond) else [f"a {kind} condition needs {fields[kind]}"]


def condition_holds(state: State, cond: dict[str, Any] | None) -> bool:
    """Whether a (checked) condition holds in ``state``; no condition always holds."""
    if cond is None:
        return True
    kind = cond["kind"]
    index = state.scenario.power_index
    if kind in ("at_war", "at_peace"):
        war = state.at_war(index[cond["powers"][0]], index[cond["powers"][1]])
        return war if kind == "at_war" else not war
    if kind == "owns":
        return int(state.owner[state.scenario.map.index[cond["territory"]]]) \
            == index[cond["power"]]
    if kind == "legitimacy_below":
        return bool(state.power(cond["power"]).legitimacy < cond["value"])
    if kind == "treasury_below":
        return bool(state.power(cond["power"]).treasury < cond["value"])
    if kind == "secret_pact":
        return bool(_leakable(state, cond.get("powers", ALL)))
    pact = state.pact(cond["pact"])
    return pact is not None and pact.active


def normalised_inject(doc: dict[str, Any]) -> dict[str, Any]:
    """A checked inject with its defaults written out (the form the log keeps), without
    the scripting keys."""
    out = {key: copy.deepcopy(doc[key]) for key in INJECT_KEYS if key in doc}
    out.setdefault("kind", ANNOUNCEMENT)
    out.setdefault("targets", ALL)
    out.setdefault("text", "")
    return out


def scripted_for(scenario_doc: dict[str, Any], turn: int, state: State) -> list[dict[str, Any]]:
    """The scenario's injects for ``turn`` whose condition holds (and that would do
    something: a leak with no secret left to reveal does not fire), in file order.

    An unsound inject never fires: the scenario checker reports it, and a match must not
    fail at the start of a turn because of a file it was created from."""
    fired = []
    powers, places = state.scenario.power_ids, state.scenario.map.ids
    for doc in scenario_doc.get("injects", []):
        if not isinstance(doc, dict) or doc.get("turn") != turn:
            continue
        if (inject_problems(doc, powers, places, scripted=True)
                or not condition_holds(state, doc.get("condition"))):
            continue
        inject = normalised_inject(doc)
        if inject["kind"] == LEAK and not leaked_pacts(state, inject):
            continue
        fired.append(inject)
    return fired


def _leakable(state: State, powers: Any) -> list[str]:
    return [p.id for p in state.pacts
            if p.active and p.secret and not p.revealed
            and (powers == ALL or set(p.members) & set(powers))]


def leaked_pacts(state: State, inject: dict[str, Any]) -> list[str]:
    """The ids of the pacts a leak reveals in ``state``."""
    if "pact" in inject:
        return [pid for pid in _leakable(state, ALL) if pid == inject["pact"]]
    return _leakable(state, inject["targets"])


def targets_of(state: State, inject: dict[str, Any]) -> list[str]:
    ids = state.scenario.power_ids
    return list(ids) if inject["targets"] == ALL else list(inject["targets"])


def apply_inject(state: State, inject: dict[str, Any]) -> State:
    """The state after the inject's effect (the same state when it has none)."""
    kind = inject["kind"]
    if kind not in (ECONOMIC_CRISIS, SCANDAL, LEAK):
        return state
    work = state.copy()
    if kind == LEAK:
        for pid in leaked_pacts(state, inject):
            pact = work.pact(pid)
            assert pact is not None         # leaked_pacts names pacts of this very state
            pact.revealed = True
    else:
        for power in targets_of(state, inject):
            ps = work.power(power)
            if ps.eliminated:
                continue
            if kind == ECONOMIC_CRISIS:
                ps.treasury = max(0, ps.treasury - inject["amount"])
            else:
                ps.legitimacy = max(0, ps.legitimacy - inject["amount"])
    return work.freeze()


def inject_text(inject: dict[str, Any], names: Mapping[str, str] | None = None) -> str:
    """What players read: the author's text, or a plain sentence when there is none, the
    powers in it called by ``names`` (power id -> name; their ids without)."""
    if inject.get("text"):
        return str(inject["text"])
    called = names or {}
    who = ("everyone" if inject["targets"] == ALL
           else ", ".join(called.get(p, p) for p in inject["targets"]))
    kind = inject["kind"]
    if kind == ECONOMIC_CRISIS:
        return f"An economic crisis strikes {who}: treasury −{inject['amount']}."
    if kind == SCANDAL:
        return f"A scandal breaks for {who}: legitimacy −{inject['amount']}."
    if kind == LEAK:
        return "A secret pact has been leaked."
    if kind == BORDER_INCIDENT:
        place = f" at {inject['territory']}" if inject.get("territory") else ""
        return (f"A border incident between "
                f"{' and '.join(called.get(p, p) for p in inject['powers'])}{place}.")
    return ""
