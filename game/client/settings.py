"""The player's settings: what they are, the file they live in, and putting them into effect.

The in-game menu changes them (game/client/screens/menu.py); they are saved at once to
``settings.json`` in the per-user data folder beside the saved games
(``~/.local/share/casus-foederis/settings.json``) and read when ``casus play`` or
``casus join`` opens the window. A damaged or foreign file reads as the defaults, field by
field: a bad setting never stops the game.

The UI scale enlarges the text of the panels (the theme's text boxes, which grow to fit what
they hold); buttons, chips and the map keep their sizes, so every layout still fits the
1280×720 window.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .hotseat.saves import default_saves_dir

FILE_NAME = "settings.json"
SPEEDS = (0.5, 1.0, 2.0)          # replay speeds the menu offers
SCALES = (1.0, 1.25, 1.5)         # UI scales the menu offers
# The theme's text-box fonts the UI scale enlarges (their boxes grow with the text).
SCALED_FONTS = ("text_box", "#panel_text", "#muted_text", "#problem_text", "#chat_history")


@dataclass
class Settings:
    """The player's choices (``app.settings``)."""

    sound: bool = True
    colour_blind: bool = False
    animation_speed: float = 1.0
    ui_scale: float = 1.0


def default_settings_path() -> Path:
    """The per-user settings file (in the same folder as the saves' folder)."""
    return default_saves_dir().parent / FILE_NAME


def read_settings(path: Path) -> Settings:
    """The settings in ``path``; defaults for a missing or unreadable file, and for any
    field whose value is not one the menu offers."""
    try:
        doc: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return Settings()
    settings = Settings()
    if not isinstance(doc, dict):
        return settings
    for key in ("sound", "colour_blind"):
        if isinstance(doc.get(key), bool):
            setattr(settings, key, doc[key])
    for key, allowed in (("animation_speed", SPEEDS), ("ui_scale", SCALES)):
        value = doc.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and float(value) in allowed:
            setattr(settings, key, float(value))
    return settings


def write_settings(settings: Settings, path: Path) -> str:
    """Save ``settings`` to ``path`` (atomically); '' when done, else one sentence why not."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({f.name: getattr(settings, f.name) for f in fields(settings)},
                          out, indent=1)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        return f"The settings could not be saved to {path}: {err.strerror or err}."
    return ""


def scaled_theme(theme: dict[str, Any], scale: float) -> dict[str, Any]:
    """The theme with the text boxes' font sizes multiplied by ``scale``."""
    out = json.loads(json.dumps(theme))
    base = (out.get("defaults") or {}).get("font", {}).get("size", "14")
    for key in SCALED_FONTS:
        entry = out.setdefault(key, {})
        font = entry.setdefault("font", {"name": "noto_sans"})
        font["size"] = str(round(int(font.get("size", base)) * scale))
    return out


def apply_ui_scale(manager: Any, theme_path: Path | None, scale: float) -> bool:
    """Reload the widget theme at ``scale`` (True: done; False: no theme file to scale).
    Widgets made from now on use it; the screens rebuild theirs when they come back."""
    if theme_path is None or not Path(theme_path).exists():
        return False
    theme = scaled_theme(json.loads(Path(theme_path).read_text(encoding="utf-8")), scale)
    # Text boxes use bold and italic: load them at the new sizes now, not mid-game.
    fonts = manager.get_theme().get_font_dictionary()
    styles = {"bold": (True, False), "italic": (False, True), "bold_italic": (True, True)}
    wanted = [{"name": "noto_sans", "point_size": size, "style": style, "antialiased": "1"}
              for size in sorted({int(theme[key]["font"]["size"]) for key in SCALED_FONTS})
              for style, (bold, italic) in styles.items()
              if not fonts.check_font_preloaded(
                  fonts.create_font_id(size, "noto_sans", bold, italic, True))]
    if wanted:
        manager.preload_fonts(wanted)
    manager.get_theme().load_theme(theme)
    manager.rebuild_all_from_changed_theme_data()
    return True


__all__ = ["SCALES", "SPEEDS", "Settings", "apply_ui_scale", "default_settings_path",
           "read_settings", "scaled_theme", "write_settings"]
