"""The alliance-links overlay: pacts and wars as lines between capitals (RULES.md §2, §3).

Each visible pact links its members' capitals (or, without a capital, the centre of the
member's largest holding); a pact of three or more members is drawn as a hub at the centre
of its members' capitals with one spoke to each, since every pair of a big alliance would
be a web (NATO's twelve members make 66 pairs, 12 spokes). Styled by kind: defensive solid blue, offensive solid orange with
arrows to its target, non-aggression dashed grey, peace dotted green. Engaged pacts glow;
secret pacts (present only if the seat may see them: the view already filters) carry a
diamond mark. Wars are red zigzags with crossed blades at the middle.

Links are computed once per view (``compute_links``, in world coordinates) and drawn every
frame (``draw_links``), since there are few of them and the glow pulses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import combinations
from typing import Any, Mapping

import pygame

from game.words import palette
from . import draw, fonts
from .camera import Camera
from .geometry import MapGeometry

KINDS = ("defensive", "offensive", "non_aggression", "peace")
KIND_COLOURS = {
    "defensive": palette.LINK_DEFENSIVE,
    "offensive": palette.LINK_OFFENSIVE,
    "non_aggression": palette.LINK_NON_AGGRESSION,
    "peace": palette.LINK_PEACE,
    "war": palette.LINK_WAR,
}
PARALLEL_GAP = 7  # pixels between links that join the same two capitals
HUB_MEMBERS = 3   # pacts with at least this many members are drawn as a hub and spokes
HUB_PREFIX = "hub:"
HUB_RADIUS = 7


@dataclass
class LinkToggles:
    """Which links to show; the game screen binds its check boxes to these fields
    (``toggles.peace = box.checked`` works; so does ``toggles.toggled("peace")``)."""

    defensive: bool = True
    offensive: bool = True
    non_aggression: bool = True
    peace: bool = True
    wars: bool = True
    legend: bool = True

    def shows(self, kind: str) -> bool:
        return bool(getattr(self, "wars" if kind == "war" else kind, False))

    def key(self) -> tuple[bool, ...]:
        """The values as a tuple: what the cached legend depends on."""
        return tuple(bool(getattr(self, f.name)) for f in fields(self))

    def toggled(self, name: str) -> "LinkToggles":
        """A copy with one field flipped (what a check box does)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] = not values[name]
        return LinkToggles(**values)


@dataclass(frozen=True)
class Link:
    """One line on the overlay, in world coordinates."""

    kind: str                   # a pact kind or "war"
    a: str                      # power ids at the ends
    b: str
    pa: tuple[float, float]
    pb: tuple[float, float]
    pact: str | None = None
    engaged: bool = False
    secret: bool = False
    to_target: bool = False     # an offensive pact's arrow from member a to target b
    offset: float = 0.0         # sideways place among links joining the same pair
    hub: bool = False           # a spoke: b is the pact's hub (HUB_PREFIX + pact id)


def owners_of(view: Mapping[str, Any]) -> dict[str, str | None]:
    return {tid: t.get("owner") for tid, t in view.get("territories", {}).items()}


def compute_links(view: Mapping[str, Any], geo: MapGeometry) -> list[Link]:
    """Every link the view implies: active pacts' member pairs, offensive arrows, wars."""
    owners = owners_of(view)
    anchors: dict[str, tuple[float, float] | None] = {}

    def anchor(p: str) -> tuple[float, float] | None:
        if p not in anchors:
            anchors[p] = geo.anchor_of_power(p, owners)
        return anchors[p]

    eliminated = {pid for pid, ps in view.get("powers", {}).items() if ps.get("eliminated")}
    raw: list[Link] = []
    for pact in view.get("pacts", []):
        if pact.get("status", "active") != "active":
            continue
        kind = pact.get("kind")
        members = [m for m in pact.get("members", []) if m not in eliminated]
        # Marked secret while it still is: once triggered or invoked, all the world knows.
        common = dict(pact=pact.get("id"), engaged=bool(pact.get("engaged_against")),
                      secret=bool(pact.get("secret")) and not pact.get("revealed"))
        pairs: list[tuple[str, str]]
        if kind == "peace" and pact.get("sides"):
            pairs = [(x, y) for x in pact["sides"][0] for y in pact["sides"][1]]
        elif len(members) >= HUB_MEMBERS:
            ends = [(m, anchor(m)) for m in members]
            ends = [(m, a) for m, a in ends if a]
            if ends:
                hub = (sum(a[0] for _, a in ends) / len(ends),
                       sum(a[1] for _, a in ends) / len(ends))
                raw.extend(Link(kind, m, HUB_PREFIX + str(pact.get("id")), a, hub, hub=True,
                                **common) for m, a in ends)
            pairs = []
        else:
            pairs = list(combinations(members, 2))
        for x, y in pairs:
            pa, pb = anchor(x), anchor(y)
            if pa and pb:
                raw.append(Link(kind, x, y, pa, pb, **common))
        if kind == "offensive" and pact.get("target"):
            pt = anchor(pact["target"])
            for m in members:
                pm = anchor(m)
                if pm and pt:
                    raw.append(Link(kind, m, pact["target"], pm, pt, to_target=True, **common))
    for war in view.get("wars", []):
        x, y = war["between"]
        pa, pb = anchor(x), anchor(y)
        if pa and pb:
            raw.append(Link("war", x, y, pa, pb))
    # Parallel links between the same two capitals are fanned out sideways.
    seen: dict[frozenset[str], int] = {}
    out = []
    for link in raw:
        key = frozenset((link.a, link.b))
        k = seen.get(key, 0)
        seen[key] = k + 1
        out.append(Link(**{**link.__dict__, "offset": k}))
    counts = seen
    return [Link(**{**l.__dict__, "offset": l.offset - (counts[frozenset((l.a, l.b))] - 1) / 2})
            for l in out]


