"""Colour science for telling powers apart: CIE Lab, the CIEDE2000 difference, WCAG contrast,
simulated colour-vision deficiency, and choosing power colours that neighbours can tell apart.

CIEDE2000 is the CIE's colour difference of 2000 (Sharma, Wu & Dalal, "The CIEDE2000
color-difference formula: implementation notes", Color Research & Application 30(1), 2005):
about 1 is the smallest difference a trained eye sees side by side; map colours want 15 or
more. Colour-vision deficiency is simulated with the matrices of Machado, Oliveira &
Fernandes, "A physiologically-based model for simulation of color vision deficiency", IEEE
TVCG 15(6), 2009, at full severity, applied in linear RGB. Pure functions, no pygame.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable, Mapping, Sequence

Colour = tuple[int, int, int]
Lab = tuple[float, float, float]

# Machado et al. 2009, severity 1.0 (dichromacy), on linear RGB.
CVD_MATRICES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}


def _to_linear(v: float) -> float:
    v /= 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _to_srgb(v: float) -> int:
    v = min(1.0, max(0.0, v))
    s = 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return round(s * 255)


def to_lab(c: Colour) -> Lab:
    """sRGB (D65) to CIE L*a*b*."""
    r, g, b = (_to_linear(v) for v in c)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(c1: Colour, c2: Colour) -> float:
    """The CIEDE2000 difference between two sRGB colours."""
    return delta_e_lab(to_lab(c1), to_lab(c2))


def delta_e_lab(lab1: Lab, lab2: Lab) -> float:
    """The CIEDE2000 difference between two L*a*b* colours."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    else:
        dhp = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6))
         - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc = 1 + 0.045 * cp_bar
    sh = 1 + 0.015 * cp_bar * t
    rt = (-2 * math.sqrt(cp_bar ** 7 / (cp_bar ** 7 + 25 ** 7))
          * math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2)))))
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dh / sh) ** 2
                     + rt * (dc / sc) * (dh / sh))


def relative_luminance(c: Colour) -> float:
    r, g, b = (_to_linear(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(c1: Colour, c2: Colour) -> float:
    """The WCAG 2 contrast ratio (1 to 21)."""
    hi, lo = sorted((relative_luminance(c1), relative_luminance(c2)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def simulate(c: Colour, deficiency: str) -> Colour:
    """How ``c`` looks to someone with ``deficiency`` (a key of CVD_MATRICES)."""
    m = CVD_MATRICES[deficiency]
    lin = [_to_linear(v) for v in c]
    return tuple(_to_srgb(sum(m[i][j] * lin[j] for j in range(3)))  # type: ignore[return-value]
                 for i in range(3))


def seen_apart(c1: Colour, c2: Colour, visions: Sequence[str] = ()) -> float:
    """The smallest CIEDE2000 difference between two colours for normal vision and each of
    ``visions`` (simulated deficiencies)."""
    out = delta_e(c1, c2)
    for v in visions:
        out = min(out, delta_e(simulate(c1, v), simulate(c2, v)))
    return out


OWN_COLOUR_APART = 12.0


def neighbours_of(owners: Mapping[str, str | None],
                  edges: Iterable[tuple[str, str]]) -> set[frozenset[str]]:
    """Pairs of powers that own territories on either side of an edge."""
    out = set()
    for a, b in edges:
        pa, pb = owners.get(a), owners.get(b)
        if pa and pb and pa != pb:
            out.add(frozenset((pa, pb)))
    return out


def assign(powers: Sequence[str], candidates: Sequence[Colour],
           neighbours: set[frozenset[str]], fill: Callable[[Colour], Colour], avoid: Sequence[tuple[Colour, float]],
           visions: Sequence[str], neighbour_apart: float = OWN_COLOUR_APART
           ) -> dict[str, Colour]:
    """A colour from ``candidates`` for each power, in order, greedily. Preferred: an unused
    candidate (two powers in one colour read as one bloc) whose land fill (``fill(colour)``)
    stands ``neighbour_apart`` from the fills of the neighbours already coloured and each
    ``avoid`` colour (neutral land, the sea) its distance from it, for every vision
    (``seen_apart`` with ``visions``); among those, the furthest from its neighbours. Failing
    that, the candidate that falls least short. Deterministic: the same powers and
    neighbours give the same colours."""
    chosen: dict[str, Colour] = {}
    for p in powers:
        near = [fill(chosen[q]) for q in chosen if frozenset((p, q)) in neighbours]
        used = set(chosen.values())

        def score(c: Colour) -> tuple[bool, float, float, int]:
            f = fill(c)
            gaps = [seen_apart(f, o, visions) for o in near]
            short = max([0.0] + [neighbour_apart - g for g in gaps]
                        + [need - seen_apart(f, o, visions) for o, need in avoid])
            return (c not in used and short == 0.0, -short, min(gaps + [25.0]),
                    -candidates.index(c))

        chosen[p] = max(candidates, key=score)
    return chosen


def keep_apart(powers: Sequence[tuple[str, Colour]], neighbours: set[frozenset[str]],
               fill: Callable[[Colour], Colour], avoid: Sequence[tuple[Colour, float]],
               neighbour_apart: float,
               variants: Callable[[Colour], Iterable[Colour]]) -> dict[str, Colour]:
    """Each power's own colour where it already stands apart; else the first of
    ``variants(colour)`` (deeper or paler shades of it) whose land fill is at least
    ``neighbour_apart`` from the neighbours coloured before it and at least each ``avoid``
    colour's distance from it; failing all, the variant that comes closest."""
    chosen: dict[str, Colour] = {}
    for p, own in powers:
        near = [fill(chosen[q]) for q in chosen if frozenset((p, q)) in neighbours]

        def shortfall(c: Colour) -> float:
            f = fill(c)
            gaps = [neighbour_apart - delta_e(f, o) for o in near]
            gaps += [need - delta_e(f, o) for o, need in avoid]
            return max([0.0, *gaps])

        options = [own, *variants(own)]
        chosen[p] = next((c for c in options if shortfall(c) == 0.0),
                         min(options, key=shortfall))
    return chosen
