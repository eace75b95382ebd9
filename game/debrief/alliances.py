"""The alliance tables of the after-action report, computed from the turn reports.

Every figure here is a count over report events (RULES.md §8, docs/ENGINE.md "Report
events") or over the states between turns, so a reader can check any cell by hand:

- ``pact_rows``: every pact with its kind, members as signed, terms, lifetime and end;
- ``commitment_rows``: per power, the commitments owed and kept by pact kind (the record
  behind credibility, RULES.md §5 step 6);
- ``pledge_rows``: each audit of an engaged pact, the pledge (or burden share) against the
  forces actually committed;
- ``entrapment_rows``: members drawn into wars, calls not answered, and pacts abandoned;
- ``burden_rows``: each engaged alliance's burden split against its members' sizes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from game.words.narrate import KIND_WORDS, narrate

from .record import MatchRecord

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


def _commitment(e: Event) -> tuple[int, int] | None:
    """(kept, owed) an event adds to its power's record (RULES.md §5, the record)."""
    t = e["type"]
    if t == "called_to_war":
        return (1 if e.get("kept") else 0), 1
    if t == "honoured":
        return 1, 1
    if t in ("shortfall", "pact_broken"):
        return 0, 1
    return None


def commitment_rows(record: MatchRecord) -> list[CommitmentRow]:
    """Commitments owed and kept during the match, per power and pact kind. Together with
    the record a power started with, they add up to its final owed and kept."""
    kinds = {pid: doc["kind"] for pid, doc in _pact_docs(record).items()}
    tally: dict[str, dict[str, list[int]]] = {p: {} for p in record.powers}
    for _, e in report_events(record):
        got = _commitment(e)
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


@dataclass(frozen=True)
class BurdenRow:
    pact: str
    power: str
    audits: int          # turns this member was audited
    size: int            # its units at the start of those turns, summed
    size_share: float    # of the audited members' sizes (0–1)
    committed: float     # the forces it committed in those audits, summed
    burden_share: float  # of the members' commitments (0–1)


def burden_rows(record: MatchRecord) -> list[BurdenRow]:
    """Each engaged pact's burden split: a member's share of the forces committed against
    its share of the members' size (units at the start of each audited turn). A member
    carrying more than its size is the Olson–Zeckhauser 'exploited' large ally."""
    starts = {t.number: t.before for t in record.turns}
    per: dict[str, dict[str, list[float]]] = {}
    for turn, e in report_events(record):
        if e["type"] not in ("honoured", "shortfall"):
            continue
        state = starts[turn]
        units = int(state.forces[:, state.scenario.power_index[e["power"]]].sum())
        cell = per.setdefault(e["pact"], {}).setdefault(e["power"], [0, 0, 0.0])
        cell[0] += 1
        cell[1] += units
        cell[2] += float(e.get("committed", 0))
    rows = []
    for pact, members in per.items():
        total_size = sum(v[1] for v in members.values())
        total_committed = sum(v[2] for v in members.values())
        for power, (audits, size, committed) in members.items():
            rows.append(BurdenRow(pact, power, int(audits), int(size),
                                  size / total_size if total_size else 0.0, committed,
                                  committed / total_committed if total_committed else 0.0))
    return rows


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("_", " "))