def draw_links(surf: pygame.Surface, links: list[Link], camera: Camera, toggles: LinkToggles,
               t: float = 0.0, end_gap: float = 10.0) -> None:
    """Draw the visible links; ``t`` (seconds) makes engaged pacts' glow breathe."""
    # Wars underneath, then pacts, then offensive arrows on top: an arrow to a target
    # usually runs beside the war it started and must not vanish under it.
    ordered = sorted(links, key=lambda l: (l.kind != "war", l.to_target, l.engaged))
    # Glows first, so no glow covers another link.
    for link in ordered:
        if link.engaged and toggles.shows(link.kind) and not link.to_target:
            a, b = _ends(link, camera, end_gap)
            width = 11 + int(2 * math.sin(t * 3.0))
            pygame.draw.line(surf, palette.ENGAGED_GLOW, a, b, width)
    for link in ordered:
        if toggles.shows(link.kind):
            _draw_link(surf, link, camera, end_gap)
    hubs = {link.b: link for link in ordered if link.hub and toggles.shows(link.kind)}
    for link in hubs.values():
        _draw_hub(surf, link, camera)


def _draw_hub(surf: pygame.Surface, link: Link, camera: Camera) -> None:
    """The hub of a big alliance: a ring in the pact's colour where its spokes meet."""
    at = camera.world_to_screen(*link.pb)
    colour = KIND_COLOURS.get(link.kind, palette.INK)
    pygame.draw.circle(surf, palette.PARCHMENT, at, HUB_RADIUS + 2)
    pygame.draw.circle(surf, colour, at, HUB_RADIUS, 3)
    if link.engaged:
        pygame.draw.circle(surf, palette.ENGAGED_GLOW, at, HUB_RADIUS - 3)


def _ends(link: Link, camera: Camera, end_gap: float
          ) -> tuple[tuple[float, float], tuple[float, float]]:
    a = camera.world_to_screen(*link.pa)
    b = camera.world_to_screen(*link.pb)
    a, b = draw.offset_segment(a, b, link.offset * PARALLEL_GAP)
    if link.hub:
        return draw.shorten(a, b, end_gap, HUB_RADIUS)
    return draw.shorten(a, b, end_gap, end_gap + (6 if link.to_target else 0))


def _draw_link(surf: pygame.Surface, link: Link, camera: Camera, end_gap: float) -> None:
    a, b = _ends(link, camera, end_gap)
    colour = KIND_COLOURS.get(link.kind, palette.INK)
    width = 6 if link.engaged else 4
    if link.kind == "war":
        draw.jagged(surf, palette.PARCHMENT, a, b, 4, amplitude=3.5, wavelength=16)
        draw.jagged(surf, colour, a, b, 2, amplitude=3.5, wavelength=16)
        m = draw.lerp(a, b, 0.5)
        pygame.draw.circle(surf, palette.PARCHMENT, m, 10)
        pygame.draw.circle(surf, colour, m, 10, 2)
        draw.swords(surf, colour, m[0], m[1], 5, 2)
    elif link.to_target:
        draw.arrow(surf, colour, a, b, 3, head=13, outline=palette.darker(colour, 0.4),
                   dashed_body=True)
    elif link.kind == "defensive" or link.kind == "offensive":
        pygame.draw.line(surf, palette.PARCHMENT, a, b, width + 2)
        pygame.draw.line(surf, colour, a, b, width)
    elif link.kind == "non_aggression":
        draw.dashed(surf, palette.PARCHMENT, a, b, 5, dash=12, gap=6)
        draw.dashed(surf, colour, a, b, 3, dash=12, gap=6)
    elif link.kind == "peace":
        draw.dotted(surf, palette.PARCHMENT, a, b, 4.5, gap=11)
        draw.dotted(surf, colour, a, b, 3, gap=11)
    if link.secret and not link.to_target:
        _secret_mark(surf, draw.lerp(a, b, 0.3))


