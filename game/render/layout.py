"""Where a territory's capital star, name and unit badges go at a given zoom, and whether
they are shown at all. One place, so the static layer, the hover tooltip and the replay
agree on where things are."""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import TerritoryShape

NAME_MIN_PX = 10        # below this a name is noise, not information
NAME_MAX_PX = 22
BADGE_MIN_SPAN = 30     # territories narrower than this on screen get no badges


@dataclass(frozen=True)
class LabelLayout:
    """Screen-space layout around a territory's anchor (sizes in pixels, 0 = hidden)."""

    name_size: int
    star_radius: float
    badge_height: int
    star_y: float        # offsets from the anchor's screen y
    name_y: float
    badge_y: float


def label_layout(t: TerritoryShape, zoom: float, name_width: int | None = None,
                 typical_span: float | None = None, name_size: int | None = None
                 ) -> LabelLayout:
    """The layout of territory ``t`` at ``zoom``.

    Sizes follow the map's ``typical_span`` (median territory width) rather than each
    territory's own, so neighbouring names share one size and badges appear everywhere at
    once as the player zooms in, not in scattered patches. ``name_width`` (pixels at the
    chosen size), when given, hides a name wider than its own territory; ``name_size``
    overrides the size (``static_layer.territory_label`` picks one that fits).
    """
    typical = (typical_span or t.span) * zoom
    width = (t.bbox[2] - t.bbox[0]) * zoom
    name = name_font_size(t, zoom, typical_span) if name_size is None else name_size
    if name < NAME_MIN_PX or (name_width is not None and name_width > width * 0.92):
        name = 0
    star = 0.0
    if t.capital_of:
        star = max(5.0, min(9.0, typical * 0.1))
    badge = int(min(20, max(13, typical * 0.16))) if typical >= BADGE_MIN_SPAN else 0
    # A capital's star sits exactly on the anchor (alliance links end there); the name
    # and the badges hang below it. Elsewhere the name is centred on the anchor.
    name_y = (star + 2 + name / 2) if star else 0.0
    below = (name_y + name / 2 + 2) if name else (star + 2 if star else -badge / 2)
    return LabelLayout(name, star, badge, 0.0, name_y, below + badge / 2)


def name_font_size(t: TerritoryShape, zoom: float, typical_span: float | None = None) -> int:
    """The name's font size before the width check (so callers can measure the text)."""
    return int(min(NAME_MAX_PX, (typical_span or t.span) * zoom * 0.17))
