"""Fonts and cached text surfaces.

pygame's default font is always there; a freely licensed TTF dropped into game/data/assets/fonts/, or
DejaVu if the system has it (Bitstream Vera licence), is preferred when present. No font is
fetched from anywhere. Rendered text is cached because a 2,000-territory map would
otherwise render thousands of strings every time the static layer is rebuilt.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.data import ASSETS_DIR

FONT_DIR = ASSETS_DIR / "fonts"


def _font_file(style: str) -> str | None:
    """A TTF from game/data/assets/fonts for 'serif' or 'sans' (None: pygame's default font)."""
    wanted = {"serif": ("serif", "Serif"), "sans": ("sans", "Sans")}[style]
    if FONT_DIR.is_dir():
        for path in sorted(FONT_DIR.glob("*.ttf")):
            if any(w in path.name for w in wanted) and "Bold" not in path.name:
                return str(path)
    return _system_font(style)


@lru_cache(maxsize=4)
def _system_font(style: str) -> str | None:
    """A freely licensed font already installed on the system (DejaVu), else None."""
    if not pygame.font.get_init():
        pygame.font.init()
    name = {"serif": "dejavuserif", "sans": "dejavusans"}[style]
    try:
        found = pygame.font.match_font(name)
    except Exception:  # no fontconfig: pygame's own font is fine
        return None
    return found if found and "dejavu" in found.lower() else None


_forget_on_quit = False  # whether pygame will tell us when it quits


def _forget_fonts() -> None:
    """pygame.quit() invalidates every Font; drop the cached ones so they are made anew."""
    global _forget_on_quit
    _forget_on_quit = False
    _font.cache_clear()


def font(size: int, bold: bool = False, style: str = "sans") -> pygame.font.Font:
    """A font of the given pixel size; cached, since Font() reads the file each time."""
    global _forget_on_quit
    if not pygame.font.get_init():
        pygame.font.init()
    if not _forget_on_quit:
        pygame.register_quit(_forget_fonts)
        _forget_on_quit = True
    return _font(size, bold, style)


@lru_cache(maxsize=128)
def _font(size: int, bold: bool, style: str) -> pygame.font.Font:
    f = pygame.font.Font(_font_file(style), max(6, int(size)))
    f.set_bold(bold)
    return f


@lru_cache(maxsize=8192)
def text(label: str, size: int, colour: tuple[int, int, int], bold: bool = False,
         style: str = "sans") -> pygame.Surface:
    """Anti-aliased text on a transparent surface."""
    return font(size, bold, style).render(label, True, colour)


@lru_cache(maxsize=8192)
def halo_text(label: str, size: int, colour: tuple[int, int, int],
              halo: tuple[int, int, int], bold: bool = False, style: str = "sans",
              radius: int = 1) -> pygame.Surface:
    """Text with a soft outline in ``halo`` so it stays readable over any fill or line."""
    core = text(label, size, colour, bold, style)
    ring = text(label, size, halo, bold, style)
    w, h = core.get_width() + 2 * radius, core.get_height() + 2 * radius
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            if dx or dy:
                out.blit(ring, (radius + dx, radius + dy))
    out.blit(core, (radius, radius))
    return out


def wrap(label: str, width: int, size: int, bold: bool = False,
         style: str = "sans") -> list[str]:
    """Greedy word wrap of ``label`` to ``width`` pixels at this font; newlines are kept
    (an empty line stays an empty line). A word wider than ``width`` on its own (a file's
    path, say) is cut where the line is full, rather than run past the edge."""
    f = font(size, bold, style)
    lines: list[str] = []
    for para in label.split("\n"):
        current = ""
        for word in para.split():
            trial = f"{current} {word}".strip()
            if current and f.size(trial)[0] > width:
                lines.append(current)
                current = word
            else:
                current = trial
            while len(current) > 1 and f.size(current)[0] > width:
                cut = _fitting(f, current, width)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def _fitting(f: pygame.font.Font, text: str, width: int) -> int:
    """How many of ``text``'s first characters fit in ``width`` pixels (at least one)."""
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if f.size(text[:mid])[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo
