"""Chat channels the umpire configures, and the planning stages that gate them.

Besides the public channel and the private channels players open among themselves (a list
of powers), a match may have **named channels** the umpire sets up:

- ``plenary``: every power reads and writes; spectators and observers read;
- ``team``: one power's team (every power also has its own implicit ``team:POWER``);
- ``bilateral``: exactly two powers; ``group``: any two or more;
- ``press``: every seat reads; the listed writers (every power by default) write, and the
  author is shown to the umpire only: everyone else sees ``from: "press"``.

Each channel says in which planning **stages** its members may write. A turn's planning
starts in the match's opening stage; the umpire moves it from ``negotiation`` (talk only:
orders are refused) to ``orders``. Without any of this a match is always in ``orders``,
as online play has always been.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PUBLIC = "public"
TEAM_PREFIX = "team:"
PRESS_AUTHOR = "press"   # the author a press message shows to everyone but the umpire

PLENARY = "plenary"
TEAM = "team"
BILATERAL = "bilateral"
GROUP = "group"
PRESS = "press"
CHANNEL_KINDS: tuple[str, ...] = (PLENARY, TEAM, BILATERAL, GROUP, PRESS)

NEGOTIATION = "negotiation"
ORDERS = "orders"
STAGES: tuple[str, ...] = (NEGOTIATION, ORDERS)

MAX_CHANNELS = 64
CHANNEL_ID = re.compile(r"[A-Za-z0-9_-]{1,24}\Z")
CHANNEL_KEYS = ("id", "kind", "members", "writers", "stages", "name")


@dataclass(frozen=True)
class Channel:
    """A named channel. ``members`` are the powers that belong to it (every power for
    plenary and press); ``writers`` the powers that may write (None: every member);
    ``stages`` the planning stages in which they may."""

    id: str
    kind: str
    members: tuple[str, ...]
    writers: tuple[str, ...] | None = None
    stages: tuple[str, ...] = STAGES
    name: str = ""

    @property
    def public(self) -> bool:
        """Read by every seat of the match, spectators included."""
        return self.kind in (PLENARY, PRESS)

    @property
    def hides_author(self) -> bool:
        return self.kind == PRESS

    def may_write(self, power: str, stage: str) -> bool:
        writers = self.members if self.writers is None else self.writers
        return power in writers and stage in self.stages

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name,
                "members": list(self.members),
                "writers": None if self.writers is None else list(self.writers),
                "stages": list(self.stages)}


def team_channel(power: str) -> str:
    """The wire name of a power's team channel."""
    return f"{TEAM_PREFIX}{power}"


def channel_from_config(doc: Any, powers: list[str]) -> Channel:
    """A channel from the umpire's configuration; raises ValueError naming every problem.

    ``doc``: ``{"id", "kind", "members"?, "writers"?, "stages"?, "name"?}``. Members are
    powers in scenario order; plenary and press channels have every power.
    """
    if not isinstance(doc, dict):
        raise ValueError("a channel is a map with id, kind and members")
    problems = [f"a channel has no field {key!r}" for key in doc if key not in CHANNEL_KEYS]
    channel_id = doc.get("id")
    if not (isinstance(channel_id, str) and CHANNEL_ID.match(channel_id)):
        problems.append("a channel id is 1 to 24 letters, digits, '-' or '_'")
    kind = doc.get("kind")
    if kind not in CHANNEL_KINDS:
        problems.append(f"a channel's kind is one of {', '.join(CHANNEL_KINDS)}, "
                        f"not {kind!r}")
    if channel_id == TEAM:
        problems.append("'team' names each player's own team channel; choose another id")
    if channel_id == PUBLIC and kind != PLENARY:
        problems.append("the public channel can only be a plenary channel")
    members = _powers(doc.get("members", []), powers, "members", problems)
    writers = (_powers(doc["writers"], powers, "writers", problems)
               if doc.get("writers") is not None else None)
    stages = doc.get("stages", list(STAGES))
    if not (isinstance(stages, list) and all(s in STAGES for s in stages)):
        problems.append(f"stages is a list of {', '.join(STAGES)}")
        stages = []
    name = doc.get("name", "")
    if not (isinstance(name, str) and len(name) <= 64):
        problems.append("a channel's name is text of at most 64 characters")
    if kind in (PLENARY, PRESS):
        if "members" in doc:
            problems.append(f"a {kind} channel has every power; leave out members")
        members = list(powers)
    elif kind == TEAM and len(members) != 1:
        problems.append("a team channel has exactly one power")
    elif kind == BILATERAL and len(members) != 2:
        problems.append("a bilateral channel has exactly two powers")
    elif kind == GROUP and len(members) < 2:
        problems.append("a group channel has two or more powers")
    if writers is not None and not set(writers) <= set(members):
        problems.append("a channel's writers must be among its members")
    if problems:
        raise ValueError("; ".join(problems))
    order = {p: i for i, p in enumerate(powers)}
    # Checked above: the id and kind are text, and every member and writer is a power.
    return Channel(id=str(channel_id), kind=str(kind),
                   members=tuple(sorted(members, key=order.__getitem__)),
                   writers=None if writers is None else tuple(sorted(writers,
                                                                     key=order.__getitem__)),
                   stages=tuple(s for s in STAGES if s in stages), name=name)


def channel_from_json(doc: dict[str, Any]) -> Channel:
    """A channel back from its ``to_json`` (as the log keeps it)."""
    return Channel(id=doc["id"], kind=doc["kind"], members=tuple(doc["members"]),
                   writers=None if doc["writers"] is None else tuple(doc["writers"]),
                   stages=tuple(doc["stages"]), name=doc.get("name", ""))


def _powers(value: Any, powers: list[str], what: str, problems: list[str]) -> list[str]:
    if not (isinstance(value, list) and all(isinstance(p, str) for p in value)):
        problems.append(f"{what} is a list of power ids")
        return []
    unknown = [p for p in value if p not in powers]
    if unknown:
        problems.append(f"{what} names {', '.join(unknown)}, not a power of this match")
    if len(set(value)) != len(value):
        problems.append(f"{what} names a power twice")
    return [p for p in value if p in powers]


def opening_channels(configs: Any, powers: list[str]) -> list[dict[str, Any]]:
    """The named channels a match is created with, checked as the umpire's ``set_channel``
    checks one (ids unique, at most MAX_CHANNELS), as their JSON; raises ValueError."""
    if not isinstance(configs, (list, tuple)):
        raise ValueError("the opening channels are a list of channel configurations")
    if len(configs) > MAX_CHANNELS:
        raise ValueError(f"a match has at most {MAX_CHANNELS} channels")
    channels: dict[str, dict[str, Any]] = {}
    for k, config in enumerate(configs):
        try:
            channel = channel_from_config(config, powers)
        except ValueError as err:
            raise ValueError(f"opening channel {k + 1}: {err}") from None
        if channel.id in channels:
            raise ValueError(f"opening channel {k + 1}: the id {channel.id!r} is used twice")
        channels[channel.id] = channel.to_json()
    return list(channels.values())
