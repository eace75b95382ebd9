"""The files the game ships beside its code: maps, scenarios and the client's assets.

They are package data, so an installed wheel finds them as well as a checkout does; this is
the one module that knows where they are. ``importlib.resources`` gives a real folder for
every way the package is installed here (a checkout, an editable install, an unpacked wheel).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_ROOT = Path(str(files(__name__)))

#: Shipped maps (``*.map.json``), scenarios (``*.scenario.toml``) and outlines.
MAPS_DIR: Path = _ROOT / "maps"
#: The client's theme (``theme.json``) and optional fonts (``fonts/*.ttf``).
ASSETS_DIR: Path = _ROOT / "assets"
#: The pygame_gui theme every screen uses.
THEME_PATH: Path = ASSETS_DIR / "theme.json"

__all__ = ["ASSETS_DIR", "MAPS_DIR", "THEME_PATH"]
