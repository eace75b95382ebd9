"""The replay window: a match stepped through turn by turn, from its event log alone.

The map plays each turn's war outcomes with the client's ``TurnReplay`` animation; the panel
on the right tells the turn in words (the current sentence highlighted) and its key events.

Keys: Left and Right go to the previous and next turn (from its start), Space plays and
pauses (playing runs on into the next turn), Home and End jump to the first and last turn,
Escape closes. The mouse wheel zooms and dragging pans, as in the game.

    viewer = ReplayViewer(record)            # a game.debrief MatchRecord
    viewer.handle(event); viewer.update(dt); viewer.draw(screen)
    run_window(record, frames=None)          # the window of ``casus replay``
"""

from __future__ import annotations

from dataclasses import dataclass, field
import pygame

from game.debrief.record import MatchRecord, TurnRecord
from game.engine.view import UMPIRE, view

from game.words import palette
from game.words.narrate import Names, join
from game.render import MapRenderer, TurnReplay
from game.render import fonts
from game.render.frames import run_frames

from .app import init_display

PANEL_WIDTH = 380
PANEL_PAD = 16
KEY_HELP = "←/→ turn · Space play/pause · Home/End · Esc quit"
# Panel text: style -> (size, bold, colour). Steps are "done", "now" (being played), "later".
PANEL_STYLES = {
    "title": (20, True, palette.INK), "heading": (17, True, palette.INK),
    "status": (13, False, palette.INK_SOFT), "now": (14, True, palette.INK),
    "done": (14, False, palette.INK),
    "later": (14, False, palette.mix(palette.INK_SOFT, palette.PARCHMENT, 0.35)),
    "more": (14, False, palette.INK_SOFT),
}
STEP_STYLES = frozenset({"now", "done", "later"})
BULLET_INDENT = 12
BLOCK_GAP = {False: 6, True: 3}   # pixels after a heading block, after a step


