"""The changing part of a game (RULES.md §2) and its canonical JSON (RULES.md §8).

A ``State`` belongs to a ``Scenario`` (map, powers, rules), which the JSON does not repeat.
States handed out by the engine are never changed afterwards: their NumPy arrays are made
read-only, and ``adjudicate`` works on a ``copy()``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .seat import ALLIANCE_KINDS
from .terms import pact_members
from .world import Scenario, initial_pact_terms


class StateError(ValueError):
    """A state document that does not fit its scenario."""


def round_half_up(x: float) -> int:
    """RULES.md §5: ``round(x)`` means ``floor(x + 0.5)``."""
    return int(np.floor(x + 0.5))


def credibility(owed: int, kept: int) -> int:
    """C = round(100 × (kept + 1) / (owed + 2)): 50 with no record (RULES.md §5, step 6)."""
    return round_half_up(100 * (kept + 1) / (owed + 2))


@dataclass
class PowerState:
    treasury: int
    legitimacy: int
    owed: int = 0
    kept: int = 0
    eliminated: bool = False

    @property
    def credibility(self) -> int:
        return credibility(self.owed, self.kept)

    def copy(self) -> "PowerState":
        # Written out: ``dataclasses.replace`` costs several times more, once per power
        # per turn. Every field is immutable.
        return PowerState(self.treasury, self.legitimacy, self.owed, self.kept,
                          self.eliminated)


@dataclass
class Pact:
    """A signed pact. ``members`` keeps its listed order; the rest are the terms of §3."""

    id: str
    kind: str
    members: list[str]
    since: int
    target: str | None = None
    burden_share: float = 0.2
    notice: int = 1
    duration: int = 0
    secret: bool = False
    integrated_command: bool = False
    status: str = "active"
    engaged_against: list[str] = field(default_factory=list)
    revealed: bool = True
    withdrawing: dict[str, int] = field(default_factory=dict)
    pledges: dict[str, int] = field(default_factory=dict)
    against: list[str] = field(default_factory=list)
    name: str = ""
    sides: list[list[str]] = field(default_factory=list)
    transfers: list[dict[str, str]] = field(default_factory=list)
    truce: int = 0
    theatre: list[str] = field(default_factory=list)   # ruleset 2 (RULES.md, "Reach")

    @property
    def active(self) -> bool:
        return self.status == "active"

    def copy(self) -> "Pact":
        """A copy sharing no list or dict with this pact. Written out rather than
        ``copy.deepcopy``, which was a quarter of a small turn's adjudication."""
        return replace(
            self, members=list(self.members), engaged_against=list(self.engaged_against),
            withdrawing=dict(self.withdrawing), pledges=dict(self.pledges),
            against=list(self.against), sides=[list(side) for side in self.sides],
            transfers=[dict(t) for t in self.transfers], theatre=list(self.theatre))

    @property
    def is_alliance(self) -> bool:
        """Defensive and offensive pacts make their members allies (RULES.md §2)."""
        return self.kind in ALLIANCE_KINDS

    @classmethod
    def from_terms(cls, pact_id: str, terms: dict[str, Any], since: int) -> "Pact":
        """A newly signed pact from normalised terms (``terms.normalised_terms``)."""
        return cls(
            id=pact_id, kind=terms["kind"], members=list(pact_members(terms)), since=since,
            target=terms.get("target"), burden_share=terms["burden_share"],
            notice=terms["notice"], duration=terms["duration"], secret=terms["secret"],
            integrated_command=terms["integrated_command"],
            revealed=not terms["secret"], pledges=dict(terms.get("pledges", {})),
            against=list(terms.get("against", [])), name=terms.get("name", ""),
            sides=[list(s) for s in terms.get("sides", [])],
            transfers=[dict(t) for t in terms.get("transfers", [])],
            truce=terms.get("truce", 0), theatre=list(terms.get("theatre", [])),
        )


