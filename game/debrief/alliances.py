"""The alliance tables of the after-action report, computed from the turn reports.

Every figure here is a count over report events (RULES.md §8, docs/ENGINE.md "Report
events") or over the states between turns, so a reader can check any cell by hand:

- ``pact_rows``: every pact with its kind, members as signed, terms, lifetime and end;
- ``commitment_rows``: per power, the commitments owed and kept by pact kind (the record
  behind credibility, RULES.md §5 step 6);
- ``pledge_rows``: each audit of an engaged pact, the pledge (or burden share) against the
  forces actually committed;
- ``entrapment_rows``: members drawn into wars, calls not answered, and pacts abandoned;
- ``burden_rows``: each engaged pact's members, their size within it against the forces
  each committed over its own units (``research.member_burdens``);
- ``call_rows``: every call to arms, who was called under which pact, and the answer
  (ruleset 2: honoured or declined);
- ``upkeep_rows``: the upkeep each power paid each turn (ruleset 2);
- ``figures``: the match's research figures, counted by ``research`` as ``casus simulate``
  counts them for each game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from game.engine import State
from game.words.narrate import KIND_WORDS, narrate

from .record import MatchRecord
from .research import (MatchFigures, MemberBurden, commitment, first_audits, match_figures,
                       member_burdens)

Event = dict[str, Any]

PACT_KINDS: tuple[str, ...] = ("defensive", "offensive", "non_aggression", "peace")

END_WORDS = {
    "too_few_members": "too few members remained",
    "duration": "it expired",
    "truce_over": "its truce ran out",
    "trigger": "its members found themselves on opposite sides",
}
EXIT_WORDS = {
    "break": "broke it",
    "separate_peace": "made a separate peace",
    "attack_on_partner": "attacked a partner",
    "abandonment": "abandoned it while engaged",
}


def report_events(record: MatchRecord) -> Iterator[tuple[int, Event]]:
    """(turn, event) for every event of every turn report, in order."""
    for turn in record.turns:
        for event in turn.report.get("events", []):
            yield turn.number, event


def _pact_docs(record: MatchRecord) -> dict[str, dict[str, Any]]:
    """Each pact's JSON as first seen (members as signed), in order of signing."""
    docs: dict[str, dict[str, Any]] = {}
    for state in record.states:
        for doc in state.shared_json()["pacts"]:
            docs.setdefault(doc["id"], doc)
    return docs


def terms_words(doc: dict[str, Any]) -> str:
    """A pact's terms in a few words: 'burden 20%; pledges GRN 8; notice 0'."""
    parts = []
    if doc["kind"] in ("defensive", "offensive"):
        parts.append(f"burden {round(100 * float(doc.get('burden_share', 0)))}%")
    if doc.get("pledges"):
        parts.append("pledges " + ", ".join(f"{p} {n}" for p, n in doc["pledges"].items()))
    if doc.get("against"):
        parts.append("only against " + ", ".join(doc["against"]))
    if doc.get("integrated_command"):
        parts.append("integrated command")
    if doc["kind"] != "peace":
        parts.append(f"notice {doc.get('notice', 1)}")
    if doc.get("duration"):
        parts.append(f"{doc['duration']} turns")
    if doc.get("secret"):
        parts.append("secret")
    if doc["kind"] == "peace":
        parts.append(f"truce {doc.get('truce', 0)}")
        for t in doc.get("transfers", []):
            parts.append(f"{t.get('territory')} to {t.get('to')}")
    return "; ".join(parts)


@dataclass(frozen=True)
class PactRow:
    id: str
    kind: str
    name: str
    members: tuple[str, ...]
    target: str | None
    terms: str
    since: int                     # turn signed (0: in force at the start)
    ended: int | None              # turn in which it ended, None if still in force
    lifetime: int                  # turns in force
    how_ended: str                 # words; "" while in force


