"""The chat panel: the public channel, the seat's private groups, and new groups; in a
workshop match also its team channel and the channels the umpire configured.

The model holds only the channels this seat belongs to (the match sends nothing else,
PROTOCOL.md §3). A channel is "public", a named channel's id (``team:RED`` for a power's
team, or the umpire's: ``herald``), or the list of its member powers in scenario order,
the same key the match uses, so a group opened here and a message that arrives on it meet
in one place. Unread counts are kept per channel and cleared when the channel is shown.

Named channels say who may write and in which stage (PROTOCOL.md §10): when this seat may
not write on the shown channel now, the send box is disabled and one line says why. A
press message reaches players as ``from: "press"`` and is shown without an author.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

import pygame
import pygame_gui

from game.client import model as parts
from game.client.panels.frame import (GAP, PAD, ROW, ChipGroup, Flow, PanelFrame, esc,
                                      power_tag)

PUBLIC = "public"
TEAM = "team"              # what a player writes for its own team channel
TEAM_PREFIX = "team:"      # how the match names it on the wire: team:RED
PRESS = "press"            # the author every seat but the umpire sees on a press message
MAX_CHAT = 2000            # PROTOCOL.md §2

Key = str | tuple[str, ...]


def channel_key(channel: Any, order: list[str], power: str | None = None) -> Key:
    """'public', a named channel's id ('team:RED', or one the umpire configured: 'herald'),
    or a group's powers in scenario order (as the match keys it). ``power``: the seat's
    own power, so that 'team' (as the seat writes it) meets 'team:POWER' (as it arrives)."""
    if channel == TEAM and power:
        return TEAM_PREFIX + power
    if isinstance(channel, str) and channel:
        return channel
    if not isinstance(channel, (list, tuple)):
        return PUBLIC
    members = set(channel)
    return tuple(p for p in order if p in members)


class ChatPanel(PanelFrame):
    """Channels with unread counts, the history of the chosen one, and a send box."""

    title: ClassVar[str] = "Chat"
    shortcut: ClassVar[int | None] = pygame.K_F6

    def __init__(self, manager: Any, rect: pygame.Rect, ctx: Any) -> None:
        self.current: Key = PUBLIC
        kept = ctx.chat_read
        self.read: dict[Key, int] = kept if kept is not None else {}
        self.opened: list[Key] = []          # groups opened here before anyone wrote in them
        self.picking: ChipGroup | None = None
        self.entry: Any = None
        self.history_box: Any = None
        self.tabs: dict[Key, Any] = {}
        self.draft_text = ""
        self.built_block = ""     # the reason the send box was built disabled with
        # Older chat comes in pages put before what is held (MatchModel.older_chat): how much
        # is held tells a page from new messages, and whether "Earlier messages" was built.
        self.held = len(ctx.model.chat)
        self.held_from = ctx.model.extra.get("chat_from", 0)
        self.built_older = False
        self.to_top = False       # show the top of the history once the page asked for comes
        marks = dict(self.read)
        super().__init__(manager, rect, ctx)
        if kept is None:
            self._mark_read()
        else:
            # Built visible before the sidebar shows its tab: only showing the tab reads it.
            self.read.clear()
            self.read.update(marks)

    # --- what the seat has heard ----------------------------------------------------------

    def order(self) -> list[str]:
        return [p["id"] for p in self.ctx.model.powers]

    def power(self) -> str | None:
        model = self.ctx.model
        return model.seat if model.is_power else None

    def key_of(self, channel: Any) -> Key:
        return channel_key(channel, self.order(), self.power())

    def has_team(self) -> bool:
        """The seat's power is played by a team of two or more: it has a team channel."""
        team = getattr(self.ctx.model, "team", None)
        return bool(team()) if callable(team) else False

    def configured(self) -> dict[str, dict[str, Any]]:
        """The channels the umpire configured that this seat may read, by id."""
        listed = self.ctx.model.extra.get("channels", []) if hasattr(self.ctx.model,
                                                                      "extra") else []
        return {c["id"]: c for c in listed if isinstance(c, dict) and c.get("id")}

    def channels(self) -> list[Key]:
        """Public first, the configured channels, then groups in order of first use, then
        groups opened here."""
        keys: list[Key] = [PUBLIC]
        if self.has_team():
            keys.append(TEAM_PREFIX + self.ctx.model.seat)
        keys += [k for k in self.configured() if k not in keys]
        for channel in self.ctx.model.channels():
            key = self.key_of(channel)
            if key not in keys:
                keys.append(key)
        keys += [k for k in self.opened if k not in keys]
        return keys

    def messages(self, key: Key) -> list[dict[str, Any]]:
        return [m for m in self.ctx.model.chat if self.key_of(m.get("channel")) == key]

    def mine(self, message: dict[str, Any]) -> bool:
        """Written by this very seat (a team member's messages carry its own id)."""
        model = self.ctx.model
        return message.get("from") == model.seat and \
            message.get("member", "") == getattr(model, "member", "")

    def unread(self, key: Key) -> int:
        """Messages from others on the channel since the player last looked at it."""
        others = [m for m in self.messages(key)[self.read.get(key, 0):] if not self.mine(m)]
        return len(others)

    def badge(self) -> int:
        """Messages from others the player has not read yet, on every channel (the tab's
        unread badge)."""
        return sum(self.unread(k) for k in self.channels())

    def channel_label(self, key: Key) -> str:
        if key == PUBLIC:
            name = "Public"
        elif isinstance(key, str) and key.startswith(TEAM_PREFIX):
            team = key[len(TEAM_PREFIX):]
            name = "Team" if team == self.power() else \
                f"Team {self.ctx.names.power(team)}"
        elif isinstance(key, str):
            channel = self.configured().get(key, {})
            name = str(channel.get("name") or key)
            if channel.get("kind"):
                name += f" · {channel['kind']}"
        else:
            others = [p for p in key if p != self.ctx.model.seat]
            name = ", ".join(self.ctx.names.power(p) for p in others)
        n = self.unread(key)
        return f"{name} ({n})" if n else name

    def can_send(self) -> bool:
        return not self.write_block()

    def write_block(self, key: Key | None = None) -> str:
        """Why this seat may not write on the channel now, in one line ("" if it may)."""
        model = self.ctx.model
        key = self.current if key is None else key
        if not model.is_power:
            if model.seat == "umpire":     # the umpire writes on any named channel
                return "" if isinstance(key, str) else "The umpire speaks on named channels."
            return "You are watching: only the players write here."
        channel = self.configured().get(key) if isinstance(key, str) else None
        if channel is None:
            return ""
        stages = list(channel.get("stages") or [])
        writers = channel.get("writers")
        writers = list(channel.get("members") or []) if writers is None else list(writers)
        if not stages:
            return "The umpire has closed this channel: you can still read it."
        if model.seat not in writers:
            names = ", ".join(self.ctx.names.power(p) for p in writers)
            return f"Only {names} write here." if names else "Nobody writes here."
        stage = getattr(model, "stage", "orders")
        if stage not in stages:
            return f"Writing opens in the {' and '.join(stages)} stage (now: {stage})."
        return ""

    # --- the Panel interface ---------------------------------------------------------------

    def refresh(self, changed: frozenset[str]) -> None:
        if parts.CHAT in changed:
            self._count_older()
            if self.visible:
                self._mark_read()
            if any(k not in self.tabs for k in self.channels()) \
                    or self.write_block() != self.built_block \
                    or self.built_older != self.has_older():
                self.rebuild()     # a new channel, one closed or opened, or the oldest page
            else:
                self._update_history()
        elif changed & {parts.SEATS, parts.OVER}:
            self.rebuild()
        elif parts.CLOCK in changed and self.write_block() != self.built_block:
            self.rebuild()         # the stage changed what this seat may write

    def set_visible(self, visible: bool) -> None:
        super().set_visible(visible)
        if visible:
            self._mark_read()
            self._update_history()

    def process_event(self, event: pygame.event.Event) -> bool:
        if (event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and self.entry is not None
                and event.ui_element is self.entry):
            self.send()
            return True
        return super().process_event(event)

    def rebuild(self) -> None:
        typing = False
        if self.entry is not None and self.entry.alive():
            self.draft_text = self.entry.get_text()
            typing = self.entry.is_focused
        super().rebuild()
        if typing and self.entry is not None and self.entry.alive() and self.visible:
            # A message on a new channel rebuilt the panel mid-sentence: keep typing.
            self.manager.set_focus_set(self.entry)
            self.entry.edit_position = len(self.draft_text)

    # --- layout ---------------------------------------------------------------------------

    def build(self, flow: Flow) -> None:
        self.tabs = {}
        keys = self.channels()
        if self.current not in keys:
            self.current = PUBLIC
        if self.visible:
            self._mark_read()
        ids = {_chip_id(k): k for k in keys}
        group = ChipGroup(multi=False, selected=[_chip_id(self.current)])
        group.on_change = lambda: self.switch(ids[group.value()[0]] if group.value()
                                              else self.current)
        flow.chips([(i, self.channel_label(k)) for i, k in ids.items()], group, columns=2)
        for i, k in ids.items():
            self.tabs[k] = group.buttons[i]
        if self.picking is not None:
            self._picker(flow)
        elif self.ctx.model.is_power:
            flow.buttons([("New group…", self.start_group, None)], height=28)
        members = self._audience(self.current)
        flow.text(f"<i>Heard by {esc(members)}.</i>", object_id="#muted_text")
        block = self.built_block = self.write_block()
        if block and self.ctx.model.is_power:
            flow.text(f"<font color='#b22222'>{esc(block)}</font>", object_id="#muted_text")
        # The history fills what is left, so the send box sits at the bottom of the panel
        # with no scrolling (the text box scrolls its own history).
        room = self.view_rect().height
        height = max(160, room - flow.y - 2 * GAP - ROW - PAD)
        self.built_older = self.has_older()
        if self.built_older:
            flow.buttons([("Earlier messages", self.earlier, None)], height=28,
                         tooltips=["Ask the host for the messages before these"])
            height = max(160, height - 28 - GAP)
        self.history_box = flow.text(self._history_markup(), object_id="#chat_history",
                                     height=height)
        self.entry = flow.entry(initial=self.draft_text, placeholder="Write a message…",
                                width=flow.width - 80, limit=MAX_CHAT, advance=False)
        send = flow.button("Send", self.send if self.can_send() else None,
                           x=flow.width - 74, width=74, object_id="#primary_button",
                           height=ROW)
        if not self.can_send():
            self.entry.disable()
            send.disable()
        flow.y += ROW + GAP
        self._scroll_to_end()

    def _audience(self, key: Key) -> str:
        """Who hears a channel, in words."""
        if key == PUBLIC:
            return "everyone in the match"
        if isinstance(key, str) and key.startswith(TEAM_PREFIX):
            team = key[len(TEAM_PREFIX):]
            if team == self.power():
                people = [p["name"] or p["id"] for p in self.ctx.model.team()]
                return "your team" + (f": {', '.join(people)}" if people else "")
            return f"the team of {self.ctx.names.power(team)}"
        if isinstance(key, str):
            channel = self.configured().get(key)
            if channel is None:
                return "its members"
            if channel.get("kind") in ("plenary", "press"):
                return "everyone in the match"
            return ", ".join(self.ctx.names.power(p) for p in channel.get("members", []))
        return ", ".join(self.ctx.names.power(p) for p in key)

    def _picker(self, flow: Flow) -> None:
        assert self.picking is not None
        others = [p for p in self.order() if p != self.ctx.model.seat]
        flow.heading("New group with", object_id="#field_heading")
        flow.chips([(p, self.ctx.names.power(p)) for p in others], self.picking, columns=2)
        flow.buttons([("Open group", self.open_group if self.picking.value() else None,
                       "#primary_button"), ("Cancel", self.cancel_group, None)], height=28)

    def _history_markup(self) -> str:
        messages = self.messages(self.current)
        if not messages:
            return "<i>No messages yet.</i>"
        lines = []
        last_turn = None
        for m in messages:
            if m.get("turn") != last_turn and m.get("turn") is not None:
                last_turn = m.get("turn")
                lines.append(f"<font color='#8a7f6c'>— turn {esc(last_turn)} —</font>")
            sender = m.get("from", "")
            if sender == PRESS:        # the match hides the author from everyone but the umpire
                tag = "<b>Press</b>"
            elif sender == "umpire":
                tag = "<b>Umpire</b>"
            else:
                tag = power_tag(self.ctx, sender)
                if m.get("member"):
                    tag += f" <b>· {esc(self._person(m['member']))}</b>"
                elif (self.ctx.model.seats.get(sender) or {}).get("members"):
                    lead = self.ctx.model.seats[sender]   # a team's lead, named as members are
                    if lead.get("name"):
                        tag += f" <b>· {esc(lead['name'])}</b>"
                if m.get("press"):     # the umpire sees who wrote a press piece
                    tag += " <font color='#8a7f6c'>(press)</font>"
            stamp = _clock(m.get("at"))
            lines.append(f"{tag} <font color='#8a7f6c'>{stamp}</font> {esc(m.get('text', ''))}")
        return "<br>".join(lines)

    def _person(self, member: str) -> str:
        """A team member's name (and role) from the seats' rosters; the id if unknown."""
        for seat in self.ctx.model.seats.values():
            for m in seat.get("members") or []:
                if m.get("id") == member:
                    name = m.get("name") or member
                    return f"{name} ({m['role']})" if m.get("role") else name
        return member

    def _update_history(self) -> None:
        for key, button in self.tabs.items():
            if button.alive():
                button.set_text(self.channel_label(key))
        if self.history_box is not None and self.history_box.alive():
            self.history_box.set_text(self._history_markup())
            self._scroll_to_end()

    def _scroll_to_end(self) -> None:
        box = self.history_box
        if box is not None and getattr(box, "scroll_bar", None) is not None:
            # After "Earlier messages" the reader wants the page that came: its top.
            box.scroll_bar.set_scroll_from_start_percentage(0.0 if self.to_top else 1.0)
        self.to_top = False

    # --- older chat -------------------------------------------------------------------------

    def has_older(self) -> bool:
        """The host holds messages before the oldest one here."""
        return self.ctx.model.older_chat() is not None

    def earlier(self) -> None:
        """Ask the host for the page of chat before the oldest message held."""
        request = self.ctx.model.older_chat()
        if request is not None:
            self.to_top = True
            self.request(request, "Earlier messages")

    def _count_older(self) -> None:
        """A page of older messages was put before the rest: count them as read, so the
        unread badges stay as they were."""
        chat = self.ctx.model.chat
        grown = len(chat) - self.held
        if grown > 0 and self.ctx.model.extra.get("chat_from", 0) < self.held_from:
            for message in chat[:grown]:
                key = self.key_of(message.get("channel"))
                self.read[key] = self.read.get(key, 0) + 1
        self.held = len(chat)
        self.held_from = self.ctx.model.extra.get("chat_from", 0)

    def _mark_read(self) -> None:
        self.read[self.current] = len(self.messages(self.current))

    # --- acting -----------------------------------------------------------------------------

    def switch(self, key: Key) -> None:
        """Show another channel (and count its messages as read)."""
        self.current = key
        self._mark_read()
        self.rebuild()

    def start_group(self) -> None:
        self.picking = ChipGroup(multi=True)
        self.picking.on_change = self.rebuild
        self.rebuild()

    def open_group(self) -> None:
        assert self.picking is not None
        key = self.key_of([self.ctx.model.seat, *self.picking.value()])
        self.picking = None
        if key not in self.opened:
            self.opened.append(key)
        self.switch(key)

    def cancel_group(self) -> None:
        self.picking = None
        self.rebuild()

    def send(self) -> None:
        """Send the text in the box to the current channel."""
        if self.entry is None or not self.can_send():
            return
        text = self.entry.get_text().strip()
        if not text:
            return
        channel: Any = self.current if isinstance(self.current, str) else list(self.current)
        self.request({"type": "chat", "channel": channel, "text": text[:MAX_CHAT]},
                     "Sending the message")
        self.entry.set_text("")
        self.draft_text = ""


def _chip_id(key: Key) -> str:
    return key if isinstance(key, str) else "|".join(key)


def _clock(at: Any) -> str:
    """'14:05', the local time a message was sent (blank when unknown)."""
    if not isinstance(at, (int, float)):
        return ""
    return time.strftime("%H:%M", time.localtime(at))
