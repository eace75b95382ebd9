"""Injects: the scenario's scripted ones and an ad hoc form (docs/PROTOCOL.md §10).

The form asks for what the kind needs: an amount for an economic crisis (treasury lost)
or a scandal (legitimacy lost), the pact a leak reveals (or none: every unrevealed secret
pact of the targets), the two powers and the place of a border incident. Below it, the
injects fired so far in this session, as the players were told them.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client.panels.frame import Flow, esc

from . import feed as F
from .base import WorkshopPanel

KINDS: tuple[tuple[str, str], ...] = (
    ("announcement", "Announcement"), ("economic_crisis", "Economic crisis"),
    ("scandal", "Scandal"), ("leak", "Leak"), ("border_incident", "Border incident"),
)
ALL = "all"


def inject_from_form(kind: str, texts: dict[str, str],
                     choices: dict[str, list[str]]) -> tuple[dict[str, Any] | None, str]:
    """The ``inject`` document the form describes, or None and what is missing."""
    doc: dict[str, Any] = {"kind": kind}
    targets = choices.get("targets", [])
    if not targets:
        return None, "choose the targets (or everyone)"
    doc["targets"] = ALL if ALL in targets else targets
    for key in ("title", "text"):
        if texts.get(key, "").strip():
            doc[key] = texts[key].strip()
    if kind == "announcement" and "text" not in doc:
        return None, "an announcement needs its text"
    if kind in ("economic_crisis", "scandal"):
        try:
            doc["amount"] = int(texts.get("amount", "").strip())
        except ValueError:
            return None, ("type how much treasury is lost" if kind == "economic_crisis"
                          else "type how much legitimacy is lost")
    if kind == "leak" and choices.get("pact"):
        doc["pact"] = choices["pact"][0]
    if kind == "border_incident":
        powers = choices.get("powers", [])
        if len(powers) != 2:
            return None, "choose the two powers of the incident"
        doc["powers"] = powers
        if texts.get("territory", "").strip():
            doc["territory"] = texts["territory"].strip()
    return doc, ""


def scripted_injects(conn: Any) -> list[dict[str, Any]] | None:
    """The scenario's scripted injects when the match runs in this process (hot-seat), or
    None when only the server has the scenario file."""
    match = getattr(getattr(conn, "host", None), "match", None)
    if match is None:
        return None
    return list(match.scenario.scenario_doc.get("injects", []) or [])


class InjectsPanel(WorkshopPanel):
    """The injects tab of the umpire's console."""

    title: ClassVar[str] = "Injects"
    shortcut: ClassVar[int | None] = pygame.K_F5
    parts = frozenset({F.INJECTS, F.HISTORY})

    def kind(self) -> str:
        return self.first("kind", KINDS[0][0])

    def build(self, flow: Flow) -> None:
        names = self.ctx.names
        power_chips = [(p, names.power(p)) for p in self.powers()]
        flow.heading("A new inject")
        self.choice(flow, "kind", KINDS, columns=2, relayout=True, default=(KINDS[0][0],))
        kind = self.kind()
        flow.heading("Told to")
        targets = self.choice(flow, "targets", [(ALL, "Everyone")] + power_chips, multi=True,
                              default=(ALL,))
        before = targets.value()

        def exclusive() -> None:
            # "Everyone" and a list of powers exclude each other: choosing one clears the other.
            nonlocal before
            now = targets.value()
            added = [k for k in now if k not in before]
            if ALL in added:
                now = [ALL]
            elif added:
                now = [k for k in now if k != ALL]
            targets.selected = now
            targets.paint()
            self.choices["targets"] = before = list(now)
        targets.on_change = exclusive
        flow.label_beside("Title", 90)
        self.field(flow, "title", "optional headline", x=94, width=flow.width - 94)
        flow.label_beside("Text", 90)
        self.field(flow, "text", "what the targets are told", x=94, width=flow.width - 94)
        if kind in ("economic_crisis", "scandal"):
            flow.label_beside("Treasury lost" if kind == "economic_crisis"
                              else "Legitimacy lost", 120)
            self.field(flow, "amount", value="3", x=124, width=100, numbers=True, limit=7)
        if kind == "leak":
            secret = [p for p in self.ctx.model.view.get("pacts", [])
                      if p.get("secret") and not p.get("revealed") and p.get("status") == "active"]
            flow.heading("Pact to reveal")
            flow.text("None chosen: every unrevealed secret pact of the targets."
                      if secret else "<i>No unrevealed secret pact now.</i>")
            self.choice(flow, "pact", [(p["id"], f"{p['id']} {p.get('name') or p['kind']}")
                                       for p in secret], columns=2)
        if kind == "border_incident":
            flow.heading("Between")
            self.choice(flow, "powers", power_chips, multi=True)
            flow.label_beside("Where", 90)
            self.field(flow, "territory", "click the map (optional)", x=94,
                       width=flow.width - 94, limit=24)
        if self.feed.phase != "planning":
            flow.text("<i>Injects fire while a turn is planned"
                      + ("; release the result under review first.</i>"
                         if self.feed.phase == "review" else ".</i>"))
        flow.buttons([("Fire the inject", self.fire if self.feed.phase == "planning" else None,
                       "#primary_button")])
        scripted = scripted_injects(self.ctx.conn)
        flow.heading("Scripted in the scenario")
        if scripted is None:
            flow.text("The scenario file on the server scripts them; they fire on their own "
                      "when their turn begins.")
        elif not scripted:
            flow.text("<i>This scenario scripts no injects.</i>")
        for doc in scripted or []:
            cond = doc.get("condition")
            flow.text(f"Turn {doc.get('turn')}: <b>{esc(doc.get('kind', 'announcement'))}</b>"
                      f" {esc(doc.get('title', ''))} — {esc(doc.get('text', ''))}"
                      + (f" <i>(if {esc(cond.get('kind'))})</i>" if cond else ""))
        if self.feed.injects:
            flow.heading("Fired")
            for m in reversed(self.feed.injects[-10:]):
                targets = m.get("targets")
                who = "everyone" if targets == ALL else ", ".join(
                    names.power(p) for p in targets or [])
                # In words, as the chips name the kinds (the text boxes' font has no arrow).
                kind = dict(KINDS).get(str(m.get("kind")), str(m.get("kind")))
                title = f"<b>{esc(m['title'])}</b> — " if m.get("title") else ""
                flow.text(f"Turn {m.get('turn')} · {esc(kind)} for {esc(who)}: "
                          f"{title}{esc(m.get('text') or '')}")

    def update(self, dt: float) -> None:
        tid = self.new_pick()
        if tid is not None and self.kind() == "border_incident":
            self.texts["territory"] = tid
            self.relayout = True
        super().update(dt)

    def marked(self) -> list[str]:
        where = self.text_of("territory")
        return [where] if where and self.kind() == "border_incident" else []

    def fire(self) -> None:
        doc, missing = inject_from_form(self.kind(), self.texts, self.choices)
        if doc is None:
            self.ctx.toast(f"Not yet: {missing}.")
            return

        def done(reply: dict[str, Any]) -> None:
            self.clear("title", "text", "amount", "territory")
        self.request({"type": "inject", "inject": doc}, "The inject is out.", then=done)
