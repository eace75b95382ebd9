"""The Brief tab: the scenario's public situation brief and the seat's own private brief.

Each seat reads what the match sent it (the snapshot's ``briefs``, and the ``brief``
pushes when the umpire reissues one), never anything else: a power's team reads the public
brief and its own, spectators the public one, the umpire all of them. A power's screen
opens on this tab in the first turn (``opening_tab``; in hot-seat play that is behind the
hand-off). The umpire's tab also edits and reissues a
brief, which its readers receive at once.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryBox

from game.client.panels.base import Panel, PanelContext
from game.client.panels.frame import PAD, Flow
from game.client.workshop import feed as F
from game.client.workshop.base import WorkshopPanel
from game.maps.briefs import HEADING, ITEM, MAX_BRIEF_LENGTH, PUBLIC, brief_blocks, \
    inline_html
from game.match.seats import UMPIRE

EDITOR_HEIGHT = 260


def brief_markup(text: str) -> str:
    """A brief's Markdown as the HTML a pygame_gui text box draws."""
    parts = []
    for kind, body in brief_blocks(text):
        inline = inline_html(body, code=("<b>", "</b>"))
        if kind == HEADING:
            parts.append(f"<font size=5><b>{inline}</b></font>")
        elif kind == ITEM:
            parts.append(f"  • {inline}")
        else:
            parts.append(inline)
    return "<br><br>".join(parts)


def brief_title(brief: str, powers: list[dict[str, Any]]) -> str:
    """Who reads the brief, said above it (the brief carries its own heading)."""
    if brief == PUBLIC:
        return "The situation: every seat reads this"
    names = {p["id"]: p.get("name", p["id"]) for p in powers}
    return f"Private to {names.get(brief, brief)}: only its team and the umpire read this"


def opening_tab(model: Any) -> str | None:
    """The tab a power's screen opens on as the match begins: its brief, read first (none
    later, or in a match without briefs)."""
    if model.extra.get("briefs") and model.is_power and model.report is None:
        return BriefPanel.title
    return None


def brief_panels(model: Any, conn: Any = None) -> list[type[Panel]]:
    """The Brief tab, for a seat of a match with briefs (none otherwise)."""
    return [BriefPanel] if model.extra.get("briefs") else []


class BriefPanel(WorkshopPanel):
    """The Brief tab (see the module docstring)."""

    title: ClassVar[str] = "Brief"
    shortcut: ClassVar[int | None] = pygame.K_F9
    parts = frozenset({F.BRIEFS})

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect,
                 ctx: PanelContext) -> None:
        self.editing: str | None = None
        self.editor: UITextEntryBox | None = None
        self.heard = 0
        super().__init__(manager, rect, ctx)
        self.heard = len(self.feed.reissued)

    @property
    def umpire(self) -> bool:
        return self.ctx.model.seat == UMPIRE

    def readable(self) -> list[str]:
        """The briefs this seat holds, public first, then its own or every power's."""
        briefs = self.feed.briefs
        order = [PUBLIC] + [p["id"] for p in self.ctx.model.powers]
        return [b for b in order if b in briefs]

    # --- the tab ---------------------------------------------------------------------------

    def build(self, flow: Flow) -> None:
        briefs = self.feed.briefs
        if not briefs:
            flow.text("This match has no briefs.")
            return
        if self.umpire:
            self.build_editor(flow)
        mine = [b for b in self.readable() if b != PUBLIC]
        for brief in mine + ([PUBLIC] if PUBLIC in briefs else []):
            flow.text(f"<i>{brief_title(brief, self.ctx.model.powers)}</i>")
            flow.text(brief_markup(briefs[brief]))
            flow.gap()

    def build_editor(self, flow: Flow) -> None:
        flow.heading("Reissue a brief")
        flow.text("Pick a brief, change it and reissue it: its readers get it at once "
                  "(the public one everyone, a power's its team). The log keeps it.")
        options = [(b, "Public" if b == PUBLIC else b) for b in self.readable()]
        self.choice(flow, "brief", options, columns=4, relayout=True)
        chosen = self.chosen("brief")
        self.editor = None
        if not chosen:
            return
        brief = chosen[0]
        if self.editing != brief:
            self.texts["brief_text"] = self.feed.briefs.get(brief, "")
            self.editing = brief
        box = UITextEntryBox(pygame.Rect(PAD, flow.y, flow.width, EDITOR_HEIGHT),
                             initial_text=self.texts["brief_text"], manager=self.manager,
                             container=flow.container)

        def typed(event: pygame.event.Event) -> None:
            self.texts["brief_text"] = box.get_text()
        self.handlers[(pygame_gui.UI_TEXT_ENTRY_CHANGED, box)] = typed
        self.editor = box
        flow.y += EDITOR_HEIGHT + 6
        flow.buttons([(f"Reissue the {'public' if brief == PUBLIC else brief} brief",
                       self.reissue, "#primary_button")])

    def reissue(self) -> None:
        brief = self.editing
        text = self.editor.get_text() if self.editor is not None else ""
        if brief is None or not text.strip():
            self.ctx.toast("Write the brief first.")
            return
        if len(text) > MAX_BRIEF_LENGTH:
            self.ctx.toast(f"A brief holds at most {MAX_BRIEF_LENGTH} characters; this one "
                           f"has {len(text)}.")
            return
        self.request({"type": "set_brief", "brief": brief, "text": text},
                     done=f"The {brief} brief was reissued.")

    def update(self, dt: float) -> None:
        # A reissued brief is announced wherever the player is looking.
        for brief in self.feed.reissued[self.heard:]:
            if not self.umpire:
                self.ctx.toast(f"The umpire reissued the "
                               f"{'public' if brief == PUBLIC else 'private'} brief: "
                               "read it in the Brief tab (F9).")
        self.heard = len(self.feed.reissued)
        super().update(dt)
