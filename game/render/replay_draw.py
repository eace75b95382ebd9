"""Drawing a ``TurnReplay`` at time t over the map: move arrows, new wars' front lines,
battle markers with before → after counts and the winner's ring, captures recolouring,
retreats and destroyed stacks, map callouts and the caption band.

Everything here reads the replay's steps and the renderer's camera. A busy turn on a big
map has hundreds of marks at once, so what has stopped changing (a capture fully recoloured,
an arrow that has arrived, a battle marker after its moment) is *baked*: painted once into a
copy of the static map, kept while the camera stays put, and blitted each frame; only the
marks still moving are drawn every frame.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np
import pygame

from game.words import palette
from . import draw, fonts
from .replay import ReplayStep

if TYPE_CHECKING:
    from .renderer import MapRenderer
    from .replay import TurnReplay

Event = Mapping[str, Any]
Point = tuple[float, float]

COMPACT_SPAN = 48  # screen pixels: below this typical territory width, draw compactly


# --- places -------------------------------------------------------------------------


def _anchor(replay: "TurnReplay", r: "MapRenderer", tid: str | None) -> Point | None:
    if not tid or tid not in r.geometry.index:
        return None
    return r.anchor_screen(tid)


def _power_point(replay: "TurnReplay", r: "MapRenderer", pid: str | None) -> Point | None:
    if not pid:
        return None
    w = r.geometry.anchor_of_power(pid, replay._owners)
    return r.world_to_screen(*w) if w else None


def battle_point(replay: "TurnReplay", r: "MapRenderer", event: Event) -> Point | None:
    """Where a battle's marker goes: the territory, or the middle of a border clash."""
    a = _anchor(replay, r, event.get("territory"))
    if event.get("kind") == "border":
        b = _anchor(replay, r, event.get("to"))
        if a and b:
            return draw.lerp(a, b, 0.5)
    if a is None:
        return None
    # Off the label: the marker sits just above the territory's name block.
    return (a[0], a[1] - 4)


def _callout_point(replay: "TurnReplay", r: "MapRenderer", e: Event) -> Point | None:
    for key in ("attacked", "power", "by"):
        p = _power_point(replay, r, e.get(key))
        if p:
            return p
    if e.get("type") == "peace":
        return _power_point(replay, r, (e.get("between") or [None])[0])
    if e.get("type") == "victory":
        return _power_point(replay, r, (e.get("powers") or [None])[0])
    return None


def _recolour(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", s: ReplayStep,
              t: float, compact: bool) -> None:
    """A capture or cession recolouring its territory (fading in, except zoomed out, where
    a fade over a few pixels cannot be seen and hundreds of them would cost the frame)."""
    e = s.event
    tid = e.get("territory")
    if tid not in r.geometry.index:
        return
    terrain = r.geometry.territories[r.geometry.index[tid]].terrain
    if s.phase == "captures":
        alpha = 255 if compact else int(255 * min(1.0, 0.25 + s.progress(t)))
        r.fill_territory(surf, tid, r.fill_for(e.get("power"), terrain), alpha)
        r.draw_name(surf, tid)  # the new colour must not bury the name
    else:
        r.fill_territory(surf, tid, r.fill_for(e.get("to"), terrain),
                         255 if compact else int(255 * s.progress(t)))


def _is_recolour(s: ReplayStep) -> bool:
    return s.phase == "captures" or s.event.get("type") == "ceded"


INF = float("inf")


