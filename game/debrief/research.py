"""What a played game says about alliances, counted from its states and turn reports.

The after-action report words them for one match (``game.debrief.page``); ``casus
simulate`` sums them over many games and sets them beside the research on alliances
(docs/BOTS.md, "The research figures"). They read only the engine's report events
(RULES.md §8) and the states between turns, so every figure can be checked against one
game's report by hand. They live here, below the bots, so both read one copy.

``states[k]`` is the start of the turn whose report is ``reports[k]``.
"""

from __future__ import annotations

import math
from collections import Counter
from statistics import mean
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from game.engine import State
from game.engine.terms import pact_key

Event = dict[str, Any]

# Research bands each figure is set beside (docs/BOTS.md, "The research figures"), by
# casus simulate's summary and by the after-action report alike.
BANDS = {
    "honour_all": "74.5% of alliance commitments honoured (Leeds, Long & Mitchell 2000)",
    "honour_offensive": "offensive ~74% (Berkemeier & Fuhrmann 2018)",
    "honour_defensive": "defensive ~41% (Berkemeier & Fuhrmann 2018)",
    "deterrence": "below 1: defensive pacts deter attack (Leeds 2003)",
    "size_burden": ("rank r 0.49 in NATO, 1964 (Olson & Zeckhauser 1966); "
                    "later studies 0.1–0.5"),
}


def turn_events(reports: list[dict[str, Any]]) -> Iterator[tuple[int, Event]]:
    """(k, event) for every event of every report, k the report's index."""
    for k, report in enumerate(reports):
        for event in report.get("events", []):
            yield k, event


def pact_kinds(states: list[State]) -> dict[str, str]:
    """Each pact id's kind, from every state it appears in."""
    return {p.id: p.kind for s in states for p in s.pacts}


def commitment(e: Event) -> tuple[int, int] | None:
    """(kept, owed) an event adds to its power's record (RULES.md §5, the record)."""
    t = e["type"]
    if t == "called_to_war":
        return (1 if e.get("kept") else 0), 1
    if t == "honoured":
        return 1, 1
    if t in ("shortfall", "pact_broken"):
        return 0, 1
    return None


@dataclass
class Tally:
    """Commitments (kept, owed) by pact kind and by power."""

    by_kind: dict[str, list[int]] = field(default_factory=dict)
    by_power: dict[str, list[int]] = field(default_factory=dict)


def commitments(states: list[State], reports: list[dict[str, Any]]) -> Tally:
    kinds = pact_kinds(states)
    tally = Tally()
    for _, e in turn_events(reports):
        got = commitment(e)
        if got is None or not e.get("power"):
            continue
        kind = kinds.get(str(e.get("pact")), str(e.get("kind", "other")))
        for table, key in ((tally.by_kind, kind), (tally.by_power, str(e["power"]))):
            cell = table.setdefault(key, [0, 0])
            cell[0] += got[0]
            cell[1] += got[1]
    return tally


def calls(reports: list[dict[str, Any]]) -> Counter[str]:
    """Calls to war by what they were: ``entrapment`` (an invocation drew in a member not
    already at war with the target), ``unanswered call`` (not kept), ``abandonment`` (a
    pact left while engaged)."""
    out: Counter[str] = Counter()
    for _, e in turn_events(reports):
        if e["type"] == "called_to_war":
            if not e.get("kept", True):
                out["unanswered call"] += 1
            elif e.get("cause") == "invocation" and not e.get("already_at_war"):
                out["entrapment"] += 1
        elif e["type"] == "pact_broken" and e.get("reason") == "abandonment":
            out["abandonment"] += 1
    return out


@dataclass(frozen=True)
class MemberBurden:
    """One member of one engaged pact over its audits (RULES.md §5 step 6), either in the
    wars the pact called it to or in its own: Olson and Zeckhauser's unit of observation,
    an ally's size against the share of its own resources it spent on the common cause."""

    pact: str
    power: str
    called: bool        # audited in wars the pact called it to (else its own wars)
    audits: int         # audits of this member under this pact (one per enemy per turn)
    units: int          # its units at the start of each audited turn, summed
    pact_units: int     # all the pact's members' units at those starts, summed
    committed: float    # the forces it committed in those audits, summed

    @property
    def size_share(self) -> float:
        """Its share of the pact's units: its size within the alliance."""
        return self.units / self.pact_units if self.pact_units else 0.0

    @property
    def burden(self) -> float:
        """The forces it committed over its own units: its burden relative to its size
        (Olson and Zeckhauser's defence spending as a share of GNP)."""
        return self.committed / self.units if self.units else 0.0

    def counted(self, own_wars: bool = False) -> bool:
        """Whether it is a pair of size–burden r: a member with units to commit that the
        pact called to war (with ``own_wars``, one in its own war as well)."""
        return self.units > 0 and (self.called or own_wars)


