"""The chat panel: the public channel, the seat's private groups, and new groups.

The model holds only the channels this seat belongs to (the match sends nothing else,
PROTOCOL.md §3). A channel is "public" or the list of its member powers in scenario order,
the same key the match uses, so a group opened here and a message that arrives on it meet
in one place. Unread counts are kept per channel and cleared when the channel is shown.
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
MAX_CHAT = 2000            # PROTOCOL.md §2

Key = str | tuple[str, ...]


def channel_key(channel: Any, order: list[str]) -> Key:
    """'public', a named channel's id ('team', or one the umpire configured: 'herald'), or
    a group's powers in scenario order (as the match keys it)."""
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
        self.read: dict[Key, int] = {}
        self.opened: list[Key] = []          # groups opened here before anyone wrote in them
        self.picking: ChipGroup | None = None
        self.entry: Any = None
        self.history_box: Any = None
        self.tabs: dict[Key, Any] = {}
        self.draft_text = ""
        super().__init__(manager, rect, ctx)
        self._mark_read()

    # --- what the seat has heard ----------------------------------------------------------

    def order(self) -> list[str]:
        return [p["id"] for p in self.ctx.model.powers]

    def configured(self) -> dict[str, dict[str, Any]]:
        """The channels the umpire configured that this seat may read, by id."""
        listed = self.ctx.model.extra.get("channels", []) if hasattr(self.ctx.model,
                                                                      "extra") else []
        return {c["id"]: c for c in listed if isinstance(c, dict) and c.get("id")}

    def channels(self) -> list[Key]:
        """Public first, the configured channels, then groups in order of first use, then
        groups opened here."""
        keys: list[Key] = [PUBLIC]
        keys += [k for k in self.configured() if k not in keys]
        for channel in self.ctx.model.channels():
            key = channel_key(channel, self.order())
            if key not in keys:
                keys.append(key)
        keys += [k for k in self.opened if k not in keys]
        return keys

    def messages(self, key: Key) -> list[dict[str, Any]]:
        return [m for m in self.ctx.model.chat
                if channel_key(m.get("channel"), self.order()) == key]

    def unread(self, key: Key) -> int:
        """Messages from others on the channel since the player last looked at it."""
        others = [m for m in self.messages(key)[self.read.get(key, 0):]
                  if m.get("from") != self.ctx.model.seat]
        return len(others)

    def channel_label(self, key: Key) -> str:
        if key == PUBLIC:
            name = "Public"
        elif isinstance(key, str):
            name = str(self.configured().get(key, {}).get("name") or
                       ("Team" if key == "team" else key))
        else:
            others = [p for p in key if p != self.ctx.model.seat]
            name = ", ".join(self.ctx.names.power(p) for p in others)
        n = self.unread(key)
        return f"{name} ({n})" if n else name

    def can_send(self) -> bool:
        model = self.ctx.model
        if model.is_power:
            return True
        return model.seat == "umpire" and self.current == PUBLIC

    # --- the Panel interface ---------------------------------------------------------------

    def refresh(self, changed: frozenset[str]) -> None:
        if parts.CHAT in changed:
            if self.visible:
                self._mark_read()
            if any(k not in self.tabs for k in self.channels()):
                self.rebuild()
            else:
                self._update_history()
        elif changed & {parts.SEATS, parts.OVER}:
            self.rebuild()

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
        # The history fills what is left, so the send box sits at the bottom of the panel
        # with no scrolling (the text box scrolls its own history).
        room = self.view_rect().height
        height = max(160, room - flow.y - 2 * GAP - ROW - PAD)
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
        if isinstance(key, str):
            channel = self.configured().get(key)
            if channel is None:
                return "your team" if key == "team" else "its members"
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
            who = "Umpire" if sender == "umpire" else None
            tag = f"<b>{who}</b>" if who else power_tag(self.ctx, sender)
            stamp = _clock(m.get("at"))
            lines.append(f"{tag} <font color='#8a7f6c'>{stamp}</font> {esc(m.get('text', ''))}")
        return "<br>".join(lines)

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
            box.scroll_bar.set_scroll_from_start_percentage(1.0)

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
        key = channel_key([self.ctx.model.seat, *self.picking.value()], self.order())
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