def pact_rows(record: MatchRecord) -> list[PactRow]:
    """Every pact of the match, in order of signing."""
    exits: dict[str, list[str]] = {}
    ended: dict[str, tuple[int, str]] = {}
    for turn, e in report_events(record):
        pact = e.get("pact")
        if e["type"] == "pact_broken":
            exits.setdefault(pact, []).append(
                f"{record.power_name(e.get('power'))} {EXIT_WORDS.get(e.get('reason'), 'broke it')}"
                f" (turn {turn})")
        elif e["type"] == "pact_withdrawn":
            exits.setdefault(pact, []).append(
                f"{record.power_name(e.get('power'))} withdrew (turn {turn})")
        elif e["type"] == "pact_ended" and pact not in ended:
            ended[pact] = (turn, END_WORDS.get(e.get("reason"), str(e.get("reason"))))
    last_turn = record.final.turn
    rows = []
    for pid, doc in _pact_docs(record).items():
        start = max(1, int(doc["since"]))
        end = ended.get(pid)
        how = ""
        if end is not None:
            how = f"ended on turn {end[0]}: {end[1]}"
            if exits.get(pid):
                how += " after " + "; ".join(exits[pid])
        elif exits.get(pid):
            how = "in force; " + "; ".join(exits[pid])
        rows.append(PactRow(pid, doc["kind"], str(doc.get("name", "")), tuple(doc["members"]),
                            doc.get("target"), terms_words(doc), int(doc["since"]),
                            end[0] if end else None,
                            (end[0] if end else last_turn) - start, how))
    return rows


@dataclass(frozen=True)
class CommitmentRow:
    power: str
    by_kind: dict[str, tuple[int, int]]    # pact kind -> (kept, owed)
    kept: int
    owed: int
    credibility: int                       # at the end, from the whole record


def commitment_rows(record: MatchRecord) -> list[CommitmentRow]:
    """Commitments owed and kept during the match, per power and pact kind. Together with
    the record a power started with, they add up to its final owed and kept."""
    kinds = {pid: doc["kind"] for pid, doc in _pact_docs(record).items()}
    tally: dict[str, dict[str, list[int]]] = {p: {} for p in record.powers}
    for _, e in report_events(record):
        got = commitment(e)
        if got is None or e.get("power") not in tally:
            continue
        kind = kinds.get(e.get("pact"), e.get("kind", "other"))
        cell = tally[e["power"]].setdefault(kind, [0, 0])
        cell[0] += got[0]
        cell[1] += got[1]
    final = record.final
    rows = []
    for p in record.powers:
        by_kind = {k: (v[0], v[1]) for k, v in tally[p].items()}
        rows.append(CommitmentRow(p, by_kind, sum(v[0] for v in by_kind.values()),
                                  sum(v[1] for v in by_kind.values()),
                                  final.power(p).credibility))
    return rows


@dataclass(frozen=True)
class PledgeRow:
    turn: int
    pact: str
    power: str
    against: str
    pledged: int | None        # the member's pledge, None where burden_share applied
    required: float
    committed: float
    kept: bool


def pledge_rows(record: MatchRecord) -> list[PledgeRow]:
    """Every audit of an engaged pact (RULES.md §5 step 6): what was required of a member
    (its pledge, else its burden share) against the forces it committed."""
    docs = _pact_docs(record)
    rows = []
    for turn, e in report_events(record):
        if e["type"] not in ("honoured", "shortfall"):
            continue
        pledged = docs.get(e.get("pact"), {}).get("pledges", {}).get(e.get("power"))
        rows.append(PledgeRow(turn, e.get("pact"), e.get("power"), e.get("against"), pledged,
                              float(e.get("required", 0)), float(e.get("committed", 0)),
                              e["type"] == "honoured"))
    return rows


@dataclass(frozen=True)
class EntrapmentRow:
    turn: int
    kind: str            # entrapment, unanswered call, abandonment, separate peace, breach
    power: str
    pact: str
    other: str | None    # the enemy of the war concerned
    text: str            # the event in words


