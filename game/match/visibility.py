"""Who may see what in a match (RULES.md §7): the one place that decides it.

Every message a match hands out is either addressed here (the audiences of chat, proposals,
orders and drafts, injects, intents and insights) or cut here for one seat (its view, its
turn report, its orders, drafts, injects and proposals); the engine's fog of the state and of
the report (``game.engine.view``) is called from here and nowhere else in the match. The
host and the hot-seat table only deliver each push to the seats it names.

Pact ids. The engine numbers pacts P1, P2, … match-wide, and that numbering is in every
state hash, so it stays; but a seat that sees P1 and P3 would learn that a pact it cannot
see was signed in between. So every seat that does not see everything (players, team
members, spectators, observers) is shown a pact's *alias* instead: ``P_`` and ten hex
digits of an HMAC of its id under a key secret to the host (``PactAliases``). The alias is
the same for every seat (it says nothing but "this pact"), and orders from those seats
name pacts by alias: ``real_orders`` maps each back to the engine's id, and an id that is
not the alias of a pact the seat sees is refused as unknown, whatever it is, so probing
the engine's ids teaches nothing. The umpire, analysts and observers allowed to see
everything keep the engine's ids. Proposal ids are opaque the same way (``proposal_id``).
Nothing of this is in the log: old logs replay as they did, and their engine states and
hashes are unchanged.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
from typing import TYPE_CHECKING, Any, Iterable

from game.engine import State
from game.engine.view import pact_visible, view, view_report

from .channels import PUBLIC, TEAM_PREFIX
from game.world_edits.injects import ALL
from .outcome import Push
from .roles import ANALYST, OBSERVER, view_seat
from .seats import SPECTATOR, UMPIRE

if TYPE_CHECKING:
    from .core import MatchCore

ALIAS_PREFIX = "P_"
PROPOSAL_PREFIX = "X_"
_ALIAS_DIGITS = 10          # 40 bits: two pacts of one match never share an alias
_ENGINE_PACT_ID = re.compile(r"\bP\d+\b")
_EVENTS_KEPT = 5_000


class PactAliases:
    """Opaque, stable names for a match's pacts and proposals, from a key only the host
    knows (made from the match's password salt and umpire-token hash, which never leave
    the host, so that every existing log gets one without a new field)."""

    def __init__(self, password_salt: str, umpire_hash: str) -> None:
        self._key = hashlib.sha256(
            f"casus-aliases\0{password_salt}\0{umpire_hash}".encode()).digest()
        self._aliases: dict[str, str] = {}
        # Each report event naming a pact, aliased once for every seat that is sent it: a
        # turn result goes to every seat together (keyed by the event's identity, which is
        # checked: the engine's events live as long as the match's reports).
        self._events: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}

    def _digest(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()[:_ALIAS_DIGITS]

    def alias(self, pact_id: str) -> str:
        found = self._aliases.get(pact_id)
        if found is None:
            found = self._aliases[pact_id] = ALIAS_PREFIX + self._digest(f"pact:{pact_id}")
        return found

    def proposal_id(self, number: int) -> str:
        """The id of the match's ``number``-th proposal: it does not tell how many others
        there were."""
        return PROPOSAL_PREFIX + self._digest(f"proposal:{number}")

    # --- what leaves for a seat that sees aliases ------------------------------------------

    def text(self, text: str, known: Iterable[str]) -> str:
        """``text`` (an engine's reason) with each of the ``known`` pact ids in it aliased."""
        ids = set(known)
        return _ENGINE_PACT_ID.sub(lambda m: self.alias(m[0]) if m[0] in ids else m[0], text)

    def order(self, order: Any) -> Any:
        if isinstance(order, dict) and isinstance(order.get("pact"), str):
            return {**order, "pact": self.alias(order["pact"])}
        return order

    def orders(self, orders: list[Any]) -> list[Any]:
        return [self.order(o) for o in orders]

    def event(self, event: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(event.get("pact"), str):
            return event
        kept = self._events.get(id(event))
        if kept is None or kept[0] is not event:
            if len(self._events) > _EVENTS_KEPT:
                self._events.clear()
            kept = self._events[id(event)] = (event, {**event, "pact": self.alias(event["pact"])})
        return kept[1]

    def view(self, doc: dict[str, Any]) -> dict[str, Any]:
        """A seat's view with its pacts' ids aliased (the view is shared: never changed)."""
        out = doc
        if doc["pacts"]:
            out = {**out, "pacts": [{**p, "id": self.alias(p["id"])} for p in doc["pacts"]]}
        winner = doc.get("winner")
        if isinstance(winner, dict) and isinstance(winner.get("pact"), str):
            out = {**out, "winner": self.event(winner)}
        return out

    def report(self, report: dict[str, Any], state: State) -> dict[str, Any]:
        if not state.pacts:      # no pact to name: the report is the engine's, unchanged
            return report
        known = [p.id for p in state.pacts]
        return {**report, "events": [self.event(e) for e in report["events"]],
                "rejected": [{**r, "order": self.order(r["order"]),
                              "reason": self.text(r["reason"], known)}
                             for r in report["rejected"]]}

    def inject(self, message: dict[str, Any]) -> dict[str, Any]:
        out = self.event(message)
        if "pacts" in out:
            out = {**out, "pacts": [self.alias(p) for p in out["pacts"]]}
        return out

    # --- what comes back ------------------------------------------------------------------

    def real_orders(self, orders: list[Any], state: State,
                    power: str) -> tuple[list[Any], list[dict[str, Any]]]:
        """Orders naming pacts by alias, with the engine's ids put back; and the orders that
        name no pact ``power`` sees, refused in the engine's words for an unknown pact (an
        engine id given directly is unknown too: it must not be probed)."""
        seen = {self.alias(p.id): p.id for p in state.pacts
                if pact_visible({"secret": p.secret, "revealed": p.revealed,
                                 "members": p.members}, power)}
        kept, refused = [], []
        for order in orders:
            ref = order.get("pact") if isinstance(order, dict) else None
            if not isinstance(ref, str):
                kept.append(order)
            elif ref in seen:
                kept.append({**order, "pact": seen[ref]})
            else:
                refused.append({"order": order, "reason": f"unknown pact {ref!r}"})
        return kept, refused


class Visibility:
    """The audiences and per-seat cuts of a match: a part of ``Match`` that reads the
    match's core and changes nothing."""

    def __init__(self, core: MatchCore) -> None:
        self.core = core

    # --- who a seat is --------------------------------------------------------------------

    def sees(self, seat: str) -> str:
        """The engine seat whose view ``seat`` gets (``umpire``, a power or ``spectator``)."""
        return view_seat(seat, self.core.observers_see_all)

    def sees_all(self, seat: str) -> bool:
        return self.sees(seat) == UMPIRE

    # --- audiences ------------------------------------------------------------------------

    def insiders(self) -> frozenset[str]:
        """The read-only seats that see everything besides the umpire."""
        return frozenset({UMPIRE, ANALYST} | ({OBSERVER} if self.core.observers_see_all
                                              else set()))

    def everyone(self) -> frozenset[str]:
        return (frozenset(self.core.powers) | frozenset(self.core.members)
                | {SPECTATOR, OBSERVER, ANALYST, UMPIRE})

    def with_members(self, seats: frozenset[str]) -> frozenset[str]:
        """``seats`` with every member of each power's team added."""
        extra = {m.id for m in self.core.members.values() if m.power in seats}
        return seats | extra if extra else seats

    def readers(self, key: tuple[str, ...]) -> frozenset[str]:
        """The seats that read a chat channel (powers stand for their whole team)."""
        if len(key) > 1:
            return frozenset(key) | self.insiders()
        name = key[0]
        if name.startswith(TEAM_PREFIX):
            return frozenset({name[len(TEAM_PREFIX):]}) | self.insiders()
        if name == PUBLIC:
            return self.everyone()
        channel = self.core.channels.get(name)
        if channel is None:      # never so (channels close, they are not removed): be safe
            return self.insiders()
        if channel.public:
            return self.everyone()
        return frozenset(channel.members) | self.insiders()

    def seat_push(self, power: str) -> Push:
        """A power's seat and team as everyone may know them, to everyone."""
        return Push(self.everyone(), {"type": "seat", **self.core.seat_public(power)})

    def clock_push(self) -> Push:
        """The turn's clock, to everyone."""
        return Push(self.everyone(), self.core.clock())

    def hears(self, seat: str, key: tuple[str, ...]) -> bool:
        return seat in self.with_members(self.readers(key))

    def proposal_audience(self, members: Iterable[str]) -> frozenset[str]:
        """Proposals are seen only by the powers they name (RULES.md §7), secret or not."""
        return frozenset(members) | self.insiders()

    @staticmethod
    def note_audience(power: str) -> frozenset[str]:
        """A power's intents and insights: its team, the umpire and analysts."""
        return frozenset({power, UMPIRE, ANALYST})

    def inject_audience(self, inject: dict[str, Any]) -> frozenset[str]:
        return (self.everyone() if inject["targets"] == ALL
                else frozenset(inject["targets"]) | self.insiders())

    def split_by_ids(self, audience: frozenset[str], message: dict[str, Any],
                     aliased: dict[str, Any]) -> list[Push]:
        """One message for the seats in ``audience`` that see everything, its aliased copy
        for the others (one push when both are the same)."""
        if aliased == message:
            return [Push(audience, message)]
        inside = frozenset(s for s in audience if self.sees_all(s))
        return [p for p in (Push(audience - inside, aliased), Push(inside, message))
                if p.seats]

    # --- a seat's cut of the match --------------------------------------------------------

    def seat_view(self, state: State, seat: str) -> dict[str, Any]:
        """The state as ``seat`` may see it (pact ids aliased unless it sees everything)."""
        return seat_view(state, self.sees(seat), self.core.aliases)

    def orders_for(self, seat: str) -> dict[str, list[dict[str, Any]]]:
        if self.sees_all(seat):
            return copy.deepcopy(self.core.orders)
        power = self.core.power_of(seat)
        if power in self.core.orders:
            return {power: self.core.aliases.orders(copy.deepcopy(self.core.orders[power]))}
        return {}

    def drafts_for(self, seat: str) -> dict[str, list[dict[str, Any]]]:
        if self.sees_all(seat):
            return {p: copy.deepcopy(d) for p, d in self.core.drafts.items()}
        power = self.core.power_of(seat)
        if power in self.core.drafts:
            return {power: self.core.aliases.orders(copy.deepcopy(self.core.drafts[power]))}
        return {}

    def channels_for(self, seat: str) -> list[dict[str, Any]]:
        insider, power = self.sees_all(seat), self.core.power_of(seat)
        return [c.to_json() for c in self.core.channels.values()
                if c.public or insider or power in c.members]

    def proposals_for(self, seat: str) -> list[dict[str, Any]]:
        power = self.core.power_of(seat)
        return [p.to_json() for p in self.core.proposals.values()
                if self.sees_all(seat) or power in p.members]

    def chat_for(self, seat: str) -> list[dict[str, Any]]:
        """The chat history ``seat`` may read, press authors hidden but for the umpire."""
        hears: dict[tuple[str, ...], bool] = {}   # a match has few channels, many messages
        out = []
        for message in self.core.chat:
            if message.channel not in hears:
                hears[message.channel] = self.hears(seat, message.channel)
            if hears[message.channel]:
                out.append(message.to_json(reveal=seat == UMPIRE))
        return out

    def feedback_for(self, seat: str, feedback: dict[str, str]) -> dict[str, str]:
        """The umpire's words with a result: each power reads only its own."""
        if self.sees_all(seat):
            return dict(feedback)
        power = self.core.power_of(seat)
        return {power: feedback[power]} if power in feedback else {}

    def winner_for(self, seat: str, winner: Any) -> Any:
        winner = copy.deepcopy(winner)
        if winner is None or self.sees_all(seat):
            return winner
        return self.core.aliases.event(winner)

    def reads_notes(self, seat: str) -> bool:
        """Whether ``seat`` reads intents and insights at all (its own power's, or all)."""
        return seat in (UMPIRE, ANALYST) or self.core.power_of(seat) is not None

    def notes_for(self, seat: str, notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        power = self.core.power_of(seat)
        return [copy.deepcopy(n) for n in notes
                if seat in (UMPIRE, ANALYST) or n["seat"] == power]

    def injects_for(self, seat: str) -> list[dict[str, Any]]:
        insider = self.sees_all(seat)
        power = self.core.power_of(seat)
        return [copy.deepcopy(m) if insider else self.core.aliases.inject(copy.deepcopy(m))
                for m in self.core.injects
                if insider or m["targets"] == ALL or power in m["targets"]]


def seat_view(state: State, sees: str, aliases: PactAliases) -> dict[str, Any]:
    doc = view(state, sees)
    return doc if sees == UMPIRE else aliases.view(doc)


def seat_report(report: dict[str, Any], before: State, after: State, sees: str,
                aliases: PactAliases) -> dict[str, Any]:
    """The turn report as the engine seat ``sees`` may see it."""
    seen = view_report(report, before, after, sees)
    return seen if sees == UMPIRE else aliases.report(seen, after)
