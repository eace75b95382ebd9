"""The turn report in words: one English sentence per event (RULES.md §8 report events).

Pure text, no pygame, so the replay captions, the turn-report panel and the after-action
debrief all tell the same story in the same words. Power, territory and pact names come from
a ``Names`` built from the scenario and the views (so a secret pact is named only if the
seat may see it).

    names = Names.from_scenario(scenario, view_before, view_after)
    for event in report["events"]:
        print(narrate(event, names))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

Event = Mapping[str, Any]

KIND_WORDS = {
    "defensive": "defensive pact",
    "offensive": "offensive pact",
    "non_aggression": "non-aggression pact",
    "peace": "peace treaty",
}

_LEGITIMACY_REASONS = {
    "breach": "a broken promise",
    "aggression": "aggression",
    "rally": "a rally round the flag",
    "neutrality": "violating neutrality",
    "capital_lost": "the loss of its capital",
    "capital_retaken": "retaking its capital",
    "peace": "peace",
    "war": "war weariness",
    "war_as_aggressor": "war weariness as the aggressor",
    "casualties": "casualties",
}


@dataclass(frozen=True)
class Names:
    """How to call powers, territories and pacts in sentences.

    ``pacts`` maps a pact id to its canonical JSON (kind, members, target, name), taken from
    the views the seat received; ids missing there are described from the event alone.
    """

    powers: Mapping[str, str] = field(default_factory=dict)
    territories: Mapping[str, str] = field(default_factory=dict)
    pacts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Proposal id → its terms, for sentences about answers that carry only the id.
    proposals: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_scenario(cls, scenario: Any, *views: Mapping[str, Any] | None) -> "Names":
        """Names from an engine ``Scenario`` and any views (later views win for pacts)."""
        powers = {p.id: p.name for p in scenario.powers}
        territories = {t.id: t.name for t in scenario.map.territories}
        return cls(powers, territories, pacts_of(*views))

    @classmethod
    def from_docs(cls, map_doc: Mapping[str, Any], powers: Iterable[Any],
                  *views: Mapping[str, Any] | None) -> "Names":
        """Names from a map document and powers (PowerInfo objects or dicts with id, name)."""
        power_names: dict[str, Any] = {}
        for p in powers:
            pid = p["id"] if isinstance(p, Mapping) else p.id
            name = p.get("name", pid) if isinstance(p, Mapping) else getattr(p, "name", pid)
            power_names[pid] = name
        territories = {t["id"]: t.get("name", t["id"]) for t in map_doc.get("territories", [])}
        return cls(power_names, territories, pacts_of(*views))

    def power(self, pid: str | None) -> str:
        if pid is None or pid == "neutral":
            return "the neutrals"
        return self.powers.get(pid, pid)

    def territory(self, tid: str | None) -> str:
        if tid is None:
            return "somewhere"
        return self.territories.get(tid, tid)

    def pact_doc(self, pact_id: str | None, event: Event | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = dict(self.pacts.get(pact_id or "", {}))
        for key in ("kind", "name", "members", "target"):
            if event is not None and key in event and key not in doc:
                doc[key] = event[key]
        return doc

    def pact(self, pact_id: str | None, event: Event | None = None) -> str:
        """'the Pact of Steel' or 'the defensive pact France–Poland'.

        Never the id: a seat sees pacts by alias ids that mean nothing to a reader, so an
        unnamed pact is told by its kind and members (just its kind when they are unknown).
        """
        doc = self.pact_doc(pact_id, event)
        if doc.get("name"):
            name = str(doc["name"])
            return name if name.lower().startswith("the ") else f"the {name}"
        kind = KIND_WORDS.get(str(doc.get("kind")), "pact")
        members = self.members(doc.get("members") or [])
        return f"the {kind} {members}" if members else f"the {kind}"

    def members(self, pids: Iterable[str]) -> str:
        """'France–Britain': a pact's members joined by dashes, as in its title."""
        return "–".join(self.power(p) for p in pids)

    def kind_of(self, pact_id: str | None, event: Event | None = None) -> str | None:
        kind = self.pact_doc(pact_id, event).get("kind")
        return str(kind) if kind else None