class _Timeline:
    """When each step's mark appears, stops changing and leaves the map, as arrays, worked
    out once per replay (and zoom style): a frame then finds its marks with a few array
    comparisons instead of a pass over 1,500 steps in Python.

    A settled mark looks the same at every later moment until it leaves (so it may be
    baked). Steps settle in step order (recolours of the diplomacy, arrows, captures, retreat
    arrows), so the bake only grows until time goes back or marks leave. Settled battle
    markers are not baked (they settle while captures are baked, and must stay on top of
    them): they are stamped, from a list kept per camera.
    """

    def __init__(self, replay: "TurnReplay", compact: bool) -> None:
        steps = replay.steps
        battles_end = replay.phases.get("battles", replay.phases.get("moves", (0, 0)))[1]
        retreats_end = replay.phases.get("retreats", (0, 0))[1] + 0.6
        start, settle, leave = [], [], []
        self.kind = np.zeros(len(steps), dtype=np.int8)   # 1 recolour, 2 move, 3 battle, 4 retreat
        for k, st in enumerate(steps):
            kind = st.event.get("type")
            start.append(st.start)
            if _is_recolour(st):
                self.kind[k] = 1
                settle.append(st.start if compact else
                              st.start + st.duration * (0.75 if st.phase == "captures" else 1.0))
                leave.append(INF)
            elif kind == "moved":
                self.kind[k] = 2
                settle.append(st.start + st.duration * 0.7)
                leave.append(max(battles_end, st.end + 0.8))
            elif st.phase == "battles":
                self.kind[k] = 3
                settle.append(INF)
                leave.append(INF)
            elif st.phase == "retreats":
                self.kind[k] = 4
                settle.append(st.start + st.duration / 1.4 if kind == "retreated" else INF)
                leave.append(retreats_end if kind in ("retreated", "returned") else INF)
            else:
                settle.append(INF)
                leave.append(-INF)      # no map mark of its own (drawn elsewhere)
        self.start = np.array(start, dtype=np.float64)
        self.settle = np.array(settle, dtype=np.float64)
        self.leave = np.array(leave, dtype=np.float64)
        self.battles = [k for k in range(len(steps)) if self.kind[k] == 3]
        # A battle's marker is live (growing, with counts) until this time, then settled.
        self.live_until = {k: min(steps[k].end + 0.8, battles_end + 1.2) for k in self.battles}

    def baked(self, t: float) -> list[int]:
        return np.nonzero((self.settle <= t) & (t < self.leave))[0].tolist()

    def drawn(self, t: float, kind: int) -> list[int]:
        """Steps of ``kind`` with a mark on the map at t."""
        return np.nonzero((self.kind == kind) & (self.start <= t) & (t < self.leave))[0].tolist()


def _timeline(replay: "TurnReplay", compact: bool) -> _Timeline:
    kept = replay.__dict__.get("_timeline")
    if kept is None or kept[0] != compact:
        kept = replay.__dict__["_timeline"] = (compact, _Timeline(replay, compact))
    return kept[1]


def _draw_step(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", s: ReplayStep,
               t: float, compact: bool) -> None:
    if _is_recolour(s):
        _recolour(replay, surf, r, s, t, compact)
    elif s.event.get("type") == "moved":
        _draw_move(replay, surf, r, s, t, compact)
    elif s.phase == "battles":
        _draw_battle(replay, surf, r, s, t, compact)
    elif s.phase == "retreats":
        _draw_retreat(replay, surf, r, s, t)


def _camera_key(surf: pygame.Surface, r: "MapRenderer") -> tuple:
    cam = r.camera
    return (cam.zoom, cam.offset, cam.viewport, surf.get_size(), r._layer_key, r.options)


class _Bake:
    """The static map with the settled marks painted on, for one camera and one layer."""

    def __init__(self, key: tuple, surface: pygame.Surface) -> None:
        self.key = key
        self.surface = surface
        self.steps: list[int] = []        # indices of the baked steps, in painting order


def _bake(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", t: float,
          compact: bool) -> set[int]:
    """Bring the bake up to time t and blit it over ``surf`` (which holds the static map);
    returns the baked steps, which ``draw_over`` then skips."""
    key = _camera_key(surf, r)
    want = _timeline(replay, compact).baked(t)
    bake: _Bake | None = replay.__dict__.get("_bake")
    if bake is None or bake.key != key or bake.steps != want[:len(bake.steps)]:
        # The camera moved, time went back or a mark left the map: start from the map.
        bake = _Bake(key, surf.copy())
        replay.__dict__["_bake"] = bake
    for k in want[len(bake.steps):]:
        _draw_step(replay, bake.surface, r, replay.steps[k], t, compact)
    bake.steps = want
    surf.blit(bake.surface, (0, 0))
    return set(want)


