"""What the projector announces to the room: public chat, public news and the clock's
warnings, as large captions that stay on screen for a while.

The projector follows a spectator seat, which the host already sends only public things.
These rules are a second lock, not the first: a caption is made only from a message that is
public by its own words (the public channel, a plenary or press channel, an inject aimed at
everyone), so a host that sent too much would still not put a private line on the wall.

Pure Python, no pygame: the tests read it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from game.words.narrate import Names

CAPTION_SECONDS = 20.0      # how long a caption stays up
MAX_KEPT = 30               # captions remembered (the screen shows the newest few)
PUBLIC_KINDS = frozenset({"plenary", "press"})   # configured channels every seat reads

# Caption kinds, which the screen styles differently.
CHAT = "chat"
NEWS = "news"
CLOCK = "clock"


@dataclass(frozen=True)
class Caption:
    """One line for the room."""

    kind: str           # chat, news or clock
    speaker: str        # who said it (a power's name, "Press", "Umpire"), or the news title
    text: str
    power: str | None   # the speaker's power id, for its colour
    at: float           # screen time it arrived


def is_public_chat(message: Mapping[str, Any], channels: Mapping[str, Mapping[str, Any]]
                   ) -> bool:
    """Whether a chat message is on a channel every seat reads."""
    channel = message.get("channel")
    if channel == "public":
        return True
    if isinstance(channel, str):
        return str((channels.get(channel) or {}).get("kind")) in PUBLIC_KINDS
    return False        # a list of powers: a private conversation


def is_public_inject(message: Mapping[str, Any]) -> bool:
    return message.get("targets", "all") == "all"


def caption_of(message: Mapping[str, Any], names: Names,
               channels: Mapping[str, Mapping[str, Any]], at: float) -> Caption | None:
    """The caption a message makes, or None for one the room does not need (or must not
    see)."""
    kind = message.get("type")
    if kind == "chat" and is_public_chat(message, channels):
        sender = str(message.get("from") or "")
        text = str(message.get("text") or "").strip()
        if not text:
            return None
        if message.get("press") or sender == "press":
            channel = channels.get(str(message.get("channel"))) or {}
            return Caption(CHAT, str(channel.get("name") or "Press"), text, None, at)
        if sender == "umpire":
            return Caption(CHAT, "Umpire", text, None, at)
        return Caption(CHAT, names.power(sender), text, sender, at)
    if kind == "inject" and is_public_inject(message):
        title = str(message.get("title") or "").strip()
        text = str(message.get("text") or "").strip()
        if not (title or text):
            title = str(message.get("kind") or "news").replace("_", " ").capitalize()
        return Caption(NEWS, title or "News", text, None, at)
    if kind == "deadline_warning":
        left = float(message.get("seconds_left") or 0)
        minutes = max(1, round(left / 60))
        when = f"{minutes} minute{'s' if minutes != 1 else ''}" if left >= 60 \
            else f"{int(left)} seconds"
        return Caption(CLOCK, "The clock", f"{when} left to give orders.", None, at)
    if kind == "match_over":
        winner = message.get("winner") or {}
        who = [names.power(p) for p in winner.get("powers", [])]
        text = f"{' and '.join(who)} won." if who else "Nobody won."
        return Caption(NEWS, "The match is over", text, None, at)
    return None


class CaptionQueue:
    """The captions heard so far, newest last; ``showing`` names those still up."""

    def __init__(self, seconds: float = CAPTION_SECONDS) -> None:
        self.seconds = seconds
        self.captions: list[Caption] = []

    def add(self, caption: Caption | None) -> None:
        if caption is not None:
            self.captions = [*self.captions[-(MAX_KEPT - 1):], caption]

    def showing(self, now: float, most: int = 2) -> list[Caption]:
        """The newest captions still within their time, oldest first."""
        live = [c for c in self.captions if now - c.at < self.seconds]
        return live[-most:]