def pacts_of(*views: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Pact id → pact JSON over several views (the later view wins)."""
    out: dict[str, dict[str, Any]] = {}
    for v in views:
        for p in (v or {}).get("pacts", []) or []:
            out[p["id"]] = dict(p)
    return out


def join(items: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = list(items)
    if not items:
        return "nobody"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def article(word: str) -> str:
    """The indefinite article for ``word`` ("an offensive pact", "a defensive pact")."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def were(n: int) -> str:
    return "was" if n == 1 else "were"


def _num(x: Any) -> str:
    """Whole numbers without a decimal point; others to one decimal (burden shares)."""
    f = float(x)
    return str(int(f)) if f.is_integer() else f"{f:.1f}"


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _side(names: Names, side: Mapping[str, int]) -> str:
    """'Germany (12)' or 'Germany and Italy (20)'."""
    who = [names.power(p) if p != "neutral" else "the neutral garrison" for p in side]
    return f"{join(who)} ({sum(side.values())})"


def _battle(event: Event, names: Names) -> str:
    att, dfn = event.get("attackers", {}), event.get("defenders", {})
    att_after = sum(event.get("attackers_after", {}).values())
    dfn_after = sum(event.get("defenders_after", {}).values())
    kind = event.get("kind", "territory")
    place = names.territory(event.get("territory"))
    if kind == "border":
        where = f"On the border of {place} and {names.territory(event.get('to'))}"
    elif kind == "attackers":
        where = f"Before {place}, rival invaders fought each other"
    else:
        where = f"Battle of {place}"
    if event.get("winner") == "attackers":
        outcome = f"{_side(names, att)} defeated {_side(names, dfn)}"
        left = f"{att_after} and {dfn_after} units remain"
    else:
        outcome = f"{_side(names, dfn)} held off {_side(names, att)}"
        left = f"{dfn_after} and {att_after} units remain"
    sep = ": " if kind != "attackers" else "; "
    return f"{where}{sep}{outcome}; {left}."


def _called_to_war(event: Event, names: Names) -> str:
    power = names.power(event.get("power"))
    enemy = names.power(event.get("against"))
    pact = names.pact(event.get("pact"), event)
    if event.get("answer") == "declined":       # ruleset 2: the member's standing answer
        return f"{power} was called to arms against {enemy} under {pact}, and declined."
    if not event.get("kept", True):
        return f"{power} was called to war against {enemy} under {pact} but could not answer."
    if event.get("answer") == "honoured" and event.get("cause") == "invocation" \
            and not event.get("already_at_war"):
        return f"{power} answered the call of {pact} and went to war against {enemy}."
    if event.get("cause") == "trigger":
        ally = names.power(event.get("ally"))
        doc = names.pact_doc(event.get("pact"), event)
        if doc.get("name"):
            # A named treaty reads best with the ally at the end of the sentence.
            if event.get("already_at_war"):
                return (f"{power}, already at war with {enemy}, honoured {pact} "
                        f"in defence of {ally}.")
            return (f"{power} honoured {pact} and entered the war against {enemy} "
                    f"in defence of {ally}.")
        # "the defensive pact with Poland": the ally names the obligation.
        obligation = f"the {KIND_WORDS.get(str(doc.get('kind')), 'pact')} with {ally}"
        if event.get("already_at_war"):
            return f"{power}, already at war with {enemy}, honoured {obligation} as well."
        return f"{power} honoured {obligation} and entered the war against {enemy}."
    # An invocation by a partner: the member is entrapped in a war it did not choose.
    if event.get("already_at_war"):
        return f"{power} was called to war against {enemy} under {pact}, and was already fighting."
    return f"{power} was drawn by {pact} into war against {enemy}."


def _pact_broken(event: Event, names: Names) -> str:
    power = names.power(event.get("power"))
    pact = names.pact(event.get("pact"), event)
    reason = event.get("reason")
    if reason == "attack_on_partner":
        partner = names.power(event.get("enemy"))
        return f"{power} broke {pact} by going to war against its partner {partner}."
    if reason == "separate_peace":
        return (f"{power} made a separate peace with {names.power(event.get('enemy'))}, "
                f"breaking {pact}.")
    if reason == "abandonment":
        return f"{power} abandoned {pact} while its partners were at war."
    return f"{power} broke {pact}."


def _pact_ended(event: Event, names: Names) -> str:
    pact = names.pact(event.get("pact"), event)
    reason = event.get("reason")
    text = {
        "too_few_members": f"{pact} ended: too few members remained.",
        "trigger": f"{pact} ended when its members found themselves on opposite sides.",
        "duration": f"{pact} expired.",
        "truce_over": f"The truce of {pact} ran out.",
    }.get(str(reason), f"{pact} ended.")
    return text[0].upper() + text[1:]


def _victory(event: Event, names: Names) -> str:
    who = join(names.power(p) for p in event.get("powers", []))
    kind = event.get("kind")
    if kind == "solo":
        return f"{who} won the game."
    if kind == "coalition":
        return f"The coalition of {who} won the game."
    return f"The game reached its last turn; {who} scored highest."


def _legitimacy(event: Event, names: Names) -> str:
    power = names.power(event.get("power"))
    change = int(event.get("change", 0))
    reason = _LEGITIMACY_REASONS.get(str(event.get("reason")), str(event.get("reason")))
    direction = "rose" if change > 0 else "fell"
    return f"{_possessive(power)} legitimacy {direction} by {abs(change)} ({reason})."


def _audit(event: Event, names: Names) -> str:
    power = names.power(event.get("power"))
    pact = names.pact(event.get("pact"), event)
    enemy = names.power(event.get("against"))
    if "committed" not in event and "required" not in event:
        # The figures are hidden forces for a seat outside the pact (engine/view.py
        # FIGURES): say what happened, not a made-up "0 units committed, 0 required".
        kept = "kept" if event["type"] == "honoured" else "fell short of"
        return f"{power} {kept} its commitment to {pact} against {enemy}."
    committed, required = _num(event.get("committed", 0)), _num(event.get("required", 0))
    if event["type"] == "honoured":
        return (f"{power} kept its commitment to {pact} against {enemy} "
                f"({committed} units committed, {required} required).")
    return (f"{power} fell short of its commitment to {pact} against {enemy}: "
            f"{committed} units committed, {required} required.")


class _Words:
    """An event's fields already turned into names, so each sentence below reads as one line."""

    def __init__(self, event: Event, names: Names) -> None:
        self.e = event
        self.names = names
        self.n = int(event.get("n", 0) or 0)

    def p(self, key: str) -> str:
        return self.names.power(self.e.get(key))

    def t(self, key: str) -> str:
        return self.names.territory(self.e.get(key))

    @property
    def whose(self) -> str:
        """"Poland's 3 units"."""
        return f"{_possessive(self.p('power'))} {units(self.n)}"

    @property
    def pact(self) -> str:
        return self.names.pact(self.e.get("pact"), self.e)


def _moved(w: _Words) -> str:
    by_sea = " by sea" if w.e.get("sea") else ""
    return f"{w.p('power')} moved {units(w.n)} from {w.t('from')} to {w.t('to')}{by_sea}."


def _captured(w: _Words) -> str:
    if w.e.get("from") is None:
        return f"{w.p('power')} took neutral {w.t('territory')}."
    return f"{w.p('power')} captured {w.t('territory')} from {w.p('from')}."


def _destroyed(w: _Words) -> str:
    if w.e.get("power") == "neutral":
        return f"The neutral garrison of {w.t('territory')} ({units(w.n)}) was destroyed."
    return f"{w.whose} in {w.t('territory')} {were(w.n)} destroyed with nowhere to retreat."


def _war_declared(w: _Words) -> str:
    cause = w.e.get("cause")
    if cause == "declaration":
        return f"{w.p('power')} declared war on {w.p('target')}."
    verb = "went to war against" if cause == "invocation" else "entered the war against"
    return f"{w.p('power')} {verb} {w.p('target')} under {w.pact}."


def _pact_signed(w: _Words) -> str:
    members = join(w.names.power(m) for m in w.e.get("members", []))
    kind = KIND_WORDS.get(str(w.e.get("kind")), "pact")
    target = f" against {w.p('target')}" if w.e.get("target") else ""
    if w.e.get("name"):
        return f"{members} signed {w.pact}, {article(kind)} {kind}{target}."
    return f"{members} signed {article(kind)} {kind}{target}."


def _peace(w: _Words) -> str:
    between = join(w.names.power(x) for x in w.e.get("between", []))
    under = f" under {w.names.pact(w.e['pact'])}" if w.e.get("pact") else ""
    return f"{between} made peace{under}."


def _upkeep(w: _Words) -> str:
    paid, cost = w.e.get("paid", 0), w.e.get("cost", 0)
    short = f" of the {cost} IP due" if paid != cost else ""
    return f"{w.p('power')} paid {paid} IP{short} in upkeep for {units(int(w.e.get('units', 0)))}."


def _collapse(w: _Words) -> str:
    ended = w.e.get("wars_ended") or []
    tail = f"; its wars with {join(w.names.power(x) for x in ended)} ended" if ended else ""
    return f"The government of {w.p('power')} collapsed{tail}."


_SENTENCES: dict[str, Callable[[_Words], str]] = {
    "battle": lambda w: _battle(w.e, w.names),
    "called_to_war": lambda w: _called_to_war(w.e, w.names),
    "pact_broken": lambda w: _pact_broken(w.e, w.names),
    "pact_ended": lambda w: _pact_ended(w.e, w.names),
    "victory": lambda w: _victory(w.e, w.names),
    "legitimacy": lambda w: _legitimacy(w.e, w.names),
    "honoured": lambda w: _audit(w.e, w.names),
    "shortfall": lambda w: _audit(w.e, w.names),
    "moved": _moved,
    "captured": _captured,
    "destroyed": _destroyed,
    "war_declared": _war_declared,
    "pact_signed": _pact_signed,
    "peace": _peace,
    "collapse": _collapse,
    "retreated": lambda w: f"{w.whose} retreated from {w.t('from')} to {w.t('to')}.",
    "returned": lambda w: f"{w.whose} fell back to {w.t('to')}.",
    "pact_invoked": lambda w: f"{w.p('power')} invoked {w.pact} against {w.p('target')}.",
    "pact_triggered": lambda w: (f"{_possessive(w.p('by'))} attack on {w.p('attacked')} "
                                 f"triggered {w.pact}."),
    "pact_withdrawn": lambda w: f"{w.p('power')} withdrew from {w.pact}.",
    "withdrawal_notice": lambda w: (f"{w.p('power')} gave notice to leave {w.pact} "
                                    f"(effective on turn {w.e.get('effective')})."),
    "ceded": lambda w: f"{w.p('power')} ceded {w.t('territory')} to {w.p('to')}.",
    "neutrality_violated": lambda w: (f"{w.p('power')} violated the neutrality of "
                                      f"{w.t('territory')}."),
    "built": lambda w: f"{w.p('power')} raised {units(w.n)} in {w.t('territory')}.",
    "transfer": lambda w: f"{w.p('power')} gave {w.e.get('amount')} IP to {w.p('to')}.",
    "income": lambda w: f"{w.p('power')} earned {w.e.get('amount')} IP.",
    "eliminated": lambda w: f"{w.p('power')} was eliminated.",
    "went_home": lambda w: f"{w.whose} in {w.t('from')} went home to {w.t('to')}.",
    "disbanded": lambda w: (f"{w.whose} in {w.t('territory')} {were(w.n)} disbanded"
                            f"{' for want of upkeep' if w.e.get('reason') == 'upkeep' else ''}."),
    # Ruleset 2 (RULES.md §11): declining a call, the reach of an audit, and upkeep.
    "declined": lambda w: (f"{w.p('power')} stayed out of the war against {w.p('against')}: "
                           f"a breach of {w.pact} on its record."),
    "out_of_reach": lambda w: (f"{w.p('power')} owed {w.pact} nothing against "
                               f"{w.p('against')}: none of its units were within reach."),
    "upkeep": _upkeep,
}


def narrate(event: Event, names: Names) -> str:
    """One English sentence for one report event (an unknown type still gets a line)."""
    say = _SENTENCES.get(str(event.get("type")))
    if say is None:
        return f"{str(event.get('type')).replace('_', ' ').capitalize()}."
    return say(_Words(event, names))


def headline(event: Event, names: Names) -> str | None:
    """A short map callout for the events the replay marks on the map (None: no callout)."""
    t = event.get("type")
    p = names.power
    if t == "war_declared" and event.get("cause") == "declaration":
        return f"{p(event.get('power'))} declares war on {p(event.get('target'))}"
    if t == "pact_invoked":
        return f"{p(event.get('power'))} invokes {names.pact(event.get('pact'), event)}"
    if t == "pact_triggered":
        return f"Casus foederis: {names.pact(event.get('pact'), event)}"
    if t == "called_to_war":
        if event.get("answer") == "declined":
            return f"{p(event.get('power'))} declines the call"
        if event.get("cause") == "invocation":
            return f"{p(event.get('power'))} entrapped"
        return f"{p(event.get('power'))} joins the war"
    if t == "shortfall":
        got, owed = _num(event.get("committed", 0)), _num(event.get("required", 0))
        return f"Shortfall: {p(event.get('power'))} {got}/{owed}"
    if t == "pact_broken":
        return f"{p(event.get('power'))} breaks {names.pact(event.get('pact'), event)}"
    if t == "peace":
        return f"Peace: {join(p(x) for x in event.get('between', []))}"
    if t == "collapse":
        return f"{p(event.get('power'))} collapses"
    if t == "eliminated":
        return f"{p(event.get('power'))} eliminated"
    if t == "pact_signed":
        return f"Signed: {names.pact(event.get('pact'), event)}"
    if t == "victory":
        return "Victory"
    return None


def narrate_report(report: Mapping[str, Any], names: Names,
                   skip: Iterable[str] = ("legitimacy", "income")) -> list[str]:
    """The sentences of a turn report, leaving out bookkeeping a reader rarely wants."""
    skipped = set(skip)
    return [narrate(e, names) for e in report.get("events", []) if e.get("type") not in skipped]