def _members_at(states: list[State], k: int, pact_id: str) -> tuple[str, ...]:
    """The pact's members at the start of turn k, or, for a pact signed during turn k,
    at its end."""
    for state in states[k:k + 2]:
        for pact in state.pacts:
            if pact.id == pact_id:
                return tuple(pact.members)
    return ()


def member_burdens(states: list[State], reports: list[dict[str, Any]]) -> list[MemberBurden]:
    """Every member audited in an engaged pact (an ``honoured`` or ``shortfall``; in ruleset
    2 an ``out_of_reach`` member owes and commits nothing, so it is no audit), with its
    units and the pact's members' at the start of each audited turn, and what it
    committed, summed over its audits; in order of first audit. An audit counts as
    *called* when the pact called the member to war against that enemy (a
    ``called_to_war``, in that turn or before): the attacked member and the invoker fight
    their own wars, and a member's audits in each make separate rows."""
    called: set[tuple[str, str, str]] = set()
    per: dict[tuple[str, str, bool], list[float]] = {}
    for k, e in turn_events(reports):
        if e["type"] == "called_to_war" and e.get("kept"):
            called.add((e["pact"], e["power"], e["against"]))
        if e["type"] not in ("honoured", "shortfall"):
            continue
        state = states[k]
        units = state.forces.sum(axis=0)
        index = state.scenario.power_index
        members = _members_at(states, k, e["pact"]) or (e["power"],)
        key = (e["pact"], e["power"], (e["pact"], e["power"], e["against"]) in called)
        cell = per.setdefault(key, [0, 0, 0, 0.0])
        cell[0] += 1
        cell[1] += int(units[index[e["power"]]])
        cell[2] += sum(int(units[index[m]]) for m in members)
        cell[3] += float(e.get("committed", 0))
    return [MemberBurden(pact, power, was_called, int(a), int(u), int(t), c)
            for (pact, power, was_called), (a, u, t, c) in per.items()]


def burden_pairs(burdens: Iterable[MemberBurden],
                 own_wars: bool = False) -> list[tuple[float, float]]:
    """(size share, burden) of every member that a pact called to war and the audit then
    judged, with units to commit: its share of the pact's units against the forces it
    committed over its own units (Olson and Zeckhauser's test). The attacked member and
    the invoker are left out, as from the honour rate: they fight their own war, and
    what they commit to it is no share of the alliance's burden (with ``own_wars``, they
    are counted too)."""
    return [(b.size_share, b.burden) for b in burdens if b.counted(own_wars)]


def first_audits(reports: list[dict[str, Any]]) -> list[bool | None]:
    """For every call to arms, in report order: whether the first audit of that member for
    that pact and enemy, in the call's turn or later, found its obligation met (in ruleset
    2, out of reach is nothing owed: met), or None when it was never audited."""
    audits: dict[tuple[str, str, str], list[tuple[int, bool]]] = {}
    for k, e in turn_events(reports):
        # An ally found out of reach owes nothing that turn (RULES.md §11.3): nothing owed
        # is an obligation met, as the audit itself judges it (no shortfall, no breach).
        if e["type"] in ("honoured", "shortfall", "out_of_reach"):
            audits.setdefault((e["pact"], e["power"], e["against"]), []).append(
                (k, e["type"] != "shortfall"))
    return [next((ok for turn, ok in audits.get((e["pact"], e["power"], e["against"]), [])
                  if turn >= k), None)
            for k, e in turn_events(reports) if e["type"] == "called_to_war"]


