"""Edit the world: the umpire puts the exercise where it needs to be, each change with a
rationale (docs/PROTOCOL.md §10, ``edit_world``).

Pick what to change, then its fields: powers and pacts from chips, territories by clicking
the map in the console (the first click fills the first territory field, the next the
second) or by typing their ids. The panel shows the chosen power's current figures so the
umpire sets values knowing what they replace.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client.panels.frame import Flow, esc

from . import feed as F
from .base import WorkshopPanel

KINDS: tuple[tuple[str, str], ...] = (
    ("move_units", "Move units"), ("remove_units", "Remove units"), ("add_units", "Add units"),
    ("set_owner", "Change owner"), ("set_legitimacy", "Legitimacy"),
    ("set_record", "Credibility"), ("set_treasury", "Treasury"), ("end_pact", "End a pact"),
    ("reveal_pact", "Reveal a pact"), ("declare_peace", "Declare peace"),
)
NEUTRAL = "neutral"

# The fields each kind of edit needs, in the order the form shows them.
FIELDS: dict[str, tuple[str, ...]] = {
    "move_units": ("power", "from", "to", "n"),
    "remove_units": ("power_or_neutral", "territory", "n"),
    "add_units": ("power_or_neutral", "territory", "n"),
    "set_owner": ("territory", "owner"),
    "set_legitimacy": ("power", "value"),
    "set_record": ("power", "owed", "kept"),
    "set_treasury": ("power", "value"),
    "end_pact": ("pact",),
    "reveal_pact": ("secret_pact",),
    "declare_peace": ("between",),
}
TERRITORY_FIELDS = ("from", "to", "territory")
NUMBER_FIELDS = {"n": "Units", "value": "Value", "owed": "Owed", "kept": "Kept"}


def edit_from_form(kind: str, texts: dict[str, str],
                   choices: dict[str, list[str]]) -> tuple[dict[str, Any] | None, str]:
    """The ``edit`` document the form describes, or None and what is missing."""
    edit: dict[str, Any] = {"kind": kind}
    for name in FIELDS[kind]:
        if name in ("power", "power_or_neutral"):
            chosen = choices.get(name, [])
            if not chosen:
                return None, "choose the power"
            edit["power"] = chosen[0]
        elif name == "owner":
            chosen = choices.get("owner", [])
            if not chosen:
                return None, "choose the new owner (or nobody)"
            edit["owner"] = None if chosen[0] == NEUTRAL else chosen[0]
        elif name in TERRITORY_FIELDS:
            tid = texts.get(name, "").strip()
            if not tid:
                return None, f"click the map (or type an id) for '{name}'"
            edit[name] = tid
        elif name in NUMBER_FIELDS:
            try:
                edit[name] = int(texts.get(name, "").strip())
            except ValueError:
                return None, f"type a whole number for '{NUMBER_FIELDS[name].lower()}'"
        elif name in ("pact", "secret_pact"):
            chosen = choices.get(name, [])
            if not chosen:
                return None, "choose the pact"
            edit["pact"] = chosen[0]
        elif name == "between":
            chosen = choices.get("between", [])
            if len(chosen) != 2:
                return None, "choose the two powers at war"
            edit["between"] = chosen
    return edit, ""


class WorldPanel(WorkshopPanel):
    """The world tab of the umpire's console."""

    title: ClassVar[str] = "World"
    shortcut: ClassVar[int | None] = pygame.K_F4
    parts = frozenset({F.EDITS, F.HISTORY})

    def kind(self) -> str:
        return self.first("kind", KINDS[0][0])

    def build(self, flow: Flow) -> None:
        if self.feed.phase != "planning":
            flow.text("The world can be edited only while a turn is being planned"
                      + (" (a result is under review)." if self.feed.phase == "review"
                         else "."))
        self.choice(flow, "kind", KINDS, columns=2, relayout=True, default=(KINDS[0][0],))
        kind = self.kind()
        names = self.ctx.names
        view = self.ctx.model.view
        power_chips = [(p, names.power(p)) for p in self.powers()]
        for name in FIELDS[kind]:
            if name == "power":
                flow.heading("Power")
                self.choice(flow, "power", power_chips, relayout=True)
            elif name == "power_or_neutral":
                flow.heading("Whose units")
                self.choice(flow, "power_or_neutral", power_chips + [(NEUTRAL, "Neutral")])
            elif name == "owner":
                flow.heading("New owner")
                self.choice(flow, "owner", power_chips + [(NEUTRAL, "Nobody")])
            elif name in TERRITORY_FIELDS:
                label = {"from": "From", "to": "To", "territory": "Territory"}[name]
                flow.label_beside(label, 90)
                self.field(flow, name, "click the map or type an id", x=94,
                           width=flow.width - 94, limit=24)
                tid = self.text_of(name)
                if tid:
                    flow.text(self.territory_line(tid), indent=94)
            elif name in NUMBER_FIELDS:
                flow.label_beside(NUMBER_FIELDS[name], 90)
                self.field(flow, name, "number", x=94, width=110, numbers=True, limit=9)
            elif name in ("pact", "secret_pact"):
                flow.heading("Pact")
                pacts = [p for p in view.get("pacts", []) if p.get("status") == "active"
                         and (name == "pact" or not p.get("revealed", True))]
                if not pacts:
                    flow.text("<i>No pact to choose.</i>")
                self.choice(flow, name, [(p["id"], f"{p['id']} {p.get('name') or p['kind']}")
                                         for p in pacts], columns=2)
            elif name == "between":
                flow.heading("Between (two powers at war)")
                wars = view.get("wars", [])
                flow.text("At war: " + (", ".join(
                    f"{esc(names.power(a))} and {esc(names.power(b))}" for a, b in wars)
                    if wars else "nobody"))
                self.choice(flow, "between", power_chips, multi=True)
        power = (self.chosen("power") or [None])[0]
        if power and "power" in FIELDS[kind]:
            figures = view.get("powers", {}).get(power, {})
            flow.text(f"{esc(names.power(power))} now: legitimacy "
                      f"<b>{figures.get('legitimacy', '?')}</b>, treasury "
                      f"<b>{figures.get('treasury', '?')}</b>, credibility record "
                      f"<b>{figures.get('kept', '?')}</b> kept of "
                      f"<b>{figures.get('owed', '?')}</b> owed")
        flow.heading("Rationale")
        self.field(flow, "rationale", "why (only umpires see it)")
        flow.buttons([("Apply the edit", self.apply if self.feed.phase == "planning" else None,
                       "#primary_button")])
        if self.feed.edits:
            flow.heading("Edits this session")
            for e in reversed(self.feed.edits[-8:]):
                flow.text(f"<b>{esc(e.get('edit', {}).get('kind', ''))}</b>: "
                          f"<i>{esc(e.get('rationale', ''))}</i>")

    def territory_line(self, tid: str) -> str:
        t = self.ctx.model.view.get("territories", {}).get(tid)
        if t is None:
            return f"<font color='#b3261e'>{esc(tid)} is not a territory of this map</font>"
        forces = ", ".join(f"{esc(self.ctx.names.power(p))} {n}"
                           for p, n in t.get("forces", {}).items() if n)
        owner = "nobody" if t.get("owner") is None else self.ctx.names.power(t["owner"])
        return (f"<b>{esc(self.ctx.names.territory(tid))}</b>: owner {esc(owner)}"
                + (f"; units: {forces}" if forces else "; no units"))

    def update(self, dt: float) -> None:
        tid = self.new_pick()
        if tid is not None:
            self.take_pick(tid)
        super().update(dt)

    def marked(self) -> list[str]:
        return [self.text_of(f) for f in FIELDS[self.kind()]
                if f in TERRITORY_FIELDS and self.text_of(f)]

    def take_pick(self, tid: str) -> None:
        """A territory clicked on the map fills the form's next territory field."""
        wanted = [f for f in FIELDS[self.kind()] if f in TERRITORY_FIELDS]
        if not wanted:
            return
        empty = [f for f in wanted if not self.text_of(f)]
        if not empty:      # all filled: start again from the first
            for f in wanted:
                self.texts.pop(f, None)
            empty = wanted
        self.texts[empty[0]] = tid
        self.relayout = True

    def apply(self) -> None:
        edit, missing = edit_from_form(self.kind(), self.texts, self.choices)
        if edit is None:
            self.ctx.toast(f"Not yet: {missing}.")
            return
        rationale = self.text_of("rationale")
        if not rationale:
            self.ctx.toast("Give a rationale: it stays with the edit for the debrief.")
            return

        def done(reply: dict[str, Any]) -> None:
            self.clear("rationale", *TERRITORY_FIELDS)
        self.request({"type": "edit_world", "edit": edit, "rationale": rationale},
                     "The world is changed.", then=done)
