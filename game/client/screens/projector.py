"""The projector: a full-screen public view of a match for the room (``casus join URL
--projector``, docs/WORKSHOP.md).

    conn = ...                                     # a spectator connection (spectate)
    model = MatchModel.from_snapshot(joined["snapshot"])
    app.push(ProjectorScreen(app, conn, model, map_doc=doc))

Along the top, in large type: the match, the turn and its season, the stage, and the
countdown (red inside the umpire's warning). Below it the map with the alliance links and
wars, and beside the map the last turn's report, replayed on the map by itself and told row
by row in the column; after the last row the new map holds, then the replay starts again.
Public chat, public news and the clock's warnings come up as captions over the foot of the
map. Nobody needs to touch it; the keys are Space (pause), Left/Right (step through the
report), F (full screen) and Esc (quit).

It opens full screen (``fullscreen=False``: in its window; headless, F only flips the flag).

Privacy: the screen shows only what its connection receives, and it accepts only a
spectator's connection (``NotSpectator`` otherwise), which the host sends the public view
alone. It never sends a command. Captions are made only from messages that are public by
their own words (``projector_captions``), a second lock should a host ever send too much.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping

import pygame

from game.discovery import qr_matrix, room_address
from game.match import SPECTATOR

from game.words import palette
from ..app import App, Scene, headless
from ..connection import CLOSED, OPEN, Connection
from ..model import VIEW, MatchModel
from game.words.narrate import Names
from game.render import MapRenderer, TurnReplay, draw, fonts
from game.render.links import Link
from game.render.links import draw_sample as draw_legend_sample
from ..workshop.clock import mm_ss
from ..workshop.feed import WorkshopFeed, feed_of
from .common import FAINT, card
from .projector_captions import CHAT, CLOCK, Caption, CaptionQueue, caption_of
from .projector_show import ReplayShow

HEADER_INK = (250, 244, 228)
HEADER_BG = (44, 38, 31)
HEADER_FAINT = (196, 184, 160)
WARNING_BG = (178, 34, 34)
CURRENT_ROW = (250, 236, 190)
DONE_INK = (110, 98, 84)
NEWS_TAG = (150, 40, 32)
CLOCK_TAG = (120, 80, 20)


class NotSpectator(ValueError):
    """The projector was handed a connection that may see more than the public view."""


@dataclass(frozen=True)
class ProjectorLayout:
    """Where everything goes, and the type scale (1.0 at 1920×1080)."""

    header: pygame.Rect
    map: pygame.Rect
    report: pygame.Rect
    scale: float

    @classmethod
    def of(cls, size: tuple[int, int]) -> "ProjectorLayout":
        w, h = size
        s = max(0.6, min(w / 1920, h / 1080))
        head = max(84, round(116 * s))
        side = max(400, round(w * 0.31))
        return cls(header=pygame.Rect(0, 0, w, head),
                   map=pygame.Rect(0, head, w - side, h - head),
                   report=pygame.Rect(w - side, head, side, h - head), scale=s)

    def px(self, size: float) -> int:
        """A type size at this scale, never below what a back row can read at 720p."""
        return max(14, round(size * self.scale))

    def g(self, length: float) -> int:
        """A length (padding, radius) at this scale."""
        return max(1, round(length * self.scale))


class ProjectorScreen(Scene):
    """The public view for the room (see the module docstring)."""

    def __init__(self, app: App, conn: Connection, model: MatchModel, *,
                 map_doc: Mapping[str, Any], loop: bool = True, fullscreen: bool = True,
                 on_quit: Callable[[], None] | None = None,
                 now: Callable[[], float] | None = None) -> None:
        super().__init__(app)
        refuse_unless_spectator(conn, model)
        self.conn = conn
        self.model = model
        self.map_doc = map_doc
        self.on_quit = on_quit
        self.feed: WorkshopFeed = feed_of(conn, model)
        # The match's clock: a hot-seat host's own (tests use a fake), else the wall clock.
        host_clock = getattr(getattr(conn, "host", None), "clock", None)
        self.now = now or (host_clock if callable(host_clock) else time.time)
        self.layout = ProjectorLayout.of(app.size)
        self._legend: tuple[Any, pygame.Surface] | None = None
        self.renderer = MapRenderer(map_doc, model.powers, viewport=self.layout.map.size)
        self.renderer.set_options(captions=False)   # the report column tells the words
        self.renderer.toggles = self.renderer.toggles.toggled("legend")   # ours: a strip
        self.renderer.zoom_settle = 0.0     # nobody zooms: redraw at once after a resize
        self._fit()
        self.renderer.set_view(model.view)
        self.names = self._names()
        self.show = ReplayShow(loop=loop)
        self.captions = CaptionQueue()
        self.clock = 0.0
        self._qr: tuple[str, pygame.Surface] | None = None    # (address, its QR code)
        self._give: tuple[str, str | None] | None = None   # (url, the address to give)
        self.fullscreen = False
        self.windowed_size = app.size
        self.want_fullscreen = fullscreen
        self.refused: str | None = None
        self._start_from_snapshot()

    def legend(self) -> pygame.Surface:
        """The link legend as one strip along the foot of the map, in the room's type (the
        map's own legend is a tall card that would crowd the land out at 720p)."""
        L = self.layout
        key = (L.scale, L.map.width)
        if self._legend is None or self._legend[0] != key:
            self._legend = (key, legend_strip(L))
        return self._legend[1]

    def _fit(self) -> None:
        """The land as large as it goes (the sea around it tells the room nothing), clear
        of the legend strip at the foot of the map."""
        bottom = self.legend().get_height() + 2 * self.layout.g(14)
        self.renderer.fit(insets=(0, 0, 0, bottom))
        cam, geo = self.renderer.camera, self.renderer.geometry
        if not geo.territories:
            return
        x0 = min(t.bbox[0] for t in geo.territories)
        y0 = min(t.bbox[1] for t in geo.territories)
        x1 = max(t.bbox[2] for t in geo.territories)
        y1 = max(t.bbox[3] for t in geo.territories)
        vw, vh = cam.viewport[0], cam.viewport[1] - bottom
        margin = self.layout.g(36)
        z = min((vw - 2 * margin) / max(x1 - x0, 1.0), (vh - 2 * margin) / max(y1 - y0, 1.0))
        cam.zoom = max(cam.zoom, min(z, cam.zoom * 3))
        cam.offset = ((x0 + x1) / 2 - vw / 2 / cam.zoom, (y0 + y1) / 2 - vh / 2 / cam.zoom)

    # --- the match ---------------------------------------------------------------------------

    def _names(self) -> Names:
        views = [r.after for r in self.model.history] + [self.model.view]
        return Names.from_docs(self.map_doc, self.model.powers, *views)

    def _start_from_snapshot(self) -> None:
        """Joined mid-match: replay the last report the snapshot holds over today's map (the
        map before it is not in a snapshot)."""
        record = self.model.history[-1] if self.model.history else None
        if record is not None:
            self._play(record.report, record.before, record.after, record.turn, record.label)
        elif self.model.report:
            report = self.model.report
            self._play(report, self.model.view, self.model.view,
                       int(report.get("turn", self.model.turn - 1)), str(report.get("label", "")))

    def _play(self, report: Mapping[str, Any], before: Mapping[str, Any],
              after: Mapping[str, Any], turn: int, label: str) -> None:
        names = Names.from_docs(self.map_doc, self.model.powers, before, after)
        self.show.start(TurnReplay(report, before, after, names), turn, label)

    def _drain(self) -> None:
        for message in self.conn.poll():        # the feed hears them too (feed_of taps poll)
            kind = message.get("type")
            if kind == "joined":                # reconnected: the snapshot is the whole truth
                self.model = MatchModel.from_snapshot(message["snapshot"])
                if self.model.seat != SPECTATOR:
                    self._refuse(f"the host gave this connection the seat "
                                 f"'{self.model.seat}', not a spectator's")
                    return
                self.renderer.set_view(self.model.view)
                self.names = self._names()
                continue
            if kind == "connection":
                continue
            changed = self.model.apply(message)
            if kind == "view" and VIEW not in changed:
                # An umpire's edit or inject outside a turn (or a rollback): take its map.
                self.model.view = message["view"]
                self.model.turn = message.get("turn", self.model.turn)
                self.model.label = message.get("label", self.model.label)
                changed = changed | {VIEW}
            if kind == "turn_result" and self.feed.released_since is not None:
                waited = mm_ss(max(0.0, self.now() - self.feed.released_since))
                self.captions.add(Caption(CLOCK, "The umpire", f"released the result after "
                                          f"{waited} under review.", None, self.clock))
            if kind == "turn_result" and self.model.history:
                record = self.model.history[-1]
                self._play(record.report, record.before, record.after, record.turn,
                           record.label)
            elif kind == "view" and message.get("cause") == "rollback":
                # The turns after the one rolled back to never happened: no story to tell.
                self.show = ReplayShow(hold=self.show.hold, loop=self.show.loop)
                self.model.history = [r for r in self.model.history
                                      if r.turn < self.model.turn]
            elif kind == "view" and self.show.replay is not None:
                # The turn's story stays in the column; its end is the map as it is now.
                old = self.show.replay
                self.show.swap(TurnReplay(old.report, old.before, self.model.view, old.names))
            if VIEW in changed:
                self.names = self._names()
                if self.show.replay is None:
                    self.renderer.set_view(self.model.view)
            self.captions.add(caption_of(message, self.names, self.feed.channels, self.clock))

    def _refuse(self, why: str) -> None:
        """Stop showing anything: the connection is not a spectator's."""
        self.refused = f"The projector shows only the public view: {why}."
        self.conn.close()

    # --- the scene ------------------------------------------------------------------------

    def enter(self) -> None:
        self.layout = ProjectorLayout.of(self.app.size)
        self.renderer.resize(self.layout.map.size)
        self._fit()
        if self.want_fullscreen:
            self.want_fullscreen = False
            self.toggle_fullscreen()

    def resize(self, size: tuple[int, int]) -> None:
        self.enter()

    def update(self, dt: float) -> None:
        self.clock += dt
        if self.refused is None:
            self._drain()
        self.show.update(dt)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_SPACE:
            self.show.toggle_pause()
        elif event.key == pygame.K_RIGHT:
            self.show.step(1)
        elif event.key == pygame.K_LEFT:
            self.show.step(-1)
        elif event.key == pygame.K_f:
            self.toggle_fullscreen()
        elif event.key == pygame.K_ESCAPE:
            (self.on_quit or self.app.quit)()
        else:
            return False
        return True

    def toggle_fullscreen(self) -> None:
        """Fill the display, or go back to the window it came from (headless: only the
        flag, as there is no display to fill)."""
        self.fullscreen = not self.fullscreen
        if headless():
            return
        if self.fullscreen:
            self.windowed_size = self.app.size
            self.app.screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.app.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self.app.resize(self.app.screen.get_size())

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(palette.SEA)
        if self.refused is not None:
            self._draw_refused(surface)
            return
        L = self.layout
        sub = surface.subsurface(L.map.clip(surface.get_rect()))
        if self.show.replay is not None:
            self.renderer.draw(sub, self.clock, replay=self.show.replay,
                               replay_t=self.show.replay_t())
        else:
            self.renderer.draw(sub, self.clock)
        self._draw_legend(sub)
        self._draw_captions(surface)
        self._draw_report(surface)
        self._draw_header(surface)

    def _draw_refused(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        lines = fonts.wrap(self.refused or "", int(w * 0.7), self.layout.px(34), True, "serif")
        y = h // 2 - len(lines) * self.layout.g(22)
        for line in lines:
            img = fonts.text(line, self.layout.px(34), palette.INK, True, "serif")
            surface.blit(img, img.get_rect(midtop=(w // 2, y)))
            y += img.get_height() + 6

    def _draw_legend(self, sub: pygame.Surface) -> None:
        g = self.layout.g(14)
        legend = self.legend()
        sub.blit(legend, legend.get_rect(bottomleft=(g, sub.get_height() - g)))

    # the header ------------------------------------------------------------------------------

    def header_parts(self) -> list[tuple[str, int, tuple[int, int, int], bool]]:
        """(text, size, colour, bold) along the header's left, after the match's name."""
        L, model, feed = self.layout, self.model, self.feed
        parts = [(f"Turn {model.turn}", L.px(40), HEADER_INK, True)]
        if model.label and model.label != f"Turn {model.turn}":
            parts.append((model.label, L.px(34), HEADER_INK, False))
        phase = feed.phase if feed.phase != "planning" else model.phase
        if model.over or phase == "over":
            parts.append(("The match is over", L.px(30), (255, 214, 90), True))
        elif phase == "review":
            parts.append(("Result under review", L.px(30), (255, 214, 90), True))
            since = feed.review_since
            if since is not None:
                parts.append((f"for {mm_ss(max(0.0, self.now() - since))}", L.px(26),
                              HEADER_FAINT, False))
        else:
            stage = "Negotiation" if feed.stage == "negotiation" else "Orders"
            parts.append((stage, L.px(30), (255, 214, 90), True))
            # Ready flags are public: the room sees who it is waiting for.
            awaited = [p for p, seat in model.seats.items()
                       if seat.get("kind") == "human" and seat.get("occupied")]
            if awaited:
                ready = sum(1 for p in awaited if model.ready.get(p))
                parts.append((f"{ready} of {len(awaited)} ready", L.px(26), HEADER_FAINT,
                              False))
        return parts

    def countdown(self) -> tuple[str, bool, bool] | None:
        """The countdown: its text, whether it is inside the warning and whether the
        umpire paused it (None: no deadline to show)."""
        if self.model.over or self.feed.phase in ("over", "review"):
            return None
        left = self.feed.seconds_left(self.now())
        if left is None:
            return ("–:––", False, True) if self.feed.paused else None
        paused = self.feed.paused
        return mm_ss(left), self.feed.in_warning(self.now()) and not paused, paused

    def _draw_header(self, surface: pygame.Surface) -> None:
        L = self.layout
        head = L.header
        pygame.draw.rect(surface, HEADER_BG, head)
        pad = L.g(24)
        right = head.right - pad
        shown = self.countdown()
        if shown is not None:
            text, warn, paused = shown
            img = fonts.text(text, L.px(64), HEADER_FAINT if paused else HEADER_INK, True)
            box = img.get_rect(midright=(right, head.centery)).inflate(L.g(28), L.g(6))
            box.right = right
            if warn:
                pygame.draw.rect(surface, WARNING_BG, box, border_radius=L.g(10))
            surface.blit(img, img.get_rect(center=box.center))
            right = box.left - pad
            if paused:
                tag = fonts.text("PAUSED", L.px(26), (255, 214, 90), True)
                surface.blit(tag, tag.get_rect(midright=(right + pad // 2, head.centery)))
                right -= tag.get_width() + pad // 2
        status = self.conn.status
        if status != OPEN:
            img = fonts.text("connection lost" if status == CLOSED else status + "…",
                             L.px(22), (255, 170, 150), True)
            surface.blit(img, img.get_rect(midright=(right, head.centery)))
            right -= img.get_width() + pad
        x = pad
        name = self.model.name or f"Match {self.model.match_id}"
        title = fonts.text(name, L.px(46), HEADER_INK, True, "serif")
        parts = self.header_parts()
        # The name gives way to the turn and the clock when the width runs short.
        rest = sum(fonts.text(t, s, c, b).get_width() + pad for t, s, c, b in parts)
        room = right - x - rest - pad
        if title.get_width() > room:
            title = fonts.text(shortened(name, max(room, L.g(200)), L.px(46)), L.px(46),
                               HEADER_INK, True, "serif")
        surface.blit(title, title.get_rect(midleft=(x, head.centery)))
        x += title.get_width() + pad * 2
        for text, size, colour, bold in parts:
            img = fonts.text(text, size, colour, bold)
            if x + img.get_width() > right:
                break
            surface.blit(img, img.get_rect(midleft=(x, head.centery)))
            x += img.get_width() + pad

    # the report column --------------------------------------------------------------------

    def _draw_report(self, surface: pygame.Surface) -> None:
        L = self.layout
        col = L.report
        pygame.draw.rect(surface, palette.PARCHMENT, col)
        pygame.draw.line(surface, palette.INK_SOFT, col.topleft, col.bottomleft, 2)
        pad = L.g(24)
        x, y, width = col.x + pad, col.y + pad, col.width - 2 * pad
        show = self.show
        if show.replay is not None:
            heading = show.label or f"Turn {show.turn}"
            note = self._report_note()
        else:
            heading = f"Turn {self.model.turn}"
            note = "The umpire is reviewing the result" if self.feed.phase == "review" \
                else "Planning"
        y = self._wrapped(surface, heading, pygame.Rect(x, y, width, 0), L.px(40),
                          palette.INK, True, "serif")
        img = fonts.text(note, L.px(24), FAINT)
        surface.blit(img, (x, y))
        y += img.get_height() + L.g(14)
        pygame.draw.line(surface, palette.INK_SOFT, (x, y), (col.right - pad, y))
        y += L.g(14)
        area = pygame.Rect(col.x, y, col.width, col.bottom - y - pad)
        if show.replay is None:
            self._draw_no_report(surface, area)
        elif not show.rows:
            self._wrapped(surface, "A quiet turn: nothing happened that the public could see.",
                          pygame.Rect(x, y, width, 0), L.px(30), FAINT)
        else:
            self._draw_rows(surface, area)

    def _report_note(self) -> str:
        show = self.show
        if show.paused:
            return "Paused · Space plays on · ←/→ step"
        left = show.hold_left()
        if left is not None:
            return f"The turn in words · again in {int(left) + 1} s"
        return "The turn in words"

    def _draw_no_report(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Before the first result: who stands with whom, from the public view."""
        L = self.layout
        pad = L.g(24)
        x, width = area.x + pad, area.width - 2 * pad
        y = self._wrapped(surface, "The war outcomes will play here, told row by row, when "
                          "the turn is over.", pygame.Rect(x, area.y, width, 0), L.px(28),
                          FAINT)
        qr_top = self._draw_join_code(surface, area)
        lines = public_alliances(self.model.view, self.names)
        if not lines:
            return
        area = pygame.Rect(area.x, area.y, area.width, qr_top - area.y)
        y += L.g(22)
        y = self._wrapped(surface, "Alliances in force", pygame.Rect(x, y, width, 0),
                          L.px(32), palette.INK, True, "serif") + L.g(8)
        for line in lines:
            if y > area.bottom - L.px(30):
                break
            y = self._wrapped(surface, "• " + line, pygame.Rect(x, y, width, 0), L.px(28),
                              palette.INK) + L.g(8)

    def _draw_join_code(self, surface: pygame.Surface, area: pygame.Rect) -> int:
        """While the room waits for the first result: the address to join, in words and
        as a QR code, at the foot of the column. Returns the top of what it drew (the
        area's bottom when there is no address: an in-process match has none)."""
        url = getattr(self.conn, "url", None)
        if not isinstance(url, str) or not url:
            return area.bottom
        if self._give is None or self._give[0] != url:     # asked once, not every frame
            self._give = (url, room_address(url))
        give = self._give[1]
        if give is None:        # a host on loopback only: nobody else can join it
            return area.bottom
        if self._qr is None or self._qr[0] != give:
            self._qr = (give, qr_surface(qr_matrix(give)))
        L = self.layout
        pad = L.g(24)
        side = min(area.width - 2 * pad, L.g(220))
        code = pygame.transform.scale(self._qr[1], (side, side))
        label = fonts.text(f"Join: {give}", L.px(22), palette.INK, True)
        top = area.bottom - side - label.get_height() - L.g(10)
        surface.blit(code, code.get_rect(midtop=(area.centerx, top)))
        surface.blit(label, label.get_rect(midtop=(area.centerx, top + side + L.g(6))))
        return top - L.g(10)

    def _draw_rows(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The rows, the current one highlighted and kept in sight (earlier ones fade)."""
        L = self.layout
        size = L.px(30)
        line_h = fonts.font(size, True).get_linesize()
        row_x, row_w = area.x + L.g(12), area.width - L.g(24)
        dot_x = row_x + L.g(16)
        text_x = dot_x + L.g(18)
        text_w = row_x + row_w - L.g(12) - text_x
        current = self.show.current()
        # Wrapped as bold, the widest they are drawn, so the current row never overflows.
        blocks = [fonts.wrap(row.text, text_w, size, True) for row in self.show.rows]
        heights = [len(lines) * line_h + L.g(18) for lines in blocks]
        # Scroll so the current row sits in the upper third once the column is full.
        top = sum(heights[:current]) if current is not None else 0
        scroll = max(0, min(top - area.height // 3, sum(heights) - area.height))
        clip = surface.get_clip()
        surface.set_clip(area)
        y = area.y - scroll
        for i, (lines, h) in enumerate(zip(blocks, heights)):
            if i == current:
                pygame.draw.rect(surface, CURRENT_ROW, (row_x, y, row_w, h - L.g(6)),
                                 border_radius=L.g(10))
            ink = palette.INK if current is None or i >= current else DONE_INK
            ty = y + L.g(6)
            pygame.draw.circle(surface, ink, (dot_x, ty + line_h // 2), L.g(6))
            for line in lines:
                surface.blit(fonts.text(line, size, ink, i == current), (text_x, ty))
                ty += line_h
            y += h
        if scroll > 0:          # rows scrolled away fade out under the heading's rule
            surface.blit(fade_down(area.width, L.g(36)), area.topleft)
        surface.set_clip(clip)

    def _wrapped(self, surface: pygame.Surface, text: str, rect: pygame.Rect, size: int,
                 colour: tuple[int, int, int], bold: bool = False, style: str = "sans") -> int:
        """``text`` wrapped to ``rect``'s width from its top left; returns the y below."""
        y = rect.y
        for line in fonts.wrap(text, rect.width, size, bold, style):
            img = fonts.text(line, size, colour, bold, style)
            surface.blit(img, (rect.x, y))
            y += img.get_height()
        return y

    # the captions ----------------------------------------------------------------------------

    def _draw_captions(self, surface: pygame.Surface) -> None:
        """The newest public captions, stacked over the foot of the map."""
        L = self.layout
        showing = self.captions.showing(self.clock)
        if not showing:
            return
        pad = L.g(20)
        bottom = L.map.bottom - self.legend().get_height() - L.g(14) - pad
        for caption in reversed(showing):       # the newest at the bottom
            img = self._caption_card(caption, L.map.width - 2 * pad, L.px(32))
            rect = img.get_rect(midbottom=(L.map.centerx, bottom))
            card(surface, rect, radius=L.g(12))
            surface.blit(img, rect)
            bottom = rect.top - L.g(12)

    def _caption_card(self, caption: Caption, width: int, size: int) -> pygame.Surface:
        """One caption: the speaker's tag in its colour, then up to three lines of words."""
        L = self.layout
        pad = L.g(16)
        tag_colour = self.renderer.power_colours.get(caption.power or "", NEWS_TAG) \
            if caption.kind == CHAT else CLOCK_TAG if caption.kind == CLOCK else NEWS_TAG
        tag = fonts.text(caption.speaker, L.px(26), palette.text_on(tag_colour), True)
        tag_rect = tag.get_rect().inflate(L.g(20), L.g(10))
        inner = width - 3 * pad - tag_rect.width
        lines = fonts.wrap(caption.text, inner, size) if caption.text else []
        if len(lines) > 3:
            lines = lines[:3]
            lines[-1] = lines[-1].rstrip(" .,;:") + "…"
        f = fonts.font(size)
        line_h = f.get_linesize()
        used = max([f.size(line)[0] for line in lines] or [0])
        w = 2 * pad + tag_rect.width + (pad + used if lines else 0)
        h = max(tag_rect.height, line_h * len(lines)) + 2 * pad
        out = pygame.Surface((w, h), pygame.SRCALPHA)
        tag_rect.topleft = (pad, pad + max(0, (line_h - tag_rect.height) // 2))
        pygame.draw.rect(out, tag_colour, tag_rect, border_radius=L.g(8))
        out.blit(tag, tag.get_rect(center=tag_rect.center))
        y = pad
        for line in lines:
            out.blit(fonts.text(line, size, palette.INK), (tag_rect.right + pad, y))
            y += line_h
        return out


LEGEND_KINDS = (("defensive", "Defensive pact"), ("offensive", "Offensive pact"),
                ("non_aggression", "Non-aggression"), ("peace", "Peace"), ("war", "War"))


def legend_strip(L: ProjectorLayout) -> pygame.Surface:
    """The link kinds in one row, each drawn as the map draws it, with its name."""
    size, pad, gap = L.px(22), L.g(12), L.g(22)
    sample_w = max(40, L.g(56))
    labels = [fonts.text(text, size, palette.INK) for _, text in LEGEND_KINDS]
    h = max(label.get_height() for label in labels) + 2 * pad
    w = 2 * pad + sum(sample_w + pad + label.get_width() + gap for label in labels) - gap
    out = pygame.Surface((min(w, L.map.width - 2 * L.g(14)), h), pygame.SRCALPHA)
    draw.pill(out, out.get_rect(), (*palette.PARCHMENT, 236), palette.INK_SOFT, radius=L.g(8))
    x = pad
    for (kind, _), label in zip(LEGEND_KINDS, labels):
        if x + sample_w + label.get_width() > out.get_width():
            break
        sample = Link(kind, "", "", (x, h / 2), (x + sample_w, h / 2))
        draw_legend_sample(out, sample)
        x += sample_w + pad
        out.blit(label, (x, (h - label.get_height()) // 2))
        x += label.get_width() + gap
    return out


def refuse_unless_spectator(conn: Connection, model: MatchModel) -> None:
    """Raise ``NotSpectator`` unless both the connection and its snapshot say spectator."""
    seat = getattr(conn, "seat", None)
    for said in (seat, model.seat):
        if said is not None and said != SPECTATOR:
            raise NotSpectator(
                f"the projector shows only the public view, but this connection is the seat "
                f"'{said}'; connect it as a spectator (spectate) instead")


def public_alliances(view: Mapping[str, Any], names: Names) -> list[str]:
    """The pacts and wars a view shows, in words (a spectator's view holds public ones
    only)."""
    kinds = {"defensive": "defensive pact", "offensive": "offensive pact",
             "non_aggression": "non-aggression pact", "peace": "peace"}
    out = []
    for pact in view.get("pacts", []):
        if pact.get("status", "active") != "active":
            continue
        members = " and ".join(names.power(m) for m in pact.get("members", []))
        kind = kinds.get(str(pact.get("kind")), str(pact.get("kind")))
        label = f"{pact['name']}: " if pact.get("name") else ""
        out.append(f"{label}{kind} of {members}")
    for war in view.get("wars", []):
        a, b = war.get("between", ["?", "?"])
        out.append(f"War: {names.power(a)} against {names.power(b)}")
    return out


def qr_surface(matrix: list[list[bool]], quiet: int = 4) -> pygame.Surface:
    """A QR code's modules as a small black-on-white surface, one pixel a module, with its
    quiet zone (scaled up without smoothing, it stays sharp)."""
    n = len(matrix) + 2 * quiet
    surface = pygame.Surface((n, n))
    surface.fill((255, 255, 255))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                surface.set_at((x + quiet, y + quiet), (0, 0, 0))
    return surface


@lru_cache(maxsize=4)
def fade_down(width: int, height: int) -> pygame.Surface:
    """Parchment fading from opaque at the top to clear at the bottom."""
    fade = pygame.Surface((width, height), pygame.SRCALPHA)
    for k in range(height):
        fade.fill((*palette.PARCHMENT, 255 - 255 * k // height), (0, k, width, 1))
    return fade


def shortened(text: str, width: int, size: int) -> str:
    """``text`` cut at a word to fit ``width`` pixels in the header's serif, with "…"."""
    font = fonts.font(size, True, "serif")
    if font.size(text)[0] <= width:
        return text
    words = text.split()
    while len(words) > 1 and font.size(" ".join(words) + "…")[0] > width:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"
