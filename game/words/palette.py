"""The colours of the game: a muted parchment-and-sea palette shared by every screen.

Power colours come from the scenario ("#rrggbb"); everything else a screen paints is named
here, so the map, the panels and the pygame_gui theme (game/data/assets/theme.json) agree.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

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


# --- power colours as shown --------------------------------------------------------------------
#
# A scenario names each power's colour; the screens show it as the scenario says, except that
# a colour whose land is too close to a neighbour's, to neutral land or to the sea is shown a
# shade deeper or paler until it stands apart (europe-1939's German slate grey was close to
# the neutral grey; cold-war's Czechoslovak lilac to the Polish pink). With the colour-blind palette on, each power
# gets instead a colour from a set built on Okabe & Ito's palette for colour-blind readers
# ("Color Universal Design", 2008) with a few of Paul Tol's, chosen so that neighbours stand
# apart for normal, deuteranopic and protanopic vision alike. The screens ask
# ``power_colour`` / ``power_colours`` for a power's colour and redraw when ``version()`` moves.

# Least CIEDE2000 differences between a power's land and a neighbour's, neutral land, the sea.
NEIGHBOUR_APART = 12.0
NEUTRAL_APART = 20.0
# The colour-blind palette's least differences from neutral land and the sea, for every
# vision: a little less than the normal palette's from neutral land, since under simulated
# deuteranopia half the set falls within 20 of it and ten powers need ten colours.
CB_NEUTRAL_APART = 15.0
CB_SEA_APART = 8.0
SEA_APART = 8.0          # (the coastline and shallows also mark land from sea)
DEEPEN_TOWARD = (38, 46, 66)   # a grey power is deepened toward this slate ink
CVD_VISIONS = ("deuteranopia", "protanopia")
COLOUR_BLIND_SET: tuple[Colour, ...] = (
    (0, 114, 178),     # Okabe-Ito blue
    (230, 159, 0),     # orange
    (0, 158, 115),     # bluish green
    (204, 121, 167),   # reddish purple
    (213, 94, 0),      # vermillion
    (86, 180, 233),    # sky blue
    (240, 228, 66),    # yellow
    (51, 34, 136),     # Tol indigo
    (136, 34, 85),     # Tol wine
    (153, 153, 51),    # Tol olive
    (68, 170, 153),    # Tol teal
    (40, 40, 40),      # near black
    (238, 51, 119),    # Tol vibrant magenta
    (17, 119, 51),     # Tol green
    (170, 68, 153),    # Tol purple
    (102, 37, 6),      # dark brown
    (119, 170, 221),   # Tol light blue
    (238, 136, 102),   # Tol light orange
)

_mode = {"colour_blind": False, "version": 0}
# The colour-blind colours last chosen for the map (they depend on who borders whom, which
# only the map knows), so chips and panels show the same ones.
_chosen: dict[str, Colour] = {}
_shown: dict[str, Colour] = {}


def use_colour_blind(on: bool) -> None:
    """Switch the colour-blind palette on or off (the settings menu calls this; nothing is
    saved here). Screens notice through ``version()`` and redraw."""
    if bool(on) != _mode["colour_blind"]:
        _mode["colour_blind"] = bool(on)
        _mode["version"] += 1


def colour_blind() -> bool:
    return bool(_mode["colour_blind"])


def version() -> int:
    """Changes whenever the power colours may have changed."""
    return int(_mode["version"])


def shades(colour: Colour) -> list[Colour]:
    """Deeper, then paler, versions of a colour, nearest first (still the power's hue)."""
    return ([mix(colour, DEEPEN_TOWARD, k / 10) for k in range(1, 7)]
            + [mix(colour, (255, 255, 255), k / 10) for k in range(1, 5)])


def power_colours(powers: Sequence[tuple[str, str | None]],
                  neighbours: Iterable[frozenset[str]] = ()) -> dict[str, Colour]:
    """Each power's colour as shown, from (id, scenario colour) pairs in scenario order and
    the pairs of powers that border each other (which the colour-blind palette keeps apart)."""
    if colour_blind():
        from .colours import assign

        out = assign([pid for pid, _ in powers], COLOUR_BLIND_SET, set(neighbours), owner_fill,
                     ((NEUTRAL, CB_NEUTRAL_APART), (SEA, CB_SEA_APART)), CVD_VISIONS,
                     NEIGHBOUR_APART)
        _chosen.update(out)
        return out
    from .colours import keep_apart

    out = keep_apart([(pid, hex_colour(text)) for pid, text in powers], set(neighbours),
                     owner_fill, ((NEUTRAL, NEUTRAL_APART), (SEA, SEA_APART)),
                     NEIGHBOUR_APART, shades)
    _shown.update(out)
    return out


def power_colour(pid: str, scenario_colour: str | None) -> Colour:
    """One power's colour as shown, for chips and panels: the one the map chose (which
    depends on who borders whom), else the scenario's, kept apart from neutral land."""
    if colour_blind():
        return _chosen.get(pid, COLOUR_BLIND_SET[0])
    if pid in _shown:
        return _shown[pid]
    return power_colours([(pid, scenario_colour)])[pid]


def powers_from(powers: Iterable[Mapping[str, object] | object]) -> list[tuple[str, str | None]]:
    """(id, colour) pairs from PowerInfo objects or dicts with id/color."""
    out: list[tuple[str, str | None]] = []
    for p in powers:
        get = p.get if isinstance(p, Mapping) else (lambda k, p=p: getattr(p, k, None))
        colour = get("color")
        out.append((str(get("id")), colour if isinstance(colour, str) else None))
    return out