def wrap(text: str, size: int, width: int, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` pixels at a font size, as one paragraph
    (its line breaks are spaces here) and no line for empty text."""
    return [line for line in fonts.wrap(" ".join(text.split()), width, size, bold) if line]


@dataclass
class ReplayViewer:
    """The state of the replay window: which turn, how far into it, playing or not."""

    record: MatchRecord
    size: tuple[int, int] = (1280, 720)
    speed: float = 1.0
    index: int = 0                 # which turn (into record.turns)
    t: float = 0.0                 # seconds into that turn's animation
    playing: bool = False
    clock: float = 0.0
    dragging: bool = field(default=False, repr=False)
    _replays: dict[int, TurnReplay] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        scenario = self.record.scenario
        self.names: Names = self.record.names
        self.renderer = MapRenderer(scenario.map_doc, scenario.powers,
                                    viewport=self.map_size())
        self.renderer.set_view(view(self.record.states[0], UMPIRE))

    # --- what is shown ------------------------------------------------------------------

    @property
    def turn_count(self) -> int:
        return len(self.record.turns)

    def map_size(self) -> tuple[int, int]:
        return max(200, self.size[0] - PANEL_WIDTH), self.size[1]

    def replay(self, index: int | None = None) -> TurnReplay | None:
        """The animation of a turn (built once, when first shown)."""
        k = self.index if index is None else index
        if not 0 <= k < self.turn_count:
            return None
        if k not in self._replays:
            turn = self.record.turns[k]
            before, after = view(turn.before, UMPIRE), view(turn.after, UMPIRE)
            self._replays[k] = TurnReplay(turn.report, before, after, self.names, self.speed)
        return self._replays[k]

    def finished(self) -> bool:
        replay = self.replay()
        return replay is None or replay.finished(self.t)

    # --- input and time ------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        """Show a turn from its start (clamped to the turns there are)."""
        self.index = max(0, min(index, max(0, self.turn_count - 1)))
        self.t = 0.0

    def handle(self, event: pygame.event.Event) -> bool:
        """Apply one input event; False when the window should close."""
        if event.type == pygame.QUIT:
            return False
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return False
            if event.key == pygame.K_RIGHT:
                self.go_to(self.index + 1)
            elif event.key == pygame.K_LEFT:
                self.go_to(self.index - 1)
            elif event.key == pygame.K_HOME:
                self.go_to(0)
            elif event.key == pygame.K_END:
                self.go_to(self.turn_count - 1)
            elif event.key == pygame.K_SPACE:
                if not self.playing and self.finished() and self.index == self.turn_count - 1:
                    self.t = 0.0       # at the very end, Space plays the last turn again
                self.playing = not self.playing
        elif event.type == pygame.MOUSEWHEEL:
            self.renderer.camera.zoom_at(pygame.mouse.get_pos(), 1.15 ** event.y)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.dragging = True
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.dragging = False
        elif event.type == pygame.MOUSEMOTION and self.dragging:
            self.renderer.camera.pan(*event.rel)
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            size = getattr(event, "size", None) or (event.x, event.y)
            self.size = (int(size[0]), int(size[1]))
        return True

    def update(self, dt: float) -> None:
        """Let ``dt`` seconds pass: the animation runs on while playing, into the next turn
        when one ends, and stops after the last."""
        self.clock += dt
        if not self.playing:
            return
        self.t += dt
        if self.finished():
            if self.index + 1 < self.turn_count:
                self.go_to(self.index + 1)
            else:
                self.playing = False

    # --- drawing -------------------------------------------------------------------------

    def draw(self, screen: pygame.Surface) -> None:
        if screen.get_size() != self.size:
            self.size = screen.get_size()
        mw, mh = self.map_size()
        map_area = screen.subsurface(pygame.Rect(0, 0, min(mw, screen.get_width()), mh))
        replay = self.replay()
        if replay is None:
            self.renderer.draw(map_area, self.clock)
        else:
            self.renderer.draw(map_area, self.clock, replay=replay, replay_t=self.t)
        self.draw_panel(screen, pygame.Rect(mw, 0, screen.get_width() - mw, screen.get_height()))

    def panel_lines(self) -> list[tuple[str, str]]:
        """The panel's text as (style, line) pairs: title, turn, status, then the turn's
        events in the replay's order, marked done, now (being played) or later."""
        out: list[tuple[str, str]] = [("title", self.record.name)]
        if not self.turn_count:
            out.append(("status", "No turn has been played yet."))
            return out
        turn = self.record.turns[self.index]
        # "of" the last turn's number, not the count: a fork's first turn is not turn 1.
        title = f"Turn {turn.number} of {self.record.turns[-1].number}"
        if turn.label != f"Turn {turn.number}":
            title += f": {turn.label}"
        out.append(("heading", title))
        state = "playing" if self.playing else "paused"
        out.append(("status", f"{state} · {self.t:4.1f} s of {self.replay().duration:.1f} s"))
        out += [("status", note) for note in umpire_notes(turn, self.names)]
        head = len(out)
        replay = self.replay()
        current = replay.step_at(self.t) if replay else None
        for step in (replay.steps if replay else []):
            if step.phase == "moves":
                continue   # the arrows on the map say it; the panel keeps to the story
            now = current is not None and step is current
            out.append(("now" if now else "done" if step.start <= self.t else "later",
                        step.text))
        if len(out) == head:
            out.append(("later", "A quiet turn."))
        return out

    def panel_blocks(self, width: int) -> list[tuple[str, list[str]]]:
        """The panel's entries wrapped to ``width`` pixels: (style, lines)."""
        out = []
        for style, text in self.panel_lines():
            size, bold, _ = PANEL_STYLES[style]
            indent = BULLET_INDENT if style in STEP_STYLES else 0
            out.append((style, wrap(text, size, width - indent, bold)))
        return out

    def visible_blocks(self, rect: pygame.Rect) -> list[tuple[str, list[str]]]:
        """The panel entries that fit in ``rect``. When a long turn does not fit, the steps
        scroll so the one being played stays in view, with the two before it."""
        blocks = self.panel_blocks(rect.width - 2 * PANEL_PAD)
        heights = [_block_height(style, lines) for style, lines in blocks]
        room = rect.height - 2 * PANEL_PAD - 20          # the key help sits at the bottom
        head = sum(1 for style, _ in blocks if style not in STEP_STYLES)
        first = head
        now = next((k for k, (style, _) in enumerate(blocks) if style == "now"), None)
        while (now is not None and first < now - 2
               and sum(heights[:head]) + sum(heights[first:now + 1]) > room):
            first += 1
        shown, used = [], 0
        for k in list(range(head)) + list(range(first, len(blocks))):
            if used + heights[k] > room:
                shown.append(("more", ["…"]))
                break
            shown.append(blocks[k])
            used += heights[k]
        return shown

    def draw_panel(self, screen: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(screen, palette.PARCHMENT, rect)
        pygame.draw.line(screen, palette.INK_SOFT, rect.topleft, rect.bottomleft, 2)
        y = rect.y + PANEL_PAD
        for style, lines in self.visible_blocks(rect):
            size, bold, colour = PANEL_STYLES[style]
            for n, line in enumerate(lines):
                surf = fonts.text(line, size, colour, bold)
                x = rect.x + PANEL_PAD
                if style in STEP_STYLES:
                    if n == 0:
                        mark = palette.LINK_WAR if style == "now" else palette.INK_SOFT
                        pygame.draw.circle(screen, mark, (x + 4, y + surf.get_height() // 2),
                                           4 if style == "now" else 2)
                    x += BULLET_INDENT
                screen.blit(surf, (x, y))
                y += surf.get_height() + 1
            y += BLOCK_GAP[style in STEP_STYLES]
        help_text = fonts.text(KEY_HELP, 12, palette.INK_SOFT)
        screen.blit(help_text, (rect.x + PANEL_PAD, rect.bottom - PANEL_PAD - 12))


def umpire_notes(turn: TurnRecord, names: Names) -> list[str]:
    """What the umpire did to a turn, in a line or two for the panel: changes to the world
    while it was planned, and a review before its result was released."""
    notes = []
    counts = {kind: sum(1 for e in turn.events if e["type"] == kind)
              for kind in ("inject", "world_edited", "order_amended")}
    changed = [f"{counts['inject']} inject{'s' if counts['inject'] != 1 else ''}"
               if counts["inject"] else "",
               f"{counts['world_edited']} world edit{'s' if counts['world_edited'] != 1 else ''}"
               if counts["world_edited"] else ""]
    changed = [c for c in changed if c]
    if changed:
        notes.append(f"Umpire, while planned: {' and '.join(changed)}.")
    if turn.review is not None:
        amended = counts["order_amended"]
        what = (f"{amended} order{'s' if amended != 1 else ''} amended" if amended
                else "no order amended")
        feedback = (f"; feedback to {join(names.power(p) for p in turn.review.feedback)}"
                    if turn.review.feedback else "")
        notes.append(f"Reviewed before release: {what}{feedback}.")
    return notes


def _block_height(style: str, lines: list[str]) -> int:
    size, bold, _ = PANEL_STYLES[style]
    return len(lines) * (fonts.font(size, bold).get_linesize() + 1) + \
        BLOCK_GAP[style in STEP_STYLES]


def run_window(record: MatchRecord, frames: int | None = None,
               keys: list[int] | None = None, size: tuple[int, int] = (1280, 720),
               screenshot: str | None = None) -> ReplayViewer:
    """Open the replay window and run it until closed, or for ``frames`` frames.

    ``keys`` are key presses posted before the first frame (tests and demos drive the
    window with them); ``screenshot`` saves the last frame as a PNG.
    """
    # Only what a replay needs: no sound system is opened, so none is needed.
    init_display()
    pygame.font.init()
    pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.display.set_caption(f"Casus Foederis — replay of {record.name}")
    viewer = ReplayViewer(record, size)
    for key in keys or []:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))

    def step(surface: pygame.Surface, dt: float) -> None:
        viewer.update(dt)
        viewer.draw(surface)

    run_frames(viewer.handle, step, frames)
    if screenshot:
        pygame.image.save(pygame.display.get_surface(), screenshot)
    return viewer