@dataclass
class State:
    """One moment of a game: the start of turn ``turn`` (RULES.md §2).

    ``owner[t]`` is a power index or -1 (neutral); ``forces[t, p]`` units of power p in
    territory t; ``garrison[t]`` the neutral garrison. ``wars`` maps a pair of power indices
    (lower first) to the aggressor's index, or None for a war begun by a defensive trigger.
    """

    scenario: Scenario
    turn: int
    seed: int
    powers: list[PowerState]
    owner: np.ndarray
    forces: np.ndarray
    garrison: np.ndarray
    wars: dict[tuple[int, int], int | None]
    pacts: list[Pact]
    winner: dict[str, Any] | None = None

    # --- reading -------------------------------------------------------------------------

    @property
    def label(self) -> str:
        return self.scenario.label(self.turn)

    @property
    def over(self) -> bool:
        return self.winner is not None

    def power(self, power_id: str) -> PowerState:
        return self.powers[self.scenario.power_index[power_id]]

    def at_war(self, p: int, q: int) -> bool:
        return (min(p, q), max(p, q)) in self.wars

    def pact(self, pact_id: str) -> Pact | None:
        for pact in self.pacts:
            if pact.id == pact_id:
                return pact
        return None

    def allies(self, p: int) -> set[int]:
        """Powers sharing an active defensive or offensive pact with power p."""
        ids = self.scenario.power_ids
        me = ids[p]
        index = self.scenario.power_index
        return {index[m] for pact in self.pacts if pact.active and pact.is_alliance
                and me in pact.members for m in pact.members if m != me}

    def alliance_matrix(self) -> np.ndarray:
        """allied[p, q]: p and q share an active defensive or offensive pact."""
        n = len(self.powers)
        allied = np.zeros((n, n), dtype=bool)
        index = self.scenario.power_index
        for pact in self.pacts:
            if pact.active and pact.is_alliance:
                members = [index[m] for m in pact.members]
                allied[np.ix_(members, members)] = True
        np.fill_diagonal(allied, False)
        return allied

    def war_matrix(self) -> np.ndarray:
        n = len(self.powers)
        war = np.zeros((n, n), dtype=bool)
        for p, q in self.wars:
            war[p, q] = war[q, p] = True
        return war

    def owned_value(self, p: int) -> int:
        return int(self.scenario.map.values[self.owner == p].sum())

    def owned_values(self) -> list[int]:
        """``owned_value`` of every power, in one pass over the map instead of one each."""
        totals = np.zeros(len(self.powers) + 1, dtype=np.int64)
        np.add.at(totals, self.owner, self.scenario.map.values)   # neutral -1: the last
        return totals[:-1].tolist()

    def by_owner(self, table: np.ndarray, neutral: bool) -> np.ndarray:
        """``table[owner[t]]`` for every territory t, a powers × powers table read from the
        owner's row; neutral territories get a row of ``neutral``."""
        rows = np.empty((table.shape[0] + 1, table.shape[1]), dtype=table.dtype)
        rows[:-1] = table
        rows[-1] = neutral
        return rows[self.owner]   # a neutral owner, -1, reads the last row

    # --- copying -------------------------------------------------------------------------

    def copy(self) -> "State":
        """A deep, writable copy (the engine's working copy)."""
        return State(
            scenario=self.scenario, turn=self.turn, seed=self.seed,
            powers=[power.copy() for power in self.powers], owner=self.owner.copy(),
            forces=self.forces.copy(), garrison=self.garrison.copy(), wars=dict(self.wars),
            pacts=[pact.copy() for pact in self.pacts], winner=copy.deepcopy(self.winner),
        )

    def freeze(self) -> "State":
        """Make the arrays read-only, so a state handed out cannot be changed by accident."""
        for array in (self.owner, self.forces, self.garrison):
            array.flags.writeable = False
        return self

    @property
    def frozen(self) -> bool:
        return not self.forces.flags.writeable

    def shared_json(self) -> dict[str, Any]:
        """The canonical JSON of a frozen state, built once and shared: read it, never change
        it (``to_json`` gives a private copy). Every seat's view is cut from it."""
        if not self.frozen:
            return self.to_json()
        cached = self.__dict__.get("_shared_json")
        if cached is None:
            cached = self.__dict__["_shared_json"] = self.to_json()
        return cached

    # --- canonical JSON ------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON document of RULES.md §8, keys in a stable order."""
        ids = self.scenario.power_ids
        owners = [*ids, None]   # owner -1 (neutral) reads the last
        # Most entries of ``forces`` are 0: visit only the others, in row-major order (by
        # territory, then power: the order of the keys).
        heres: list[dict[str, Any]] = [{} for _ in range(len(self.owner))]
        ts, ps = np.nonzero(self.forces)
        for t, p, n in zip(ts.tolist(), ps.tolist(), self.forces[ts, ps].tolist()):
            heres[t][ids[p]] = n
        for t in np.flatnonzero(self.garrison).tolist():
            heres[t]["neutral"] = int(self.garrison[t])
        territories: dict[str, Any] = {
            terr.id: {"owner": owners[o], "forces": here}
            for terr, o, here in zip(self.scenario.map.territories, self.owner.tolist(), heres)}
        return {
            "turn": self.turn,
            "seed": self.seed,
            "label": self.label,
            "powers": {
                ids[i]: {"treasury": ps.treasury, "legitimacy": ps.legitimacy, "owed": ps.owed,
                         "kept": ps.kept, "credibility": ps.credibility,
                         "eliminated": ps.eliminated}
                for i, ps in enumerate(self.powers)
            },
            "territories": territories,
            "wars": [{"between": [ids[p], ids[q]],
                      "aggressor": ids[a] if a is not None else None}
                     for (p, q), a in sorted(self.wars.items())],
            "pacts": [pact_to_json(pact) for pact in self.pacts],
            "winner": copy.deepcopy(self.winner),
        }

    def canonical_bytes(self) -> bytes:
        return canonical_dumps(self.shared_json()).encode("utf-8")

    def hash(self) -> str:
        """A stable hash of the state: equal states give equal hashes on every machine."""
        return hashlib.sha256(self.canonical_bytes()).hexdigest()