def draw_under(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", t: float) -> None:
    """Captures and cessions recolour their territories as they happen (under links); the
    settled marks come from the bake."""
    if t >= replay.duration:
        return
    compact = is_compact(r)
    baked = _bake(replay, surf, r, t, compact)
    replay.__dict__["_baked"] = (t, baked)
    for k in _timeline(replay, compact).drawn(t, 1):
        if k not in baked:
            _recolour(replay, surf, r, replay.steps[k], t, compact)


def _settled_markers(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer",
                     line: _Timeline, t: float, compact: bool
                     ) -> list[tuple[pygame.Surface, tuple[int, int]]]:
    """The stamps of the battle markers settled by t (battles settle in step order, so
    they are a prefix of the battles), kept per camera."""
    n = sum(1 for k in line.battles if line.live_until[k] <= t)
    key = (_camera_key(surf, r), compact)
    kept = replay.__dict__.get("_markers")
    if kept is None or kept[0] != key:
        kept = replay.__dict__["_markers"] = (key, [])
    blits: list[tuple[pygame.Surface, tuple[int, int]] | None] = kept[1]
    while len(blits) < n:
        k = line.battles[len(blits)]
        blits.append(_marker_blit(replay, surf, r, replay.steps[k], compact))
    return [b for b in blits[:n] if b is not None]


def draw_over(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", t: float,
              caption: bool = True) -> None:
    """Arrows, battle markers, retreats, wars and callouts at replay time t (those not
    baked by ``draw_under`` at the same t)."""
    if t >= replay.duration:
        return
    compact = is_compact(r)
    line = _timeline(replay, compact)
    when, baked = replay.__dict__.get("_baked", (None, set()))
    if when != t:
        baked = set()
    steps = replay.steps
    for k in line.drawn(t, 2):
        if k not in baked:
            _draw_move(replay, surf, r, steps[k], t, compact)
    for a, b, start, duration in replay._wars:
        if start <= t:
            _draw_new_war(replay, surf, r, a, b, min(1.0, (t - start) / max(duration, 1e-6)))
    surf.fblits(_settled_markers(replay, surf, r, line, t, compact))
    for k in line.drawn(t, 3):
        if line.live_until[k] > t:
            _draw_battle(replay, surf, r, steps[k], t, compact)
    for k in np.nonzero((line.kind == 4) & (line.start <= t))[0].tolist():
        if k not in baked:
            _draw_retreat(replay, surf, r, steps[k], t)
    for s in steps:
        if s.event.get("type") in ("pact_triggered", "pact_invoked") and s.start <= t < s.end:
            _draw_pact_pulse(replay, surf, r, s, t)
    for s in steps:
        if s.headline and s.start <= t < s.end + 0.4:
            _draw_callout(replay, surf, r, s, t)
    if caption:
        draw_caption(replay, surf, t)


def is_compact(r: "MapRenderer") -> bool:
    """Zoomed out over many small territories: thin arrows and bare markers, no count
    labels, which would only pile up on each other (the caption and report still tell)."""
    return r.geometry.typical_span * r.camera.zoom < COMPACT_SPAN


def _on_screen(surf: pygame.Surface, *points: Point | None, margin: int = 60) -> bool:
    w, h = surf.get_size()
    return any(p is not None and -margin <= p[0] <= w + margin and -margin <= p[1] <= h + margin
               for p in points)


def _colour(r: "MapRenderer", pid: str | None) -> tuple[int, int, int]:
    return r.power_colours.get(pid or "", (120, 120, 120))


def _draw_move(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", s: ReplayStep,
               t: float, compact: bool = False) -> None:
    e = s.event
    a, b = _anchor(replay, r, e.get("from")), _anchor(replay, r, e.get("to"))
    if not a or not b or not _on_screen(surf, a, b):
        return
    a, b = draw.shorten(a, b, 8, 10)
    p = min(1.0, max(0.05, (t - s.start) / (s.duration * 0.7)))
    tip = draw.lerp(a, b, p)
    colour = _colour(r, e.get("power"))
    n = e.get("n", 1)
    width = int(2 + min(2, n / 6)) if compact else int(4 + min(6, n / 3))
    draw.arrow(surf, colour, a, tip, width, head=(7 if compact else 12) + width,
               outline=palette.MOVE_ARROW, dashed_body=bool(e.get("sea")))
    if compact:
        return
    label = fonts.text(str(n), 12, palette.text_on(colour), bold=True)
    mid = draw.lerp(a, tip, 0.45)
    rect = label.get_rect(center=(round(mid[0]), round(mid[1])))
    rect.inflate_ip(8, 2)
    draw.pill(surf, rect, colour, palette.MOVE_ARROW)
    surf.blit(label, label.get_rect(center=rect.center))


def _draw_new_war(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", a_id: str,
                  b_id: str,
                  progress: float) -> None:
    """A war's front line racing from the aggressor's capital to the enemy's."""
    a = _power_point(replay, r, a_id)
    b = _power_point(replay, r, b_id)
    if not a or not b:
        return
    a, b = draw.shorten(a, b, 10, 10)
    tip = draw.lerp(a, b, min(1.0, max(0.05, progress * 1.5)))
    draw.jagged(surf, palette.PARCHMENT, a, tip, 4, amplitude=3.5, wavelength=16)
    draw.jagged(surf, palette.LINK_WAR, a, tip, 2, amplitude=3.5, wavelength=16)


def _draw_pact_pulse(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer",
                     s: ReplayStep, t: float) -> None:
    """The casus foederis made visible: the pact's members light up, linked, as it binds."""
    e = s.event
    members = e.get("members") or replay.names.pact_doc(e.get("pact"), e).get("members") or []
    points = [p for p in (_power_point(replay, r, m) for m in members) if p]
    kind = e.get("kind") or replay.names.kind_of(e.get("pact"), e) or "defensive"
    colour = palette.LINK_OFFENSIVE if kind == "offensive" else palette.LINK_DEFENSIVE
    width = 9 + int(3 * abs(math.sin((t - s.start) * 5)))
    for k, a in enumerate(points):
        for b in points[k + 1:]:
            a2, b2 = draw.shorten(a, b, 10, 10)
            pygame.draw.line(surf, palette.ENGAGED_GLOW, a2, b2, width)
            pygame.draw.line(surf, colour, a2, b2, 4)
    for p in points:
        pygame.draw.circle(surf, palette.ENGAGED_GLOW, p, 14, 3)


def _draw_battle(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", s: ReplayStep,
                 t: float, compact: bool = False) -> None:
    e = s.event
    at = battle_point(replay, r, e)
    if at is None or not _on_screen(surf, at):
        return
    p = s.progress(t)
    live = _battle_live(replay, s, t)
    if compact:
        radius = (4 + 4 * min(1.0, p * 3)) if live else 6
    else:
        radius = (8 + 7 * min(1.0, p * 3)) if live else 9
    ring = _winner_ring(r, e) if p > 0.5 else None
    if not live:
        blit = _marker_blit(replay, surf, r, s, compact)
        if blit is not None:
            surf.blit(*blit)
        return
    _battle_marker(surf, at, radius, ring)
    if not compact:
        _battle_counts(replay, surf, r, e, at, radius, p)


def _winner_ring(r: "MapRenderer", e: Event) -> tuple[int, int, int]:
    winner = e.get("attackers") if e.get("winner") == "attackers" else e.get("defenders")
    lead = max(winner or {"": 0}, key=lambda k: (winner or {}).get(k, 0))
    return _colour(r, lead) if lead != "neutral" else palette.NEUTRAL


def _marker_blit(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", s: ReplayStep,
                 compact: bool) -> tuple[pygame.Surface, tuple[int, int]] | None:
    """A settled battle marker as (stamp, where): the same stamp for every marker of one
    size and winner's colour."""
    at = battle_point(replay, r, s.event)
    if at is None or not _on_screen(surf, at):
        return None
    stamp = battle_stamp(6 if compact else 9, _winner_ring(r, s.event))
    return stamp, (round(at[0]) - stamp.get_width() // 2, round(at[1]) - stamp.get_height() // 2)


def _battle_marker(surf: pygame.Surface, at: Point, radius: float,
                   ring: tuple[int, int, int] | None) -> None:
    """The disc with crossed swords; ``ring``, the winner's colour, once it is decided."""
    x, y = at
    pygame.draw.circle(surf, palette.INK, (x + 1, y + 2), radius + 1)
    pygame.draw.circle(surf, palette.BATTLE_MARKER, at, radius)
    if ring is not None:
        pygame.draw.circle(surf, ring, at, radius + 3, 3)
    pygame.draw.circle(surf, palette.BATTLE_RING_WIN if ring is not None else palette.PARCHMENT,
                       at, radius, 1)
    draw.swords(surf, palette.PARCHMENT, x, y, radius * 0.5, 2 if radius > 6 else 1)


@lru_cache(maxsize=256)
def battle_stamp(radius: int, ring: tuple[int, int, int] | None) -> pygame.Surface:
    """A settled battle marker, drawn once and blitted wherever one stands."""
    half = radius + 6
    stamp = pygame.Surface((2 * half + 1, 2 * half + 1), pygame.SRCALPHA)
    _battle_marker(stamp, (half, half), radius, ring)
    return stamp


def _battle_live(replay: "TurnReplay", s: ReplayStep, t: float) -> bool:
    """A battle's marker grows and shows its counts around its moment, then stays small."""
    return t < s.end + 0.8 and t < replay.phases["battles"][1] + 1.2


def _battle_counts(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", e: Event,
                   at: Point,
                   radius: float, p: float) -> None:
    """'12 → 9  ⚔  8 → 0' under the marker, the after counts appearing as it resolves."""
    parts = []
    for side in ("attackers", "defenders"):
        before = sum((e.get(side) or {}).values())
        after = sum((e.get(f"{side}_after") or {}).values())
        lead = max(e.get(side) or {"": 0}, key=lambda k: (e.get(side) or {}).get(k, 0))
        parts.append((lead, f"{before} \u2192 {after}" if p > 0.5 else f"{before}"))
    size = 13
    pieces = []
    for lead, label in parts:
        colour = _colour(r, lead) if lead != "neutral" else palette.NEUTRAL
        txt = fonts.text(label, size, palette.text_on(colour), bold=True)
        pieces.append((colour, txt))
    vs = fonts.text("vs", 11, palette.INK)
    w = sum(t.get_width() + 12 for _, t in pieces) + vs.get_width() + 10
    h = size + 6
    x = at[0] - w / 2
    y = at[1] + radius + 5
    box = pygame.Rect(round(x) - 3, round(y) - 2, round(w) + 6, h + 4)
    draw.pill(surf, box, palette.CALLOUT_BG, palette.CALLOUT_BORDER, radius=6)
    cx = x
    for k, (colour, txt) in enumerate(pieces):
        rect = pygame.Rect(round(cx), round(y), txt.get_width() + 12, h)
        draw.pill(surf, rect, colour, palette.darker(colour, 0.4), radius=5)
        surf.blit(txt, txt.get_rect(center=rect.center))
        cx += rect.width
        if k == 0:
            surf.blit(vs, (cx + 5, y + (h - vs.get_height()) / 2))
            cx += vs.get_width() + 10


def _draw_retreat(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", s: ReplayStep,
                  t: float) -> None:
    e = s.event
    kind = e.get("type")
    colour = _colour(r, e.get("power"))
    retreats_end = replay.phases["retreats"][1] + 0.6
    if kind == "retreated" and t < retreats_end:
        a, b = _anchor(replay, r, e.get("from")), _anchor(replay, r, e.get("to"))
        if a and b:
            a, b = draw.shorten(a, b, 12, 12)
            tip = draw.lerp(a, b, max(0.05, min(1.0, s.progress(t) * 1.4)))
            draw.arrow(surf, colour, a, tip, 3, head=11, outline=palette.MOVE_ARROW,
                       dashed_body=True)
    elif kind == "returned" and t < retreats_end:
        at = _anchor(replay, r, e.get("to"))
        if at:
            _tag(surf, (at[0] + 16, at[1] - 14), f"\u21a9 {e.get('n')}", colour)
    elif kind == "destroyed":
        at = _anchor(replay, r, e.get("territory"))
        if at:
            x, y = at[0] - 14, at[1] + 12
            size = 7
            for sx in (-1, 1):
                pygame.draw.line(surf, palette.PARCHMENT, (x - size, y - sx * size),
                                 (x + size, y + sx * size), 6)
                pygame.draw.line(surf, palette.DESTROYED, (x - size, y - sx * size),
                                 (x + size, y + sx * size), 3)
            if t < retreats_end:
                _tag(surf, (x + 14, y), f"\u2212{e.get('n')}", palette.DESTROYED)


def _tag(surf: pygame.Surface, at: Point, label: str, colour: tuple[int, int, int]) -> None:
    txt = fonts.text(label, 13, palette.text_on(colour), bold=True)
    rect = txt.get_rect(midleft=(round(at[0]), round(at[1]))).inflate(10, 4)
    draw.pill(surf, rect, colour, palette.INK)
    surf.blit(txt, txt.get_rect(center=rect.center))


def _draw_callout(replay: "TurnReplay", surf: pygame.Surface, r: "MapRenderer", s: ReplayStep,
                  t: float) -> None:
    at = _callout_point(replay, r, s.event)
    if at is None or not s.headline:
        return
    fade = 1.0 if t < s.end else max(0.0, 1 - (t - s.end) / 0.4)
    accent = _accent(s.event)
    txt = fonts.text(s.headline, 15, palette.INK, bold=True, style="serif")
    w, h = txt.get_width() + 24, txt.get_height() + 12
    bubble = pygame.Surface((w, h + 10), pygame.SRCALPHA)
    body = pygame.Rect(0, 0, w, h)
    draw.pill(bubble, body.move(2, 2), (0, 0, 0, 60), radius=8)
    draw.pill(bubble, body, palette.CALLOUT_BG, palette.CALLOUT_BORDER, radius=8)
    pygame.draw.rect(bubble, accent, pygame.Rect(0, 0, 6, h), border_top_left_radius=8,
                     border_bottom_left_radius=8)
    tail = [(w / 2 - 7, h - 1), (w / 2 + 7, h - 1), (w / 2, h + 9)]
    pygame.draw.polygon(bubble, palette.CALLOUT_BG, tail)
    pygame.draw.lines(bubble, palette.CALLOUT_BORDER, False, tail[:1] + tail[2:] + tail[1:2])
    bubble.blit(txt, (14, 6))
    if fade < 1:
        bubble.set_alpha(int(255 * fade))
    # Rise into place, and never leave the screen.
    rise = 6 * (1 - min(1.0, (t - s.start) / 0.25))
    rect = bubble.get_rect(midbottom=(round(at[0]), round(at[1] - 12 + rise)))
    rect.clamp_ip(surf.get_rect())
    surf.blit(bubble, rect)


def _accent(e: Event) -> tuple[int, int, int]:
    kind = e.get("type")
    if kind in ("war_declared", "pact_invoked", "collapse", "eliminated"):
        return palette.LINK_WAR
    if kind in ("pact_triggered", "called_to_war"):
        return palette.LINK_OFFENSIVE if e.get("cause") == "invocation" else palette.LINK_DEFENSIVE
    if kind in ("shortfall", "pact_broken"):
        return palette.LINK_SECRET_MARK
    if kind == "peace":
        return palette.LINK_PEACE
    return palette.INK_SOFT


def draw_caption(replay: "TurnReplay", surf: pygame.Surface, t: float,
                 avoid: pygame.Rect | None = None) -> pygame.Rect | None:
    """The current sentence in a band at the bottom of the map, like a newsreel; kept clear
    of ``avoid`` (the legend) and wrapped onto a second line when it is long."""
    text = replay.caption(t)
    if not text:
        return None
    margin = 14
    left, right = margin, surf.get_width() - margin
    if avoid is not None and avoid.bottom > surf.get_height() - 80:
        # Centred on the screen but clear of the legend on both sides keeps it centred.
        left = max(left, avoid.right + margin)
        right = min(right, surf.get_width() - avoid.right - margin)
        if right - left < 320:  # a narrow window: use the space right of the legend
            left, right = avoid.right + margin, surf.get_width() - margin
    room = right - left - 40
    step = replay.step_at(t)
    phase = fonts.text((step.phase if step else "").upper(), 12, palette.INK_SOFT, bold=True)
    lines = [fonts.text(line, 18, palette.INK, style="serif")
             for line in fonts.wrap(text, room, 18, style="serif") if line]
    w = min(right - left, max([phase.get_width()] + [x.get_width() for x in lines]) + 40)
    h = phase.get_height() + sum(x.get_height() for x in lines) + 18
    band = pygame.Surface((w, h), pygame.SRCALPHA)
    draw.pill(band, band.get_rect(), (*palette.PARCHMENT, 235), palette.INK_SOFT, radius=10)
    band.blit(phase, ((w - phase.get_width()) / 2, 7))
    y = 9 + phase.get_height()
    for line in lines:
        band.blit(line, ((w - line.get_width()) / 2, y))
        y += line.get_height()
    rect = band.get_rect(midbottom=((left + right) // 2, surf.get_height() - margin))
    surf.blit(band, rect)
    return rect