def _entrapment_kind(e: Event) -> str | None:
    if e["type"] == "called_to_war":
        if not e.get("kept", True):
            return "unanswered call"
        if e.get("cause") == "invocation" and not e.get("already_at_war"):
            return "entrapment"
        return None
    if e["type"] == "pact_broken":
        return {"abandonment": "abandonment", "separate_peace": "separate peace",
                "attack_on_partner": "attack on a partner"}.get(e.get("reason"), "breach")
    return None


def entrapment_rows(record: MatchRecord) -> list[EntrapmentRow]:
    """Members drawn by a partner's invocation into a war they were not fighting
    (entrapment), calls to war they could not answer, and pacts left while engaged or
    otherwise breached (abandonment)."""
    rows = []
    for turn, e in report_events(record):
        kind = _entrapment_kind(e)
        if kind is None:
            continue
        other = e.get("against") if e["type"] == "called_to_war" else e.get("enemy")
        rows.append(EntrapmentRow(turn, kind, e.get("power"), e.get("pact"), other,
                                  narrate(e, record.names)))
    return rows


def burden_rows(record: MatchRecord) -> list[MemberBurden]:
    """Each engaged pact's members: size within the pact against the forces each committed
    over its own units, as ``research.member_burdens`` counts them for size–burden r."""
    return member_burdens(*_states_and_reports(record))


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("_", " "))


@dataclass(frozen=True)
class CallRow:
    turn: int
    pact: str
    kind: str            # the pact's kind
    power: str           # the member called
    against: str
    cause: str           # trigger (a partner attacked) or invocation (a partner invoked)
    answer: str          # honoured, declined, already at war, or could not answer
    text: str
    audit: bool | None = None   # its first audit found the obligation met; None: never


def _answer(e: Event) -> str:
    if e.get("answer") == "declined":
        return "declined"
    if not e.get("kept", True):
        return "could not answer"
    if e.get("already_at_war"):
        return "already at war"
    return "honoured"


def call_rows(record: MatchRecord) -> list[CallRow]:
    """Every call to arms in report order: the member called, by which pact and cause, and
    its answer (a ruleset-2 member may decline, RULES.md §11.2)."""
    kinds = {pid: str(doc.get("kind")) for pid, doc in _pact_docs(record).items()}
    calls = [(turn, e) for turn, e in report_events(record) if e["type"] == "called_to_war"]
    audits = first_audits([t.report for t in record.turns])
    return [CallRow(turn, str(e.get("pact")), kinds.get(str(e.get("pact")),
                                                        str(e.get("kind", "other"))),
                    str(e.get("power")), str(e.get("against")), str(e.get("cause", "")),
                    _answer(e), narrate(e, record.names), audit)
            for (turn, e), audit in zip(calls, audits)]


def upkeep_rows(record: MatchRecord) -> list[tuple[int, dict[str, tuple[int, int]]]]:
    """Ruleset 2: (turn, {power: (paid, due)}) for every turn, from the ``upkeep`` events
    (a power with no units pays nothing and has no event)."""
    rows: dict[int, dict[str, tuple[int, int]]] = {t.number: {} for t in record.turns}
    for turn, e in report_events(record):
        if e["type"] == "upkeep":
            rows[turn][str(e["power"])] = (int(e.get("paid", 0)), int(e.get("cost", 0)))
    return sorted(rows.items())


def _states_and_reports(record: MatchRecord) -> tuple[list[State], list[Event]]:
    """The match's turns' starting states (and the last turn's end) and reports, as
    ``casus simulate`` hands a game's to ``game.debrief.research``."""
    states = [t.before for t in record.turns]
    if record.turns:
        states.append(record.turns[-1].after)
    return states, [t.report for t in record.turns]


def figures(record: MatchRecord) -> MatchFigures:
    """The match's research figures, counted as ``casus simulate`` counts a game's
    (``game.debrief.research``)."""
    return match_figures(*_states_and_reports(record))
