"""The proposal form: every term of a pact (RULES.md §3), checked as the player fills it in.

The form keeps its choices in a ``Draft`` (plain data) and lays itself out in the pacts
panel's column. Terms are checked with the engine's own ``pact_problems`` against the
powers and territories of the seat's view, so the Propose button is live only for terms the
match will accept; a refusal the server still gives (``bad_terms``) is shown in the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox, UITextEntryLine

from game.words.narrate import join
from game.client.panels.base import PanelContext
from game.client.panels.frame import ChipGroup, Flow, esc
from game.words.pacts import obligation
from game.engine.foresight import pact_conflicts
from game.engine.terms import pact_problems

# One click fills the usual shapes of a deal; every term stays editable below.
PRESETS = (("defence", "Mutual defence"), ("guarantee", "Guarantee"),
           ("non_aggression", "Non-aggression, 4 turns"), ("offensive", "Offensive against…"),
           ("peace", "Peace with transfers"))
KINDS = (("defensive", "Defensive"), ("offensive", "Offensive"),
         ("non_aggression", "Non-aggression"), ("peace", "Peace"))
WIDE = 600                   # a column this wide holds the sheet in two columns
MAX_DURATION_SLIDER = 20     # longer pacts are rare; 0 means "until ended"
MAX_TRUCE_SLIDER = 12
WARNINGS_MAX = 110           # about four lines: the warnings box scrolls beyond it


@dataclass
class Draft:
    """What the player has chosen so far (the form's state survives a relayout)."""

    proposer: str = ""
    kind: str = "defensive"
    members: list[str] = field(default_factory=list)    # the proposer first, always there
    target: str | None = None
    against: list[str] = field(default_factory=list)
    other_side: list[str] = field(default_factory=list)  # peace: the side facing ours
    transfers: list[str] = field(default_factory=list)   # peace: territory ids that change hands
    burden_pct: int = 20
    pledges: dict[str, str] = field(default_factory=dict)  # member -> text typed
    notice: int = 1
    duration: int = 0
    truce: int = 4
    secret: bool = False
    integrated: bool = False
    name: str = ""

    def terms(self, owners: dict[str, str | None]) -> dict[str, Any]:
        """The proposal's terms (docs/PROTOCOL.md ``propose``); ``owners`` maps territories to
        their owner, to send each ceded territory to the other side's leader."""
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "peace":
            ours = [self.proposer]
            out["sides"] = [ours, list(self.other_side)]
            transfers = []
            for tid in self.transfers:
                giver = owners.get(tid)
                receiving = out["sides"][1] if giver in ours else out["sides"][0]
                if receiving:
                    transfers.append({"territory": tid, "to": receiving[0]})
            if transfers:
                out["transfers"] = transfers
            out["truce"] = self.truce
        else:
            out["members"] = list(self.members)
            if self.kind == "offensive":
                out["target"] = self.target
            if self.kind == "defensive" and self.against:
                out["against"] = list(self.against)
            if self.kind in ("defensive", "offensive"):
                out["burden_share"] = self.burden_pct / 100
                pledges = {p: int(t) for p, t in self.pledges.items()
                           if p in self.members and t.strip().isdigit()}
                if pledges:
                    out["pledges"] = pledges
            if self.integrated and self.kind in ("defensive", "offensive"):
                out["integrated_command"] = True
        out["notice"] = self.notice
        out["duration"] = self.duration
        if self.secret:
            out["secret"] = True
        if self.name.strip():
            out["name"] = self.name.strip()
        return out


class ProposalForm:
    """The form's widgets in a panel's column, and the checks behind the Propose button."""

    def __init__(self, ctx: PanelContext, *, on_close: Callable[[], None],
                 relayout: Callable[[], None], defaults: Draft | None = None) -> None:
        self.ctx = ctx
        self.on_close = on_close
        self.relayout = relayout
        self.draft = defaults or Draft(proposer=ctx.model.seat, members=[ctx.model.seat])
        self.server_problem = ""          # the server's bad_terms message, if it refused
        self.name_entry: UITextEntryLine | None = None
        self.pledge_entries: dict[str, UITextEntryLine] = {}
        self.problems_box: UITextBox | None = None
        self.deal_boxes: list[UITextBox] = []
        self.propose_button: UIButton | None = None
        self.pending_rid: Any = None

    # --- what the match allows -------------------------------------------------------------

    def live_powers(self) -> list[str]:
        powers = self.ctx.model.view.get("powers", {})
        return [p["id"] for p in self.ctx.model.powers
                if not (powers.get(p["id"]) or {}).get("eliminated")]

    def enemies(self) -> set[str]:
        """The powers the seat is at war with (offered first for a peace treaty)."""
        me = self.ctx.model.seat
        return {p for war in self.ctx.model.view.get("wars") or []
                for p in war.get("between", []) if me in war.get("between", []) and p != me}

    def owners(self) -> dict[str, str | None]:
        return {tid: t.get("owner") for tid, t in self.ctx.model.view.get("territories",
                                                                           {}).items()}

    def terms(self) -> dict[str, Any]:
        self._read_entries()
        return self.draft.terms(self.owners())

    def problems(self) -> list[str]:
        """Every reason the match would refuse these terms, in words (empty: sound)."""
        terms = self.terms()
        problems = pact_problems(terms, self.live_powers(), list(self.owners()))
        words = [self._plain(p) for p in problems]
        if self.draft.kind == "peace" and not self.draft.other_side:
            words = ["Choose the powers on the other side."]
        elif self.draft.kind != "peace" and len(self.draft.members) < 2:
            words = ["Choose at least one other member."]
        elif self.draft.kind == "offensive" and not self.draft.target:
            words = ["Choose the target of the offensive pact."]
        for p, text in self.draft.pledges.items():
            if p in self.draft.members and text.strip() and not text.strip().isdigit():
                words.append(f"The pledge of {self.ctx.names.power(p)} must be a whole "
                             "number of units.")
        return words

    def _plain(self, problem: str) -> str:
        """The engine's sentence with power ids turned into names."""
        for pid in self.live_powers():
            problem = re.sub(rf"'?\b{re.escape(pid)}\b'?", self.ctx.names.power(pid), problem)
        return problem[0].upper() + problem[1:] + ("" if problem.endswith(".") else ".")

    # --- layout ---------------------------------------------------------------------------

    def build(self, flow: Flow) -> None:
        d, ctx = self.draft, self.ctx
        me = ctx.model.seat
        others = [p for p in self.live_powers() if p != me]
        label = ctx.names.power

        flow.heading("Propose a pact")
        whole = flow
        # Wide enough (the sheet over the map): the terms on the left, the numbers, the
        # deal and the verdicts on the right, all on one screen.
        flow, right = whole.split() if whole.width >= WIDE else (whole, whole)
        flow.chips([(k, t) for k, t in PRESETS], self._preset_group(), columns=2, height=26)
        flow.chips(KINDS, self._group([d.kind], multi=False, on=self._set_kind), columns=2)
        flow.text(f"<i>{esc(obligation(d.kind))}</i>", object_id="#muted_text")

        if d.kind == "peace":
            flow.heading("Make peace with", object_id="#field_heading")
            enemies = self.enemies()
            flow.chips([(p, f"{label(p)} · at war" if p in enemies else label(p))
                        for p in sorted(others, key=lambda p: p not in enemies)],
                       self._group(d.other_side, on=self._set_other_side), columns=2)
            # Territories that change hands, in two groups by direction, so each chip is
            # just a territory's name and fits two to a row even on a large map.
            theirs, mine = self._cedable()
            if theirs:
                givers = join(label(p) for p in d.other_side)
                flow.heading(f"{givers} cede{'s' if len(d.other_side) == 1 else ''} to you",
                             object_id="#field_heading")
                flow.chips(theirs, self._transfer_group(theirs), columns=2, height=26)
            if mine:
                flow.heading(f"You cede to {label(d.other_side[0])}",
                             object_id="#field_heading")
                flow.chips(mine, self._transfer_group(mine), columns=2, height=26)
            right.slider("Truce", d.truce, 0, MAX_TRUCE_SLIDER, _turns_words,
                         lambda v: self._set("truce", v))
        else:
            flow.heading("Members", object_id="#field_heading")
            flow.chips([(p, label(p)) for p in self.live_powers()],
                       self._group(d.members, locked={me}, on=self._set_members), columns=2)
            outsiders = [p for p in others if p not in d.members]
            if d.kind == "offensive":
                flow.heading("Target", object_id="#field_heading")
                flow.chips([(p, label(p)) for p in outsiders],
                           self._group([d.target] if d.target else [], multi=False,
                                       on=self._set_target), columns=2)
            if d.kind == "defensive":
                flow.heading("Only against (optional)", object_id="#field_heading")
                flow.chips([(p, label(p)) for p in outsiders],
                           self._group(d.against, on=self._set_against), columns=2)
            if d.kind in ("defensive", "offensive"):
                right.slider("Burden share", d.burden_pct, 0, 50, lambda v: f"{v}% of forces",
                             lambda v: self._set("burden_pct", v))
                right.heading("Pledged units (optional)", object_id="#field_heading")
                self.pledge_entries = {}
                for p in d.members:
                    right.label_beside(label(p), 150)
                    self.pledge_entries[p] = right.entry(
                        initial=d.pledges.get(p, ""), placeholder="none: the share applies",
                        x=156, width=right.width - 156, allowed="numbers", limit=7)
                    right.frame.handlers[(pygame_gui.UI_TEXT_ENTRY_CHANGED,
                                          self.pledge_entries[p])] = self._typed
        right.slider("Notice", d.notice, 0, 4, _notice_words, lambda v: self._set("notice", v))
        right.slider("Duration", d.duration, 0, MAX_DURATION_SLIDER, _duration_words,
                     lambda v: self._set("duration", v))
        options = [("secret", "Secret")]
        if d.kind in ("defensive", "offensive"):
            options.append(("integrated", "Integrated command"))
        flags = [k for k, on in (("secret", d.secret), ("integrated", d.integrated)) if on]
        right.chips(options, self._group(flags, on=self._set_flags), columns=2)
        right.label_beside("Name", 60)
        self.name_entry = right.entry(initial=d.name, placeholder="optional, e.g. Entente",
                                      x=66, width=right.width - 66, limit=120)
        right.frame.handlers[(pygame_gui.UI_TEXT_ENTRY_CHANGED, self.name_entry)] = self._typed
        # Enter in the name box proposes, as the last field of a form usually does.
        right.frame.handlers[(pygame_gui.UI_TEXT_ENTRY_FINISHED, self.name_entry)] = \
            lambda event: self._send()
        gives, gets = self.deal()
        self.deal_boxes = right.columns("<b>You give</b><br>" + gives,
                                        "<b>You get</b><br>" + gets)
        warnings = self.warnings()
        if warnings:
            # Clashes first, then each bot's likely answer: a long list scrolls in its box
            # rather than push Propose below the sheet's fold.
            right.text("<br>".join(warnings), object_id="#panel_text",
                       max_height=WARNINGS_MAX)
        self.problems_box = right.text(self._problem_markup(), object_id="#problem_text",
                                       height=76)
        self.propose_button, _ = right.buttons([("Propose", self._send, "#primary_button"),
                                                ("Cancel", self._cancel, None)])
        whole.join(flow, right)
        self._refresh_problems()

    # --- the deal at a glance -----------------------------------------------------------------

    def preset(self, key: str) -> None:
        """Fill the draft with a usual deal, keeping the members already chosen."""
        d, me = self.draft, self.ctx.model.seat
        d.against, d.pledges, d.integrated = [], {}, False
        if key == "defence":
            d.kind, d.burden_pct, d.duration = "defensive", 20, 0
        elif key == "guarantee":
            # The seat alone pledges a fifth of its units; the others owe nothing.
            d.kind, d.burden_pct = "defensive", 0
            d.pledges = {me: str(max(1, self._units(me) // 5))}
        elif key == "non_aggression":
            d.kind, d.duration = "non_aggression", 4
        elif key == "offensive":
            d.kind, d.burden_pct = "offensive", 25
        elif key == "peace":
            d.kind, d.truce = "peace", 4
            d.other_side = sorted(self.enemies()) or d.other_side
        self.relayout()

    def _preset_group(self) -> ChipGroup:
        """The presets as chips: a click fills the draft (no chip stays selected)."""
        group = ChipGroup(multi=False, selected=[])
        group.on_change = lambda: self.preset(group.value()[0]) if group.value() else None
        return group

    def _units(self, power: str) -> int:
        return sum(int((t.get("forces") or {}).get(power, 0) or 0)
                   for t in self.ctx.model.view.get("territories", {}).values())

    def deal(self) -> tuple[str, str]:
        """What the seat gives and what it gets, in words, for the two columns."""
        d, names = self.draft, self.ctx.names
        me = self.ctx.model.seat
        if d.kind == "peace":
            owners = self.owners()
            give = [names.territory(t) for t in d.transfers if owners.get(t) == me]
            get = [names.territory(t) for t in d.transfers if owners.get(t) != me]
            truce = f"{_turns_words(d.truce)} of truce"
            return (esc(join(give) if give else "no land") + f"<br>{esc(truce)}",
                    esc(join(get) if get else "no land") + f"<br>{esc(truce)}")
        others = [p for p in d.members if p != me]
        who = join(names.power(p) for p in others) if others else "no one yet"
        mine = d.pledges.get(me, "").strip()
        theirs = [f"{names.power(p)}: {d.pledges[p]} units" for p in others
                  if d.pledges.get(p, "").strip()]
        share = f"{d.burden_pct}% of your forces"
        if d.kind == "defensive":
            return (f"Defence of {esc(who)}: " + esc(f"{mine} units" if mine else share),
                    f"{esc(who)} defend{'s' if len(others) == 1 else ''} you: " +
                    esc(", ".join(theirs) if theirs else f"{d.burden_pct}% of forces"))
        if d.kind == "offensive":
            target = names.power(d.target) if d.target else "the target"
            return (esc(f"War on {target} with {who}: " + (f"{mine} units" if mine else share)),
                    esc(f"{who} at your side against {target}"))
        if d.kind == "non_aggression":
            return (esc(f"No attack on {who}"), esc(f"No attack from {who}"))
        return "", ""

    def warnings(self) -> list[str]:
        """Clashes with the pacts in force, and each bot member's likely answer."""
        out = [f"<font color='#b5651d'><b>Warning:</b> {esc(self._plain(c))}</font>"
               for c in pact_conflicts(self.ctx.model.view, self.ctx.model.seat,
                                       self.terms())]
        if self.problems():
            return out
        terms = self.terms()
        members = terms.get("members") or [p for s in terms.get("sides", []) for p in s]
        for p in members:
            if p == self.ctx.model.seat:
                continue
            guess = self.ctx.likely_answer(p, terms)
            if guess is None:
                continue
            verdict = ("<font color='#2f6b3a'>likely yes</font>" if guess.accept
                       else "<font color='#b22222'>likely no</font>")
            out.append(f"{esc(self.ctx.names.power(p))} (bot): {verdict}: "
                       f"<i>{esc(guess.say)}</i>")
        return out

    # --- reacting to the player ------------------------------------------------------------

    def _group(self, selected: list[str], *, multi: bool = True,
               locked: set[str] | None = None,
               on: Callable[[list[str]], None]) -> ChipGroup:
        group = ChipGroup(multi=multi, selected=list(selected),
                          locked=frozenset(locked or ()))
        group.on_change = lambda: (on(group.value()), self.relayout())
        return group

    def _set_kind(self, value: list[str]) -> None:
        if value:
            self.draft.kind = value[0]

    def _set_members(self, value: list[str]) -> None:
        # The proposer first, then the others in scenario order (members are taken in their
        # listed order when the pact is called on, RULES.md §5).
        me = self.draft.proposer
        self.draft.members = [me] + [p for p in value if p != me]
        if self.draft.target in value:
            self.draft.target = None
        self.draft.against = [p for p in self.draft.against if p not in value]

    def _set_target(self, value: list[str]) -> None:
        self.draft.target = value[0] if value else None

    def _set_against(self, value: list[str]) -> None:
        self.draft.against = value

    def _set_other_side(self, value: list[str]) -> None:
        self.draft.other_side = value
        theirs, mine = self._cedable()
        cedable = {k for k, _ in theirs + mine}
        self.draft.transfers = [t for t in self.draft.transfers if t in cedable]

    def _transfer_group(self, options: list[tuple[str, str]]) -> ChipGroup:
        """A chip group over some of the cedable territories, sharing ``draft.transfers``."""
        ids = {k for k, _ in options}

        def changed(value: list[str]) -> None:
            self.draft.transfers = [t for t in self.draft.transfers if t not in ids] + value
        return self._group([t for t in self.draft.transfers if t in ids], on=changed)

    def _set_flags(self, value: list[str]) -> None:
        self.draft.secret = "secret" in value
        self.draft.integrated = "integrated" in value

    def _set(self, attr: str, value: int) -> None:
        setattr(self.draft, attr, value)
        self._refresh_problems()

    def _typed(self, event: pygame.event.Event) -> None:
        self._read_entries()
        self._refresh_problems()

    def _read_entries(self) -> None:
        if self.name_entry is not None and self.name_entry.alive():
            self.draft.name = self.name_entry.get_text()
        for p, line in self.pledge_entries.items():
            if line.alive():
                self.draft.pledges[p] = line.get_text()

    def _cedable(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(territory, name) the other side could cede to the seat, and the seat's own that
        it could cede; each goes to the receiving side's first power (``Draft.terms``)."""
        me, other = self.ctx.model.seat, self.draft.other_side
        if not other:
            return [], []
        names = self.ctx.names
        owners = self.owners()
        theirs = [(t, names.territory(t)) for t, owner in owners.items() if owner in other]
        mine = [(t, names.territory(t)) for t, owner in owners.items() if owner == me]
        return theirs, mine

    def _problem_markup(self) -> str:
        problems = ([self.server_problem] if self.server_problem else []) + self.problems()
        if not problems:
            members = self.draft.members if self.draft.kind != "peace" else self.draft.other_side
            asked = [self.ctx.names.power(p) for p in members if p != self.ctx.model.seat]
            return f"<font color='#2f6b3a'>Ready to send to {esc(join(asked))}.</font>"
        return "<br>".join(f"• {esc(p)}" for p in problems)

    def _refresh_problems(self) -> None:
        if self.problems_box is None or not self.problems_box.alive():
            return
        self.problems_box.set_text(self._problem_markup())
        gives, gets = self.deal()      # a slider moved: the two sides say the new figures
        for box, markup in zip(self.deal_boxes, (gives, gets)):
            if box.alive():
                box.set_text(f"<b>You {'give' if box is self.deal_boxes[0] else 'get'}</b>"
                             f"<br>{markup}")
        if self.propose_button is not None:
            if self.problems():
                self.propose_button.disable()
            else:
                self.propose_button.enable()

    def _send(self) -> None:
        if self.problems():
            return
        self.server_problem = ""
        terms = self.terms()
        self.pending_rid = self.ctx.conn.send({"type": "propose", "terms": terms})
        members = terms.get("members") or [p for s in terms.get("sides", []) for p in s]
        asked = [self.ctx.names.power(p) for p in members if p != self.ctx.model.seat]
        self.ctx.toast(f"Proposal sent to {join(asked)}.")
        self.on_close()

    def _cancel(self) -> None:
        self.on_close()

    def refused(self, message: str) -> None:
        """The server refused the proposal: show why, keeping the player's choices."""
        self.server_problem = f"The match refused it: {message}"


def _turns_words(n: int) -> str:
    return f"{n} turn" if n == 1 else f"{n} turns"


def _notice_words(n: int) -> str:
    return "leave at once" if n == 0 else _turns_words(n)


def _duration_words(n: int) -> str:
    return "until ended" if n == 0 else _turns_words(n)
