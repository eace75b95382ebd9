"""The colours of the game: a muted parchment-and-sea palette shared by every screen.

Power colours come from the scenario ("#rrggbb"); everything else a screen paints is named
here, so the map, the panels and the pygame_gui theme (game/data/assets/theme.json) agree.
"""

from __future__ import annotations

Colour = tuple[int, int, int]

# --- the sea and the paper ------------------------------------------------------------------
SEA = (150, 176, 186)            # open water: a grey, faded blue, like an old atlas
SEA_DEEP = (132, 160, 172)       # wave strokes on the open water
SHALLOWS = (186, 205, 205)       # the pale band of shallow water along every coast
PARCHMENT = (233, 222, 196)      # neutral land, panels, label halos
PARCHMENT_DARK = (206, 191, 158)
INK = (52, 44, 36)               # text, coastlines
INK_SOFT = (92, 80, 66)          # internal borders, secondary text
NEUTRAL = (196, 189, 172)        # unowned land: grey on parchment
SEA_LANE = (96, 124, 140)        # dashed crossings along sea edges

CAPITAL_STAR = (238, 204, 96)   # gold, as capitals are marked on old maps

# --- interaction --------------------------------------------------------------------------
HOVER = (255, 248, 220)
SELECTED = (255, 214, 90)

# --- alliance links (RULES.md §3 kinds) ------------------------------------------------------
LINK_DEFENSIVE = (46, 94, 170)
LINK_OFFENSIVE = (214, 104, 32)
LINK_NON_AGGRESSION = (108, 108, 108)
LINK_PEACE = (58, 140, 74)
LINK_WAR = (178, 34, 34)
LINK_SECRET_MARK = (92, 52, 120)
ENGAGED_GLOW = (255, 236, 150)

# --- war outcomes --------------------------------------------------------------------------
BATTLE_MARKER = (120, 24, 24)    # the disc under crossed swords where a battle was fought
BATTLE_RING_WIN = (240, 200, 80)
MOVE_ARROW = (40, 36, 30)
DESTROYED = (30, 30, 30)
CALLOUT_BG = (247, 240, 222)
CALLOUT_BORDER = (92, 80, 66)

# How far owner colours are pulled toward the paper: scenario colours are often saturated,
# and a map painted in pure primaries looks like a chart, not an atlas.
OWNER_MUTE = 0.28

# Terrain changes the fill by a small tint so ownership still reads first; the glyphs drawn
# on top (static layer) carry the rest.
TERRAIN_TINT: dict[str, tuple[Colour, float]] = {
    "plains": ((255, 250, 230), 0.0),
    "forest": ((40, 90, 40), 0.10),
    "marsh": ((70, 110, 100), 0.10),
    "hills": ((120, 90, 50), 0.08),
    "urban": ((60, 60, 60), 0.08),
    "mountains": ((90, 80, 70), 0.16),
}


def hex_colour(text: str | None, default: Colour = NEUTRAL) -> Colour:
    """'#rrggbb' (or 'rrggbb') as an RGB tuple; the default for anything malformed."""
    if not text:
        return default
    t = text.lstrip("#")
    if len(t) != 6:
        return default
    try:
        return (int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16))
    except ValueError:
        return default


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """The colour a fraction t of the way from a to b."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
            round(a[2] + (b[2] - a[2]) * t))


def darker(c: Colour, t: float = 0.35) -> Colour:
    return mix(c, (0, 0, 0), t)


def lighter(c: Colour, t: float = 0.35) -> Colour:
    return mix(c, (255, 255, 255), t)


def luminance(c: Colour) -> float:
    return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255


def text_on(c: Colour) -> Colour:
    """Ink or paper, whichever reads better on c."""
    return INK if luminance(c) > 0.6 else (250, 246, 236)


def owner_fill(power_colour: Colour | None) -> Colour:
    """The land colour of a territory owned by a power of this colour (None: neutral)."""
    if power_colour is None:
        return NEUTRAL
    return mix(power_colour, PARCHMENT, OWNER_MUTE)


def territory_fill(power_colour: Colour | None, terrain: str) -> Colour:
    """The fill of a territory: its owner's muted colour, tinted a little by terrain."""
    base = owner_fill(power_colour)
    tint, amount = TERRAIN_TINT.get(terrain, TERRAIN_TINT["plains"])
    return mix(base, tint, amount)