def honour(states: list[State], reports: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Calls to arms (a member called by a defensive trigger or a partner's invocation)
    and how many were honoured, by pact kind: ``{kind: [honoured, calls]}``. A call is
    honoured when the member was called and kept the call (it was not eliminated) and its
    first audit found its obligation met (``first_audits``). A call never audited is not
    honoured."""
    kinds = pact_kinds(states)
    calls = [e for _, e in turn_events(reports) if e["type"] == "called_to_war"]
    out: dict[str, list[int]] = {}
    for e, met in zip(calls, first_audits(reports)):
        kind = kinds.get(str(e.get("pact")), str(e.get("kind", "other")))
        cell = out.setdefault(kind, [0, 0])
        cell[0] += int(bool(e.get("kept")) and bool(met))
        cell[1] += 1
    return out


def size_band(value: int, mean_value: float) -> int:
    """Powers of similar size share a band: ``floor(log2(value / mean))`` of their land's
    value against the mean of the live powers' at the start of the turn (so a band spans a
    factor of two: 0 is the mean to twice the mean, -1 half the mean to the mean)."""
    if value <= 0 or mean_value <= 0:
        return -99
    return math.floor(math.log2(value / mean_value))


def deterrence(states: list[State], reports: list[dict[str, Any]]) -> dict[int, list[int]]:
    """The deterrence table: for every live power at the start of every turn, whether a
    defensive pact covered it (it was a member of an active defensive pact with another
    live member) and whether it was attacked that turn (a declaration or invocation named
    it as target), by size band: ``{band: [covered attacked, covered spared, uncovered
    attacked, uncovered spared]}``."""
    attacked: dict[int, set[str]] = {}
    for k, e in turn_events(reports):
        if e["type"] == "war_declared" and e.get("aggressor"):
            attacked.setdefault(k, set()).add(e["target"])
    out: dict[int, list[int]] = {}
    for k in range(len(reports)):
        state = states[k]
        ids = state.scenario.power_ids
        live = [p for p in ids if not state.power(p).eliminated]
        if not live:
            continue
        values = state.owned_values()
        mean_value = sum(values[state.scenario.power_index[p]] for p in live) / len(live)
        for p in live:
            covered = any(
                pact.active and pact.kind == "defensive" and p in pact.members
                and any(m != p and m in live for m in pact.members)
                for pact in state.pacts)
            hit = p in attacked.get(k, set())
            band = size_band(values[state.scenario.power_index[p]], mean_value)
            cell = out.setdefault(band, [0, 0, 0, 0])
            cell[(0 if covered else 2) + (0 if hit else 1)] += 1
    return out


def odds_ratio(table: dict[int, list[int]]) -> float | None:
    """The Mantel–Haenszel odds ratio over the size bands: the odds a covered power is
    attacked against an uncovered one of the same band (below 1: pacts deter). None when
    no band has both covered and uncovered powers with an attack among them."""
    num = den = 0.0
    for a, b, c, d in table.values():
        n = a + b + c + d
        if n:
            num += a * d / n
            den += b * c / n
    return round(num / den, 4) if den else None


def duplicates(states: list[State], reports: list[dict[str, Any]]) -> int:
    """Pacts signed while an active pact of the same kind, members and target already
    stood (at the start of the turn, or signed earlier the same turn)."""
    count = 0
    for k, report in enumerate(reports):
        standing = [pact_key(p.kind, p.members, p.target) for p in states[k].pacts if p.active]
        for e in report.get("events", []):
            if e["type"] != "pact_signed":
                continue
            pact = next((p for p in states[k + 1].pacts if p.id == e["pact"]), None) \
                if k + 1 < len(states) else None
            key = pact_key(e.get("kind", "?"), e.get("members", []),
                           pact.target if pact is not None else None)
            count += int(key in standing)
            standing.append(key)
    return count


def signed_then_broken(reports: list[dict[str, Any]]) -> int:
    """Pacts broken (any breach by a member) in the very turn they were signed."""
    count = 0
    for report in reports:
        events = report.get("events", [])
        signed = {e["pact"] for e in events if e["type"] == "pact_signed"}
        count += len({e["pact"] for e in events
                      if e["type"] == "pact_broken" and e["pact"] in signed})
    return count


def rounded_burden(burdens: Iterable[MemberBurden],
                   own_wars: bool = False) -> list[list[float]]:
    """``burden_pairs`` rounded to six places, as a game's results keep them."""
    return [[round(size, 6), round(burden, 6)] for size, burden in burden_pairs(burdens, own_wars)]


def ranks(values: list[float]) -> list[float]:
    """Each value's rank from 1 (smallest), tied values sharing the mean of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for n in range(i, j + 1):
            out[order[n]] = (i + j) / 2 + 1
        i = j + 1
    return out


def correlation(pairs: list[list[float]]) -> float | None:
    """Spearman's rank correlation of (size share, burden) over every audited member of
    every pact: Pearson's r of their ranks, ties at mean rank. Olson and Zeckhauser (1966)
    ranked NATO's members by GNP and by defence spending as a share of GNP; ranks also keep
    a few members who committed far beyond their size from deciding the figure alone."""
    if len(pairs) < 3:
        return None
    xs, ys = ranks([p[0] for p in pairs]), ranks([p[1] for p in pairs])
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return round(sxy / math.sqrt(sxx * syy), 4)


@dataclass(frozen=True)
class MatchFigures:
    """The research figures of one match, as ``casus simulate`` counts them per game."""

    honour: dict[str, list[int]]           # {kind: [honoured, calls]}
    deterrence: dict[int, list[int]]       # the deterrence table by size band
    odds_ratio: float | None               # its Mantel–Haenszel odds ratio
    burden_pairs: int                      # audited member-pacts behind size_burden_r
    size_burden_r: float | None
    entrapment: int
    signed_then_broken: int
    duplicates: int


def match_figures(states: list[State], reports: list[dict[str, Any]]) -> MatchFigures:
    table = deterrence(states, reports)
    pairs = rounded_burden(member_burdens(states, reports))
    return MatchFigures(honour=honour(states, reports), deterrence=table,
                        odds_ratio=odds_ratio(table), burden_pairs=len(pairs),
                        size_burden_r=correlation(pairs),
                        entrapment=calls(reports)["entrapment"],
                        signed_then_broken=signed_then_broken(reports),
                        duplicates=duplicates(states, reports))
