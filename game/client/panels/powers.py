"""The powers panel: every power as the seat sees it, with war, peace and money orders.

Everything shown comes from the seat's view: unit counts and treasuries the fog hides are
null there and shown as "?" here, never estimated from anything else. Credibility is shown
as the record behind the number ("kept 7 of 9", RULES.md step 6).
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client import model as parts
from game.client import standing
from game.client.panels.frame import GAP, Flow, PanelFrame, esc, power_colour, power_tag
from game.words.palette import hex_colour
from game.words.pacts import credibility_record, pact_title, personality_line

CRISIS = 25     # RULES.md §4 (param): below it a power cannot declare war


def units_of(view: dict[str, Any], power: str) -> int | None:
    """The power's units on the map, or None when the fog hides some of them.

    Under fog a seat sees every unit of itself and its allies (their treasuries are visible
    too), and only some units of anyone else: a partial count would mislead, so it is None.
    """
    pdoc = (view.get("powers") or {}).get(power) or {}
    if view.get("fog") and pdoc.get("treasury") is None:
        return None
    total = 0
    for terr in (view.get("territories") or {}).values():
        forces = terr.get("forces")
        if forces is None:     # a friend's units are all where the seat can see
            continue
        total += int(forces.get(power, 0))
    return total


def wars_of(view: dict[str, Any], power: str) -> list[tuple[str, str | None]]:
    """(enemy, aggressor or None) for every war the power is in."""
    out = []
    for war in view.get("wars") or []:
        pair = list(war.get("between") or [])
        if power in pair:
            enemy = pair[1] if pair[0] == power else pair[0]
            out.append((enemy, war.get("aggressor")))
    return out


class PowersPanel(PanelFrame):
    """One card per power: territories, units, treasury, legitimacy, credibility, wars, pacts."""

    title: ClassVar[str] = "Powers"
    shortcut: ClassVar[int | None] = pygame.K_F5

    def __init__(self, manager: Any, rect: pygame.Rect, ctx: Any) -> None:
        self.amounts: dict[str, Any] = {}
        super().__init__(manager, rect, ctx)

    def refresh(self, changed: frozenset[str]) -> None:
        if changed & {parts.VIEW, parts.SEATS, parts.OVER}:
            self.rebuild()

    def build(self, flow: Flow) -> None:
        model = self.ctx.model
        self.amounts = {}
        me = model.seat
        ordered = [p["id"] for p in model.powers]
        if me in ordered:     # the seat's own power first, then scenario order
            ordered.remove(me)
            ordered.insert(0, me)
        for pid in ordered:
            self._card(flow, pid)

    def _card(self, flow: Flow, pid: str) -> None:
        ctx, model = self.ctx, self.ctx.model
        view = model.view
        pdoc = (view.get("powers") or {}).get(pid) or {}
        owned = sum(1 for t in (view.get("territories") or {}).values()
                    if t.get("owner") == pid)
        units = units_of(view, pid)
        treasury = pdoc.get("treasury")
        legitimacy = pdoc.get("legitimacy")
        seat = model.seats.get(pid) or {}

        head = power_tag(ctx, pid)
        if pid == model.seat:
            head += " <font color='#6b5d4d'>(you)</font>"
        who = _player(seat)
        if who:
            head += f" <font color='#6b5d4d'>· {esc(who)}</font>"
        if pdoc.get("eliminated"):
            head += " <font color='#b22222'><b>ELIMINATED</b></font>"
        lines = [head]
        if seat.get("kind") == "bot":
            lines.append(f"<i>{esc(personality_line(str(seat.get('personality') or '')))}</i>")
        if pid == model.seat:
            roster = _roster(model)
            if roster:
                lines.append(roster)
        total = standing.units(view, pid)
        # Under fog a power's units are "?", unless its total is public (ruleset 2): then
        # the line below gives it, and "Units ?" beside "Forces in all 81" would contradict it.
        count = "" if units is None and total is not None else \
            f" · Units <b>{_known(units)}</b>"
        lines.append(f"Territories <b>{owned}</b>{count} · "
                     f"Treasury <b>{_known(treasury)}</b>{' IP' if treasury is not None else ''}")
        if total is not None:     # ruleset 2: every power's total is public, fog or not
            lines.append(f"Forces in all <b>{total}</b> units <font color='#6b5d4d'>"
                         f"(public)</font>")
        o = standing.outlook(view, ctx.values, pid, ctx.rules) \
            if treasury is not None else None
        if o is not None:
            lines.append(f"<font color='#5c5042'>Next turn: {esc(standing.outlook_words(o))}"
                         f"</font>")
        legit = f"Legitimacy <b>{_known(legitimacy)}</b>"
        if isinstance(legitimacy, int) and legitimacy < CRISIS:
            legit += " <font color='#b22222'><b>in crisis</b></font>"
        cred = pdoc.get("credibility")
        lines.append(f"{legit} · Credibility <b>{_known(cred)}</b> "
                     f"({esc(credibility_record(pdoc))})")
        wars = wars_of(view, pid)
        if wars:
            parts_ = []
            for enemy, aggressor in wars:
                text = power_tag(ctx, enemy)
                if aggressor == pid:
                    text += " (as aggressor)"
                elif aggressor == enemy:
                    text += " (attacked)"
                parts_.append(text)
            lines.append("<font color='#b22222'>At war with</font> " + ", ".join(parts_))
        else:
            lines.append("At peace")
        pacts = [p for p in view.get("pacts") or []
                 if pid in p.get("members", []) and p.get("status") != "ended"]
        if pacts:
            lines.append("Pacts: " + esc(", ".join(pact_title(p, ctx.names) for p in pacts)))
        swatch = hex_colour(power_colour(ctx, pid))
        flow.swatch(swatch, size=12, dy=7)
        flow.clickable("<br>".join(lines).replace(head, "&nbsp;&nbsp;&nbsp;" + head, 1),
                       lambda: ctx.show_on_map({"powers": [pid]}), tooltip="Show on the map")
        if self._can_act_on(pid):
            self._actions(flow, pid, wars)
        flow.rule()

    def _can_act_on(self, pid: str) -> bool:
        model = self.ctx.model
        if not model.is_power or model.over or pid == model.seat:
            return False
        powers = model.view.get("powers") or {}
        return not (powers.get(pid) or {}).get("eliminated") and not (
            powers.get(model.seat) or {}).get("eliminated")

    def _actions(self, flow: Flow, pid: str, wars: list[tuple[str, str | None]]) -> None:
        model = self.ctx.model
        at_war = any(enemy == model.seat for enemy, _ in wars)
        mine = (model.view.get("powers") or {}).get(model.seat) or {}
        half = (flow.width - GAP) // 2
        if at_war:
            flow.button("Offer peace", lambda: self._order({"op": "offer_peace",
                                                            "target": pid}),
                        x=0, width=half, tooltip="Peace if they offer it too this turn")
        else:
            crisis = int(mine.get("legitimacy", 100)) < CRISIS
            flow.button("Declare war", None if crisis else
                        (lambda: self._order({"op": "declare_war", "target": pid})),
                        x=0, width=half, object_id=None if crisis else "#danger_button",
                        tooltip="In crisis: you cannot declare war" if crisis else
                        "Their defensive allies may be called in against you")
        entry_w = (half - GAP) // 2
        amount = flow.entry(placeholder="IP", x=half + GAP, width=entry_w, allowed="numbers",
                            limit=6, advance=False)
        self.amounts[pid] = amount
        flow.button("Give", lambda: self._give(pid), x=half + GAP + entry_w + GAP,
                    width=half - entry_w - GAP, tooltip="Transfer IP from your treasury")
        flow.y += 28 + GAP + 2

    def _order(self, order: dict[str, Any]) -> None:
        self.ctx.add_order(order)
        name = self.ctx.names.power(order.get("target") or order.get("to"))
        verb = {"declare_war": f"Declare war on {name}", "offer_peace": f"Offer peace to {name}",
                "transfer": f"Give {order.get('amount')} IP to {name}"}[order["op"]]
        self.ctx.toast(f"Order added: {verb}.")

    def _give(self, pid: str) -> None:
        entry = self.amounts.get(pid)
        text = entry.get_text().strip() if entry is not None else ""
        if not text.isdigit() or int(text) <= 0:
            self.ctx.toast("Type how many IP to give first.")
            return
        amount = int(text)
        mine = (self.ctx.model.view.get("powers") or {}).get(self.ctx.model.seat) or {}
        treasury = mine.get("treasury")
        if isinstance(treasury, int) and amount > treasury:
            self.ctx.toast(f"You have only {treasury} IP.")
            return
        self._order({"op": "transfer", "to": pid, "amount": amount})
        entry.set_text("")


def _known(value: Any) -> str:
    return "?" if value is None else str(value)


def _player(seat: dict[str, Any]) -> str:
    kind = seat.get("kind")
    if kind == "bot":
        return "bot"
    if kind == "empty":
        return "unplayed"
    if seat.get("name"):
        return str(seat["name"])
    return "" if seat.get("occupied") else "seat free"


def _roster(model: Any) -> str:
    """'Team: Ada (head of government, lead) · Bo (foreign minister, you)': the seat's own
    team in a workshop match; "" for a player alone."""
    team = model.team() if callable(getattr(model, "team", None)) else []
    people = []
    for person in team:
        notes = [n for n in (person["role"], "lead" if person["lead"] else "",
                             "you" if person["id"] == model.seat_id else "") if n]
        text = f"<b>{esc(person['name'] or person['id'])}</b>"
        if notes:
            text += f" ({esc(', '.join(notes))})"
        people.append(text)
    return "Team: " + " · ".join(people) if people else ""