def _secret_mark(surf: pygame.Surface, at: tuple[float, float]) -> None:
    """A purple diamond with a keyhole: this pact is secret (only members see it)."""
    x, y = at
    r = 8
    pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    pygame.draw.polygon(surf, palette.LINK_SECRET_MARK, pts)
    pygame.draw.polygon(surf, palette.PARCHMENT, pts, 1)
    pygame.draw.circle(surf, palette.PARCHMENT, (x, y - 1.5), 2)
    pygame.draw.line(surf, palette.PARCHMENT, (x, y), (x, y + 3.5), 2)


# --- the legend ---------------------------------------------------------------------------

LEGEND_ROWS = (
    ("defensive", "Defensive pact"),
    ("offensive", "Offensive pact \u2192 target"),
    ("non_aggression", "Non-aggression"),
    ("peace", "Peace / truce"),
    ("war", "War"),
    ("engaged", "Engaged (at war)"),
    ("secret", "Secret pact"),
)


def legend_surface(toggles: LinkToggles) -> pygame.Surface:
    """The legend panel; hidden kinds are shown faded, so players know what they switched off."""
    return _legend_surface(toggles.key())


@lru_cache(maxsize=16)
def _legend_surface(key: tuple[bool, ...]) -> pygame.Surface:
    toggles = LinkToggles(*key)
    row_h, pad, sample_w = 22, 10, 44
    title = fonts.text("Alliances", 15, palette.INK, bold=True, style="serif")
    labels = [fonts.text(text, 13, palette.INK) for _, text in LEGEND_ROWS]
    width = pad * 3 + sample_w + max(l.get_width() for l in labels)
    height = pad * 2 + title.get_height() + 4 + row_h * len(LEGEND_ROWS)
    surf = pygame.Surface((width, height), pygame.SRCALPHA)
    draw.pill(surf, surf.get_rect(), (*palette.PARCHMENT, 236), palette.INK_SOFT, radius=8)
    surf.blit(title, (pad, pad))
    y = pad + title.get_height() + 4
    for (kind, _), label in zip(LEGEND_ROWS, labels):
        cy = y + row_h / 2
        a, b = (pad, cy), (pad + sample_w, cy)
        shown = toggles.shows(kind) if kind in KIND_COLOURS else True
        if kind in KIND_COLOURS:
            link = Link(kind, "", "", a, b)
            draw_sample(surf, link)
        elif kind == "engaged":
            pygame.draw.line(surf, palette.ENGAGED_GLOW, a, b, 11)
            pygame.draw.line(surf, palette.LINK_DEFENSIVE, a, b, 5)
        else:
            pygame.draw.line(surf, palette.LINK_DEFENSIVE, a, b, 3)
            _secret_mark(surf, draw.lerp(a, b, 0.5))
        if not shown:
            label = label.copy()
            label.set_alpha(90)
            veil = pygame.Surface((sample_w + 4, row_h), pygame.SRCALPHA)
            veil.fill((*palette.PARCHMENT, 190))
            surf.blit(veil, (pad - 2, y))
        surf.blit(label, (pad * 2 + sample_w, cy - label.get_height() / 2))
        y += row_h
    return surf


def draw_sample(surf: pygame.Surface, link: Link) -> None:
    """A legend sample: the same styles as the map, at the sample's fixed place."""
    cam = Camera(viewport=surf.get_size())
    if link.kind == "offensive":
        a, b = link.pa, link.pb
        mid = draw.lerp(a, b, 0.55)
        pygame.draw.line(surf, palette.LINK_OFFENSIVE, a, mid, 3)
        draw.arrow(surf, palette.LINK_OFFENSIVE, mid, b, 2, head=9,
                   outline=palette.darker(palette.LINK_OFFENSIVE, 0.4), dashed_body=True)
        return
    _draw_link(surf, link, cam, end_gap=0)


def draw_legend(surf: pygame.Surface, toggles: LinkToggles, corner: str = "bottomleft",
                margin: int = 12) -> pygame.Rect:
    """Blit the legend at a corner of the surface; returns where it went."""
    legend = legend_surface(toggles)
    rect = legend.get_rect()
    setattr(rect, corner, getattr(surf.get_rect().inflate(-2 * margin, -2 * margin), corner))
    surf.blit(legend, rect)
    return rect