def canonical_dumps(doc: Any) -> str:
    """Compact JSON with keys in the order they were written (the canonical form)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def state_hash(state: State) -> str:
    """A stable SHA-256 of the canonical JSON of ``state``."""
    return state.hash()


def pact_to_json(pact: Pact) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": pact.id, "kind": pact.kind, "members": list(pact.members),
        "target": pact.target, "burden_share": pact.burden_share, "notice": pact.notice,
        "duration": pact.duration, "secret": pact.secret, "status": pact.status,
        "since": pact.since, "engaged_against": list(pact.engaged_against),
        "revealed": pact.revealed, "withdrawing": dict(pact.withdrawing),
    }
    # The other terms appear only where the pact has them (RULES.md §8).
    if pact.pledges:
        doc["pledges"] = dict(pact.pledges)
    if pact.against:
        doc["against"] = list(pact.against)
    if pact.theatre:
        doc["theatre"] = list(pact.theatre)
    if pact.integrated_command:
        doc["integrated_command"] = True
    if pact.name:
        doc["name"] = pact.name
    if pact.kind == "peace":
        doc["sides"] = [list(s) for s in pact.sides]
        doc["transfers"] = [dict(t) for t in pact.transfers]
        doc["truce"] = pact.truce
    return doc


# --- building states ------------------------------------------------------------------


def initial_state(scenario: Scenario, seed: int = 0) -> State:
    """The state at the start of turn 1 of a (checked) scenario."""
    doc = scenario.scenario_doc
    index = scenario.map.index
    n_t, n_p = len(scenario.map), len(scenario.powers)
    owner = np.full(n_t, -1, dtype=np.int64)
    forces = np.zeros((n_t, n_p), dtype=np.int64)
    garrison = np.zeros(n_t, dtype=np.int64)
    powers = []
    for p, power_doc in enumerate(doc["powers"]):
        for tid in power_doc.get("territories", []):
            owner[index[tid]] = p
        for tid, n in power_doc.get("forces", {}).items():
            forces[index[tid], p] = int(n)
        powers.append(PowerState(treasury=int(power_doc.get("treasury", 0)),
                                 legitimacy=int(power_doc.get("legitimacy", 70)),
                                 owed=int(power_doc.get("owed", 0)),
                                 kept=int(power_doc.get("kept", 0))))
    for tid, n in doc.get("neutral", {}).get("forces", {}).items():
        garrison[index[tid]] = int(n)
    pacts = [Pact.from_terms(f"P{i + 1}", terms, since=0)
             for i, terms in enumerate(initial_pact_terms(scenario))]
    return State(scenario=scenario, turn=1, seed=int(seed), powers=powers, owner=owner,
                 forces=forces, garrison=garrison, wars={}, pacts=pacts).freeze()


def _need(doc: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in doc:
        raise StateError(f"{where}: missing {key!r}")
    value = doc[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise StateError(f"{where}: {key!r} has the wrong type ({type(value).__name__})")
    return value


def state_from_json(doc: Any, scenario: Scenario) -> State:
    """Read a canonical state document for ``scenario``; raises StateError naming the problem.

    Credibility is derived from the commitment record, so the document's ``credibility`` is
    not trusted.
    """
    if not isinstance(doc, dict):
        raise StateError("a state must be a JSON object")
    ids = scenario.power_ids
    pindex = scenario.power_index
    tindex = scenario.map.index
    turn = _need(doc, "turn", int, "state")
    seed = _need(doc, "seed", int, "state")
    if turn < 1:
        raise StateError("state: 'turn' must be 1 or more")
    if seed < 0:
        raise StateError("state: 'seed' must be 0 or more")
    powers_doc = _need(doc, "powers", dict, "state")
    if set(powers_doc) != set(ids):
        raise StateError(f"state: 'powers' must list exactly the scenario's powers "
                         f"({', '.join(ids)})")
    powers = []
    for pid in ids:
        pd = powers_doc[pid]
        where = f"power {pid}"
        if not isinstance(pd, dict):
            raise StateError(f"{where}: must be an object")
        ps = PowerState(treasury=_need(pd, "treasury", int, where),
                        legitimacy=_need(pd, "legitimacy", int, where),
                        owed=_need(pd, "owed", int, where), kept=_need(pd, "kept", int, where),
                        eliminated=bool(pd.get("eliminated", False)))
        if ps.treasury < 0 or not 0 <= ps.legitimacy <= 100 or not 0 <= ps.kept <= ps.owed:
            raise StateError(f"{where}: treasury must be ≥ 0, legitimacy 0–100 and "
                             "0 ≤ kept ≤ owed")
        powers.append(ps)
    terr_doc = _need(doc, "territories", dict, "state")
    unknown = set(terr_doc) - set(tindex)
    if unknown:
        raise StateError(f"state: unknown territory {sorted(unknown)[0]!r}")
    n_t = len(scenario.map)
    owner = np.full(n_t, -1, dtype=np.int64)
    forces = np.zeros((n_t, len(ids)), dtype=np.int64)
    garrison = np.zeros(n_t, dtype=np.int64)
    for tid, td in terr_doc.items():
        t = tindex[tid]
        where = f"territory {tid}"
        if not isinstance(td, dict):
            raise StateError(f"{where}: must be an object")
        own = td.get("owner")
        if own is not None:
            if own not in pindex:
                raise StateError(f"{where}: unknown owner {own!r}")
            owner[t] = pindex[own]
        here = td.get("forces", {})
        if not isinstance(here, dict):
            raise StateError(f"{where}: 'forces' must be an object")
        for pid, n in here.items():
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise StateError(f"{where}: forces of {pid} must be a whole number ≥ 0")
            if pid == "neutral":
                garrison[t] = n
            elif pid in pindex:
                forces[t, pindex[pid]] = n
            else:
                raise StateError(f"{where}: forces of unknown power {pid!r}")
    wars: dict[tuple[int, int], int | None] = {}
    for i, wd in enumerate(_need(doc, "wars", list, "state")):
        where = f"war {i + 1}"
        between = wd.get("between") if isinstance(wd, dict) else None
        if (not isinstance(between, list) or len(between) != 2
                or not all(b in pindex for b in between) or between[0] == between[1]):
            raise StateError(f"{where}: 'between' must name two different powers")
        p, q = sorted(pindex[b] for b in between)
        aggressor = wd.get("aggressor")
        if aggressor is not None and aggressor not in between:
            raise StateError(f"{where}: the aggressor must be one of the two powers")
        wars[(p, q)] = pindex[aggressor] if aggressor is not None else None
    pacts = [_pact_from_json(pd, i, pindex) for i, pd in
             enumerate(_need(doc, "pacts", list, "state"))]
    winner = doc.get("winner")
    return State(scenario=scenario, turn=turn, seed=seed, powers=powers, owner=owner,
                 forces=forces, garrison=garrison, wars=wars, pacts=pacts,
                 winner=copy.deepcopy(winner)).freeze()


def _pact_from_json(pd: Any, i: int, pindex: dict[str, int]) -> Pact:
    where = f"pact {i + 1}"
    if not isinstance(pd, dict):
        raise StateError(f"{where}: must be an object")
    members = _need(pd, "members", list, where)
    if not all(m in pindex for m in members):
        raise StateError(f"{where}: members must be known powers")
    kind = _need(pd, "kind", str, where)
    if kind not in ("defensive", "offensive", "non_aggression", "peace"):
        raise StateError(f"{where}: unknown kind {kind!r}")
    status = pd.get("status", "active")
    if status not in ("active", "ended"):
        raise StateError(f"{where}: status must be 'active' or 'ended'")
    try:
        return Pact(
            id=_need(pd, "id", str, where), kind=kind, members=list(members),
            since=int(pd.get("since", 0)), target=pd.get("target"),
            burden_share=float(pd.get("burden_share", 0.2)), notice=int(pd.get("notice", 1)),
            duration=int(pd.get("duration", 0)), secret=bool(pd.get("secret", False)),
            integrated_command=bool(pd.get("integrated_command", False)), status=status,
            engaged_against=list(pd.get("engaged_against", [])),
            revealed=bool(pd.get("revealed", not pd.get("secret", False))),
            withdrawing={k: int(v) for k, v in pd.get("withdrawing", {}).items()},
            pledges={k: int(v) for k, v in pd.get("pledges", {}).items()},
            against=list(pd.get("against", [])), name=str(pd.get("name", "")),
            sides=[list(s) for s in pd.get("sides", [])],
            transfers=[dict(t) for t in pd.get("transfers", [])],
            truce=int(pd.get("truce", 0)), theatre=list(pd.get("theatre", [])),
        )
    except (TypeError, ValueError, AttributeError) as err:
        raise StateError(f"{where}: {err}") from None
