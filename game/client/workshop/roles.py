"""Roles and channels: tokens for observers and analysts, what observers may see, and the
match's channels with their write rights per stage (docs/PROTOCOL.md §10)."""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client.panels.frame import Flow, esc

from . import feed as F
from .base import WorkshopPanel

CHANNEL_KINDS: tuple[tuple[str, str], ...] = (
    ("plenary", "Plenary"), ("team", "Team"), ("bilateral", "Bilateral"), ("group", "Group"),
    ("press", "Press"),
)
STAGES: tuple[tuple[str, str], ...] = (("negotiation", "Negotiation"), ("orders", "Orders"))
MEMBERS_NEEDED = {"team": "one power", "bilateral": "two powers", "group": "two or more"}


def channel_from_form(texts: dict[str, str], choices: dict[str, list[str]]
                      ) -> tuple[dict[str, Any] | None, str]:
    """The ``channel`` document the form describes, or None and what is missing."""
    channel_id = texts.get("channel_id", "").strip()
    if not channel_id:
        return None, "give the channel an id (letters, digits, - or _)"
    kinds = choices.get("channel_kind", [])
    if not kinds:
        return None, "choose the kind of channel"
    doc: dict[str, Any] = {"id": channel_id, "kind": kinds[0],
                           "stages": choices.get("stages", [])}
    if texts.get("channel_name", "").strip():
        doc["name"] = texts["channel_name"].strip()
    if kinds[0] not in ("plenary", "press"):
        doc["members"] = choices.get("members", [])
    writers = choices.get("writers", [])
    if writers:
        doc["writers"] = writers
    return doc, ""


class RolesPanel(WorkshopPanel):
    """The roles and channels tab of the umpire's console."""

    title: ClassVar[str] = "Roles"
    shortcut: ClassVar[int | None] = pygame.K_F8
    parts = frozenset({F.ROLES, F.CHANNELS})

    def build(self, flow: Flow) -> None:
        names = self.ctx.names
        flow.heading("Tokens for the room")
        flow.text("An <b>observer</b> watches (the public view, or everything if you allow "
                  "it); an <b>analyst</b> sees everything and exports. Each rejoins with "
                  "its token.")
        flow.label_beside("Label", 90)
        self.field(flow, "token_label", "projector, Dr Lee …", x=94, width=flow.width - 94,
                   limit=40)
        flow.buttons([("Observer token", lambda: self.token("observer"), None),
                      ("Analyst token", lambda: self.token("analyst"), None)])
        for t in reversed(self.feed.tokens):
            flow.text(f"{esc(t.get('role'))} {esc(t.get('label') or '')}: "
                      f"<b>{esc(t.get('token'))}</b>")
        access = self.feed.observers_see_all
        flow.text("Observers see <b>everything</b> (but press authors and rationales)."
                  if access else "Observers see <b>the public view</b>.")
        flow.buttons([("Show observers the public view" if access
                       else "Let observers see everything", self.toggle_access, None)])
        flow.heading("Channels")
        for c in self.feed.channels.values():
            closed = not c.get("stages")
            writers = c.get("writers")
            flow.text(f"<b>{esc(c.get('name') or c['id'])}</b> ({esc(c['kind'])}"
                      f"{', closed' if closed else ''}): "
                      f"{esc(', '.join(names.power(m) for m in c.get('members', [])))}"
                      + ("" if closed else
                         f"; writes in {esc(', '.join(c.get('stages', [])))}"
                         + (f" — only {esc(', '.join(names.power(w) for w in writers))}"
                            if writers is not None else "")))
            if not closed and c["id"] != "public":
                flow.buttons([("Close", lambda i=c["id"]: self.close_channel(i), None)],
                             height=24)
        if not self.feed.channels:
            flow.text("<i>Only the public channel and private talk between powers.</i>")
        flow.heading("Open or change a channel")
        flow.label_beside("Id", 90)
        self.field(flow, "channel_id", "herald", x=94, width=flow.width - 94, limit=24)
        flow.label_beside("Name", 90)
        self.field(flow, "channel_name", "The Herald", x=94, width=flow.width - 94, limit=64)
        self.choice(flow, "channel_kind", CHANNEL_KINDS, relayout=True, default=("group",))
        kind = (self.chosen("channel_kind") or ["group"])[0]
        power_chips = [(p, names.power(p)) for p in self.powers()]
        if kind in MEMBERS_NEEDED:
            flow.text(f"Members ({MEMBERS_NEEDED[kind]}):")
            self.choice(flow, "members", power_chips, multi=True)
        else:
            flow.text("Every power reads it" + (" and only you see who wrote what."
                                                if kind == "press" else "."))
        flow.text("Who may write (none chosen: every member):")
        self.choice(flow, "writers", power_chips, multi=True)
        flow.text("Writes are open in the stages:")
        self.choice(flow, "stages", STAGES, multi=True, columns=2,
                    default=("negotiation", "orders"))
        flow.buttons([("Save the channel", self.save_channel, "#primary_button")])

    # --- actions -----------------------------------------------------------------------

    def token(self, role: str) -> None:
        message: dict[str, Any] = {"type": "role_token", "role": role}
        if self.text_of("token_label"):
            message["label"] = self.text_of("token_label")
        self.request(message, f"A new {role} token is listed (shown only here).",
                     then=lambda reply: self.clear("token_label"))

    def toggle_access(self) -> None:
        full = not self.feed.observers_see_all
        self.request({"type": "observer_access", "full": full},
                     "Observers now see everything." if full
                     else "Observers now see the public view.")

    def save_channel(self) -> None:
        doc, missing = channel_from_form(self.texts, self.choices)
        if doc is None:
            self.ctx.toast(f"Not yet: {missing}.")
            return
        self.request({"type": "set_channel", "channel": doc},
                     f"Channel {doc['id']} is set.",
                     then=lambda reply: self.clear("channel_id", "channel_name"))

    def close_channel(self, channel_id: str) -> None:
        self.request({"type": "close_channel", "channel": channel_id},
                     f"Channel {channel_id} is closed for writing.")
